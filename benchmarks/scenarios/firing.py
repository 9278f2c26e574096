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


def _catch_up(settings: Settings) -> tuple[float, int]:
    """Seconds (by the benchmark's clock) of the first look after a year's jump, and the runs it started."""
    real_time = time.time
    now = [START]
    time.time = lambda: now[0]  # type: ignore[assignment]
    try:
        fake = GlueJobs(region=REGION)
        # Enough slots for every fire's run to start: the heavier case (a full job records FAILED runs).
        fake.add_job("poll", ExecutionProperty={"MaxConcurrentRuns": 2000})
        fake.add_trigger("every-5", Schedule="cron(0/5 * * * ? *)", Actions=[{"JobName": "poll"}], StartOnCreation=True)
        now[0] = START + 365 * 86400
        began = settings.clock()
        fake.tick()
        spent = settings.clock() - began
        return spent, len(fake.service.runs(REGION, "poll"))
    finally:
        time.time = real_time  # type: ignore[assignment]


def run(settings: Settings, report: Report, tmp: Path) -> None:
    print(f"\n## Triggers firing by the clock ({settings.clock_label})")
    rounds = max(3, settings.rounds)
    samples = []
    started = 0
    for _ in range(rounds):
        spent, started = _catch_up(settings)
        samples.append(spent * 1000)
    median = statistics.median(samples)
    print(table(["scenario", "runs started", "median", "per fire time"], [
        ["a year's jump of cron(0/5 * * * ? *), one look", f"{started:,}", f"{median:.1f} ms", f"{median * 1000 / max(started, 1):.0f} µs"],
    ]))
    report.results["firing"] = {"catch_up_ms": median, "runs_started": started}
    report.target(
        f"1,000 scheduled fire times after a year's jump in under {MAX_CATCH_UP_MS:.0f} ms",
        started == 1000 and median < MAX_CATCH_UP_MS,
        f"{started:,} runs in {median:.1f} ms",
    )
