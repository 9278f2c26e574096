"""Today's defaults one setting away: ``glue_jobs.defaults = "current"`` (ini ``glue_jobs_defaults``)
switches CreateJob to the defaults and worker types of today's documentation; the service's observed
answers (capacity without workers, the worker maximum) hold under both settings."""

from __future__ import annotations

from typing import Any

import pytest
from support import ROLE, error_of, told

from pytest_gluejobs import GlueJobs

SPARK = {"Name": "glueetl", "ScriptLocation": "s3://b/s.py"}
SHELL = {"Name": "pythonshell", "ScriptLocation": "s3://b/p.py"}
STREAMING = {"Name": "gluestreaming", "ScriptLocation": "s3://b/st.py"}


def created(glue: Any, name: str = "job", **fields: Any) -> dict[str, Any]:
    glue.create_job(Name=name, Role=ROLE, **{"Command": SPARK, **fields})
    job: dict[str, Any] = glue.get_job(JobName=name)["Job"]
    return job


def test_the_documented_defaults_are_the_default(glue_jobs: GlueJobs, glue: Any) -> None:
    assert glue_jobs.defaults == "documented"
    job = created(glue)
    assert (job["GlueVersion"], job["Timeout"], job["MaxCapacity"]) == ("0.9", 2880, 10.0)


@pytest.mark.parametrize(
    ("fields", "glue_version", "timeout"),
    [
        ({}, "5.1", 480),
        ({"GlueVersion": "5.0"}, "5.0", 480),
        ({"GlueVersion": "4.0"}, "4.0", 2880),
        ({"GlueVersion": "6.0"}, "6.0", 480),
        ({"Command": STREAMING}, "5.1", None),  # a streaming job is shown without a Timeout
        ({"Timeout": 60}, "5.1", 60),
    ],
)
def test_current_defaults(glue_jobs: GlueJobs, glue: Any, fields: dict[str, Any], glue_version: str, timeout: int | None) -> None:
    glue_jobs.defaults = "current"

    job = created(glue, **fields)

    assert (job["GlueVersion"], job.get("Timeout")) == (glue_version, timeout)
    assert glue_jobs.jobs()["job"]["GlueVersion"] == glue_version  # what GetJob shows is what the test sees


@pytest.mark.parametrize(("worker_type", "workers", "dpus"), [("G.12X", 2, 24.0), ("G.16X", 3, 48.0), ("R.1X", 2, 2.0), ("R.2X", 2, 4.0), ("R.4X", 5, 20.0), ("R.8X", 2, 16.0)])
def test_the_newer_worker_types(glue_jobs: GlueJobs, glue: Any, worker_type: str, workers: int, dpus: float) -> None:
    glue_jobs.defaults = "current"

    job = created(glue, GlueVersion="4.0", WorkerType=worker_type, NumberOfWorkers=workers)

    assert (job["WorkerType"], job["MaxCapacity"], job["AllocatedCapacity"]) == (worker_type, dpus, int(dpus))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"GlueVersion": "2.0", "WorkerType": "G.12X", "NumberOfWorkers": 2}, "Job 'job': Worker type G.12X is only available for GlueVersion 3.0 or later; got GlueVersion '2.0'"),
        ({"Command": SHELL, "WorkerType": "R.1X", "NumberOfWorkers": 2}, "Worker Type is not supported for Job Command pythonshell"),
        ({"Command": {"Name": "glueray", "ScriptLocation": "s3://b/r.py", "Runtime": "Ray2.4"}, "GlueVersion": "4.0", "WorkerType": "R.2X", "NumberOfWorkers": 2},
         "Worker type cannot be null and only [Z.2X] worker types are supported for glueray jobs"),
        ({"WorkerType": "G.16X", "NumberOfWorkers": 1}, "Job 'job': To use Worker Type G.16X, minimum allowed value of Number of Workers is 2."),
        ({"WorkerType": "G.99X", "NumberOfWorkers": 2}, "enum value set: [Standard, G.1X, G.2X, G.025X, G.4X, G.8X, Z.2X, G.12X, G.16X, R.1X, R.2X, R.4X, R.8X]"),
        ({"Timeout": 10081}, "Timeout 10081 exceeds the maximum of 10080 minutes (7 days)"),
    ],
)
def test_current_worker_rules(glue_jobs: GlueJobs, glue: Any, fields: dict[str, Any], message: str) -> None:
    glue_jobs.defaults = "current"

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.create_job(Name="job", Role=ROLE, **{"Command": SPARK, **fields})

    assert message in error_of(caught).message
    assert glue_jobs.jobs() == {}


