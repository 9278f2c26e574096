"""GlueContext's readers and writers: S3 in each format, DynamoDB, what is not served."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

pyspark = pytest.importorskip("pyspark")

from pyspark.sql import DataFrame  # noqa: E402

from pytest_gluejobs import GlueJobs  # noqa: E402
from pytest_gluejobs._spark.errors import NotServedError  # noqa: E402

ORDERS = '{"order_id": 1, "amount": 9.5, "country": "DE"}\n{"order_id": 2, "amount": 3.0, "country": "FR"}\n'


def rows(frame: Any) -> list[dict[str, Any]]:
    data = frame.toDF() if not isinstance(frame, DataFrame) else frame
    return sorted((row.asDict(recursive=True) for row in data.collect()), key=json.dumps)


def test_json_from_s3_keeps_the_fields_in_the_order_records_give_them(glue_context: Any, put: Callable[..., None]) -> None:
    put("raw/orders/2024/05/a.json", ORDERS)
    put("raw/orders/b.json", '{"order_id": 3, "amount": 1.0, "country": "DE"}\n')
    put("raw/orders/_SUCCESS", "")

    frame = glue_context.create_dynamic_frame.from_options(
        connection_type="s3", connection_options={"paths": ["s3://lake/raw/orders/"], "recurse": True},
        format="json", transformation_ctx="orders",
    )

    assert frame.toDF().columns == ["order_id", "amount", "country"]
    assert [row["order_id"] for row in rows(frame)] == [1, 2, 3]
    assert frame.toDF().inputFiles()  # read through Spark, by their s3:// names


def test_without_recurse_only_the_files_directly_under_a_path_are_read(glue_context: Any, put: Callable[..., None]) -> None:
    put("raw/top.json", '{"n": 1}\n')
    put("raw/deeper/below.json", '{"n": 2}\n')

    frame = glue_context.create_dynamic_frame_from_options("s3", {"paths": ["s3://lake/raw/"]}, "json")

    assert rows(frame) == [{"n": 1}]


def test_exclusions_leave_out_what_their_globs_match(glue_context: Any, put: Callable[..., None]) -> None:
    put("raw/a.json", '{"n": 1}\n')
    put("raw/b.json.tmp", '{"n": 2}\n')
    put("raw/skip/c.json", '{"n": 3}\n')

    frame = glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": ["s3://lake/raw/"], "recurse": True, "exclusions": '["**.tmp", "s3://lake/raw/skip/**"]',
               "groupFiles": "inPartition", "groupSize": "1048576"}, "json",
    )

    assert rows(frame) == [{"n": 1}]


def test_a_path_with_no_files_reads_as_an_empty_frame(glue_context: Any, s3: Any) -> None:
    frame = glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/nothing/"]}, "json")

    assert frame.count() == 0


def test_csv_with_header_separator_and_quote(glue_context: Any, put: Callable[..., None]) -> None:
    put("raw/people.csv", "id;name;city\n1;'Ann; Jr';Berlin\n2;Bob;'Paris'\n")

    frame = glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": ["s3://lake/raw/people.csv"]}, "csv",
        {"withHeader": True, "separator": ";", "quoteChar": "'", "optimizePerformance": False},
    )

    assert rows(frame) == [{"id": 1, "name": "Ann; Jr", "city": "Berlin"}, {"id": 2, "name": "Bob", "city": "Paris"}]


def test_csv_without_a_header_names_the_columns_col0_col1(glue_context: Any, put: Callable[..., None]) -> None:
    put("raw/pairs.csv", 'a,"x"\nb,y\n')

    frame = glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/raw/"]}, "csv", {"quoteChar": "-1"})

    assert frame.toDF().columns == ["col0", "col1"]
    assert rows(frame) == [{"col0": "a", "col1": '"x"'}, {"col0": "b", "col1": "y"}]


@pytest.mark.parametrize(("format", "suffix"), [("glueparquet", "-snappy.parquet"), ("parquet", "-snappy.parquet"), ("json", ""), ("csv", ""), ("orc", ".snappy.orc")])
def test_each_format_is_written_under_glues_names_and_read_back(
    glue_context: Any, put: Callable[..., None], keys: Callable[..., list[str]], format: str, suffix: str
) -> None:
    put("raw/orders.json", ORDERS)
    orders = glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/raw/"]}, "json")

    glue_context.write_dynamic_frame.from_options(
        frame=orders, connection_type="s3", connection_options={"path": "s3://lake/out/", "partitionKeys": ["country"]},
        format=format, format_options={"withHeader": True} if format == "csv" else {}, transformation_ctx="sink",
    )

    written = keys("out/")
    assert [key.rsplit("/", 1)[0] for key in written] == ["out/country=DE", "out/country=FR"]
    for key in written:
        name = key.rsplit("/", 1)[1]
        assert name.startswith("run-sink-") and name.endswith(suffix), name
        assert ("-part-block-0-r-" in name) if "parquet" in format else ("-part-r-" in name)
    back = glue_context.create_dynamic_frame.from_options(
        "s3", {"paths": ["s3://lake/out/"], "recurse": True}, "parquet" if format == "glueparquet" else format,
        {"withHeader": True} if format == "csv" else {},
    )
    assert sorted(row["order_id"] for row in rows(back)) == [1, 2]


def test_a_sink_adds_files_and_compresses_text_formats(glue_context: Any, put: Callable[..., None], keys: Callable[..., list[str]]) -> None:
    put("raw/orders.json", ORDERS)
    orders = glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/raw/"]}, "json")

    for _ in range(2):
        glue_context.write_dynamic_frame_from_options(orders, "s3", {"path": "s3://lake/out/", "compression": "gzip"}, "json")

    written = keys("out/")
    assert len(written) == 2 and all(key.endswith(".gz") for key in written)
    assert glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/out/"]}, "json").count() == 4


def test_create_data_frame_reads_as_a_spark_dataframe(glue_context: Any, put: Callable[..., None]) -> None:
    put("raw/orders.json", ORDERS)

    frame = glue_context.create_data_frame.from_options("s3", {"paths": ["s3://lake/raw/"]}, "json")

    assert isinstance(frame, DataFrame)
    assert frame.count() == 2


@pytest.mark.parametrize("format", ["avro", "xml", "yaml"])
def test_a_format_the_stand_in_does_not_read_is_a_value_error_naming_it(glue_context: Any, format: str) -> None:
    with pytest.raises(ValueError, match=f"format '{format}' is not read by pytest-gluejobs' awsglue.*it reads json, csv, parquet, glueparquet, orc"):
        glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/x/"]}, format)


@pytest.mark.parametrize("connection_type", ["redshift", "mysql", "kafka", "marketplace.spark", "S3"])
def test_connection_types_not_served_fail_naming_them(glue_context: Any, connection_type: str) -> None:
    with pytest.raises(NotServedError, match=f"connection_type '{connection_type}' is not served.*s3 and dynamodb"):
        glue_context.create_dynamic_frame.from_options(connection_type, {"dbtable": "orders"})
    frame = glue_context.create_dynamic_frame_from_rdd([(1,)], "one")
    with pytest.raises(NotServedError, match=f"connection_type '{connection_type}' is not served"):
        glue_context.write_dynamic_frame.from_options(frame, connection_type, {"dbtable": "orders"})


@pytest.mark.parametrize(
    ("options", "format", "message"),
    [
        ({}, "json", "an s3 source needs connection_options {'paths': \\['s3://bucket/prefix/', ...\\]}, got the keys \\[\\]"),
        ({"paths": []}, "json", "got paths=\\[\\]"),
        ({"paths": ["/local/file.json"]}, "json", "paths holds '/local/file.json', which is not an s3:// path"),
        ({"paths": ["s3://lake/x/"], "exclusions": "**.tmp"}, "json", "exclusions '\\*\\*.tmp' is not a JSON list"),
        ({"paths": ["s3://lake/x/"]}, None, "an s3 source needs a format"),
    ],
)
def test_bad_source_options_are_value_errors_naming_them(glue_context: Any, options: dict[str, Any], format: str | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        glue_context.create_dynamic_frame.from_options("s3", options, format)


def test_a_sink_without_a_path_or_with_unknown_partition_keys_writes_nothing(glue_context: Any, keys: Callable[..., list[str]]) -> None:
    frame = glue_context.create_dynamic_frame_from_rdd([(1, "a")], "one", ["id", "name"])

    with pytest.raises(ValueError, match=r"an s3 sink needs connection_options \{'path': 's3://bucket/prefix/'\}"):
        glue_context.write_dynamic_frame.from_options(frame, "s3", {"paths": ["s3://lake/out/"]}, "json")
    with pytest.raises(ValueError, match=r"partitionKeys \['day'\] are not columns of the frame"):
        glue_context.write_dynamic_frame.from_options(frame, "s3", {"path": "s3://lake/out/", "partitionKeys": ["day"]}, "json")
    assert keys("out/") == []


def test_dynamodb_is_read_and_written_through_moto(glue_context: Any, aws: None) -> None:
    ddb = boto3.client("dynamodb", region_name="us-east-1")
    for table in ("customers", "copies"):
        ddb.create_table(
            TableName=table, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
        )
    ddb.put_item(TableName="customers", Item={"id": {"S": "c1"}, "age": {"N": "31"}, "score": {"N": "2.5"}, "tags": {"SS": ["a", "b"]}})
    ddb.put_item(TableName="customers", Item={"id": {"S": "c2"}, "age": {"N": "40"}})

    customers = glue_context.create_dynamic_frame.from_options(
        "dynamodb", {"dynamodb.input.tableName": "customers", "dynamodb.throughput.read.percent": "1.0"}
    )
    glue_context.write_dynamic_frame_from_options(customers, "dynamodb", {"dynamodb.output.tableName": "copies"})

    assert rows(customers) == [
        {"age": 31, "id": "c1", "score": 2.5, "tags": ["a", "b"]},
        {"age": 40, "id": "c2", "score": None, "tags": None},
    ]
    copied = ddb.get_item(TableName="copies", Key={"id": {"S": "c1"}})["Item"]
    assert copied["age"] == {"N": "31"} and copied["score"] == {"N": "2.5"}


def test_dynamodb_without_moto_is_not_served(glue_context: Any) -> None:
    with pytest.raises(NotServedError, match="mock_aws is not active"):
        glue_context.create_dynamic_frame.from_options("dynamodb", {"dynamodb.input.tableName": "customers"})


def test_purge_s3_path_deletes_what_is_older_than_the_retention_period(glue_context: Any, put: Callable[..., None], keys: Callable[..., list[str]]) -> None:
    put("out/a.json", "{}\n")
    put("out/deeper/b.json", "{}\n")
    put("kept/c.json", "{}\n")

    glue_context.purge_s3_path("s3://lake/out/")  # 168 hours by default: everything is newer
    assert keys("out/") == ["out/a.json", "out/deeper/b.json"]
    glue_context.purge_s3_path("s3://lake/out/", {"retentionPeriod": 0})

    assert keys() == ["kept/c.json"]
    with pytest.raises(ValueError, match="retentionPeriod must be a number of hours >= 0, got -1"):
        glue_context.purge_s3_path("s3://lake/kept/", {"retentionPeriod": -1})


def test_a_mapped_folder_serves_the_stand_ins_reads_and_writes(glue_context: Any, glue_jobs: GlueJobs, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "orders.json").write_text(ORDERS)
    glue_jobs.run_scripts({"s3://acme/": tmp_path})

    orders = glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://acme/in/"]}, "json")
    glue_context.write_dynamic_frame.from_options(orders, "s3", {"path": "s3://acme/out/"}, "csv", transformation_ctx="csv_out")

    (written,) = (tmp_path / "out").iterdir()
    assert re.fullmatch(r"run-csv_out-\d+-part-r-00000", written.name)
    assert written.read_text().splitlines()[0] == "order_id,amount,country"


def test_the_logger_writes_log4j_lines_to_stderr(glue_context: Any, capsys: pytest.CaptureFixture[str]) -> None:
    logger = glue_context.get_logger()
    logger.info("read 2 orders")
    logger.warn("late data")
    logger.error("bad row")

    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "INFO GlueLogger: read 2 orders", "WARN GlueLogger: late data", "ERROR GlueLogger: bad row",
    ]
    with pytest.raises(AttributeError, match="'GlueLogger' object has no attribute 'warning'; did you mean 'warn'"):
        logger.warning("x")


def test_members_the_stand_in_does_not_run_say_so_by_name(glue_context: Any) -> None:
    with pytest.raises(NotImplementedError, match=r"GlueContext\.forEachBatch is part of AWS Glue's awsglue library.*streaming"):
        glue_context.forEachBatch(frame=None, batch_function=print, options={})
    with pytest.raises(NotImplementedError, match=r"GlueContext\.start_transaction"):
        glue_context.start_transaction(read_only=True)
    with pytest.raises(NotServedError, match="write_dynamic_frame_from_jdbc_conf: JDBC connections are not served"):
        glue_context.write_dynamic_frame_from_jdbc_conf(None, "redshift3")
    with pytest.raises(AttributeError, match="'GlueContext' object has no attribute 'purge_s3_paths'; did you mean 'purge_s3_path'"):
        glue_context.purge_s3_paths("s3://lake/")


def test_sql_context_members_work_as_in_spark(glue_context: Any) -> None:
    glue_context.spark_session.range(3).createOrReplaceTempView("numbers")

    assert glue_context.sql("SELECT sum(id) AS total FROM numbers").first().total == 3
    assert glue_context.table("numbers").count() == 3
    assert glue_context.currentTimeMillis() > 0


def test_a_job_outside_a_run_reads_with_bookmarks_but_keeps_nothing(glue_context: Any, put: Callable[..., None]) -> None:
    from awsglue.job import Job

    put("raw/a.json", '{"n": 1}\n')
    job = Job(glue_context)
    with pytest.raises(RuntimeError, match=r"Job\.commit\(\) was called before Job\.init"):
        job.commit()

    for _ in range(2):
        job = Job(glue_context)
        job.init("nightly", {"job_bookmark_option": "job-bookmark-enable"})
        frame = glue_context.create_dynamic_frame.from_options("s3", {"paths": ["s3://lake/raw/"]}, "json", transformation_ctx="raw")
        assert frame.count() == 1
        job.commit()
    assert job.isInitialized()
    with pytest.raises(ValueError, match="job_bookmark_option must be one of job-bookmark-enable, job-bookmark-pause, job-bookmark-disable, got 'on'"):
        Job(glue_context).init("nightly", {"job_bookmark_option": "on"})
