"""The runs' logs through CloudWatch Logs clients: Glue's log groups answered by the fake."""

from __future__ import annotations

import datetime
import time
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from support import require

from pytest_gluejobs import GlueJobs

START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
START_MS = int(START.timestamp() * 1000)


@pytest.fixture
def logs(glue_jobs: GlueJobs) -> Any:
    return boto3.client("logs", region_name="us-east-1")


@pytest.fixture
def run_id(glue_jobs: GlueJobs, glue_client: Any, time_machine: Any) -> str:
    time_machine.move_to(START, tick=False)
    glue_jobs.add_job("nightly")
    glue_jobs.run_states("nightly", "SUCCEEDED", output="starting\nrows: 42\ndone", error=["WARN slow", "ERROR oops"])
    run: str = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    return run


def test_filter_log_events_gives_the_scripted_output(logs: Any, run_id: str) -> None:
    answer = logs.filter_log_events(logGroupName="/aws-glue/jobs/output", logStreamNames=[run_id])
    assert [event["message"] for event in answer["events"]] == ["starting", "rows: 42", "done"]
    assert {event["logStreamName"] for event in answer["events"]} == {run_id}
    assert {event["timestamp"] for event in answer["events"]} == {START_MS}
    assert "nextToken" not in answer


def test_filter_pattern_terms_time_range_and_paging(logs: Any, run_id: str) -> None:
    group = "/aws-glue/jobs/output"
    assert [e["message"] for e in logs.filter_log_events(logGroupName=group, filterPattern="rows 42")["events"]] == ["rows: 42"]
    assert [e["message"] for e in logs.filter_log_events(logGroupName=group, filterPattern='"rows: 42"')["events"]] == ["rows: 42"]
    assert logs.filter_log_events(logGroupName=group, startTime=START_MS + 1)["events"] == []
    assert len(logs.filter_log_events(logGroupName=group, endTime=START_MS)["events"]) == 3
    first = logs.filter_log_events(logGroupName=group, logStreamNamePrefix="jr_", limit=2)
    second = logs.filter_log_events(logGroupName=group, logStreamNamePrefix="jr_", limit=2, nextToken=first["nextToken"])
    assert [e["message"] for e in first["events"] + second["events"]] == ["starting", "rows: 42", "done"]
    assert "nextToken" not in second
    pages = logs.get_paginator("filter_log_events").paginate(logGroupName=group, PaginationConfig={"PageSize": 1})
    assert [e["message"] for page in pages for e in page["events"]] == ["starting", "rows: 42", "done"]


def test_get_log_events_from_the_head_and_the_tail(logs: Any, run_id: str) -> None:
    group = "/aws-glue/jobs/error"
    head = logs.get_log_events(logGroupName=group, logStreamName=run_id, startFromHead=True, limit=1)
    assert [e["message"] for e in head["events"]] == ["WARN slow"]
    following = logs.get_log_events(logGroupName=group, logStreamName=run_id, nextToken=head["nextForwardToken"])
    assert [e["message"] for e in following["events"]] == ["ERROR oops"]
    end = logs.get_log_events(logGroupName=group, logStreamName=run_id, nextToken=following["nextForwardToken"])
    assert end["events"] == [] and end["nextForwardToken"] == following["nextForwardToken"]
    tail = logs.get_log_events(logGroupName=group, logStreamName=run_id, limit=1)
    assert [e["message"] for e in tail["events"]] == ["ERROR oops"]
    before = logs.get_log_events(logGroupName=group, logStreamName=run_id, nextToken=tail["nextBackwardToken"])
    assert [e["message"] for e in before["events"]] == ["WARN slow"]
    assert set(head["events"][0]) == {"timestamp", "message", "ingestionTime"}


