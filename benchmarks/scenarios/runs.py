"""A run that executes code against one that follows states: start it and poll it to its end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3

from pytest_gluejobs import GlueJobs

from .common import REGION, ROLE, Clock, Report, Settings, median_ms, table

MAX_CODE_OVER_STATES = 1.5
FINISHED = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}


def start_and_poll(client: Any, job_name: str) -> None:
    """What code under test does: start a run, then read it until it is finished."""
    run_id = client.start_job_run(JobName=job_name)["JobRunId"]
    while client.get_job_run(JobName=job_name, RunId=run_id)["JobRun"]["JobRunState"] not in FINISHED:
        pass


def timed(call: Callable[[], None], clock: Clock) -> float:
    began = clock()
    call()
    return clock() - began


def run(settings: Settings, report: Report, tmp: Path) -> None:
    print(f"\n## A run with code (start + poll to the end, median, {settings.clock_label})")
    fake = GlueJobs(region=REGION)
    cases: dict[str, Callable[[], None]] = {}
    with fake:
        client = boto3.client("glue", region_name=REGION)
        command = {"Name": "pythonshell", "ScriptLocation": "s3://bench-bucket/scripts/run.py"}
        for name in ("states", "code"):
            client.create_job(Name=name, Role=ROLE, Command=command)
        # Both finish at their first read, so each case is one StartJobRun and one GetJobRun.
        fake.run_states("states", "SUCCEEDED")
        fake.run_code("code", lambda args: None)
        cases = {
            "run_states('SUCCEEDED')": lambda: start_and_poll(client, "states"),
            "run_code(no-op handler)": lambda: start_and_poll(client, "code"),
        }
        for case in cases.values():  # warm every path once
            case()
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for number in range(settings.rounds * settings.calls):
            # Alternate which goes first, so a drift in the machine's speed touches both alike.
            order = list(cases) if number % 2 == 0 else list(reversed(cases))
            for name in order:
                samples[name].append(timed(cases[name], settings.clock))
    states_ms, code_ms = (median_ms(samples[name]) for name in cases)
    ratio = code_ms / states_ms
    print(
        table(
            ["run", "start + poll"],
            [[name, f"{median_ms(samples[name]) * 1000:.0f} µs"] for name in cases],
        )
    )
    print(f"  code/states: {ratio:.2f}")
    report.results["runs"] = {"states_ms": states_ms, "code_ms": code_ms, "code_over_states": ratio}
    report.target(
        f"runs: code/states <= {MAX_CODE_OVER_STATES}", ratio <= MAX_CODE_OVER_STATES, f"{ratio:.2f}"
    )
