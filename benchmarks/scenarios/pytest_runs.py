"""Generated test suites run by pytest in a subprocess, each test phase timed by the chosen clock."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

from .common import ROLE, environment

# Loaded into every generated suite: each test phase's cost by the chosen clock, saved as JSON.
DURATIONS_PLUGIN = """
import json, os, time

import pytest

_clock = time.thread_time if os.environ["BENCH_CLOCK"] == "cpu" else time.perf_counter
_phases = []


def _timed(when):
    @pytest.hookimpl(hookwrapper=True)
    def wrapper(item, *args):
        began = _clock()
        yield
        _phases.append((item.nodeid, when, _clock() - began))

    return wrapper


pytest_runtest_setup = _timed("setup")
pytest_runtest_call = _timed("call")
pytest_runtest_teardown = _timed("teardown")


def pytest_sessionfinish(session):
    with open(os.environ["BENCH_DURATIONS"], "w") as out:
        json.dump(_phases, out)
"""


OURS_PLUGIN = ("-p", "pytest_gluejobs.plugin")



def run_pytest(directory: Path, tmp: Path, clock_name: str, *flags: str) -> tuple[float, list[Any]]:
    """Wall seconds of one pytest run in a subprocess, and each test phase's cost."""
    env = environment(tmp)
    durations = tmp / f"durations-{directory.name}.json"
    env["BENCH_DURATIONS"] = str(durations)
    env["BENCH_CLOCK"] = clock_name
    # Only the plugins a suite asks for (-p): whatever else this machine has installed is no part
    # of the comparison.
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *flags, str(directory)]
    began = time.perf_counter()
    finished = subprocess.run(command, env=env, cwd=directory, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if finished.returncode != 0:
        raise RuntimeError(
            f"pytest failed in {directory}:\n{finished.stdout[-3000:]}\n{finished.stderr[-3000:]}"
        )
    return wall, json.loads(durations.read_text())


def write_module(directory: Path, name: str, source: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(textwrap.dedent(source).lstrip())


def write_tests(directory: Path, prefix: str, header: str, template: str, count: int) -> None:
    """``count`` tests from ``template`` (formatted with index and role), 100 to a file."""
    per_file = 100
    for first in range(0, count, per_file):
        tests = (template.format(index=index, role=ROLE) for index in range(first, min(first + per_file, count)))
        write_module(directory, f"{prefix}_{first // per_file:03d}.py", header + "\n".join(tests))
