"""Each operation through a boto3 client: pytest-gluejobs against botocore alone and moto."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest_gluejobs

from .common import Clock, Report, Settings, job_definition, job_update, median_ms, table
from .contenders import Contender, Floor, Moto, Ours

MAX_OVER_FLOOR = 1.25  # the target of issue 5


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


TRIGGER_NAMES = [f"trigger-{index:03d}" for index in range(SEEDED)]
TRIGGER_BATCH = [*TRIGGER_NAMES[::10], "trigger-missing"]


def trigger_definition(name: str, job: str) -> dict[str, Any]:
    """A realistic CreateTrigger request: a nightly schedule starting one job with arguments."""
    return {
        "Name": name,
        "Type": "SCHEDULED",
        "Schedule": "cron(0 2 * * ? *)",
        "Description": f"Nightly start of {job}",
        "Actions": [{"JobName": job, "Arguments": {"--day": "today"}, "Timeout": 60}],
        "Tags": {"team": "data"},
    }


def _create_trigger(client: Any, number: int) -> None:
    client.create_trigger(**trigger_definition(f"bench-trigger-{number}", "seed-001"))


def _delete_trigger(client: Any, number: int) -> None:
    client.delete_trigger(Name=f"bench-trigger-{number}")


def _update_trigger(client: Any, number: int) -> None:
    update = {"Schedule": "cron(30 3 * * ? *)", "Actions": [{"JobName": "seed-007", "Timeout": 30}]}
    client.update_trigger(Name="trigger-007", TriggerUpdate=update)


OPERATIONS = [
    Operation("CreateJob", _create, after=_delete),
    Operation("UpdateJob", lambda c, n: c.update_job(JobName="seed-007", JobUpdate=job_update())),
    Operation("GetJob", lambda c, n: c.get_job(JobName="seed-042")),
    Operation("GetJobs", lambda c, n: c.get_jobs(MaxResults=SEEDED)),
    Operation("DeleteJob", _delete, before=_create),
    Operation("ListJobs", lambda c, n: c.list_jobs(MaxResults=SEEDED)),
    Operation("BatchGetJobs", lambda c, n: c.batch_get_jobs(JobNames=BATCH_NAMES)),
    Operation("CreateTrigger", _create_trigger, after=_delete_trigger),
    Operation("GetTrigger", lambda c, n: c.get_trigger(Name="trigger-042")),
    Operation("GetTriggers", lambda c, n: c.get_triggers(MaxResults=SEEDED)),
    Operation("UpdateTrigger", _update_trigger),
    Operation("DeleteTrigger", _delete_trigger, before=_create_trigger),
    # Start and stop toggle one scheduled trigger: no run starts, and between the timed calls no
    # trigger is activated, so the other operations are measured as a fake without schedules.
    Operation("StartTrigger", lambda c, n: c.start_trigger(Name="trigger-001"), after=lambda c, n: c.stop_trigger(Name="trigger-001")),
    Operation("StopTrigger", lambda c, n: c.stop_trigger(Name="trigger-001"), before=lambda c, n: c.start_trigger(Name="trigger-001")),
    Operation("ListTriggers", lambda c, n: c.list_triggers(MaxResults=SEEDED)),
    Operation("BatchGetTriggers", lambda c, n: c.batch_get_triggers(TriggerNames=TRIGGER_BATCH)),
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


def run(settings: Settings, report: Report, tmp: Path) -> None:
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
            for name, job in zip(TRIGGER_NAMES, SEED_NAMES):
                contender.client.create_trigger(**trigger_definition(name, job))

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
            except NotImplementedError:  # moto 5.2 has no UpdateJob or UpdateTrigger, for ones
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
