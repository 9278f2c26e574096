"""How fast pytest-gluejobs is, next to botocore alone and to moto.

Run from a checkout:  python benchmarks/bench.py          (the full run, a few minutes)
                      python benchmarks/bench.py --quick  (smaller, for iterating)
                      python benchmarks/bench.py --smoke  (tiny: only checks every section runs)

Every figure is a median over interleaved rounds in one process (or over repeated subprocess
runs), so a noisy machine shifts all contenders alike; in-process work is timed by the thread's
CPU time unless ``--clock wall``. Without moto installed its columns are skipped. Sections:

* operations: each of the seven operations through a boto3 client, for (a) pytest-gluejobs,
  (b) the floor — a ``before-send`` handler returning canned bytes of the same response, i.e.
  botocore alone — and (c) moto's ``mock_aws`` when moto is installed;
* fixture: the ``glue_jobs`` fixture's setup + teardown per test, measured by pytest itself in a
  long run, and whether any per-test cost grows with the number of tests run before;
* suite: a generated 500-test suite run with pytest for pytest-gluejobs and for moto's documented
  fixture recipe;
* scale: 10,000 jobs created, paged through with GetJobs and ListJobs, BatchGetJobs of 100;
* memory: peak and retained memory for 10,000 jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's package, not another installed copy

import boto3  # noqa: E402
import botocore  # noqa: E402
from botocore.awsrequest import HeadersDict  # noqa: E402
from botocore.config import Config  # noqa: E402

import pytest_gluejobs  # noqa: E402
from pytest_gluejobs import GlueJobs  # noqa: E402
from pytest_gluejobs._service import DEFAULT_PAGE_SIZE  # noqa: E402

try:
    MOTO_VERSION: str | None = metadata.version("moto")  # imported only when it is measured
except metadata.PackageNotFoundError:  # the moto columns are skipped, and the report says so
    MOTO_VERSION = None

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/etl"

# The targets of issue 5.
MAX_OVER_FLOOR = 1.25
MAX_FIXTURE_MS = 0.5
MIN_SUITE_SPEEDUP = 10.0
MAX_PAGING_GROWTH = 12.0  # 10x the jobs may cost at most 12x the time
MAX_LATE_OVER_EARLY = 1.2  # per-test cost late in a long run vs early in it


def job_definition(name: str) -> dict[str, Any]:
    """A realistic CreateJob request: a Glue 4.0 Spark job with arguments and tags."""
    return {
        "Name": name,
        "Description": f"Nightly load of {name}",
        "Role": ROLE,
        "Command": {
            "Name": "glueetl",
            "ScriptLocation": f"s3://bench-bucket/scripts/{name}.py",
            "PythonVersion": "3",
        },
        "DefaultArguments": {
            "--job-language": "python",
            "--enable-metrics": "true",
            "--TempDir": "s3://bench-bucket/tmp/",
        },
        "GlueVersion": "4.0",
        "WorkerType": "G.1X",
        "NumberOfWorkers": 10,
        "Timeout": 60,
        "MaxRetries": 1,
        "Tags": {"team": "data", "tier": "gold"},
    }


def job_update() -> dict[str, Any]:
    definition = job_definition("updated")
    for member in ("Name", "Tags"):
        definition.pop(member)
    definition["NumberOfWorkers"] = 20
    return definition


# -- measuring --------------------------------------------------------------------------------


Clock = Callable[[], float]
CLOCKS: dict[str, tuple[Clock, str]] = {
    # This thread's CPU time: what the work costs, unaffected by other processes taking the CPU.
    "cpu": (time.thread_time, "thread CPU time"),
    "wall": (time.perf_counter, "wall time"),
}


@dataclass
class Settings:
    mode: str  # full, quick or smoke
    use_moto: bool
    clock_name: str = "cpu"
    rounds: int = 10  # interleaved rounds of every operation
    calls: int = 40  # calls per round for pytest-gluejobs and the floor, alternating
    moto_calls: int = 5  # moto is slower: fewer calls per round
    fixture_tests: int = 1000  # tests using glue_jobs in the long run (as many plain ones)
    suite_tests: int = 500
    suite_runs: int = 3  # subprocess runs per suite, interleaved (moto: MAX_MOTO_SUITE_RUNS)
    scale_small: int = 1000
    scale_big: int = 10_000
    scale_rounds: int = 5
    memory_jobs: int = 10_000

    @property
    def clock(self) -> Clock:
        return CLOCKS[self.clock_name][0]

    @property
    def clock_label(self) -> str:
        return CLOCKS[self.clock_name][1]

    @classmethod
    def make(cls, mode: str, use_moto: bool, clock_name: str) -> Settings:
        if mode == "full":
            return cls(mode, use_moto, clock_name)
        if mode == "quick":
            return cls(
                mode,
                use_moto,
                clock_name,
                rounds=4,
                calls=16,
                moto_calls=3,
                fixture_tests=200,
                suite_tests=100,
                suite_runs=1,
                scale_small=300,
                scale_big=3000,
                scale_rounds=3,
                memory_jobs=2000,
            )
        # smoke: the least that runs every section, to check the script works; figures mean nothing
        return cls(
            mode,
            use_moto,
            clock_name,
            rounds=1,
            calls=2,
            moto_calls=1,
            fixture_tests=10,
            suite_tests=5,
            suite_runs=1,
            scale_small=20,
            scale_big=200,
            scale_rounds=1,
            memory_jobs=50,
        )


@dataclass
class Report:
    """What the run found, printed as it goes and optionally saved as JSON."""

    results: dict[str, Any] = field(default_factory=dict)
    targets: list[tuple[str, bool, str]] = field(default_factory=list)

    def target(self, name: str, holds: bool, detail: str) -> None:
        self.targets.append((name, holds, detail))
        print(f"  target {name}: {'HOLDS' if holds else 'MISSED'} ({detail})")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed_batch(call: Callable[[], object], count: int, clock: Clock) -> float:
    """Seconds per call of ``count`` calls in a row."""
    began = clock()
    for _ in range(count):
        call()
    return (clock() - began) / count


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# -- contenders for the per-operation section ----------------------------------------------------


class CannedResponse:
    """What the floor answers with: fixed bytes and headers, no work per call."""

    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code = status_code
        self.content = body
        self.url = ""
        self.raw = None
        self.headers = HeadersDict(
            {
                "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
                "content-type": "application/x-amz-json-1.1",
                "content-length": str(len(body)),
            }
        )


class Contender:
    """One way of answering a Glue client; ``active()`` brackets its timed calls."""

    name = ""

    def __init__(self) -> None:
        self.client: Any = None

    @contextmanager
    def active(self) -> Iterator[None]:
        yield


class Ours(Contender):
    name = "pytest-gluejobs"

    def __init__(self) -> None:
        super().__init__()
        self.fake = GlueJobs(region=REGION)
        with self.active():
            self.client = boto3.client("glue", region_name=REGION)
        self.bodies: dict[str, bytes] = {}

    def capture_bodies(self, calls: Callable[[], object]) -> dict[str, bytes]:
        """The response bytes of each operation ``calls`` makes, from botocore's needs-retry event
        (it carries the HTTP response before any retry decision)."""
        events = self.client.meta.events
        events.register("needs-retry.glue", self._capture)
        try:
            calls()
        finally:
            events.unregister("needs-retry.glue", self._capture)
        return self.bodies

    def _capture(self, response: Any, operation: Any, **_: Any) -> None:
        if response is not None and response[0] is not None:
            self.bodies[operation.name] = bytes(response[0].content)

    @contextmanager
    def active(self) -> Iterator[None]:
        with self.fake:
            yield


class Floor(Contender):
    name = "floor"

    def __init__(self) -> None:
        super().__init__()
        self.responses: dict[str, CannedResponse] = {}
        # Unsigned like the fake's calls, so the floor is botocore's own work and nothing else.
        self.client = boto3.client(
            "glue", region_name=REGION, config=Config(signature_version=botocore.UNSIGNED)
        )
        self.client.meta.events.register_first("before-send.glue", self._answer)

    def answer_with(self, bodies: dict[str, bytes]) -> None:
        self.responses = {operation: CannedResponse(200, body) for operation, body in bodies.items()}

    def _answer(self, event_name: str, **_: Any) -> CannedResponse:
        return self.responses[event_name.rpartition(".")[2]]


class Moto(Contender):
    name = "moto"

    def __init__(self) -> None:
        from moto import mock_aws

        super().__init__()
        self.mock = mock_aws()
        self.mock.start()  # reset once; between batches moto is paused with its data kept
        self.client = boto3.client("glue", region_name=REGION)
        self.mock.stop(remove_data=False)

    @contextmanager
    def active(self) -> Iterator[None]:
        # Only one fake may see Glue calls at a time: every before-send handler runs on each call.
        self.mock.start(reset=False)
        try:
            yield
        finally:
            self.mock.stop(remove_data=False)

    def close(self) -> None:
        self.mock.start(reset=False)
        self.mock.stop()


@dataclass
class Operation:
    """One operation's timed call, and the untimed work around it that keeps the store steady."""

    name: str
    call: Callable[[Any, int], None]  # (client, call number)
    before: Callable[[Any, int], None] | None = None
    after: Callable[[Any, int], None] | None = None


