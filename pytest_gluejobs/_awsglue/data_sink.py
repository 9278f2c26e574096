"""``awsglue.data_sink.DataSink``: what ``getSink`` and the ``write_dynamic_frame`` writers write —
S3 (``path``, ``partitionKeys``, ``compression``) in json, csv, parquet, glueparquet or orc,
DynamoDB (``dynamodb.output.tableName``), and Data Catalog tables on S3.

With ``enableUpdateCatalog`` the sink creates the catalog table it writes (``setCatalogInfo``) or
updates it, as AWS's "Updating the schema, and adding new partitions in the Data Catalog using
AWS Glue ETL jobs" describes: ``updateBehavior`` ``UPDATE_IN_DATABASE`` (the default) replaces the
columns, ``LOG`` keeps them; both add the partitions the write made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._spark import catalog, dynamodb, s3_frames, s3_paths
from .._spark.errors import NotServedError
from .._spark.s3_frames import options_folded, truthy
from .dynamicframe import DynamicFrame, DynamicFrameCollection

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from ._context_parts import ContextParts

_UPDATE_BEHAVIORS = ("UPDATE_IN_DATABASE", "LOG")
# Formats a sink can keep the catalog up to date for (AWS: json, csv, avro, parquet).
_CATALOG_FORMATS = ("json", "csv", "parquet", "glueparquet")


class DataSink:
    """One sink: a connection type and its options, or a catalog table; ``writeFrame`` writes."""

    def __init__(
        self,
        glue_context: ContextParts,
        connection_type: str,
        options: dict[str, Any],
        transformation_ctx: str = "",
        table: catalog.Table | None = None,
        catalog_id: str | None = None,
    ) -> None:
        self._glue_context = glue_context
        self._connection_type = connection_type
        self._options = dict(options)
        self._ctx = transformation_ctx or ""
        self._table = table
        self._format: str | None = None
        self._format_options: dict[str, Any] = {}
        self._catalog: tuple[str, str, str | None] | None = None
        self._catalog_id = catalog_id
        if table is not None:
            self._catalog = (table.database, table.name, catalog_id)
            if table.format() != "dynamodb":
                self.setFormat(table.format(), **_table_format_options(table))

    @classmethod
    def for_table(
        cls,
        glue_context: ContextParts,
        database: str,
        table_name: str,
        catalog_id: str | None,
        additional_options: dict[str, Any],
        transformation_ctx: str,
    ) -> DataSink:
        """A Data Catalog table: written where its location says, in the format it names."""
        table = catalog.get_table(database, table_name, catalog_id)
        if table.format() == "dynamodb":
            options = {"dynamodb.output.tableName": table.location.rpartition("/")[2] or table.name, **additional_options}
            return cls(glue_context, "dynamodb", options, transformation_ctx, table, catalog_id)
        if not s3_paths.is_s3(table.location):
            raise NotServedError(
                f"table {table.qualified()} is at {table.location or 'no location'}: only tables on "
                "S3 (or DynamoDB) are served by pytest-gluejobs' awsglue (see docs/etl.md)"
            )
        options = {"path": table.location, **additional_options}
        if "partitionKeys" not in options:
            options["partitionKeys"] = [key for key, _ in table.partition_keys]
        return cls(glue_context, "s3", options, transformation_ctx, table, catalog_id)

    def setFormat(self, format: str, **options: Any) -> None:
        self._format = s3_frames.check_format(format, s3_frames.WRITE_FORMATS, reading=False)
        self._format_options = dict(options)

    def setAccumulableSize(self, size: int) -> None:
        """Glue's error accumulator size: nothing to size here."""

    def setCatalogInfo(self, catalogDatabase: str, catalogTableName: str, catalogId: str = "") -> None:
        for name, value in (("catalogDatabase", catalogDatabase), ("catalogTableName", catalogTableName)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"setCatalogInfo: {name} must be a non-empty string, got {value!r}")
        self._catalog = (catalogDatabase, catalogTableName, catalogId or None)

    def writeFrame(self, dynamic_frame: Any, info: str = "") -> Any:
        """Write the frame; returns the frame of records that failed to write (none here)."""
        if not isinstance(dynamic_frame, DynamicFrame):
            raise TypeError(f"writeFrame takes a DynamicFrame, got {type(dynamic_frame).__name__}")
        self._write(dynamic_frame.toDF())
        return DynamicFrame(self._glue_context._no_rows(), self._glue_context, f"{dynamic_frame.name}_errors")

    def writeDataFrame(self, data_frame: DataFrame, glue_context: ContextParts, info: str = "") -> Any:
        return self.writeFrame(DynamicFrame.fromDF(data_frame, glue_context, self._ctx), info)

    def write(self, frame_or_dfc: Any, info: str = "") -> Any:
        """A frame, or each frame of a collection under ``<path>/<frame name>/``."""
        if not isinstance(frame_or_dfc, DynamicFrameCollection):
            return self.writeFrame(frame_or_dfc, info)
        path = self._options.get("path")
        results = {}
        for key in frame_or_dfc.keys():  # noqa: SIM118 (a collection, not a dict)
            sink = DataSink(self._glue_context, self._connection_type, self._options, self._ctx)
            if isinstance(path, str):
                sink._options["path"] = path.rstrip("/") + "/" + key + "/"
            sink._format, sink._format_options = self._format, self._format_options
            results[key] = sink.writeFrame(frame_or_dfc[key], info)
        return results

    # -- writing -----------------------------------------------------------------------------------

    def _write(self, frame: DataFrame) -> None:
        if self._connection_type == "dynamodb":
            table = self._options.get("dynamodb.output.tableName")
            if not isinstance(table, str) or not table:
                raise ValueError(
                    "a dynamodb sink needs connection_options {'dynamodb.output.tableName': <table name>}, "
                    f"got {sorted(self._options)}"
                )
            dynamodb.write(frame, table)
            return
        path = self._options.get("path")
        if not s3_paths.is_s3(path):
            raise ValueError(
                "an s3 sink needs connection_options {'path': 's3://bucket/prefix/'}, got "
                + (f"path={path!r}" if "path" in self._options else f"the keys {sorted(self._options)}")
            )
        if self._format is None:
            raise ValueError(f"an s3 sink needs a format (format=...): {', '.join(s3_frames.WRITE_FORMATS)}")
        keys = _partition_keys(self._options.get("partitionKeys"), frame)
        updating = truthy(options_folded(self._options).get("enableupdatecatalog", False))
        if updating:
            self._check_catalog_update(keys)
        compression = self._options.get("compression") if self._format in ("json", "csv") else None
        written = s3_frames.write(frame, str(path), self._format, self._format_options, keys, compression, self._ctx)
        if updating:
            self._update_catalog(frame, str(path), keys, written)

    def _check_catalog_update(self, keys: list[str]) -> None:
        if self._catalog is None:
            raise ValueError(
                "enableUpdateCatalog needs the table to update: call setCatalogInfo(catalogDatabase=..., "
                "catalogTableName=...) on the sink, or write with write_dynamic_frame.from_catalog"
            )
        if self._format not in _CATALOG_FORMATS:
            raise ValueError(
                f"enableUpdateCatalog works for the formats {', '.join(_CATALOG_FORMATS)} (AWS), not {self._format!r}"
            )
        behavior = self._options.get("updateBehavior", "UPDATE_IN_DATABASE")
        if behavior not in _UPDATE_BEHAVIORS:
            raise ValueError(f"updateBehavior must be one of {', '.join(_UPDATE_BEHAVIORS)}, got {behavior!r}")

    def _update_catalog(self, frame: DataFrame, path: str, keys: list[str], written: list[str]) -> None:
        assert self._catalog is not None
        database, name, catalog_id = self._catalog
        types = {field.name: field.dataType.simpleString() for field in frame.schema.fields}
        columns = [(column, types[column]) for column in frame.columns if column not in keys]
        partition_keys = [(key, types[key]) for key in keys]
        table = catalog.find_table(database, name, catalog_id)
        if table is None:
            separator = str(options_folded(self._format_options).get("separator", ","))
            assert self._format is not None
            catalog.create_table(
                database, catalog.table_input(name, path, self._format, columns, partition_keys, separator), catalog_id
            )
            table = catalog.get_table(database, name, catalog_id)
        else:
            if [key for key, _ in table.partition_keys] != keys:
                raise ValueError(
                    f"partitionKeys {keys} do not match the partition keys of table {table.qualified()}, "
                    f"{[key for key, _ in table.partition_keys]}: AWS requires the same keys in the same order"
                )
            if self._options.get("updateBehavior", "UPDATE_IN_DATABASE") == "UPDATE_IN_DATABASE":
                catalog.update_columns(table, columns, catalog_id)
        catalog.add_partitions(table, _partition_values(written, path, keys), catalog_id)


def _partition_keys(value: Any, frame: DataFrame) -> list[str]:
    if value is None or value == []:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(key, str) for key in value):
        raise ValueError(f"partitionKeys must be a list of column names, got {value!r}")
    missing = [key for key in value if key not in frame.columns]
    if missing:
        raise ValueError(f"partitionKeys {missing} are not columns of the frame, which has {frame.columns}")
    return list(value)


def _partition_values(written: list[str], path: str, keys: list[str]) -> list[list[str]]:
    """The partitions a write made, from the ``key=value`` folders of the files it wrote."""
    if not keys:
        return []
    base = path.rstrip("/") + "/"
    seen: dict[tuple[str, ...], None] = {}
    for uri in written:
        folders = uri[len(base):].split("/")[: len(keys)]
        values = tuple(folder.partition("=")[2] for folder in folders)
        if len(values) == len(keys):
            seen[values] = None
    return [list(values) for values in seen]


def _table_format_options(table: catalog.Table) -> dict[str, Any]:
    serde = table.serde_parameters
    return {"separator": serde.get("field.delim") or serde.get("separatorChar") or ","}
