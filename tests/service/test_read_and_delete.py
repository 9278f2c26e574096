"""GetJob, DeleteJob and BatchGetJobs."""

from __future__ import annotations

from typing import Any

import pytest
from support import error_of


def test_get_job_returns_the_job(glue: Any, make_job: Any) -> None:
    make_job("present", Description="here")
    job = glue.get_job(JobName="present")["Job"]
    assert (job["Name"], job["Description"]) == ("present", "here")


def test_get_job_of_a_missing_job_names_it(glue: Any) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException) as raised:
        glue.get_job(JobName="absent")
    assert "absent" in error_of(raised).message


def test_delete_job_returns_the_name_even_for_a_missing_job(glue: Any, make_job: Any) -> None:
    make_job("doomed")
    assert glue.delete_job(JobName="doomed")["JobName"] == "doomed"
    assert glue.delete_job(JobName="never-was")["JobName"] == "never-was"
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_job(JobName="doomed")


def test_a_deleted_name_is_free_and_its_tags_are_gone(glue: Any, make_job: Any) -> None:
    make_job("reborn", Tags={"team": "data"}, Description="first life")
    glue.delete_job(JobName="reborn")
    make_job("reborn")
    assert "Description" not in glue.get_job(JobName="reborn")["Job"]
    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == []


def test_batch_get_jobs_splits_found_and_not_found(glue: Any, make_job: Any) -> None:
    make_job("a")
    make_job("c")
    response = glue.batch_get_jobs(JobNames=["c", "b", "a", "c", "z"])
    assert [job["Name"] for job in response["Jobs"]] == ["c", "a"]
    assert response["JobsNotFound"] == ["b", "z"]
    assert response["Jobs"][0]["CreatedOn"].tzinfo is not None


def test_batch_get_jobs_of_nothing_is_empty(glue: Any) -> None:
    response = glue.batch_get_jobs(JobNames=[])
    assert (response["Jobs"], response["JobsNotFound"]) == ([], [])


def test_code_gen_nodes_are_in_get_job_and_batch_get_jobs_but_not_get_jobs(glue: Any, make_job: Any) -> None:
    nodes = {"n1": {"Spigot": {"Name": "peek", "Inputs": ["n0"], "Path": "s3://b/peek"}}}
    make_job("visual", JobMode="VISUAL", CodeGenConfigurationNodes=nodes)
    assert glue.get_job(JobName="visual")["Job"]["CodeGenConfigurationNodes"] == nodes
    assert glue.batch_get_jobs(JobNames=["visual"])["Jobs"][0]["CodeGenConfigurationNodes"] == nodes
    assert "CodeGenConfigurationNodes" not in glue.get_jobs()["Jobs"][0]
