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
from .shapes import FINISHED_STATES, Fire, Job, JobBookmark, Run, Script, StoredJob, Trigger

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_MAX_JOBS = 1000  # Service Quotas L-611FDDE4, "Max jobs per account", per region
# "Max triggers per account" in the AWS General Reference's Glue quotas, per region.
DEFAULT_MAX_TRIGGERS = 1000
# Fire times of one scheduled trigger started at one look after the clock jumped; older ones are
# left out: a year of a 5-minute schedule is 105,120 runs no test wants.
DEFAULT_MAX_CATCH_UP = 1000
# Fires the failure report can list, the latest.
MAX_FIRES_KEPT = 1000


class DueRuns(threading.local):
    """Runs whose code is due, by thread: ``runs`` holds (region, run) in the order they got a
    slot, in the thread of the call that gave them one, which runs their code."""

    def __init__(self) -> None:
        self.runs: deque[tuple[str, Run]] = deque()


#: Runs started by a trigger that finished for good while a conditional trigger watches their
#: job: (region, run), oldest first.
FinishedRuns = deque[tuple[str, Run]]
#: What a new run of a job executes: (job name, job, StartJobRun's params) -> its code, or None.
CodePlanner = Callable[[str, Job, dict[str, Any]], object]


class JobRuns:
    """The runs of one job in one region, oldest first, and the bookmark their successes moved."""

    def __init__(
        self,
        numbers: Iterator[int],
        region: str,
        due: DueRuns,
        name: str = "",
        watched: dict[str, int] | None = None,
        finished: FinishedRuns | None = None,
    ) -> None:
        self.runs: list[Run] = []
        self.by_id: dict[str, Run] = {}
        # The runs not yet seen finished, oldest first: what refreshing a job's runs walks, so a
        # job with thousands of finished runs starts a new one as fast as a job with none.
        self.live: list[Run] = []
        # Finished runs that reads counted (the polling guard), to start over when the job moves on.
        self.polled: dict[str, Run] = {}
        # The fake's one run counter: a retry added here is numbered after every earlier run.
        self.numbers = numbers
        self.region = region
        self.name = name
        self._due = due
        self._watched = watched if watched is not None else {}
        self._finished = finished
        # None until a run with bookmarks enabled succeeds; dropped with the job, as AWS documents.
        self.bookmark: JobBookmark | None = None

    def add(self, run: Run) -> None:
        self.runs.append(run)
        self.by_id[run.id] = run
        self.live.append(run)

    def prune(self) -> list[Run]:
        """The runs not finished, oldest first (those that finished since are dropped from it)."""
        live = self.live
        if live and any(run.state in FINISHED_STATES for run in live):
            self.live = live = [run for run in live if run.state not in FINISHED_STATES]
        return live

    def got_slot(self, run: Run) -> None:
        """A run that executes code and just got a slot: its code runs after the current call."""
        if run.code is not None:
            self._due.runs.append((self.region, run))

    def count(self, states: tuple[str, ...]) -> int:
        """How many runs are in ``states`` (unfinished states only)."""
        if not self.live:
            return 0
        return sum(run.state in states for run in self.prune())

    def finished(self, run: Run) -> None:
        """A run ended for good (no retry follows): a conditional trigger watching the job looks at
        it when the call ends, if a trigger started it."""
        if run.chain_step is not None and self.name in self._watched and self._finished is not None:
            self._finished.append((self.region, run))


class RegionStore:
    """The jobs, triggers, tags and job runs of one region."""

    def __init__(
        self, region: str, numbers: Iterator[int], due: DueRuns, finished: FinishedRuns | None = None
    ) -> None:
        self.region = region
        self.jobs: dict[str, Job] = {}  # each a StoredJob
        self.tags: dict[str, dict[str, str]] = {}
        self.runs: dict[str, JobRuns] = {}
        #: Every job name, sorted: what paging walks.
        self.names: list[str] = []
        self.triggers: dict[str, Trigger] = {}
        self.trigger_tags: dict[str, dict[str, str]] = {}
        #: Every trigger name, sorted.
        self.trigger_names: list[str] = []
        #: Job name -> how many activated conditional triggers watch it.
        self.watched: dict[str, int] = {}
        self._numbers = numbers
        self._due = due
        self._finished = finished

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
            runs = self.runs[name] = JobRuns(
                self._numbers, self.region, self._due, name, self.watched, self._finished
            )
        return runs

    def put_trigger(self, trigger: Trigger) -> None:
        name = trigger.definition["Name"]
        if name not in self.triggers:
            bisect.insort(self.trigger_names, name)
        self.triggers[name] = trigger

    def remove_trigger(self, name: str) -> Trigger | None:
        trigger = self.triggers.pop(name, None)
        if trigger is not None:
            del self.trigger_names[bisect.bisect_left(self.trigger_names, name)]
        self.trigger_tags.pop(name, None)
        return trigger


@dataclass
class Settings:
    """What a test may set on its fake: the jobs and triggers quotas per region, the account of
    its ARNs, the reads in a row of a finished run allowed before a read raises (0: no limit), the
    fire times of one trigger started at one look after the clock jumped, and whose defaults
    CreateJob follows ("documented": Glue's API reference; "current": today's docs)."""

    max_jobs: int = DEFAULT_MAX_JOBS
    account_id: str = DEFAULT_ACCOUNT_ID
    max_final_reads: int = DEFAULT_MAX_FINAL_READS
    max_triggers: int = DEFAULT_MAX_TRIGGERS
    max_catch_up: int = DEFAULT_MAX_CATCH_UP
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
        self.due = DueRuns()
        #: Set by the fake once a test gives jobs code to run; None costs StartJobRun nothing.
        self.code_planner: CodePlanner | None = None
        #: What the code of each run printed so far, by run id: () -> (output, error).
        self.code_logs: dict[str, Callable[[], tuple[str, str]]] = {}
        #: The earliest next fire time of any activated scheduled trigger; None while there is
        #: none, so a fake without schedules never reads the clock for them.
        self.next_fire: float | None = None
        #: The latest time a look at the clock for schedules saw: a later look that sees an
        #: earlier time knows the test moved the clock back.
        self.clock_seen: float = 0.0
        #: The activated SCHEDULED triggers, by (region, name): what a look at the clock checks.
        self.schedules: dict[tuple[str, str], Trigger] = {}
        #: Runs started by a trigger that finished while a conditional trigger watches their job.
        self.finished: FinishedRuns = deque()
        #: The latest fires of triggers, oldest first: what the failure report lists.
        self.fires: deque[Fire] = deque(maxlen=MAX_FIRES_KEPT)

    def region(self, region: str) -> RegionStore:
        store = self.regions.get(region)
        if store is None:
            store = self.regions.setdefault(
                region, RegionStore(region, self.run_numbers, self.due, self.finished)
            )
        return store
