"""Glue ETL scripts on Spark: every module here skips where PySpark (the ``spark`` extra) is absent.

The plugin's one Spark serves every test, started by the first that needs it. Fixtures: that
Spark (``spark``); a double of what frames use of a GlueContext (``glue_ctx``: its Spark session
and a writer that records calls); moto's ``mock_aws`` with a bucket ``lake`` (``aws``), its S3
client, and helpers to put and list objects.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

pytest.importorskip("pyspark")

from pyspark.sql import SparkSession

REGION = "us-east-1"


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
def spark() -> SparkSession:
    """The plugin's one Spark, which scripts and the ``glue_context`` fixture use too."""
    from pytest_gluejobs._spark import session

    session.prepare()
    return session.shared()


@pytest.fixture
def glue_ctx(spark: SparkSession) -> Iterator[GlueContextDouble]:
    """The double, on a scope of the one Spark: what a test caches or persists is dropped after it."""
    from pytest_gluejobs._spark import session

    with session.scope() as scoped:
        yield GlueContextDouble(scoped)


@pytest.fixture
def aws() -> Iterator[None]:
    """moto's mock_aws, with the bucket ``lake``."""
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(Bucket="lake")
        yield


@pytest.fixture
def s3(aws: None) -> Any:
    return boto3.client("s3", region_name=REGION)


@pytest.fixture
def put(s3: Any) -> Callable[..., None]:
    """put("key", "text" or bytes, bucket="lake"): an object in moto's S3."""

    def put_object(key: str, body: str | bytes, bucket: str = "lake") -> None:
        s3.put_object(Bucket=bucket, Key=key, Body=body.encode() if isinstance(body, str) else body)

    return put_object


@pytest.fixture
def keys(s3: Any) -> Callable[..., list[str]]:
    """keys("prefix/"): the keys under a prefix of ``lake``, sorted."""

    def listed(prefix: str = "", bucket: str = "lake") -> list[str]:
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    return listed


def write(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code))
    return path


@pytest.fixture
def make_frame(glue_ctx: GlueContextDouble) -> Any:
    """``make_frame(rows, "a int, b string", name)``: a DynamicFrame of those rows (schema in DDL)."""
    from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame

    def make(rows: list[Any], schema: str, name: str = "") -> DynamicFrame:
        return DynamicFrame.fromDF(glue_ctx.spark_session.createDataFrame(rows, schema), glue_ctx, name)

    return make


@pytest.fixture
def people(make_frame: Any) -> Any:
    """The people of AWS's DropFields page as a DynamicFrame named ``people``."""
    from support.frames import PEOPLE, PEOPLE_SCHEMA

    return make_frame(PEOPLE, PEOPLE_SCHEMA, "people")
