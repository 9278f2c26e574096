"""A generated 500-test suite run with pytest, for pytest-gluejobs and for moto's documented recipe."""

from __future__ import annotations

import statistics
from pathlib import Path

from .common import Report, Settings, table
from .pytest_runs import DURATIONS_PLUGIN, OURS_PLUGIN, run_pytest, write_module, write_tests

MIN_SUITE_SPEEDUP = 10.0  # the target of issue 5

OURS_CONFTEST = """
import boto3
import pytest

pytest_plugins = ["bench_durations"]


@pytest.fixture(scope="session")
def shared_glue_client():
    # Made while the first test's fake is active; one client serves every test.
    return boto3.client("glue", region_name="us-east-1")


@pytest.fixture
def glue(glue_jobs, shared_glue_client):
    return shared_glue_client
"""

OURS_CLIENT_PER_TEST_CONFTEST = """
import boto3
import pytest

pytest_plugins = ["bench_durations"]


@pytest.fixture
def glue(glue_jobs):
    return boto3.client("glue", region_name="us-east-1")
"""

# moto's documented pytest recipe: fake credentials in the environment, mock_aws around the test.
MOTO_CONFTEST = """
import os

import boto3
import pytest
from moto import mock_aws

pytest_plugins = ["bench_durations"]


@pytest.fixture(scope="function")
def aws_credentials():
    os.environ["AWS_ACCESS_KEY_ID"] = "testing"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
    os.environ["AWS_SECURITY_TOKEN"] = "testing"
    os.environ["AWS_SESSION_TOKEN"] = "testing"
    os.environ["AWS_DEFAULT_REGION"] = "us-east-1"


@pytest.fixture(scope="function")
def glue(aws_credentials):
    with mock_aws():
        yield boto3.client("glue", region_name="us-east-1")
"""

SUITE_TEST = """
def test_jobs_{index}(glue):
    for number in range(3):
        glue.create_job(
            Name=f"job-{index}-{{number}}",
            Role="{role}",
            Command={{"Name": "glueetl", "ScriptLocation": "s3://bucket/job.py"}},
            GlueVersion="4.0",
            WorkerType="G.1X",
            NumberOfWorkers=2,
        )
    assert glue.get_job(JobName="job-{index}-1")["Job"]["NumberOfWorkers"] == 2
    assert len(glue.list_jobs()["JobNames"]) == 3
"""


def _write_suite(directory: Path, conftest: str, tests: int) -> None:
    write_module(directory, "conftest.py", conftest)
    write_tests(directory, "test_suite", "", SUITE_TEST, tests)


OURS_SUITE = "pytest-gluejobs (one client for the session)"
OURS_CLIENT_PER_TEST_SUITE = "pytest-gluejobs (a new client per test)"
MOTO_SUITE = "moto (its documented recipe)"
MAX_MOTO_SUITE_RUNS = 1  # a run of moto takes minutes, and its gap to ours is far above noise


def run(settings: Settings, report: Report, tmp: Path) -> None:
    count = settings.suite_tests
    print(f"\n## A generated {count}-test suite, run with pytest (median of {settings.suite_runs} runs)")
    write_module(tmp, "bench_durations.py", DURATIONS_PLUGIN)
    # name: (directory, conftest, pytest flags)
    suites: dict[str, tuple[Path, str, tuple[str, ...]]] = {
        OURS_SUITE: (tmp / "suite_ours", OURS_CONFTEST, OURS_PLUGIN),
        OURS_CLIENT_PER_TEST_SUITE: (tmp / "suite_ours_per_test", OURS_CLIENT_PER_TEST_CONFTEST, OURS_PLUGIN),
    }
    if settings.use_moto:
        suites[MOTO_SUITE] = (tmp / "suite_moto", MOTO_CONFTEST, ())
    for directory, conftest, _ in suites.values():
        _write_suite(directory, conftest, count)

    walls: dict[str, list[float]] = {name: [] for name in suites}
    in_tests: dict[str, list[float]] = {name: [] for name in suites}
    for run in range(settings.suite_runs):
        for name, (directory, _, flags) in suites.items():
            if name == MOTO_SUITE and run >= MAX_MOTO_SUITE_RUNS:
                continue
            wall, phases = run_pytest(directory, tmp, settings.clock_name, *flags)
            walls[name].append(wall)
            in_tests[name].append(sum(seconds for _, _, seconds in phases))

    ours_wall = statistics.median(walls[OURS_SUITE])
    rows = []
    results = {}
    for name in suites:
        wall, tests = statistics.median(walls[name]), statistics.median(in_tests[name])
        rows.append(
            [
                name,
                f"{wall:.2f} s",
                f"{tests:.2f} s",
                f"{tests / count * 1000:.2f} ms",
                f"{wall / ours_wall:.1f}x",
            ]
        )
        results[name] = {"wall_s": wall, "in_tests_s": tests}
    header = ["suite", "wall", f"in tests ({settings.clock_label})", "per test", "wall vs ours"]
    print(table(header, rows))
    print("  (wall: the whole pytest process, interpreter start included; plugins not autoloaded)")
    report.results["suite"] = results
    if settings.use_moto:
        speedup = statistics.median(walls[MOTO_SUITE]) / ours_wall
        report.target(
            f"the {count}-test suite >= {MIN_SUITE_SPEEDUP:.0f}x faster than moto's recipe",
            speedup >= MIN_SUITE_SPEEDUP,
            f"{speedup:.1f}x in wall time",
        )
    else:
        print("  (moto is skipped: no comparison)")
