"""ApplyMapping: the output holds only the mapped fields, each cast to its target type.

AWS ("ApplyMapping class"; "DynamicFrame class", apply_mapping; the Scala class page and
MappingSpec): a mapping is ``(source path, source type, target path, target type)``; dots in a
target path build structs, dots in a source path reach into them, backticks quote a name holding
dots; fields under arrays cannot be mapped; unmapped fields are dropped; ``case_sensitive``
(False from Python) decides how source names match. The source type is taken as written by Glue
but the cast starts from the value's real type; a value that does not convert becomes null.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from pyspark.sql import Column, DataFrame

from . import _choices, _fields, _paths, _types
from .unsupported import not_supported


def mappings_list(mappings: Any) -> list[tuple[str, str, str, str]]:
    """The mappings checked: a list (or one tuple) of 4-tuples of strings."""
    if isinstance(mappings, tuple):
        mappings = [mappings]
    if isinstance(mappings, (str, bytes)) or not isinstance(mappings, Iterable):
        raise TypeError(
            "ApplyMapping mappings must be a list of (source path, source type, target path, target type) "
            f"tuples, got {type(mappings).__name__}: {mappings!r}"
        )
    checked: list[tuple[str, str, str, str]] = []
    for mapping in mappings:
        if not isinstance(mapping, tuple):
            raise TypeError(
                f"Mapping must be specified as a tuple (source path, source type, target path, target type). "
                f"Got {type(mapping).__name__}: {mapping!r}"
            )
        if len(mapping) in (2, 3):
            raise not_supported(
                "ApplyMapping",
                f"mappings of {len(mapping)} items",
                "AWS documents only (source path, source type, target path, target type)",
            )
        if len(mapping) != 4:
            raise ValueError(
                f"Mapping tuple must be of length 2, 3, or 4. Got tuple of length {len(mapping)}: {mapping!r}"
            )
        for part, what in zip(
            mapping, ("source path", "source type", "target path", "target type")
        ):
            if not isinstance(part, str):
                raise TypeError(
                    f"ApplyMapping {what} must be a string, got {type(part).__name__} in {mapping!r}"
                )
        checked.append(mapping)
    return checked


def apply_mapping(
    df: DataFrame, mappings: list[tuple[str, str, str, str]], case_sensitive: bool
) -> DataFrame:
    """The frame as the mappings describe it."""
    tree: dict[str, object] = {}
    claimed: dict[tuple[str, ...], tuple[str, ...]] = {}
    for mapping in mappings:
        source, source_type, target, target_type = mapping
        _types.spark_type(source_type, f"ApplyMapping source type of {source!r}")
        wanted = _types.spark_type(target_type, f"ApplyMapping target type of {target!r}")
        value = _source(df, source, wanted, case_sensitive)
        if value is None:
            continue
        _place(tree, claimed, _paths.split(target, "ApplyMapping target path"), value, mapping)
    return df.select(*_fields.struct_tree_columns(tree, lambda node: cast(Column, node)))


def _source(df: DataFrame, source: str, wanted: Any, case_sensitive: bool) -> Column | None:
    names = _paths.split(source, "ApplyMapping source path")
    if _paths.ELEMENTS in names:
        raise ValueError(
            f"ApplyMapping source path {source!r}: AWS Glue cannot map fields nested under arrays"
        )
    located = _fields.locate(df.schema, names, case_sensitive)
    if located is None:
        _paths.warn_missing("ApplyMapping", source, _fields.leaf_paths(df.schema))
        return None
    if located.through_array:
        raise ValueError(
            f"ApplyMapping source path {source!r} is nested under an array; AWS Glue cannot map "
            "fields nested under arrays (Relationalize or unnest them first)"
        )
    return _choices.cast(
        _fields.column(located.names), located.field.dataType, wanted, f"ApplyMapping of {source!r}"
    )


def _place(
    tree: dict[str, object],
    claimed: dict[tuple[str, ...], tuple[str, ...]],
    names: tuple[str, ...],
    value: Column,
    mapping: tuple[str, ...],
) -> None:
    if _paths.ELEMENTS in names:
        raise ValueError(
            f"ApplyMapping target path {mapping[2]!r}: a target cannot be inside an array"
        )
    node = tree
    for depth, name in enumerate(names):
        prefix = names[: depth + 1]
        last = depth == len(names) - 1
        existing = node.get(name)
        if existing is not None and (last or not isinstance(existing, dict)):
            other = claimed.get(prefix) or next(
                v for k, v in claimed.items() if k[: len(prefix)] == prefix
            )
            raise ValueError(
                f"ApplyMapping: mappings {other!r} and {mapping!r} both write the target {_paths.join(prefix)!r}"
            )
        if last:
            node[name] = value
            claimed[prefix] = mapping
        else:
            child = node.setdefault(name, {})
            assert isinstance(child, dict)
            node = child
