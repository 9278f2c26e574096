"""10,000 jobs: creating them, paging through them, and BatchGetJobs of 100 among them."""

from __future__ import annotations

import random
import statistics
from functools import partial
from pathlib import Path
from typing import Any

import boto3

from pytest_gluejobs import GlueJobs
from pytest_gluejobs._service.paging import DEFAULT_PAGE_SIZE

from .common import REGION, Clock, Report, Settings, job_definition, median_ms, table, timed_batch

MAX_PAGING_GROWTH = 12.0  # the target of issue 5: 10x the jobs may cost at most 12x the time


def _fill(fake: GlueJobs, client: Any, count: int, clock: Clock) -> float:
    """Create ``count`` jobs through the client; seconds per CreateJob."""
    fake.max_jobs = max(fake.max_jobs, count)
    with fake:
        began = clock()
        for index in range(count):
            client.create_job(**job_definition(f"job-{index:05d}"))
        return (clock() - began) / count


def _page_all(client: Any, operation: str, key: str, clock: Clock) -> tuple[float, int]:
    """Seconds to page through every job with botocore's paginator, and how many were seen."""
    began = clock()
    seen = 0
    for page in client.get_paginator(operation).paginate():
        seen += len(page[key])
    return clock() - began, seen


def run(settings: Settings, report: Report, tmp: Path) -> None:
    small_n, big_n = settings.scale_small, settings.scale_big
    clock = settings.clock
    print(f"\n## Scale: {big_n:,} jobs against {small_n:,} ({settings.clock_label})")
    small, big = GlueJobs(region=REGION), GlueJobs(region=REGION)
    with big:
        client = boto3.client("glue", region_name=REGION)
    create_small = _fill(small, client, small_n, clock)
    create_big = _fill(big, client, big_n, clock)

    with small:  # the first paging loads botocore's paginator model: not part of any round
        _page_all(client, "get_jobs", "Jobs", clock)
    paging: dict[tuple[str, int], list[float]] = {}
    batch_samples: list[float] = []
    names = [f"job-{index:05d}" for index in range(big_n)]
    chooser = random.Random(5)
    for round_ in range(settings.scale_rounds):
        sizes = [(small, small_n), (big, big_n)]
        for fake, count in sizes if round_ % 2 == 0 else reversed(sizes):
            with fake:
                for operation, key in (("get_jobs", "Jobs"), ("list_jobs", "JobNames")):
                    seconds, seen = _page_all(client, operation, key, clock)
                    assert seen == count, f"{operation} paged {seen} jobs of {count}"
                    paging.setdefault((operation, count), []).append(seconds)
        with big:
            batch_samples.append(
                timed_batch(partial(client.batch_get_jobs, JobNames=chooser.sample(names, 100)), 10, clock)
            )

    rows = [
        [
            "CreateJob, per call while filling",
            f"{create_small * 1e6:.0f} µs",
            f"{create_big * 1e6:.0f} µs",
            f"{create_big / create_small:.2f}",
        ]
    ]
    results: dict[str, Any] = {
        "create_small_ms": create_small * 1000,
        "create_big_ms": create_big * 1000,
    }
    worst_growth = 0.0
    for operation in ("get_jobs", "list_jobs"):
        small_s = statistics.median(paging[(operation, small_n)])
        big_s = statistics.median(paging[(operation, big_n)])
        growth = big_s / small_s
        worst_growth = max(worst_growth, growth)
        rows.append(
            [
                f"page through all with {operation}",
                f"{small_s * 1000:.0f} ms",
                f"{big_s * 1000:.0f} ms",
                f"{growth:.2f}",
            ]
        )
        results[operation] = {"small_ms": small_s * 1000, "big_ms": big_s * 1000, "growth": growth}
    batch_ms = median_ms(batch_samples)
    results["batch_get_jobs_100_ms"] = batch_ms
    print(table(["measure", f"{small_n:,} jobs", f"{big_n:,} jobs", "big/small"], rows))
    print(f"  (paging with botocore's paginator and the default page size of {DEFAULT_PAGE_SIZE})")
    print(f"  BatchGetJobs of 100 names among {big_n:,} jobs: {batch_ms:.2f} ms per call")
    report.results["scale"] = results
    limit = MAX_PAGING_GROWTH * (big_n / small_n) / 10
    report.target(
        f"paging is O(n): {big_n:,} jobs <= {limit:.0f}x the cost of {small_n:,}",
        worst_growth <= limit,
        f"worst {worst_growth:.2f}x",
    )
