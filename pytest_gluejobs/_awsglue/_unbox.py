"""Unbox: a string field holding JSON or CSV parsed into a struct.

AWS ("Unbox class"; "DynamicFrame class", unbox; the Scala page): the value at the path is parsed
with the format's options (``separator``, ``escaper``, ``skipFirst``, ``withHeader``, and
``withSchema`` — a schema as JSON, which skips inference). Without a schema the parsed values'
types are inferred record by record, as Map's are, so mixed types become choices; a value that
does not parse makes an error record.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _choices, _types
from . import gluetypes as G

FORMATS = ("json", "csv")
OPTIONS = ("separator", "escaper", "skipFirst", "withHeader", "withSchema")


def parser(format: Any, options: Mapping[str, Any], path: str) -> Callable[[Any], Any]:
    """The function turning one field value into the parsed value, for ``format``."""
    if not isinstance(format, str) or format.lower() not in FORMATS:
        raise ValueError(
            f"unbox: format {format!r} is not read by pytest-gluejobs; formats: {', '.join(FORMATS)}"
        )
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise ValueError(f"unbox: unknown options {unknown}; options: {', '.join(OPTIONS)}")
    if format.lower() == "json":
        return lambda value: _parse_json(value, path)
    separator = options.get("separator", ",")
    escaper = options.get("escaper")
    for name, value in (("separator", separator), ("escaper", escaper)):
        if value is not None and (not isinstance(value, str) or len(value) != 1):
            raise ValueError(f"unbox: {name} must be one character, got {value!r}")
    skip_first = bool(options.get("skipFirst", False))
    with_header = bool(options.get("withHeader", False))
    return lambda value: _parse_csv(value, path, separator, escaper, skip_first, with_header)


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, (bytes, bytearray)) else str(value)


def _parse_json(value: Any, path: str) -> Any:
    try:
        return json.loads(_text(value))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"unbox: {path!r} does not hold JSON: {error}") from None


def _parse_csv(
    value: Any, path: str, separator: str, escaper: str | None, skip_first: bool, with_header: bool
) -> Any:
    lines = list(csv.reader(io.StringIO(_text(value)), delimiter=separator, escapechar=escaper))
    if skip_first:
        lines = lines[1:]
    if with_header:
        if len(lines) < 2:
            raise ValueError(f"unbox: {path!r} has no row under its header")
        header, row = lines[0], lines[1]
        return dict(zip(header, row))
    if not lines:
        return None
    return {f"col{index}": item for index, item in enumerate(lines[0])}


def replace(record: dict[str, Any], names: Sequence[str], parse: Callable[[Any], Any]) -> None:
    """Parse the value at ``names`` in place; a missing parent or a null value stays as it is."""
    node: Any = record
    for name in names[:-1]:
        node = node.get(name) if isinstance(node, dict) else None
    if isinstance(node, dict) and node.get(names[-1]) is not None:
        node[names[-1]] = parse(node[names[-1]])


def given_schema(options: Mapping[str, Any]) -> T.DataType | None:
    """The ``withSchema`` option as a Spark type: Spark's ``StructType.json()`` or Glue's JSON."""
    text = options.get("withSchema")
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(
            f"unbox: withSchema must be a JSON string (StructType.json()), got {type(text).__name__}"
        )
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"unbox: withSchema is not JSON: {error}") from None
    if isinstance(parsed, dict) and "dataType" in parsed:
        return _types.spark_of_glue(G._deserialize_json_value(parsed))
    try:
        return T._parse_datatype_json_value(parsed)
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"unbox: withSchema is not a schema: {error}") from None


def with_schema(
    df: DataFrame, names: Sequence[str], format: str, options: Mapping[str, Any], schema: T.DataType
) -> DataFrame:
    """The field parsed by Spark with the schema given; a value that does not parse is null."""

    def parse(value: Column, field: T.StructField) -> list[Column]:
        text = value.cast("string")
        if format.lower() == "json":
            if not isinstance(schema, (T.StructType, T.ArrayType)):
                raise ValueError(
                    f"unbox: withSchema must describe a struct or an array, got {schema.simpleString()}"
                )
            parsed = F.from_json(text, schema)
        else:
            assert isinstance(schema, T.StructType)
            csv_options = {"sep": options.get("separator", ",")}
            if options.get("escaper"):
                csv_options["escape"] = options["escaper"]
            ddl = ", ".join(f"`{f.name}` {f.dataType.simpleString()}" for f in schema.fields)
            parsed = F.from_csv(text, ddl, csv_options)
        return [parsed.alias(field.name)]

    return _choices.rewrite(df, names, parse)
