"""``awsglue.dynamicframe``: `DynamicFrame`, `DynamicFrameCollection` and `ResolveOption`.

Glue's DynamicFrame wraps a frame in Glue's JVM; this one wraps a PySpark ``DataFrame`` and does
each transform with Spark, so a Glue ETL script runs unchanged on local Spark. Members follow AWS's
pages "DynamicFrame class" and "DynamicFrameCollection class"
(https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-dynamic-frame.html)
and, where those are silent, "AWS Glue Scala DynamicFrame class"
(https://docs.aws.amazon.com/glue/latest/dg/glue-etl-scala-apis-glue-dynamicframe-class.html);
signatures follow aws-glue-libs. What a DataFrame cannot hold as Glue's records do is listed in
the docs' page on Glue ETL scripts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, KeysView, Mapping, Sequence, ValuesView
from dataclasses import dataclass
from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .._spark.errors import NotServedError
from . import (
    _choices,
    _combine,
    _fields,
    _map_filter,
    _mapping,
    _paths,
    _records,
    _relational,
    _types,
    _unbox,
)
from . import gluetypes as G
from .unsupported import no_such_attribute, unsupported

__all__ = ["DynamicFrame", "DynamicFrameCollection", "DynamicFrameReader", "DynamicFrameWriter", "ResolveOption"]


class ResolveOption:
    """How ``toDF`` resolves one choice: ``ResolveOption("a.b", "KeepAsStruct")`` or
    ``ResolveOption("a.b", "Project", DoubleType())`` with a `gluetypes` type.

    AWS: "DynamicFrame class", toDF.
    """

    def __init__(self, path: str, action: str, target: G.DataType | None = None) -> None:
        self.path = path
        self.action = action
        self.target = target

    def __repr__(self) -> str:
        return f"ResolveOption({self.path!r}, {self.action!r}, {self.target!r})"


class _Errors:
    """Error records one transformation made, as a DataFrame made and counted when first asked."""

    def __init__(self, make: Callable[[], DataFrame]) -> None:
        self._make = make
        self._frame: DataFrame | None = None
        self._count: int | None = None

    @property
    def frame(self) -> DataFrame:
        if self._frame is None:
            self._frame = self._make()
        return self._frame

    @property
    def count(self) -> int:
        if self._count is None:
            self._count = int(self.frame.count())
        return self._count


@dataclass(frozen=True)
class _Thresholds:
    stage: int
    total: int
    transformation: str


def _common(
    method: str, transformation_ctx: Any, info: Any, stageThreshold: Any, totalThreshold: Any
) -> _Thresholds:
    """The arguments most transforms share, checked: strings, and thresholds of 0 or more."""
    if not isinstance(transformation_ctx, str):
        raise TypeError(
            f"{method}: transformation_ctx must be a string, got {type(transformation_ctx).__name__}: {transformation_ctx!r}"
        )
    if info is not None and not isinstance(info, str):
        raise TypeError(f"{method}: info must be a string, got {type(info).__name__}: {info!r}")
    limits = []
    for name, value in (("stageThreshold", stageThreshold), ("totalThreshold", totalThreshold)):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TypeError(
                f"{method}: {name} must be a whole number, got {type(value).__name__}: {value!r}"
            )
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"{method}: {name} must be a whole number, got {value!r}") from None
        if number < 0:
            raise ValueError(f"{method}: {name} must be 0 (no limit) or more, got {value!r}")
        limits.append(number)
    where = (
        f"{method} (transformation_ctx {transformation_ctx!r})" if transformation_ctx else method
    )
    return _Thresholds(limits[0], limits[1], where)


def _name_arg(method: str, name: Any, what: str = "name") -> str:
    if not isinstance(name, str):
        raise TypeError(f"{method}: {what} must be a string, got {type(name).__name__}: {name!r}")
    return name


class DynamicFrame:
    """A distributed collection of self-describing records: Glue's frame, over a Spark DataFrame.

    AWS: "DynamicFrame class". ``DynamicFrame(df, glue_ctx, name)`` wraps a PySpark DataFrame
    (Glue's wraps a JVM frame); scripts make one with ``fromDF`` or a GlueContext reader.
    """

    def __init__(self, jdf: DataFrame, glue_ctx: Any, name: str = "") -> None:
        # Glue's first argument is a JVM frame; here it is the PySpark DataFrame wrapped.
        if not isinstance(jdf, DataFrame):
            raise TypeError(
                f"DynamicFrame wraps a pyspark.sql.DataFrame, got {type(jdf).__name__}; "
                "use DynamicFrame.fromDF(dataframe, glue_ctx, name)"
            )
        if glue_ctx is None:
            raise TypeError("DynamicFrame needs a GlueContext as glue_ctx, got None")
        self._df = jdf
        self.glue_ctx = glue_ctx
        self.name = _name_arg("DynamicFrame", name)
        self._schema: G.StructType | None = None
        self._errors: tuple[_Errors, ...] = ()
        self._stage: _Errors | None = None
        self._thresholds = _Thresholds(0, 0, "")
        # Whether a null field stands for one the record does not have (see `_records`): so for
        # frames read from JSON or DynamoDB, where Spark reads an absent field as null.
        self._null_fields_absent = False

    def _derive(
        self,
        df: DataFrame,
        name: str | None = None,
        stage: _Errors | None = None,
        thresholds: _Thresholds | None = None,
        also: Iterable[DynamicFrame] = (),
    ) -> DynamicFrame:
        """A frame made from this one: it carries the error records of every frame it came from."""
        frame = DynamicFrame(df, self.glue_ctx, self.name if name is None else name)
        earlier = [*self._errors, *(e for other in also for e in other._errors)]
        frame._errors = (*earlier, stage) if stage is not None else tuple(earlier)
        frame._stage = stage
        frame._null_fields_absent = self._null_fields_absent or any(
            other._null_fields_absent for other in also
        )
        if thresholds is not None:
            frame._thresholds = thresholds
            if thresholds.stage or thresholds.total:
                frame.assertErrorThreshold()
        return frame

    def __getattr__(self, name: str) -> Any:
        hint = ""
        if name == "drop_null_fields":
            hint = (
                "AWS Glue's DynamicFrame has no such method (its DynamicFrame class page lists none); "
                "use DropNullFields.apply(frame=...) from awsglue.transforms."
            )
        raise no_such_attribute("DynamicFrame", name, dir(type(self)), hint)

    def __repr__(self) -> str:
        return f"DynamicFrame(name={self.name!r}, fields={self._df.columns!r})"

    # -- Construction --------------------------------------------------------------------------

    @classmethod
    def fromDF(cls, dataframe: DataFrame, glue_ctx: Any, name: str = "") -> DynamicFrame:
        """A DynamicFrame holding a Spark DataFrame's rows. AWS: "DynamicFrame class", fromDF."""
        if not isinstance(dataframe, DataFrame):
            raise TypeError(
                f"DynamicFrame.fromDF needs a pyspark.sql.DataFrame, got {type(dataframe).__name__}"
            )
        return cls(dataframe, glue_ctx, name)

    def toDF(self, options: Sequence[ResolveOption] | None = None) -> DataFrame:
        """The records as a Spark DataFrame; a choice becomes a struct of its types.

        ``options`` resolves choices on the way (``KeepAsStruct``, or ``Project`` with a
        `gluetypes` target). AWS: "DynamicFrame class", toDF; the Scala class page, toDF.
        """
        if options is None:
            options = []
        if not isinstance(options, (list, tuple)):
            raise TypeError(
                f"toDF options must be a list of ResolveOption, got {type(options).__name__}: {options!r}"
            )
        specs: list[tuple[str, _choices.Action]] = []
        for option in options:
            if not isinstance(option, ResolveOption):
                raise TypeError(
                    f"toDF options must be ResolveOption objects, got {type(option).__name__}: {option!r}"
                )
            action = str(option.action)
            if action != "KeepAsStruct" and option.target is None:
                raise Exception(f"Missing target type for resolve action {action}.")
            if action.upper() == "KEEPASSTRUCT":
                specs.append((option.path, _choices.Action("make_struct")))
            elif action.upper() == "PROJECT":
                if not isinstance(option.target, G.DataType):
                    raise ValueError(
                        "Target type must be specified with project action "
                        f"(an awsglue.gluetypes type, not {type(option.target).__module__}.{type(option.target).__name__})."
                    )
                specs.append(
                    (
                        option.path,
                        _choices.parse_action(f"project:{option.target.typeName()}", "toDF"),
                    )
                )
            else:
                raise ValueError(
                    f"Invalid resolve action {action}. Action must be one of KeepAsStruct and Project."
                )
        df = _choices.resolve_specs(self._df, specs, _no_catalog) if specs else self._df
        if not _types.has_choice(df.schema):
            return df
        return df.select(
            *[
                F.col(_fields.spark_name(f.name)).cast(_types.unmarked(f.dataType)).alias(f.name)
                if _types.has_choice(f.dataType)
                else F.col(_fields.spark_name(f.name))
                for f in df.schema.fields
            ]
        )

    # -- Information -----------------------------------------------------------------------------

    def count(self) -> int:
        """The number of records. AWS: "DynamicFrame class", count."""
        return int(self._df.count())

    def schema(self) -> G.StructType:
        """The schema as `gluetypes` (a choice as ``ChoiceType``). AWS: "DynamicFrame class", schema."""
        if self._schema is None:
            self._schema = _types.schema_of(self._df.schema)
        return self._schema

    def printSchema(self) -> None:
        """Print the schema as Glue does: ``root``, then ``|-- name: type`` lines, no nullability.

        AWS: "DynamicFrame class", printSchema.
        """
        print(_types.tree_string(self.schema()))

    def show(self, num_rows: int = 20) -> None:
        """Print up to ``num_rows`` records, one JSON object per line, as Glue prints them.

        AWS: "DynamicFrame class", show; the Scala page ("Prints rows … in JSON format").
        """
        if isinstance(num_rows, bool) or not isinstance(num_rows, int):
            raise TypeError(
                f"show: num_rows must be a whole number, got {type(num_rows).__name__}: {num_rows!r}"
            )
        build = _records.record_builder(self._df.schema, self._null_fields_absent)
        for row in self._df.take(max(num_rows, 0)):
            print(_records.as_json(build(*row)))

    def getNumPartitions(self) -> int:
        """How many partitions the records are in. AWS: the Scala class page, getNumPartitions."""
        return int(self._df.rdd.getNumPartitions())

    def with_frame_schema(self, schema: G.StructType) -> DynamicFrame:
        """The same records, reporting ``schema`` instead of computing one.

        AWS: the Scala class page, withFrameSchema ("must contain all columns present").
        """
        if not isinstance(schema, G.StructType):
            raise TypeError(
                f"with_frame_schema needs an awsglue.gluetypes.StructType, got {type(schema).__name__}"
            )
        frame = self._derive(self._df)
        frame._schema = schema
        return frame

    # -- Transforms ------------------------------------------------------------------------------

    def apply_mapping(
        self,
        mappings: Any,
        case_sensitive: bool = False,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """Only the mapped fields, renamed, re-nested and cast as the mappings say.

        ``mappings`` are ``(source path, source type, target path, target type)`` tuples. AWS:
        "DynamicFrame class", apply_mapping; "ApplyMapping class".
        """
        _common("apply_mapping", transformation_ctx, info, stageThreshold, totalThreshold)
        if not isinstance(case_sensitive, bool):
            raise TypeError(
                f"apply_mapping: case_sensitive must be True or False, got {case_sensitive!r}"
            )
        checked = _mapping.mappings_list(mappings)
        return self._derive(_mapping.apply_mapping(self._df, checked, case_sensitive))

    def applyMapping(self, *args: Any, **kwargs: Any) -> DynamicFrame:
        """`apply_mapping` by its older name; a leading DynamicFrame argument is skipped, as in Glue."""
        if args and isinstance(args[0], DynamicFrame):
            args = args[1:]
        return self.apply_mapping(*args, **kwargs)

    def select_fields(
        self,
        paths: Any,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """Only the fields ``paths`` name (nested paths keep their parents).

        AWS: "DynamicFrame class", select_fields; "SelectFields class".
        """
        _common("select_fields", transformation_ctx, info, stageThreshold, totalThreshold)
        names = _paths.names_list(paths, "select_fields paths")
        tree = _fields.path_tree(self._df.schema, names, "select_fields")
        return self._derive(_fields.edit(self._df, tree, "select"))

    def drop_fields(
        self,
        paths: Any,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """The frame without the fields ``paths`` name; a struct left empty goes too.

        AWS: "DynamicFrame class", drop_fields; "DropFields class".
        """
        _common("drop_fields", transformation_ctx, info, stageThreshold, totalThreshold)
        names = _paths.names_list(paths, "drop_fields paths")
        tree = _fields.path_tree(self._df.schema, names, "drop_fields")
        return self._derive(_fields.edit(self._df, tree, "drop"))

    def rename_field(
        self,
        oldName: str,
        newName: str,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """The frame with the field at ``oldName`` renamed to the full path ``newName``.

        AWS: "DynamicFrame class", rename_field; "RenameField class"; the Scala page, renameField.
        """
        _common("rename_field", transformation_ctx, info, stageThreshold, totalThreshold)
        old = [n for n in _paths.split(oldName, "rename_field oldName") if n != _paths.ELEMENTS]
        new = [n for n in _paths.split(newName, "rename_field newName") if n != _paths.ELEMENTS]
        located = _fields.locate(self._df.schema, old)
        if located is None:
            _paths.warn_missing("rename_field", oldName, _fields.leaf_paths(self._df.schema))
            return self._derive(self._df)
        if old == new:
            return self._derive(self._df)
        if _fields.locate(self._df.schema, new) is not None:
            raise ValueError(
                f"rename_field: the frame already has a field {newName!r}; drop it first or pick another name"
            )
        if old[:-1] == new[:-1]:
            tree = _fields.path_tree(self._df.schema, [oldName], "rename_field", leaf=new[-1])
            return self._derive(_fields.edit(self._df, tree, "rename"))
        if located.through_array:
            raise ValueError(
                f"rename_field: {oldName!r} is inside an array; it can be renamed there, not moved out"
            )
        return self._derive(_fields.move(self._df, located.names, new))

    def resolveChoice(
        self,
        specs: Any = None,
        choice: str = "",
        database: str | None = None,
        table_name: str | None = None,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
        catalog_id: str | None = None,
    ) -> DynamicFrame:
        """Choices resolved: ``specs`` as ``(path, action)`` tuples, or one ``choice`` for all.

        Actions: ``cast:<type>``, ``project:<type>``, ``make_cols``, ``make_struct``, and
        ``match_catalog`` (with ``database`` and ``table_name``, read through the GlueContext).
        AWS: "DynamicFrame class", resolveChoice; "ResolveChoice class".
        """
        _common("resolveChoice", transformation_ctx, info, stageThreshold, totalThreshold)
        if specs is None and not choice:
            raise Exception("resolveChoice: Parameter specs and option are both missing, add one.")
        if specs is not None and choice:
            raise Exception(
                "resolveChoice: Parameter specs and option are both specified, choose one."
            )
        if specs is not None:
            if isinstance(specs, tuple):
                specs = [specs]
            if not isinstance(specs, list):
                raise TypeError(
                    f"resolveChoice specs must be a list of (path, action) tuples, got {type(specs).__name__}: {specs!r}"
                )
            parsed = []
            for spec in specs:
                if not isinstance(spec, tuple) or len(spec) != 2:
                    raise TypeError(
                        f"resolveChoice specs must be (path, action) tuples, got {spec!r}"
                    )
                action = _choices.parse_action(spec[1], f"resolveChoice action for {spec[0]!r}")
                if action.kind == "match_catalog":
                    raise ValueError(
                        "resolveChoice: match_catalog goes in choice=, with database and table_name"
                    )
                parsed.append((spec[0], action))
            return self._derive(_choices.resolve_specs(self._df, parsed, _no_catalog))
        action = _choices.parse_action(choice, "resolveChoice choice")
        catalog: Callable[[str], T.DataType | None] = _no_catalog
        if action.kind == "match_catalog":
            # Only match_catalog reads the table, as Glue's docs give database and table_name for it.
            if database is None or table_name is None:
                raise ValueError("resolveChoice: choice='match_catalog' needs database and table_name")
            catalog = _choices.catalog_lookup(
                self.glue_ctx,
                _name_arg("resolveChoice", database, "database"),
                _name_arg("resolveChoice", table_name, "table_name"),
                catalog_id,
            )
        return self._derive(_choices.resolve_all(self._df, action, catalog))

    def filter(
        self,
        f: Callable[[G.DynamicRecord], Any],
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """The records for which ``f(record)`` is true.

        ``f`` gets a `gluetypes.DynamicRecord`; a ``KeyError``, ``ValueError`` or ``TypeError``
        from it leaves the record out, any other exception makes it an error record (counted by
        `errorsCount`). AWS: "DynamicFrame class", filter; "Filter class"; aws-glue-libs.
        """
        limits = _common("filter", transformation_ctx, info, stageThreshold, totalThreshold)
        if not callable(f):
            raise TypeError(
                f"filter: f must be a function of a record, got {type(f).__name__}: {f!r}"
            )

        def keep(record: G.DynamicRecord) -> bool:
            try:
                return bool(f(record))
            except (KeyError, ValueError, TypeError):
                return False

        persist = bool(limits.stage or limits.total)
        df, errors = _map_filter.filtered(self._df, keep, self._null_fields_absent, persist)
        return self._with_errors(df, errors, transformation_ctx, info, limits)

    def map(
        self,
        f: Callable[[G.DynamicRecord], Any],
        preservesPartitioning: bool = False,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """Each record as ``f(record)`` returns it; the schema is computed from the results.

        A failing ``f``, or one returning nothing, makes an error record. AWS: "DynamicFrame
        class", map; "Map class"; aws-glue-libs.
        """
        limits = _common("map", transformation_ctx, info, stageThreshold, totalThreshold)
        if not callable(f):
            raise TypeError(f"map: f must be a function of a record, got {type(f).__name__}: {f!r}")

        def apply(record: G.DynamicRecord) -> dict[str, Any]:
            result = G._revert_to_dict(f(record))
            if not result:
                raise _map_filter.RecordError(
                    "User-specified function returned None instead of DynamicRecord"
                )
            if not isinstance(result, dict):
                raise _map_filter.RecordError(
                    f"User-specified function returned {type(result).__name__} instead of DynamicRecord"
                )
            return result

        return self._mapped(apply, transformation_ctx, info, limits)

    def _mapped(
        self,
        apply: Callable[[G.DynamicRecord], dict[str, Any]],
        transformation_ctx: str,
        info: str,
        limits: _Thresholds,
    ) -> DynamicFrame:
        df, errors = _map_filter.mapped(self._df, apply, self._null_fields_absent)
        return self._with_errors(df, errors, transformation_ctx, info, limits)

    def _with_errors(
        self,
        df: DataFrame,
        errors: _map_filter.Errors,
        transformation_ctx: str,
        info: str,
        limits: _Thresholds,
    ) -> DynamicFrame:
        spark = df.sparkSession

        def frame() -> DataFrame:
            return _map_filter.error_frame(spark, errors, transformation_ctx, info or "")

        return self._derive(df, stage=_Errors(frame), thresholds=limits)

    def unbox(
        self,
        path: str,
        format: str,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
        **options: Any,
    ) -> DynamicFrame:
        """The string field at ``path`` parsed (``json`` or ``csv``) into a struct.

        Options: ``separator``, ``escaper``, ``skipFirst``, ``withHeader``, ``withSchema``. A
        value that does not parse makes an error record. AWS: "DynamicFrame class", unbox;
        "Unbox class".
        """
        limits = _common("unbox", transformation_ctx, info, stageThreshold, totalThreshold)
        names = _paths.split(path, "unbox path")
        located = _fields.locate(self._df.schema, names)
        if located is None:
            _paths.warn_missing("unbox", path, _fields.leaf_paths(self._df.schema))
            return self._derive(self._df)
        if located.through_array:
            raise ValueError(
                f"unbox path {path!r} is inside an array; unbox a field of the records"
            )
        parse = _unbox.parser(format, options, path)
        kind = located.field.dataType
        if not isinstance(kind, (T.StringType, T.BinaryType)):
            raise ValueError(
                f"unbox: {path!r} is {_types.glue_name(kind)}; only string and binary fields can be unboxed"
            )
        target = list(located.names)
        schema = _unbox.given_schema(options)

        def apply(record: G.DynamicRecord) -> dict[str, Any]:
            _unbox.replace(record, target, parse)
            return G._revert_to_dict(record)  # type: ignore[no-any-return]

        if schema is None:
            return self._mapped(apply, transformation_ctx, info, limits)
        return self._derive(
            _unbox.with_schema(self._df, target, format, options, schema), thresholds=limits
        )

    def split_fields(
        self,
        paths: Any,
        name1: str,
        name2: str,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrameCollection:
        """Two frames: ``name1`` with the fields ``paths`` name, ``name2`` with the rest.

        AWS: "DynamicFrame class", split_fields; "SplitFields class".
        """
        _common("split_fields", transformation_ctx, info, stageThreshold, totalThreshold)
        _name_arg("split_fields", name1, "name1")
        _name_arg("split_fields", name2, "name2")
        names = _paths.names_list(paths, "split_fields paths")
        tree = _fields.path_tree(self._df.schema, names, "split_fields")
        first = self._derive(_fields.edit(self._df, tree, "select"), name1)
        second = self._derive(_fields.edit(self._df, tree, "drop"), name2)
        return DynamicFrameCollection({name1: first, name2: second}, self.glue_ctx)

    def split_rows(
        self,
        comparison_dict: Any,
        name1: str,
        name2: str,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrameCollection:
        """Two frames: ``name1`` with the records meeting every comparison, ``name2`` the others.

        ``comparison_dict`` is ``{"age": {">": 10, "<": 20}}``; operators ``!= = <= < >= >``.
        AWS: "DynamicFrame class", split_rows; "SplitRows class"; the Scala page, splitRows.
        """
        _common("split_rows", transformation_ctx, info, stageThreshold, totalThreshold)
        _name_arg("split_rows", name1, "name1")
        _name_arg("split_rows", name2, "name2")
        test = _combine.comparisons(self._df, comparison_dict)
        first = self._derive(self._df.filter(test), name1)
        second = self._derive(self._df.filter(~test), name2)
        return DynamicFrameCollection({name1: first, name2: second}, self.glue_ctx)

    def join(
        self,
        paths1: Any,
        paths2: Any,
        frame2: DynamicFrame,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """An equality join with ``frame2``: both keys kept, a name both have gets a ``.`` prefix
        on ``frame2``'s side. AWS: "DynamicFrame class", join; "Join class".
        """
        _common("join", transformation_ctx, info, stageThreshold, totalThreshold)
        if not isinstance(frame2, DynamicFrame):
            raise TypeError(f"join: frame2 must be a DynamicFrame, got {type(frame2).__name__}")
        keys1 = _paths.names_list(paths1, "join paths1")
        keys2 = _paths.names_list(paths2, "join paths2")
        joined = _combine.join(self._df, frame2._df, keys1, keys2)
        return self._derive(joined, self.name + frame2.name, also=[frame2])

    def union(
        self,
        other_frame: DynamicFrame,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """Every record of both frames; a field typed differently in each becomes a choice.

        AWS: aws-glue-libs' ``union`` ("all records in this frame and all records in other_frame").
        """
        _common("union", transformation_ctx, info, stageThreshold, totalThreshold)
        if not isinstance(other_frame, DynamicFrame):
            raise TypeError(
                f"union: other_frame must be a DynamicFrame, got {type(other_frame).__name__}"
            )
        return self._derive(_combine.union(self._df, other_frame._df), also=[other_frame])

    def mergeDynamicFrame(
        self,
        stage_dynamic_frame: DynamicFrame,
        primary_keys: Any,
        transformation_ctx: str = "",
        options: Any = None,
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """This frame with records whose ``primary_keys`` match a staging record replaced by it.

        Source records without a match stay, duplicates too. AWS: "DynamicFrame class",
        mergeDynamicFrame.
        """
        _common("mergeDynamicFrame", transformation_ctx, info, stageThreshold, totalThreshold)
        if not isinstance(stage_dynamic_frame, DynamicFrame):
            raise TypeError(
                f"mergeDynamicFrame: stage_dynamic_frame must be a DynamicFrame, got {type(stage_dynamic_frame).__name__}"
            )
        if options is not None and not isinstance(options, (dict, str)):
            raise TypeError(
                f"mergeDynamicFrame: options must be a dict or a JSON string, got {type(options).__name__}"
            )
        keys = _paths.names_list(primary_keys, "mergeDynamicFrame primary_keys")
        merged = _combine.merge(self._df, stage_dynamic_frame._df, keys)
        return self._derive(merged, also=[stage_dynamic_frame])

    def unnest(
        self,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """Structs flattened into top-level fields named with dots (``address.state``).

        AWS: "DynamicFrame class", unnest; "UnnestFrame class"; the Scala page, unnest.
        """
        _common("unnest", transformation_ctx, info, stageThreshold, totalThreshold)
        return self._derive(_fields.flatten(self._df))

    def relationalize(
        self,
        root_table_name: str,
        staging_path: str,
        options: Any = None,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrameCollection:
        """Flat tables: the root named ``root_table_name``, and ``<root>_<column>`` per array,
        joined by generated keys. AWS: "DynamicFrame class", relationalize; "Relationalize class".
        """
        _common("relationalize", transformation_ctx, info, stageThreshold, totalThreshold)
        root = _name_arg("relationalize", root_table_name, "root_table_name")
        if not root:
            raise ValueError("relationalize: root_table_name must not be empty")
        _name_arg("relationalize", staging_path, "staging_path")
        if options is not None and not isinstance(options, (dict, str)):
            raise TypeError(f"relationalize: options must be a dict, got {type(options).__name__}")
        tables = _relational.relationalize(self._df, root)
        frames = {name: self._derive(df, name) for name, df in tables.items()}
        return DynamicFrameCollection(frames, self.glue_ctx)

    def spigot(
        self,
        path: str,
        options: Any = None,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """The same records, after writing a sample of them as JSON to ``path``.

        Options ``topk`` (records written, default 100) and ``prob`` (chance each is picked,
        default 1). An ``s3://`` path is written through the GlueContext's writer. AWS:
        "DynamicFrame class", spigot; the Scala page, spigot.
        """
        _common("spigot", transformation_ctx, info, stageThreshold, totalThreshold)
        _name_arg("spigot", path, "path")
        settings = _spigot_options(options)
        sample = self._df
        if settings["prob"] < 1:
            sample = sample.sample(withReplacement=False, fraction=settings["prob"])
        sample = sample.limit(int(settings["topk"]))
        if path.startswith(("s3://", "s3a://")):
            self.glue_ctx.write_dynamic_frame.from_options(
                frame=self._derive(sample),
                connection_type="s3",
                connection_options={"path": path},
                format="json",
            )
        else:
            self._derive(sample).toDF().write.mode("overwrite").json(path)
        return self._derive(self._df)

    def repartition(
        self,
        num_partitions: int,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """The records in ``num_partitions`` partitions. AWS: "DynamicFrame class", repartition."""
        _common("repartition", transformation_ctx, info, stageThreshold, totalThreshold)
        return self._derive(self._df.repartition(_partitions("repartition", num_partitions)))

    def coalesce(
        self,
        num_partitions: int,
        shuffle: bool = False,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        """The records in at most ``num_partitions`` partitions (``shuffle`` to spread them evenly).

        AWS: "DynamicFrame class", coalesce.
        """
        _common("coalesce", transformation_ctx, info, stageThreshold, totalThreshold)
        count = _partitions("coalesce", num_partitions)
        if not isinstance(shuffle, bool):
            raise TypeError(f"coalesce: shuffle must be True or False, got {shuffle!r}")
        return self._derive(self._df.repartition(count) if shuffle else self._df.coalesce(count))

    def write(
        self,
        connection_type: str,
        connection_options: Any = None,
        format: str | None = None,
        format_options: Any = None,
        accumulator_size: int = 0,
    ) -> Any:
        """Write the frame through its GlueContext (``write_from_options``).

        AWS: "DynamicFrame class", write.
        """
        return self.glue_ctx.write_from_options(
            frame_or_dfc=self,
            connection_type=connection_type,
            connection_options=connection_options or {},
            format=format,
            format_options=format_options or {},
            accumulator_size=accumulator_size,
        )

    # -- Errors ----------------------------------------------------------------------------------

    def errorsCount(self) -> int:
        """Error records of this frame and the frames it came from. AWS: "DynamicFrame class"."""
        return sum(errors.count for errors in self._errors)

    def stageErrorsCount(self) -> int:
        """Error records of the transformation that made this frame. AWS: "DynamicFrame class"."""
        return self._stage.count if self._stage is not None else 0

    def errorsAsDynamicFrame(self) -> DynamicFrame:
        """The error records so far, one per failed record: ``errorMessage``, ``record`` (JSON),
        ``transformation_ctx`` and ``info``. AWS: "DynamicFrame class", errorsAsDynamicFrame.
        """
        frames = [errors.frame for errors in self._errors]
        if not frames:
            frame = _map_filter.error_frame(self._df.sparkSession, None, "", "")
        else:
            frame = frames[0]
            for other in frames[1:]:
                frame = frame.unionByName(other)
        return DynamicFrame(frame, self.glue_ctx, self.name)

    def assertErrorThreshold(self) -> None:
        """Raise if error records passed the thresholds of the transformation that made this frame.

        A threshold of 0 means no limit. AWS: "DynamicFrame class"; the Scala page.
        """
        limits = self._thresholds
        stage, total = self.stageErrorsCount(), self.errorsCount()
        if limits.stage and stage > limits.stage:
            raise RuntimeError(
                f"{limits.transformation}: {stage} error records, more than stageThreshold {limits.stage}{self._first_error()}"
            )
        if limits.total and total > limits.total:
            raise RuntimeError(
                f"{limits.transformation}: {total} error records in all, more than totalThreshold {limits.total}{self._first_error()}"
            )

    def _first_error(self) -> str:
        for errors in reversed(self._errors):
            row = errors.frame.select("errorMessage").first()
            if row is not None:
                return f"; the latest: {row[0]}"
        return ""

    mapPartitions = unsupported(
        "DynamicFrame", "mapPartitions", "its functions see Glue's internal record wrappers"
    )
    mapPartitionsWithIndex = unsupported(
        "DynamicFrame",
        "mapPartitionsWithIndex",
        "its functions see Glue's internal record wrappers",
    )
    unnest_ddb_json = unsupported(
        "DynamicFrame", "unnest_ddb_json", "DynamoDB export JSON is not read"
    )
    simplify_ddb_json = unsupported(
        "DynamicFrame", "simplify_ddb_json", "DynamoDB export JSON is not read"
    )


def _no_catalog(path: str) -> T.DataType | None:
    return None


def _partitions(method: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"{method}: num_partitions must be a whole number, got {type(value).__name__}: {value!r}"
        )
    if value < 1:
        raise ValueError(f"{method}: num_partitions must be 1 or more, got {value}")
    return value


def _spigot_options(options: Any) -> dict[str, float]:
    if options is None:
        options = {}
    if isinstance(options, str):
        try:
            options = json.loads(options)
        except json.JSONDecodeError:
            raise ValueError(
                f"spigot: options must be a dict or a JSON object string such as '{{\"topk\": 10}}', got {options!r}"
            ) from None
    if not isinstance(options, Mapping):
        raise TypeError(
            f"spigot: options must be a dict such as {{'topk': 10}}, got {type(options).__name__}: {options!r}"
        )
    unknown = set(options) - {"topk", "prob"}
    if unknown:
        raise ValueError(f"spigot: unknown options {sorted(unknown)}; spigot takes topk and prob")
    topk, prob = options.get("topk", 100), options.get("prob", 1.0)
    if isinstance(topk, bool) or not isinstance(topk, int) or topk < 0:
        raise ValueError(f"spigot: topk must be a whole number of records, 0 or more, got {topk!r}")
    if isinstance(prob, bool) or not isinstance(prob, (int, float)) or not 0 <= prob <= 1:
        raise ValueError(f"spigot: prob must be a number from 0 to 1, got {prob!r}")
    return {"topk": float(topk), "prob": float(prob)}


class DynamicFrameCollection:
    """Named DynamicFrames, as SplitFields, SplitRows and Relationalize return them.

    AWS: "DynamicFrameCollection class".
    """

    def __init__(
        self, dynamic_frames: Mapping[str, DynamicFrame] | list[DynamicFrame], glue_ctx: Any
    ) -> None:
        self._glue_ctx = glue_ctx
        if isinstance(dynamic_frames, list):
            self._df_dict = {frame.name: frame for frame in dynamic_frames}
        elif isinstance(dynamic_frames, dict):
            self._df_dict = dict(dynamic_frames)
        else:
            raise TypeError("dynamic_frames must be list or dict.")

    def __getitem__(self, key: str) -> DynamicFrame:
        return self._df_dict[key]

    def __len__(self) -> int:
        return len(self._df_dict)

    def __repr__(self) -> str:
        return f"DynamicFrameCollection({list(self._df_dict)!r})"

    def keys(self) -> KeysView[str]:
        """The frames' names. AWS: "DynamicFrameCollection class", keys."""
        return self._df_dict.keys()

    def values(self) -> ValuesView[DynamicFrame]:
        """The frames. AWS: "DynamicFrameCollection class", values."""
        return self._df_dict.values()

    def select(self, key: str, transformation_ctx: str = "") -> DynamicFrame:
        """The frame called ``key``; an empty frame of that name when there is none, as in Glue.

        AWS: "DynamicFrameCollection class", select; aws-glue-libs.
        """
        if key in self._df_dict:
            return self._df_dict[key]
        spark = getattr(self._glue_ctx, "spark_session", None)
        if spark is None:
            spark = next(iter(self._df_dict.values()))._df.sparkSession
        return DynamicFrame(spark.createDataFrame([], T.StructType([])), self._glue_ctx, key)

    def map(
        self, callable: Callable[[DynamicFrame, str], DynamicFrame], transformation_ctx: str = ""
    ) -> DynamicFrameCollection:
        """Each frame as ``callable(frame, transformation_ctx + ":" + name)`` returns it.

        AWS: "DynamicFrameCollection class", map.
        """
        mapped: dict[str, DynamicFrame] = {}
        for key, frame in self._df_dict.items():
            result = callable(frame, f"{transformation_ctx}:{key}")
            if not isinstance(result, DynamicFrame):
                raise TypeError(f"callable must return a DynamicFrame. Got {type(result)}")
            mapped[key] = result
        return DynamicFrameCollection(mapped, self._glue_ctx)

    def flatmap(
        self, f: Callable[[DynamicFrame, str], Any], transformation_ctx: str = ""
    ) -> DynamicFrameCollection:
        """The frames and collections ``f(frame, ctx)`` returns, gathered into one collection.

        AWS: "DynamicFrameCollection class", flatmap.
        """
        gathered: dict[str, DynamicFrame] = {}
        for frame in self._df_dict.values():
            result = f(frame, f"{transformation_ctx}:{frame.name}")
            if isinstance(result, DynamicFrame):
                gathered[result.name] = result
            elif isinstance(result, DynamicFrameCollection):
                gathered.update(result._df_dict)
            else:
                raise TypeError(
                    f"Function argument to flatmap must return DynamicFrame or DynamicFrameCollection. Got {type(result)}"
                )
        return DynamicFrameCollection(gathered, self._glue_ctx)


class DynamicFrameReader:
    """``glueContext.create_dynamic_frame``: ``from_options``, ``from_catalog``, ``from_rdd``."""

    def __init__(self, glue_context: Any) -> None:
        self._glue_context = glue_context

    def from_rdd(self, data: Any, name: str, schema: Any = None, sampleRatio: float | None = None) -> Any:
        return self._glue_context.create_dynamic_frame_from_rdd(data, name, schema, sampleRatio)

    def from_options(
        self,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        **kwargs: Any,
    ) -> Any:
        return self._glue_context.create_dynamic_frame_from_options(
            connection_type, connection_options, format, format_options, transformation_ctx, push_down_predicate, **kwargs
        )

    def from_catalog(
        self,
        database: str | None = None,
        table_name: str | None = None,
        redshift_tmp_dir: str = "",
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        additional_options: dict[str, Any] | None = None,
        catalog_id: str | None = None,
        **kwargs: Any,
    ) -> Any:
        return self._glue_context.create_dynamic_frame_from_catalog(
            database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate, additional_options, catalog_id, **kwargs
        )


class DynamicFrameWriter:
    """``glueContext.write_dynamic_frame``: ``from_options``, ``from_catalog``."""

    def __init__(self, glue_context: Any) -> None:
        self._glue_context = glue_context

    def from_options(
        self,
        frame: Any,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
    ) -> Any:
        return self._glue_context.write_dynamic_frame_from_options(
            frame, connection_type, connection_options, format, format_options, transformation_ctx
        )

    def from_catalog(
        self,
        frame: Any,
        database: str | None = None,
        table_name: str | None = None,
        redshift_tmp_dir: str = "",
        transformation_ctx: str = "",
        additional_options: dict[str, Any] | None = None,
        catalog_id: str | None = None,
        **kwargs: Any,
    ) -> Any:
        return self._glue_context.write_dynamic_frame_from_catalog(
            frame, database, table_name, redshift_tmp_dir, transformation_ctx, additional_options, catalog_id, **kwargs
        )

    def from_jdbc_conf(self, *args: Any, **kwargs: Any) -> Any:
        raise NotServedError(
            "write_dynamic_frame.from_jdbc_conf: JDBC connections are not served by pytest-gluejobs' "
            "awsglue (see docs/etl.md)"
        )
