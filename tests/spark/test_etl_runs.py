"""glueetl jobs whose script is mapped run it on the one Spark: logs, failures, retries, and job
bookmarks that really skip what committed runs read."""

from __future__ import annotations

import datetime
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
import time_machine

pyspark = pytest.importorskip("pyspark")

from pytest_gluejobs import GlueJobs  # noqa: E402

SCRIPT = """
    import sys
    from awsglue.transforms import *
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext
    from awsglue.context import GlueContext
    from awsglue.job import Job

    args = getResolvedOptions(sys.argv, ["JOB_NAME", "fail"])
    sc = SparkContext()
    glueContext = GlueContext(sc)
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)
    orders = glueContext.create_dynamic_frame.from_options(
        "s3", {"paths": ["s3://lake/in/"], "recurse": True}, "json", transformation_ctx="orders"
    )
    ids = sorted(row["id"] for row in orders.toDF().collect())
    print(f"read {ids}")
    glueContext.get_logger().info(f"{len(ids)} orders read")
    if args["fail"] == "after-read":
        raise RuntimeError("warehouse unreachable")
    glueContext.write_dynamic_frame.from_options(orders, "s3", {"path": "s3://lake/out/"}, "json", transformation_ctx="out")
    if args["fail"] != "no-commit":
        job.commit()
"""


@pytest.fixture
def glue(aws: None, glue_jobs: GlueJobs, tmp_path: Path) -> Any:
    """A glueetl job 'orders' whose script is mapped, bookmarks enabled by default."""
    write(tmp_path, "orders.py", SCRIPT)
    glue_jobs.run_scripts({"s3://scripts/": tmp_path})
    client = boto3.client("glue", region_name="us-east-1")
    client.create_job(
        Name="orders", Role="arn:aws:iam::123456789012:role/etl",
        Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/orders.py"}, GlueVersion="5.0",
        DefaultArguments={"--job-bookmark-option": "job-bookmark-enable", "--fail": "no"},
    )
    return client


def write(folder: Path, name: str, code: str) -> None:
    (folder / name).write_text(textwrap.dedent(code))


def start(glue: Any, **arguments: str) -> dict[str, Any]:
    run_id = glue.start_job_run(JobName="orders", Arguments={f"--{key}": value for key, value in arguments.items()})["JobRunId"]
    run: dict[str, Any] = glue.get_job_run(JobName="orders", RunId=run_id)["JobRun"]
    return run


def read(glue_jobs: GlueJobs, run: dict[str, Any]) -> str:
    return glue_jobs.run_logs(run["Id"]).output.splitlines()[0]


def test_a_run_executes_the_script_on_spark_with_its_logs_in_cloudwatch(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None]) -> None:
    put("in/a.json", '{"id": 1}\n{"id": 2}\n')

    run = start(glue)

    assert run["JobRunState"] == "SUCCEEDED"
    logs = glue_jobs.run_logs(run["Id"])
    assert logs.output == "read [1, 2]\n"
    assert logs.error.endswith(" INFO GlueLogger: 2 orders read\n")
    cloudwatch = boto3.client("logs", region_name="us-east-1")
    for group, line in (("/aws-glue/jobs/output", "read [1, 2]"), ("/aws-glue/jobs/error", "2 orders read")):
        events = cloudwatch.filter_log_events(logGroupName=group, logStreamNames=[run["Id"]])["events"]
        assert any(line in event["message"] for event in events)


def test_an_exception_fails_the_run_naming_it(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None]) -> None:
    put("in/a.json", '{"id": 1}\n')

    run = start(glue, fail="after-read")

    assert (run["JobRunState"], run["ErrorMessage"]) == ("FAILED", "RuntimeError: warehouse unreachable")
    assert 'raise RuntimeError("warehouse unreachable")' in glue_jobs.run_logs(run["Id"]).error


