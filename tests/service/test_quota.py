"""The jobs quota per region, and calls from many threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
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


def test_calls_from_many_threads_on_one_client_lose_nothing(glue: Any, glue_jobs: Any) -> None:
    def work(thread: int) -> None:
        for index in range(25):
            name = f"t{thread}-{index}"
            glue.create_job(Name=name, Role="r", Command=SHELL_COMMAND)
            glue.update_job(JobName=name, JobUpdate={"Role": "r2", "Command": SHELL_COMMAND})
            assert glue.get_job(JobName=name)["Job"]["Role"] == "r2"

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(8)))
    assert len(glue_jobs.jobs()) == 200
    assert len(list(glue.get_paginator("list_jobs").paginate().search("JobNames[]"))) == 200


def test_racing_creates_of_one_name_have_exactly_one_winner(glue: Any, glue_jobs: Any) -> None:
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def race(thread: int) -> None:
        start.wait()
        try:
            glue.create_job(Name="contested", Role=f"role-{thread}", Command=SHELL_COMMAND)
            outcomes.append("won")
        except ClientError as error:
            outcomes.append(error_of(error).code)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["AlreadyExistsException"] * 7 + ["won"]
    assert list(glue_jobs.jobs()) == ["contested"]
