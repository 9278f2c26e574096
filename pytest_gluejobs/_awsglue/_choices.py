"""Casting and choices: ResolveChoice's actions, and the casts ApplyMapping and ``toDF`` make.

AWS ("DynamicFrame class", resolveChoice; "ResolveChoice class"; the Scala class page):
``cast:type`` casts every value, a value that does not convert becoming null; ``project:type``
keeps only the values of that type; ``make_cols`` turns a choice into one column per type named
``<column>_<type>``; ``make_struct`` keeps it as a struct of its types; ``match_catalog`` casts a
choice to the type the Data Catalog table gives the column. The Python page also reads
``project`` as "convert"; the ResolveChoice class page and the Scala page say "retain only", which
is followed here. Actions only change choices, except ``cast`` and ``project`` named for one
field, which apply to whatever type it has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _fields, _paths, _types

ACTIONS = ("cast:<type>", "project:<type>", "make_cols", "make_struct", "match_catalog")


@dataclass(frozen=True)
class Action:
    """One resolution: its kind (``cast``, ``project``, ``make_cols``…) and target type."""

    kind: str
    target: T.DataType | str | None = None
    target_name: str = ""


def parse_action(action: str, what: str) -> Action:
    """An action as ResolveChoice writes it (case does not matter: AWS writes ``cast:String``)."""
    if not isinstance(action, str):
        raise TypeError(
            f"{what} must be a string such as 'cast:long', got {type(action).__name__}: {action!r}"
        )
    kind, _, target = action.strip().partition(":")
    kind = kind.strip().lower()
    if kind in ("cast", "project"):
        if not target.strip():
            raise ValueError(f"{what} {action!r} needs a type after the colon, e.g. '{kind}:long'")
        resolved = _types.spark_type(target, f"{what} {action!r}: type")
        return Action(kind, resolved, target.strip().lower())
    if kind in ("make_cols", "make_struct", "match_catalog") and not target:
        return Action(kind)
    raise ValueError(
        f"{what} {action!r} is not a ResolveChoice action; actions: {', '.join(ACTIONS)}"
    )


def cast(value: Column, kind: T.DataType, target: T.DataType | str, what: str) -> Column:
    """``value`` (of Spark type ``kind``) cast to a Spark type, or kept for a complex type name.

    A choice is cast branch by branch: a record holds one of its types, so the first branch
    that is not null is the value. An array of choices is cast element by element.
    """
    if isinstance(target, str):
        if _complex_matches(kind, target):
            return value
        raise ValueError(f"{what}: cannot make {_types.glue_name(kind)} into {target}")
    if _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        return F.coalesce(
            *[value.getField(branch.name).cast(target) for branch in kind.fields],
            F.lit(None).cast(target),
        )
    if (
        isinstance(kind, T.ArrayType)
        and _element_choice(kind)
        and not isinstance(target, T.ArrayType)
    ):
        element = kind.elementType
        return F.transform(value, lambda item: cast(item, element, target, what))
    if isinstance(kind, (T.StructType, T.ArrayType, T.MapType)) and not isinstance(
        target, T.StringType
    ):
        raise ValueError(f"{what}: cannot cast {_types.glue_name(kind)} to {target.simpleString()}")
    return value.cast(target)


def _element_choice(kind: T.DataType) -> bool:
    """Whether an array (of arrays…) holds choices."""
    while isinstance(kind, T.ArrayType):
        kind = kind.elementType
    return _types.is_choice_type(kind)


def _complex_matches(kind: T.DataType, name: str) -> bool:
    if _types.is_choice_type(kind):
        return name == "choice"
    if isinstance(kind, T.NullType):
        return True
    wanted: dict[str, type[T.DataType]] = {
        "struct": T.StructType,
        "array": T.ArrayType,
        "set": T.ArrayType,
        "map": T.MapType,
    }
    return name in wanted and isinstance(kind, wanted[name])


def resolve(
    value: Column,
    field: T.StructField,
    action: Action,
    catalog_type: Callable[[], T.DataType | None],
) -> list[Column]:
    """The columns that replace ``field`` under ``action``, already named.

    Only a choice held directly by the field can become several columns (``make_cols``); in an
    array, each element is resolved on its own and ``make_cols`` keeps the struct of types.
    """
    name, kind = field.name, field.dataType
    if action.kind == "make_cols" and _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        return [
            value.getField(branch.name).alias(f"{name}_{branch.name}") for branch in kind.fields
        ]
    return [
        _resolve_value(
            value, kind, action, catalog_type, f"resolveChoice {action.kind} of {name!r}"
        ).alias(name)
    ]


def _resolve_value(
    value: Column,
    kind: T.DataType,
    action: Action,
    catalog_type: Callable[[], T.DataType | None],
    what: str,
) -> Column:
    if isinstance(kind, T.ArrayType) and _element_choice(kind):
        element = kind.elementType
        return F.transform(
            value, lambda item: _resolve_value(item, element, action, catalog_type, what)
        )
    if action.kind == "cast":
        assert action.target is not None
        return cast(value, kind, action.target, what)
    if action.kind == "project":
        return _project(value, kind, action)
    if not _types.is_choice_type(kind):
        return value
    if action.kind in ("make_cols", "make_struct"):
        return value.cast(_types.unmarked(kind))
    target = catalog_type()
    while isinstance(target, T.ArrayType):
        target = target.elementType
    return value if target is None else cast(value, kind, target, what)


def _project(value: Column, kind: T.DataType, action: Action) -> Column:
    target = action.target
    assert target is not None
    if _types.is_choice_type(kind):
        assert isinstance(kind, T.StructType)
        branch = _fields.find(kind.fields, action.target_name)
        if branch is None:
            branch = next(
                (b for b in kind.fields if _types.spark_type(b.name, "choice") == target), None
            )
        if branch is None:
            return F.lit(None).cast(target) if isinstance(target, T.DataType) else F.lit(None)
        return value.getField(branch.name)
    if isinstance(target, str):
        return value if _complex_matches(kind, target) else F.lit(None)
    return value if kind == target else F.lit(None).cast(target)


def choice_paths(schema: T.StructType, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every field holding a choice or an array of them (through arrays of structs)."""
    found: list[tuple[str, ...]] = []
    for field in schema.fields:
        here = (*prefix, field.name)
        if _types.is_choice(field) or _element_choice(field.dataType):
            found.append(here)
            continue
        kind, steps = field.dataType, here
        while isinstance(kind, T.ArrayType):
            kind, steps = kind.elementType, (*steps, _paths.ELEMENTS)
        if isinstance(kind, T.StructType):
            found.extend(choice_paths(kind, steps))
    return found


