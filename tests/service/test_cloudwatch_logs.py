"""The runs' logs through CloudWatch Logs clients: Glue's log groups answered by the fake."""

from __future__ import annotations

import datetime
import re
import time
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support import require

from pytest_gluejobs import GlueJobs, NotFakedError

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


# -- where AWS keeps each kind of run's logs, and streams that exist from the start --------------


def test_python_shell_runs_log_to_the_python_jobs_groups(logs: Any, glue_jobs: GlueJobs, glue_client: Any) -> None:
    # aws-cdk's Python shell integration test reads "/aws-glue/python-jobs/output", stream = run id.
    glue_jobs.add_job("shell", Command={"Name": "pythonshell", "ScriptLocation": "s3://b/shell.py"})
    glue_jobs.run_states("shell", "SUCCEEDED", output="rows: 42", error="WARN slow")
    run_id = glue_client.start_job_run(JobName="shell")["JobRunId"]

    group = glue_client.get_job_run(JobName="shell", RunId=run_id)["JobRun"]["LogGroupName"]

    assert group == "/aws-glue/python-jobs"
    for suffix, line in (("/output", "rows: 42"), ("/error", "WARN slow")):
        events = logs.get_log_events(logGroupName=group + suffix, logStreamName=run_id, startFromHead=True)["events"]
        assert [event["message"] for event in events] == [line]
    for spark_group in ("/aws-glue/jobs/output", "/aws-glue/jobs/error", "/aws-glue/jobs/logs-v2"):
        assert logs.describe_log_streams(logGroupName=spark_group)["logStreams"] == []


def test_a_runs_output_stream_exists_from_its_start(logs: Any, glue_jobs: GlueJobs, glue_client: Any, time_machine: Any) -> None:
    time_machine.move_to(START, tick=False)
    glue_jobs.add_job("quiet", JobRunQueuingEnabled=True)
    glue_jobs.run_states("quiet", "RUNNING")
    run_id = glue_client.start_job_run(JobName="quiet")["JobRunId"]
    queued = glue_client.start_job_run(JobName="quiet")["JobRunId"]  # WAITING: not started yet
    group = "/aws-glue/jobs/output"

    (stream,) = logs.describe_log_streams(logGroupName=group)["logStreams"]

    assert stream["logStreamName"] == run_id
    assert stream["creationTime"] == START_MS
    assert "firstEventTimestamp" not in stream and "lastEventTimestamp" not in stream
    assert logs.get_log_events(logGroupName=group, logStreamName=run_id)["events"] == []
    assert logs.filter_log_events(logGroupName=group, logStreamNames=[run_id])["events"] == []
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.get_log_events(logGroupName=group, logStreamName=queued)
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.get_log_events(logGroupName="/aws-glue/jobs/error", logStreamName=run_id)  # nothing on stderr


# -- what CloudWatch Logs refuses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "token"),
    [
        ("filter_log_events", "pytest-gluejobs/filter/²"),
        ("filter_log_events", "pytest-gluejobs/filter/-1"),
        ("get_log_events", "f/²"),
        ("get_log_events", "b/1.5"),
        ("describe_log_streams", "pytest-gluejobs/streams/٣"),
        ("describe_log_streams", "someone else's"),
    ],
)
def test_a_tampered_next_token_is_an_invalid_parameter(logs: Any, run_id: str, operation: str, token: str) -> None:
    params: dict[str, Any] = {"logGroupName": "/aws-glue/jobs/output", "nextToken": token}
    if operation == "get_log_events":
        params["logStreamName"] = run_id
    with pytest.raises(logs.exceptions.InvalidParameterException, match="The specified nextToken is invalid"):
        getattr(logs, operation)(**params)


@pytest.fixture
def unchecked_logs(glue_jobs: GlueJobs) -> Any:
    """A logs client that sends what it is given: botocore's own checks are off."""
    return boto3.client("logs", region_name="us-east-1", config=Config(parameter_validation=False))


@pytest.mark.parametrize(
    ("operation", "params", "message"),
    [
        ("filter_log_events", {"limit": "10"}, "STRING_VALUE can not be converted to an Integer"),
        ("filter_log_events", {"limit": 2.5}, "NUMBER_VALUE can not be converted to an Integer"),
        ("filter_log_events", {"startTime": "yesterday"}, "STRING_VALUE can not be converted to a Long"),
        ("filter_log_events", {"endTime": True}, "BOOLEAN_VALUE can not be converted to a Long"),
        ("filter_log_events", {"filterPattern": 5}, "NUMBER_VALUE can not be converted to a String"),
        ("filter_log_events", {"logStreamNames": [1]}, "NUMBER_VALUE can not be converted to a String"),
        ("get_log_events", {"logStreamName": "jr_1", "startFromHead": "yes"}, "STRING_VALUE can not be converted to a Boolean"),
        ("get_log_events", {"logStreamName": ["jr_1"]}, "START_ARRAY can not be converted to a String"),
        ("describe_log_streams", {"descending": 1}, "NUMBER_VALUE can not be converted to a Boolean"),
        ("describe_log_streams", {"nextToken": {}}, "START_OBJECT can not be converted to a String"),
    ],
)
def test_a_mistyped_member_is_a_serialization_error(unchecked_logs: Any, operation: str, params: dict[str, Any], message: str) -> None:
    with pytest.raises(ClientError) as caught:
        getattr(unchecked_logs, operation)(logGroupName="/aws-glue/jobs/output", **params)
    assert caught.value.response["Error"] == {"Code": "SerializationException", "Message": message}


