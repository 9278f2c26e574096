"""The project's own test suite, as a contributor runs it: the README's ``pytest``, timed.

Its wall time depends on what else the machine is doing, so the CPU time of every process it ran
(the workers included, from ``os.wait4``) and the machine's load average are printed beside it.
Full runs only (or ``--only suite-time``): it takes about a minute.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from .common import ROOT, Report, Settings, environment, table

MAX_SUITE_SECONDS = 60.0


def run(settings: Settings, report: Report, tmp: Path) -> None:
    print("\n## The project's own test suite (`pytest`, as the README and CI run it)")
    if not settings.suite_time:
        print(f"  skipped in a {settings.mode} run: `--only suite-time` runs it")
        return
    env = environment(tmp)
    env.pop("PYTHONPATH", None)  # the suite finds this checkout itself, as on a contributor's machine
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    output = process.stdout.read().decode() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    load_after = os.getloadavg()[0]
    summary = output.strip().splitlines()[-1] if output.strip() else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the suite failed:\n{output[-3000:]}")
    counted = re.search(r"(\d+) passed", summary)
    tests = int(counted.group(1)) if counted else 0
    cpu = usage.ru_utime + usage.ru_stime
    print(
        table(
            ["tests passed", "wall", "CPU, all processes", "load average before / after"],
            [[f"{tests:,}", f"{wall:.1f} s", f"{cpu:.1f} s", f"{load_before:.1f} / {load_after:.1f}"]],
        )
    )
    print(f"  pytest said: {summary}")
    report.results["suite_time"] = {"tests": tests, "wall_s": wall, "cpu_s": cpu, "load": load_before}
    report.target(
        f"the README's pytest <= {MAX_SUITE_SECONDS:.0f} s",
        wall <= MAX_SUITE_SECONDS,
        f"{wall:.1f} s wall, {cpu:.1f} s CPU, load {load_before:.1f}",
    )
