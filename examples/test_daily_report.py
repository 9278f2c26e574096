"""The daily-report job's own script, run end to end: the app starts it, the script runs locally."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from glue_sync import run_job

from pytest_gluejobs import GlueJobs

JOBS = Path(__file__).parent / "jobs"
DAILY_REPORT = {
    "Role": "arn:aws:iam::123456789012:role/etl",
    "Command": {
        "Name": "pythonshell",
        "ScriptLocation": "s3://acme-etl/jobs/daily_report.py",
        "PythonVersion": "3.9",
    },
    "MaxCapacity": 0.0625,
}


@pytest.fixture
def glue(glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch) -> Any:
    glue_jobs.run_scripts({"s3://acme-etl/jobs/": JOBS})
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")  # as Glue sets it for the script
    return boto3.client("glue")


@pytest.mark.glue_job("daily-report", **DAILY_REPORT)
@pytest.mark.glue_job("orders-nightly")
def test_the_report_lists_every_other_job_with_its_latest_run(glue: Any, glue_jobs: GlueJobs) -> None:
    glue_jobs.run_states("orders-nightly", "FAILED")
    glue.start_job_run(JobName="orders-nightly")

    run = run_job(glue, "daily-report", {"--REPORT_DATE": "2024-05-01"})

    assert run["JobRunState"] == "SUCCEEDED"
    assert glue_jobs.run_logs(run["Id"]).output == (
        "Glue jobs on 2024-05-01:\n"
        "  orders-nightly: FAILED\n"
    )


@pytest.mark.glue_job("daily-report", **DAILY_REPORT)
def test_with_nothing_to_report_the_run_fails(glue: Any, glue_jobs: GlueJobs) -> None:
    run = run_job(glue, "daily-report", {"--REPORT_DATE": "2024-05-01"})

    assert (run["JobRunState"], run["ErrorMessage"]) == ("FAILED", "Command failed with exit code 1")
    assert glue_jobs.run_logs(run["Id"]).error == "daily-report: no jobs to report on for 2024-05-01\n"


@pytest.mark.glue_job("daily-report", **DAILY_REPORT)
def test_without_a_report_date_the_run_fails_naming_it(glue: Any) -> None:
    run = run_job(glue, "daily-report")

    assert run["JobRunState"] == "FAILED"
    assert run["ErrorMessage"] == "GlueArgumentError: the following arguments are required: --REPORT_DATE"
