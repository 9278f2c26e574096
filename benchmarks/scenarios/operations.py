"""Each operation through a boto3 client: pytest-gluejobs against botocore alone and moto.

Every faked Glue operation — jobs, triggers, runs, bookmarks, system logs, source control, tags —
and a CloudWatch Logs read of a run's output, each with a request that succeeds and leaves the
store as it found it (or grows it harmlessly), so every round measures the same work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest_gluejobs

from .common import REGION, Clock, Report, Settings, job_definition, job_update, median_ms, table
from .contenders import Contender, Floor, Moto, Ours

MAX_OVER_FLOOR = 1.15


@dataclass
class Operation:
    """One operation's timed call, and the untimed work around it that keeps the store steady."""

    name: str
    call: Callable[[Any, int], None]  # (client, call number)
    before: Callable[[Any, int], None] | None = None
    after: Callable[[Any, int], None] | None = None
    service: str = "glue"  # whose client makes the call


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


# Runs of this job (10 to read), its bookmark moved by a run that succeeded, its tags.
RUNNER = "runner"
STARTER = "starter"  # StartJobRun's job: made anew after each start, so no runs pile up
RUN_IDS: list[str] = []  # the runs started on the job, in the contender measured: set by prepare
SOURCE = {"Provider": "AWS_CODE_COMMIT", "Repository": "etl", "Branch": "main"}
LOG_GROUP = "/aws-glue/jobs/output"


def _start(client: Any, number: int) -> None:
    client.start_job_run(JobName=STARTER, Arguments={"--day": str(number)})


def _start_afresh(client: Any, number: int) -> None:
    client.delete_job(JobName=STARTER)
    client.create_job(**job_definition(STARTER))


def prepare(client: Any) -> list[str]:
    """The runner job, with ten finished runs (the first moved its bookmark) and a repository;
    returns the runs' ids."""
    definition = job_definition(RUNNER)
    definition["DefaultArguments"]["--job-bookmark-option"] = "job-bookmark-enable"
    definition["ExecutionProperty"] = {"MaxConcurrentRuns": 1_000_000}
    definition["SourceControlDetails"] = SOURCE
    client.create_job(**definition)
    client.create_job(**job_definition(STARTER))
    run_ids = []
    for _ in range(10):
        run_id = client.start_job_run(JobName=RUNNER)["JobRunId"]
        for _ in range(10):  # bounded: a contender whose runs never finish is caught below
            if client.get_job_run(JobName=RUNNER, RunId=run_id)["JobRun"]["JobRunState"] == "SUCCEEDED":
                break
        run_ids.append(run_id)
    return run_ids


ARN = f"arn:aws:glue:{REGION}:123456789012:job/{RUNNER}"


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
    Operation("StartJobRun", _start, after=_start_afresh),
    Operation("GetJobRun", lambda c, n: c.get_job_run(JobName=RUNNER, RunId=RUN_IDS[0])),
    Operation("GetJobRuns", lambda c, n: c.get_job_runs(JobName=RUNNER, MaxResults=10)),
    Operation("BatchStopJobRun", lambda c, n: c.batch_stop_job_run(JobName=RUNNER, JobRunIds=RUN_IDS[:2])),
    Operation("GetJobBookmark", lambda c, n: c.get_job_bookmark(JobName=RUNNER)),
    Operation("ResetJobBookmark", lambda c, n: c.reset_job_bookmark(JobName=RUNNER)),
    Operation("GetSystemLogsForJobRun", lambda c, n: c.get_system_logs_for_job_run(JobName=RUNNER, RunId=RUN_IDS[0])),
    Operation("UpdateJobFromSourceControl", lambda c, n: c.update_job_from_source_control(JobName=RUNNER, CommitId="a" * 40)),
    Operation("UpdateSourceControlFromJob", lambda c, n: c.update_source_control_from_job(JobName=RUNNER)),
    Operation("TagResource", lambda c, n: c.tag_resource(ResourceArn=ARN, TagsToAdd={"day": str(n)})),
    Operation("UntagResource", lambda c, n: c.untag_resource(ResourceArn=ARN, TagsToRemove=["day"])),
    Operation("GetTags", lambda c, n: c.get_tags(ResourceArn=ARN)),
    Operation(
        "GetLogEvents",
        lambda c, n: c.get_log_events(logGroupName=LOG_GROUP, logStreamName=RUN_IDS[0], limit=10),
        service="logs",
    ),
]
# Only the operations the installed botocore models (GetSystemLogsForJobRun is recent).
OPERATIONS = [op for op in OPERATIONS if op.service == "logs" or op.name in pytest_gluejobs.OPERATIONS]


def measure(contender: Contender, operation: Operation, numbers: range, clock: Clock) -> list[float]:
    """Seconds of each call, timed one by one while the contender is active."""
    client = contender.clients[operation.service]
    RUN_IDS[:] = contender.run_ids
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
    # The runs log ten lines each, which GetLogEvents reads back (moto has no such logs).
    lines = [f"processed batch {number}" for number in range(10)]
    ours.fake.run_states(RUNNER, "RUNNING", "SUCCEEDED", output=lines, required=False)
    for contender in filter(None, [ours, moto_contender]):
        with contender.active():
            for name in SEED_NAMES:
                contender.client.create_job(**job_definition(name))
            for name, job in zip(TRIGGER_NAMES, SEED_NAMES):
                contender.client.create_trigger(**trigger_definition(name, job))
            try:
                contender.run_ids = prepare(contender.client)
            except Exception:  # moto: what it cannot do shows as "not implemented" below
                contender.run_ids = []
    floor.run_ids = ours.run_ids

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
            except Exception:  # NotImplementedError (moto 5.2 has no UpdateJob), or an error
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
        # The fake's own share of a call: what it adds to botocore's work, against the whole call.
        own_us = (ours_ms - floor_ms) * 1000
        row = [
            operation.name,
            f"{len(ours.bodies[operation.name]):,} B",
            f"{floor_ms * 1000:.0f} µs",
            f"{ours_ms * 1000:.0f} µs",
            f"{ratio:.2f}",
            f"{own_us:.0f} µs ({own_us / (ours_ms * 10):.0f}%)",
        ]
        result = {"floor_ms": floor_ms, "ours_ms": ours_ms, "ours_over_floor": ratio, "own_us": own_us}
        if moto_contender is not None and operation.name in unsupported:
            row += ["not implemented", "—"]
        elif moto_contender is not None:
            moto_ms = median_ms(samples[(operation.name, moto_contender.name)])
            row += [f"{moto_ms * 1000:.0f} µs", f"{moto_ms / ours_ms:.1f}x"]
            result.update(moto_ms=moto_ms, moto_over_ours=moto_ms / ours_ms)
        rows.append(row)
        results[operation.name] = result
    header = ["operation", "response", "floor", "pytest-gluejobs", "ours/floor", "the fake's own share"]
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
