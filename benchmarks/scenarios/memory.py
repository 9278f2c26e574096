"""Peak and retained memory for 10,000 jobs, and what the call log holds after 100,000 calls, each
traced in a fresh process."""

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


# Each call goes through the fake's endpoint as botocore hands it over (its own request text and
# response bytes, decoded, answered, encoded and logged), without botocore's 250 us around it.
LOG_CHILD = """
import json, sys, tracemalloc
sys.path.insert(0, {root!r})
from pytest_gluejobs import GlueJobs

results = {{}}
for bound in (None, {count}):
    fake = GlueJobs(region="us-east-1")
    if bound is not None:
        fake.max_calls = bound
    for index in range(100):
        fake.add_job(f"nightly-{{index:03d}}", Description="x" * 200)
    endpoint = fake._endpoint
    retries = {{"attempt": 1, "invocation-id": "bench"}}
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    for number in range({count}):
        body = json.dumps({{"JobName": f"nightly-{{number % 100:03d}}"}}).encode()
        answer = endpoint.answer("GetJob", body, "us-east-1", retries)
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results["all" if bound else "default"] = {{
        "held": held - before, "kept": len(fake.calls), "response": len(answer.content)
    }}
print(json.dumps(results))
"""


def _log_memory(settings: Settings, report: Report, tmp: Path) -> None:
    count = settings.log_calls
    print(f"\n## The call log after {count:,} GetJob calls (a fresh process, traced with tracemalloc)")
    print("Each kept call holds its request text and the response bytes it was answered with.")
    code = LOG_CHILD.format(root=str(ROOT), count=count)
    finished = subprocess.run(
        [sys.executable, "-c", code], env=environment(tmp), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"call log measurement failed:\n{finished.stderr[-3000:]}")
    measured = json.loads(finished.stdout.strip().splitlines()[-1])
    rows = []
    for key, label in (("default", "max_calls = 10,000 (the default)"), ("all", f"max_calls = {count:,}")):
        held, kept = measured[key]["held"], measured[key]["kept"]
        rows.append([label, f"{kept:,}", f"{held / 2**20:.1f} MiB", f"{held / max(kept, 1):.0f} B"])
    print(table(["log", "calls kept", "held", "per kept call"], rows))
    print(f"  (each GetJob answered {measured['default']['response']:,} bytes)")
    report.results["call_log"] = {
        key: {"held_mib": value["held"] / 2**20, "kept": value["kept"], "calls": count}
        for key, value in measured.items()
    }


def run(settings: Settings, report: Report, tmp: Path) -> None:
    _log_memory(settings, report, tmp)
    _jobs_memory(settings, report, tmp)


def _jobs_memory(settings: Settings, report: Report, tmp: Path) -> None:
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
