"""Triggers that fire by the clock: a year's jump of a 5-minute schedule, and the cost of looking.

The fake reads ``time.time()`` at call time, so the scenario moves the clock by replacing it for
the duration of a measurement, as freezegun and time-machine do in a test.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from pytest_gluejobs import GlueJobs

from .common import REGION, Report, Settings, table

MAX_CATCH_UP_MS = 50.0  # the target: 1,000 scheduled fire times started after a year's jump
START = 1_704_067_140.0  # 2023-12-31 23:59 UTC


def _catch_up(settings: Settings, with_code: bool) -> tuple[float, int]:
    """Seconds (by the benchmark's clock) of the first look after a year's jump, and the runs it
    started. Without code, the job's first run keeps its one slot and every later fire records a
    FAILED run; with a no-op ``run_code`` handler, each fire's run executes and frees the slot."""
    real_time = time.time
    now = [START]
    time.time = lambda: now[0]
    try:
        fake = GlueJobs(region=REGION)
        fake.add_job("poll")
        if with_code:
            fake.run_code("poll", lambda args: None)
        fake.add_trigger("every-5", Schedule="cron(0/5 * * * ? *)", Actions=[{"JobName": "poll"}], StartOnCreation=True)
        now[0] = START + 365 * 86400
        began = settings.clock()
        fake.tick()
        spent = settings.clock() - began
        return spent, len(fake.service.runs(REGION, "poll"))
    finally:
        time.time = real_time


def run(settings: Settings, report: Report, tmp: Path) -> None:
    print(f"\n## Triggers firing by the clock ({settings.clock_label})")
    rounds = max(3, settings.rounds)
    rows = []
    results: dict[str, dict[str, float]] = {}
    for with_code in (False, True):
        samples = []
        started = 0
        for _ in range(rounds):
            spent, started = _catch_up(settings, with_code)
            samples.append(spent * 1000)
        median = statistics.median(samples)
        label = "each run executes a no-op run_code handler" if with_code else "runs follow states (1 run; 999 recorded FAILED: slot full)"
        rows.append([label, f"{started:,}", f"{median:.1f} ms", f"{median * 1000 / max(started, 1):.0f} µs"])
        results["with_code" if with_code else "states"] = {"catch_up_ms": median, "runs": started}
    print("A year's jump of cron(0/5 * * * ? *): the first look starts the latest 1,000 fire times.")
    print(table(["runs", "runs recorded", "median", "per fire time"], rows))
    report.results["firing"] = results
    median, recorded = results["states"]["catch_up_ms"], results["states"]["runs"]
    report.target(
        f"1,000 scheduled fire times after a year's jump in under {MAX_CATCH_UP_MS:.0f} ms",
        recorded == 1000 and median < MAX_CATCH_UP_MS,
        f"{recorded:,.0f} runs in {median:.1f} ms",
    )
