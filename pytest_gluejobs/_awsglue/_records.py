"""Records as Glue's functions see them, and what the functions return as Spark rows again.

A DynamicRecord holds the fields its record has. Spark's rows hold every column, so a record is
built from a row's values (`record_builder`): structs become dicts (the top-level ones
DynamicRecords, as aws-glue-libs' ``_create_dynamic_record`` wraps them), a choice the one value it
holds, and, for frames whose null fields stand for absent ones (read from JSON or DynamoDB), a null
field is left out, so ``rec["field"]`` raises ``KeyError`` as it does in Glue.

After a Map, Glue computes the schema from what the records hold: a field seen with two types
becomes a choice, a new field holding a small Python int is an ``int`` (awslabs/aws-glue-libs#44
shows both), and a field that kept a value of its old type keeps that type (`infer`, merged with
Glue's own `gluetypes.mergeDataTypes`). Records of one shape have one type, so `Typer` infers each
shape once. `row_maker` turns the results into rows of the merged schema.

Everything here runs in Spark's Python workers, once per record: each converter is built once per
schema, so a record costs a few dictionary operations.
"""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Callable, Iterable
from typing import Any

from pyspark.sql import Row
from pyspark.sql import types as T

from . import _types
from . import gluetypes as G

_INT_RANGE = range(-(2**31), 2**31)
_LONG_RANGE = range(-(2**63), 2**63)

Convert = Callable[[Any], Any]


# -- records in ----------------------------------------------------------------------------------


def record_builder(schema: T.StructType, omit_nulls: bool) -> Callable[..., G.DynamicRecord]:
    """The function making a row's values (one argument per column) the record a function sees.

    With ``omit_nulls`` a null field, at any depth of structs, is not in the record.
    """
    names = list(schema.names)
    converters = [_converter(field.dataType, omit_nulls) for field in schema.fields]
    if not any(converters):
        if omit_nulls:
            return lambda *values: G.DynamicRecord(
                [(name, value) for name, value in zip(names, values) if value is not None]
            )
        return lambda *values: G.DynamicRecord(zip(names, values))
    pairs = list(zip(names, converters))

    def build(*values: Any) -> G.DynamicRecord:
        record = G.DynamicRecord()
        for (name, convert), value in zip(pairs, values):
            if value is None:
                if omit_nulls:
                    continue
            elif convert is not None:
                value = convert(value)
                if type(value) is dict:
                    value = G.DynamicRecord(value)
            record[name] = value
        return record

    return build


def _converter(kind: T.DataType, omit_nulls: bool) -> Convert | None:
    """How a non-null Spark value of ``kind`` becomes plain Python; None when it already is."""
    if _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        branches = [_converter(branch.dataType, omit_nulls) for branch in kind.fields]

        def held(value: Any) -> Any:
            for item, convert in zip(value, branches):
                if item is not None:
                    return convert(item) if convert is not None else item
            return None

        return held
    if isinstance(kind, T.StructType):
        fields = [(f.name, _converter(f.dataType, omit_nulls)) for f in kind.fields]

        def struct(value: Any) -> dict[str, Any]:
            record: dict[str, Any] = {}
            for (name, convert), item in zip(fields, value):
                if item is None:
                    if omit_nulls:
                        continue
                elif convert is not None:
                    item = convert(item)
                record[name] = item
            return record

        return struct
    if isinstance(kind, T.ArrayType):
        element = _converter(kind.elementType, omit_nulls)
        if element is None:
            return None
        return lambda items: [None if item is None else element(item) for item in items]
    if isinstance(kind, T.MapType):
        entry = _converter(kind.valueType, omit_nulls)
        if entry is None:
            return None
        return lambda items: {
            key: None if item is None else entry(item) for key, item in items.items()
        }
    return None


def as_json(record: Any) -> str:
    """A record as JSON text, for error records and ``show``; one JSON cannot hold (a record that
    holds itself) as the JSON string of its text, so showing a failed record never fails."""
    try:
        return json.dumps(record, default=str)
    except (ValueError, RecursionError):
        return json.dumps(str(record))


# -- types out -----------------------------------------------------------------------------------

