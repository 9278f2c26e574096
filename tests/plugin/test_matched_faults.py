"""Faults that answer only the calls a match picks; the unused-fault check of ``fake_glue_jobs()``."""

from __future__ import annotations

import threading
from typing import Any
from unittest.mock import ANY

import boto3
import pytest
from botocore.config import Config
from support import DEFINITION, error_of

from pytest_gluejobs import GlueJobs, fake_glue_jobs
from pytest_gluejobs._edge import handlers

NO_RETRIES = Config(retries={"total_max_attempts": 1})


@pytest.fixture
def once(glue_jobs: GlueJobs) -> Any:
    return boto3.client("glue", region_name="us-east-1", config=NO_RETRIES)


def test_a_dict_match_faults_only_matching_calls(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.add_job("nightly")
    glue_jobs.add_job("weekly")
    glue_jobs.fail("GetJob", "AccessDeniedException", match={"JobName": "weekly"})

    assert once.get_job(JobName="nightly")["Job"]["Name"] == "nightly"  # passes through
    with pytest.raises(once.exceptions.ClientError) as raised:
        once.get_job(JobName="weekly")
    assert error_of(raised).code == "AccessDeniedException"
    assert once.get_job(JobName="weekly")["Job"]["Name"] == "weekly"  # used up
    assert glue_jobs.unused_faults() == []


def test_nested_dicts_and_any_match_a_subset(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail(
        "CreateJob", "ResourceNumberLimitExceededException", match={"Command": {"Name": "pythonshell"}, "Role": ANY}
    )
    once.create_job(Name="spark", **DEFINITION)
    with pytest.raises(once.exceptions.ResourceNumberLimitExceededException):
        once.create_job(Name="shell", Role="r", Command={"Name": "pythonshell", "ScriptLocation": "s3://b/s.py"})
    assert list(glue_jobs.jobs()) == ["spark"]


def test_a_callable_match_sees_read_only_params(glue_jobs: GlueJobs, once: Any) -> None:
    seen: list[Any] = []

    def big_batch(params: Any) -> bool:
        seen.append(params)
        with pytest.raises(TypeError):
            params["JobNames"].append("x")
        return len(params["JobNames"]) > 2

    glue_jobs.fail("BatchGetJobs", "ThrottlingException", match=big_batch)
    once.batch_get_jobs(JobNames=["a", "b"])
    with pytest.raises(once.exceptions.ClientError):
        once.batch_get_jobs(JobNames=["a", "b", "c"])
    assert [list(params["JobNames"]) for params in seen] == [["a", "b"], ["a", "b", "c"]]


def test_faults_are_taken_in_order_among_those_that_match(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail("GetJob", "ThrottlingException", match={"JobName": "a"})
    glue_jobs.fail("GetJob", "AccessDeniedException")
    codes = []
    for name in ("b", "a"):
        with pytest.raises(once.exceptions.ClientError) as raised:
            once.get_job(JobName=name)
        codes.append(error_of(raised).code)
    assert codes == ["AccessDeniedException", "ThrottlingException"]


def test_unknown_members_are_a_value_error_listing_the_valid_ones(glue_jobs: GlueJobs) -> None:
    with pytest.raises(ValueError, match=r"'Name'.*members are JobName") as raised:
        glue_jobs.fail("GetJob", "ThrottlingException", match={"Name": "nightly"})
    assert "glue_jobs.fail('GetJob', 'ThrottlingException')" in str(raised.value)
    assert glue_jobs.unused_faults() == []


@pytest.mark.parametrize("match", ["JobName=nightly", ["JobName"], 3])
def test_a_match_of_another_kind_is_a_type_error(glue_jobs: GlueJobs, match: Any) -> None:
    with pytest.raises(TypeError, match="match must be a dict"):
        glue_jobs.fail("GetJob", "ThrottlingException", match=match)


def test_the_fault_shows_its_match() -> None:
    def is_nightly(params: Any) -> bool:
        return bool(params["JobName"] == "nightly")

    glue_jobs = GlueJobs()  # never started: its faults are only looked at
    glue_jobs.fail("GetJob", "ThrottlingException", times=2, match={"JobName": "nightly"})
    glue_jobs.fail("DeleteJob", "ThrottlingException", match=is_nightly)
    assert [str(fault) for fault in glue_jobs.unused_faults()] == [
        "glue_jobs.fail('GetJob', 'ThrottlingException', times=2, match={'JobName': 'nightly'}): used 0 of 2 times",
        "glue_jobs.fail('DeleteJob', 'ThrottlingException', times=1, "
        "match=<test_the_fault_shows_its_match.<locals>.is_nightly>): used 0 of 1 time",
    ]


def test_the_log_explains_an_injected_fault(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail("GetJob", "ThrottlingException", match={"JobName": "nightly"})
    with pytest.raises(once.exceptions.ClientError):
        once.get_job(JobName="nightly")
    (call,) = glue_jobs.calls
    assert call.explanation == (
        "injected by glue_jobs.fail('GetJob', 'ThrottlingException') for a call matching "
        "{'JobName': 'nightly'}: answer 1 of 1"
    )


# -- fake_glue_jobs() as a context manager ------------------------------------------------------


def _block_with_unused_faults() -> GlueJobs:
    with fake_glue_jobs() as fake:
        fake.fail("GetJob", "ThrottlingException", times=2)
        fake.fail("ListJobs", "ThrottlingException", required=False)
    return fake


def _block_that_raises() -> None:
    with fake_glue_jobs() as fake:
        fake.fail("GetJob", "ThrottlingException")
        raise KeyError("the block's own")


def test_the_block_fails_on_unused_required_faults() -> None:
    with pytest.raises(AssertionError) as raised:
        _block_with_unused_faults()
    assert str(raised.value).splitlines()[:2] == [
        "pytest-gluejobs: 1 expectation(s) not met by the end of the with block:",
        "  glue_jobs.fail('GetJob', 'ThrottlingException', times=2): used 0 of 2 times",
    ]
    assert not handlers.any_fake_active()  # stopped before the check raised


def test_the_blocks_own_error_propagates_alone() -> None:
    with pytest.raises(KeyError, match="the block's own") as raised:
        _block_that_raises()
    assert raised.value.__context__ is None  # no AssertionError chained or raised instead


def test_a_block_that_used_its_faults_ends_quietly() -> None:
    glue = boto3.client("glue", region_name="us-east-1", config=NO_RETRIES)
    with fake_glue_jobs() as fake:
        fake.fail("ListJobs", "ThrottlingException")
        with pytest.raises(glue.exceptions.ClientError):
            glue.list_jobs()


def in_a_thread(call: Any) -> list[Any]:
    """``call()`` on a thread of its own, so a deadlock fails the test instead of hanging it."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "the call never finished: the match deadlocked"
    return outcome


def test_a_match_may_call_glue(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.add_job("nightly", MaxRetries=0)
    glue_jobs.add_job("hourly", MaxRetries=3)

    def without_retries(params: Any) -> bool:
        return bool(once.get_job(JobName=params["JobName"])["Job"]["MaxRetries"] == 0)

    glue_jobs.fail("StartJobRun", "ThrottlingException", match=without_retries)

    assert "JobRunId" in in_a_thread(lambda: once.start_job_run(JobName="hourly"))[0]
    (throttled,) = in_a_thread(lambda: once.start_job_run(JobName="nightly"))
    assert error_of(throttled).code == "ThrottlingException"
    assert glue_jobs.unused_faults() == []


def test_a_matchs_own_call_of_the_same_operation_is_not_judged_by_it(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.add_job("nightly")
    glue_jobs.add_job("hourly")

    def when_hourly_exists(params: Any) -> bool:
        return bool(once.get_job(JobName="hourly")["Job"])  # GetJob again: answered, not faulted

    glue_jobs.fail("GetJob", "ThrottlingException", match=when_hourly_exists)

    (throttled,) = in_a_thread(lambda: once.get_job(JobName="nightly"))
    assert error_of(throttled).code == "ThrottlingException"
    assert [(call.operation, call.error) for call in glue_jobs.calls] == [("GetJob", None), ("GetJob", "ThrottlingException")]


def a_member_never_sent(params: Any) -> bool:
    return bool(params["Missing"])


def test_a_match_that_raises_is_an_error_naming_the_fault(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.add_job("nightly")
    glue_jobs.fail("GetJob", "ThrottlingException", match=a_member_never_sent, required=False)

    with pytest.raises(RuntimeError) as caught:
        once.get_job(JobName="nightly")

    assert str(caught.value) == (
        "glue_jobs.fail('GetJob', 'ThrottlingException', match=<a_member_never_sent>): the match raised "
        "KeyError: 'Missing' while judging a GetJob call with params {'JobName': 'nightly'}; "
        "nothing was answered"
    )
    assert isinstance(caught.value.__cause__, KeyError)
