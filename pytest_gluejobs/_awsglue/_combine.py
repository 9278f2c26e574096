"""Frames combined or split by their rows: Join, union, mergeDynamicFrame and SplitRows.

AWS: "Join class" (an equality join; a column name both frames have gets a ``.`` prefix on one
side, the ``.zip`` beside ``zip`` of its example), the legislators sample (both key columns kept),
"DynamicFrame class" (mergeDynamicFrame: staging records replace source records with the same
keys, the rest of the source kept, duplicates included; the frames need not share a schema) and
the Scala class page (splitRows: the operators ``!= = <= < >= >``, every comparison must hold).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _fields, _paths, _types

OPERATORS = ("!=", "=", "<=", "<", ">=", ">")


def key_column(df: DataFrame, path: str, what: str) -> Column:
    """The column a key path names; a key must exist and may not be under an array."""
    located = _fields.locate(df.schema, _paths.split(path, what))
    if located is None:
        fields = ", ".join(_fields.leaf_paths(df.schema)) or "none"
        raise ValueError(f"{what} {path!r} names no field of the frame (fields: {fields})")
    if located.through_array:
        raise ValueError(f"{what} {path!r} is inside an array; keys must be fields of the records")
    return _fields.column(located.names)


def join(
    left: DataFrame, right: DataFrame, keys1: Sequence[str], keys2: Sequence[str]
) -> DataFrame:
    """Records of both frames whose keys are equal, left fields first, clashing right names dotted."""
    if len(keys1) != len(keys2):
        raise ValueError(
            f"Join: keys1 and keys2 must be as long as each other, got {list(keys1)} and {list(keys2)}"
        )
    if not keys1:
        raise ValueError("Join: give at least one key in keys1 and keys2")
    taken = set(left.columns)
    right_names: list[str] = []
    for name in right.columns:
        new = name
        while new in taken:
            new = "." + new
        taken.add(new)
        right_names.append(new)
    renamed = [
        F.col(_fields.spark_name(old)).alias(new) for old, new in zip(right.columns, right_names)
    ]
    left_keys = [
        key_column(left, key, "Join keys1 path").alias(f"__join_left_{i}")
        for i, key in enumerate(keys1)
    ]
    right_keys = [
        key_column(right, key, "Join keys2 path").alias(f"__join_right_{i}")
        for i, key in enumerate(keys2)
    ]
    left_side = left.select("*", *left_keys)
    right_side = right.select(*renamed, *right_keys)
    condition = [F.col(f"__join_left_{i}") == F.col(f"__join_right_{i}") for i in range(len(keys1))]
    joined = left_side.join(right_side, condition, "inner")
    return joined.select(
        *[F.col(_fields.spark_name(name)) for name in [*left.columns, *right_names]]
    )


def union(first: DataFrame, second: DataFrame) -> DataFrame:
    """All records of both frames; a field typed differently on each side becomes a choice."""
    other = {field.name: field for field in second.schema.fields}
    first_columns: list[Column] = []
    second_columns: list[Column] = []
    for field in first.schema.fields:
        match = other.get(field.name)
        if match is not None and _differ(field, match):
            branches = dict(sorted({**_branches(match), **_branches(field)}.items()))
            first_columns.append(_as_choice(field, branches))
            second_columns.append(_as_choice(match, branches))
        else:
            first_columns.append(F.col(_fields.spark_name(field.name)))
            if match is not None:
                second_columns.append(F.col(_fields.spark_name(match.name)))
    names = {field.name for field in first.schema.fields}
    second_columns += [
        F.col(_fields.spark_name(f.name)) for f in second.schema.fields if f.name not in names
    ]
    return first.select(*first_columns).unionByName(
        second.select(*second_columns), allowMissingColumns=True
    )


def _differ(one: T.StructField, two: T.StructField) -> bool:
    if _types.is_choice(one) or _types.is_choice(two):
        return bool(one.dataType != two.dataType)
    simple = (T.StructType, T.ArrayType, T.MapType)
    if isinstance(one.dataType, simple) and type(one.dataType) is type(two.dataType):
        return False  # Spark merges nested differences itself
    return (
        _types.glue_name(one.dataType) != _types.glue_name(two.dataType)
        and not isinstance(one.dataType, T.NullType)
        and not isinstance(two.dataType, T.NullType)
    )


def _branches(field: T.StructField) -> dict[str, T.DataType]:
    if _types.is_choice(field):
        assert isinstance(field.dataType, T.StructType)
        return {branch.name: branch.dataType for branch in field.dataType.fields}
    return {_types.glue_name(field.dataType): field.dataType}


def _as_choice(field: T.StructField, branches: dict[str, T.DataType]) -> Column:
    value = F.col(_fields.spark_name(field.name))
    own = _branches(field)
    parts = []
    for name, kind in branches.items():
        if name not in own:
            part = F.lit(None).cast(kind)
        elif _types.is_choice(field):
            part = value.getField(name)
        else:
            part = value
        parts.append(part.alias(name, metadata={_types.CHOICE: True}))
    return F.when(value.isNull(), F.lit(None)).otherwise(F.struct(*parts)).alias(field.name)


def merge(source: DataFrame, stage: DataFrame, keys: Sequence[str]) -> DataFrame:
    """The staging records, and the source records whose keys the staging frame lacks."""
    if not keys:
        raise ValueError("mergeDynamicFrame: give at least one primary key")
    source_keys = [
        key_column(source, key, "mergeDynamicFrame primary key").alias(f"__merge_{i}")
        for i, key in enumerate(keys)
    ]
    stage_keys = [
        key_column(stage, key, "mergeDynamicFrame primary key").alias(f"__merge_{i}")
        for i, key in enumerate(keys)
    ]
    kept = source.select("*", *source_keys).join(
        stage.select(*stage_keys).distinct(),
        [f"__merge_{i}" for i in range(len(keys))],
        "left_anti",
    )
    return union(kept.select(*[F.col(_fields.spark_name(c)) for c in source.columns]), stage)


def comparisons(df: DataFrame, comparison_dict: Any) -> Column:
    """SplitRows' test: every ``{path: {operator: value}}`` comparison holds (null counts as false)."""
    if not isinstance(comparison_dict, Mapping):
        raise TypeError(
            "split_rows comparison_dict must be a dict such as {'age': {'>': 10}}, "
            f"got {type(comparison_dict).__name__}: {comparison_dict!r}"
        )
    test: Column = F.lit(True)
    for path, checks in comparison_dict.items():
        if not isinstance(checks, Mapping) or not checks:
            raise TypeError(
                f"split_rows comparisons for {path!r} must be a non-empty dict such as {{'>': 10}}, got {checks!r}"
            )
        names = _paths.split(path, "split_rows path")
        located = _fields.locate(df.schema, names)
        if located is None or located.through_array:
            if located is None:
                _paths.warn_missing("split_rows", path, _fields.leaf_paths(df.schema))
            else:
                raise ValueError(
                    f"split_rows path {path!r} is inside an array; compare fields of the records"
                )
            test = F.lit(False)
            continue
        value = _fields.column(located.names)
        for operator, constant in checks.items():
            test = test & _compare(value, operator, constant, path)
    return F.coalesce(test, F.lit(False))


def _compare(value: Column, operator: Any, constant: Any, path: str) -> Column:
    if operator not in OPERATORS:
        raise ValueError(
            f"split_rows operator {operator!r} for {path!r} is not one of {', '.join(OPERATORS)}"
        )
    if isinstance(constant, (dict, list, tuple, set)):
        raise TypeError(f"split_rows value for {path!r} must be a single value, got {constant!r}")
    right = F.lit(constant)
    results = {
        "!=": value != right,
        "=": value == right,
        "<=": value <= right,
        "<": value < right,
        ">=": value >= right,
        ">": value > right,
    }
    return results[operator]
