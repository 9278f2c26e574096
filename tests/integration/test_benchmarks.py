"""The benchmark script runs: every section, tiny sizes, no moto. It asserts no timing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import ROOT

import pytest_gluejobs

SCRIPT = ROOT / "benchmarks" / "bench.py"
FAKED = {"CreateJob", "UpdateJob", "GetJob", "GetJobs", "DeleteJob", "ListJobs", "BatchGetJobs"}
TRIGGER_OPERATIONS = {
    "CreateTrigger", "GetTrigger", "GetTriggers", "UpdateTrigger", "DeleteTrigger",
    "StartTrigger", "StopTrigger", "ListTriggers", "BatchGetTriggers",
}


def test_the_benchmark_runs_every_section_without_moto(tmp_path: Path) -> None:
    figures_file = tmp_path / "figures.json"
    finished = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke", "--no-moto", "--json", str(figures_file)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-4000:]
    assert "moto's columns are skipped: --no-moto" in finished.stdout
    figures = json.loads(figures_file.read_text())
    assert set(figures["operations"]) == {*pytest_gluejobs.OPERATIONS, "GetLogEvents"}
    assert set(figures["operations"]) >= FAKED | TRIGGER_OPERATIONS
    for operation in figures["operations"].values():
        assert operation["floor_ms"] > 0
        assert operation["ours_ms"] > 0
        assert "moto_ms" not in operation
    assert figures["fixture"]["setup_teardown_ms"] > 0
    assert set(figures["suite"]) == {
        "pytest-gluejobs (one client for the session)",
        "pytest-gluejobs (a new client per test)",
    }
    assert figures["scale"]["get_jobs"]["big_ms"] > 0
    assert figures["memory"]["retained_mib"] > 0
    assert figures["call_log"]["default"]["kept"] > 0
    assert set(figures["load"]) == {"no AWS library"}  # the smoke run loads one suite
    assert all(suite["with_ms"] > 0 and suite["without_ms"] > 0 for suite in figures["load"].values())
    assert "suite_time" not in figures  # the smoke run never runs the suite it is part of
    assert figures["runs"]["code_ms"] > 0
    assert figures["firing"]["states"]["runs"] == 1000
    assert {target["target"].split(" ")[0] for target in figures["targets"]} >= {"ours/floor", "fixture", "paging", "runs:"}
