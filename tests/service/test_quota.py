"""The jobs quota per region: 1000 by default, settable, freed by deletes."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from support import SHELL_COMMAND, error_of


def test_the_default_quota_is_1000_jobs_per_region(glue: Any, glue_jobs: Any) -> None:
    assert glue_jobs.max_jobs == 1000
    for index in range(1000):
        glue_jobs.add_job(f"job-{index:04d}")
    with pytest.raises(glue.exceptions.ResourceNumberLimitExceededException) as raised:
        glue.create_job(Name="one-too-many", Role="r", Command=SHELL_COMMAND)
    message = error_of(raised).message
    assert "'one-too-many'" in message and "1000" in message and "us-east-1" in message
    boto3.client("glue", region_name="eu-west-1").create_job(Name="elsewhere", Role="r", Command=SHELL_COMMAND)


def test_the_quota_is_settable_and_freed_by_deletes(glue: Any, glue_jobs: Any) -> None:
    glue_jobs.max_jobs = 2
    glue.create_job(Name="a", Role="r", Command=SHELL_COMMAND)
    glue_jobs.add_job("b")
    with pytest.raises(glue.exceptions.ResourceNumberLimitExceededException):
        glue.create_job(Name="c", Role="r", Command=SHELL_COMMAND)
    with pytest.raises(Exception, match="ResourceNumberLimitExceededException"):
        glue_jobs.add_job("c")
    glue.delete_job(JobName="a")
    glue.create_job(Name="c", Role="r", Command=SHELL_COMMAND)
    assert sorted(glue_jobs.jobs()) == ["b", "c"]


@pytest.mark.parametrize("bad", [-1, 1.5, "10", True])
def test_an_invalid_quota_is_refused(glue_jobs: Any, bad: Any) -> None:
    with pytest.raises(ValueError, match="max_jobs"):
        glue_jobs.max_jobs = bad
