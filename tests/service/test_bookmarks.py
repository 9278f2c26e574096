"""GetJobBookmark and ResetJobBookmark: what successful runs with bookmarks enabled record."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.config import Config
from support import error_of, run_states

from pytest_gluejobs import OPERATIONS, GlueJobs

ENABLE = {"--job-bookmark-option": "job-bookmark-enable"}


def finish(glue: Any, job: str, run_id: str) -> None:
    """Read a run until its script settles it (the default script: RUNNING, then SUCCEEDED)."""
    run_states(glue, job, run_id, 2)


def succeed(glue: Any, job: str, **start: Any) -> str:
    run_id: str = glue.start_job_run(JobName=job, **start)["JobRunId"]
    finish(glue, job, run_id)
    return run_id


def test_the_bookmark_operations_are_faked() -> None:
    assert {"GetJobBookmark", "ResetJobBookmark"} <= set(OPERATIONS)


# -- what creates and moves a bookmark ---------------------------------------------------------


def test_a_job_has_no_bookmark_before_its_first_successful_run(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    glue.start_job_run(JobName="nightly")  # started, never read: not finished

    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.get_job_bookmark(JobName="nightly")

    assert error_of(caught) == ("EntityNotFoundException", "Continuation for job nightly not found")
    assert glue_jobs.bookmark("nightly") is None


def test_a_successful_run_with_bookmarks_enabled_records_an_entry(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)

    run_id = succeed(glue, "nightly")

    entry = glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]
    assert entry == {
        "JobName": "nightly",
        "Version": 1,
        "Run": 1,
        "Attempt": 0,
        "RunId": run_id,
        "JobBookmark": "{}",
    }
    assert json.loads(entry["JobBookmark"]) == {}
    assert glue_jobs.bookmark("nightly") == entry


def test_each_successful_run_moves_the_bookmark_on(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    first = succeed(glue, "nightly")

    second = succeed(glue, "nightly")

    entry = glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]
    assert (entry["Version"], entry["Run"], entry["RunId"], entry["PreviousRunId"]) == (2, 2, second, first)


def test_a_scripted_run_that_succeeds_creates_the_entry(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    glue_jobs.run_states("nightly", "RUNNING", "RUNNING", "SUCCEEDED")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    states = run_states(glue, "nightly", run_id, 3)

    assert states == ["RUNNING", "RUNNING", "SUCCEEDED"]
    assert glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]["RunId"] == run_id


def test_finish_run_succeeded_records_the_entry_too(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.finish_run(run_id, "SUCCEEDED")

    assert glue_jobs.bookmark("nightly")["RunId"] == run_id  # type: ignore[index]


@pytest.mark.parametrize("state", ["FAILED", "STOPPED", "TIMEOUT", "ERROR"])
def test_a_run_that_does_not_succeed_leaves_the_bookmark_alone(glue_jobs: GlueJobs, glue: Any, state: str) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    first = succeed(glue, "nightly")
    glue_jobs.run_states("nightly", "RUNNING", state)

    failed = glue.start_job_run(JobName="nightly")["JobRunId"]
    finish(glue, "nightly", failed)

    assert glue_jobs.bookmark("nightly") == glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]
    assert glue_jobs.bookmark("nightly")["RunId"] == first  # type: ignore[index]


def test_a_retry_that_succeeds_records_its_attempt(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE, MaxRetries=1)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue_jobs.finish_run(run_id, "FAILED")
    [retry] = [run for run in glue_jobs.runs("nightly") if run["Attempt"] == 1]

    glue_jobs.finish_run(retry["Id"], "SUCCEEDED")

    entry = glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]
    assert (entry["Run"], entry["Attempt"], entry["RunId"]) == (1, 1, f"{run_id}_attempt_1")


@pytest.mark.parametrize(
    ("definition", "arguments", "kept"),
    [
        ({"DefaultArguments": ENABLE}, None, True),
        ({}, ENABLE, True),
        ({"DefaultArguments": ENABLE}, {"--job-bookmark-option": "job-bookmark-disable"}, False),
        ({"DefaultArguments": ENABLE}, {"--job-bookmark-option": "job-bookmark-pause"}, False),
        ({"DefaultArguments": {"--job-bookmark-option": "job-bookmark-disable"}}, ENABLE, True),
        ({"NonOverridableArguments": ENABLE}, {"--job-bookmark-option": "job-bookmark-disable"}, True),
        ({"NonOverridableArguments": {"--job-bookmark-option": "job-bookmark-pause"}}, ENABLE, False),
        ({}, None, False),
        ({"DefaultArguments": {"--job-bookmark-option": "Job-Bookmark-Enable"}}, None, False),
    ],
    ids=["default", "run", "run-disables", "run-pauses", "run-enables", "non-overridable-wins",
         "non-overridable-pause", "none", "case-sensitive"],
)
def test_the_effective_arguments_decide(
    glue_jobs: GlueJobs, glue: Any, definition: dict[str, Any], arguments: dict[str, str] | None, kept: bool
) -> None:
    glue_jobs.add_job("nightly", **definition)

    succeed(glue, "nightly", **({"Arguments": arguments} if arguments else {}))

    assert (glue_jobs.bookmark("nightly") is not None) == kept


def test_the_arguments_when_the_run_started_count(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue.update_job(JobName="nightly", JobUpdate={"Role": "r", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/n.py"}})

    finish(glue, "nightly", run_id)

    assert glue_jobs.bookmark("nightly")["RunId"] == run_id  # type: ignore[index]


def test_deleting_the_job_deletes_its_bookmark(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    succeed(glue, "nightly")

    glue.delete_job(JobName="nightly")
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)

    with pytest.raises(glue.exceptions.EntityNotFoundException, match="Continuation for job nightly not found"):
        glue.get_job_bookmark(JobName="nightly")


def test_bookmarks_are_per_region(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE, region="eu-west-1")
    succeed(glue, "nightly")

    assert glue_jobs.bookmark("nightly", region="eu-west-1") is None
    assert glue_jobs.bookmark("ghost") is None
    with pytest.raises(ValueError, match="not a valid region name"):
        glue_jobs.bookmark("nightly", region="not a region")


# -- GetJobBookmark with a RunId ---------------------------------------------------------------


def test_get_with_a_run_id_returns_the_entry_that_run_left(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    first = succeed(glue, "nightly")
    succeed(glue, "nightly")

    entry = glue.get_job_bookmark(JobName="nightly", RunId=first)["JobBookmarkEntry"]

    assert (entry["Version"], entry["Run"], entry["RunId"]) == (1, 1, first)


def test_get_with_a_run_that_left_no_entry_says_why(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    succeed(glue, "nightly")
    running = glue.start_job_run(JobName="nightly")["JobRunId"]

    with pytest.raises(glue.exceptions.EntityNotFoundException) as left_none:
        glue.get_job_bookmark(JobName="nightly", RunId=running)
    with pytest.raises(glue.exceptions.EntityNotFoundException) as unknown:
        glue.get_job_bookmark(JobName="nightly", RunId="jr_0")

    assert error_of(left_none).message == (
        f"Job run {running} of job nightly left no bookmark entry: it is STARTING, and only a run "
        "that SUCCEEDED with --job-bookmark-option job-bookmark-enable records one."
    )
    assert error_of(unknown).message == "Job run jr_0 of job nightly not found."


# -- ResetJobBookmark --------------------------------------------------------------------------


def test_reset_returns_the_reset_entry_and_get_shows_it(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    succeed(glue, "nightly")
    succeed(glue, "nightly")

    reset = glue.reset_job_bookmark(JobName="nightly")["JobBookmarkEntry"]

    assert reset == {"JobName": "nightly", "Version": 3, "Run": 0, "Attempt": 0, "JobBookmark": "{}"}
    assert glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"] == reset


def test_the_run_after_a_reset_starts_counting_again(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    succeed(glue, "nightly")
    glue.reset_job_bookmark(JobName="nightly")

    after = succeed(glue, "nightly")

    entry = glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]
    assert (entry["Version"], entry["Run"], entry["RunId"]) == (3, 1, after)
    assert "PreviousRunId" not in entry


def test_reset_with_a_run_id_rewinds_to_that_run(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    first = succeed(glue, "nightly")
    succeed(glue, "nightly")
    succeed(glue, "nightly")

    rewound = glue.reset_job_bookmark(JobName="nightly", RunId=first)["JobBookmarkEntry"]

    assert (rewound["Version"], rewound["Run"], rewound["RunId"]) == (4, 1, first)
    assert glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"] == rewound
    after = succeed(glue, "nightly")
    entry = glue.get_job_bookmark(JobName="nightly")["JobBookmarkEntry"]
    assert (entry["Version"], entry["Run"], entry["PreviousRunId"], entry["RunId"]) == (5, 2, first, after)


def test_reset_of_a_job_without_a_bookmark_is_entity_not_found(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly")

    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.reset_job_bookmark(JobName="nightly")

    assert error_of(caught).message == "Continuation for job nightly not found"


def test_reset_to_a_run_that_left_no_entry_changes_nothing(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    succeed(glue, "nightly")
    before = glue_jobs.bookmark("nightly")

    with pytest.raises(glue.exceptions.EntityNotFoundException, match="Job run jr_0 of job nightly not found"):
        glue.reset_job_bookmark(JobName="nightly", RunId="jr_0")

    assert glue_jobs.bookmark("nightly") == before


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get_job_bookmark", "reset_job_bookmark"])
def test_an_unknown_job_is_entity_not_found(glue: Any, method: str) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        getattr(glue, method)(JobName="ghost")

    assert error_of(caught) == ("EntityNotFoundException", "Job with name: ghost not found.")


@pytest.mark.parametrize("method", ["get_job_bookmark", "reset_job_bookmark"])
@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ({"JobName": "x" * 256}, "at 'JobName' failed to satisfy constraint: Member must have length less than or equal to 255"),
        ({"JobName": "two\nlines"}, "at 'JobName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
        ({"JobName": ""}, "at 'JobName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        ({"JobName": "nightly", "RunId": "r" * 256}, "at 'RunId' failed to satisfy constraint: Member must have length less than or equal to 255"),
        ({"JobName": "nightly", "RunId": ""}, "at 'RunId' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    ],
    ids=["name-too-long", "name-two-lines", "name-empty", "run-too-long", "run-empty"],
)
def test_names_and_run_ids_keep_to_their_constraints(
    glue_jobs: GlueJobs, glue: Any, method: str, params: dict[str, Any], complaint: str
) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    succeed(glue, "nightly")

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        getattr(glue, method)(**params)

    message = error_of(caught).message
    assert complaint in message
    assert message.startswith("Job " if params["JobName"] else "1 validation error detected")


@pytest.mark.parametrize("method", ["get_job_bookmark", "reset_job_bookmark"])
def test_wrong_types_are_refused_even_without_botocore_validation(glue_jobs: GlueJobs, method: str) -> None:
    import boto3

    unchecked = boto3.client("glue", region_name="us-east-1", config=Config(parameter_validation=False))
    glue_jobs.add_job("nightly")

    for params in ({"JobName": 5}, {}, {"JobName": "nightly", "RunId": ["jr_1"]}):
        with pytest.raises(unchecked.exceptions.InvalidInputException):
            getattr(unchecked, method)(**params)


def test_bookmark_calls_are_logged_and_accept_faults(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", DefaultArguments=ENABLE)
    glue_jobs.fail("GetJobBookmark", "OperationTimeoutException", message="slow")
    glue_jobs.fail("reset_job_bookmark", "InternalServiceException", times=5, required=False)

    with pytest.raises(glue.exceptions.OperationTimeoutException, match="slow"):
        glue.get_job_bookmark(JobName="nightly")
    with pytest.raises(glue.exceptions.InternalServiceException):
        glue.reset_job_bookmark(JobName="nightly")

    glue_jobs.assert_called_once("GetJobBookmark", JobName="nightly")
    glue_jobs.assert_called("ResetJobBookmark", JobName="nightly")
    with pytest.raises(ValueError, match="is not an error GetJobBookmark can answer"):
        glue_jobs.fail("GetJobBookmark", "ConcurrentRunsExceededException")
