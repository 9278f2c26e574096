"""When triggers fire, and what a fire starts: nothing runs in the background.

* ON_DEMAND: StartTrigger fires it at once (``fire_on_demand``); a job whose slots are full
  refuses the whole call with ConcurrentRunsExceededException, as StartTrigger documents.
* SCHEDULED: what is due is a pure function of the store and the clock (``due``): every fire time
  of an activated trigger after the instant it was last checked up to now, the latest
  ``max_catch_up`` of them. The service starts them one fire time at a time, oldest first, running
  the code of each fire's runs before the next (``fire_scheduled``), before it answers a call.
* CONDITIONAL: a run a trigger started that ends for good is noted by its job's runs; after each
  call the service hands the notes here (``after_runs_finished``), and an activated trigger whose
  predicate now holds fires.

A run a trigger starts goes through StartJobRun's path (``runs.start_run``): the same checks, the
same slots and queue, the same code. A fire that finds the job's slots full records the run
FAILED (Glue's "Job run statuses"); one whose job was deleted starts nothing (Glue records a run
in state ERROR, which no call can read once the job is gone). Each fire is kept for the report.
"""

from __future__ import annotations

from typing import Any

from .._data.clock import now as clock_now
from .._data.errors import GlueError
from .._data.shapes import Fire, Run, Trigger
from .._data.store import RegionStore, Store
from .._data.text import show
from .cron import Cron
from .runs import free_slots, start_run

#: How many conditional fires may follow one scheduled or on-demand fire, one after another: a
#: chain longer than this is a loop of triggers (a -> b -> a ...), which would never end.
MAX_CHAIN_STEPS = 100
_RUN_MEMBERS = ("Arguments", "Timeout", "SecurityConfiguration", "NotificationProperty")

#: A fire time that is due: (when, region, trigger name, earlier fire times left out before it).
Due = tuple[float, str, str, int]


# -- activation ----------------------------------------------------------------------------------


def activated(data: Store, store: RegionStore, trigger: Trigger, now: float) -> None:
    """A trigger became ACTIVATED (or an activated one changed): it fires from ``now`` on."""
    if trigger.type == "SCHEDULED":
        trigger.checked_until = now
        data.clock_seen = max(data.clock_seen, now)
        assert isinstance(trigger.schedule, Cron)
        trigger.next_fire = trigger.schedule.next_after(now)
        key = (store.region, trigger.name)
        previous = data.schedules.get(key)
        data.schedules[key] = trigger
        if previous is not None and previous.next_fire == data.next_fire:
            _reschedule(data)
        elif trigger.next_fire is not None and (data.next_fire is None or trigger.next_fire < data.next_fire):
            data.next_fire = trigger.next_fire
    elif trigger.type == "CONDITIONAL":
        trigger.seen = {}
        for job in _watched_jobs(trigger):
            store.watched[job] = store.watched.get(job, 0) + 1


def deactivated(data: Store, store: RegionStore, trigger: Trigger) -> None:
    """An activated trigger stops firing (before StopTrigger, DeleteTrigger or an update)."""
    if trigger.state != "ACTIVATED":
        return
    scheduled = data.schedules.pop((store.region, trigger.name), None)
    if scheduled is not None and scheduled.next_fire == data.next_fire:
        _reschedule(data)
    if trigger.type == "CONDITIONAL":
        for job in _watched_jobs(trigger):
            count = store.watched.get(job, 0) - 1
            if count > 0:
                store.watched[job] = count
            else:
                store.watched.pop(job, None)
        trigger.seen = {}


def _reschedule(data: Store) -> None:
    times = [trigger.next_fire for trigger in data.schedules.values() if trigger.next_fire is not None]
    data.next_fire = min(times) if times else None


def _watched_jobs(trigger: Trigger) -> set[str]:
    conditions = (trigger.definition.get("Predicate") or {}).get("Conditions") or []
    return {condition["JobName"] for condition in conditions if condition.get("JobName")}


# -- ON_DEMAND -----------------------------------------------------------------------------------


def fire_on_demand(data: Store, store: RegionStore, trigger: Trigger) -> None:
    """StartTrigger of an ON_DEMAND trigger: every action's run now, or none of them."""
    actions = trigger.definition["Actions"]
    wanted: dict[str, int] = {}
    for action in actions:
        job = action["JobName"]
        if job not in store.jobs:
            raise GlueError(
                "EntityNotFoundException",
                f"Job with name: {job} not found.",
                explanation=f"StartTrigger: trigger {show(trigger.name)} starts job {show(job)}, which was deleted",
            )
        wanted[job] = wanted.get(job, 0) + 1
    for job, count in wanted.items():
        free = free_slots(store, job)
        if free is not None and count > free:
            raise GlueError(
                "ConcurrentRunsExceededException",
                f"Concurrent runs exceeded for {job}",
                explanation=f"StartTrigger: trigger {show(trigger.name)} would start {count} run(s) "
                f"of job {show(job)}, which has {free} free slot(s) of its MaxConcurrentRuns; "
                "nothing was started",
            )
    started = [
        start_run(data, store, action["JobName"], _run_params(action), trigger=trigger.name, chain_step=0)
        for action in actions
    ]
    data.fires.append(Fire(trigger.name, store.region, clock_now(), "StartTrigger", _ids(started)))


# -- SCHEDULED -----------------------------------------------------------------------------------


