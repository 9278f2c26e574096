"""What a record holds when Map and Filter see it: a JSON or DynamoDB record only the fields it
has, so ``rec["field"]`` raises KeyError on the others as in Glue; a CSV or Parquet record, or one
of a frame built from a DataFrame, every column, None where null."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

pyspark = pytest.importorskip("pyspark")

from pytest_gluejobs import GlueJobs  # noqa: E402
from pytest_gluejobs._awsglue import gluetypes as G  # noqa: E402
from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame  # noqa: E402
from pytest_gluejobs._awsglue.transforms import Filter, Map  # noqa: E402

CUSTOMERS: list[dict[str, Any]] = [
    {"customerName": "Santosh Clayton", "email": "santosh@example.com", "serialNumber": "s1",
     "shareWithResearchAsOfDate": 1655564376361, "shareWithFriendsAsOfDate": 1655564376361},
    {"customerName": "Frank Hansen", "email": "frank@example.com", "serialNumber": "s2",
     "shareWithFriendsAsOfDate": 1655564131452},
    {"customerName": "David Jones", "email": "david@example.com", "serialNumber": "s3"},
    {"customerName": "Jaya Jackson", "email": "jaya@example.com", "serialNumber": "s4",
     "shareWithResearchAsOfDate": 1655564436700},
]
"""Customers as the STEDI project's landing JSON holds them: a customer who did not agree to
share has no shareWithResearchAsOfDate at all."""

# Glue Studio's script for the STEDI project's customer trusted zone: its Filter node keeps the
# customers whose shareWithResearchAsOfDate is not 0.
STUDIO_SCRIPT = """
    import sys
    from awsglue.transforms import *
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext
    from awsglue.context import GlueContext
    from awsglue.job import Job
    import re

    args = getResolvedOptions(sys.argv, ['JOB_NAME'])
    sc = SparkContext()
    glueContext = GlueContext(sc)
    spark = glueContext.spark_session
    job = Job(glueContext)
    job.init(args['JOB_NAME'], args)

    # Script generated for node Customer Landing
    CustomerLanding_node1711430574816 = glueContext.create_dynamic_frame.from_options(format_options={"multiline": False}, connection_type="s3", format="json", connection_options={"paths": ["s3://stedi-lake/customer/landing/"], "recurse": True}, transformation_ctx="CustomerLanding_node1711430574816")

    # Script generated for node Privacy Filter
    PrivacyFilter_node1711430773877 = Filter.apply(frame=CustomerLanding_node1711430574816, f=lambda row: (not(row["shareWithResearchAsOfDate"] == 0)), transformation_ctx="PrivacyFilter_node1711430773877")

    # Script generated for node Customer Trusted
    CustomerTrusted_node1711430897199 = glueContext.write_dynamic_frame.from_options(frame=PrivacyFilter_node1711430773877, connection_type="s3", format="json", connection_options={"path": "s3://stedi-lake/customer/trusted/", "partitionKeys": []}, transformation_ctx="CustomerTrusted_node1711430897199")

    job.commit()
"""


def lines(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


@pytest.fixture
def lake(glue_jobs: GlueJobs, tmp_path: Path) -> Path:
    """A folder serving s3://stedi-lake/ (scripts under jobs/)."""
    glue_jobs.run_scripts({"s3://stedi-lake/": tmp_path})
    return tmp_path


def put(lake: Path, key: str, text: str) -> str:
    path = lake / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return f"s3://stedi-lake/{key}"


def read(glue_context: Any, path: str, format: str = "json", **format_options: Any) -> Any:
    return glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": [path]}, format, format_options
    )


def names(frame: Any, field: str = "customerName") -> list[Any]:
    return sorted(row[field] for row in frame.toDF().collect())


def test_the_studio_privacy_filter_keeps_only_customers_who_agreed_to_share(
    glue_jobs: GlueJobs, lake: Path
) -> None:
    put(lake, "jobs/customer_landing_to_trusted.py", textwrap.dedent(STUDIO_SCRIPT))
    put(lake, "customer/landing/customer-1691348231425.json", lines(CUSTOMERS))
    glue_jobs.add_job(
        "customer_landing_to_trusted",
        Command={"Name": "glueetl", "ScriptLocation": "s3://stedi-lake/jobs/customer_landing_to_trusted.py"},
    )
    glue = boto3.client("glue", region_name="us-east-1")

    run_id = glue.start_job_run(JobName="customer_landing_to_trusted")["JobRunId"]

    run = glue.get_job_run(JobName="customer_landing_to_trusted", RunId=run_id)["JobRun"]
    assert run["JobRunState"] == "SUCCEEDED", run.get("ErrorMessage")
    (written,) = (lake / "customer" / "trusted").iterdir()
    trusted = [json.loads(line) for line in written.read_text().splitlines()]
    # A customer without the field raised KeyError in the lambda: left out, not an error record.
    assert sorted(customer["customerName"] for customer in trusted) == ["Jaya Jackson", "Santosh Clayton"]


