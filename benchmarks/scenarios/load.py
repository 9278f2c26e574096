"""What loading the plugin costs a pytest run: one test, with the plugin and with ``-p no:gluejobs``.

pytest loads the plugin for every run in an environment that has it (IDEs and watchers too), so a
suite that never touches AWS must not pay for it. Each case is a fresh ``pytest`` process with the
environment's plugins autoloaded, as a user's run has them; the two contenders alternate run by
run, and each run's wall time, CPU time and peak memory (its own, from ``os.wait4``) are kept.
Two suites: one whose test never imports botocore, and one whose test module imports boto3 (the
plugin then hooks botocore as it is imported).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import ROOT, Report, Settings, environment, table

MAX_LOAD_RATIO = 1.05

SUITES = {
    "no AWS library": "def test_one():\n    assert 1 + 1 == 2\n",
    "imports boto3, calls nothing": (
        "import boto3\n\n\ndef test_one():\n    assert boto3.__name__ == 'boto3'\n"
    ),
}


def one_run(directory: Path, env: dict[str, str], *flags: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of one ``pytest`` process."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *flags, "test_one.py"]
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"pytest {' '.join(flags)} failed in {directory}:\n{stderr[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run(settings: Settings, report: Report, tmp: Path) -> None:
    runs = settings.load_runs
    print(f"\n## Loading the plugin (a one-test pytest run; medians of {runs} runs each, alternating)")
    env = environment(tmp)
    env.pop("PYTHONPATH", None)  # the installed plugin, found through its entry point as users get it
    env["PYTHONPATH"] = str(ROOT)
    rows = []
    results: dict[str, dict[str, float]] = {}
    worst = 0.0
    # A smoke run only checks the section works: one suite, no warm-up round.
    suites = dict(list(SUITES.items())[:1]) if settings.mode == "smoke" else SUITES
    first = 0 if settings.mode == "smoke" else 1
    for suite, source in suites.items():
        directory = tmp / f"load-{len(results)}"
        directory.mkdir()
        (directory / "test_one.py").write_text(source)
        (directory / "pytest.ini").write_text("[pytest]\n")
        samples: dict[str, list[tuple[float, float, float]]] = {"with": [], "without": []}
        for number in range(runs + first):
            order = ["with", "without"] if number % 2 == 0 else ["without", "with"]
            for name in order:
                measured = one_run(directory, env, *(() if name == "with" else ("-p", "no:gluejobs")))
                if number >= first:  # a first round warms the file system cache and .pyc files
                    samples[name].append(measured)
        medians = {
            name: [statistics.median(run[index] for run in measured) for index in range(3)]
            for name, measured in samples.items()
        }
        (wall, cpu, mib), (wall_off, cpu_off, mib_off) = medians["with"], medians["without"]
        spread = [run[0] / off[0] for run, off in zip(samples["with"], samples["without"])]
        # The fastest run of each: what the work itself costs, least touched by other processes
        # (timeit's reasoning); the medians beside it show what a busy machine made of it.
        fastest = min(run[0] for run in samples["with"]) / min(run[0] for run in samples["without"])
        worst = max(worst, fastest)
        rows.append(
            [
                suite,
                f"{wall * 1000:.0f} ms",
                f"{wall_off * 1000:.0f} ms",
                f"{fastest:.3f}",
                f"{wall / wall_off:.3f} ({min(spread):.2f} to {max(spread):.2f})",
                f"{cpu / cpu_off:.3f}",
                f"{mib:.1f} / {mib_off:.1f} MiB ({mib - mib_off:+.1f})",
            ]
        )
        results[suite] = {
            "with_ms": wall * 1000,
            "without_ms": wall_off * 1000,
            "fastest_ratio": fastest,
            "wall_ratio": wall / wall_off,
            "cpu_ratio": cpu / cpu_off,
            "with_mib": mib,
            "without_mib": mib_off,
        }
    print(
        table(
            [
                "suite", "with the plugin", "-p no:gluejobs", "ratio, fastest runs",
                "ratio, medians (spread)", "CPU ratio", "peak memory",
            ],
            rows,
        )
    )
    print(f"  (load average {os.getloadavg()[0]:.1f} as it finished)")
    report.results["load"] = results
    report.target(
        f"plugin load <= {MAX_LOAD_RATIO}x pytest without it (fastest runs)",
        worst <= MAX_LOAD_RATIO,
        f"worst {worst:.3f}",
    )
