"""Rules AWS documents or was seen to enforce on workers, retries and concurrency; numbers no
request could carry; misspelt members. Every refusal stores and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from support import ROLE, error_of, invalid_input_message

from pytest_gluejobs import GlueError, GlueJobs

RAY = {"Name": "glueray", "ScriptLocation": "s3://b/r.py", "Runtime": "Ray2.4"}
SPARK = {"Name": "glueetl", "ScriptLocation": "s3://b/s.py"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"Command": SPARK, "GlueVersion": "4.0", "WorkerType": "Z.2X", "NumberOfWorkers": 2},
            "Job 'job': Worker type Z.2X is only supported for glueray jobs, not for Job Command glueetl",
        ),
        (
            {"Command": RAY, "GlueVersion": "4.0", "WorkerType": "G.1X", "NumberOfWorkers": 2},
            "Worker type cannot be null and only [Z.2X] worker types are supported for glueray jobs",
        ),
        (
            {"Command": RAY, "GlueVersion": "4.0"},
            "Worker type cannot be null and only [Z.2X] worker types are supported for glueray jobs",
        ),
        (
            {"Command": SPARK, "GlueVersion": "4.0", "WorkerType": "G.1X", "NumberOfWorkers": 1},
            "Job 'job': To use Worker Type G.1X, minimum allowed value of Number of Workers is 2.",
        ),
        ({"Command": SPARK, "MaxRetries": -1}, "Job 'job': MaxRetries -1 is below the minimum of 0"),
        (
            {"Command": SPARK, "ExecutionProperty": {"MaxConcurrentRuns": 0}},
            "Job 'job': ExecutionProperty.MaxConcurrentRuns 0 is below the minimum of 1: the job could never run",
        ),
        ({"Command": SPARK, "Timeout": 10081}, "Job 'job': Timeout 10081 exceeds the maximum of 10080 minutes (7 days)"),
    ],
)
def test_create_job_refuses_and_stores_nothing(
    glue_jobs: GlueJobs, glue: Any, fields: dict[str, Any], message: str
) -> None:
    assert invalid_input_message(glue, Name="job", Role=ROLE, **fields) == message
    assert glue_jobs.jobs() == {}


def test_update_job_refuses_and_changes_nothing(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("ray", Command=RAY, GlueVersion="4.0", WorkerType="Z.2X", NumberOfWorkers=1)
    before = glue_jobs.jobs()

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.update_job(JobName="ray", JobUpdate={"Role": ROLE, "Command": RAY, "WorkerType": "G.2X", "NumberOfWorkers": 2})

    assert "only [Z.2X] worker types are supported for glueray jobs" in error_of(caught).message
    assert glue_jobs.jobs() == before


def test_what_the_rules_allow_is_stored(glue_jobs: GlueJobs, glue: Any) -> None:
    glue.create_job(Name="ray", Role=ROLE, Command=RAY, GlueVersion="4.0", WorkerType="Z.2X", NumberOfWorkers=1)
    glue.create_job(Name="spark", Role=ROLE, Command=SPARK, GlueVersion="4.0", WorkerType="G.1X", NumberOfWorkers=2,
                    MaxRetries=0, ExecutionProperty={"MaxConcurrentRuns": 1}, Timeout=10080)

    assert glue_jobs.jobs()["ray"]["MaxCapacity"] == 2.0
    assert glue_jobs.jobs()["spark"]["Timeout"] == 10080


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"MaxCapacity": float("inf")}, "MaxCapacity=inf"),
        ({"MaxCapacity": float("nan")}, "MaxCapacity=nan"),
        ({"MaxCapacity": 10**400}, "MaxCapacity=<an integer of about 401 digits>"),
        ({"Timeout": -(10**400)}, "Timeout=-<an integer of about 401 digits>"),
        ({"ExecutionProperty": {"MaxConcurrentRuns": float("inf")}}, "ExecutionProperty.MaxConcurrentRuns=inf"),
    ],
)
def test_add_job_refuses_numbers_no_request_could_carry(
    glue_jobs: GlueJobs, fields: dict[str, Any], shown: str
) -> None:
    with pytest.raises(ValueError, match="is not a number any request could carry") as caught:
        glue_jobs.add_job("nightly", **fields)

    assert str(caught.value).startswith(f"add_job('nightly'): {shown} ")
    assert glue_jobs.jobs() == {}


def test_add_job_names_an_integer_too_wide_for_its_member(glue_jobs: GlueJobs) -> None:
    with pytest.raises(GlueError, match=r"Value <an integer of about 31 digits> at 'Timeout' does not fit a 32-bit integer"):
        glue_jobs.add_job("nightly", Timeout=10**30)

    assert glue_jobs.jobs() == {}


@pytest.mark.parametrize(
    ("fields", "suggestion"),
    [
        ({"Decription": "d"}, "Unknown member 'Decription' (did you mean 'Description'?)"),
        ({"maxretries": 1}, "Unknown member 'maxretries' (did you mean 'MaxRetries'?)"),
        ({"Command": {**SPARK, "ScriptLocaton": "s3://b/x.py"}}, "Unknown member 'Command.ScriptLocaton' (did you mean 'ScriptLocation'?)"),
        ({"Frobnicate": 1}, "Unknown member 'Frobnicate': must be one of"),
    ],
)
def test_a_misspelt_member_suggests_the_right_one(
    glue_jobs: GlueJobs, fields: dict[str, Any], suggestion: str
) -> None:
    with pytest.raises(GlueError) as caught:
        glue_jobs.add_job("nightly", **fields)

    assert suggestion in caught.value.message
    assert glue_jobs.jobs() == {}