def test_a_failed_run_is_retried_as_max_retries_says(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None]) -> None:
    put("in/a.json", '{"id": 1}\n')
    glue.update_job(JobName="orders", JobUpdate={
        "Role": "arn:aws:iam::123456789012:role/etl", "MaxRetries": 1,
        "Command": {"Name": "glueetl", "ScriptLocation": "s3://scripts/orders.py"},
        "DefaultArguments": {"--fail": "after-read"},
    })

    run_id = glue.start_job_run(JobName="orders")["JobRunId"]

    runs = glue.get_job_runs(JobName="orders")["JobRuns"]
    assert [(r["Id"], r["JobRunState"]) for r in runs] == [(f"{run_id}_attempt_1", "FAILED"), (run_id, "FAILED")]
    assert glue_jobs.run_logs(f"{run_id}_attempt_1").output == "read [1]\n"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("glueContext.forEachBatch(frame=None, batch_function=print, options={})",
         "NotImplementedError: GlueContext.forEachBatch is part of AWS Glue's awsglue library, but pytest-gluejobs does not run it"),
        ("glueContext.create_dynamic_frame.from_options('redshift', {'dbtable': 't'})",
         "NotServedError: getSource: connection_type 'redshift' is not served"),
        ("glueContext.create_dynamic_frame.from_options('s3', {'paths': ['s3://nowhere/x/']}, 'json')",
         "S3PathNotServedError: s3://nowhere/x/ is not served"),
        ("glueContext.create_dynamic_frame.from_catalog(database='sales', table_name='orders')",
         "NotFakedError: pytest-gluejobs: Glue operation GetTable is not faked"),
    ],
)
def test_what_is_not_served_fails_the_run_by_name(glue_jobs: GlueJobs, tmp_path: Path, code: str, message: str) -> None:
    write(tmp_path, "job.py", f"""
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        glueContext = GlueContext(SparkContext.getOrCreate())
        {code}
    """)
    glue_jobs.run_scripts({"s3://scripts/": tmp_path})
    glue_jobs.add_job("job", Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/job.py"})
    glue = boto3.client("glue", region_name="us-east-1")

    run_id = glue.start_job_run(JobName="job")["JobRunId"]

    run = glue.get_job_run(JobName="job", RunId=run_id)["JobRun"]
    assert run["JobRunState"] == "FAILED"
    assert run["ErrorMessage"].startswith(message)


def test_a_table_moto_lacks_fails_the_run_with_the_entity_not_found_moto_answered(glue: Any, glue_jobs: GlueJobs, tmp_path: Path) -> None:
    write(tmp_path, "catalog.py", """
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        GlueContext(SparkContext()).create_dynamic_frame.from_catalog(database="sales", table_name="orders")
    """)
    glue_jobs.add_job("catalog", Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/catalog.py"})
    glue.create_database(DatabaseInput={"Name": "sales"})

    run_id = glue.start_job_run(JobName="catalog")["JobRunId"]

    message = glue.get_job_run(JobName="catalog", RunId=run_id)["JobRun"]["ErrorMessage"]
    assert message.startswith("EntityNotFoundException: An error occurred (EntityNotFoundException) when calling the GetTable operation")


def test_a_script_that_stops_spark_and_leaves_views_breaks_no_later_run(glue_jobs: GlueJobs, tmp_path: Path, glue_context: Any) -> None:
    write(tmp_path, "rude.py", """
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        sc = SparkContext()
        spark = GlueContext(sc).spark_session
        seen = [t.name for t in spark.catalog.listTables()]
        print(seen)
        spark.range(3).createOrReplaceTempView("leftover")
        spark.range(3).createOrReplaceGlobalTempView("leftover_everywhere")
        spark.sql("CACHE TABLE leftover")
        spark.stop()
        sc.stop()
    """)
    glue_jobs.run_scripts({"s3://scripts/": tmp_path})
    glue_jobs.add_job("rude", Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/rude.py"})
    glue = boto3.client("glue", region_name="us-east-1")

    first, second = (glue.start_job_run(JobName="rude")["JobRunId"] for _ in range(2))

    assert [glue_jobs.run_logs(run_id).output for run_id in (first, second)] == ["[]\n", "[]\n"]
    spark = glue_context.spark_session
    assert spark.catalog.listTables() == [] and spark.catalog.listTables("global_temp") == []
    assert spark.range(2).count() == 2


# -- bookmarks ---------------------------------------------------------------------------------------


def bookmark(glue: Any) -> dict[str, Any]:
    entry: dict[str, Any] = glue.get_job_bookmark(JobName="orders")["JobBookmarkEntry"]
    return entry


def test_a_second_run_reads_only_the_files_no_committed_run_read(
    glue: Any, glue_jobs: GlueJobs, put: Callable[..., None], keys: Callable[..., list[str]]
) -> None:
    put("in/a.json", '{"id": 1}\n')
    first = start(glue)
    put("in/b.json", '{"id": 2}\n')

    second = start(glue)

    assert [read(glue_jobs, run) for run in (first, second)] == ["read [1]", "read [2]"]
    entry = bookmark(glue)
    assert (entry["Run"], entry["Version"], entry["Attempt"]) == (2, 2, 0)
    assert (entry["RunId"], entry["PreviousRunId"]) == (second["Id"], first["Id"])
    state = json.loads(entry["JobBookmark"])
    assert list(state) == ["orders"]
    assert len(state["orders"]["timestamps"]["INCLUDE_LIST"].split(",")) == 2
    assert len(keys("out/")) == 2


def test_a_file_changed_since_is_read_again(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None], s3: Any) -> None:
    put("in/a.json", '{"id": 1}\n')
    start(glue)
    with time_machine.travel(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)):
        put("in/a.json", '{"id": 11}\n')  # rewritten later: a new LastModified

    assert read(glue_jobs, start(glue)) == "read [11]"


@pytest.mark.parametrize("fail", ["after-read", "no-commit"])
def test_a_run_that_fails_or_never_commits_leaves_the_bookmark(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None], fail: str) -> None:
    put("in/a.json", '{"id": 1}\n')
    first = start(glue)
    put("in/b.json", '{"id": 2}\n')

    start(glue, fail=fail)

    assert bookmark(glue)["RunId"] == first["Id"]
    assert read(glue_jobs, start(glue)) == "read [2]"


def test_pause_reads_from_the_bookmark_without_moving_it(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None]) -> None:
    put("in/a.json", '{"id": 1}\n')
    first = start(glue)
    put("in/b.json", '{"id": 2}\n')

    paused = [start(glue, **{"job-bookmark-option": "job-bookmark-pause"}) for _ in range(2)]

    assert [read(glue_jobs, run) for run in paused] == ["read [2]", "read [2]"]
    assert bookmark(glue)["RunId"] == first["Id"]


def test_reset_makes_the_next_run_read_everything_and_disable_always_does(glue: Any, glue_jobs: GlueJobs, put: Callable[..., None]) -> None:
    put("in/a.json", '{"id": 1}\n')
    start(glue)
    put("in/b.json", '{"id": 2}\n')

    disabled = start(glue, **{"job-bookmark-option": "job-bookmark-disable"})
    glue.reset_job_bookmark(JobName="orders")
    after_reset = start(glue)

    assert [read(glue_jobs, run) for run in (disabled, after_reset)] == ["read [1, 2]", "read [1, 2]"]
    assert bookmark(glue)["Run"] == 1