def rewrite(
    df: DataFrame, names: Sequence[str], replace: Callable[[Column, T.StructField], list[Column]]
) -> DataFrame:
    """The frame with the field at ``names`` replaced by the columns ``replace`` gives.

    The field may sit in structs and in arrays' elements (``_paths.ELEMENTS`` or implied); its
    parents are rebuilt around the new columns, keeping null structs null.
    """
    steps = [name for name in names if name != _paths.ELEMENTS]
    columns = _rewrite_fields(lambda n: F.col(_fields.spark_name(n)), df.schema, steps, replace)
    return df.select(*columns)


def _rewrite_fields(
    get: Callable[[str], Column],
    struct: T.StructType,
    steps: Sequence[str],
    replace: Callable[[Column, T.StructField], list[Column]],
) -> list[Column]:
    out: list[Column] = []
    for field in struct.fields:
        value = get(field.name)
        if field.name != steps[0]:
            out.append(value.alias(field.name))
        elif len(steps) == 1:
            out.extend(replace(value, field))
        else:
            out.append(_rewrite_value(value, field.dataType, steps[1:], replace).alias(field.name))
    return out


def _rewrite_value(
    value: Column,
    kind: T.DataType,
    steps: Sequence[str],
    replace: Callable[[Column, T.StructField], list[Column]],
) -> Column:
    if isinstance(kind, T.ArrayType):
        element = kind.elementType
        return F.transform(value, lambda item: _rewrite_value(item, element, steps, replace))
    assert isinstance(kind, T.StructType)
    rebuilt = F.struct(*_rewrite_fields(value.getField, kind, steps, replace))
    return F.when(value.isNull(), F.lit(None)).otherwise(rebuilt)


def resolve_specs(
    df: DataFrame, specs: Sequence[tuple[str, Action]], catalog: Callable[[str], T.DataType | None]
) -> DataFrame:
    """The frame with each ``(path, action)`` applied in turn; a path naming nothing is warned of."""
    for path, action in specs:
        names = _paths.split(path, "resolveChoice spec path")
        located = _fields.locate(df.schema, names)
        if located is None:
            _paths.warn_missing("resolveChoice", path, _fields.leaf_paths(df.schema))
            continue
        df = rewrite(df, _keep_elements(names, located.names), _resolver(action, path, catalog))
    return df


def resolve_all(
    df: DataFrame, action: Action, catalog: Callable[[str], T.DataType | None]
) -> DataFrame:
    """The frame with ``action`` applied to every choice (``choice=``)."""
    for names in choice_paths(df.schema):
        path = _paths.join(names)
        df = rewrite(df, names, _resolver(action, path, catalog))
    return df


def _resolver(
    action: Action, path: str, catalog: Callable[[str], T.DataType | None]
) -> Callable[[Column, T.StructField], list[Column]]:
    def replace(value: Column, field: T.StructField) -> list[Column]:
        return resolve(value, field, action, lambda: catalog(path))

    return replace


def _keep_elements(written: Sequence[str], actual: Sequence[str]) -> list[str]:
    """The actual field names, with the ``[]`` steps the path wrote kept in place."""
    out: list[str] = []
    names = iter(actual)
    for name in written:
        out.append(name if name == _paths.ELEMENTS else next(names))
    return out


def catalog_lookup(
    glue_ctx: Any, database: str, table_name: str, catalog_id: str | None
) -> Callable[[str], T.DataType | None]:
    """The Data Catalog column types ``match_catalog`` casts to, read once when first needed."""
    cache: dict[str, T.StructType] = {}

    def lookup(path: str) -> T.DataType | None:
        if "schema" not in cache:
            schema = glue_ctx.get_catalog_schema_as_spark_schema(
                database=database, table_name=table_name, catalog_id=catalog_id
            )
            if not isinstance(schema, T.StructType):
                raise TypeError(
                    f"the Data Catalog schema of {database}.{table_name} is not a Spark StructType: {schema!r}"
                )
            cache["schema"] = schema
        located = _fields.locate(
            cache["schema"], _paths.split(path, "catalog column"), case_sensitive=False
        )
        return None if located is None else located.field.dataType

    return lookup
