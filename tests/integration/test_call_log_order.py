"""The call log under threads: its order is the order the answers were given."""

from __future__ import annotations

import json
import threading
import tracemalloc
from typing import Any

import boto3
from support import DEFINITION

from pytest_gluejobs import GlueJobs, fake_glue_jobs
from pytest_gluejobs._doubles.calls import Call


def test_replaying_the_log_in_order_gives_the_same_answers(glue_jobs: GlueJobs) -> None:
    glue = boto3.client("glue", region_name="us-east-1")
    glue.exceptions  # noqa: B018  (botocore builds them lazily, without a lock)

    def worker(seed: int) -> None:
        for step in range(60):
            kind = (seed + step) % 3
            try:
                if kind == 0:
                    glue.create_job(Name="contended", **DEFINITION)
                elif kind == 1:
                    glue.delete_job(JobName="contended")
                else:
                    glue.get_job(JobName="contended")
            except glue.exceptions.ClientError:
                pass

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    logged = list(glue_jobs.calls)
    assert len(logged) == 6 * 60
    replay = GlueJobs()
    for call in logged:
        try:
            replay.service.call(call.operation, json.loads(json.dumps(call.params)), "us-east-1")
            outcome = None
        except Exception as error:
            outcome = getattr(error, "code", type(error).__name__)
        assert outcome == call.error, f"{call!r} answered {call.error}, but {outcome} in log order"


def test_a_long_run_of_calls_keeps_a_bounded_log() -> None:
    # 30,000 calls: three times the default bound of 10,000 (the benchmark measures 100,000).
    request = json.dumps({"JobName": "nightly-job-0001"})
    body = json.dumps({"Job": {"Name": "nightly-job-0001", "Role": "r" * 60, "Timeout": 2880}}).encode()
    with fake_glue_jobs() as fake:
        log = fake._calls
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for number in range(30_000):
            # Each call's own request text and response bytes, as the wire hands them over.
            tag = f"{number:05}"
            log.record(Call("GetJob", "us-east-1", request.replace("0001", tag), body.replace(b"0001", tag.encode()), None, None, 1, None))
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        assert fake.dropped_calls == 20_000
    assert held < 20 * 2**20, f"{held / 2**20:.1f} MiB"


def test_reading_calls_is_cheap_however_long_the_log(glue_jobs: Any) -> None:
    log = glue_jobs._calls
    for _ in range(10_000):
        log.record(Call("ListJobs", "us-east-1", "{}", b"{}", None))
    tracemalloc.start()
    for _ in range(100):
        assert len(glue_jobs.calls) == 10_000
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50_000  # no copy of a 10,000-entry list per read
