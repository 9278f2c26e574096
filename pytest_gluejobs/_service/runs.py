"""Job runs: run records, their state machine, scripts, timeouts, retries and queuing.

A run's state is derived lazily whenever a call looks at it, from the job's script (the states the
test asked its runs to show on successive reads) and the wall clock, read through ``time.time()``
at call time so freezegun and time-machine drive timeouts. Nothing runs in the background.

A run that executes code (planned by the fake at StartJobRun) ignores its script: it is due once it
has a slot, shows RUNNING from ``begin_code`` and settles at ``end_code`` by the code's outcome.
The code itself runs above this layer, outside the store's lock, so it can call Glue.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from .._data.clock import now as clock_now
from .._data.errors import EndlessPollingError, GlueError, invalid_input, not_found
from .._data.ids import BATCH, Ids, random_bits
from .._data.shapes import (
    EXECUTING_STATES,
    FINISHED_STATES,
    UNFINISHED_STATES,
    Job,
    Params,
    Response,
    Run,
    Script,
)
from .._data.store import JobRuns, RegionStore, Store
from .._data.text import show
from . import bookmarks
from .paging import page_request, paged
from .rules import (
    DEFAULT_MAX_CONCURRENT_RUNS,
    DEFAULTS,
    Defaults,
    check_definition,
    log_group_name,
    with_defaults,
)
from .run_scripts import DEFAULT_SCRIPT, default_error_message

_CAPACITY = ("MaxCapacity", "AllocatedCapacity", "WorkerType", "NumberOfWorkers")
_RUN_OVERRIDES = (*_CAPACITY, "Timeout", "SecurityConfiguration", "NotificationProperty", "ExecutionClass")
_OVERRIDE_MEMBERS = frozenset(_RUN_OVERRIDES)
# JobRun members that come from the job's definition at start time unless the run overrides them.
_FROM_DEFINITION = (
    *_RUN_OVERRIDES,
    "JobMode",
    "GlueVersion",
    "MaintenanceWindow",
    "ProfileName",
)
_NOT_DEFINITION = ("Name", "CreatedOn", "LastModifiedOn")


def _retry(run: Run, number: int, at: float, *, start: bool) -> Run:
    """The automatic retry that follows ``run``'s failure: it takes over the failed run's slot
    when that run held one (``start``), and otherwise waits for a free one."""
    attempt = run.attempt + 1
    return Run(
        id=f"{run.root_id}_attempt_{attempt}",
        number=number,
        job_name=run.job_name,
        attempt=attempt,
        root_id=run.root_id,
        previous_run_id=run.id,
        settings=run.settings,
        max_retries=run.max_retries,
        started_on=at,
        state="STARTING" if start else "WAITING",
        last_modified_on=at,
        running_since=at if start else None,
        bookmarked=run.bookmarked,
        code=run.code,
        chain_step=run.chain_step,
    )


def _refresh(runs: JobRuns, now: float, max_concurrent: int) -> None:
    """Bring every run up to ``now``: timeouts first, then queued runs into free slots."""
    if not runs.live:  # every run finished (or none began): nothing to bring up to now
        return
    waiting = False
    for run in list(runs.prune()):  # a timed-out run is never retried: nothing is added meanwhile
        state = run.state
        if state == "STARTING" or state == "RUNNING":
            deadline = run.deadline()
            if deadline is not None and now >= deadline:
                _settle(runs, run, "TIMEOUT", deadline, _timeout_message(run))
        elif state == "WAITING":
            waiting = True
    if not waiting:  # the common case: no run queued for a slot
        return
    executing = runs.count(EXECUTING_STATES)
    for run in runs.live:
        if executing >= max_concurrent:
            break
        if run.state == "WAITING":
            run.state = "STARTING"
            run.running_since = run.last_modified_on = now
            executing += 1
            runs.got_slot(run)


def _read(runs: JobRuns, run: Run, now: float, script: Script) -> None:
    """One read of ``run`` by GetJobRun or GetJobRuns: the next state of its script shows.

    A run executing code is moved by its code (and the clock, BatchStopJobRun, finish_run),
    never by reads.
    """
    if run.code is not None:
        return
    if run.stop_requested:
        if run.state == "STOPPING":
            if run.stop_shown:
                _settle(runs, run, "STOPPED", now, None)
            else:
                run.stop_shown = True
        return
    if run.state not in ("STARTING", "RUNNING", "STOPPING"):
        return
    state = script.state_on_read(run.reads)
    run.reads += 1
    if state in FINISHED_STATES:
        message = script.error_message if state != "SUCCEEDED" else None
        _settle(runs, run, state, now, message or default_error_message(state))
    elif state != run.state:
        run.state = state
        run.last_modified_on = now


def _count_final_read(data: Store, runs: JobRuns, operation: str, run: Run) -> None:
    """Count a read that showed ``run`` finished; past the fake's ``max_final_reads`` in a row,
    the read raises: a loop that reads a finished run again and again would never end on AWS.

    A read that shows the run still going resets the count (the run cannot go back once
    finished, so in practice the count only restarts with StartJobRun of the job or a GetJobRuns
    page that also holds a run still going).
    """
    if run.state not in FINISHED_STATES:
        run.final_reads = 0
        return
    run.final_reads += 1
    runs.polled[run.id] = run
    limit = data.settings.max_final_reads
    if limit and run.final_reads > limit:
        raise EndlessPollingError(
            f"pytest-gluejobs: {operation} read run {run.id} of job {show(run.job_name)} "
            f"{run.final_reads} times in a row after it finished {run.state} (max_final_reads is "
            f"{limit}). The loop reading it probably does not treat {run.state} as a final state, "
            f"so on AWS it would never end; a run ends in one of {', '.join(FINISHED_STATES)}. "
            "If these reads are intended, raise glue_jobs.max_final_reads (0 turns the guard off)."
        )


def _stop(runs: JobRuns, run: Run, now: float) -> None:
    """BatchStopJobRun: a queued run stops at once, a started one shows STOPPING first."""
    if run.state == "WAITING":
        _settle(runs, run, "STOPPED", now, None)
    elif not run.stop_requested:
        run.stop_requested = True
        run.state = "STOPPING"
        run.last_modified_on = now


def _settle(runs: JobRuns, run: Run, state: str, at: float, error_message: str | None) -> None:
    """Finish ``run``; a FAILED run with retries left is followed by its next attempt."""
    held_slot = run.state in EXECUTING_STATES
    run.state = state
    run.completed_on = run.last_modified_on = at
    run.error_message = error_message
    if state == "SUCCEEDED" and run.bookmarked and (run.bookmark_state is not None or not run.commits_bookmark):
        bookmarks.record(runs, run)
    if state == "FAILED" and run.attempt < run.max_retries:
        attempt = _retry(run, next(runs.numbers), at, start=held_slot)
        runs.add(attempt)
        if held_slot:
            runs.got_slot(attempt)
    else:
        runs.finished(run)


def _timeout_message(run: Run) -> str:
    return (
        f"Job run timed out: it was still running {run.settings['Timeout']} minutes (its Timeout) "
        "after it started"
    )


def free_slots(store: RegionStore, name: str) -> int | None:
    """How many runs of job ``name`` could start now without waiting; None when its runs queue
    (JobRunQueuingEnabled), so none is refused. EntityNotFoundException for no such job."""
    job, runs, limit = _current(store, name, clock_now())
    if job.get("JobRunQueuingEnabled"):
        return None
    return max(0, limit - runs.count(UNFINISHED_STATES))


def max_concurrent_runs(job: Job) -> int:
    execution = job.get("ExecutionProperty") or {}
    limit = execution.get("MaxConcurrentRuns", DEFAULT_MAX_CONCURRENT_RUNS)
    return int(limit)


def _new_run_ids() -> list[str]:
    """``BATCH`` run ids, each ``jr_`` and 64 lowercase hex digits as AWS gives them (unique, not
    secret), from one draw of random bits."""
    digits = random_bits(256 * BATCH).to_bytes(32 * BATCH, "big").hex()
    return ["jr_" + digits[at : at + 64] for at in range(0, 64 * BATCH, 64)]


new_run_id = Ids(_new_run_ids)


def _current(store: RegionStore, name: str, now: float) -> tuple[Job, JobRuns, int]:
    """The job and its runs brought up to ``now``, and its MaxConcurrentRuns;
    EntityNotFoundException for no such job."""
    job = store.jobs.get(name)
    if job is None:
        raise not_found(name)
    runs = store.runs_of(name)
    limit = max_concurrent_runs(job)
    _refresh(runs, now, limit)
    return job, runs, limit


# -- the operations ------------------------------------------------------------------------------


def start_job_run(data: Store, store: RegionStore, params: Params) -> Response:
    run = start_run(data, store, params["JobName"], params)
    return {"JobRunId": run.id}


#: The ErrorMessage of a run a trigger started while the job's MaxConcurrentRuns slots were full
#: (the words a Glue workflow's run showed, aws-samples/build-a-360-degree-customer-view-with-aws#1).
CONCURRENT_RUNS_EXCEEDED = "Max concurrent runs exceeded"


def start_run(
    data: Store,
    store: RegionStore,
    name: str,
    params: Params,
    *,
    started_on: float | None = None,
    trigger: str | None = None,
    chain_step: int | None = None,
    predecessors: list[dict[str, str]] | None = None,
    record_refusal: bool = False,
) -> Run:
    """Start a run of job ``name`` as StartJobRun does with ``params``; the run started.

    A trigger's run names the trigger (TriggerName, its chain step, the PredecessorRuns of a
    conditional fire) and may have been due at ``started_on``, before now. When the job's slots
    are full, StartJobRun answers ConcurrentRunsExceededException; a run a trigger starts on its
    own (``record_refusal``) is recorded FAILED instead, as Glue's run statuses document.
    """
    now = clock_now()
    job, runs, limit = _current(store, name, now)
    settings = _run_settings(name, job, params, DEFAULTS[data.settings.defaults])
    if trigger is not None:
        settings["TriggerName"] = trigger
    if predecessors:
        settings["PredecessorRuns"] = predecessors
    retried = params.get("JobRunId")
    if retried is not None and retried not in runs.by_id:
        raise GlueError(
            "EntityNotFoundException",
            f"Job run {retried} of job {name} not found: StartJobRun's JobRunId must be the id "
            "of an earlier run of this job (the run to retry).",
        )
    unfinished = runs.count(UNFINISHED_STATES)
    # Queued runs only wait while slots are full, so "all unfinished" is "no free slot".
    waiting = unfinished >= limit
    refused = waiting and not settings["JobRunQueuingEnabled"]
    if refused and not record_refusal:
        raise GlueError(
            "ConcurrentRunsExceededException",
            f"Concurrent runs exceeded for {name}",
            explanation=f"{unfinished} of the job's runs are not finished (STARTING, RUNNING, "
            f"STOPPING or WAITING) and its ExecutionProperty.MaxConcurrentRuns is {limit}",
        )
    run_id = new_run_id()
    planner = data.code_planner
    run = Run(
        id=run_id,
        number=next(runs.numbers),
        job_name=name,
        attempt=0,
        root_id=run_id,
        previous_run_id=retried,
        settings=settings,
        max_retries=int(job.get("MaxRetries", 0)),
        started_on=now if started_on is None else started_on,
        state="WAITING" if waiting else "STARTING",
        last_modified_on=now,
        running_since=None if waiting else now,
        state_detail=(
            f"Waiting in the job run queue: all {limit} of the job's MaxConcurrentRuns "
            "slots are in use" if waiting else None
        ),
        code=None if planner is None or refused else planner(name, job, params),
        bookmarked=bookmarks.enabled(job, params.get("Arguments")),
        chain_step=chain_step,
    )
    if runs.polled:  # the code moved on: reads of finished runs start over
        for earlier in runs.polled.values():
            earlier.final_reads = 0
        runs.polled.clear()
    runs.add(run)
    if refused:
        run.state, run.state_detail = "FAILED", None
        run.completed_on = now
        run.error_message = CONCURRENT_RUNS_EXCEEDED
        runs.finished(run)
        return run
    if not waiting:
        runs.got_slot(run)
    if run.code is None and name in data.scripts:
        data.scripts_used.add(name)  # the run follows the states the test gave the job
    return run


def get_job_run(data: Store, store: RegionStore, params: Params) -> Response:
    name, run_id = params["JobName"], params["RunId"]
    now = clock_now()
    _, runs, limit = _current(store, name, now)
    run = runs.by_id.get(run_id)
    if run is None:
        raise GlueError("EntityNotFoundException", f"Job run {run_id} of job {name} not found.")
    _read(runs, run, now, data.scripts.get(name, DEFAULT_SCRIPT))
    _refresh(runs, now, limit)
    _count_final_read(data, runs, "GetJobRun", run)
    return {"JobRun": run.wire(now)}


def get_job_runs(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["JobName"]
    before, page_size = page_request("GetJobRuns", params, int, job=name)
    now = clock_now()
    _, runs, limit = _current(store, name, now)
    newest_first = [run for run in reversed(runs.runs) if before is None or run.number < before]
    page = newest_first[:page_size]
    script = data.scripts.get(name, DEFAULT_SCRIPT)
    for run in page:
        _read(runs, run, now, script)
    _refresh(runs, now, limit)
    if all(run.finished for run in page):
        for run in page:
            _count_final_read(data, runs, "GetJobRuns", run)
    else:  # the loop is plausibly waiting for the run still going: the finished ones start over
        for run in page:
            run.final_reads = 0
    more = len(newest_first) > page_size
    return paged({"JobRuns": [run.wire(now) for run in page]}, "GetJobRuns", page[-1].number if more else None, job=name)


def batch_stop_job_run(data: Store, store: RegionStore, params: Params) -> Response:
    # The model gives BatchStopJobRun no EntityNotFoundException: every problem is per run.
    name = params["JobName"]
    now = clock_now()
    run_ids = dict.fromkeys(params["JobRunIds"])
    job = store.jobs.get(name)
    if job is None:
        message = not_found(name).message
        errors = [_stop_error(name, run_id, "EntityNotFoundException", message) for run_id in run_ids]
        return {"SuccessfulSubmissions": [], "Errors": errors}
    runs = store.runs_of(name)
    _refresh(runs, now, max_concurrent_runs(job))
    stopped: list[dict[str, str]] = []
    errors = []
    for run_id in run_ids:
        run = runs.by_id.get(run_id)
        if run is None:
            message = f"Job run {run_id} of job {name} not found."
            errors.append(_stop_error(name, run_id, "EntityNotFoundException", message))
        elif run.finished:
            errors.append(
                _stop_error(
                    name,
                    run_id,
                    "InvalidInputException",
                    f"Job run {run_id} of job {name} is already {run.state}; only STARTING, "
                    "RUNNING, STOPPING and WAITING runs can be stopped.",
                )
            )
        else:
            # Stopping frees no slot: a started run holds it while STOPPING, a queued one had none.
            _stop(runs, run, now)
            stopped.append({"JobName": name, "JobRunId": run_id})
    return {"SuccessfulSubmissions": stopped, "Errors": errors}


# -- what the test drives ------------------------------------------------------------------------


def set_script(data: Store, job_name: str, script: Script) -> None:
    """A new script starts over: every run of the job shows its first state on its next read."""
    data.scripts[job_name] = script
    data.scripts_used.discard(job_name)
    for store in data.regions.values():
        runs = store.runs.get(job_name)
        for run in runs.runs if runs is not None else ():
            run.reads = 0
            if run.code is None and not run.finished:
                data.scripts_used.add(job_name)


def finish(data: Store, run_id: str, state: str, error_message: str | None) -> bool:
    """Settle one run now (the public ``finish_run``); False if no region has such a run."""
    for store in data.regions.values():
        for name, runs in store.runs.items():
            run = runs.by_id.get(run_id)
            if run is None:
                continue
            now = clock_now()
            job = store.jobs[name]
            _refresh(runs, now, max_concurrent_runs(job))
            if run.finished:
                raise ValueError(
                    f"finish_run({run_id!r}, {state!r}): the run already finished {run.state}"
                    + (f" at {_iso(run.completed_on)}" if run.completed_on is not None else "")
                )
            message = error_message if error_message is not None else default_error_message(state)
            _settle(runs, run, state, now, message)
            _refresh(runs, now, max_concurrent_runs(job))
            return True
    return False


def begin_code(data: Store) -> tuple[str, Run] | None:
    """The next run whose code is due, now RUNNING; None when none is due.

    A due run that meanwhile finished (finish_run, its Timeout) is passed over, and one stopped
    before its code began ends STOPPED without running it.
    """
    while data.due.runs:
        region, run = data.due.runs.popleft()
        current = _still_stored(data, region, run)
        if current is None:
            continue
        job, runs = current
        now = clock_now()
        if _timed_out(runs, run, now):
            _refresh(runs, now, max_concurrent_runs(job))
        elif run.state == "STOPPING":
            _settle(runs, run, "STOPPED", now, None)
            _refresh(runs, now, max_concurrent_runs(job))
        elif run.state == "STARTING":
            run.state = "RUNNING"
            run.last_modified_on = now
            return region, run
    return None


def end_code(data: Store, region: str, run: Run, state: str, error_message: str | None) -> None:
    """Settle a run whose code ended in ``state``, unless something else settled it meanwhile.

    The clock wins, as for reads: code that ran past the run's Timeout ends it TIMEOUT at its
    deadline, and a run stopped while its code ran ends STOPPED.
    """
    current = _still_stored(data, region, run)
    if current is None:
        return
    job, runs = current
    now = clock_now()
    if run.finished:
        return
    if run.stop_requested:
        state, error_message = "STOPPED", None
    if not _timed_out(runs, run, now):
        _settle(runs, run, state, now, error_message)
    _refresh(runs, now, max_concurrent_runs(job))  # a queued run may take the slot


def _timed_out(runs: JobRuns, run: Run, now: float) -> bool:
    """Settle ``run`` TIMEOUT if its deadline has passed (only its own: cheaper than _refresh)."""
    deadline = run.deadline()
    if run.state not in ("STARTING", "RUNNING") or deadline is None or now < deadline:
        return False
    _settle(runs, run, "TIMEOUT", deadline, _timeout_message(run))
    return True


def _still_stored(data: Store, region: str, run: Run) -> tuple[Job, JobRuns] | None:
    """The job and runs of a run that is still stored; None once DeleteJob dropped it."""
    store = data.regions[region]
    job = store.jobs.get(run.job_name)
    runs = store.runs.get(run.job_name)
    if job is None or runs is None or runs.by_id.get(run.id) is not run:
        return None
    return job, runs


def unused_scripts(data: Store) -> list[tuple[str, Script]]:
    """Required scripts (job name, script) of which no run ever showed a state."""
    return [
        (name, script)
        for name, script in data.scripts.items()
        if script.required and name not in data.scripts_used
    ]


def peek(store: RegionStore, job_name: str | None) -> list[dict[str, Any]]:
    """Every run (of one job, or all) newest first, brought up to now without reading them."""
    now = clock_now()
    chosen: list[Run] = []
    for name, runs in store.runs.items():
        if job_name is not None and name != job_name:
            continue
        _refresh(runs, now, max_concurrent_runs(store.jobs[name]))
        chosen.extend(runs.runs)
    chosen.sort(key=lambda run: run.number, reverse=True)
    return [run.wire(now) for run in chosen]


def _stop_error(name: str, run_id: str, code: str, message: str) -> dict[str, Any]:
    return {
        "JobName": name,
        "JobRunId": run_id,
        "ErrorDetail": {"ErrorCode": code, "ErrorMessage": message},
    }


def _run_settings(name: str, job: Job, params: Params, defaults: Defaults) -> dict[str, Any]:
    """The JobRun members a new run keeps: the job's definition now, with the run's overrides.

    Overrides follow the job's own rules, checked on the definition they produce; a capacity
    override (MaxCapacity, AllocatedCapacity, WorkerType, NumberOfWorkers) replaces the job's
    capacity as a whole, so it must be complete on its own.
    """
    glue_version = job.get("GlueVersion", defaults.glue_version)
    effective: dict[str, Any] = job
    if not _OVERRIDE_MEMBERS.isdisjoint(params):  # most runs override nothing
        overrides = {key: params[key] for key in _RUN_OVERRIDES if key in params}
        definition = {
            key: value
            for key, value in job.items()
            if key not in _CAPACITY and key not in _NOT_DEFINITION
        }
        definition.update(overrides)
        try:
            check_definition(definition, glue_version, defaults)
        except GlueError as error:
            about = _about_run(name)
            capacity = {key: job[key] for key in _CAPACITY if key in job}
            replaced = (
                f" (a capacity override replaces the job's capacity {capacity} as a whole, so give "
                "it complete: WorkerType with NumberOfWorkers, or MaxCapacity)"
                if any(key in overrides for key in _CAPACITY)
                else ""
            )
            if error.explanation is not None:  # AWS's words: kept verbatim, the rest explained
                raise invalid_input(error.message, f"{about}: {error.explanation}{replaced}") from None
            raise invalid_input(f"{about}: {error.message}{replaced}") from None
        if any(key in overrides for key in _CAPACITY):
            effective = with_defaults(definition, glue_version, defaults)
        else:
            effective = {**definition, **{key: job[key] for key in _CAPACITY if key in job}}
    policy = params.get("ExecutionRoleSessionPolicy")
    if policy is not None:
        _check_policy(name, policy)
    settings = {}
    for key in _FROM_DEFINITION:  # a loop: a comprehension would cost a call of its own
        if key in effective:
            settings[key] = effective[key]
    settings["JobRunQueuingEnabled"] = bool(
        params.get("JobRunQueuingEnabled", job.get("JobRunQueuingEnabled", False))
    )
    settings["LogGroupName"] = log_group_name((job.get("Command") or {}).get("Name"))
    # A run started without Arguments reports none (boto/boto3#3506): the job's DefaultArguments
    # are not copied in.
    for key in ("Arguments", "ExecutionRoleSessionPolicy"):
        if key in params:
            settings[key] = params[key]
    # Nested values are shared with the stored job and the request, not copied: a stored job is
    # never changed in place (an update stores a new one), the request is the run's own, and
    # nothing changes a run's settings once it started.
    return settings


def _about_run(name: str) -> str:
    """How a refusal of a run's settings begins (made only for a refused run)."""
    return f"StartJobRun for job {show(name)}"


def _check_policy(name: str, policy: str) -> None:
    try:
        document = json.loads(policy)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise invalid_input(
            f"{_about_run(name)}: ExecutionRoleSessionPolicy must be an IAM policy "
            f"document (a JSON object); got {show(policy)}"
        )


def _iso(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).isoformat()