def test_the_documented_setting_refuses_the_newer_worker_types(glue_jobs: GlueJobs, glue: Any) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.create_job(Name="job", Role=ROLE, Command=SPARK, WorkerType="G.12X", NumberOfWorkers=2)

    assert "Value 'G.12X' at 'WorkerType' failed to satisfy constraint: Member must satisfy enum value set: [Standard, G.1X, G.2X, G.025X, G.4X, G.8X, Z.2X]" in error_of(caught).message


def test_update_job_and_start_job_run_follow_the_setting(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.defaults = "current"
    created(glue, GlueVersion="5.0", WorkerType="G.1X", NumberOfWorkers=2)

    glue.update_job(JobName="job", JobUpdate={"Role": ROLE, "Command": SPARK, "WorkerType": "R.4X", "NumberOfWorkers": 2})
    job = glue.get_job(JobName="job")["Job"]
    assert (job["GlueVersion"], job["Timeout"], job["MaxCapacity"]) == ("5.0", 480, 8.0)  # GlueVersion kept

    run_id = glue.start_job_run(JobName="job", WorkerType="G.16X", NumberOfWorkers=2)["JobRunId"]
    assert glue.get_job_run(JobName="job", RunId=run_id)["JobRun"]["MaxCapacity"] == 32.0


def test_jobs_keep_the_defaults_they_got(glue_jobs: GlueJobs, glue: Any) -> None:
    created(glue, "before")
    glue_jobs.defaults = "current"
    created(glue, "after")
    glue_jobs.defaults = "documented"

    jobs = glue_jobs.jobs()
    assert (jobs["before"]["GlueVersion"], jobs["after"]["GlueVersion"]) == ("0.9", "5.1")
    with pytest.raises(glue.exceptions.InvalidInputException):
        glue.create_job(Name="big", Role=ROLE, Command=SPARK, WorkerType="G.12X", NumberOfWorkers=2)


@pytest.mark.parametrize("value", ["Current", "latest", None, 1])
def test_a_setting_of_neither_name(glue_jobs: GlueJobs, value: Any) -> None:
    with pytest.raises(ValueError, match=r"defaults must be 'documented' \(Glue's API reference\) or 'current'"):
        glue_jobs.defaults = value
    assert glue_jobs.defaults == "documented"


def test_a_seed_file_of_todays_service_loads_under_current(glue_jobs: GlueJobs, tmp_path: Any) -> None:
    import json

    path = tmp_path / "jobs.json"
    path.write_text(json.dumps({"Jobs": [{"Name": "big", "Role": ROLE, "Command": {"Name": "glueetl"}, "WorkerType": "R.8X", "NumberOfWorkers": 2}]}))
    glue_jobs.defaults = "current"

    assert glue_jobs.load(path)["big"]["WorkerType"] == "R.8X"


# -- where the service was seen to differ from its documentation -----------------------------------


@pytest.mark.parametrize("defaults", ["documented", "current"])
@pytest.mark.parametrize("glue_version", [None, "2.0", "4.0"])
def test_capacity_without_workers_is_accepted_on_every_version(glue_jobs: GlueJobs, glue: Any, defaults: str, glue_version: str | None) -> None:
    # What Airflow's GlueJobHook sends by default: MaxCapacity 10, no WorkerType.
    glue_jobs.defaults = defaults
    fields: dict[str, Any] = {"MaxCapacity": 10}
    if glue_version:
        fields["GlueVersion"] = glue_version

    job = created(glue, **fields)

    assert (job["MaxCapacity"], job["AllocatedCapacity"]) == (10.0, 10)
    assert "WorkerType" not in job


@pytest.mark.parametrize("operation", ["create_job", "update_job", "start_job_run"])
def test_the_worker_maximum_in_the_services_words(glue_jobs: GlueJobs, glue: Any, operation: str) -> None:
    workers = {"WorkerType": "G.025X", "NumberOfWorkers": 300}
    streaming = {"Role": ROLE, "Command": STREAMING, "GlueVersion": "3.0"}
    if operation != "create_job":
        glue.create_job(Name="job", **streaming, WorkerType="G.025X", NumberOfWorkers=2)
    calls = {
        "create_job": lambda: glue.create_job(Name="job", **streaming, **workers),
        "update_job": lambda: glue.update_job(JobName="job", JobUpdate={**streaming, **workers}),
        "start_job_run": lambda: glue.start_job_run(JobName="job", **workers),
    }

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        calls[operation]()

    assert error_of(caught).message == "To use Worker Type G.025X, maximum allowed value of Number of Workers is 299."
    assert "got NumberOfWorkers 300" in told(glue_jobs, caught)
