"""16 threads x 300 mixed calls on four shared boto3 clients against one fake.

Each thread owns its own jobs (so it knows exactly what they must hold while others write) and
races every other thread to create a set of shared names. Afterwards: nothing lost, nothing
extra, exactly one winner per shared name, and paging exact. Threads are joined with a generous
bound so a deadlock fails the test instead of hanging it; nothing is timed.
"""

from __future__ import annotations

import random
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

from support import DEFINITION, REGION, fresh_client, page_names
from support.invariants import store_problems

from pytest_gluejobs import GlueJobs

THREADS = 16
CALLS_PER_THREAD = 300
CLIENTS = 4
SHARED = [f"shared-{index:02d}" for index in range(40)]
RACED_AT_ONCE = 10  # the first shared names are created by every thread right after the barrier
OWN_LIMIT = 25  # 16 x 25 + 40 jobs stay well under the quota of 1,000
HANG_GUARD_SECONDS = 300


@dataclass
class Worker:
    """One thread's view: the jobs it owns, its wins and losses, and the first failure it saw."""

    index: int
    client: Any
    own: dict[str, str] = field(default_factory=dict)
    wins: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    calls: int = 0
    failure: BaseException | None = None

    def call(self, method: str, **params: Any) -> Any:
        self.calls += 1
        return getattr(self.client, method)(**params)

    def contest(self, name: str) -> None:
        try:
            self.call("create_job", Name=name, **DEFINITION)
        except self.client.exceptions.AlreadyExistsException:
            self.losses.append(name)
        else:
            self.wins.append(name)

    def page_through(self, rng: random.Random) -> None:
        """A full ListJobs paging while others write: ordered, no repeats, all my jobs seen."""
        seen: list[str] = []
        params: dict[str, Any] = {"MaxResults": rng.choice([50, 120, 300])}
        while self.calls < CALLS_PER_THREAD:
            response = self.call("list_jobs", **params)
            seen += response["JobNames"]
            if "NextToken" not in response:
                assert seen == sorted(set(seen)), "ListJobs paging out of order or repeated"
                assert set(self.own) <= set(seen), "a job that existed throughout was skipped"
                return
            params["NextToken"] = response["NextToken"]

    def run(self, barrier: threading.Barrier) -> None:
        rng = random.Random(self.index)
        later = SHARED[RACED_AT_ONCE:]
        rng.shuffle(later)
        created = 0
        barrier.wait()
        for name in SHARED[:RACED_AT_ONCE]:
            self.contest(name)
        while self.calls < CALLS_PER_THREAD:
            if later and rng.random() < 0.04:
                self.contest(later.pop())
                continue
            action = rng.choice(["create", "update", "delete", "get", "get", "missing", "batch", "page", "get_jobs"])
            if (action == "create" and len(self.own) < OWN_LIMIT) or not self.own:
                name = f"t{self.index:02d}-{created:04d}"
                created += 1
                assert self.call("create_job", Name=name, Description="v0", **DEFINITION)["Name"] == name
                self.own[name] = "v0"
            elif action == "create" or action == "update":
                name = rng.choice(sorted(self.own))
                description = f"v{self.calls}"
                self.call("update_job", JobName=name, JobUpdate={**DEFINITION, "Description": description})
                self.own[name] = description
            elif action == "delete":
                name = rng.choice(sorted(self.own))
                assert self.call("delete_job", JobName=name)["JobName"] == name
                del self.own[name]
            elif action == "get":
                name = rng.choice(sorted(self.own))
                assert self.call("get_job", JobName=name)["Job"]["Description"] == self.own[name]
            elif action == "missing":
                try:
                    self.call("get_job", JobName=f"t{self.index:02d}-never")
                except self.client.exceptions.EntityNotFoundException:
                    pass
                else:
                    raise AssertionError("a job that was never created was found")
            elif action == "batch":
                names = rng.sample(sorted(self.own), min(3, len(self.own)))
                response = self.call("batch_get_jobs", JobNames=[*names, f"t{self.index:02d}-never"])
                assert sorted(job["Name"] for job in response["Jobs"]) == sorted(names)
                assert response["JobsNotFound"] == [f"t{self.index:02d}-never"]
            elif action == "page":
                self.page_through(rng)
            else:
                jobs = self.call("get_jobs", MaxResults=5)["Jobs"]
                names = [job["Name"] for job in jobs]
                assert names == sorted(set(names))
        for name in later:
            self.contest(name)

    def run_safely(self, barrier: threading.Barrier) -> None:
        try:
            self.run(barrier)
        except BaseException as error:  # the test thread reports it, with the thread's index
            self.failure = error
            barrier.abort()


def full_listing(client: Any, operation: str, page_size: int) -> list[str]:
    names: list[str] = []
    params: dict[str, Any] = {"MaxResults": page_size}
    while True:
        response = getattr(client, operation)(**params)
        names += page_names(response)
        if "NextToken" not in response:
            return names
        params["NextToken"] = response["NextToken"]


def test_sixteen_threads_on_shared_clients_lose_nothing(glue_jobs: GlueJobs) -> None:
    clients = [fresh_client(REGION) for _ in range(CLIENTS)]
    for client in clients:
        # botocore makes a client's exception classes on first use, without a lock: threads
        # racing to that first use can raise a class another thread's `except` does not match.
        assert client.exceptions.AlreadyExistsException
    workers = [Worker(index, clients[index % CLIENTS]) for index in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    threads = [threading.Thread(target=w.run_safely, args=(barrier,), daemon=True) for w in workers]

    # Switch threads every 0.1 ms instead of every 5 ms, so races get a chance to show.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(HANG_GUARD_SECONDS)
    finally:
        sys.setswitchinterval(switch_interval)

    assert not [t.name for t in threads if t.is_alive()], "threads still running: the fake hung"
    for worker in workers:
        if worker.failure is not None and not isinstance(worker.failure, threading.BrokenBarrierError):
            raise AssertionError(f"thread {worker.index} failed") from worker.failure
    for name in SHARED:
        winners = [w.index for w in workers if name in w.wins]
        losers = [w.index for w in workers if name in w.losses]
        assert len(winners) == 1, f"{name} was created by threads {winners}"
        assert len(losers) == THREADS - 1
    expected = {name: description for w in workers for name, description in w.own.items()}
    jobs = glue_jobs.jobs(REGION)
    assert sorted(jobs) == sorted([*expected, *SHARED])
    assert {name: jobs[name].get("Description") for name in expected} == expected
    for operation in ("list_jobs", "get_jobs"):
        for page_size in (1, 7, 100, 1000):
            assert full_listing(clients[0], operation, page_size) == sorted(jobs)
    assert store_problems(glue_jobs, REGION) == []
    assert sum(w.calls for w in workers) >= THREADS * CALLS_PER_THREAD