SEEDED = 100
SEED_NAMES = [f"seed-{index:03d}" for index in range(SEEDED)]
BATCH_NAMES = [*SEED_NAMES[::10], "seed-missing"]


def _create(client: Any, number: int) -> None:
    client.create_job(**job_definition(f"bench-{number}"))


def _delete(client: Any, number: int) -> None:
    client.delete_job(JobName=f"bench-{number}")


OPERATIONS = [
    Operation("CreateJob", _create, after=_delete),
    Operation("UpdateJob", lambda c, n: c.update_job(JobName="seed-007", JobUpdate=job_update())),
    Operation("GetJob", lambda c, n: c.get_job(JobName="seed-042")),
    Operation("GetJobs", lambda c, n: c.get_jobs(MaxResults=SEEDED)),
    Operation("DeleteJob", _delete, before=_create),
    Operation("ListJobs", lambda c, n: c.list_jobs(MaxResults=SEEDED)),
    Operation("BatchGetJobs", lambda c, n: c.batch_get_jobs(JobNames=BATCH_NAMES)),
]
assert {op.name for op in OPERATIONS} <= set(pytest_gluejobs.OPERATIONS)


def measure(contender: Contender, operation: Operation, numbers: range, clock: Clock) -> list[float]:
    """Seconds of each call, timed one by one while the contender is active."""
    client = contender.client
    seconds = []
    with contender.active():
        for number in numbers:
            if operation.before is not None:
                operation.before(client, number)
            began = clock()
            operation.call(client, number)
            seconds.append(clock() - began)
            if operation.after is not None:
                operation.after(client, number)
    return seconds


