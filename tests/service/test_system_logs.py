"""GetSystemLogsForJobRun: a URL for a known run; faked only where botocore models it."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.config import Config
from botocore.loaders import create_loader
from support import error_of, run_python

from pytest_gluejobs import OPERATIONS, GlueJobs
from pytest_gluejobs._service.model import has_operation, service_model

modeled = pytest.mark.skipif(
    not has_operation("GetSystemLogsForJobRun"),
    reason="the installed botocore does not model GetSystemLogsForJobRun (newer releases do)",
)


def test_the_operation_is_faked_exactly_where_botocore_models_it() -> None:
    assert ("GetSystemLogsForJobRun" in OPERATIONS) == ("GetSystemLogsForJobRun" in service_model().operation_names)


def test_the_model_file_is_read_for_exactly_the_models_operations() -> None:
    operations = service_model().operation_names

    assert all(has_operation(operation) for operation in operations)
    assert not has_operation("GetDatabasez")
    assert not has_operation("JobName")  # a shape, not an operation


@modeled
def test_a_known_run_gets_an_https_url_naming_it(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    url = glue.get_system_logs_for_job_run(JobName="nightly", RunId=run_id)["SystemLogsUrl"]

    parts = urlsplit(url)
    assert parts.scheme == "https"
    assert parts.hostname is not None and parts.hostname.endswith(".invalid")  # never resolves
    assert parts.path == f"/system-logs/123456789012/us-east-1/nightly/{run_id}"
    assert len(url) <= 40000


@modeled
def test_the_url_quotes_the_job_name(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("daily report/é")
    run_id = glue.start_job_run(JobName="daily report/é")["JobRunId"]

    url = glue.get_system_logs_for_job_run(JobName="daily report/é", RunId=run_id)["SystemLogsUrl"]

    assert f"/daily%20report%2F%C3%A9/{run_id}" in url


@modeled
def test_finished_runs_and_retries_have_logs_too(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", MaxRetries=1)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue_jobs.finish_run(run_id, "FAILED")

    for run in glue_jobs.runs("nightly"):
        assert glue.get_system_logs_for_job_run(JobName="nightly", RunId=run["Id"])["SystemLogsUrl"]


@modeled
def test_an_unknown_job_or_run_is_entity_not_found(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly")
    glue_jobs.add_job("other")
    run_id = glue.start_job_run(JobName="other")["JobRunId"]

    with pytest.raises(glue.exceptions.EntityNotFoundException) as no_job:
        glue.get_system_logs_for_job_run(JobName="ghost", RunId=run_id)
    with pytest.raises(glue.exceptions.EntityNotFoundException) as no_run:
        glue.get_system_logs_for_job_run(JobName="nightly", RunId=run_id)  # a run of another job

    assert error_of(no_job).message == "Job with name: ghost not found."
    assert error_of(no_run).message == f"Job run {run_id} of job nightly not found."


@modeled
@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ({"JobName": "x" * 256, "RunId": "jr_1"}, "at 'JobName' failed to satisfy constraint: Member must have length less than or equal to 255"),
        ({"JobName": "nightly", "RunId": "jr\n1"}, "at 'RunId' failed to satisfy constraint: Member must satisfy regular expression pattern"),
        ({"JobName": "nightly", "RunId": "r" * 100_000}, "at 'RunId' failed to satisfy constraint: Member must have length less than or equal to 255"),
    ],
    ids=["name-too-long", "run-two-lines", "run-huge"],
)
def test_model_constraints_are_invalid_input(glue_jobs: GlueJobs, glue: Any, params: dict[str, str], complaint: str) -> None:
    glue_jobs.add_job("nightly")

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.get_system_logs_for_job_run(**params)

    assert complaint in error_of(caught).message


@modeled
def test_empty_and_mistyped_values_are_refused_without_botocore_validation(glue_jobs: GlueJobs) -> None:
    unchecked = boto3.client("glue", region_name="us-east-1", config=Config(parameter_validation=False))
    glue_jobs.add_job("nightly")

    for params in ({"JobName": "nightly", "RunId": ""}, {"JobName": "", "RunId": "jr_1"}, {"JobName": "nightly"},
                   {"JobName": 7, "RunId": "jr_1"}):
        with pytest.raises(unchecked.exceptions.InvalidInputException):
            unchecked.get_system_logs_for_job_run(**params)


@modeled
def test_calls_are_logged_and_accept_faults(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    glue_jobs.fail("get_system_logs_for_job_run", "AccessDeniedException")

    with pytest.raises(glue.exceptions.AccessDeniedException):
        glue.get_system_logs_for_job_run(JobName="nightly", RunId=run_id)
    glue.get_system_logs_for_job_run(JobName="nightly", RunId=run_id)

    glue_jobs.assert_called("GetSystemLogsForJobRun", JobName="nightly", RunId=run_id)
    assert [call.error for call in glue_jobs.calls if call.operation == "GetSystemLogsForJobRun"] == [
        "AccessDeniedException", None,
    ]


def test_with_a_botocore_that_lacks_it_the_operation_is_left_out(tmp_path: Any) -> None:
    # An older botocore's Glue model, simulated: the installed one without the operation, in the
    # user's ~/.aws/models, where botocore looks before its own data.
    model = create_loader().load_service_model("glue", "service-2")
    model["operations"].pop("GetSystemLogsForJobRun", None)  # older botocores lack it already
    older = tmp_path / ".aws" / "models" / "glue" / model["metadata"]["apiVersion"]
    older.mkdir(parents=True)
    (older / "service-2.json").write_text(json.dumps(model))
    code = f"""
import os
os.environ["HOME"] = {str(tmp_path)!r}
from pytest_gluejobs import OPERATIONS, fake_glue_jobs
assert "GetSystemLogsForJobRun" not in OPERATIONS and len(OPERATIONS) == 27, OPERATIONS
with fake_glue_jobs() as fake:
    try:
        fake.fail("GetSystemLogsForJobRun", "AccessDeniedException")
    except ValueError as error:
        print("refused:", error)
"""

    output = run_python(code, tmp_path)

    assert output.startswith("refused: 'GetSystemLogsForJobRun' is not a faked Glue operation")
