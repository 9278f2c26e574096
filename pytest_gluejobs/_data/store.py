"""Where one fake keeps its data: a store per region (jobs, tags, runs) and the fake's settings.

The store holds data only; the service acts on it, holding ``Store.lock``.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .options import DEFAULT_MAX_FINAL_READS
from .shapes import Job, JobBookmark, Run, Script, StoredJob

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_MAX_JOBS = 1000  # Service Quotas L-611FDDE4, "Max jobs per account", per region


#: Runs whose code is due: (region, run), in the order they got a slot.
DueRuns = deque[tuple[str, Run]]
#: What a new run of a job executes: (job name, job, StartJobRun's params) -> its code, or None.
CodePlanner = Callable[[str, Job, dict[str, Any]], object]


class JobRuns:
    """The runs of one job in one region, oldest first, and the bookmark their successes moved."""

    def __init__(self, numbers: Iterator[int], region: str, due: DueRuns) -> None:
        self.runs: list[Run] = []
        self.by_id: dict[str, Run] = {}
        # The fake's one run counter: a retry added here is numbered after every earlier run.
        self.numbers = numbers
        self.region = region
        self._due = due
        # None until a run with bookmarks enabled succeeds; dropped with the job, as AWS documents.
        self.bookmark: JobBookmark | None = None

    def add(self, run: Run) -> None:
        self.runs.append(run)
        self.by_id[run.id] = run

    def got_slot(self, run: Run) -> None:
        """A run that executes code and just got a slot: its code runs after the current call."""
        if run.code is not None:
            self._due.append((self.region, run))

    def count(self, states: tuple[str, ...]) -> int:
        return sum(run.state in states for run in self.runs)


class RegionStore:
    """The jobs, tags and job runs of one region."""

    def __init__(self, region: str, numbers: Iterator[int], due: DueRuns) -> None:
        self.region = region
        self.jobs: dict[str, Job] = {}  # each a StoredJob
        self.tags: dict[str, dict[str, str]] = {}
        self.runs: dict[str, JobRuns] = {}
        #: Every job name, sorted: what paging walks.
        self.names: list[str] = []
        self._numbers = numbers
        self._due = due

    def __len__(self) -> int:
        return len(self.jobs)

    def put(self, name: str, job: Job) -> None:
        if name not in self.jobs:
            bisect.insort(self.names, name)
        self.jobs[name] = StoredJob(job)

    def remove(self, name: str) -> None:
        if self.jobs.pop(name, None) is not None:
            del self.names[bisect.bisect_left(self.names, name)]
        self.tags.pop(name, None)
        self.runs.pop(name, None)

    def runs_of(self, name: str) -> JobRuns:
        runs = self.runs.get(name)
        if runs is None:
            runs = self.runs[name] = JobRuns(self._numbers, self.region, self._due)
        return runs


@dataclass
class Settings:
    """What a test may set on its fake: the jobs quota per region, the account of its ARNs, the
    reads in a row of a finished run allowed before a read raises (0: no limit), and whose
    defaults CreateJob follows ("documented": Glue's API reference; "current": today's docs)."""

    max_jobs: int = DEFAULT_MAX_JOBS
    account_id: str = DEFAULT_ACCOUNT_ID
    max_final_reads: int = DEFAULT_MAX_FINAL_READS
    defaults: str = "documented"


class Store:
    """Everything one fake keeps: a RegionStore per region, the settings, the run scripts, the runs
    whose code is due."""

    def __init__(self) -> None:
        # Re-entrant: a test helper holding it may answer a request through the service.
        self.lock = threading.RLock()
        self.regions: dict[str, RegionStore] = {}
        self.settings = Settings()
        #: The script of each job's runs by job name, in every region.
        self.scripts: dict[str, Script] = {}
        #: The jobs some run has read a state of its script from.
        self.scripts_used: set[str] = set()
        self.run_numbers = itertools.count(1)
        #: Runs with code that got a slot and whose code has not started yet, oldest first.
        self.due: DueRuns = deque()
        #: Set by the fake once a test gives jobs code to run; None costs StartJobRun nothing.
        self.code_planner: CodePlanner | None = None
        #: What the code of each run printed so far, by run id: () -> (output, error).
        self.code_logs: dict[str, Callable[[], tuple[str, str]]] = {}

    def region(self, region: str) -> RegionStore:
        store = self.regions.get(region)
        if store is None:
            store = self.regions.setdefault(region, RegionStore(region, self.run_numbers, self.due))
        return store