def bench_operations(settings: Settings, report: Report) -> None:
    print(f"\n## Per operation (median per call, {settings.clock_label})")
    clock = settings.clock
    # Both clients are made before moto is imported: importing it adds a handler to every client
    # made afterwards, which neither should carry.
    ours, floor = Ours(), Floor()
    moto_contender = Moto() if settings.use_moto else None
    for contender in filter(None, [ours, moto_contender]):
        with contender.active():
            for name in SEED_NAMES:
                contender.client.create_job(**job_definition(name))

    def warm_up(contender: Contender) -> None:
        for operation in OPERATIONS:
            measure(contender, operation, range(-1, 0), clock)

    # One untimed call of each operation gives the floor its canned bodies (and warms every path).
    floor.answer_with(ours.capture_bodies(partial(warm_up, ours)))
    warm_up(floor)
    unsupported: set[str] = set()
    if moto_contender is not None:
        for operation in OPERATIONS:
            try:
                measure(moto_contender, operation, range(-1, 0), clock)
            except NotImplementedError:  # moto 5.2 has no UpdateJob, for one
                unsupported.add(operation.name)

    # pytest-gluejobs and the floor alternate call by call, so any drift in the machine's speed
    # touches both alike; moto, slower and costly to switch on and off, runs a batch per round.
    samples: dict[tuple[str, str], list[float]] = {}
    number = 0
    for _ in range(settings.rounds):
        for operation in OPERATIONS:
            for call in range(settings.calls):
                pair = (ours, floor) if call % 2 == 0 else (floor, ours)
                for contender in pair:
                    timed = measure(contender, operation, range(number, number + 1), clock)
                    samples.setdefault((operation.name, contender.name), []).extend(timed)
                number += 1
            if moto_contender is not None and operation.name not in unsupported:
                timed = measure(
                    moto_contender, operation, range(number, number + settings.moto_calls), clock
                )
                samples.setdefault((operation.name, moto_contender.name), []).extend(timed)
                number += settings.moto_calls
    if moto_contender is not None:
        moto_contender.close()

    rows = []
    worst = 0.0
    results = {}
    for operation in OPERATIONS:
        ours_ms = median_ms(samples[(operation.name, ours.name)])
        floor_ms = median_ms(samples[(operation.name, floor.name)])
        ratio = ours_ms / floor_ms
        worst = max(worst, ratio)
        row = [
            operation.name,
            f"{len(ours.bodies[operation.name]):,} B",
            f"{floor_ms * 1000:.0f} µs",
            f"{ours_ms * 1000:.0f} µs",
            f"{ratio:.2f}",
        ]
        result = {"floor_ms": floor_ms, "ours_ms": ours_ms, "ours_over_floor": ratio}
        if moto_contender is not None and operation.name in unsupported:
            row += ["not implemented", "—"]
        elif moto_contender is not None:
            moto_ms = median_ms(samples[(operation.name, moto_contender.name)])
            row += [f"{moto_ms * 1000:.0f} µs", f"{moto_ms / ours_ms:.1f}x"]
            result.update(moto_ms=moto_ms, moto_over_ours=moto_ms / ours_ms)
        rows.append(row)
        results[operation.name] = result
    header = ["operation", "response", "floor", "pytest-gluejobs", "ours/floor"]
    if moto_contender is not None:
        header += ["moto", "moto/ours"]
    print(table(header, rows))
    if moto_contender is None:
        print("  (no moto column: moto is skipped)")
    report.results["operations"] = results
    report.target(
        f"ours/floor <= {MAX_OVER_FLOOR} on every operation",
        worst <= MAX_OVER_FLOOR,
        f"worst {worst:.2f}",
    )


