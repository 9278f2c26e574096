"""Peak and retained memory for 10,000 jobs, traced in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .common import ROOT, Report, Settings, environment, table

MEMORY_CHILD = """
import json, sys, tracemalloc
sys.path.insert(0, {root!r})
sys.path.insert(0, {here!r})
import boto3
from scenarios.common import job_definition
from pytest_gluejobs import GlueJobs

fake = GlueJobs(region="us-east-1")
fake.max_jobs = {count}
with fake:
    client = boto3.client("glue", region_name="us-east-1")
    client.create_job(**job_definition("warm-up"))  # botocore's caches fill before tracing
    list(client.get_paginator("get_jobs").paginate())
    client.delete_job(JobName="warm-up")
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    for index in range({count}):
        client.create_job(**job_definition(f"job-{{index:05d}}"))
    created, _ = tracemalloc.get_traced_memory()
    for page in client.get_paginator("get_jobs").paginate():
        pass
    del page
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
print(json.dumps({{
    "created": created - before, "retained": after - before, "peak": peak - before,
}}))
"""


def run(settings: Settings, report: Report, tmp: Path) -> None:
    count = settings.memory_jobs
    print(f"\n## Memory for {count:,} jobs (a fresh process, traced with tracemalloc)")
    code = MEMORY_CHILD.format(root=str(ROOT), here=str(Path(__file__).resolve().parents[1]), count=count)
    finished = subprocess.run(
        [sys.executable, "-c", code], env=environment(tmp), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"memory measurement failed:\n{finished.stderr[-3000:]}")
    measured = json.loads(finished.stdout.strip().splitlines()[-1])
    mib = {key: measured[key] / 2**20 for key in ("created", "retained", "peak")}

    def per_job(key: str) -> str:
        return f"{mib[key]:.1f} MiB ({measured[key] / count / 1024:.1f} KiB per job)"

    print(
        table(
            ["measure", "value"],
            [
                [f"held after creating {count:,} jobs through a client", per_job("created")],
                ["held after paging through all of them with GetJobs", per_job("retained")],
                ["peak while creating and paging", f"{mib['peak']:.1f} MiB"],
            ],
        )
    )
    report.results["memory"] = {**{f"{key}_mib": value for key, value in mib.items()}, "jobs": count}
