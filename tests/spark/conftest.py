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
