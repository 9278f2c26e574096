"""``awsglue.context``: ``GlueContext``, a Spark ``SQLContext`` with Glue's readers and writers.

Members and signatures follow aws-glue-libs' ``awsglue/context.py``; what they do follows AWS's
"GlueContext class" page and the ETL connection and format pages, over the process's one Spark
(``sql``, ``read``, ``table`` and the rest of ``SQLContext`` work as in Spark). What the
stand-in does not serve — JDBC, Redshift, streaming, marketplace connectors, Lake Formation
transactions — raises NotImplementedError naming the member or the connection type.
"""

from __future__ import annotations

import sys
import time
from typing import Any, ClassVar

from pyspark import SparkContext
from pyspark.sql import DataFrame, SparkSession, SQLContext

from .._spark import catalog, s3_access, session
from .._spark.bookmarks import Bookmarks
from .._spark.errors import NotServedError
from .data_sink import DataSink
from .data_source import DataSource, check_connection_type
from .dataframereader import DataFrameReader
from .dataframewriter import DataFrameWriter
from .dynamicframe import (
    DynamicFrame,
    DynamicFrameCollection,
    DynamicFrameReader,
    DynamicFrameWriter,
)
from .unsupported import DOCS_PAGE, no_such_attribute, unsupported

# A frame with no rows per Spark session (the sessions are kept across runs): making one costs
# several calls to the JVM, and every sink returns one.
_EMPTY: dict[int, DataFrame] = {}


class GlueLogger:
    """``glueContext.get_logger()``: lines in the driver's log, which Glue ships to the run's
    ``/aws-glue/jobs/error`` log stream, in log4j's layout (``22/03/09 05:26:18 INFO GlueLogger: …``)."""

    def info(self, message: object) -> None:
        self._log("INFO", message)

    def warn(self, message: object) -> None:
        self._log("WARN", message)

    def error(self, message: object) -> None:
        self._log("ERROR", message)

    def debug(self, message: object) -> None:
        self._log("DEBUG", message)

    def _log(self, level: str, message: object) -> None:
        stamp = time.strftime("%y/%m/%d %H:%M:%S", time.gmtime())
        print(f"{stamp} {level} GlueLogger: {message}", file=sys.stderr)

    def __getattr__(self, name: str) -> Any:
        raise no_such_attribute("GlueLogger", name, ("info", "warn", "error", "debug"))


