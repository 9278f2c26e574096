"""The glue_jobs fixture's setup + teardown per test, and whether per-test cost grows in a long run."""

from __future__ import annotations

from pathlib import Path

from pytest_gluejobs import GlueJobs

from .common import Report, Settings, median_ms, table
from .pytest_runs import DURATIONS_PLUGIN, OURS_PLUGIN, run_pytest, write_module, write_tests

# The targets of issue 5.
MAX_FIXTURE_MS = 0.5
MAX_LATE_OVER_EARLY = 1.2  # per-test cost late in a long run vs early in it

FIXTURE_HEADER = """
import boto3
import pytest


@pytest.fixture(scope="session")
def shared_glue_client():
    return boto3.client("glue", region_name="us-east-1")
"""

FIXTURE_TESTS = """
def test_plain_{index}():
    pass


def test_fake_{index}(glue_jobs, shared_glue_client):
    shared_glue_client.create_job(
        Name="job",
        Role="{role}",
        Command={{"Name": "glueetl", "ScriptLocation": "s3://bucket/job.py"}},
    )
    assert shared_glue_client.get_job(JobName="job")["Job"]["Name"] == "job"
"""


def run(settings: Settings, report: Report, tmp: Path) -> None:
    print("\n## Fixture setup + teardown, and per-test cost over a long run")
    write_module(tmp, "bench_durations.py", DURATIONS_PLUGIN)
    directory = tmp / "fixture_suite"
    write_module(directory, "conftest.py", 'pytest_plugins = ["bench_durations"]\n')
    write_tests(directory, "test_fixture", FIXTURE_HEADER, FIXTURE_TESTS, settings.fixture_tests)
    wall, phases = run_pytest(directory, tmp, settings.clock_name, *OURS_PLUGIN)

    per_test: dict[str, dict[str, float]] = {}
    for nodeid, when, seconds in phases:
        per_test.setdefault(nodeid, {})[when] = seconds
    # Files hold test_plain_<n> then test_fake_<n>: each test with the fixture has a plain twin
    # run just before it, so their difference is what the fake costs at that point of the run.
    fake = [times for nodeid, times in per_test.items() if "test_fake_" in nodeid]
    plain = [times for nodeid, times in per_test.items() if "test_plain_" in nodeid]

    def fixture_cost(times: dict[str, float]) -> float:
        return times["setup"] + times["teardown"]

    def whole(times: dict[str, float]) -> float:
        return times["setup"] + times["call"] + times["teardown"]

    fixture_ms = median_ms([fixture_cost(t) for t in fake])
    plain_ms = median_ms([fixture_cost(t) for t in plain])
    tenth = max(len(fake) // 10, 1)

    def fake_share_ms(pairs: list[tuple[dict[str, float], dict[str, float]]]) -> float:
        return median_ms([whole(with_fake) - whole(without) for with_fake, without in pairs])

    pairs = list(zip(fake, plain))
    early_ms, late_ms = fake_share_ms(pairs[:tenth]), fake_share_ms(pairs[-tenth:])
    early_whole_ms = median_ms([whole(t) for t in fake[:tenth]])
    late_whole_ms = median_ms([whole(t) for t in fake[-tenth:]])
    growth = late_ms / early_ms

    # The same fixture without pytest around it: enter and leave a fake.
    clock = settings.clock
    samples = []
    for _ in range(200):
        began = clock()
        with GlueJobs():
            pass
        samples.append(clock() - began)
    bare_ms = median_ms(samples)

    def us(ms: float) -> str:
        return f"{ms * 1000:.0f} µs"

    print(
        table(
            ["measure", f"median ({settings.clock_label})"],
            [
                ["setup + teardown of a test using glue_jobs", us(fixture_ms)],
                ["setup + teardown of a test using no fixture", us(plain_ms)],
                ["GlueJobs() enter + exit, without pytest", f"{bare_ms * 1000:.1f} µs"],
                [f"whole test (create + get a job), first / last {tenth}", f"{us(early_whole_ms)} / {us(late_whole_ms)}"],
                [f"its cost over a plain test, first / last {tenth}", f"{us(early_ms)} / {us(late_ms)}"],
            ],
        )
    )
    print(f"  ({len(fake)} tests with the fixture and {len(plain)} without; pytest took {wall:.1f} s)")
    report.results["fixture"] = {
        "setup_teardown_ms": fixture_ms,
        "plain_setup_teardown_ms": plain_ms,
        "bare_enter_exit_ms": bare_ms,
        "early_fake_share_ms": early_ms,
        "late_fake_share_ms": late_ms,
        "late_over_early": growth,
    }
    report.target(
        f"fixture setup + teardown <= {MAX_FIXTURE_MS} ms",
        fixture_ms <= MAX_FIXTURE_MS,
        f"{fixture_ms:.3f} ms",
    )
    report.target(
        "no per-test cost that grows with the tests run before",
        growth <= MAX_LATE_OVER_EARLY,
        f"last/first {tenth} tests {growth:.2f}, limit {MAX_LATE_OVER_EARLY}",
    )