# -- pytest runs in subprocesses -----------------------------------------------------------------

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


OURS_PLUGIN = ("-p", "pytest_gluejobs.plugin")


def _environment(tmp: Path) -> dict[str, str]:
    """A fresh machine's environment: no AWS variables, empty AWS config, this checkout first."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    empty = tmp / "empty-aws-config"
    empty.touch()
    env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = str(empty)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), str(tmp), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_pytest(directory: Path, tmp: Path, clock_name: str, *flags: str) -> tuple[float, list[Any]]:
    """Wall seconds of one pytest run in a subprocess, and each test phase's cost."""
    env = _environment(tmp)
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


def _write_module(directory: Path, name: str, source: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(textwrap.dedent(source).lstrip())


def _write_tests(directory: Path, prefix: str, header: str, template: str, count: int) -> None:
    """``count`` tests from ``template`` (formatted with index and role), 100 to a file."""
    per_file = 100
    for first in range(0, count, per_file):
        tests = (template.format(index=index, role=ROLE) for index in range(first, min(first + per_file, count)))
        _write_module(directory, f"{prefix}_{first // per_file:03d}.py", header + "\n".join(tests))


def bench_fixture(settings: Settings, report: Report, tmp: Path) -> None:
    print("\n## Fixture setup + teardown, and per-test cost over a long run")
    _write_module(tmp, "bench_durations.py", DURATIONS_PLUGIN)
    directory = tmp / "fixture_suite"
    _write_module(directory, "conftest.py", 'pytest_plugins = ["bench_durations"]\n')
    _write_tests(directory, "test_fixture", FIXTURE_HEADER, FIXTURE_TESTS, settings.fixture_tests)
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


def _write_suite(directory: Path, conftest: str, tests: int) -> None:
    _write_module(directory, "conftest.py", conftest)
    _write_tests(directory, "test_suite", "", SUITE_TEST, tests)


OURS_SUITE = "pytest-gluejobs (one client for the session)"
OURS_CLIENT_PER_TEST_SUITE = "pytest-gluejobs (a new client per test)"
MOTO_SUITE = "moto (its documented recipe)"
MAX_MOTO_SUITE_RUNS = 1  # a run of moto takes minutes, and its gap to ours is far above noise


def bench_suite(settings: Settings, report: Report, tmp: Path) -> None:
    count = settings.suite_tests
    print(f"\n## A generated {count}-test suite, run with pytest (median of {settings.suite_runs} runs)")
    _write_module(tmp, "bench_durations.py", DURATIONS_PLUGIN)
    suites = {
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


# -- scale and memory -----------------------------------------------------------------------------


def _fill(fake: GlueJobs, client: Any, count: int, clock: Clock) -> float:
    """Create ``count`` jobs through the client; seconds per CreateJob."""
    fake.max_jobs = max(fake.max_jobs, count)
    with fake:
        began = clock()
        for index in range(count):
            client.create_job(**job_definition(f"job-{index:05d}"))
        return (clock() - began) / count


def _page_all(client: Any, operation: str, key: str, clock: Clock) -> tuple[float, int]:
    """Seconds to page through every job with botocore's paginator, and how many were seen."""
    began = clock()
    seen = 0
    for page in client.get_paginator(operation).paginate():
        seen += len(page[key])
    return clock() - began, seen


def bench_scale(settings: Settings, report: Report) -> None:
    small_n, big_n = settings.scale_small, settings.scale_big
    clock = settings.clock
    print(f"\n## Scale: {big_n:,} jobs against {small_n:,} ({settings.clock_label})")
    small, big = GlueJobs(region=REGION), GlueJobs(region=REGION)
    with big:
        client = boto3.client("glue", region_name=REGION)
    create_small = _fill(small, client, small_n, clock)
    create_big = _fill(big, client, big_n, clock)

    with small:  # the first paging loads botocore's paginator model: not part of any round
        _page_all(client, "get_jobs", "Jobs", clock)
    paging: dict[tuple[str, int], list[float]] = {}
    batch_samples: list[float] = []
    names = [f"job-{index:05d}" for index in range(big_n)]
    chooser = random.Random(5)
    for round_ in range(settings.scale_rounds):
        sizes = [(small, small_n), (big, big_n)]
        for fake, count in sizes if round_ % 2 == 0 else reversed(sizes):
            with fake:
                for operation, key in (("get_jobs", "Jobs"), ("list_jobs", "JobNames")):
                    seconds, seen = _page_all(client, operation, key, clock)
                    assert seen == count, f"{operation} paged {seen} jobs of {count}"
                    paging.setdefault((operation, count), []).append(seconds)
        with big:
            batch_samples.append(
                timed_batch(partial(client.batch_get_jobs, JobNames=chooser.sample(names, 100)), 10, clock)
            )

    rows = [
        [
            "CreateJob, per call while filling",
            f"{create_small * 1e6:.0f} µs",
            f"{create_big * 1e6:.0f} µs",
            f"{create_big / create_small:.2f}",
        ]
    ]
    results: dict[str, Any] = {
        "create_small_ms": create_small * 1000,
        "create_big_ms": create_big * 1000,
    }
    worst_growth = 0.0
    for operation in ("get_jobs", "list_jobs"):
        small_s = statistics.median(paging[(operation, small_n)])
        big_s = statistics.median(paging[(operation, big_n)])
        growth = big_s / small_s
        worst_growth = max(worst_growth, growth)
        rows.append(
            [
                f"page through all with {operation}",
                f"{small_s * 1000:.0f} ms",
                f"{big_s * 1000:.0f} ms",
                f"{growth:.2f}",
            ]
        )
        results[operation] = {"small_ms": small_s * 1000, "big_ms": big_s * 1000, "growth": growth}
    batch_ms = median_ms(batch_samples)
    results["batch_get_jobs_100_ms"] = batch_ms
    print(table(["measure", f"{small_n:,} jobs", f"{big_n:,} jobs", "big/small"], rows))
    print(f"  (paging with botocore's paginator and the default page size of {DEFAULT_PAGE_SIZE})")
    print(f"  BatchGetJobs of 100 names among {big_n:,} jobs: {batch_ms:.2f} ms per call")
    report.results["scale"] = results
    limit = MAX_PAGING_GROWTH * (big_n / small_n) / 10
    report.target(
        f"paging is O(n): {big_n:,} jobs <= {limit:.0f}x the cost of {small_n:,}",
        worst_growth <= limit,
        f"worst {worst_growth:.2f}x",
    )


MEMORY_CHILD = """
import json, sys, tracemalloc
sys.path.insert(0, {root!r})
sys.path.insert(0, {here!r})
import boto3
from bench import job_definition
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


def bench_memory(settings: Settings, report: Report, tmp: Path) -> None:
    count = settings.memory_jobs
    print(f"\n## Memory for {count:,} jobs (a fresh process, traced with tracemalloc)")
    code = MEMORY_CHILD.format(root=str(ROOT), here=str(Path(__file__).resolve().parent), count=count)
    finished = subprocess.run(
        [sys.executable, "-c", code], env=_environment(tmp), capture_output=True, text=True, check=False
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


# -- main -----------------------------------------------------------------------------------------

SECTIONS = ("operations", "fixture", "suite", "scale", "memory")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = models[0] if models else cpu
    return (
        f"{cpu}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"botocore {botocore.__version__}, moto {MOTO_VERSION or 'not installed'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="fewer rounds and smaller sizes, for iterating")
    sizes.add_argument("--smoke", action="store_true", help="tiny sizes: only checks that every section runs")
    parser.add_argument("--no-moto", action="store_true", help="skip moto even when it is installed")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    parser.add_argument(
        "--clock",
        choices=CLOCKS,
        default="cpu",
        help="time in-process work by this thread's CPU time (default) or by wall time",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    # Clients made with no credentials must not probe the EC2 metadata endpoint.
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    mode = "quick" if args.quick else "smoke" if args.smoke else "full"
    settings = Settings.make(mode, MOTO_VERSION is not None and not args.no_moto, args.clock)
    report = Report()
    sections = args.only or list(SECTIONS)
    print(f"# pytest-gluejobs benchmark ({mode} run)")
    print(f"machine: {machine()}")
    if not settings.use_moto:
        why = "--no-moto" if MOTO_VERSION is not None else "moto is not installed (pip install -e '.[bench]')"
        print(f"moto's columns are skipped: {why}")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gluejobs-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "operations" in sections:
            bench_operations(settings, report)
        if "fixture" in sections:
            bench_fixture(settings, report, tmp)
        if "suite" in sections:
            bench_suite(settings, report, tmp)
        if "scale" in sections:
            bench_scale(settings, report)
        if "memory" in sections:
            bench_memory(settings, report, tmp)

    print("\n## Targets")
    for name, holds, detail in report.targets:
        print(f"- {'holds ' if holds else 'MISSED'}  {name}: {detail}")
    print(f"\n(took {time.perf_counter() - began:.0f} s)")
    if args.json:
        report.results["targets"] = [
            {"target": name, "holds": holds, "detail": detail} for name, holds, detail in report.targets
        ]
        report.results["machine"] = machine()
        args.json.write_text(json.dumps(report.results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
