"""UpdateJob replaces the whole definition, except GlueVersion, CreatedOn and tags."""

from __future__ import annotations

from typing import Any

import pytest
from support import COMMAND, error_of


def test_update_job_returns_the_job_name(glue: Any, make_job: Any) -> None:
    make_job("nightly")
    response = glue.update_job(JobName="nightly", JobUpdate={"Role": "r2", "Command": COMMAND})
    assert response["JobName"] == "nightly"


def test_omitted_members_are_removed_or_reset_to_defaults(glue: Any, make_job: Any) -> None:
    make_job(
        "nightly",
        Description="old",
        Timeout=30,
        MaxRetries=3,
        ExecutionProperty={"MaxConcurrentRuns": 5},
        DefaultArguments={"--a": "1"},
        JobMode="NOTEBOOK",
    )
    glue.update_job(JobName="nightly", JobUpdate={"Role": "new-role", "Command": COMMAND})
    job = glue.get_job(JobName="nightly")["Job"]
    assert job["Role"] == "new-role"
    assert "Description" not in job
    assert "DefaultArguments" not in job
    assert job["Timeout"] == 2880
    assert job["MaxRetries"] == 0
    assert job["ExecutionProperty"] == {"MaxConcurrentRuns": 1}
    assert job["JobMode"] == "SCRIPT"


def test_an_omitted_glue_version_keeps_its_value(glue: Any, make_job: Any) -> None:
    make_job("versioned", GlueVersion="4.0", WorkerType="G.1X", NumberOfWorkers=2)
    glue.update_job(JobName="versioned", JobUpdate={"Role": "r", "Command": COMMAND, "WorkerType": "G.1X", "NumberOfWorkers": 4})
    assert glue.get_job(JobName="versioned")["Job"]["GlueVersion"] == "4.0"
    glue.update_job(JobName="versioned", JobUpdate={"Role": "r", "Command": COMMAND, "GlueVersion": "1.0"})
    assert glue.get_job(JobName="versioned")["Job"]["GlueVersion"] == "1.0"


def test_the_kept_glue_version_decides_the_rules(glue: Any, make_job: Any) -> None:
    make_job("v2", GlueVersion="2.0", WorkerType="G.1X", NumberOfWorkers=2)
    with pytest.raises(glue.exceptions.InvalidInputException, match=r"GlueVersion 3\.0 or later; .*GlueVersion '2\.0'"):
        glue.update_job(JobName="v2", JobUpdate={"Role": "r", "Command": COMMAND, "ExecutionClass": "FLEX", "WorkerType": "G.1X", "NumberOfWorkers": 2})


def test_created_on_and_tags_are_kept_and_last_modified_on_moves(
    glue: Any, make_job: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("time.time", lambda: 1_700_000_000.0)
    make_job("kept", Tags={"team": "data"})
    monkeypatch.setattr("time.time", lambda: 1_700_000_600.5)
    glue.update_job(JobName="kept", JobUpdate={"Role": "r", "Command": COMMAND})
    job = glue.get_job(JobName="kept")["Job"]
    assert job["CreatedOn"].timestamp() == 1_700_000_000.0
    assert job["LastModifiedOn"].timestamp() == 1_700_000_600.5
    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == ["kept"]


@pytest.mark.parametrize("missing", ["Role", "Command"])
def test_role_and_command_are_required(glue: Any, make_job: Any, missing: str) -> None:
    make_job("partial")
    update = {"Role": "r", "Command": COMMAND, "Description": "new"}
    del update[missing]
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.update_job(JobName="partial", JobUpdate=update)
    message = error_of(raised).message
    assert f"JobUpdate.{missing} is required" in message and "'partial'" in message
    assert "Description" not in glue.get_job(JobName="partial")["Job"]


def test_updating_a_missing_job_is_entity_not_found(glue: Any) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException, match="ghost"):
        glue.update_job(JobName="ghost", JobUpdate={"Role": "r", "Command": COMMAND})


def test_sending_a_get_job_result_back_fails_like_aws_for_worker_jobs(glue: Any, make_job: Any) -> None:
    # GetJob reports a computed MaxCapacity beside WorkerType; AWS refuses it back (boto/boto3#2644).
    make_job("round-trip", GlueVersion="3.0", WorkerType="G.1X", NumberOfWorkers=2)
    job = glue.get_job(JobName="round-trip")["Job"]
    update = {key: job[key] for key in ("Role", "Command", "WorkerType", "NumberOfWorkers", "MaxCapacity")}
    with pytest.raises(glue.exceptions.InvalidInputException, match="Please do not set Max Capacity"):
        glue.update_job(JobName="round-trip", JobUpdate=update)
