"""Between Glue's types and Spark's: type names, schemas, and how a choice lives in a DataFrame.

A DataFrame column has one type, so a Glue choice (a field holding values of several types) is
kept as a struct with one field per type name (``{"long": 7, "string": null}``) whose fields carry
the metadata key `CHOICE`; the mark is part of the type, so it travels wherever the value does
(inside arrays, through selects and casts). That struct is also what Glue's ``toDF()`` turns a
choice into ("automatically converts ChoiceType columns into StructTypes", AWS "AWS Glue Scala
DynamicFrame class", toDF), so ``toDF`` only has to drop the marks.
"""

from __future__ import annotations

import re

from pyspark.sql import types as T

from . import gluetypes as G

CHOICE = "awsglue.choice"
"""Metadata on the fields of a struct that holds a Glue choice, one field per type."""

# Type names as Glue's mappings and casts write them, lower-cased (AWS writes both "String" and
# "string", "bigint" and "long"): Spark's name for each.
_ATOMIC_NAMES: dict[str, T.DataType] = {
    "string": T.StringType(),
    "varchar": T.StringType(),
    "char": T.StringType(),
    "int": T.IntegerType(),
    "integer": T.IntegerType(),
    "long": T.LongType(),
    "bigint": T.LongType(),
    "short": T.ShortType(),
    "smallint": T.ShortType(),
    "byte": T.ByteType(),
    "tinyint": T.ByteType(),
    "float": T.FloatType(),
    "double": T.DoubleType(),
    "boolean": T.BooleanType(),
    "date": T.DateType(),
    "timestamp": T.TimestampType(),
    "timestampntz": T.TimestampNTZType(),
    "binary": T.BinaryType(),
    "null": T.NullType(),
}
COMPLEX_NAMES = ("struct", "array", "map", "set", "choice")
"""Type names that keep a value's structure as it is: a mapping to ``struct`` casts nothing."""

_DECIMAL = re.compile(r"decimal(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?")


def spark_type(name: str, what: str) -> T.DataType | str:
    """Spark's type for a Glue type name, or the name itself for one of `COMPLEX_NAMES`.

    ``decimal`` alone is Glue's ``decimal(10,2)``. An unknown name is a ``ValueError`` naming
    ``what`` and the names that exist.
    """
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a type name string, got {type(name).__name__}: {name!r}")
    lowered = name.strip().lower()
    if lowered in _ATOMIC_NAMES:
        return _ATOMIC_NAMES[lowered]
    if lowered in COMPLEX_NAMES:
        return lowered
    decimal = _DECIMAL.fullmatch(lowered)
    if decimal:
        precision = int(decimal.group(1) or 10)
        scale = int(decimal.group(2) or (2 if decimal.group(1) is None else 0))
        if not 1 <= precision <= 38 or scale > precision:
            raise ValueError(
                f"{what} {name!r}: decimal precision must be 1 to 38 and scale at most the precision"
            )
        return T.DecimalType(precision, scale)
    known = ", ".join([*_ATOMIC_NAMES, "decimal(p,s)", *COMPLEX_NAMES])
    raise ValueError(f"{what} {name!r} is not a Glue type name; known: {known}")


def glue_name(spark: T.DataType) -> str:
    """Glue's name for a Spark type (``int``, ``long``, ``struct``, ``choice``…)."""
    return glue_type(spark).typeName()


def is_choice(field: T.StructField) -> bool:
    """Whether a struct field holds a Glue choice (a struct of its types)."""
    return is_choice_type(field.dataType)


def is_choice_type(kind: T.DataType) -> bool:
    """Whether a Spark type is a Glue choice kept as a struct of its types."""
    return (
        isinstance(kind, T.StructType)
        and bool(kind.fields)
        and all(f.metadata.get(CHOICE) for f in kind.fields)
    )


def choice_type(branches: list[tuple[str, T.DataType]]) -> T.StructType:
    """The struct holding a choice of the types named in ``branches``, in the order of their names
    (as Glue prints them)."""
    return T.StructType(
        [
            T.StructField(name, kind, True, {CHOICE: True})
            for name, kind in sorted(branches, key=lambda b: b[0])
        ]
    )


def glue_type(spark: T.DataType) -> G.DataType:
    """The Glue type a Spark type shows as in ``DynamicFrame.schema()``."""
    if is_choice_type(spark):
        assert isinstance(spark, T.StructType)
        return G.ChoiceType([glue_type(branch.dataType) for branch in spark.fields])
    if isinstance(spark, T.StructType):
        return G.StructType([G.Field(f.name, glue_type(f.dataType)) for f in spark.fields])
    if isinstance(spark, T.ArrayType):
        return G.ArrayType(glue_type(spark.elementType))
    if isinstance(spark, T.MapType):
        return G.MapType(glue_type(spark.valueType))
    if isinstance(spark, T.DecimalType):
        return G.DecimalType(spark.precision, spark.scale)
    simple: dict[type[T.DataType], type[G.DataType]] = {
        T.StringType: G.StringType,
        T.CharType: G.StringType,
        T.VarcharType: G.StringType,
        T.IntegerType: G.IntegerType,
        T.LongType: G.LongType,
        T.ShortType: G.ShortType,
        T.ByteType: G.ByteType,
        T.FloatType: G.FloatType,
        T.DoubleType: G.DoubleType,
        T.BooleanType: G.BooleanType,
        T.DateType: G.DateType,
        T.TimestampType: G.TimestampType,
        T.TimestampNTZType: G.TimestampNTZType,
        T.BinaryType: G.BinaryType,
        T.NullType: G.NullType,
    }
    return simple.get(type(spark), G.UnknownType)()


