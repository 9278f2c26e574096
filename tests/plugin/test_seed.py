"""Seed files: what `aws glue get-jobs` printed, loaded and read back through boto3."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from support import UTC

from pytest_gluejobs import GlueJobs, SeedFileError

# As AWS CLI v2 prints `aws glue get-jobs` (ISO-8601 timestamps, derived members included).
CLI_V2_JOB: dict[str, Any] = {
    "Name": "export-to-s3",
    "JobMode": "SCRIPT",
    "JobRunQueuingEnabled": False,
    "Description": "export a table",
    "Role": "arn:aws:iam::123456789012:role/GlueRole",
    "CreatedOn": "2025-01-30T15:53:30.765000+00:00",
    "LastModifiedOn": "2025-01-31T08:00:00.5+01:00",
    "ExecutionProperty": {"MaxConcurrentRuns": 1},
    "Command": {"Name": "glueetl", "ScriptLocation": "s3://bucket/export.scala", "PythonVersion": "3"},
    "DefaultArguments": {"--job-language": "scala"},
    "MaxRetries": 0,
    "AllocatedCapacity": 4,
    "Timeout": 2880,
    "MaxCapacity": 4.0,
    "WorkerType": "G.2X",
    "NumberOfWorkers": 2,
    "GlueVersion": "3.0",
    "ProfileName": "default-profile",
}
# As AWS CLI v1 / `--cli-timestamp-format wire` prints it: epoch seconds.
CLI_V1_JOB: dict[str, Any] = {
    "Name": "stream",
    "Role": "arn:aws:iam::123456789012:role/GlueRole",
    "CreatedOn": 1602805698.167,
    "LastModifiedOn": 1602805698,
    "ExecutionProperty": {"MaxConcurrentRuns": 1},
    "Command": {"Name": "gluestreaming", "ScriptLocation": "s3://bucket/stream.py", "PythonVersion": "3"},
    "MaxRetries": 0,
    "AllocatedCapacity": 10,
    "MaxCapacity": 10.0,
    "GlueVersion": "1.0",
}


def write(tmp_path: Path, document: Any, name: str = "jobs.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def test_get_jobs_output_reads_back_as_written(glue_jobs: GlueJobs, glue_client: Any, tmp_path: Path) -> None:
    path = write(tmp_path, {"Jobs": [CLI_V2_JOB, CLI_V1_JOB]})
    loaded = glue_jobs.load(path)
    assert sorted(loaded) == ["export-to-s3", "stream"]

    job = glue_client.get_job(JobName="export-to-s3")["Job"]
    expected = {k: v for k, v in CLI_V2_JOB.items() if k not in ("CreatedOn", "LastModifiedOn")}
    assert {k: v for k, v in job.items() if k not in ("CreatedOn", "LastModifiedOn")} == expected
    assert job["CreatedOn"] == datetime.datetime(2025, 1, 30, 15, 53, 30, 765000, tzinfo=UTC)
    assert job["LastModifiedOn"] == datetime.datetime(2025, 1, 31, 7, 0, 0, 500000, tzinfo=UTC)
    assert loaded["export-to-s3"] == job

    stream = glue_client.get_job(JobName="stream")["Job"]
    assert stream["CreatedOn"] == datetime.datetime.fromtimestamp(1602805698.167, UTC)
    assert "Timeout" not in stream  # kept as written: nothing filled in


def test_derived_members_are_kept_where_create_job_would_refuse_them(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    # MaxCapacity beside WorkerType, and ProfileName, which no input may carry.
    glue_jobs.load(write(tmp_path, [CLI_V2_JOB]))
    job = glue_jobs.jobs()["export-to-s3"]
    assert (job["MaxCapacity"], job["WorkerType"], job["ProfileName"]) == (4.0, "G.2X", "default-profile")


def test_the_store_holds_wire_form(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.load(write(tmp_path, [CLI_V2_JOB]))
    stored = glue_jobs.service.store("us-east-1").jobs["export-to-s3"]
    assert stored["CreatedOn"] == pytest.approx(1738252410.765)
    assert isinstance(stored["LastModifiedOn"], float)


@pytest.mark.parametrize(
    "document",
    [
        {"Jobs": [CLI_V1_JOB]},
        [CLI_V1_JOB],
        {"Job": CLI_V1_JOB},
        {"Jobs": [CLI_V1_JOB], "JobsNotFound": ["gone"]},
        {"Jobs": [CLI_V1_JOB], "NextToken": "abc"},
    ],
    ids=["get-jobs", "bare-list", "get-job", "batch-get-jobs", "get-jobs-page"],
)
def test_every_shape_the_cli_prints(glue_jobs: GlueJobs, tmp_path: Path, document: Any) -> None:
    assert list(glue_jobs.load(write(tmp_path, document))) == ["stream"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-01-30T15:53:30Z", datetime.datetime(2025, 1, 30, 15, 53, 30, tzinfo=UTC)),
        ("2025-01-30T15:53:30.1234567-02:00", datetime.datetime(2025, 1, 30, 17, 53, 30, 123456, tzinfo=UTC)),
        ("2025-01-30 15:53:30", datetime.datetime(2025, 1, 30, 15, 53, 30, tzinfo=UTC)),
        ("2025-01-30", datetime.datetime(2025, 1, 30, tzinfo=UTC)),
        (1738252410, datetime.datetime(2025, 1, 30, 15, 53, 30, tzinfo=UTC)),
        ("1738252410.5", datetime.datetime(2025, 1, 30, 15, 53, 30, 500000, tzinfo=UTC)),
    ],
)
def test_timestamp_forms(glue_jobs: GlueJobs, tmp_path: Path, written: Any, expected: datetime.datetime) -> None:
    job = dict(CLI_V1_JOB, CreatedOn=written, LastModifiedOn=written)
    assert glue_jobs.load(write(tmp_path, [job]))["stream"]["CreatedOn"] == expected


def test_missing_timestamps_are_filled(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    only_created = dict(CLI_V1_JOB, Name="a")
    del only_created["LastModifiedOn"]
    neither = {"Name": "b", "Role": "r", "Command": {"Name": "pythonshell"}}
    before = datetime.datetime.now(UTC).replace(microsecond=0)
    loaded = glue_jobs.load(write(tmp_path, [only_created, neither]))
    assert loaded["a"]["LastModifiedOn"] == loaded["a"]["CreatedOn"]
    assert loaded["b"]["CreatedOn"] == loaded["b"]["LastModifiedOn"] >= before


def test_region_and_then_every_operation_works_on_loaded_jobs(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    old = {k: v for k, v in CLI_V1_JOB.items() if k != "GlueVersion"}
    old["Name"] = "old"
    glue_jobs.load(write(tmp_path, [CLI_V1_JOB, old]), region="eu-west-1")
    assert glue_jobs.jobs() == {}
    client = boto3.client("glue", region_name="eu-west-1")
    assert client.list_jobs()["JobNames"] == ["old", "stream"]
    client.update_job(JobName="stream", JobUpdate={"Role": "r", "Command": {"Name": "pythonshell"}})
    client.update_job(JobName="old", JobUpdate={"Role": "r", "Command": {"Name": "pythonshell"}})
    assert client.get_job(JobName="stream")["Job"]["GlueVersion"] == "1.0"
    assert client.get_job(JobName="old")["Job"]["GlueVersion"] == "0.9"


# -- bad files: an error naming the file, the job and the problem; nothing loaded ---------------


def refused(glue_jobs: GlueJobs, path: Path) -> str:
    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path)
    assert glue_jobs.jobs() == {}
    message = str(error.value)
    assert message.startswith(f"Seed file {path}: ")
    return message[len(f"Seed file {path}: "):]


def test_not_json(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    assert refused(glue_jobs, write(tmp_path, '{"Jobs": [')).startswith("not valid JSON: ")
    assert "NaN is not a JSON value" in refused(glue_jobs, write(tmp_path, '[{"Name": "a", "Timeout": NaN}]'))


def test_not_jobs(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    assert refused(glue_jobs, write(tmp_path, {"JobNames": ["a"]})).startswith(
        "expected what `aws glue get-jobs` or `batch-get-jobs` prints"
    )
    assert refused(glue_jobs, write(tmp_path, {"Jobs": [], "Extra": 1})).endswith(
        "got an object with keys 'Jobs', 'Extra'"
    )
    assert refused(glue_jobs, write(tmp_path, [CLI_V1_JOB, "stream"])) == "entry 2 is a JSON str 'stream', not a job"


def test_job_without_a_name(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    job = {k: v for k, v in CLI_V1_JOB.items() if k != "Name"}
    assert refused(glue_jobs, write(tmp_path, [job])) == "entry 1 has no Name"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"Timeout": 0}, "Value 0 at 'Timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        ({"WorkerType": "G.3X"}, "Value 'G.3X' at 'WorkerType' failed to satisfy constraint: Member must satisfy enum value set"),
        ({"MaxRetries": "2"}, "Value '2' at 'MaxRetries' must be an integer"),
        ({"Tags": {"a": "b"}}, "Unknown member 'Tags': must be one of Name, JobMode"),
        ({"Command": {"ScriptLocation": "s3://x"}}, "Member 'Command.Name' is missing or empty"),
        ({"Role": None}, "Value None at 'Role' must be a string"),
        ({"CreatedOn": "yesterday"}, "CreatedOn 'yesterday' is neither an ISO-8601 timestamp nor epoch seconds"),
        ({"LastModifiedOn": True}, "LastModifiedOn True is neither an ISO-8601 timestamp nor epoch seconds"),
    ],
)
def test_member_problems_name_the_job_and_the_rule(
    glue_jobs: GlueJobs, tmp_path: Path, change: dict[str, Any], problem: str
) -> None:
    message = refused(glue_jobs, write(tmp_path, [CLI_V2_JOB, dict(CLI_V1_JOB, **change)]))
    assert message.startswith("job 'stream': ")
    assert problem in message


def test_role_and_command_are_required(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    message = refused(glue_jobs, write(tmp_path, [{"Name": "bare"}]))
    assert message == (
        "job 'bare': Member 'Role' is missing: every job the service returns has it; "
        "Member 'Command' is missing: every job the service returns has it"
    )


def test_a_name_twice(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    message = refused(glue_jobs, write(tmp_path, [CLI_V1_JOB, CLI_V2_JOB, CLI_V1_JOB]))
    assert message == "job 'stream' appears twice (entries 1 and 3)"


def test_a_name_already_seeded(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.add_job("stream")
    path = write(tmp_path, [CLI_V2_JOB, CLI_V1_JOB])
    with pytest.raises(SeedFileError, match=r"job 'stream' already exists in us-east-1 .*nothing was loaded"):
        glue_jobs.load(path)
    assert list(glue_jobs.jobs()) == ["stream"]


def test_the_quota(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.max_jobs = 1
    message = refused(glue_jobs, write(tmp_path, [CLI_V1_JOB, CLI_V2_JOB]))
    assert message == (
        "2 jobs would bring us-east-1 to 2, over the quota of 1 (glue_jobs.max_jobs); nothing was loaded"
    )


def test_a_missing_file_says_which(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.json"):
        glue_jobs.load(tmp_path / "nope.json")


def test_a_minimal_seeded_job_runs_and_is_tagged(glue_jobs: GlueJobs, glue_client: Any, tmp_path: Path) -> None:
    glue_jobs.load(write(tmp_path, [{"Name": "bare", "Role": "r", "Command": {"Name": "pythonshell"}}]))
    glue_jobs.run_states("bare", "RUNNING", "SUCCEEDED")
    run_id = glue_client.start_job_run(JobName="bare")["JobRunId"]
    states = [glue_client.get_job_run(JobName="bare", RunId=run_id)["JobRun"]["JobRunState"] for _ in range(2)]
    assert states == ["RUNNING", "SUCCEEDED"]
    glue_client.tag_resource(ResourceArn=glue_jobs.job_arn("bare"), TagsToAdd={"team": "data"})
    assert glue_client.list_jobs(Tags={"team": "data"})["JobNames"] == ["bare"]
