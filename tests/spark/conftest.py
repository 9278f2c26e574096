"""One local Spark for the DynamicFrame and transform tests; they skip where PySpark is absent."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("pyspark")

from pyspark.sql import SparkSession


class GlueContextDouble:
    """What the frames use of a GlueContext: its SparkSession, and a writer that records calls."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark_session = spark
        self.writes: list[dict[str, Any]] = []
        self.write_dynamic_frame = self
        self.catalog: dict[tuple[str, str], Any] = {}

    def from_options(self, **kwargs: Any) -> None:
        self.writes.append({**kwargs, "rows": kwargs["frame"].toDF().collect()})

    def write_from_options(self, **kwargs: Any) -> str:
        self.writes.append(kwargs)
        return "written"

    def get_catalog_schema_as_spark_schema(self, database: str, table_name: str, catalog_id: Any = None) -> Any:
        return self.catalog[(database, table_name)]


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("pytest-gluejobs-frames")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.pyspark.python", sys.executable)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def glue_ctx(spark: SparkSession) -> GlueContextDouble:
    return GlueContextDouble(spark)


@pytest.fixture
def make_frame(spark: SparkSession, glue_ctx: GlueContextDouble) -> Any:
    """``make_frame(rows, "a int, b string", name)``: a DynamicFrame of those rows (schema in DDL)."""
    from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame

    def make(rows: list[Any], schema: str, name: str = "") -> DynamicFrame:
        return DynamicFrame.fromDF(spark.createDataFrame(rows, schema), glue_ctx, name)

    return make


PEOPLE_SCHEMA = (
    "name string, age int, location struct<state: string, county: string>, "
    "friends array<struct<name: string, age: int>>"
)
PEOPLE = [
    ("Sally", 23, ("WY", "Fremont"), []),
    ("Varun", 34, ("NE", "Douglas"), [("Arjun", 3)]),
    ("George", 52, ("NY", None), [("Fred", None), ("Amy", 15)]),
    ("Haruki", 21, ("AK", "Denali"), None),
    ("Sheila", 63, None, [("Nancy", 22)]),
]
"""The dataset of AWS's DropFields page, with the types its schema shows."""


@pytest.fixture
def people(make_frame: Any) -> Any:
    return make_frame(PEOPLE, PEOPLE_SCHEMA, "people")


def records(frame: Any) -> list[dict[str, Any]]:
    """A frame's records as plain dicts, nested rows included, in order."""
    return [row.asDict(recursive=True) for row in frame.toDF().collect()]
