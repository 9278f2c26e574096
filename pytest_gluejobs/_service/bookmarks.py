"""Job bookmarks: what a job's successful runs record, GetJobBookmark and ResetJobBookmark.

A run whose effective arguments (the job's DefaultArguments, the run's Arguments over them, the
job's NonOverridableArguments over both) hold ``--job-bookmark-option job-bookmark-enable``
moves the job's bookmark when it SUCCEEDS; ``job-bookmark-pause`` and ``-disable`` leave it as
it is (Glue's guide to job bookmarks). The bookmark lives beside the job's runs, so DeleteJob
drops it, as AWS documents.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .._data.errors import GlueError, not_found
from .._data.shapes import BookmarkEntry, Job, JobBookmark, Params, Response, Run
from .._data.store import JobRuns, RegionStore, Store
from .model import check_as

BOOKMARK_OPTION = "--job-bookmark-option"
BOOKMARK_ENABLED = "job-bookmark-enable"


def enabled(job: Job, arguments: dict[str, str] | None) -> bool:
    """Whether a run of ``job`` started with ``arguments`` keeps the job's bookmark: the option as
    the first of NonOverridableArguments, the run's arguments and DefaultArguments that has it
    gives it (the order they override each other in), without merging them."""
    for given in (job.get("NonOverridableArguments"), arguments, job.get("DefaultArguments")):
        if given and BOOKMARK_OPTION in given:
            return bool(given[BOOKMARK_OPTION] == BOOKMARK_ENABLED)
    return False


def record(runs: JobRuns, run: Run) -> None:
    """A run with bookmarks enabled SUCCEEDED: the bookmark moves on to it, with the state its
    ``job.commit()`` recorded, if its code made one.

    Run counts the successful runs, Attempt is the run's own attempt, Version counts every change
    (Glue's guide to job bookmarks: "run number", "attempt number", "version number").
    """
    bookmark = runs.bookmark
    previous = bookmark.current if bookmark is not None else BookmarkEntry(version=0, run=0, attempt=0)
    entry = BookmarkEntry(
        version=previous.version + 1,
        run=previous.run + 1,
        attempt=run.attempt,
        run_id=run.id,
        previous_run_id=previous.run_id,
        state=run.bookmark_state if run.bookmark_state is not None else previous.state,
    )
    if bookmark is None:
        runs.bookmark = bookmark = JobBookmark(entry)
    bookmark.current = entry
    bookmark.by_run[run.id] = entry


# -- the operations ------------------------------------------------------------------------------


def get_job_bookmark(data: Store, store: RegionStore, params: Params) -> Response:
    name, run_id = params["JobName"], params.get("RunId")
    bookmark, runs = _bookmark_of(store, params)
    entry = bookmark.current if run_id is None else _left_by(runs, bookmark, name, run_id)
    return {"JobBookmarkEntry": entry.wire(name)}


def reset_job_bookmark(data: Store, store: RegionStore, params: Params) -> Response:
    """Back to the start, or, with RunId, back to the state that run left (a rewind)."""
    name, run_id = params["JobName"], params.get("RunId")
    bookmark, runs = _bookmark_of(store, params)
    version = bookmark.current.version + 1
    if run_id is None:
        entry = BookmarkEntry(version=version, run=0, attempt=0)
    else:
        entry = dataclasses.replace(_left_by(runs, bookmark, name, run_id), version=version)
    bookmark.current = entry
    return {"JobBookmarkEntry": entry.wire(name)}


def state_of(store: RegionStore, job_name: str, run_id: str | None) -> str | None:
    """The JobBookmark JSON of the job's current entry (``run_id`` None) or of the entry a run
    left; None when there is none. What ``job.init`` in a run's code reads."""
    runs = store.runs.get(job_name) if job_name in store.jobs else None
    if runs is None or runs.bookmark is None:
        return None
    entry = runs.bookmark.current if run_id is None else runs.bookmark.by_run.get(run_id)
    return entry.state if entry is not None else None


def peek(store: RegionStore, job_name: str) -> dict[str, Any] | None:
    """The job's current bookmark entry in wire form, or None: what ``glue_jobs.bookmark`` shows."""
    runs = store.runs.get(job_name) if job_name in store.jobs else None
    if runs is None or runs.bookmark is None:
        return None
    return runs.bookmark.current.wire(job_name)


def _bookmark_of(store: RegionStore, params: Params) -> tuple[JobBookmark, JobRuns]:
    name, run_id = params["JobName"], params.get("RunId")
    # The model leaves both members unconstrained; they name a job and a run, so they keep to the
    # constraints of job names and run ids.
    members = {"JobName": ("NameString", name)}
    if run_id is not None:
        members["RunId"] = ("IdString", run_id)
    check_as(members, name)
    if name not in store.jobs:
        raise not_found(name)
    runs = store.runs.get(name)
    if runs is None or runs.bookmark is None:
        # The service's words for a job with no bookmark entry yet.
        raise GlueError("EntityNotFoundException", f"Continuation for job {name} not found")
    return runs.bookmark, runs


def _left_by(runs: JobRuns, bookmark: JobBookmark, name: str, run_id: str) -> BookmarkEntry:
    entry = bookmark.by_run.get(run_id)
    if entry is not None:
        return entry
    run = runs.by_id.get(run_id)
    if run is None:
        raise GlueError("EntityNotFoundException", f"Job run {run_id} of job {name} not found.")
    raise GlueError(
        "EntityNotFoundException",
        f"Job run {run_id} of job {name} left no bookmark entry: it is {run.state}, and only a run "
        f"that SUCCEEDED with {BOOKMARK_OPTION} {BOOKMARK_ENABLED} records one.",
    )
