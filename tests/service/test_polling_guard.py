"""The polling guard: a finished run read too many times in a row raises EndlessPollingError."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from support import run_inline

from pytest_gluejobs import EndlessPollingError, GlueJobs

FINAL = ("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED")


def wait_for(glue: Any, job: str, run_id: str) -> str:
    """A user's loop that forgot EXPIRED (and ERROR): it never stops on them."""
    while True:
        state: str = glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]["JobRunState"]
        if state in ("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"):
            return state


@pytest.mark.glue_job("nightly")
def test_a_loop_that_never_treats_expired_as_final_is_stopped(glue_jobs: GlueJobs) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "EXPIRED")
    glue = boto3.client("glue", region_name="us-east-1")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    with pytest.raises(EndlessPollingError) as raised:
        wait_for(glue, "nightly", run_id)

    message = str(raised.value)
    assert f"GetJobRun read run {run_id} of job 'nightly' 101 times in a row after it finished EXPIRED" in message
    assert "probably does not treat EXPIRED as a final state" in message
    assert "max_final_reads is 100" in message
    assert not isinstance(raised.value, ClientError)
    reads = glue_jobs.calls_of("GetJobRun")
    assert len(reads) == 1 + 101  # one RUNNING, 100 EXPIRED allowed, the 101st raised
    assert reads[-1].error == "EndlessPollingError" and reads[-1].explanation == message
    assert reads[-1].response is None


@pytest.mark.glue_job("nightly")
def test_every_further_read_raises_again(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.max_final_reads = 3
    glue_jobs.run_states("nightly", "ERROR")
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    for _ in range(3):
        glue_client.get_job_run(JobName="nightly", RunId=run_id)
    for count in (4, 5):
        with pytest.raises(EndlessPollingError, match=f"{count} times in a row after it finished ERROR"):
            glue_client.get_job_run(JobName="nightly", RunId=run_id)
    assert [call.error for call in glue_jobs.calls_of("GetJobRun")] == [None] * 3 + ["EndlessPollingError"] * 2


@pytest.mark.parametrize("state", FINAL)
@pytest.mark.glue_job("nightly")
def test_every_final_state_counts(glue_jobs: GlueJobs, glue_client: Any, state: str) -> None:
    glue_jobs.max_final_reads = 2
    glue_jobs.run_states("nightly", "RUNNING", state)
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    for _ in range(3):  # RUNNING, then the state twice
        glue_client.get_job_run(JobName="nightly", RunId=run_id)
    with pytest.raises(EndlessPollingError, match=f"finished {state}"):
        glue_client.get_job_run(JobName="nightly", RunId=run_id)


@pytest.mark.glue_job("nightly")
def test_reads_of_a_run_still_going_are_never_limited(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.max_final_reads = 1
    glue_jobs.run_states("nightly", "RUNNING")
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    for _ in range(50):
        glue_client.get_job_run(JobName="nightly", RunId=run_id)
        glue_client.get_job_runs(JobName="nightly")


@pytest.mark.glue_job("nightly")
def test_get_job_runs_counts_the_finished_runs_it_returns(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.max_final_reads = 2
    glue_jobs.run_states("nightly", "EXPIRED")
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    glue_client.get_job_run(JobName="nightly", RunId=run_id)
    glue_client.get_job_runs(JobName="nightly")
    with pytest.raises(EndlessPollingError, match=f"GetJobRuns read run {run_id} .* 3 times in a row"):
        glue_client.get_job_runs(JobName="nightly")


@pytest.mark.glue_job("nightly", ExecutionProperty={"MaxConcurrentRuns": 2})
def test_a_page_holding_a_run_still_going_starts_the_finished_ones_over(
    glue_jobs: GlueJobs, glue_client: Any
) -> None:
    glue_jobs.max_final_reads = 2
    glue_jobs.run_states("nightly", "SUCCEEDED")
    done = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    glue_client.get_job_run(JobName="nightly", RunId=done)
    glue_client.get_job_run(JobName="nightly", RunId=done)
    glue_jobs.run_states("nightly", "RUNNING")
    glue_client.start_job_run(JobName="nightly")  # also starts the finished run's count over
    for _ in range(10):  # the loop is waiting for the new run; the finished one is on the page too
        glue_client.get_job_runs(JobName="nightly")
    glue_client.get_job_run(JobName="nightly", RunId=done)
    glue_client.get_job_run(JobName="nightly", RunId=done)
    with pytest.raises(EndlessPollingError):
        glue_client.get_job_run(JobName="nightly", RunId=done)


@pytest.mark.glue_job("nightly")
def test_starting_a_run_of_the_job_starts_the_count_over(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.max_final_reads = 2
    glue_jobs.run_states("nightly", "FAILED")
    first = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    for _ in range(2):
        glue_client.get_job_run(JobName="nightly", RunId=first)
    glue_client.start_job_run(JobName="nightly")
    for _ in range(2):
        glue_client.get_job_run(JobName="nightly", RunId=first)


@pytest.mark.glue_job("nightly")
def test_zero_turns_the_guard_off(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.max_final_reads = 0
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    for _ in range(300):
        glue_client.get_job_run(JobName="nightly", RunId=run_id)
    assert glue_jobs.max_final_reads == 0


def test_the_default_is_100(glue_jobs: GlueJobs) -> None:
    assert glue_jobs.max_final_reads == 100


@pytest.mark.parametrize("value", [-1, 2.5, "10", True, False, None])
def test_the_guard_count_must_be_a_whole_number(glue_jobs: GlueJobs, value: Any) -> None:
    with pytest.raises(ValueError, match=r"max_final_reads must be a whole number of reads >= 0"):
        glue_jobs.max_final_reads = value
    assert glue_jobs.max_final_reads == 100


# -- the ini option and the report -----------------------------------------------------------


def test_the_ini_option_sets_the_guard_and_the_report_shows_the_stop(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_max_final_reads = 5\n")
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.glue_job("nightly")
        def test_endless(glue_jobs, glue_client):
            assert glue_jobs.max_final_reads == 5
            glue_jobs.run_states("nightly", "RUNNING", "EXPIRED")
            run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
            while glue_client.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]["JobRunState"] != "SUCCEEDED":
                pass
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*EndlessPollingError: pytest-gluejobs: GetJobRun read run jr_* of job 'nightly' 6 times in a row "
            "after it finished EXPIRED (max_final_reads is 5)*",
            "*- glue calls -*",
            "*8. GetJobRun(JobName='nightly', RunId='jr_*') in us-east-1 -> EndlessPollingError: "
            "pytest-gluejobs: GetJobRun read run * 6 times in a row*",
        ]
    )


@pytest.mark.parametrize("value", ["-3", "many", "1.5"])
def test_a_bad_ini_value_is_a_usage_error(pytester: pytest.Pytester, value: str) -> None:
    pytester.makeini(f"[pytest]\nglue_jobs_max_final_reads = {value}\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = run_inline(pytester, "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*glue_jobs_max_final_reads = {value!r} must be a whole number of reads >= 0*"])
