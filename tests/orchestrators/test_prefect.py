"""Prefect recipe: GlueJobBlock and GlueJobRun (prefect-aws) against the fake. Described in
docs/recipes/prefect.md.

The block is used as a flow's task would use it, without a Prefect server: ``trigger`` is a
coroutine, run here with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Callable
from types import ModuleType

import pytest

# Prefect writes under PREFECT_HOME (default ~/.prefect) as soon as it is imported.
# One folder, reused by every run.
os.environ.setdefault("PREFECT_HOME", os.path.join(tempfile.gettempdir(), "pytest-gluejobs-prefect-home"))
pytest.importorskip(
    "prefect_aws.glue_job",
    reason="the Prefect recipe needs prefect-aws: pip install 'pytest-gluejobs[prefect]'",
)

from botocore.exceptions import ParamValidationError
from prefect_aws import AwsCredentials
from prefect_aws import glue_job as prefect_glue_module
from prefect_aws.glue_job import GlueJobBlock, GlueJobRun

from pytest_gluejobs import EndlessPollingError, GlueJobs

REGION = "us-east-1"


@pytest.fixture
def naps(poll_sleeps: Callable[[ModuleType], list[float]]) -> list[float]:
    """GlueJobRun.wait_for_completion's sleeps, each moving the frozen clock instead of waiting."""
    return poll_sleeps(prefect_glue_module)


def block(**fields: object) -> GlueJobBlock:
    fields.setdefault("arguments", {"--day": "2024-01-01"})
    return GlueJobBlock(job_name="nightly", aws_credentials=AwsCredentials(region_name=REGION), **fields)


def start(glue_job: GlueJobBlock) -> GlueJobRun:
    run = asyncio.run(glue_job.trigger())
    # trigger() does not hand its Glue client to the GlueJobRun it returns.
    run.client = glue_job._get_client()
    return run


@pytest.mark.glue_job("nightly")
def test_waits_for_a_successful_run(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "STARTING", "RUNNING", "SUCCEEDED")

    run = start(block())
    run.wait_for_completion()

    assert asyncio.run(run.fetch_result()) == "SUCCEEDED"
    glue_jobs.assert_called_once("StartJobRun", JobName="nightly", Arguments={"--day": "2024-01-01"})
    glue_jobs.assert_called("GetJobRun", JobName="nightly", RunId=run.job_id)
    assert naps == [60, 60]  # job_watch_poll_interval, at no cost


@pytest.mark.glue_job("nightly")
def test_a_failed_run_raises_its_error_message(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "FAILED", error_message="Out of memory")

    with pytest.raises(RuntimeError, match=r"^Out of memory$"):
        start(block()).wait_for_completion()


@pytest.mark.glue_job("nightly", Timeout=2)
def test_a_timed_out_run_raises(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "RUNNING")  # never finishes: the 2-minute Timeout ends it

    with pytest.raises(RuntimeError) as raised:
        start(block()).wait_for_completion()

    assert str(raised.value) == glue_jobs.runs("nightly")[0]["ErrorMessage"]
    assert naps == [60, 60]


@pytest.mark.glue_job("nightly")
def test_a_stopped_run_raises_key_error(glue_jobs: GlueJobs, naps: list[float]) -> None:
    # A stopped run has no ErrorMessage, which wait_for_completion reads for every failed state.
    glue_jobs.run_states("nightly", "RUNNING", "STOPPED")

    with pytest.raises(KeyError, match="ErrorMessage"):
        start(block()).wait_for_completion()


@pytest.mark.glue_job("nightly")
def test_throttled_polls_are_retried_by_botocore(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.fail("GetJobRun", "ThrottlingException", times=2)

    start(block()).wait_for_completion()

    errors = [call.error for call in glue_jobs.calls if call.operation == "GetJobRun"]
    assert errors == ["ThrottlingException", "ThrottlingException", None, None]


@pytest.mark.glue_job("nightly")
def test_a_throttled_start_raises_a_bare_runtime_error(glue_jobs: GlueJobs) -> None:
    glue_jobs.fail("StartJobRun", "ThrottlingException", times=3)  # botocore's 3 attempts

    with pytest.raises(RuntimeError) as raised:
        asyncio.run(block().trigger())

    assert str(raised.value) == ""  # the reason is only in the exception's __context__
    assert "ThrottlingException" in str(raised.value.__context__)


@pytest.mark.glue_job("nightly")
def test_a_block_without_arguments_sends_none_and_never_starts(glue_jobs: GlueJobs) -> None:
    with pytest.raises(RuntimeError) as raised:
        asyncio.run(block(arguments=None).trigger())

    assert isinstance(raised.value.__context__, ParamValidationError)
    assert "Invalid type for parameter Arguments, value: None" in str(raised.value.__context__)
    glue_jobs.assert_not_called("StartJobRun")  # botocore refused it before sending


@pytest.mark.glue_job("nightly")
def test_the_run_from_trigger_has_no_client(glue_jobs: GlueJobs) -> None:
    run = asyncio.run(block().trigger())

    with pytest.raises(AttributeError, match="'NoneType' object has no attribute 'get_job_run'"):
        run.wait_for_completion()


@pytest.mark.glue_job("nightly")
def test_an_expired_run_is_polled_forever(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "EXPIRED")
    glue_jobs.max_final_reads = 10  # the guard stops the loop after ten reads of the finished run

    with pytest.raises(EndlessPollingError, match="does not treat EXPIRED as a final state"):
        start(block()).wait_for_completion()

    reads = glue_jobs.calls[2:]
    assert {call.response["JobRun"]["JobRunState"] for call in reads[:-1]} == {"EXPIRED"}  # read again and again
    assert len(reads) == 11 and reads[-1].error == "EndlessPollingError"
