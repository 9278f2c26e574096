"""Records as Python dicts and back: what Map, Filter and Unbox run on, and the schema they leave.

A DynamicFrame's records describe themselves, so after a function changed them Glue computes the
schema from what the records hold: a field seen with two types becomes a choice, a new field holding
a small Python int is an ``int`` (aws-glue-libs issue 44 shows both), and a field that kept a value
of its old type keeps that type. This module does the same over an RDD: each record is turned into
a dict, the function runs (its failures become error records, not crashes), every result's type
is inferred, the types are merged with Glue's own `gluetypes.mergeDataTypes`, and the results are
turned into rows of that schema. The functions here run in Spark's Python workers.
"""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Callable, Iterable
from typing import Any

from pyspark import StorageLevel
from pyspark.rdd import RDD
from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import types as T

from . import _types
from . import gluetypes as G

_INT_RANGE = range(-(2**31), 2**31)
_LONG_RANGE = range(-(2**63), 2**63)

Record = dict[str, Any]
# A function's outcome for one record: ("ok", record) or ("error", message, record as JSON text).
Outcome = tuple[Any, ...]


def to_python(value: Any, kind: T.DataType) -> Any:
    """A Spark value as plain Python: rows as dicts, a choice as the one value it holds."""
    if value is None:
        return None
    if _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        for branch in kind.fields:
            held = value[branch.name]
            if held is not None:
                return to_python(held, branch.dataType)
        return None
    if isinstance(kind, T.StructType):
        return {f.name: to_python(value[f.name], f.dataType) for f in kind.fields}
    if isinstance(kind, T.ArrayType):
        return [to_python(item, kind.elementType) for item in value]
    if isinstance(kind, T.MapType):
        return {key: to_python(item, kind.valueType) for key, item in value.items()}
    return value


def row_to_record(row: Row, schema: T.StructType) -> Record:
    """A DataFrame row as the record a Glue function sees."""
    record = to_python(row, schema)
    assert isinstance(record, dict)
    return record


def _fits(value: Any, kind: T.DataType) -> bool:
    """Whether a Python value is one of Spark type ``kind``, so the field may keep that type."""
    if isinstance(value, bool):
        return isinstance(kind, T.BooleanType)
    if isinstance(value, int):
        limits: dict[type, range] = {
            T.ByteType: range(-128, 128),
            T.ShortType: range(-(2**15), 2**15),
            T.IntegerType: _INT_RANGE,
            T.LongType: _LONG_RANGE,
        }
        return type(kind) in limits and value in limits[type(kind)]
    checks: list[tuple[type | tuple[type, ...], type | tuple[type, ...]]] = [
        (float, (T.FloatType, T.DoubleType)),
        (str, T.StringType),
        (decimal.Decimal, T.DecimalType),
        (datetime.datetime, (T.TimestampType, T.TimestampNTZType)),
        ((bytes, bytearray), T.BinaryType),
        (dict, (T.StructType, T.MapType)),
        ((list, tuple), T.ArrayType),
    ]
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return isinstance(kind, T.DateType)
    return any(isinstance(value, py) and isinstance(kind, spark) for py, spark in checks)


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
    simple: list[tuple[type | tuple[type, ...], Callable[[], G.DataType]]] = [
        (float, G.DoubleType),
        (str, G.StringType),
        (datetime.datetime, G.TimestampType),
        (datetime.date, G.DateType),
        ((bytes, bytearray), G.BinaryType),
        (decimal.Decimal, lambda: G.DecimalType(38, 18)),
    ]
    for python, glue in simple:
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