def spark_of_glue(glue: G.DataType) -> T.DataType:
    """The Spark type that holds a Glue type (a choice as a struct of its types: `choice_type`)."""
    atomic: dict[type[G.DataType], T.DataType] = {
        G.StringType: T.StringType(),
        G.EnumType: T.StringType(),
        G.IntegerType: T.IntegerType(),
        G.LongType: T.LongType(),
        G.ShortType: T.ShortType(),
        G.ByteType: T.ByteType(),
        G.FloatType: T.FloatType(),
        G.DoubleType: T.DoubleType(),
        G.BooleanType: T.BooleanType(),
        G.DateType: T.DateType(),
        G.TimestampType: T.TimestampType(),
        G.TimestampNTZType: T.TimestampNTZType(),
        G.BinaryType: T.BinaryType(),
        G.NullType: T.NullType(),
        G.UnknownType: T.NullType(),
    }
    if type(glue) in atomic:
        return atomic[type(glue)]
    if isinstance(glue, G.DecimalType):
        return T.DecimalType(glue.precision, glue.scale)
    if isinstance(glue, (G.ArrayType, G.SetType)):
        return T.ArrayType(spark_of_glue(glue.elementType))
    if isinstance(glue, G.MapType):
        return T.MapType(T.StringType(), spark_of_glue(glue.valueType))
    if isinstance(glue, G.StructType):
        return T.StructType([spark_field(f.name, f.dataType) for f in glue])
    if isinstance(glue, G.ChoiceType):
        return choice_type([(name, spark_of_glue(kind)) for name, kind in glue.choices.items()])
    raise TypeError(f"no Spark type holds the Glue type {glue!r}")


def spark_field(name: str, glue: G.DataType) -> T.StructField:
    """A Spark struct field holding values of the Glue type ``glue``."""
    return T.StructField(name, spark_of_glue(glue), True)


def schema_of(schema: T.StructType) -> G.StructType:
    """A DataFrame's schema as Glue's `gluetypes.StructType`."""
    converted = glue_type(schema)
    assert isinstance(converted, G.StructType)
    return converted


def tree_string(schema: G.StructType) -> str:
    """The schema as Glue's ``printSchema`` prints it: ``root`` then ``|-- name: type`` lines."""
    lines = ["root"]
    _tree_lines(schema, "", lines)
    return "\n".join(lines) + "\n"


def _tree_lines(kind: G.DataType, indent: str, lines: list[str]) -> None:
    if isinstance(kind, G.StructType):
        for field in kind:
            lines.append(f"{indent}|-- {field.name}: {field.dataType.typeName()}")
            _tree_lines(field.dataType, indent + "|    ", lines)
    elif isinstance(kind, G.ChoiceType):
        for name in sorted(kind.choices):
            lines.append(f"{indent}|-- {name}")
            _tree_lines(kind.choices[name], indent + "|    ", lines)
    elif isinstance(kind, (G.ArrayType, G.SetType)):
        lines.append(f"{indent}|-- element: {kind.elementType.typeName()}")
        _tree_lines(kind.elementType, indent + "|    ", lines)
    elif isinstance(kind, G.MapType):
        lines.append(f"{indent}|-- valueType: {kind.valueType.typeName()}")
        _tree_lines(kind.valueType, indent + "|    ", lines)


def unmarked(kind: T.DataType) -> T.DataType:
    """A Spark type with every choice mark removed: each choice a plain struct of its types."""
    if isinstance(kind, T.StructType):
        return T.StructType(
            [
                T.StructField(
                    f.name,
                    unmarked(f.dataType),
                    f.nullable,
                    {k: v for k, v in f.metadata.items() if k != CHOICE},
                )
                for f in kind.fields
            ]
        )
    if isinstance(kind, T.ArrayType):
        return T.ArrayType(unmarked(kind.elementType), kind.containsNull)
    if isinstance(kind, T.MapType):
        return T.MapType(kind.keyType, unmarked(kind.valueType), kind.valueContainsNull)
    return kind


def has_choice(kind: T.DataType) -> bool:
    """Whether a Spark type holds a choice anywhere."""
    if is_choice_type(kind):
        return True
    if isinstance(kind, T.StructType):
        return any(has_choice(f.dataType) for f in kind.fields)
    if isinstance(kind, T.ArrayType):
        return has_choice(kind.elementType)
    if isinstance(kind, T.MapType):
        return has_choice(kind.valueType)
    return False
