"""The call log and the assertions on it, driven through real boto3 clients."""

from __future__ import annotations

import datetime
from typing import Any
from unittest.mock import ANY

import boto3
import pytest
from support import COMMAND, ROLE, in_threads, no_plugin_frames, run_inline

from pytest_gluejobs import Call, GlueJobs


def create(client: Any, name: str, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.create_job(Name=name, Role=ROLE, Command=COMMAND, **fields)
    return result


def test_every_answered_request_is_logged_in_order(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "nightly", MaxRetries=2)
    glue_client.get_job(JobName="nightly")
    with pytest.raises(glue_client.exceptions.EntityNotFoundException):
        glue_client.get_job(JobName="missing")

    calls = glue_jobs.calls
    assert [call.operation for call in calls] == ["CreateJob", "GetJob", "GetJob"]
    assert calls[0].params == {"Name": "nightly", "Role": ROLE, "Command": COMMAND, "MaxRetries": 2}
    assert calls[0].response == {"Name": "nightly"}
    assert calls[0].error is None
    assert calls[1].params == {"JobName": "nightly"}
    assert calls[2].error == "EntityNotFoundException"
    assert calls[2].response is None
    assert all(call.region == "us-east-1" for call in calls)
    assert all(isinstance(call, Call) for call in calls)


def test_response_is_what_the_caller_got(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "nightly", WorkerType="G.1X", NumberOfWorkers=4)
    got = glue_client.get_job(JobName="nightly")
    got.pop("ResponseMetadata")

    logged = glue_jobs.calls[-1].response
    assert logged == got
    assert logged is not None
    created = logged["Job"]["CreatedOn"]
    assert isinstance(created, datetime.datetime) and created.tzinfo is not None


def test_region_is_the_clients(glue_jobs: GlueJobs) -> None:
    boto3.client("glue", region_name="eu-west-1").list_jobs()
    boto3.client("glue", region_name="ap-south-1").list_jobs()
    assert [call.region for call in glue_jobs.calls] == ["eu-west-1", "ap-south-1"]


def test_params_are_read_only(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "nightly", DefaultArguments={"--day": "monday"})
    with pytest.raises(TypeError, match="read-only"):
        glue_jobs.calls[0].params["DefaultArguments"]["--day"] = "changed"
    assert glue_jobs.calls[0].params["DefaultArguments"] == {"--day": "monday"}
    assert glue_jobs.jobs()["nightly"]["DefaultArguments"] == {"--day": "monday"}


def test_seeding_is_not_a_call(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("seeded")
    assert glue_jobs.calls == []
    glue_jobs.assert_not_called()


def test_calls_is_a_snapshot(glue_jobs: GlueJobs, glue_client: Any) -> None:
    before = glue_jobs.calls
    glue_client.list_jobs()
    assert before == []
    assert len(glue_jobs.calls) == 1


def test_calls_from_many_threads_are_all_logged(glue_jobs: GlueJobs, glue_client: Any) -> None:
    def work(worker: int) -> None:
        for index in range(10):
            create(glue_client, f"job-{worker}-{index}")

    in_threads(work, 4)
    names = sorted(call.params["Name"] for call in glue_jobs.calls)
    assert names == sorted(f"job-{w}-{i}" for w in range(4) for i in range(10))


def test_repr_is_one_line_with_params_region_and_outcome(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "nightly", Description="x" * 500)
    with pytest.raises(glue_client.exceptions.AlreadyExistsException):
        create(glue_client, "nightly")
    first, second = (repr(call) for call in glue_jobs.calls)
    assert first.startswith("CreateJob(Name='nightly', ")
    assert first.endswith(" in us-east-1 -> ok")
    assert "\n" not in first and len(first) < 400
    assert second.endswith("-> AlreadyExistsException")


# -- assertions --------------------------------------------------------------------------------


def test_assert_called_matches_a_subset_of_params(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "nightly", MaxRetries=1)
    glue_jobs.assert_called("CreateJob")
    glue_jobs.assert_called("CreateJob", Name="nightly")
    glue_jobs.assert_called("CreateJob", Name="nightly", MaxRetries=1, Command=ANY)
    glue_jobs.assert_called("create_job", Name="nightly")


def test_assert_called_failure_shows_expected_and_every_call(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "nightly")
    glue_client.get_job(JobName="nightly")

    with pytest.raises(AssertionError) as failure:
        glue_jobs.assert_called("CreateJob", Name="weekly", Timeout=60)

    lines = str(failure.value).splitlines()
    assert lines[0] == (
        "Expected at least one CreateJob call with Name='weekly', Timeout=60, but none was made."
    )
    assert lines[1] == "Glue calls made (2):"
    assert lines[2].startswith("  1. CreateJob(Name='nightly', ")
    assert lines[2].endswith("-> ok  [Name was 'nightly'; Timeout not sent]")
    assert lines[3] == "  2. GetJob(JobName='nightly') in us-east-1 -> ok"
    assert len(lines) == 4


def test_assert_called_with_no_calls_says_so(glue_jobs: GlueJobs) -> None:
    with pytest.raises(AssertionError, match=r"(?s)none was made\.\nNo Glue calls were made\.$"):
        glue_jobs.assert_called("GetJobs")


def test_assert_called_once(glue_jobs: GlueJobs, glue_client: Any) -> None:
    create(glue_client, "a")
    create(glue_client, "b")
    glue_jobs.assert_called_once("CreateJob", Name="a")
    with pytest.raises(AssertionError, match=r"Expected exactly one CreateJob call, but 2 were made"):
        glue_jobs.assert_called_once("CreateJob")
    with pytest.raises(AssertionError, match=r"exactly one GetJob call, but 0 were made"):
        glue_jobs.assert_called_once("GetJob")


def test_retries_of_one_call_count_once(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.fail("ListJobs", "ThrottlingException")
    glue_client.list_jobs()
    assert [call.attempt for call in glue_jobs.calls] == [1, 2]
    glue_jobs.assert_called_once("ListJobs")
    glue_client.list_jobs()
    with pytest.raises(AssertionError) as failure:
        glue_jobs.assert_called_once("ListJobs")
    assert str(failure.value).splitlines() == [
        "Expected exactly one ListJobs call, but 2 were made.",
        "Glue calls made (2, in 3 attempts):",
        "  1. ListJobs() in us-east-1 -> ThrottlingException, ok (attempts 1-2)",
        "  2. ListJobs() in us-east-1 -> ok",
    ]


def test_assert_not_called(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.assert_not_called()
    glue_client.list_jobs()
    glue_jobs.assert_not_called("DeleteJob")
    with pytest.raises(AssertionError) as failure:
        glue_jobs.assert_not_called()
    assert str(failure.value).splitlines() == [
        "Expected no Glue call at all, but 1 was made.",
        "Glue calls made (1):",
        "  1. ListJobs() in us-east-1 -> ok",
    ]
    with pytest.raises(AssertionError, match="Expected no ListJobs call, but 1 was made"):
        glue_jobs.assert_not_called("list_jobs")


@pytest.mark.parametrize("operation", ["CreateJobs", "GetDatabases", "createjob", ""])
def test_unknown_operations_are_refused_not_silently_passed(glue_jobs: GlueJobs, operation: str) -> None:
    # assert_not_called("CreateJobs") would otherwise pass forever: a test that cannot fail.
    for check in (glue_jobs.assert_called, glue_jobs.assert_called_once, glue_jobs.assert_not_called):
        with pytest.raises(ValueError, match="is not a faked Glue operation; use one of CreateJob"):
            check(operation)


def test_any_matches_only_params_that_were_sent(glue_jobs: GlueJobs) -> None:
    from unittest.mock import ANY

    client = boto3.client("glue", region_name="us-east-1")
    client.batch_get_jobs(JobNames=["a", "b"])
    glue_jobs.assert_called("BatchGetJobs", JobNames=ANY)
    glue_jobs.assert_called("BatchGetJobs", JobNames=("a", "b"))
    client.list_jobs()
    with pytest.raises(AssertionError, match="MaxResults not sent"):
        glue_jobs.assert_called("ListJobs", MaxResults=ANY)


# -- as a user sees it, in a pytest run -------------------------------------------------------


def test_assertion_failure_hides_plugin_frames(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_expects_a_create(glue_jobs, glue_client):
            glue_client.list_jobs()
            glue_jobs.assert_called_once("CreateJob", Name="nightly")
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            ">       glue_jobs.assert_called_once(\"CreateJob\", Name=\"nightly\")",
            "E       AssertionError: Expected exactly one CreateJob call with Name='nightly', but 0 were made.",
            "E       Glue calls made (1):",
            "E         1. ListJobs() in us-east-1 -> ok",
        ]
    )
    no_plugin_frames(result.stdout.str())
