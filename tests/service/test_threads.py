"""Calls from many threads at once: nothing lost, one winner per contested name."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from botocore.exceptions import ClientError
from support import SHELL_COMMAND, error_of, in_threads


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

    in_threads(race, 8)
    assert sorted(outcomes) == ["AlreadyExistsException"] * 7 + ["won"]
    assert list(glue_jobs.jobs()) == ["contested"]
