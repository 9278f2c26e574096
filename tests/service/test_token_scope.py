"""A NextToken pages what it was issued for: another operation's or another job's token is refused.

Tokens are opaque to callers, but they are easy to mix up when paging code is shared; AWS answers
a token it did not issue for this request with InvalidInputException, as for a corrupt one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from support import error_of


@pytest.fixture
def three_jobs(make_job: Callable[..., Any]) -> None:
    for name in ("a", "b", "c"):
        make_job(name)


def refused(glue: Any, method: str, **params: Any) -> str:
    """The message of the InvalidInputException the call answers."""
    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        getattr(glue, method)(**params)
    return error_of(excinfo).message


@pytest.mark.usefixtures("three_jobs")
@pytest.mark.parametrize(
    ("issued_by", "given_to"),
    [("get_jobs", "list_jobs"), ("list_jobs", "get_jobs")],
)
def test_a_token_of_another_job_operation_is_invalid_input(glue: Any, issued_by: str, given_to: str) -> None:
    token = getattr(glue, issued_by)(MaxResults=1)["NextToken"]

    message = refused(glue, given_to, NextToken=token)

    issuer = "GetJobs" if issued_by == "get_jobs" else "ListJobs"
    receiver = "ListJobs" if issued_by == "get_jobs" else "GetJobs"
    assert f"for {receiver}: it is a NextToken of '{issuer}'" in message
    assert getattr(glue, given_to)(MaxResults=1)  # the operation itself still pages


@pytest.mark.usefixtures("three_jobs")
def test_a_job_operation_token_given_to_get_job_runs_is_invalid_input(glue: Any) -> None:
    glue.start_job_run(JobName="a")
    token = glue.get_jobs(MaxResults=1)["NextToken"]

    message = refused(glue, "get_job_runs", JobName="a", NextToken=token)

    assert "for GetJobRuns: it is a NextToken of 'GetJobs'" in message


@pytest.mark.usefixtures("three_jobs")
def test_a_get_job_runs_token_of_one_job_is_invalid_input_for_another(glue: Any, glue_jobs: Any) -> None:
    for name in ("a", "b"):
        glue_jobs.run_states(name, "RUNNING")
        for _ in range(2):
            glue.start_job_run(JobName=name, JobRunQueuingEnabled=True)
    token_of_a = glue.get_job_runs(JobName="a", MaxResults=1)["NextToken"]

    message = refused(glue, "get_job_runs", JobName="b", NextToken=token_of_a)

    assert "for GetJobRuns: it pages the runs of job 'a', not 'b'" in message
    second_page = glue.get_job_runs(JobName="a", MaxResults=1, NextToken=token_of_a)["JobRuns"]
    assert [run["JobName"] for run in second_page] == ["a"]


@pytest.mark.usefixtures("three_jobs")
def test_a_get_job_runs_token_given_to_a_job_operation_is_invalid_input(glue: Any) -> None:
    for _ in range(2):
        glue.start_job_run(JobName="a", JobRunQueuingEnabled=True)
    token = glue.get_job_runs(JobName="a", MaxResults=1)["NextToken"]

    message = refused(glue, "list_jobs", NextToken=token)

    assert "for ListJobs: it is a NextToken of 'GetJobRuns'" in message
