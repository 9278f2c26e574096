"""How runs move: scripts, finish_run, runs(), timeouts by the wall clock, retries, BatchStopJobRun."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from support import UTC, error_of, freeze_time, run_states, told, travel

from pytest_gluejobs import GlueJobs

# -- scripts ---------------------------------------------------------------------------------


def test_the_default_script_runs_then_succeeds(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(glue, "nightly", run_id, 4) == ["RUNNING", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]
    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert run["CompletedOn"] >= run["StartedOn"]
    assert "ErrorMessage" not in run


def test_a_script_shows_its_states_on_successive_reads_the_last_sticking(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    glue_jobs.run_states("nightly", "STARTING", "RUNNING", "RUNNING", "FAILED", error_message="OOM on executor 3")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(glue, "nightly", run_id, 6) == ["STARTING", "RUNNING", "RUNNING", "FAILED", "FAILED", "FAILED"]
    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert run["ErrorMessage"] == "OOM on executor 3"
    assert "CompletedOn" in run


def test_each_run_counts_its_own_reads(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
    glue_jobs.run_states("nightly", "RUNNING", "SUCCEEDED")
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    second = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(glue, "nightly", first, 2) == ["RUNNING", "SUCCEEDED"]
    assert run_states(glue, "nightly", second, 2) == ["RUNNING", "SUCCEEDED"]


def test_get_job_runs_reads_the_runs_it_returns(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
    glue_jobs.run_states("nightly", "RUNNING", "SUCCEEDED")
    older = glue.start_job_run(JobName="nightly")["JobRunId"]
    newer = glue.start_job_run(JobName="nightly")["JobRunId"]

    first = glue.get_job_runs(JobName="nightly", MaxResults=1)["JobRuns"]
    second = glue.get_job_runs(JobName="nightly")["JobRuns"]

    assert [(run["Id"], run["JobRunState"]) for run in first] == [(newer, "RUNNING")]
    assert [(run["Id"], run["JobRunState"]) for run in second] == [(newer, "SUCCEEDED"), (older, "RUNNING")]


def test_a_script_set_after_the_run_started_applies_to_it(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.run_states("nightly", "ERROR", error_message="trigger ran a deleted job")

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run["ErrorMessage"]) == ("ERROR", "trigger ran a deleted job")


def test_a_finished_run_stays_finished_when_the_script_changes(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    glue_jobs.run_states("nightly", "SUCCEEDED")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    assert run_states(glue, "nightly", run_id, 1) == ["SUCCEEDED"]

    glue_jobs.run_states("nightly", "FAILED", required=False)  # no run follows them

    assert run_states(glue, "nightly", run_id, 2) == ["SUCCEEDED", "SUCCEEDED"]


def test_a_script_failed_without_a_message_still_reports_one(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    glue_jobs.run_states("nightly", "FAILED")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert "FAILED" in glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]["ErrorMessage"]


@pytest.mark.parametrize(
    ("states_", "kwargs", "expected"),
    [
        ((), {}, "give at least one state"),
        (("RUNNING", "DONE"), {}, "'DONE' is not a job run state"),
        (("WAITING", "SUCCEEDED"), {}, "WAITING cannot be scripted"),
        (("FAILED", "RUNNING"), {}, "would never show"),
        (("RUNNING", "SUCCEEDED"), {"error_message": "x"}, "this script ends SUCCEEDED"),
        (("RUNNING",), {"error_message": "x"}, "this script ends RUNNING"),
        (("FAILED",), {"error_message": 3}, "error_message must be a string"),
    ],
)
def test_run_states_rejects_states_that_cannot_be_meant(
    glue_jobs: GlueJobs, states_: tuple[str, ...], kwargs: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ValueError, match="run_states") as excinfo:
        glue_jobs.run_states("nightly", *states_, **kwargs)

    assert expected in str(excinfo.value)


def test_scripts_apply_in_every_region(glue_jobs: GlueJobs) -> None:
    import boto3

    glue_jobs.add_job("nightly", region="eu-west-1")
    glue_jobs.run_states("nightly", "TIMEOUT")
    west = boto3.client("glue", region_name="eu-west-1")
    run_id = west.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(west, "nightly", run_id, 1) == ["TIMEOUT"]


# -- runs() and finish_run() -----------------------------------------------------------------


def test_runs_looks_without_reading(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", Tags={"team": "data"})
    glue_jobs.run_states("nightly", "RUNNING", "SUCCEEDED")
    run_id = glue.start_job_run(JobName="nightly", Arguments={"--a": "1"})["JobRunId"]

    looked = glue_jobs.runs("nightly")
    looked_again = glue_jobs.runs()

    assert [run["JobRunState"] for run in looked] == ["STARTING"]
    assert looked == looked_again
    assert run_states(glue, "nightly", run_id, 1) == ["RUNNING"]
    as_wire = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert glue_jobs.runs("nightly")[0] == as_wire
    assert isinstance(looked[0]["StartedOn"], datetime.datetime)


def test_runs_of_every_job_list_newest_first(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("a")
    make_job("b")
    first = glue.start_job_run(JobName="b")["JobRunId"]
    second = glue.start_job_run(JobName="a")["JobRunId"]

    assert [run["Id"] for run in glue_jobs.runs()] == [second, first]
    assert [run["Id"] for run in glue_jobs.runs("b")] == [first]
    assert glue_jobs.runs("nobody") == []


def test_runs_are_copies(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly", Arguments={"--a": "1"})["JobRunId"]

    glue_jobs.runs("nightly")[0]["Arguments"]["--a"] = "changed"

    assert glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]["Arguments"] == {"--a": "1"}


def test_finish_run_settles_a_run_now(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    glue_jobs.run_states("nightly", "RUNNING")
    with freeze_time("2024-05-01 08:00:00") as frozen:
        run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
        frozen.tick(datetime.timedelta(seconds=90))
        glue_jobs.finish_run(run_id, "FAILED", error_message="bad input file")
        frozen.tick(datetime.timedelta(seconds=90))
        run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]

    assert run["JobRunState"] == "FAILED"
    assert run["ErrorMessage"] == "bad input file"
    assert run["CompletedOn"] == datetime.datetime(2024, 5, 1, 8, 1, 30, tzinfo=UTC)
    assert run["ExecutionTime"] == 90


def test_finish_run_refuses_what_it_cannot_do(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    with pytest.raises(ValueError, match="a run finishes in one of"):
        glue_jobs.finish_run(run_id, "RUNNING")
    with pytest.raises(ValueError, match="a SUCCEEDED run has none"):
        glue_jobs.finish_run(run_id, "SUCCEEDED", error_message="oops")
    with pytest.raises(ValueError, match=f"no job run has id 'jr_nope'; the runs are: {run_id}"):
        glue_jobs.finish_run("jr_nope", "SUCCEEDED")
    glue_jobs.finish_run(run_id, "STOPPED")
    with pytest.raises(ValueError, match="already finished STOPPED"):
        glue_jobs.finish_run(run_id, "SUCCEEDED")


def test_finish_run_finds_runs_in_any_region(glue_jobs: GlueJobs) -> None:
    import boto3

    glue_jobs.add_job("nightly", region="ap-southeast-2")
    sydney = boto3.client("glue", region_name="ap-southeast-2")
    run_id = sydney.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.finish_run(run_id, "EXPIRED")

    assert glue_jobs.runs(region="ap-southeast-2")[0]["JobRunState"] == "EXPIRED"


# -- timeouts by the wall clock --------------------------------------------------------------


def test_a_run_still_going_after_its_timeout_reads_as_timeout(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", Timeout=60)
    glue_jobs.run_states("nightly", "RUNNING")
    with freeze_time("2024-01-01 00:00:00") as frozen:
        run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
        frozen.tick(datetime.timedelta(minutes=59, seconds=59))
        before = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
        frozen.tick(datetime.timedelta(seconds=1))
        after = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
        frozen.tick(datetime.timedelta(seconds=3600))
        later = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]

    assert before["JobRunState"] == "RUNNING"
    assert after["JobRunState"] == "TIMEOUT"
    assert after["CompletedOn"] == datetime.datetime(2024, 1, 1, 1, 0, tzinfo=UTC)
    assert after["ExecutionTime"] == 3600
    assert "60 minutes" in after["ErrorMessage"]
    assert later == after


def test_the_run_timeout_overrides_the_jobs_and_timeout_wins_over_a_later_script_state(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", Timeout=600)
    with travel(datetime.datetime(2024, 1, 1, tzinfo=UTC), tick=False) as traveller:
        run_id = glue.start_job_run(JobName="nightly", Timeout=5)["JobRunId"]
        traveller.shift(datetime.timedelta(minutes=5))
        run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]

    # The default script would have said RUNNING on this first read; the clock said TIMEOUT first.
    assert run["JobRunState"] == "TIMEOUT"
    assert run["Timeout"] == 5


def test_a_timed_out_run_frees_its_slot(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", Timeout=1)
    with freeze_time("2024-01-01") as frozen:
        glue.start_job_run(JobName="nightly")
        frozen.tick(datetime.timedelta(seconds=61))
        assert glue.start_job_run(JobName="nightly")["JobRunId"]
        assert [run["JobRunState"] for run in glue_jobs.runs("nightly")] == ["STARTING", "TIMEOUT"]


def test_a_queued_runs_timeout_starts_when_it_leaves_the_queue(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", Timeout=10, JobRunQueuingEnabled=True)
    glue_jobs.run_states("nightly", "RUNNING")
    with freeze_time("2024-01-01 00:00:00") as frozen:
        first = glue.start_job_run(JobName="nightly")["JobRunId"]
        queued = glue.start_job_run(JobName="nightly")["JobRunId"]
        frozen.tick(datetime.timedelta(minutes=8))
        glue_jobs.finish_run(first, "SUCCEEDED")
        frozen.tick(datetime.timedelta(minutes=9))
        running = glue.get_job_run(JobName="nightly", RunId=queued)["JobRun"]
        frozen.tick(datetime.timedelta(minutes=1))
        timed_out = glue.get_job_run(JobName="nightly", RunId=queued)["JobRun"]

    assert (running["JobRunState"], running["ExecutionTime"]) == ("RUNNING", 540)
    assert running["StartedOn"] == datetime.datetime(2024, 1, 1, tzinfo=UTC)
    assert timed_out["JobRunState"] == "TIMEOUT"
    assert timed_out["CompletedOn"] == datetime.datetime(2024, 1, 1, 0, 18, tzinfo=UTC)


# -- retries: attempt runs -------------------------------------------------------------------


def test_a_failed_run_is_followed_by_attempt_runs_up_to_max_retries(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", MaxRetries=2)
    glue_jobs.run_states("nightly", "RUNNING", "FAILED", error_message="boom")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(glue, "nightly", run_id, 2) == ["RUNNING", "FAILED"]
    first_retry = f"{run_id}_attempt_1"
    assert run_states(glue, "nightly", first_retry, 2) == ["RUNNING", "FAILED"]
    second_retry = f"{run_id}_attempt_2"
    assert run_states(glue, "nightly", second_retry, 2) == ["RUNNING", "FAILED"]

    runs = glue.get_job_runs(JobName="nightly")["JobRuns"]
    assert [(run["Id"], run["Attempt"], run.get("PreviousRunId")) for run in runs] == [
        (second_retry, 2, first_retry),
        (first_retry, 1, run_id),
        (run_id, 0, None),
    ]
    assert all(run["ErrorMessage"] == "boom" for run in runs)
    assert runs[1]["StartedOn"] == runs[2]["CompletedOn"]


def test_a_retry_can_succeed(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", MaxRetries=3)
    glue_jobs.run_states("nightly", "RUNNING")
    run_id = glue.start_job_run(JobName="nightly", Arguments={"--day": "mon"})["JobRunId"]

    glue_jobs.finish_run(run_id, "FAILED")
    glue_jobs.finish_run(f"{run_id}_attempt_1", "SUCCEEDED")

    runs = glue_jobs.runs("nightly")
    assert [(run["Id"], run["JobRunState"]) for run in runs] == [
        (f"{run_id}_attempt_1", "SUCCEEDED"),
        (run_id, "FAILED"),
    ]
    assert runs[0]["Arguments"] == {"--day": "mon"}


@pytest.mark.parametrize("ending", ["TIMEOUT", "STOPPED", "ERROR", "SUCCEEDED"])
def test_only_failed_runs_are_retried(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs, ending: str
) -> None:
    make_job("nightly", MaxRetries=2)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.finish_run(run_id, ending)

    assert [run["Id"] for run in glue_jobs.runs("nightly")] == [run_id]


def test_no_retries_without_max_retries(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.finish_run(run_id, "FAILED")

    assert [run["Id"] for run in glue_jobs.runs("nightly")] == [run_id]


# -- BatchStopJobRun -------------------------------------------------------------------------


def test_batch_stop_job_run_stops_running_runs_through_stopping(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
    glue_jobs.run_states("nightly", "RUNNING")
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    second = glue.start_job_run(JobName="nightly")["JobRunId"]

    response = glue.batch_stop_job_run(JobName="nightly", JobRunIds=[first, second, first])

    assert response["SuccessfulSubmissions"] == [
        {"JobName": "nightly", "JobRunId": first},
        {"JobName": "nightly", "JobRunId": second},
    ]
    assert response["Errors"] == []
    assert run_states(glue, "nightly", first, 3) == ["STOPPING", "STOPPED", "STOPPED"]
    stopped = glue.get_job_run(JobName="nightly", RunId=first)["JobRun"]
    assert "CompletedOn" in stopped and "ErrorMessage" not in stopped


def test_batch_stop_job_run_reports_unknown_and_finished_runs_as_errors(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
    done = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue_jobs.finish_run(done, "SUCCEEDED")
    going = glue.start_job_run(JobName="nightly")["JobRunId"]

    response = glue.batch_stop_job_run(JobName="nightly", JobRunIds=[done, "jr_unknown", going])

    assert response["SuccessfulSubmissions"] == [{"JobName": "nightly", "JobRunId": going}]
    errors = {error["JobRunId"]: error for error in response["Errors"]}
    assert set(errors) == {done, "jr_unknown"}
    assert errors[done]["JobName"] == "nightly"
    assert errors[done]["ErrorDetail"]["ErrorCode"] == "InvalidInputException"
    assert "already SUCCEEDED" in errors[done]["ErrorDetail"]["ErrorMessage"]
    assert errors["jr_unknown"]["ErrorDetail"]["ErrorCode"] == "EntityNotFoundException"
    assert glue_jobs.runs("nightly")[1]["JobRunState"] == "SUCCEEDED"


def test_batch_stop_job_run_of_an_unknown_job_reports_each_run(glue: Any) -> None:
    response = glue.batch_stop_job_run(JobName="ghost", JobRunIds=["jr_1", "jr_2"])

    assert response["SuccessfulSubmissions"] == []
    assert [(error["JobRunId"], error["ErrorDetail"]["ErrorCode"]) for error in response["Errors"]] == [
        ("jr_1", "EntityNotFoundException"),
        ("jr_2", "EntityNotFoundException"),
    ]
    assert "Job with name: ghost not found" in response["Errors"][0]["ErrorDetail"]["ErrorMessage"]


def test_batch_stop_job_run_takes_at_most_25_ids(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly")

    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.batch_stop_job_run(JobName="nightly", JobRunIds=[f"jr_{n}" for n in range(26)])

    assert "at most 25 items, got 26" in error_of(excinfo).message
    assert len(glue.batch_stop_job_run(JobName="nightly", JobRunIds=[f"jr_{n}" for n in range(25)])["Errors"]) == 25


def test_stopping_a_queued_run_stops_it_at_once(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", JobRunQueuingEnabled=True)
    glue.start_job_run(JobName="nightly")
    queued = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue.batch_stop_job_run(JobName="nightly", JobRunIds=[queued])

    run = glue.get_job_run(JobName="nightly", RunId=queued)["JobRun"]
    assert (run["JobRunState"], run["ExecutionTime"]) == ("STOPPED", 0)


def test_a_retry_of_a_queued_run_waits_for_a_free_slot(glue_jobs: GlueJobs) -> None:
    client = boto3.client("glue", region_name="us-east-1")
    glue_jobs.add_job("queued", MaxRetries=1, JobRunQueuingEnabled=True)
    glue_jobs.run_states("queued", "RUNNING")
    first = client.start_job_run(JobName="queued")["JobRunId"]
    second = client.start_job_run(JobName="queued")["JobRunId"]

    glue_jobs.finish_run(second, "FAILED")

    states = {run["Id"]: run["JobRunState"] for run in glue_jobs.runs("queued")}
    assert states == {first: "STARTING", second: "FAILED", f"{second}_attempt_1": "WAITING"}
    glue_jobs.finish_run(first, "SUCCEEDED")
    assert glue_jobs.runs("queued")[0]["JobRunState"] == "STARTING"


def test_a_new_script_starts_over_for_runs_already_read(glue_jobs: GlueJobs) -> None:
    client = boto3.client("glue", region_name="us-east-1")
    glue_jobs.add_job("rescripted")
    glue_jobs.run_states("rescripted", "RUNNING")
    run_id = client.start_job_run(JobName="rescripted")["JobRunId"]
    for _ in range(3):
        client.get_job_run(JobName="rescripted", RunId=run_id)

    glue_jobs.run_states("rescripted", "RUNNING", "SUCCEEDED")

    states = [
        client.get_job_run(JobName="rescripted", RunId=run_id)["JobRun"]["JobRunState"] for _ in range(2)
    ]
    assert states == ["RUNNING", "SUCCEEDED"]


def test_a_partial_capacity_override_names_the_jobs_capacity(glue_jobs: GlueJobs) -> None:
    client = boto3.client("glue", region_name="us-east-1")
    glue_jobs.add_job("workers", GlueVersion="3.0", WorkerType="G.1X", NumberOfWorkers=10)
    with pytest.raises(client.exceptions.InvalidInputException) as raised:
        client.start_job_run(JobName="workers", NumberOfWorkers=5)
    message = told(glue_jobs, raised)
    assert "Please set both Worker Type and Number of Workers" in message
    assert "'WorkerType': 'G.1X'" in message and "as a whole" in message


def test_batch_stop_of_an_unknown_job_uses_the_usual_not_found_words(glue_jobs: GlueJobs) -> None:
    client = boto3.client("glue", region_name="us-east-1")
    errors = client.batch_stop_job_run(JobName="nope", JobRunIds=["jr_1"])["Errors"]
    assert errors[0]["ErrorDetail"]["ErrorMessage"] == "Job with name: nope not found."
