"""The orders-nightly Glue ETL job, tested three ways: its transform alone on a ``glue_context``,
the whole job started by the application with its input in moto's S3, and two nights in a row
with the job's bookmark skipping what the first night read.

Needs the spark extra (PySpark, Java 17) and moto: skipped without them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

pytest.importorskip("pyspark", reason="the orders-nightly tests run on Spark: pip install 'pytest-gluejobs[spark]'")
moto = pytest.importorskip("moto")

from awsglue.dynamicframe import DynamicFrame  # noqa: E402
from glue_sync import load_definitions, run_job, sync_jobs  # noqa: E402
from jobs.orders_nightly import paid_orders  # noqa: E402

from pytest_gluejobs import GlueJobs  # noqa: E402

EXAMPLES = Path(__file__).parent


def order(order_id: str, amount: float | None, status: str, day: str) -> dict[str, Any]:
    return {
        "order_id": order_id, "customer": {"id": f"c-{order_id}"}, "amount": amount,
        "currency": "EUR", "status": status, "order_date": day, "channel": "web",
    }


def test_paid_orders_keeps_paid_positive_orders_flat_and_typed(glue_context: Any) -> None:
    raw = glue_context.spark_session.read.json(glue_context.spark_session.sparkContext.parallelize([
        json.dumps(order("o1", 20.0, "PAID", "2024-05-01")),
        json.dumps(order("o2", 5.0, "CANCELLED", "2024-05-01")),
        json.dumps(order("o3", None, "PAID", "2024-05-02")),
    ]))

    paid = paid_orders(DynamicFrame.fromDF(raw, glue_context, "raw_orders"))

    assert [row.asDict() for row in paid.toDF().collect()] == [
        {"order_id": "o1", "customer_id": "c-o1", "amount": 20.0, "currency": "EUR", "status": "PAID", "order_date": "2024-05-01"},
    ]


@pytest.fixture
def lake(glue_jobs: GlueJobs) -> Iterator[Any]:
    """moto's S3 with the bucket acme-lake; the job deployed by the application's own sync."""
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="acme-lake")
        glue_jobs.run_scripts({"s3://acme-etl/jobs/": EXAMPLES / "jobs"})
        glue = boto3.client("glue", region_name="us-east-1")
        sync_jobs(glue, load_definitions(EXAMPLES / "jobs.json"))
        yield s3


def put_orders(s3: Any, key: str, *orders: dict[str, Any]) -> None:
    body = "".join(json.dumps(item) + "\n" for item in orders)
    s3.put_object(Bucket="acme-lake", Key=f"raw/orders/{key}", Body=body.encode())


def curated(s3: Any) -> list[str]:
    listed = s3.list_objects_v2(Bucket="acme-lake", Prefix="curated/orders/").get("Contents", [])
    return sorted(item["Key"] for item in listed)


def test_the_nightly_run_writes_paid_orders_as_parquet_by_day(lake: Any, glue_jobs: GlueJobs, glue_context: Any) -> None:
    put_orders(lake, "2024/05/01/orders.json", order("o1", 20.0, "PAID", "2024-05-01"), order("o2", 5.0, "CANCELLED", "2024-05-01"))
    put_orders(lake, "2024/05/02/orders.json", order("o3", 7.5, "PAID", "2024-05-02"))

    run = run_job(boto3.client("glue", region_name="us-east-1"), "orders-nightly")

    assert run["JobRunState"] == "SUCCEEDED", run.get("ErrorMessage")
    assert glue_jobs.run_logs(run["Id"]).output == "writing the paid orders to s3://acme-lake/curated/orders/\n"
    written = curated(lake)
    assert [key.rsplit("/", 1)[0] for key in written] == [
        "curated/orders/order_date=2024-05-01", "curated/orders/order_date=2024-05-02",
    ]
    assert all(key.rsplit("/", 1)[1].startswith("run-CuratedOrders_node4-") for key in written)
    assert all(key.endswith("-snappy.parquet") for key in written)
    parquet = glue_context.spark_session.read.parquet("s3://acme-lake/curated/orders/")
    # Spark reads the partition folders back as a column, here a date.
    assert sorted((row.order_id, row.amount, str(row.order_date)) for row in parquet.collect()) == [
        ("o1", 20.0, "2024-05-01"), ("o3", 7.5, "2024-05-02"),
    ]


def test_the_second_night_reads_only_the_new_orders(lake: Any, glue_jobs: GlueJobs, glue_context: Any) -> None:
    glue = boto3.client("glue", region_name="us-east-1")
    put_orders(lake, "2024/05/01/orders.json", order("o1", 20.0, "PAID", "2024-05-01"))
    first = run_job(glue, "orders-nightly")
    after_first = curated(lake)
    put_orders(lake, "2024/05/02/orders.json", order("o2", 9.0, "PAID", "2024-05-02"))

    second = run_job(glue, "orders-nightly")

    new = [key for key in curated(lake) if key not in after_first]
    assert [key.rsplit("/", 1)[0] for key in new] == ["curated/orders/order_date=2024-05-02"]
    rows = glue_context.spark_session.read.parquet(*[f"s3://acme-lake/{key}" for key in new]).collect()
    assert [row.order_id for row in rows] == ["o2"]
    bookmark = glue.get_job_bookmark(JobName="orders-nightly")["JobBookmarkEntry"]
    assert (bookmark["Run"], bookmark["RunId"], bookmark["PreviousRunId"]) == (2, second["Id"], first["Id"])
    assert list(json.loads(bookmark["JobBookmark"])) == ["RawOrders_node1"]