def test_json_records_hold_only_their_fields_at_every_depth(glue_context: Any, lake: Path) -> None:
    path = put(lake, "in/people.json", lines([
        {"name": "Ann", "age": 30, "address": {"city": "Lyon", "zip": "69001"}},
        {"name": "Bo", "address": {"city": "Nice"}},
        {"name": "Cy", "age": None},
    ]))
    people = read(glue_context, path)

    seen = people.map(lambda rec: {"name": rec["name"], "keys": sorted(rec), "inner": sorted(rec.get("address", {}))})
    assert sorted((r["name"], r["keys"], r["inner"]) for r in seen.toDF().collect()) == [
        ("Ann", ["address", "age", "name"], ["city", "zip"]),
        ("Bo", ["address", "name"], ["city"]),
        # An explicit null reads as absent too: Spark's reader cannot tell the two apart.
        ("Cy", ["name"], []),
    ]
    by_zip = people.filter(lambda rec: rec["address"]["zip"].startswith("69"))
    assert (names(by_zip, "name"), by_zip.errorsCount()) == (["Ann"], 0)
    by_attribute = Filter.apply(frame=people, f=lambda rec: rec.age > 18)
    assert (names(by_attribute, "name"), by_attribute.errorsCount()) == (["Ann"], 0)


def test_a_map_over_json_keeps_the_fields_order_and_leaves_out_fields_no_record_has(
    glue_context: Any, lake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = put(lake, "in/orders.json", lines([
        {"id": 1, "coupon": None, "total": 5.0, "note": None},
        {"id": 2, "coupon": "SPRING", "total": 7.5, "note": None},
    ]))
    orders = read(glue_context, path)

    def tax(rec: Any) -> Any:
        rec["tax"] = round(rec["total"] * 0.2, 2)
        return rec

    taxed = Map.apply(frame=orders, f=tax)
    # The first record has no coupon; it still comes before total. Every note is null, read as
    # absent: no record has one.
    assert [(f.name, f.dataType) for f in taxed.schema()] == [
        ("id", G.LongType()), ("coupon", G.StringType()), ("total", G.DoubleType()), ("tax", G.DoubleType()),
    ]
    taxed.show()
    assert capsys.readouterr().out.splitlines() == [
        '{"id": 1, "total": 5.0, "tax": 1.0}',
        '{"id": 2, "coupon": "SPRING", "total": 7.5, "tax": 1.5}',
    ]


def without_nickname(people: Any) -> list[Any]:
    no_nickname = people.filter(lambda rec: rec["nickname"] is None)
    assert no_nickname.errorsCount() == 0
    return names(no_nickname, "name")


def test_csv_records_hold_every_column_none_where_null(glue_context: Any, lake: Path) -> None:
    path = put(lake, "in/people.csv", "name,nickname\nAnn,\nBo,bobby\n")
    assert without_nickname(read(glue_context, path, "csv", withHeader=True)) == ["Ann"]


def test_parquet_records_hold_every_column_none_where_null(glue_context: Any, lake: Path) -> None:
    rows = glue_context.spark_session.createDataFrame([("Ann", None), ("Bo", "bobby")], "name string, nickname string")
    rows.write.parquet(str(lake / "in" / "people"))
    assert without_nickname(read(glue_context, "s3://stedi-lake/in/people/", "parquet")) == ["Ann"]


def test_a_frame_built_from_a_dataframe_holds_every_column(make_frame: Callable[..., Any]) -> None:
    people = make_frame([("Ann", None), ("Bo", "bobby")], "name string, nickname string")
    assert names(people.filter(lambda rec: rec["nickname"] is None), "name") == ["Ann"]
    assert names(people.filter(lambda rec: "nickname" in rec), "name") == ["Ann", "Bo"]


def test_dynamodb_items_hold_only_their_attributes(glue_context: Any, aws: None) -> None:
    ddb = boto3.client("dynamodb", region_name="us-east-1")
    ddb.create_table(
        TableName="customers", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
    )
    ddb.put_item(TableName="customers", Item={"id": {"S": "c1"}, "consent": {"S": "2024-05-01"}})
    ddb.put_item(TableName="customers", Item={"id": {"S": "c2"}})
    customers = glue_context.create_dynamic_frame.from_options("dynamodb", {"dynamodb.input.tableName": "customers"})

    consenting = customers.filter(lambda item: item["consent"] != "")

    assert names(consenting, "id") == ["c1"]


def test_what_joins_a_json_frame_holds_only_the_fields_it_has(glue_context: Any, lake: Path) -> None:
    customers = read(glue_context, put(lake, "in/customers.json", lines(CUSTOMERS)))
    rows = glue_context.spark_session.createDataFrame([("s1", "red"), ("s3", "blue")], "serial string, colour string")
    devices = DynamicFrame.fromDF(rows, glue_context, "devices")

    joined = customers.join(["serialNumber"], ["serial"], devices)

    sharing = joined.filter(lambda rec: rec["shareWithResearchAsOfDate"] > 0)
    assert names(sharing) == ["Santosh Clayton"]
