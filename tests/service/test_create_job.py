"""CreateJob: what is stored, the documented defaults, duplicates, timestamps and tags."""

from __future__ import annotations

from typing import Any

import pytest
from support import error_of

FULL_DEFINITION: dict[str, Any] = {
    "JobMode": "VISUAL",
    "JobRunQueuingEnabled": True,
    "Description": "Loads the nightly batch",
    "LogUri": "s3://logs/nightly",
    "Role": "arn:aws:iam::123456789012:role/etl",
    "ExecutionProperty": {"MaxConcurrentRuns": 3},
    "Command": {"Name": "glueetl", "ScriptLocation": "s3://bucket/full.py", "PythonVersion": "3"},
    "DefaultArguments": {"--job-language": "python", "--TempDir": "s3://tmp/"},
    "NonOverridableArguments": {"--enable-metrics": "true"},
    "Connections": {"Connections": ["warehouse"]},
    "MaxRetries": 2,
    "Timeout": 60,
    "SecurityConfiguration": "encrypted",
    "NotificationProperty": {"NotifyDelayAfter": 15},
    "GlueVersion": "4.0",
    "WorkerType": "G.2X",
    "NumberOfWorkers": 5,
    "CodeGenConfigurationNodes": {
        "node-1": {"DropFields": {"Name": "drop", "Inputs": ["node-0"], "Paths": [["secret"]]}}
    },
    "ExecutionClass": "FLEX",
    "SourceControlDetails": {
        "Provider": "GITHUB",
        "Repository": "etl",
        "Owner": "acme",
        "Branch": "main",
        "Folder": "jobs",
        "AuthStrategy": "PERSONAL_ACCESS_TOKEN",
        "AuthToken": "token",
    },
    "MaintenanceWindow": "Mon:10",
}


def test_create_job_returns_the_name(make_job: Any) -> None:
    response = make_job("nightly")
    assert response["Name"] == "nightly"
    assert set(response) == {"Name", "ResponseMetadata"}


def test_every_member_of_create_job_is_stored(glue: Any) -> None:
    glue.create_job(Name="full", **FULL_DEFINITION)
    job = glue.get_job(JobName="full")["Job"]
    for member, value in FULL_DEFINITION.items():
        assert job[member] == value, member
    assert job["MaxCapacity"] == 10.0  # 5 x G.2X (2 DPU each), as the service reports it
    assert job["AllocatedCapacity"] == 10


def test_a_minimal_spark_job_gets_the_documented_defaults(glue: Any, make_job: Any) -> None:
    make_job("spark")
    job = glue.get_job(JobName="spark")["Job"]
    assert job["Timeout"] == 2880
    assert job["ExecutionProperty"] == {"MaxConcurrentRuns": 1}
    assert job["GlueVersion"] == "0.9"
    assert job["MaxCapacity"] == 10.0
    assert job["AllocatedCapacity"] == 10
    assert job["MaxRetries"] == 0
    assert job["JobMode"] == "SCRIPT"
    assert job["JobRunQueuingEnabled"] is False
    assert job["Command"]["PythonVersion"] == "2"
    for absent in ("Description", "WorkerType", "NumberOfWorkers", "Connections", "ProfileName"):
        assert absent not in job


def test_a_python_shell_job_defaults_to_a_sixteenth_of_a_dpu(glue: Any, make_job: Any) -> None:
    make_job("shell", Command={"Name": "pythonshell", "ScriptLocation": "s3://b/s.py"})
    job = glue.get_job(JobName="shell")["Job"]
    assert job["MaxCapacity"] == 0.0625
    assert job["AllocatedCapacity"] == 0
    assert job["Timeout"] == 2880
    assert "PythonVersion" not in job["Command"]


def test_a_streaming_job_has_no_default_timeout(glue: Any, make_job: Any) -> None:
    make_job("stream", Command={"Name": "gluestreaming", "ScriptLocation": "s3://b/s.py"})
    job = glue.get_job(JobName="stream")["Job"]
    assert "Timeout" not in job
    assert job["MaxCapacity"] == 10.0


@pytest.mark.parametrize(
    ("worker_type", "workers", "max_capacity", "allocated"),
    [("G.1X", 10, 10.0, 10), ("G.2X", 2, 4.0, 4), ("G.025X", 2, 0.5, 0), ("G.8X", 3, 24.0, 24)],
)
def test_worker_jobs_report_capacity_derived_from_the_workers(
    glue: Any, make_job: Any, worker_type: str, workers: int, max_capacity: float, allocated: int
) -> None:
    make_job("workers", GlueVersion="3.0", WorkerType=worker_type, NumberOfWorkers=workers)
    job = glue.get_job(JobName="workers")["Job"]
    assert (job["MaxCapacity"], job["AllocatedCapacity"]) == (max_capacity, allocated)
    assert job["Command"]["PythonVersion"] == "3"


def test_given_capacity_is_reported_in_both_members(glue: Any, make_job: Any) -> None:
    make_job("max", MaxCapacity=5)
    make_job("allocated", AllocatedCapacity=7)
    assert glue.get_job(JobName="max")["Job"]["AllocatedCapacity"] == 5
    assert glue.get_job(JobName="max")["Job"]["MaxCapacity"] == 5.0
    assert glue.get_job(JobName="allocated")["Job"]["MaxCapacity"] == 7.0


def test_a_duplicate_name_is_refused_and_the_existing_job_kept(glue: Any, make_job: Any) -> None:
    make_job("dup", Description="first")
    with pytest.raises(glue.exceptions.AlreadyExistsException) as raised:
        make_job("dup", Description="second")
    assert "dup" in error_of(raised).message
    assert glue.get_job(JobName="dup")["Job"]["Description"] == "first"


def test_created_on_and_last_modified_on_are_the_wall_clock_at_call_time(
    glue: Any, make_job: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("time.time", lambda: 1_700_000_000.123456)
    make_job("clocked")
    job = glue.get_job(JobName="clocked")["Job"]
    assert job["CreatedOn"].timestamp() == 1_700_000_000.123
    assert job["LastModifiedOn"] == job["CreatedOn"]


def test_tags_are_kept_apart_from_the_job(glue: Any, make_job: Any) -> None:
    make_job("tagged", Tags={"team": "data"})
    assert "Tags" not in glue.get_job(JobName="tagged")["Job"]
    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == ["tagged"]


def test_an_unknown_command_name_is_kept_and_run_as_a_python_shell_job(glue: Any, make_job: Any) -> None:
    make_job("custom", Command={"Name": "my-runner", "ScriptLocation": "s3://b/c.py"})
    job = glue.get_job(JobName="custom")["Job"]
    assert job["Command"]["Name"] == "my-runner"
    assert job["MaxCapacity"] == 0.0625
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        make_job("custom-2", Command={"Name": "my-runner"}, WorkerType="G.1X", NumberOfWorkers=2)
    assert "Worker Type is not supported for Job Command my-runner" in str(raised.value)


def test_a_ray_job_keeps_its_runtime(glue: Any, make_job: Any) -> None:
    make_job(
        "ray",
        Command={"Name": "glueray", "ScriptLocation": "s3://b/r.py", "Runtime": "Ray2.4", "PythonVersion": "3.9"},
        GlueVersion="4.0",
        WorkerType="Z.2X",
        NumberOfWorkers=5,
    )
    job = glue.get_job(JobName="ray")["Job"]
    assert job["Command"]["Runtime"] == "Ray2.4"
    assert job["MaxCapacity"] == 10.0