def due(data: Store, now: float) -> list[Due]:
    """Every fire time that is due at ``now``, oldest first: for each activated SCHEDULED trigger,
    those after the instant it was last checked, the latest ``max_catch_up`` of them."""
    found: list[Due] = []
    limit = data.settings.max_catch_up
    for (region, name), trigger in data.schedules.items():
        if trigger.next_fire is None or trigger.next_fire > now:
            continue
        assert isinstance(trigger.schedule, Cron)
        times, left_out = trigger.schedule.times_between(trigger.checked_until, now, limit)
        found.extend((moment, region, name, left_out if index == 0 else 0) for index, moment in enumerate(times))
    found.sort()
    return found


def fire_scheduled(data: Store, fire: Due) -> None:
    """One due fire time of a scheduled trigger: start its actions' runs, as due at that time."""
    at, region, name, left_out = fire
    store = data.regions[region]
    trigger = store.triggers.get(name)
    if trigger is None or data.schedules.get((region, name)) is not trigger or at <= trigger.checked_until:
        return  # stopped, deleted or changed by the code of an earlier fire
    trigger.checked_until = at
    started, not_started = _start_actions(data, store, trigger, at, 0, None)
    data.fires.append(Fire(name, region, at, "schedule", _ids(started), not_started, left_out))


def clock_moved_back(data: Store, now: float) -> None:
    """The test moved the clock back (a frozen clock set in the past after the triggers were made):
    schedules count their fire times from ``now``, as if activated then."""
    for trigger in data.schedules.values():
        if trigger.checked_until > now:
            trigger.checked_until = now
            assert isinstance(trigger.schedule, Cron)
            trigger.next_fire = trigger.schedule.next_after(now)
    _reschedule(data)


def done_until(data: Store, now: float) -> None:
    """Every activated scheduled trigger has been handled up to ``now``: its next fire is after it."""
    for trigger in data.schedules.values():
        if trigger.next_fire is not None and trigger.next_fire <= now:
            trigger.checked_until = now
            assert isinstance(trigger.schedule, Cron)
            trigger.next_fire = trigger.schedule.next_after(now)
    _reschedule(data)


# -- CONDITIONAL ---------------------------------------------------------------------------------


def after_runs_finished(data: Store) -> None:
    """Let the activated CONDITIONAL triggers see the runs started by triggers that ended."""
    while data.finished:
        region, run = data.finished.popleft()
        store = data.regions[region]
        for trigger in list(store.triggers.values()):
            if trigger.type == "CONDITIONAL" and trigger.state == "ACTIVATED" and run.job_name in _watched_jobs(trigger):
                _see(data, store, trigger, run)


def _see(data: Store, store: RegionStore, trigger: Trigger, run: Run) -> None:
    """The latest finished run of each watched job since the trigger last fired decides."""
    assert run.chain_step is not None
    trigger.seen[run.job_name] = (run.id, run.state, run.chain_step)
    predicate = trigger.definition["Predicate"]
    met = [
        condition["JobName"]
        for condition in predicate["Conditions"]
        if trigger.seen.get(condition["JobName"], ("", "", 0))[1] == condition["State"]
    ]
    holds = bool(met) if predicate.get("Logical") == "ANY" else len(met) == len(predicate["Conditions"])
    if not holds:
        return
    used = {job: trigger.seen[job] for job in met}
    trigger.seen = {}
    step = max(seen_step for _, _, seen_step in used.values()) + 1
    predecessors = [{"JobName": job, "RunId": run_id} for job, (run_id, _, _) in used.items()]
    now = clock_now()
    if step > MAX_CHAIN_STEPS:
        why = (
            f"not fired: {MAX_CHAIN_STEPS} conditional fires already followed one scheduled or "
            "on-demand fire, so the triggers form a loop"
        )
        data.fires.append(Fire(trigger.name, store.region, now, "conditions", (), (("*", why),)))
        return
    started, not_started = _start_actions(data, store, trigger, None, step, predecessors)
    data.fires.append(Fire(trigger.name, store.region, now, "conditions", _ids(started), not_started))


# -- starting runs -------------------------------------------------------------------------------


def _start_actions(
    data: Store,
    store: RegionStore,
    trigger: Trigger,
    at: float | None,
    step: int,
    predecessors: list[dict[str, str]] | None,
) -> tuple[list[Run], tuple[tuple[str, str], ...]]:
    """Start the run of each action, as a trigger firing on its own does; (started, not started)."""
    started: list[Run] = []
    not_started: list[tuple[str, str]] = []
    for action in trigger.definition["Actions"]:
        job = action["JobName"]
        if job not in store.jobs:
            not_started.append((job, "the job does not exist (Glue records a run in state ERROR)"))
            continue
        try:
            run = start_run(
                data,
                store,
                job,
                _run_params(action),
                started_on=at,
                trigger=trigger.name,
                chain_step=step,
                predecessors=predecessors,
                record_refusal=True,
            )
        except GlueError as error:  # the job changed since the trigger was made
            not_started.append((job, error.explanation or error.message))
            continue
        started.append(run)
    return started, tuple(not_started)


def _run_params(action: dict[str, Any]) -> dict[str, Any]:
    return {key: action[key] for key in _RUN_MEMBERS if key in action}


def _ids(runs: list[Run]) -> tuple[tuple[str, str], ...]:
    return tuple((run.job_name, run.id) for run in runs)