_INT_LIMITS: dict[type[T.DataType], range] = {
    T.ByteType: range(-128, 128),
    T.ShortType: range(-(2**15), 2**15),
    T.IntegerType: _INT_RANGE,
    T.LongType: _LONG_RANGE,
}
_FITS: dict[type, tuple[type[T.DataType], ...]] = {
    float: (T.FloatType, T.DoubleType),
    str: (T.StringType,),
    decimal.Decimal: (T.DecimalType,),
    datetime.datetime: (T.TimestampType, T.TimestampNTZType),
    datetime.date: (T.DateType,),
    bytes: (T.BinaryType,),
    bytearray: (T.BinaryType,),
    dict: (T.StructType, T.MapType),
    list: (T.ArrayType,),
    tuple: (T.ArrayType,),
}
_FRESH: dict[type, Callable[[], G.DataType]] = {
    float: G.DoubleType,
    str: G.StringType,
    datetime.datetime: G.TimestampType,
    datetime.date: G.DateType,
    bytes: G.BinaryType,
    bytearray: G.BinaryType,
    decimal.Decimal: lambda: G.DecimalType(38, 18),
}


def _fits(value: Any, kind: T.DataType) -> bool:
    """Whether a Python value is one of Spark type ``kind``, so the field may keep that type."""
    if isinstance(value, bool):
        return isinstance(kind, T.BooleanType)
    if isinstance(value, int):
        limits = _INT_LIMITS.get(type(kind))
        return limits is not None and value in limits
    for python, spark in _FITS.items():
        if isinstance(value, python):  # datetime before date, as the table lists them
            return isinstance(kind, spark)
    return False


def infer(value: Any, hint: T.DataType | None = None, where: str = "") -> G.DataType:
    """The Glue type of a value; ``hint`` is the field's type before, kept while the value fits it."""
    if value is None:
        return G.NullType()
    if hint is not None and _types.is_choice_type(hint):
        assert isinstance(hint, T.StructType)
        for branch in hint.fields:
            if _fits(value, branch.dataType):
                return infer(value, branch.dataType, where)
        hint = None
    if hint is not None and _fits(value, hint):
        if isinstance(hint, T.StructType):
            fields = {f.name: f.dataType for f in hint.fields}
            return G.StructType(
                [
                    G.Field(key, infer(item, fields.get(key), f"{where}.{key}" if where else key))
                    for key, item in value.items()
                ]
            )
        if isinstance(hint, T.MapType):
            return G.MapType(
                _merge_all(infer(item, hint.valueType, where) for item in value.values())
            )
        if isinstance(hint, T.ArrayType):
            return G.ArrayType(_merge_all(infer(item, hint.elementType, where) for item in value))
        return _types.glue_type(hint)
    return _fresh(value, where)


def _fresh(value: Any, where: str) -> G.DataType:
    if isinstance(value, bool):
        return G.BooleanType()
    if isinstance(value, int):
        if value in _INT_RANGE:
            return G.IntegerType()
        if value in _LONG_RANGE:
            return G.LongType()
        return G.DecimalType(38, 0)
    for python, glue in _FRESH.items():
        if isinstance(value, python):
            return glue()
    if isinstance(value, Row):
        value = value.asDict(recursive=True)
    if isinstance(value, dict):
        fields = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(
                    f"field names must be strings; {where or 'the record'} has the key {key!r}"
                )
            fields.append(G.Field(key, infer(item, where=f"{where}.{key}" if where else key)))
        return G.StructType(fields)
    if isinstance(value, (list, tuple)):
        return G.ArrayType(_merge_all(infer(item, where=where) for item in value))
    raise TypeError(
        f"{where or 'the record'} holds a {type(value).__name__}, which a DynamicRecord cannot store "
        "(use str, int, float, bool, Decimal, date, datetime, bytes, dict, list or None)"
    )


def _merge_all(types: Iterable[G.DataType]) -> G.DataType:
    merged: G.DataType = G.UnknownType()
    for kind in types:
        merged = G.mergeDataTypes(merged, kind)
    return merged


class _Unshaped(Exception):
    """A value whose type alone does not say its Glue type (it is inferred every time)."""


_PLAIN = frozenset(
    [
        str,
        float,
        bool,
        bytes,
        bytearray,
        datetime.date,
        datetime.datetime,
        decimal.Decimal,
        type(None),
    ]
)


