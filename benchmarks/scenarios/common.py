"""What every scenario shares: the job it creates, the run's settings, clocks, the report."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the checkout, whose package is measured

try:
    MOTO_VERSION: str | None = metadata.version("moto")  # imported only when it is measured
except metadata.PackageNotFoundError:  # the moto columns are skipped, and the report says so
    MOTO_VERSION = None

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/etl"


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
    load_runs: int = 20  # one-test pytest processes per contender, alternating
    log_calls: int = 100_000  # calls whose log the memory section measures
    suite_time: bool = True  # run the project's own test suite and time it (minutes)

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
                load_runs=8,
                suite_time=False,
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
            load_runs=1,
            log_calls=2000,
            suite_time=False,
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


def environment(tmp: Path) -> dict[str, str]:
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
