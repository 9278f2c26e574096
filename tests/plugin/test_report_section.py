"""The ``glue calls`` section of a failing test's report."""

from __future__ import annotations

import pytest
from support import run_inline

TESTS = """
import boto3
import pytest
from botocore.config import Config

DEFINITION = dict(Role="r", Command={"Name": "glueetl", "ScriptLocation": "s3://b/n.py"})


def test_fails_after_calls(glue_jobs, glue_client):
    glue_jobs.add_job("nightly", region="eu-west-1")
    glue_jobs.fail("CreateJob", "ThrottlingException")
    glue_client.create_job(Name="weekly", **DEFINITION)
    run_id = glue_client.start_job_run(JobName="weekly")["JobRunId"]
    glue_client.get_job_run(JobName="weekly", RunId=run_id)
    with pytest.raises(glue_client.exceptions.EntityNotFoundException):
        glue_client.get_job(JobName="nightly")
    assert False, "the test's own failure"


def test_passes(glue_jobs, glue_client):
    glue_client.list_jobs()


def test_many_calls(glue_jobs, glue_client):
    for number in range(120):
        glue_client.list_jobs(MaxResults=number + 1)
    assert False
"""


def test_a_failing_test_reports_its_glue_calls(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TESTS)
    result = run_inline(pytester, "-p", "no:cacheprovider", "-k", "fails_after_calls or passes")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- glue calls -*",
            "   1. CreateJob(Name='weekly') in us-east-1 -> ok after 2 attempts:",
            "        attempt 1: ThrottlingException: injected by glue_jobs.fail('CreateJob', 'ThrottlingException'): answer 1 of 1",
            "        attempt 2: ok",
            "   2. StartJobRun(JobName='weekly') in us-east-1 -> ok",
            "   3. GetJobRun(JobName='weekly', RunId='jr_*') in us-east-1 -> ok",
            "   4. GetJob(JobName='nightly') in us-east-1 -> EntityNotFoundException: no job 'nightly' in "
            "us-east-1, the client's region; it exists in eu-west-1: create the client with region_name='eu-west-1'",
        ]
    )
    assert result.stdout.str().count("glue calls") == 1  # the passing test prints nothing


def test_a_long_log_is_cut_with_a_count(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TESTS)
    result = run_inline(pytester, "-p", "no:cacheprovider", "-k", "many_calls")
    result.stdout.fnmatch_lines(
        [
            "*- glue calls -*",
            "   1. ListJobs() in us-east-1 -> ok",
            "  10. ListJobs() in us-east-1 -> ok",
            "  ... 70 calls not shown ...",
            "  81. ListJobs() in us-east-1 -> ok",
            " 120. ListJobs() in us-east-1 -> ok",
        ]
    )
