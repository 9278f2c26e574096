"""CreatedOn and LastModifiedOn read the clock the test controls, with freezegun or time-machine."""

from __future__ import annotations

import datetime
from typing import Any

import boto3
import pytest
from support import COMMAND, ROLE, UTC, freeze_time, time_machine, travel

from pytest_gluejobs import GlueJobs

CREATED = datetime.datetime(2024, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)
UPDATED = CREATED + datetime.timedelta(hours=1, minutes=30)


def create(glue: Any, name: str = "nightly") -> None:
    glue.create_job(Name=name, Role=ROLE, Command=COMMAND)


def update(glue: Any, name: str = "nightly") -> None:
    glue.update_job(JobName=name, JobUpdate={"Role": ROLE, "Command": COMMAND, "Timeout": 60})


def stamps(glue: Any, name: str = "nightly") -> tuple[datetime.datetime, datetime.datetime]:
    job = glue.get_job(JobName=name)["Job"]
    return job["CreatedOn"], job["LastModifiedOn"]


def test_freezegun_sets_created_on_and_update_job_moves_only_last_modified_on(
    glue_jobs: GlueJobs,
) -> None:
    glue = boto3.client("glue", region_name="us-east-1")
    with freeze_time(CREATED) as frozen:
        create(glue)
        assert stamps(glue) == (CREATED, CREATED)

        frozen.move_to(UPDATED)
        update(glue)

        assert stamps(glue) == (CREATED, UPDATED)
        assert glue.get_job(JobName="nightly")["Job"]["Timeout"] == 60


def test_time_machine_fixture_sets_created_on_and_update_job_moves_only_last_modified_on(
    glue_jobs: GlueJobs, request: pytest.FixtureRequest
) -> None:
    time_machine()  # its pytest plugin gives the fixture
    machine = request.getfixturevalue("time_machine")
    glue = boto3.client("glue", region_name="us-east-1")
    machine.move_to(CREATED, tick=False)
    create(glue)
    assert stamps(glue) == (CREATED, CREATED)

    machine.shift(UPDATED - CREATED)
    update(glue)

    assert stamps(glue) == (CREATED, UPDATED)


def test_time_machine_travel_reaches_seeded_jobs_and_every_read_operation(
    glue_jobs: GlueJobs,
) -> None:
    glue = boto3.client("glue", region_name="us-east-1")
    with travel(CREATED, tick=False):
        glue_jobs.add_job("seeded")
        create(glue, "created")
    with travel(UPDATED, tick=False):
        update(glue, "seeded")

    by_get_jobs = {job["Name"]: job for job in glue.get_jobs()["Jobs"]}
    batch = glue.batch_get_jobs(JobNames=["seeded", "created"])["Jobs"]
    by_batch = {job["Name"]: job for job in batch}
    for jobs in (glue_jobs.jobs(), by_get_jobs, by_batch):
        seeded, created = jobs["seeded"], jobs["created"]
        assert (seeded["CreatedOn"], seeded["LastModifiedOn"]) == (CREATED, UPDATED)
        assert (created["CreatedOn"], created["LastModifiedOn"]) == (CREATED, CREATED)
