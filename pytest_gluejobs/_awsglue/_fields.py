"""Field surgery on a DataFrame: select, drop, rename, map and flatten fields by Glue paths.

Each function turns Glue paths into Spark column expressions over the frame's schema, so the work
stays in Spark. Nested structs are rebuilt field by field, keeping a null struct null; fields of
structs inside arrays are reached through each element (``friends.age``), as AWS's DropFields
page shows; a struct left with no fields disappears, as it does there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Union

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _paths, _types


def spark_name(name: str) -> str:
    """A top-level column name as ``F.col`` reads it: backticked, so dots stay in the name."""
    return "`" + name.replace("`", "``") + "`"


def column(names: Sequence[str]) -> Column:
    """The column at ``names`` (top-level name, then struct fields)."""
    result = F.col(spark_name(names[0]))
    for name in names[1:]:
        result = result.getField(name)
    return result


def find(
    fields: Sequence[T.StructField], name: str, case_sensitive: bool = True
) -> T.StructField | None:
    """The field called ``name``; without case sensitivity an exact match still wins."""
    for field in fields:
        if field.name == name:
            return field
    if not case_sensitive:
        folded = [field for field in fields if field.name.lower() == name.lower()]
        if len(folded) == 1:
            return folded[0]
    return None


def leaf_paths(schema: T.StructType, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every field's path, nested ones included, for messages listing what exists."""
    paths: list[str] = []
    for field in schema.fields:
        here = (*prefix, field.name)
        paths.append(_paths.join(here))
        kind = field.dataType
        while isinstance(kind, T.ArrayType):
            kind = kind.elementType
        if isinstance(kind, T.StructType) and not _types.is_choice(field):
            paths.extend(leaf_paths(kind, here))
    return paths


# A tree of edits keyed by field name: LEAF (the whole field), a new name (rename), or a subtree.
LEAF = True
Tree = dict[str, Union[bool, str, "Tree"]]