def test_describe_log_streams(logs: Any, glue_client: Any, run_id: str, time_machine: Any) -> None:
    glue_client.get_job_run(JobName="nightly", RunId=run_id)  # finished: the slot is free
    time_machine.shift(60)
    later = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    group = "/aws-glue/jobs/output"
    by_name = logs.describe_log_streams(logGroupName=group)["logStreams"]
    assert [s["logStreamName"] for s in by_name] == sorted([run_id, later])
    by_time = logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime", descending=True)["logStreams"]
    assert [s["logStreamName"] for s in by_time] == [later, run_id]
    assert by_time[0]["lastEventTimestamp"] == START_MS + 60_000
    first = logs.describe_log_streams(logGroupName=group, limit=1)
    rest = logs.describe_log_streams(logGroupName=group, limit=1, nextToken=first["nextToken"])
    assert [s["logStreamName"] for s in first["logStreams"] + rest["logStreams"]] == sorted([run_id, later])
    only = logs.describe_log_streams(logGroupName=group, logStreamNamePrefix=later)["logStreams"]
    assert [s["logStreamName"] for s in only] == [later]


def test_the_continuous_logging_and_custom_groups(logs: Any, glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.add_job("custom", DefaultArguments={"--continuous-log-logGroup": "/team/etl"})
    glue_jobs.run_states("custom", "SUCCEEDED", output="custom line")
    run_id = glue_client.start_job_run(JobName="custom")["JobRunId"]
    for group in ("/aws-glue/jobs/logs-v2", "/team/etl"):
        events = logs.filter_log_events(logGroupName=group, logStreamNames=[run_id])["events"]
        assert [e["message"] for e in events] == ["custom line"]


def test_what_run_code_printed(logs: Any, glue_jobs: GlueJobs, glue_client: Any) -> None:
    import sys

    def handler(args: dict[str, str]) -> None:
        print("from the handler")
        print("to stderr", file=sys.stderr)

    glue_jobs.add_job("coded")
    glue_jobs.run_code("coded", handler)
    run_id = glue_client.start_job_run(JobName="coded")["JobRunId"]
    out = logs.get_log_events(logGroupName="/aws-glue/jobs/output", logStreamName=run_id, startFromHead=True)
    err = logs.get_log_events(logGroupName="/aws-glue/jobs/error", logStreamName=run_id, startFromHead=True)
    assert [e["message"] for e in out["events"]] == ["from the handler"]
    assert [e["message"] for e in err["events"]] == ["to stderr"]


def test_errors_as_cloudwatch_logs_answers_them(logs: Any, run_id: str) -> None:
    group = "/aws-glue/jobs/output"
    with pytest.raises(logs.exceptions.ResourceNotFoundException, match="The specified log stream does not exist"):
        logs.get_log_events(logGroupName=group, logStreamName="jr_unknown")
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.filter_log_events(logGroupName=group, logStreamNames=["jr_unknown"])
    with pytest.raises(logs.exceptions.InvalidParameterException, match="mutually exclusive"):
        logs.filter_log_events(logGroupName=group, logStreamNames=[run_id], logStreamNamePrefix="jr_")
    with pytest.raises(logs.exceptions.InvalidParameterException, match="less than or equal to 10000"):
        logs.filter_log_events(logGroupName=group, limit=10_001)
    with pytest.raises(logs.exceptions.InvalidParameterException, match="less than or equal to 50"):
        logs.describe_log_streams(logGroupName=group, limit=51)
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime", logStreamNamePrefix="jr_")


def test_other_log_groups_are_not_touched(glue_jobs: GlueJobs) -> None:
    moto = require("moto", "'moto[glue]' (or 'pytest-gluejobs[test]')")
    with moto.mock_aws():
        logs = boto3.client("logs", region_name="us-east-1")
        logs.create_log_group(logGroupName="/app")
        logs.create_log_stream(logGroupName="/app", logStreamName="s")
        logs.put_log_events(logGroupName="/app", logStreamName="s", logEvents=[{"timestamp": int(time.time() * 1000), "message": "moto's"}])
        assert [e["message"] for e in logs.filter_log_events(logGroupName="/app")["events"]] == ["moto's"]
        assert logs.filter_log_events(logGroupName="/aws-glue/jobs/output")["events"] == []  # the fake's


def test_without_a_fake_nothing_is_claimed() -> None:
    moto = require("moto", "'moto[glue]' (or 'pytest-gluejobs[test]')")
    with moto.mock_aws():
        logs = boto3.client("logs", region_name="us-east-1")
        with pytest.raises(ClientError, match="ResourceNotFoundException"):
            logs.filter_log_events(logGroupName="/aws-glue/jobs/output")  # moto has no such group
