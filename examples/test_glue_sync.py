"""Tests of glue_sync, written the way a user of pytest-gluejobs writes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from glue_sync import MANAGED_TAG, load_definitions, main, sync_jobs

from pytest_gluejobs import GlueJobs

JOBS_FILE = Path(__file__).parent / "jobs.json"
DESIRED = load_definitions(JOBS_FILE)
ORDERS = DESIRED["orders-nightly"]
CUSTOMERS = DESIRED["customers-export"]


@pytest.fixture
def glue() -> Any:
    return boto3.client("glue", region_name="us-east-1")


def test_creates_every_listed_job_and_tags_it_as_managed(glue: Any, glue_jobs: GlueJobs) -> None:
    report = sync_jobs(glue, DESIRED)

    assert report.created == ["customers-export", "orders-nightly"]
    jobs = glue_jobs.jobs()
    assert jobs["orders-nightly"]["NumberOfWorkers"] == 10
    assert jobs["customers-export"]["MaxCapacity"] == 1.0
    glue_jobs.assert_called("CreateJob", Name="orders-nightly", Tags=MANAGED_TAG)
    assert glue.list_jobs(Tags=MANAGED_TAG)["JobNames"] == ["customers-export", "orders-nightly"]


@pytest.mark.glue_job("orders-nightly", Tags=MANAGED_TAG, **ORDERS)
@pytest.mark.glue_job("customers-export", Tags=MANAGED_TAG, **CUSTOMERS)
def test_jobs_that_match_the_file_are_left_alone(glue: Any, glue_jobs: GlueJobs) -> None:
    report = sync_jobs(glue, DESIRED)

    assert report.unchanged == ["customers-export", "orders-nightly"]
    glue_jobs.assert_not_called("CreateJob")
    glue_jobs.assert_not_called("UpdateJob")
    glue_jobs.assert_not_called("DeleteJob")


@pytest.mark.glue_job("orders-nightly", Tags=MANAGED_TAG, **{**ORDERS, "NumberOfWorkers": 5})
@pytest.mark.glue_job("customers-export", Tags=MANAGED_TAG, **CUSTOMERS)
def test_a_changed_job_is_updated_with_its_whole_definition(glue: Any, glue_jobs: GlueJobs) -> None:
    report = sync_jobs(glue, DESIRED)

    assert report.updated == ["orders-nightly"]
    glue_jobs.assert_called_once("UpdateJob", JobName="orders-nightly", JobUpdate=ORDERS)
    assert glue_jobs.jobs()["orders-nightly"]["NumberOfWorkers"] == 10


@pytest.mark.glue_job("retired", Tags=MANAGED_TAG)
@pytest.mark.glue_job("made-by-hand")
def test_only_managed_jobs_no_longer_listed_are_deleted(glue: Any, glue_jobs: GlueJobs) -> None:
    report = sync_jobs(glue, DESIRED)

    assert report.deleted == ["retired"]
    glue_jobs.assert_called_once("DeleteJob", JobName="retired")
    assert "made-by-hand" in glue_jobs.jobs()
    assert "retired" not in glue_jobs.jobs()


@pytest.mark.glue_job("retired", Tags=MANAGED_TAG)
def test_a_dry_run_reports_and_changes_nothing(glue: Any, glue_jobs: GlueJobs) -> None:
    report = sync_jobs(glue, DESIRED, dry_run=True)

    assert (report.created, report.deleted) == (["customers-export", "orders-nightly"], ["retired"])
    glue_jobs.assert_not_called("CreateJob")
    glue_jobs.assert_not_called("DeleteJob")
    assert list(glue_jobs.jobs()) == ["retired"]


def test_a_throttled_create_is_retried_by_botocore(glue: Any, glue_jobs: GlueJobs) -> None:
    glue_jobs.fail("CreateJob", "ThrottlingException")

    report = sync_jobs(glue, DESIRED)

    assert report.created == ["customers-export", "orders-nightly"]
    creates = [call for call in glue_jobs.calls if call.operation == "CreateJob"]
    assert [call.error for call in creates] == ["ThrottlingException", None, None]


@pytest.mark.glue_job("orders-nightly", Tags=MANAGED_TAG, **{**ORDERS, "NumberOfWorkers": 5})
def test_a_failed_update_surfaces_and_leaves_the_job_as_it_was(glue: Any, glue_jobs: GlueJobs) -> None:
    glue_jobs.fail("UpdateJob", "ConcurrentModificationException", message="someone else is editing")

    with pytest.raises(ClientError, match="someone else is editing"):
        sync_jobs(glue, DESIRED)

    assert glue_jobs.jobs()["orders-nightly"]["NumberOfWorkers"] == 5


def test_the_command_line_reports_what_it_did(glue_jobs: GlueJobs, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(JOBS_FILE), "--region", "eu-west-1"]) == 0

    assert capsys.readouterr().out == "created: customers-export, orders-nightly\n"
    assert sorted(glue_jobs.jobs(region="eu-west-1")) == ["customers-export", "orders-nightly"]