def path_tree(
    schema: T.StructType, paths: Sequence[str], transform: str, leaf: bool | str = LEAF
) -> Tree:
    """The fields ``paths`` name, as a tree over the schema; a path naming nothing is warned of.

    Struct fields nest; an array is stepped through to its elements' fields. A path covering a
    field already named whole adds nothing.
    """
    tree: Tree = {}
    for path in paths:
        names = [
            name for name in _paths.split(path, f"{transform} path") if name != _paths.ELEMENTS
        ]
        found = _walk(schema, names)
        if found is None:
            _paths.warn_missing(transform, path, leaf_paths(schema))
            continue
        node = tree
        for name in found[:-1]:
            child = node.setdefault(name, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[found[-1]] = leaf
    return tree


def _walk(schema: T.StructType, names: Sequence[str]) -> list[str] | None:
    """The field names along ``names`` if every step exists (through arrays of structs)."""
    kind: T.DataType = schema
    for name in names:
        while isinstance(kind, T.ArrayType):
            kind = kind.elementType
        if not isinstance(kind, T.StructType):
            return None
        field = find(kind.fields, name)
        if field is None:
            return None
        kind = T.NullType() if _types.is_choice(field) else field.dataType
    return list(names)


def edit(df: DataFrame, tree: Tree, mode: str) -> DataFrame:
    """The frame with the tree's fields kept (``select``), dropped (``drop``) or renamed."""
    fields = _edit_fields(lambda name: F.col(spark_name(name)), df.schema, tree, mode)
    return df.select(*fields)


def _edit_fields(
    get: Callable[[str], Column], struct: T.StructType, tree: Tree, mode: str
) -> list[Column]:
    out: list[Column] = []
    for field in struct.fields:
        node = tree.get(field.name)
        value = get(field.name)
        if node is None:
            if mode != "select":
                out.append(value.alias(field.name))
        elif node is LEAF:
            if mode == "select":
                out.append(value.alias(field.name))
        elif isinstance(node, str):
            out.append(value.alias(node))
        elif isinstance(node, dict) and _kept(field.dataType, node, mode):
            out.append(_edit_value(value, field.dataType, node, mode).alias(field.name))
    return out


def _edit_value(value: Column, kind: T.DataType, tree: Tree, mode: str) -> Column:
    if isinstance(kind, T.ArrayType):
        element = kind.elementType
        return F.transform(value, lambda item: _edit_value(item, element, tree, mode))
    assert isinstance(kind, T.StructType)
    rebuilt = F.struct(*_edit_fields(value.getField, kind, tree, mode))
    return F.when(value.isNull(), F.lit(None)).otherwise(rebuilt)


def _kept(kind: T.DataType, tree: Tree, mode: str) -> bool:
    """Whether a struct (or array of structs) still has a field after the edit."""
    while isinstance(kind, T.ArrayType):
        kind = kind.elementType
    if not isinstance(kind, T.StructType):
        return mode != "select"
    for field in kind.fields:
        node = tree.get(field.name)
        if (node is None and mode != "select") or isinstance(node, str):
            return True
        if node is LEAF and mode == "select":
            return True
        if isinstance(node, dict) and _kept(field.dataType, node, mode):
            return True
    return False


@dataclass(frozen=True)
class Located:
    """A field found by its path: the names along it, its Spark field, whether arrays are crossed."""

    names: tuple[str, ...]
    field: T.StructField
    through_array: bool


def locate(
    schema: T.StructType, names: Sequence[str], case_sensitive: bool = True
) -> Located | None:
    """The field at ``names``, stepping through arrays to their elements' fields."""
    kind: T.DataType = schema
    actual: list[str] = []
    through_array = False
    found: T.StructField | None = None
    for name in names:
        if name == _paths.ELEMENTS:
            if not isinstance(kind, T.ArrayType):
                return None
            continue
        while isinstance(kind, T.ArrayType):
            kind, through_array = kind.elementType, True
        if not isinstance(kind, T.StructType) or (found is not None and _types.is_choice(found)):
            return None
        found = find(kind.fields, name, case_sensitive)
        if found is None:
            return None
        actual.append(found.name)
        kind = found.dataType
    if found is None:
        return None
    return Located(tuple(actual), found, through_array)


def struct_tree_columns(tree: dict[str, object], leaf: Callable[[object], Column]) -> list[Column]:
    """Columns for a tree of new fields: dicts become structs, anything else a leaf column."""
    out: list[Column] = []
    for name, node in tree.items():
        if isinstance(node, dict):
            out.append(F.struct(*struct_tree_columns(node, leaf)).alias(name))
        else:
            out.append(leaf(node).alias(name))
    return out


def flatten(df: DataFrame) -> DataFrame:
    """Structs flattened into top-level columns named with dots (``address.state``).

    Arrays and maps stay as they are; a choice is a value, not a struct, so it stays too.
    """
    columns: list[Column] = []
    seen: set[str] = set()
    for names in _flat_names(df.schema, ()):
        name = ".".join(names)
        if name in seen:
            raise ValueError(f"unnest: two fields would both be named {name!r}; rename one first")
        seen.add(name)
        columns.append(column(names).alias(name))
    return df.select(*columns)


def _flat_names(struct: T.StructType, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    names: list[tuple[str, ...]] = []
    for field in struct.fields:
        here = (*prefix, field.name)
        if isinstance(field.dataType, T.StructType) and not _types.is_choice(field):
            names.extend(_flat_names(field.dataType, here))
        else:
            names.append(here)
    return names


def null_fields(df: DataFrame) -> list[tuple[str, ...]]:
    """The fields null or missing in every record, as DropNullFields drops them.

    AWS ("DropNullFields class"): "fields with missing or null values in every record". Like
    Glue's own walk, this looks into structs and into arrays of structs, not into maps; an array
    counts as null only when the array itself is. A frame with no records has no values to judge,
    so only fields typed null there count.
    """
    leaves = _null_candidates(df.schema, ())
    if not leaves:
        return []
    checks = [
        F.max(F.coalesce(_any_value(names, df.schema).cast("int"), F.lit(0))) for names in leaves
    ]
    result = df.agg(F.count(F.lit(1)), *checks).first()
    assert result is not None
    if result[0] == 0:
        return [names for names in leaves if isinstance(_type_at(df.schema, names), T.NullType)]
    return [names for names, seen in zip(leaves, result[1:]) if not seen]


def _null_candidates(struct: T.StructType, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for field in struct.fields:
        here = (*prefix, field.name)
        kind = field.dataType
        if _types.is_choice(field):
            found.append(here)
        elif isinstance(kind, T.StructType) and kind.fields:
            found.extend(_null_candidates(kind, here))
        elif (
            isinstance(kind, T.ArrayType)
            and isinstance(kind.elementType, T.StructType)
            and kind.elementType.fields
        ):
            found.extend(_null_candidates(kind.elementType, here))
        elif not isinstance(kind, T.StructType):
            found.append(here)
    return found


def _any_value(names: Sequence[str], schema: T.StructType) -> Column:
    """True where the record has a value at ``names`` (in any element of an array on the way)."""

    def reach(value: Column, kind: T.DataType, rest: Sequence[str]) -> Column:
        if not rest:
            return value.isNotNull()
        if isinstance(kind, T.ArrayType):
            element = kind.elementType
            return F.exists(value, lambda item: reach(item, element, rest))
        assert isinstance(kind, T.StructType)
        field = kind[rest[0]]
        return reach(value.getField(rest[0]), field.dataType, rest[1:])

    first = schema[names[0]]
    return reach(F.col(spark_name(names[0])), first.dataType, names[1:])


def _type_at(schema: T.StructType, names: Sequence[str]) -> T.DataType:
    kind: T.DataType = schema
    for name in names:
        while isinstance(kind, T.ArrayType):
            kind = kind.elementType
        assert isinstance(kind, T.StructType)
        kind = kind[name].dataType
    return kind


def tree_of(paths: Sequence[Sequence[str]]) -> Tree:
    """An edit tree naming whole fields, from their names (found in the schema already)."""
    tree: Tree = {}
    for names in paths:
        node = tree
        for name in names[:-1]:
            child = node.setdefault(name, {})
            assert isinstance(child, dict)
            node = child
        node[names[-1]] = LEAF
    return tree


def move(df: DataFrame, old: Sequence[str], new: Sequence[str]) -> DataFrame:
    """The frame with the field at ``old`` moved to ``new`` (out of structs, or into them).

    Structs along ``new`` that exist must be structs; missing ones are made. The field lands
    last among its new siblings.
    """
    temporary = "__moved_field"
    value = column(old)
    moved = edit(df.withColumn(temporary, value), tree_of([old]), "drop")
    if len(new) == 1:
        return moved.withColumnRenamed(temporary, new[0])
    depth = 0
    kind: T.DataType = moved.schema
    while depth < len(new) - 1:
        assert isinstance(kind, T.StructType)
        field = find(kind.fields, new[depth])
        if field is None:
            break
        if not isinstance(field.dataType, T.StructType) or _types.is_choice(field):
            raise ValueError(
                f"rename_field: {_paths.join(new[: depth + 1])!r} is not a struct, so nothing can move into it"
            )
        kind = field.dataType
        depth += 1
    inner: Column = F.col(temporary)
    for name in reversed(new[depth + 1 :]):
        inner = F.struct(inner.alias(name))
    if depth == 0:
        return moved.withColumn(new[0], inner).drop(temporary)
    top = F.col(spark_name(new[0])).withField(_paths.join(new[1 : depth + 1]), inner)
    return moved.withColumn(new[0], top).drop(temporary)