def _int_width(value: int) -> int:
    for width, limits in enumerate(_INT_LIMITS.values()):
        if value in limits:
            return width
    return len(_INT_LIMITS)


def _shape(value: Any) -> Any:
    """What `infer` reads of a value: its types, dict keys and the widths of its ints."""
    kind = type(value)
    if kind is dict:
        return (dict, *[(key, _shape(item)) for key, item in value.items()])
    if kind is list or kind is tuple:
        return (list, *dict.fromkeys(_shape(item) for item in value))
    if kind is int:
        return _int_width(value)
    if kind in _PLAIN:
        return kind
    raise _Unshaped


class Typer:
    """`infer` against one schema, once per shape of record: ``typer(record)`` gives its type and
    whether that shape is new to this typer."""

    _LIMIT = 4096

    def __init__(self, hint: T.StructType) -> None:
        self.hint = hint
        self.known: dict[Any, G.DataType] = {}

    def __call__(self, record: Any) -> tuple[G.DataType, bool]:
        try:
            shape = _shape(record)
        except _Unshaped:
            return infer(record, self.hint), True
        kind = self.known.get(shape)
        if kind is not None:
            return kind, False
        kind = infer(record, self.hint)
        if len(self.known) < self._LIMIT:
            self.known[shape] = kind
        return kind, True


def in_order_of(merged: G.DataType, before: T.DataType) -> G.DataType:
    """``merged`` with the fields a struct had before in their old order, new fields after them.

    Records that lack a field (a null one left out) would otherwise move it behind the others.
    """
    if isinstance(merged, G.StructType) and isinstance(before, T.StructType):
        old = {f.name: (index, f.dataType) for index, f in enumerate(before.fields)}
        fields = sorted(merged.fields, key=lambda f: old[f.name][0] if f.name in old else len(old))
        return G.StructType(
            [
                G.Field(
                    f.name, in_order_of(f.dataType, old[f.name][1]) if f.name in old else f.dataType
                )
                for f in fields
            ]
        )
    if isinstance(merged, G.ArrayType) and isinstance(before, T.ArrayType):
        return G.ArrayType(in_order_of(merged.elementType, before.elementType))
    return merged


# -- values out ----------------------------------------------------------------------------------


def row_maker(schema: T.StructType) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The function turning a record (a dict) into a row of ``schema``, as Spark takes it."""
    fields = [(f.name, _spark_converter(f.dataType)) for f in schema.fields]

    def row(record: dict[str, Any]) -> tuple[Any, ...]:
        values = []
        for name, convert in fields:
            value = record.get(name)
            values.append(value if value is None or convert is None else convert(value))
        return tuple(values)

    return row


def _spark_converter(kind: T.DataType) -> Convert | None:
    """How a non-null Python value becomes a Spark value of ``kind``; None when it already is."""
    if _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        branches = [(branch.dataType, _spark_converter(branch.dataType)) for branch in kind.fields]

        def choice(value: Any) -> tuple[Any, ...]:
            held: list[Any] = [None] * len(branches)
            for index, (branch, convert) in enumerate(branches):
                if _fits(value, branch):
                    held[index] = value if convert is None else convert(value)
                    break
            return tuple(held)

        return choice
    if isinstance(kind, T.StructType):
        make = row_maker(kind)
        return lambda value: make(value.asDict(recursive=True) if isinstance(value, Row) else value)
    if isinstance(kind, T.ArrayType):
        element = _spark_converter(kind.elementType)
        if element is None:
            return list
        return lambda items: [None if item is None else element(item) for item in items]
    if isinstance(kind, T.MapType):
        entry = _spark_converter(kind.valueType)
        if entry is None:
            return None
        return lambda items: {
            key: None if item is None else entry(item) for key, item in items.items()
        }
    if isinstance(kind, (T.FloatType, T.DoubleType)):
        return lambda value: float(value) if isinstance(value, int) else value
    if isinstance(kind, T.DecimalType):
        return lambda value: decimal.Decimal(value) if isinstance(value, int) else value
    if isinstance(kind, T.NullType):
        return lambda value: None
    return None