def to_spark(value: Any, kind: T.DataType) -> Any:
    """A plain Python value as a Spark row value of type ``kind``."""
    if value is None:
        return None
    if _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        held: list[Any] = [None] * len(kind.fields)
        for index, branch in enumerate(kind.fields):
            if _fits(value, branch.dataType):
                held[index] = to_spark(value, branch.dataType)
                break
        return tuple(held)
    if isinstance(kind, T.StructType):
        if isinstance(value, Row):
            value = value.asDict(recursive=True)
        return tuple(to_spark(value.get(f.name), f.dataType) for f in kind.fields)
    if isinstance(kind, T.ArrayType):
        return [to_spark(item, kind.elementType) for item in value]
    if isinstance(kind, T.MapType):
        return {key: to_spark(item, kind.valueType) for key, item in value.items()}
    if isinstance(kind, (T.FloatType, T.DoubleType)) and isinstance(value, int):
        return float(value)
    if isinstance(kind, T.DecimalType) and isinstance(value, int):
        return decimal.Decimal(value)
    if isinstance(kind, T.NullType):
        return None
    return value


def as_json(record: Any) -> str:
    """A record as JSON text, for error records and ``show``."""
    return json.dumps(record, default=str)


class RecordError(Exception):
    """A record a Map function did not turn into a record; it becomes an error record."""


def map_outcomes(
    rdd: RDD[Row], schema: T.StructType, apply: Callable[[Record], Record | None], keep_rows: bool
) -> RDD[Outcome]:
    """Each row's outcome under ``apply``: kept, changed, left out, or an error record.

    ``apply`` returning None leaves the record out (Filter); with ``keep_rows`` a record it
    returns stays the row it was, schema and all (Filter again); otherwise the returned record's
    type is inferred (Map). Any exception makes an error record carrying its message.
    """

    def run(rows: Iterable[Row]) -> Iterable[Outcome]:
        for row in rows:
            record = row_to_record(row, schema)
            try:
                result = apply(record)
            except Exception as error:
                yield ("error", str(error), as_json(record))
                continue
            if result is None:
                continue
            if keep_rows:
                yield ("row", row)
                continue
            try:
                yield ("ok", result, infer(result, schema))
            except TypeError as error:
                yield ("error", str(error), as_json(record))

    return rdd.mapPartitions(run)


def frame_from_outcomes(
    spark: SparkSession, outcomes: RDD[Outcome], fallback: T.StructType, keep_rows: bool
) -> tuple[DataFrame, RDD[tuple[str, str]]]:
    """The kept records as a DataFrame, and the error records' messages and JSON, both lazy.

    Only Map's schema needs a pass over the records now: changed records get the merged schema
    of their types; with none left the schema is ``fallback`` (the input's), so later steps still
    find the fields they name. The outcomes are kept, so the function runs once per record.
    """
    outcomes = outcomes.persist(StorageLevel.MEMORY_AND_DISK)
    errors = outcomes.filter(lambda o: o[0] == "error").map(lambda o: (o[1], o[2]))
    if keep_rows:
        kept = outcomes.filter(lambda o: o[0] == "row").map(lambda o: o[1])
        return spark.createDataFrame(kept, fallback, verifySchema=False), errors
    merged = (
        outcomes.filter(lambda o: o[0] == "ok")
        .map(lambda o: o[2])
        .fold(G.UnknownType(), G.mergeDataTypes)
    )
    if isinstance(merged, G.StructType):
        schema = T.StructType([_types.spark_field(f.name, f.dataType) for f in merged])
    else:
        schema = fallback
    rows = outcomes.filter(lambda o: o[0] == "ok").map(lambda o: to_spark(o[1], schema))
    return spark.createDataFrame(rows, schema, verifySchema=False), errors


ERROR_SCHEMA = T.StructType(
    [
        T.StructField("errorMessage", T.StringType()),
        T.StructField("record", T.StringType()),
        T.StructField("transformation_ctx", T.StringType()),
        T.StructField("info", T.StringType()),
    ]
)
"""The columns of error records: the message, the record as JSON, and where they came from."""


def error_frame(
    spark: SparkSession, errors: RDD[tuple[str, str]] | None, transformation_ctx: str, info: str
) -> DataFrame:
    """Error records as a DataFrame (none when ``errors`` is None)."""
    if errors is None:
        return spark.createDataFrame([], ERROR_SCHEMA)
    rows = errors.map(lambda error: (error[0], error[1], transformation_ctx, info))
    return spark.createDataFrame(rows, ERROR_SCHEMA, verifySchema=False)