class GlueContext(SQLContext):  # type: ignore[misc, unused-ignore]  # Any without PySpark
    """A Spark ``SQLContext`` on the process's one Spark, with Glue's readers and writers."""

    Spark_SQL_Formats: ClassVar[set[str]] = {"parquet", "orc"}
    Unsupported_Compression_Types: ClassVar[set[str]] = {"lzo"}

    def __init__(self, sparkContext: SparkContext | SparkSession | None = None, **options: Any) -> None:
        if sparkContext is not None and not isinstance(sparkContext, (SparkContext, SparkSession)):
            raise TypeError(
                f"GlueContext takes a SparkContext (or a SparkSession, or nothing), got {type(sparkContext).__name__}"
            )
        spark = session.current()
        super().__init__(spark.sparkContext, spark)
        self.spark_session = spark
        self.create_dynamic_frame = DynamicFrameReader(self)
        self.create_data_frame = DataFrameReader(self)
        self.write_dynamic_frame = DynamicFrameWriter(self)
        self.write_data_frame = DataFrameWriter(self)
        self._options = options
        self._glue_logger = GlueLogger()
        #: Set by ``Job.init``: which files this run's bookmarked sources read.
        self._bookmarks: Bookmarks | None = None

    # -- sources -------------------------------------------------------------------------------

    def getSource(
        self,
        connection_type: str,
        format: str | None = None,
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        **options: Any,
    ) -> DataSource:
        kind = check_connection_type(connection_type, "getSource")
        source = DataSource(self, kind, options, transformation_ctx, push_down_predicate)
        if format is not None:
            source.setFormat(format)
        return source

    def create_dynamic_frame_from_options(
        self,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        **kwargs: Any,
    ) -> Any:
        source = self.getSource(connection_type, None, transformation_ctx, push_down_predicate, **dict(connection_options or {}))
        if format is not None:
            source.setFormat(format, **dict(format_options or {}))
        return source.getFrame(**kwargs)

    def create_dynamic_frame_from_catalog(
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
        database = _database(database, kwargs, "create_dynamic_frame_from_catalog")
        _table_name(table_name, "create_dynamic_frame_from_catalog")
        source = DataSource.for_table(
            self, database, str(table_name), catalog_id, dict(additional_options or {}), transformation_ctx, push_down_predicate
        )
        return source.getFrame(**kwargs)

    def create_data_frame_from_options(
        self,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        **kwargs: Any,
    ) -> DataFrame:
        frame: DataFrame = self.create_dynamic_frame_from_options(
            connection_type, connection_options, format, format_options, transformation_ctx, push_down_predicate, **kwargs
        ).toDF()
        return frame

    def create_data_frame_from_catalog(
        self,
        database: str | None = None,
        table_name: str | None = None,
        redshift_tmp_dir: str = "",
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        additional_options: dict[str, Any] | None = None,
        catalog_id: str | None = None,
        **kwargs: Any,
    ) -> DataFrame:
        frame: DataFrame = self.create_dynamic_frame_from_catalog(
            database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate, additional_options, catalog_id, **kwargs
        ).toDF()
        return frame

    def create_dynamic_frame_from_rdd(
        self, data: Any, name: str, schema: Any = None, sample_ratio: float | None = None, transformation_ctx: str = ""
    ) -> Any:
        frame = self.spark_session.createDataFrame(data, schema, sample_ratio)
        return DynamicFrame.fromDF(frame, self, name)

    def create_sample_dynamic_frame_from_options(
        self,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        num: int | None = None,
        sample_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        **kwargs: Any,
    ) -> Any:
        frame = self.create_dynamic_frame_from_options(
            connection_type, connection_options, format, format_options, transformation_ctx, push_down_predicate, **kwargs
        )
        return _sample(frame, num)

    def create_sample_dynamic_frame_from_catalog(
        self,
        database: str | None = None,
        table_name: str | None = None,
        num: int | None = None,
        redshift_tmp_dir: str = "",
        transformation_ctx: str = "",
        push_down_predicate: str = "",
        additional_options: dict[str, Any] | None = None,
        sample_options: dict[str, Any] | None = None,
        catalog_id: str | None = None,
        **kwargs: Any,
    ) -> Any:
        frame = self.create_dynamic_frame_from_catalog(
            database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate, additional_options, catalog_id, **kwargs
        )
        return _sample(frame, num)

    def get_catalog_schema_as_spark_schema(
        self, database: str | None = None, table_name: str | None = None, catalog_id: str | None = None
    ) -> Any:
        from pyspark.sql.types import StructType, _parse_datatype_string

        table = catalog.get_table(_database(database, {}, "get_catalog_schema_as_spark_schema"), str(table_name), catalog_id)
        schema = StructType()
        for name, kind in table.columns + table.partition_keys:
            schema.add(name, _parse_datatype_string(kind))
        return schema

    # -- sinks ---------------------------------------------------------------------------------

    def getSink(
        self, connection_type: str, format: str | None = None, transformation_ctx: str = "", **options: Any
    ) -> DataSink:
        kind = check_connection_type(connection_type, "getSink")
        sink = DataSink(self, kind, options, transformation_ctx)
        if format is not None:
            sink.setFormat(format)
        return sink

    def write_dynamic_frame_from_options(
        self,
        frame: Any,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
    ) -> Any:
        return self.write_from_options(frame, connection_type, connection_options, format, format_options, transformation_ctx)

    def write_from_options(
        self,
        frame_or_dfc: Any,
        connection_type: str,
        connection_options: dict[str, Any] | None = None,
        format: str | None = None,
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
        **kwargs: Any,
    ) -> Any:
        if not isinstance(frame_or_dfc, (DynamicFrame, DynamicFrameCollection)):
            raise TypeError(
                f"frame_or_dfc must be a DynamicFrame or a DynamicFrameCollection, got {type(frame_or_dfc).__name__}"
            )
        sink = self.getSink(connection_type, None, transformation_ctx, **dict(connection_options or {}))
        if format is not None:
            sink.setFormat(format, **dict(format_options or {}))
        return sink.write(frame_or_dfc)

    def write_dynamic_frame_from_catalog(
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
        database = _database(database, kwargs, "write_dynamic_frame_from_catalog")
        _table_name(table_name, "write_dynamic_frame_from_catalog")
        sink = DataSink.for_table(self, database, str(table_name), catalog_id, dict(additional_options or {}), transformation_ctx)
        return sink.write(frame)

    def write_data_frame_from_catalog(
        self,
        frame: DataFrame,
        database: str | None = None,
        table_name: str | None = None,
        redshift_tmp_dir: str = "",
        transformation_ctx: str = "",
        additional_options: dict[str, Any] | None = None,
        catalog_id: str | None = None,
        **kwargs: Any,
    ) -> Any:
        return self.write_dynamic_frame_from_catalog(
            DynamicFrame.fromDF(frame, self, transformation_ctx), database, table_name, redshift_tmp_dir,
            transformation_ctx, additional_options, catalog_id, **kwargs,
        )

    def write_dynamic_frame_from_jdbc_conf(self, *args: Any, **kwargs: Any) -> Any:
        raise _not_served("write_dynamic_frame_from_jdbc_conf", "JDBC connections")

    def write_from_jdbc_conf(self, *args: Any, **kwargs: Any) -> Any:
        raise _not_served("write_from_jdbc_conf", "JDBC connections")

    def extract_jdbc_conf(self, *args: Any, **kwargs: Any) -> Any:
        raise _not_served("extract_jdbc_conf", "JDBC connections")

    # -- S3 housekeeping ---------------------------------------------------------------------

    def purge_s3_path(self, s3_path: str, options: dict[str, Any] | None = None, transformation_ctx: str = "") -> None:
        """Delete every object under ``s3_path`` older than ``retentionPeriod`` hours (default 168)."""
        from .._spark.purge import purge

        purge(s3_path, dict(options or {}))

    def purge_table(
        self,
        database: str,
        table_name: str,
        options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
        catalog_id: str | None = None,
    ) -> None:
        """Delete the objects under the table's location older than ``retentionPeriod`` hours."""
        from .._spark.purge import purge

        table = catalog.get_table(database, table_name, catalog_id)
        purge(table.location, dict(options or {}))

    # -- the rest --------------------------------------------------------------------------------

    def _no_rows(self) -> DataFrame:
        """A frame with no rows and no columns (a sink's error records), made once per session."""
        empty = _EMPTY.get(id(self.spark_session))
        if empty is None or empty.sparkSession is not self.spark_session:
            empty = _EMPTY[id(self.spark_session)] = self.spark_session.range(0).select()
        return empty

    def get_logger(self) -> GlueLogger:
        return self._glue_logger

    def currentTimeMillis(self) -> int:
        return int(time.time() * 1000)

    _STREAMING = "streaming sources are not served"
    getStreamingSource = unsupported("GlueContext", "getStreamingSource", _STREAMING)
    getSampleStreamingDynamicFrame = unsupported("GlueContext", "getSampleStreamingDynamicFrame", _STREAMING)
    forEachBatch = unsupported("GlueContext", "forEachBatch", _STREAMING)
    add_ingestion_time_columns = unsupported("GlueContext", "add_ingestion_time_columns", _STREAMING)
    _TRANSACTIONS = "Lake Formation transactions are not served"
    start_transaction = unsupported("GlueContext", "start_transaction", _TRANSACTIONS)
    commit_transaction = unsupported("GlueContext", "commit_transaction", _TRANSACTIONS)
    cancel_transaction = unsupported("GlueContext", "cancel_transaction", _TRANSACTIONS)
    _TRANSITIONS = "S3 storage-class transitions are not served"
    transition_table = unsupported("GlueContext", "transition_table", _TRANSITIONS)
    transition_s3_path = unsupported("GlueContext", "transition_s3_path", _TRANSITIONS)

    def __getattr__(self, name: str) -> Any:
        raise no_such_attribute("GlueContext", name, dir(type(self)))


# -- helpers -------------------------------------------------------------------------------------


def _database(database: str | None, kwargs: dict[str, Any], member: str) -> str:
    """``database``, or the old ``name_space`` keyword; exactly one of them (aws-glue-libs)."""
    name_space = kwargs.pop("name_space", None)
    if database is not None and name_space is not None:
        raise Exception(f"{member}: give the database as database or name_space, not both")
    chosen = database if database is not None else name_space
    if not chosen:
        raise Exception(f"{member}: a database (database=...) is required")
    if not isinstance(chosen, str):
        raise TypeError(f"{member}: database must be a string, got {type(chosen).__name__} {chosen!r}")
    return chosen


def _table_name(table_name: str | None, member: str) -> None:
    if not table_name:
        raise Exception(f"{member}: a table name (table_name=...) is required")
    if not isinstance(table_name, str):
        raise TypeError(f"{member}: table_name must be a string, got {type(table_name).__name__} {table_name!r}")


def _sample(frame: Any, num: int | None) -> Any:
    if num is None:
        return frame
    return frame._derive(frame._df.limit(int(num)))


def _not_served(member: str, what: str) -> NotServedError:
    return NotServedError(f"GlueContext.{member}: {what} are not served by pytest-gluejobs' awsglue; see {DOCS_PAGE}")


# s3_access wraps Spark's readers and writers when Spark starts: imported for that.
assert s3_access is not None