@pytest.mark.parametrize(
    ("operation", "params", "message"),
    [
        ("filter_log_events", {"limit": 0}, "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        ("describe_log_streams", {"orderBy": "Newest"}, "Value 'Newest' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]"),
        ("filter_log_events", {"startTime": -1}, "Value '-1' at 'startTime' failed to satisfy constraint: Member must have value greater than or equal to 0"),
        ("get_log_events", {"logStreamName": ""}, "Value '' at 'logStreamName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    ],
)
def test_a_value_out_of_the_models_bounds_is_an_invalid_parameter(unchecked_logs: Any, operation: str, params: dict[str, Any], message: str) -> None:
    with pytest.raises(unchecked_logs.exceptions.InvalidParameterException) as caught:
        getattr(unchecked_logs, operation)(logGroupName="/aws-glue/jobs/output", **params)
    assert caught.value.response["Error"]["Message"] == f"1 validation error detected: {message}"


# -- filter patterns as CloudWatch Logs' "Filter pattern syntax" describes them -------------------

LINES = ["ERROR WARN message", "ERROR message", "WARN message", "Exiting with ERRORCODE: -1", "[ERROR] A fatal exception"]


@pytest.fixture
def lines(glue_jobs: GlueJobs, glue_client: Any) -> str:
    glue_jobs.add_job("noisy")
    glue_jobs.run_states("noisy", "SUCCEEDED", output=LINES)
    run: str = glue_client.start_job_run(JobName="noisy")["JobRunId"]
    return run


@pytest.mark.parametrize(
    ("pattern", "matched"),
    [
        ("", [0, 1, 2, 3, 4]),
        ("   ", [0, 1, 2, 3, 4]),
        ("ERROR", [0, 1, 3, 4]),  # a term matches inside a word: ERRORCODE
        ("error", []),  # terms are case-sensitive
        ("ERROR WARN", [0]),
        ("?ERROR ?WARN", [0, 1, 2, 3, 4]),
        ("?fatal ?Exiting", [3, 4]),
        ("ERROR -WARN", [1, 3, 4]),
        ('"ERROR" - "Exiting"', [0, 1, 4]),
        ("-ERROR", [2]),
        ('"ERRORCODE: -1"', [3]),
        ('"[ERROR]" fatal', [4]),
        ("%^ERROR%", [0, 1]),
        ("%fatal|Exit%", [3, 4]),
        ("%[0-9]$%", [3]),
    ],
)
def test_filter_patterns_match_as_cloudwatch_logs_documents(logs: Any, lines: str, pattern: str, matched: list[int]) -> None:
    events = logs.filter_log_events(logGroupName="/aws-glue/jobs/output", logStreamNames=[lines], filterPattern=pattern)["events"]
    assert [event["message"] for event in events] == [LINES[index] for index in matched]


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ('{ $.level = "ERROR" }', "a JSON filter pattern"),
        ("[ip, user, ..., status_code = 4*]", "a space-delimited filter pattern"),
        ("ERROR ?WARN", "mixes ?-terms with other terms"),
        ("ERROR %fatal%", "mixes a regular expression with other terms"),
    ],
)
def test_a_filter_pattern_the_fake_does_not_interpret_is_refused_naming_it(logs: Any, lines: str, pattern: str, why: str) -> None:
    with pytest.raises(NotFakedError, match=re.escape(f"filterPattern {pattern!r} is {why}" if why.startswith("a ") else f"filterPattern {pattern!r} {why}")):
        logs.filter_log_events(logGroupName="/aws-glue/jobs/output", filterPattern=pattern)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("email@domain.com", "Invalid character(s) in term 'email@domain.com'"),
        ('""', "Invalid character(s) in term '\"\"'"),
        ('ERROR "unclosed', "Invalid filter pattern: unterminated quoted term"),
        ("%(ERROR)%", "Invalid filter pattern: the regular expression uses '(', which filter patterns do not support"),
        ("ERROR -", "Invalid filter pattern: '-' must be followed by a term"),
    ],
)
def test_a_malformed_filter_pattern_is_an_invalid_parameter(logs: Any, lines: str, pattern: str, message: str) -> None:
    with pytest.raises(logs.exceptions.InvalidParameterException) as caught:
        logs.filter_log_events(logGroupName="/aws-glue/jobs/output", filterPattern=pattern)
    assert caught.value.response["Error"]["Message"] == message
