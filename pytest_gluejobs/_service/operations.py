"""The one table of faked operations, and the service that answers them over one fake's store.

``OPERATIONS`` (the public list), the dispatch and the validation of injected faults all read
this table: adding an operation is one row here and one handler beside its peers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .._data.clock import now as clock_now
from .._data.errors import GlueError
from .._data.shapes import Fire, Job, Params, Response, Run, Script, Seed
from .._data.store import RegionStore, Store
from . import bookmarks as _bookmarks
from . import cloudwatch_logs as _cloudwatch_logs
from . import firing as _firing
from . import jobs as _jobs
from . import runs as _runs
from . import seeding as _seeding
from . import source_control as _source_control
from . import system_logs as _system_logs
from . import tags as _tags
from . import triggers as _triggers
from .model import ExtraEnums, IsValid, check_input, has_operation, input_validity
from .rules import DEFAULTS

#: An operation's handler: the fake's store, the region's store, the request's params.
Handler = Callable[[Store, RegionStore, Params], Response]

TABLE: dict[str, Handler] = {
    "CreateJob": _jobs.create_job,
    "UpdateJob": _jobs.update_job,
    "GetJob": _jobs.get_job,
    "GetJobs": _jobs.get_jobs,
    "DeleteJob": _jobs.delete_job,
    "ListJobs": _jobs.list_jobs,
    "BatchGetJobs": _jobs.batch_get_jobs,
    "StartJobRun": _runs.start_job_run,
    "GetJobRun": _runs.get_job_run,
    "GetJobRuns": _runs.get_job_runs,
    "BatchStopJobRun": _runs.batch_stop_job_run,
    "GetJobBookmark": _bookmarks.get_job_bookmark,
    "ResetJobBookmark": _bookmarks.reset_job_bookmark,
    "GetSystemLogsForJobRun": _system_logs.get_system_logs_for_job_run,
    "UpdateJobFromSourceControl": _source_control.update_job_from_source_control,
    "UpdateSourceControlFromJob": _source_control.update_source_control_from_job,
    "CreateTrigger": _triggers.create_trigger,
    "GetTrigger": _triggers.get_trigger,
    "GetTriggers": _triggers.get_triggers,
    "UpdateTrigger": _triggers.update_trigger,
    "DeleteTrigger": _triggers.delete_trigger,
    "StartTrigger": _triggers.start_trigger,
    "StopTrigger": _triggers.stop_trigger,
    "ListTriggers": _triggers.list_triggers,
    "BatchGetTriggers": _triggers.batch_get_triggers,
    "TagResource": _tags.tag_resource,
    "UntagResource": _tags.untag_resource,
    "GetTags": _tags.get_tags,
}
# Only newer botocore releases model GetSystemLogsForJobRun: no client of an older one can call
# it, and neither fail() nor the list of faked operations may name it there.
if not has_operation("GetSystemLogsForJobRun"):
    del TABLE["GetSystemLogsForJobRun"]
OPERATIONS = tuple(TABLE)
# Operations whose Name is a trigger's: validation messages name the trigger.
_ABOUT_TRIGGERS = frozenset(operation for operation in TABLE if operation.endswith(("Trigger", "Triggers")))

Settled = TypeVar("Settled")


class GlueJobsService:
    """One fake Glue Jobs service: every operation, and what a test reads and drives, over a store."""

    def __init__(self) -> None:
        self.data = Store()
        self.lock = self.data.lock
        self.settings = self.data.settings
        # True while scheduled fires are being started: the code of their runs may call Glue,
        # and those calls must not start the same catch-up again.
        self._firing = False
        # The enum values the model's check accepts beyond botocore's (by the defaults followed),
        # with each operation's quick validity test under them, found on its first request: one
        # tuple, so a request never pairs the tests of one setting with the values of another.
        self._validation: tuple[ExtraEnums, dict[str, IsValid]] = ((), {})

    @property
    def defaults(self) -> str:
        return self.settings.defaults

    @defaults.setter
    def defaults(self, name: str) -> None:
        """Follow ``name``'s defaults and worker types ("documented" or "current") from now on;
        the model's tests are chosen again here, so no request pays for the choice."""
        with self.lock:
            self.settings.defaults = name
            self._validation = (DEFAULTS[name].extra_enums, {})

    def store(self, region: str) -> RegionStore:
        store = self.data.regions.get(region)  # every call asks: the common case without a call
        return store if store is not None else self.data.region(region)

    def call(self, operation: str, params: Params, region: str) -> Response:
        """Answer one request, or raise the GlueError AWS would answer with."""
        return self.answer(operation, params, region, _response_or_raise)

    def answer(
        self,
        operation: str,
        params: Params,
        region: str,
        settle: Callable[[Response | GlueError], Settled],
    ) -> Settled:
        """Answer one request and ``settle`` the outcome (a response or the error) while the store
        is still locked, so whatever settle records is in the order the answers were given."""
        handler = TABLE[operation]
        extra_enums, quick_tests = self._validation
        valid = quick_tests.get(operation)
        if valid is None:
            valid = quick_tests[operation] = input_validity(operation, extra_enums)
        if not valid(params):  # judged on the request alone: the store's state is not involved
            noun = "Trigger" if operation in _ABOUT_TRIGGERS else "Job"
            try:
                check_input(operation, params, _job_name, noun, extra_enums)
            except GlueError as error:
                return settle(error)
        data = self.data
        with self.lock:
            try:
                response = handler(data, self.store(region), params)
            except GlueError as error:
                if data.finished:
                    _firing.after_runs_finished(data)
                return settle(error)
            if data.finished:  # as _conditions(), without a call for the common case
                _firing.after_runs_finished(data)
            return settle(response)

    def _conditions(self) -> None:
        """Runs started by triggers that ended during the call: conditional triggers fire now."""
        if self.data.finished:
            _firing.after_runs_finished(self.data)

    # -- triggers fire by the clock ---------------------------------------------------------------

    def fire_due(self, run_code: Callable[[], object]) -> None:
        """Start the runs of every scheduled fire time that is due, oldest first, running the code
        of each fire's runs (``run_code``, outside the lock) before the next fire time."""
        if self.data.next_fire is None:
            return
        with self.lock:
            now = clock_now()
            if now < self.data.clock_seen:
                _firing.clock_moved_back(self.data, now)
            self.data.clock_seen = now
            next_fire = self.data.next_fire
            if next_fire is None or now < next_fire or self._firing:
                return
            self._firing = True
            try:
                due = _firing.due(self.data, now)
            except BaseException:
                self._firing = False
                raise
        try:
            for fire in due:
                with self.lock:
                    _firing.fire_scheduled(self.data, fire)
                    self._conditions()
                run_code()
        finally:
            with self.lock:
                _firing.done_until(self.data, now)
                self._firing = False

    def fires(self) -> list[Fire]:
        """The triggers' latest fires, oldest first."""
        with self.lock:
            return list(self.data.fires)

    # -- the runs' logs, as CloudWatch Logs shows them -------------------------------------------

    def answers_logs(self, params: Params, region: str) -> bool:
        """Whether a CloudWatch Logs request names a log group of Glue's that the fake answers for."""
        group = _cloudwatch_logs.group_name(params)
        if group is None:
            return False
        with self.lock:
            return _cloudwatch_logs.is_glue_group(self.store(region), group)

    def answer_logs(self, operation: str, params: Params, region: str) -> Response:
        """Answer FilterLogEvents, GetLogEvents or DescribeLogStreams, or raise the error CloudWatch
        Logs would answer with (a GlueError carrying its code)."""
        with self.lock:
            return _cloudwatch_logs.answer(self.data, self.store(region), operation, params)

    def keep_code_logs(self, run_id: str, text: Callable[[], tuple[str, str]]) -> None:
        """Where the logs of a run's code are read from, as it prints them."""
        with self.lock:
            self.data.code_logs[run_id] = text

    def regions_holding(self, job_name: str) -> list[str]:
        """The regions where a job of this name exists, for explaining a not-found."""
        with self.lock:
            return sorted(region for region, store in self.data.regions.items() if job_name in store.jobs)

    # -- what a test reads and drives -------------------------------------------------------

    def jobs(self, region: str) -> list[Job]:
        """Every job of a region in wire form, by name."""
        store = self.store(region)
        with self.lock:
            return [store.jobs[name] for name in store.names]

    def create_job(self, region: str, params: Params) -> Job:
        """CreateJob as a request would make it; the job created, in wire form."""
        with self.lock:
            self.call("CreateJob", params, region)
            return self.store(region).jobs[params["Name"]]

    def seed(self, region: str, seed: Seed) -> tuple[list[Job], list[Job]]:
        """Every job and trigger a seed file defines, judged at once and stored all or none
        (SeedFileError listing every problem); the jobs and the triggers stored, in wire form."""
        with self.lock:
            jobs, triggers = _seeding.seed(self.data, self.store(region), seed)
            return jobs, list(triggers)

    def run_states(self, job_name: str, script: Script) -> None:
        with self.lock:
            _runs.set_script(self.data, job_name, script)

    def unused_scripts(self) -> list[tuple[str, Script]]:
        with self.lock:
            return _runs.unused_scripts(self.data)

    def plan_code(self, planner: Callable[[str, Job, Params], object]) -> None:
        """From now on, ``planner`` decides at StartJobRun what each new run executes."""
        with self.lock:
            self.data.code_planner = planner

    def begin_code(self) -> tuple[str, Run] | None:
        """The next run whose code is due, now RUNNING (its code is ``run.code``), or None."""
        with self.lock:
            begun = _runs.begin_code(self.data)
            self._conditions()
            return begun

    def end_code(self, region: str, run: Run, state: str, error_message: str | None) -> None:
        with self.lock:
            _runs.end_code(self.data, region, run, state, error_message)
            self._conditions()

    def bookmark_state(self, region: str, job_name: str, run_id: str | None) -> str | None:
        """What ``job.init`` in a run's code reads: the JobBookmark JSON of the job's current
        bookmark entry, or of the entry run ``run_id`` left; None if there is none."""
        store = self.store(region)
        with self.lock:
            return _bookmarks.state_of(store, job_name, run_id)

    def commits_bookmark(self, run: Run) -> None:
        """The run's code called ``job.init``: its bookmark moves only if it also commits."""
        with self.lock:
            run.commits_bookmark = True

    def commit_bookmark(self, run: Run, state: str) -> None:
        """The run's ``job.commit()``: the state the job's bookmark takes on if the run succeeds."""
        with self.lock:
            run.bookmark_state = state

    def run_state(self, region: str, run: Run) -> str:
        """A run's state now (its Timeout applied), without reading it."""
        with self.lock:
            _runs.peek(self.store(region), run.job_name)
            return run.state

    def finish_run(self, run_id: str, state: str, error_message: str | None) -> None:
        """Settle one run now, or ValueError listing the runs there are."""
        with self.lock:
            if _runs.finish(self.data, run_id, state, error_message):
                self._conditions()
                return
            known = [run["Id"] for store in self.data.regions.values() for run in _runs.peek(store, None)]
        shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
        raise ValueError(f"finish_run: no job run has id {run_id!r}; the runs are: {shown or 'none'}")

    def bookmark(self, region: str, job_name: str) -> dict[str, Any] | None:
        """The job's current bookmark entry in wire form, or None if it has none."""
        store = self.store(region)
        with self.lock:
            return _bookmarks.peek(store, job_name)

    def runs(self, region: str, job_name: str | None) -> list[dict[str, Any]]:
        """The runs of one job (or all) in wire form, newest first, without reading them."""
        store = self.store(region)
        with self.lock:
            runs = _runs.peek(store, job_name)
            if not self.data.finished:
                return runs
            self._conditions()
            return _runs.peek(store, job_name)

    def triggers(self, region: str) -> list[dict[str, Any]]:
        """Every trigger of a region in wire form, by name."""
        store = self.store(region)
        with self.lock:
            return [store.triggers[name].definition for name in store.trigger_names]

    def create_trigger(self, region: str, params: Params) -> dict[str, Any]:
        """CreateTrigger as a request would make it; the trigger created, in wire form."""
        with self.lock:
            self.call("CreateTrigger", params, region)
            return self.store(region).triggers[params["Name"]].definition


def _job_name(params: Params) -> str | None:
    """The job a request is about, as its validation message names it."""
    name = params.get("Name") or params.get("JobName") or _tags.name_in_arn(params.get("ResourceArn"))
    return name if isinstance(name, str) else None


def _response_or_raise(outcome: Response | GlueError) -> Response:
    if isinstance(outcome, GlueError):
        raise outcome
    return outcome
