"""``awsglue.data_source.DataSource``: what ``getSource`` and the ``create_dynamic_frame`` readers
read — S3 (``paths``, ``recurse``, ``exclusions``; ``groupFiles``/``groupSize`` accepted, Spark
groups files itself), DynamoDB (``dynamodb.input.tableName``), and Data Catalog tables on them.

AWS's "Connection types and options for ETL" (S3, DynamoDB) and "Format options" pages say what
each option means; sources with a ``transformation_ctx`` read only new files when the job's
bookmarks are enabled (``_spark.bookmarks``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._spark import catalog, dynamodb, s3_access, s3_frames, s3_paths
from .._spark.errors import NotServedError
from .._spark.s3_frames import SourceFile, options_folded, truthy
from .dynamicframe import DynamicFrame

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from ._context_parts import ContextParts

SERVED = ("s3", "dynamodb")


def check_connection_type(connection_type: object, member: str) -> str:
    """``s3`` or ``dynamodb``; anything else fails naming it (JDBC, Redshift, Kafka… are not served)."""
    if connection_type in SERVED:
        return str(connection_type)
    if not isinstance(connection_type, str):
        raise TypeError(f"{member}: connection_type must be a string such as 's3', got {type(connection_type).__name__}")
    raise NotServedError(
        f"{member}: connection_type {connection_type!r} is not served by pytest-gluejobs' awsglue, which "
        "reads and writes s3 and dynamodb (and Data Catalog tables on them); JDBC databases, Redshift, "
        "streaming sources and marketplace connectors are not served (see docs/etl.md)"
    )


class DataSource:
    """One source: a connection type and its options, or a catalog table; ``getFrame`` reads it."""

    def __init__(
        self,
        glue_context: ContextParts,
        connection_type: str,
        options: dict[str, Any],
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        table: catalog.Table | None = None,
        catalog_id: str | None = None,
    ) -> None:
        self._glue_context = glue_context
        self._connection_type = connection_type
        self._options = dict(options)
        self._ctx = transformation_ctx or ""
        self._predicate = push_down_predicate or ""
        self._table = table
        self._catalog_id = catalog_id
        self._format: str | None = None
        self._format_options: dict[str, Any] = {}
        self.name = table.name if table is not None else _name_from(self._options)

    @classmethod
    def for_table(
        cls,
        glue_context: ContextParts,
        database: str,
        table_name: str,
        catalog_id: str | None,
        additional_options: dict[str, Any],
        transformation_ctx: str,
        push_down_predicate: str,
    ) -> DataSource:
        """A Data Catalog table: read where its location says, in the format it names."""
        table = catalog.get_table(database, table_name, catalog_id)
        return cls(glue_context, "catalog", additional_options, transformation_ctx, push_down_predicate, table, catalog_id)

    def setFormat(self, format: str, **options: Any) -> None:
        self._format = s3_frames.check_format(format, s3_frames.READ_FORMATS, reading=True)
        self._format_options = dict(options)

    def getFrame(self, **options: Any) -> Any:
        return self._frame(self.getDataFrame())

    def getDataFrame(self) -> DataFrame:
        if self._table is not None:
            return self._read_table(self._table)
        if self._connection_type == "dynamodb":
            return self._read_dynamodb(self._options)
        return self._read_s3()

    def getSampleFrame(self, num: int, **options: Any) -> Any:
        return self._frame(self.getDataFrame().limit(int(num)))

    def _frame(self, df: DataFrame) -> Any:
        frame = DynamicFrame(df, self._glue_context, self._ctx or self.name)
        # JSON objects and DynamoDB items have only the fields they have; Spark reads the others
        # as null, so their records leave null fields out (docs/etl.md, "What differs from Glue").
        frame._null_fields_absent = self._self_describing()
        return frame

    def _self_describing(self) -> bool:
        if self._table is not None:
            return self._table.format() in ("json", "dynamodb")
        return self._connection_type == "dynamodb" or self._format == "json"

    # -- S3 ------------------------------------------------------------------------------------

    def _read_s3(self) -> DataFrame:
        if self._format is None:
            raise ValueError(
                f"an s3 source needs a format (format=...): {', '.join(s3_frames.READ_FORMATS)}"
            )
        paths = _paths(self._options)
        files = s3_frames.find_files(
            paths, truthy(self._options.get("recurse", False)), s3_frames.parse_exclusions(self._options.get("exclusions"))
        )
        return s3_frames.read(self._glue_context.spark_session, self._bookmarked(files), self._format, self._format_options)

    def _bookmarked(self, files: list[SourceFile]) -> list[SourceFile]:
        bookmarks = self._glue_context._bookmarks
        return bookmarks.select(self._ctx, files) if bookmarks is not None else files

    # -- DynamoDB ------------------------------------------------------------------------------

    def _read_dynamodb(self, options: dict[str, Any]) -> DataFrame:
        if options.get("dynamodb.export"):
            raise NotServedError(
                "dynamodb.export reads a DynamoDB export from S3, which is not served by "
                "pytest-gluejobs' awsglue; without it the table is scanned (see docs/etl.md)"
            )
        table = options.get("dynamodb.input.tableName")
        if not isinstance(table, str) or not table:
            raise ValueError(
                "a dynamodb source needs connection_options {'dynamodb.input.tableName': <table name>}, "
                f"got {sorted(options)}"
            )
        return dynamodb.read(self._glue_context.spark_session, table)

    # -- the Data Catalog ------------------------------------------------------------------------

    def _read_table(self, table: catalog.Table) -> DataFrame:
        format = table.format()
        if format == "dynamodb":
            return dynamodb.read(self._glue_context.spark_session, table.location.rpartition("/")[2] or table.name)
        if not s3_paths.is_s3(table.location):
            raise NotServedError(
                f"table {table.qualified()} is at {table.location or 'no location'}: only tables on "
                "S3 (or DynamoDB) are served by pytest-gluejobs' awsglue (see docs/etl.md)"
            )
        format = s3_frames.check_format(format, s3_frames.READ_FORMATS, reading=True)
        exclusions = s3_frames.parse_exclusions(self._options.get("exclusions"))
        spark = self._glue_context.spark_session
        keys = table.partition_keys
        if not keys:
            found = s3_frames.find_files([table.location], True, exclusions)
            frame = s3_frames.read(spark, self._bookmarked(found), format, _table_format_options(table))
            return _with_catalog_names(frame, table, format)
        partitions = self._partitions(table)
        files: list[SourceFile] = []
        values_of: list[tuple[str, list[str]]] = []
        for partition in partitions:
            location = str((partition.get("StorageDescriptor") or {}).get("Location") or "")
            if not s3_paths.is_s3(location):
                continue
            found = s3_frames.find_files([location], True, exclusions)
            files += found
            values_of.append((s3_access.local_path(location).rstrip("/") + "/", list(partition.get("Values", []))))
        frame = s3_frames.read(spark, self._bookmarked(files), format, _table_format_options(table))
        frame = _with_catalog_names(frame, table, format)
        return _with_partition_columns(frame, keys, values_of)

    def _partitions(self, table: catalog.Table) -> list[dict[str, Any]]:
        folded = options_folded(self._options)
        found = catalog.partitions(table, self._catalog_id, str(folded.get("catalogpartitionpredicate") or ""))
        if not self._predicate or not found:
            return found
        from pyspark.sql import functions as F

        keys = table.partition_keys
        rows = [(*partition.get("Values", []), index) for index, partition in enumerate(found)]
        spark = self._glue_context.spark_session
        values = spark.createDataFrame(rows, ", ".join([f"`{key}` string" for key, _ in keys] + ["`__index` int"]))
        values = values.select(*[F.col(f"`{key}`").cast(kind).alias(key) for key, kind in keys], "__index")
        chosen = {row["__index"] for row in values.filter(self._predicate).select("__index").collect()}
        return [partition for index, partition in enumerate(found) if index in chosen]


def _paths(options: dict[str, Any]) -> list[str]:
    paths = options.get("paths")
    if isinstance(paths, str):
        paths = [paths]
    if not isinstance(paths, (list, tuple)) or not paths:
        raise ValueError(
            "an s3 source needs connection_options {'paths': ['s3://bucket/prefix/', ...]}, got "
            + (f"paths={paths!r}" if "paths" in options else f"the keys {sorted(options)}")
        )
    for path in paths:
        if not s3_paths.is_s3(path):
            raise ValueError(f"paths holds {path!r}, which is not an s3:// path (s3://bucket/key)")
    return [str(path) for path in paths]


def _name_from(options: dict[str, Any]) -> str:
    paths = options.get("paths")
    first = paths[0] if isinstance(paths, (list, tuple)) and paths else paths
    return str(first).rstrip("/").rpartition("/")[2] if isinstance(first, str) else ""


def _table_format_options(table: catalog.Table) -> dict[str, Any]:
    """CSV options from the table's SerDe: its separator and quote, and a header to skip."""
    serde = table.serde_parameters
    return {
        "separator": serde.get("field.delim") or serde.get("separatorChar") or ",",
        "quoteChar": serde.get("quoteChar") or '"',
        "withHeader": table.parameters.get("skip.header.line.count") == "1",
    }


def _with_catalog_names(frame: DataFrame, table: catalog.Table, format: str) -> DataFrame:
    """A CSV table's columns get the catalog's names and types; other formats name their own."""
    columns = table.columns
    if format != "csv" or not columns or len(frame.columns) != len(columns):
        return frame
    from pyspark.sql import functions as F

    return frame.select(
        *[F.col(f"`{old}`").cast("string").cast(kind).alias(name) for old, (name, kind) in zip(frame.columns, columns)]
    )


def _with_partition_columns(
    frame: DataFrame, keys: list[tuple[str, str]], values_of: list[tuple[str, list[str]]]
) -> DataFrame:
    """Each row gets its partition's values, found by the folder its file (its local copy) is in."""
    from pyspark.sql import functions as F

    if not frame.columns:
        return frame
    # Spark names a local file file:/path or file:///path, percent-encoded.
    source = F.expr(r"url_decode(regexp_replace(input_file_name(), '^file:(//)?', ''))")
    for position, (key, kind) in enumerate(keys):
        cases = [F.when(source.startswith(prefix), F.lit(values[position])) for prefix, values in values_of if position < len(values)]
        value = F.coalesce(*cases) if cases else F.lit(None)
        frame = frame.withColumn(key, value.cast(kind))
    return frame
