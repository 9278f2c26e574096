"""Keep Glue job definitions in sync with a JSON file in the repository.

A small, realistic application module: the file lists the jobs a team owns; ``sync_jobs`` creates
the missing ones, updates the ones whose definition changed and deletes the ones no longer listed.
Jobs it manages carry the tag ``managed-by: glue-sync``, so jobs created by hand are never touched.

    python glue_sync.py jobs.json            # apply
    python glue_sync.py jobs.json --dry-run  # only report
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

MANAGED_TAG = {"managed-by": "glue-sync"}
FINISHED = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}


@dataclass
class SyncReport:
    """What a sync did (or, in a dry run, would do), by job name."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{action}: {', '.join(names)}"
            for action, names in (
                ("created", self.created),
                ("updated", self.updated),
                ("deleted", self.deleted),
                ("unchanged", self.unchanged),
            )
            if names
        ]
        return "\n".join(lines) or "nothing to do"


def load_definitions(path: Path) -> dict[str, dict[str, Any]]:
    """The desired jobs by name, from a file of ``{"jobs": [{"Name": ..., ...}, ...]}``."""
    jobs = json.loads(path.read_text())["jobs"]
    return {job["Name"]: {key: value for key, value in job.items() if key != "Name"} for job in jobs}


def managed_job_names(glue: Any) -> set[str]:
    pages = glue.get_paginator("list_jobs").paginate(Tags=MANAGED_TAG)
    return {name for page in pages for name in page["JobNames"]}


def differs(current: Any, desired: Any) -> bool:
    """Only members the file sets are compared: the service fills in defaults for the rest
    (Timeout, MaxCapacity, even Command.PythonVersion), at every depth."""
    if isinstance(desired, dict) and isinstance(current, dict):
        return any(differs(current.get(member), value) for member, value in desired.items())
    return bool(current != desired)


def sync_jobs(glue: Any, desired: dict[str, dict[str, Any]], *, dry_run: bool = False) -> SyncReport:
    report = SyncReport()
    managed = managed_job_names(glue)
    existing = {}
    if desired:
        found = glue.batch_get_jobs(JobNames=sorted(desired))
        existing = {job["Name"]: job for job in found["Jobs"]}
    for name, definition in sorted(desired.items()):
        current = existing.get(name)
        if current is None:
            report.created.append(name)
            if not dry_run:
                glue.create_job(Name=name, Tags=MANAGED_TAG, **definition)
        elif differs(current, definition):
            report.updated.append(name)
            if not dry_run:
                # UpdateJob replaces the whole definition: send all of it, not only what changed.
                glue.update_job(JobName=name, JobUpdate=definition)
        else:
            report.unchanged.append(name)
    for name in sorted(managed - set(desired)):
        report.deleted.append(name)
        if not dry_run:
            glue.delete_job(JobName=name)
    return report


def run_job(
    glue: Any,
    name: str,
    arguments: dict[str, str] | None = None,
    *,
    sleep: Callable[[float], object] = time.sleep,
    poll_seconds: float = 30,
) -> dict[str, Any]:
    """Start a run of job ``name`` and wait for it to finish; the finished JobRun."""
    started = glue.start_job_run(JobName=name, **({"Arguments": arguments} if arguments else {}))
    while True:
        run: dict[str, Any] = glue.get_job_run(JobName=name, RunId=started["JobRunId"])["JobRun"]
        if run["JobRunState"] in FINISHED:
            return run
        sleep(poll_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("definitions", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--region")
    args = parser.parse_args(argv)
    glue = boto3.client("glue", region_name=args.region)
    print(sync_jobs(glue, load_definitions(args.definitions), dry_run=args.dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
