"""The job run a script is in, as the stand-in sees it: handed over by the runner for the run.

The stand-in reads the run's name, id, region and arguments, the bookmark state committed runs
left, and hands back what ``job.commit()`` records; it never reaches into the fake above it.
Outside a run (a ``GlueContext`` in a test) there is none: bookmarks then start empty and a
commit records nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class JobRun:
    job_name: str
    run_id: str
    region: str
    #: The run's effective arguments (the job's, the run's over them), keys with their ``--``.
    arguments: dict[str, str]
    #: The JobBookmark JSON of the job's current bookmark entry (None) or the one a run left.
    bookmark_of: Callable[[str | None], str | None]
    #: ``job.init``: from now on the bookmark moves only if the run commits.
    job_started: Callable[[], None]
    #: ``job.commit()``: the JobBookmark JSON to record when the run succeeds.
    commit: Callable[[str], None]


_current: ContextVar[JobRun | None] = ContextVar("pytest_gluejobs_job_run", default=None)


def current() -> JobRun | None:
    return _current.get()


def region() -> str:
    """The run's region, else the process's (AWS_DEFAULT_REGION, AWS_REGION), else us-east-1."""
    job_run = current()
    if job_run is not None:
        return job_run.region
    return os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION") or "us-east-1"


@contextmanager
def running(run: JobRun) -> Iterator[None]:
    token = _current.set(run)
    try:
        yield
    finally:
        _current.reset(token)
