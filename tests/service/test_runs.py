"""StartJobRun, GetJobRun, GetJobRuns: the JobRun shape, overrides, concurrency, queuing, paging."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.model import StringShape
from support import error_of, freeze_time, in_threads, run_states, told

from pytest_gluejobs import OPERATIONS, GlueJobs
from pytest_gluejobs._data.shapes import RUN_STATES
from pytest_gluejobs._service.model import service_model

RUN_OPERATIONS = ("StartJobRun", "GetJobRun", "GetJobRuns", "BatchStopJobRun", "TagResource", "UntagResource", "GetTags")


def test_run_operations_are_faked_and_run_states_follow_the_model() -> None:
    assert set(RUN_OPERATIONS) <= set(OPERATIONS)
    shape = service_model().shape_for("JobRunState")
    assert isinstance(shape, StringShape)
    assert tuple(shape.enum) == RUN_STATES


# -- StartJobRun -----------------------------------------------------------------------------


def test_start_job_run_returns_a_fresh_run_id_of_the_aws_form(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 3})

    ids = [glue.start_job_run(JobName="nightly")["JobRunId"] for _ in range(3)]

    assert all(re.fullmatch(r"jr_[0-9a-f]{64}", run_id) for run_id in ids)
    assert len(set(ids)) == 3


def test_start_job_run_of_an_unknown_job_is_entity_not_found(glue: Any) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException) as excinfo:
        glue.start_job_run(JobName="ghost")

    assert error_of(excinfo) == ("EntityNotFoundException", "Job with name: ghost not found.")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_a_run_shows_the_whole_jobrun_shape(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job(
        "nightly",
        DefaultArguments={"--env": "prod"},
        SecurityConfiguration="sec",
        NotificationProperty={"NotifyDelayAfter": 5},
        GlueVersion="4.0",
        WorkerType="G.2X",
        NumberOfWorkers=4,
        ExecutionClass="STANDARD",
        JobMode="VISUAL",
        Timeout=90,
    )
    with freeze_time("2024-03-01 12:00:00") as frozen:
        run_id = glue.start_job_run(JobName="nightly", Arguments={"--day": "2024-03-01"})["JobRunId"]
        frozen.tick(datetime.timedelta(seconds=30))
        run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]

    started = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
    assert run["Id"] == run_id
    assert run["Attempt"] == 0
    assert "PreviousRunId" not in run
    assert run["JobName"] == "nightly"
    assert run["StartedOn"] == started
    assert run["LastModifiedOn"] == started + datetime.timedelta(seconds=30)
    assert run["JobRunState"] == "RUNNING"
    assert "CompletedOn" not in run
    assert "ErrorMessage" not in run
    assert run["Arguments"] == {"--day": "2024-03-01"}  # the run's own, not DefaultArguments
    assert run["PredecessorRuns"] == []
    assert run["ExecutionTime"] == 30
    assert run["Timeout"] == 90
    assert run["WorkerType"] == "G.2X"
    assert run["NumberOfWorkers"] == 4
    assert run["MaxCapacity"] == 8.0
    assert run["AllocatedCapacity"] == 8
    assert run["GlueVersion"] == "4.0"
    assert run["SecurityConfiguration"] == "sec"
    assert run["NotificationProperty"] == {"NotifyDelayAfter": 5}
    assert run["ExecutionClass"] == "STANDARD"
    assert run["JobMode"] == "VISUAL"
    assert run["JobRunQueuingEnabled"] is False
    assert run["LogGroupName"] == "/aws-glue/jobs"


def test_a_run_started_without_arguments_reports_none(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly", DefaultArguments={"--env": "prod"})
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert "Arguments" not in glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]


def test_run_overrides_replace_the_job_definition_for_that_run_only(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("etl", GlueVersion="4.0", WorkerType="G.1X", NumberOfWorkers=10, Timeout=60)

    run_id = glue.start_job_run(
        JobName="etl",
        WorkerType="G.2X",
        NumberOfWorkers=3,
        Timeout=15,
        SecurityConfiguration="run-sec",
        NotificationProperty={"NotifyDelayAfter": 2},
        ExecutionClass="FLEX",
        JobRunQueuingEnabled=True,
        ExecutionRoleSessionPolicy='{"Version": "2012-10-17", "Statement": []}',
    )["JobRunId"]

    run = glue.get_job_run(JobName="etl", RunId=run_id)["JobRun"]
    assert (run["WorkerType"], run["NumberOfWorkers"], run["MaxCapacity"]) == ("G.2X", 3, 6.0)
    assert run["Timeout"] == 15
    assert run["SecurityConfiguration"] == "run-sec"
    assert run["NotificationProperty"] == {"NotifyDelayAfter": 2}
    assert run["ExecutionClass"] == "FLEX"
    assert run["JobRunQueuingEnabled"] is True
    assert run["ExecutionRoleSessionPolicy"] == '{"Version": "2012-10-17", "Statement": []}'
    job = glue_jobs.jobs()["etl"]
    assert (job["WorkerType"], job["NumberOfWorkers"], job["Timeout"]) == ("G.1X", 10, 60)


def test_a_max_capacity_override_replaces_the_jobs_capacity(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("legacy", MaxCapacity=10.0)

    run_id = glue.start_job_run(JobName="legacy", MaxCapacity=4.0)["JobRunId"]

    run = glue.get_job_run(JobName="legacy", RunId=run_id)["JobRun"]
    assert (run["MaxCapacity"], run["AllocatedCapacity"]) == (4.0, 4)
    assert "WorkerType" not in run


def test_a_run_keeps_the_definition_the_job_had_when_it_started(
    glue: Any, make_job: Callable[..., Any]
) -> None:
    make_job("nightly", Timeout=30, ExecutionProperty={"MaxConcurrentRuns": 2})
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue.update_job(
        JobName="nightly",
        JobUpdate={
            "Role": "arn:aws:iam::123456789012:role/etl",
            "Command": {"Name": "glueetl", "ScriptLocation": "s3://bucket/v2.py"},
            "Timeout": 45,
            "ExecutionProperty": {"MaxConcurrentRuns": 2},
        },
    )
    second = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert glue.get_job_run(JobName="nightly", RunId=first)["JobRun"]["Timeout"] == 30
    assert glue.get_job_run(JobName="nightly", RunId=second)["JobRun"]["Timeout"] == 45


@pytest.mark.parametrize(
    ("job_fields", "run_fields", "expected"),
    [
        ({}, {"WorkerType": "G.1X"}, "Please set both Worker Type and Number of Workers"),
        ({}, {"NumberOfWorkers": 5}, "Please set both Worker Type and Number of Workers"),
        (
            {"GlueVersion": "3.0", "WorkerType": "G.1X", "NumberOfWorkers": 2},
            {"WorkerType": "G.1X", "NumberOfWorkers": 2, "MaxCapacity": 2.0},
            "Please do not set Max Capacity if using Worker Type and Number of Workers",
        ),
        ({}, {"MaxCapacity": 5.0, "AllocatedCapacity": 5}, "Please set only Allocated Capacity or Max Capacity"),
        ({}, {"WorkerType": "G.1X", "NumberOfWorkers": 300}, "To use Worker Type G.1X, maximum allowed value of Number of Workers is 299."),
        ({}, {"MaxCapacity": 2.5}, "use a whole number of DPUs from 2 to 100"),
        ({"GlueVersion": "4.0", "WorkerType": "G.1X", "NumberOfWorkers": 2}, {"MaxCapacity": 101.0},
         "MaxCapacity 101.0 is not valid for Job Command glueetl: use a whole number of DPUs from 2 to 100"),
        ({}, {"Timeout": 10081}, "Timeout 10081 exceeds the maximum of 10080 minutes"),
        ({}, {"ExecutionClass": "FLEX"}, "ExecutionClass FLEX is only allowed for glueetl jobs with GlueVersion 3.0"),
        ({}, {"ExecutionClass": "FAST"}, "Member must satisfy enum value set: [FLEX, STANDARD]"),
        ({}, {"WorkerType": "G.9X", "NumberOfWorkers": 2}, "Member must satisfy enum value set"),
        ({}, {"ExecutionRoleSessionPolicy": "not json"}, "ExecutionRoleSessionPolicy must be an IAM policy"),
        ({}, {"JobRunId": "x" * 256}, "Member must have length less than or equal to 255"),
        ({}, {"SecurityConfiguration": "s" * 256}, "Member must have length less than or equal to 255"),
        ({}, {"SecurityConfiguration": "two\nlines"}, "Member must satisfy regular expression pattern"),
    ],
)
def test_invalid_run_overrides_are_rejected_and_start_nothing(
    glue: Any,
    make_job: Callable[..., Any],
    glue_jobs: GlueJobs,
    job_fields: dict[str, Any],
    run_fields: dict[str, Any],
    expected: str,
) -> None:
    make_job("etl", **job_fields)

    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.start_job_run(JobName="etl", **run_fields)

    message = told(glue_jobs, excinfo)
    assert expected in message
    assert "etl" in message
    assert glue_jobs.runs("etl") == []


def test_minimums_are_checked_even_when_botocore_does_not(make_job: Callable[..., Any]) -> None:
    make_job("etl")
    unchecked = boto3.client("glue", region_name="us-east-1", config=Config(parameter_validation=False))

    with pytest.raises(unchecked.exceptions.InvalidInputException) as excinfo:
        unchecked.start_job_run(JobName="etl", Timeout=0, NotificationProperty={"NotifyDelayAfter": 0})

    message = error_of(excinfo)[1]
    assert "2 validation errors detected" in message
    assert "'Timeout'" in message and "'NotificationProperty.NotifyDelayAfter'" in message


def test_a_worker_type_override_on_a_python_shell_job_is_rejected(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("shell", Command={"Name": "pythonshell", "ScriptLocation": "s3://b/s.py"})

    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.start_job_run(JobName="shell", WorkerType="G.1X", NumberOfWorkers=2)

    assert "Worker Type is not supported for Job Command pythonshell" in error_of(excinfo)[1]


# -- MaxConcurrentRuns and queuing -----------------------------------------------------------


def test_max_concurrent_runs_defaults_to_one(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    glue.start_job_run(JobName="nightly")

    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException) as excinfo:
        glue.start_job_run(JobName="nightly")

    assert error_of(excinfo).message == "Concurrent runs exceeded for nightly"  # AWS's words
    assert "MaxConcurrentRuns is 1" in told(glue_jobs, excinfo)


def test_max_concurrent_runs_counts_only_unfinished_runs(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue.start_job_run(JobName="nightly")
    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException):
        glue.start_job_run(JobName="nightly")

    glue_jobs.finish_run(first, "SUCCEEDED")

    assert glue.start_job_run(JobName="nightly")["JobRunId"]


def test_a_stopping_run_still_holds_its_slot(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue.batch_stop_job_run(JobName="nightly", JobRunIds=[run_id])

    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException):
        glue.start_job_run(JobName="nightly")

    assert run_states(glue, "nightly", run_id, 2) == ["STOPPING", "STOPPED"]
    assert glue.start_job_run(JobName="nightly")["JobRunId"]


def test_with_queuing_the_extra_run_waits_and_starts_when_a_slot_frees(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", JobRunQueuingEnabled=True)
    glue_jobs.run_states("nightly", "RUNNING", "RUNNING", "SUCCEEDED")
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    second = glue.start_job_run(JobName="nightly")["JobRunId"]

    waiting = glue.get_job_run(JobName="nightly", RunId=second)["JobRun"]
    assert waiting["JobRunState"] == "WAITING"
    assert "MaxConcurrentRuns" in waiting["StateDetail"]
    assert waiting["ExecutionTime"] == 0
    assert run_states(glue, "nightly", second, 2) == ["WAITING", "WAITING"]

    assert run_states(glue, "nightly", first, 3) == ["RUNNING", "RUNNING", "SUCCEEDED"]

    assert glue_jobs.runs("nightly")[0]["JobRunState"] == "STARTING"
    assert run_states(glue, "nightly", second, 3) == ["RUNNING", "RUNNING", "SUCCEEDED"]


def test_the_runs_queuing_setting_wins_over_the_jobs(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("queued", JobRunQueuingEnabled=True)
    make_job("plain")
    glue.start_job_run(JobName="queued")
    glue.start_job_run(JobName="plain")

    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException):
        glue.start_job_run(JobName="queued", JobRunQueuingEnabled=False)
    extra = glue.start_job_run(JobName="plain", JobRunQueuingEnabled=True)["JobRunId"]

    run = glue.get_job_run(JobName="plain", RunId=extra)["JobRun"]
    assert (run["JobRunState"], run["JobRunQueuingEnabled"]) == ("WAITING", True)


def test_waiting_runs_count_against_runs_started_without_queuing(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
    glue.start_job_run(JobName="nightly")
    glue.start_job_run(JobName="nightly")
    glue.start_job_run(JobName="nightly", JobRunQueuingEnabled=True)

    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException) as excinfo:
        glue.start_job_run(JobName="nightly")

    assert "3 of the job's runs are not finished" in told(glue_jobs, excinfo)
    assert [run["JobRunState"] for run in glue_jobs.runs("nightly")] == ["WAITING", "STARTING", "STARTING"]


def test_queued_runs_start_in_the_order_they_were_queued(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", JobRunQueuingEnabled=True)
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    second = glue.start_job_run(JobName="nightly")["JobRunId"]
    third = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.finish_run(first, "FAILED")

    states = {run["Id"]: run["JobRunState"] for run in glue_jobs.runs("nightly")}
    assert (states[second], states[third]) == ("STARTING", "WAITING")


# -- JobRunId: retrying an earlier run -------------------------------------------------------


def test_start_job_run_with_job_run_id_records_the_previous_run(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue_jobs.finish_run(first, "FAILED", error_message="disk full")

    retry = glue.start_job_run(JobName="nightly", JobRunId=first)["JobRunId"]

    run = glue.get_job_run(JobName="nightly", RunId=retry)["JobRun"]
    assert retry != first
    assert (run["PreviousRunId"], run["Attempt"]) == (first, 0)


def test_start_job_run_with_an_unknown_job_run_id_is_entity_not_found(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    make_job("other")
    other_run = glue.start_job_run(JobName="other")["JobRunId"]

    for unknown in ("jr_" + "0" * 64, other_run):
        with pytest.raises(glue.exceptions.EntityNotFoundException) as excinfo:
            glue.start_job_run(JobName="nightly", JobRunId=unknown)
        assert unknown in error_of(excinfo)[1]
    assert glue_jobs.runs("nightly") == []


# -- GetJobRun / GetJobRuns ------------------------------------------------------------------


def test_get_job_run_of_an_unknown_job_or_run_is_entity_not_found(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly")

    with pytest.raises(glue.exceptions.EntityNotFoundException) as excinfo:
        glue.get_job_run(JobName="ghost", RunId="jr_1")
    assert error_of(excinfo)[1] == "Job with name: ghost not found."
    with pytest.raises(glue.exceptions.EntityNotFoundException) as excinfo:
        glue.get_job_run(JobName="nightly", RunId="jr_1")
    assert "jr_1" in error_of(excinfo)[1] and "nightly" in error_of(excinfo)[1]
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_job_runs(JobName="ghost")


def test_get_job_runs_lists_newest_first(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 10})
    with freeze_time("2024-01-01") as frozen:
        started = []
        for _ in range(4):
            started.append(glue.start_job_run(JobName="nightly")["JobRunId"])
            frozen.tick(datetime.timedelta(seconds=1))

    listed = [run["Id"] for run in glue.get_job_runs(JobName="nightly")["JobRuns"]]

    assert listed == started[::-1]


def test_runs_started_in_the_same_instant_still_list_newest_first(
    glue: Any, make_job: Callable[..., Any]
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 10})
    with freeze_time("2024-01-01"):
        started = [glue.start_job_run(JobName="nightly")["JobRunId"] for _ in range(5)]

    listed = [run["Id"] for run in glue.get_job_runs(JobName="nightly")["JobRuns"]]

    assert listed == started[::-1]


def test_get_job_runs_pages_with_botocores_paginator(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 20})
    started = [glue.start_job_run(JobName="nightly")["JobRunId"] for _ in range(7)]

    pages = list(
        glue.get_paginator("get_job_runs").paginate(JobName="nightly", PaginationConfig={"PageSize": 3})
    )

    assert [len(page["JobRuns"]) for page in pages] == [3, 3, 1]
    assert [run["Id"] for page in pages for run in page["JobRuns"]] == started[::-1]


def test_get_job_runs_paging_survives_runs_started_between_pages(
    glue: Any, make_job: Callable[..., Any]
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 20})
    started = [glue.start_job_run(JobName="nightly")["JobRunId"] for _ in range(4)]

    first = glue.get_job_runs(JobName="nightly", MaxResults=2)
    glue.start_job_run(JobName="nightly")
    second = glue.get_job_runs(JobName="nightly", MaxResults=2, NextToken=first["NextToken"])

    seen = [run["Id"] for run in first["JobRuns"] + second["JobRuns"]]
    assert seen == started[::-1]
    assert "NextToken" not in second


def test_get_job_runs_default_page_is_100_and_max_results_is_1_to_200(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 1000})
    for _ in range(101):
        glue.start_job_run(JobName="nightly")

    assert len(glue.get_job_runs(JobName="nightly")["JobRuns"]) == 100
    assert len(glue.get_job_runs(JobName="nightly", MaxResults=200)["JobRuns"]) == 101
    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.get_job_runs(JobName="nightly", MaxResults=201)
    assert "MaxResults" in error_of(excinfo)[1]


def test_a_malformed_or_foreign_next_token_is_invalid_input(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("a")
    make_job("b")
    jobs_token = glue.get_jobs(MaxResults=1)["NextToken"]

    for token in ("garbage", jobs_token):
        with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
            glue.get_job_runs(JobName="a", NextToken=token)
        assert "GetJobRuns" in error_of(excinfo)[1]


def test_deleting_a_job_drops_its_runs(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue.delete_job(JobName="nightly")
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_job_run(JobName="nightly", RunId=run_id)
    make_job("nightly")

    assert glue.get_job_runs(JobName="nightly")["JobRuns"] == []
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_job_run(JobName="nightly", RunId=run_id)
    assert glue_jobs.runs() == []


def test_runs_live_in_the_region_of_the_client(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    west = boto3.client("glue", region_name="eu-west-1")
    glue_jobs.add_job("nightly", region="eu-west-1")

    assert west.get_job_runs(JobName="nightly")["JobRuns"] == []
    with pytest.raises(west.exceptions.EntityNotFoundException):
        west.get_job_run(JobName="nightly", RunId=run_id)
    assert glue_jobs.runs(region="eu-west-1") == []
    assert [run["Id"] for run in glue_jobs.runs()] == [run_id]


def test_racing_starts_never_exceed_max_concurrent_runs(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 5})
    outcomes: list[str] = []

    def start(_: int) -> None:
        try:
            glue.start_job_run(JobName="nightly")
            outcomes.append("started")
        except glue.exceptions.ConcurrentRunsExceededException:
            outcomes.append("refused")

    in_threads(start, 12)

    assert sorted(outcomes) == ["refused"] * 7 + ["started"] * 5
    assert len(glue.get_job_runs(JobName="nightly")["JobRuns"]) == 5


def test_run_operations_are_logged_and_accept_faults(glue_jobs: Any) -> None:
    client = boto3.client("glue", region_name="us-east-1")
    glue_jobs.add_job("logged")
    glue_jobs.fail("StartJobRun", "ConcurrentRunsExceededException", message="busy")
    with pytest.raises(client.exceptions.ConcurrentRunsExceededException, match="busy"):
        client.start_job_run(JobName="logged")
    run_id = client.start_job_run(JobName="logged")["JobRunId"]
    client.get_job_run(JobName="logged", RunId=run_id)
    glue_jobs.assert_called("StartJobRun", JobName="logged")
    glue_jobs.assert_called_once("GetJobRun", RunId=run_id)
    assert [call.error for call in glue_jobs.calls if call.operation == "StartJobRun"] == [
        "ConcurrentRunsExceededException",
        None,
    ]
