"""Map and Filter over a DataFrame: the user's function in a Python UDF, once per record.

Glue runs these functions on its records in Python and keeps the records they fail on apart, as
error records. Here each record goes through one Python UDF that returns its outcome beside it:
kept or not, or the error's message and the record as JSON. The UDF is marked nondeterministic,
so Spark computes it once per row and never moves it past a filter; the kept rows and the error
records are two filters of that one column. The rows stay in Spark's JVM and only their values
cross to Python, as for any Python UDF: no RDD of Python rows, nothing persisted unless asked.

Filter runs as Spark computes the frame, as Glue's does: a write runs it once per record, and
``errorsCount`` (a count of the error records) runs it again. Map needs its output's schema before
there is a frame, so it computes its results once and keeps them (Spark's cache, memory then
disk): the pass that computes them merges the results' types in an accumulator, and the rows are
then made from the kept results, so the function is not run again for them.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from pyspark import StorageLevel, TaskContext
from pyspark.accumulators import AccumulatorParam
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _fields, _records, _types
from . import gluetypes as G

ERROR_SCHEMA = T.StructType(
    [
        T.StructField("errorMessage", T.StringType()),
        T.StructField("record", T.StringType()),
        T.StructField("transformation_ctx", T.StringType()),
        T.StructField("info", T.StringType()),
    ]
)
"""The columns of error records: the message, the record as JSON, and where they came from."""

_JUDGED = T.StructType(
    [
        T.StructField("keep", T.BooleanType()),
        T.StructField("error", T.StringType()),
        T.StructField("record", T.StringType()),
    ]
)
_MAPPED = T.StructType(
    [
        T.StructField("result", T.BinaryType()),
        T.StructField("error", T.StringType()),
        T.StructField("record", T.StringType()),
    ]
)


class RecordError(Exception):
    """A record a Map function did not turn into a record; it becomes an error record."""


Types = dict[int, G.DataType]
"""Glue types merged by partition: merged in the partitions' order, they give one schema
whichever task finished first."""


class _MergedTypes(AccumulatorParam):  # type: ignore[type-arg, misc, unused-ignore]  # Any without PySpark
    """The results' types of each partition, merged as Glue merges the types of its records."""

    def zero(self, value: Types) -> Types:
        return {}

    def addInPlace(self, value1: Types, value2: Types) -> Types:
        for partition, kind in value2.items():
            value1[partition] = G.mergeDataTypes(value1.get(partition, G.UnknownType()), kind)
        return value1


def _outcome_column(df: DataFrame) -> str:
    """A column name the frame does not use, for the outcomes."""
    name = "__gluejobs_outcome"
    while name in df.columns:
        name += "_"
    return name


def _arguments(df: DataFrame) -> list[Column]:
    # One call to Spark each (F.col takes three): plan building is calls from Python to Spark's JVM.
    return [df[_fields.spark_name(name)] for name in df.columns]


Errors = Callable[[], DataFrame]
"""The error records of a transformation, as a DataFrame (errorMessage, record) made when asked:
most jobs never ask, and making it costs calls to Spark's JVM."""


def filtered(
    df: DataFrame, keep: Callable[[G.DynamicRecord], bool], omit_nulls: bool, persist: bool
) -> tuple[DataFrame, Errors]:
    """The rows ``keep`` accepts, and the error records of those it raised on.

    ``keep`` decides what a record's exceptions mean (Filter's ``KeyError`` leaves it out); any it
    lets through makes an error record. With ``persist`` the outcomes are kept once computed, so
    counting the errors now and writing the rows later run ``keep`` once per record.
    """
    build = _records.record_builder(df.schema, omit_nulls)
    as_json = _records.as_json

    def judge(*values: Any) -> tuple[bool, str | None, str | None]:
        record = build(*values)
        try:
            return (keep(record), None, None)
        except Exception as error:
            return (False, str(error), as_json(record))

    outcome = F.udf(judge, _JUDGED).asNondeterministic()(*_arguments(df))
    if not persist:
        # The kept rows are a filter on the outcome alone; the errors, when asked, compute it anew.
        name = _outcome_column(df)
        return df.filter(outcome["keep"]), lambda: _errors(df.select(outcome.alias(name)), name)
    name = _outcome_column(df)
    judged = df.withColumn(name, outcome).persist(StorageLevel.MEMORY_AND_DISK)
    return judged.filter(judged[name]["keep"]).drop(name), lambda: _errors(judged, name)


def mapped(
    df: DataFrame, apply: Callable[[G.DynamicRecord], dict[str, Any]], omit_nulls: bool
) -> tuple[DataFrame, Errors]:
    """Each record as ``apply`` returns it, in the schema merged from the results' types, and the
    error records of those it raised on or returned something no record can hold.

    With no result the schema is the input's, so later steps still find the fields they name.
    """
    spark = df.sparkSession
    build = _records.record_builder(df.schema, omit_nulls)
    typer = _records.Typer(df.schema)
    types = spark.sparkContext.accumulator({}, _MergedTypes())
    as_json = _records.as_json

    def run(*values: Any) -> tuple[bytes | None, str | None, str | None]:
        record = build(*values)
        try:
            result = apply(record)
            kind, new = typer(result)
        except Exception as error:
            return (None, str(error), as_json(record))
        if new:
            task = TaskContext.get()
            types.add({task.partitionId() if task is not None else 0: kind})
        return (pickle.dumps(result, pickle.HIGHEST_PROTOCOL), None, None)

    name = _outcome_column(df)
    results = df.select(F.udf(run, _MAPPED).asNondeterministic()(*_arguments(df)).alias(name))
    results = results.persist(StorageLevel.MEMORY_AND_DISK)
    results.count()
    by_partition = types.value
    merged: G.DataType = G.UnknownType()
    for partition in sorted(by_partition):
        merged = G.mergeDataTypes(merged, by_partition[partition])
    merged = _records.in_order_of(merged, df.schema)
    if isinstance(merged, G.StructType):
        schema = T.StructType([_types.spark_field(f.name, f.dataType) for f in merged])
    else:
        schema = df.schema
    make_row = _records.row_maker(schema)

    def row(result: bytes) -> tuple[Any, ...]:
        return make_row(pickle.loads(result))

    outcome = results[name]
    rows = results.filter(outcome["result"].isNotNull()).select(
        F.udf(row, schema)(outcome["result"]).alias(name)
    )
    return rows.select(f"{name}.*"), lambda: _errors(results, name)


def _errors(outcomes: DataFrame, name: str) -> DataFrame:
    outcome = outcomes[name]
    return outcomes.filter(outcome["error"].isNotNull()).select(
        outcome["error"].alias("errorMessage"), outcome["record"].alias("record")
    )


def error_frame(
    spark: SparkSession, errors: Errors | None, transformation_ctx: str, info: str
) -> DataFrame:
    """Error records with where they came from (none when ``errors`` is None)."""
    if errors is None:
        return spark.createDataFrame([], ERROR_SCHEMA)
    return errors().select(
        "errorMessage",
        "record",
        F.lit(transformation_ctx).alias("transformation_ctx"),
        F.lit(info).alias("info"),
    )
