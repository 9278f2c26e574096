"""CreateTrigger, GetTrigger, GetTriggers, UpdateTrigger, DeleteTrigger, StartTrigger, StopTrigger,
ListTriggers and BatchGetTriggers, and the checks and storing seeding shares with CreateTrigger.

A trigger is kept in wire form (what GetTrigger returns) beside what firing it needs (``Trigger``).
What fires when is ``firing``'s business; these handlers change definitions and states, and
StartTrigger fires an ON_DEMAND trigger at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from .._data.clock import now as clock_now
from .._data.errors import GlueError, invalid_input, not_found
from .._data.shapes import Params, Response, StoredJob, Trigger
from .._data.store import RegionStore, Store
from .._data.text import show
from . import firing
from .cron import parse
from .paging import names_page, page_request, paged
from .rules import check_tags, timeout_problem
from .trigger_rules import definition_problems, start_on_creation_problem

# The members of a trigger's definition, in the order GetTrigger returns them (the model's).
_DEFINITION = ("WorkflowName", "Type", "State", "Description", "Schedule", "Actions", "Predicate", "EventBatchingCondition")
_UPDATABLE = ("Description", "Schedule", "Actions", "Predicate", "EventBatchingCondition")


def not_found_trigger(name: str) -> GlueError:
    # moto's words; the service's are not known.
    return GlueError("EntityNotFoundException", f"Trigger {name} not found.")


def trigger_of(store: RegionStore, name: str) -> Trigger:
    trigger = store.triggers.get(name)
    if trigger is None:
        raise not_found_trigger(name)
    return trigger


# -- the operations ------------------------------------------------------------------------------


def create_trigger(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["Name"]
    definition = _requested(params)
    problems = _request_problems(name, params, definition, store.jobs, f"in {store.region}")
    if problems:
        raise problems[0]
    if name in store.triggers:
        raise GlueError("AlreadyExistsException", f"Trigger {name} already exists.")
    if len(store.triggers) >= data.settings.max_triggers:
        raise GlueError(
            "ResourceNumberLimitExceededException",
            f"Cannot create trigger {name!r}: region {store.region} already holds "
            f"{len(store.triggers)} triggers, the quota of {data.settings.max_triggers} "
            "(AWS General Reference, Glue quotas: max triggers per account).",
        )
    add(data, store, _created(name, definition, params), params.get("Tags"))
    return {"Name": name}


def get_trigger(data: Store, store: RegionStore, params: Params) -> Response:
    return {"Trigger": trigger_of(store, params["Name"]).definition}


def get_triggers(data: Store, store: RegionStore, params: Params) -> Response:
    names, next_after = _page("GetTriggers", store, params, None)
    return paged({"Triggers": [store.triggers[name].definition for name in names]}, "GetTriggers", next_after, params.get("DependentJobName", ""))


def list_triggers(data: Store, store: RegionStore, params: Params) -> Response:
    wanted = params.get("Tags")
    keep = None
    if wanted:
        wanted_items, tags = wanted.items(), store.trigger_tags

        def keep(name: str) -> bool:
            return bool(wanted_items <= tags.get(name, {}).items())

    names, next_after = _page("ListTriggers", store, params, keep)
    return paged({"TriggerNames": names}, "ListTriggers", next_after, params.get("DependentJobName", ""))


def batch_get_triggers(data: Store, store: RegionStore, params: Params) -> Response:
    found: list[StoredJob] = []
    missing: list[str] = []
    for name in dict.fromkeys(params["TriggerNames"]):
        trigger = store.triggers.get(name)
        if trigger is None:
            missing.append(name)
        else:
            found.append(trigger.definition)
    return {"Triggers": found, "TriggersNotFound": missing}


def update_trigger(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["Name"]
    update = params["TriggerUpdate"]
    renamed = update.get("Name")
    if renamed is not None and renamed != name:
        raise invalid_input(
            f"Trigger {show(name)}: TriggerUpdate.Name {show(renamed)} differs; the member is "
            "reserved, and a trigger cannot be renamed"
        )
    trigger = trigger_of(store, name)
    kept = trigger.definition
    # TriggerUpdate overwrites the previous definition completely (the model): what it omits goes.
    definition = {key: kept[key] for key in ("WorkflowName", "Type", "State") if key in kept}
    for key in _UPDATABLE:
        if key in update:
            definition[key] = update[key]
    cron = _check(store, name, definition)
    updated = Trigger(_stored(name, definition), cron, trigger.checked_until)
    firing.deactivated(data, store, trigger)
    store.put_trigger(updated)
    if updated.state == "ACTIVATED":
        firing.activated(data, store, updated, clock_now())
    return {"Trigger": updated.definition}


def delete_trigger(data: Store, store: RegionStore, params: Params) -> Response:
    # No EntityNotFoundException in the model: deleting a trigger that is not there succeeds.
    name = params["Name"]
    trigger = store.remove_trigger(name)
    if trigger is not None:
        firing.deactivated(data, store, trigger)
    return {"Name": name}


def start_trigger(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["Name"]
    trigger = trigger_of(store, name)
    if trigger.type == "EVENT":
        # The service's words (terraform-provider-aws #49407).
        raise invalid_input(
            "Trigger Type EVENT cannot be started",
            f"trigger {show(name)} starts its workflow from EventBridge events, which the fake does not send",
        )
    if trigger.type == "ON_DEMAND":
        firing.fire_on_demand(data, store, trigger)
        return {"Name": name}
    if trigger.state == "ACTIVATED":
        raise _not_allowed(trigger, "StartTrigger")
    trigger.definition = _with_state(trigger, "ACTIVATED")
    firing.activated(data, store, trigger, clock_now())
    return {"Name": name}


def stop_trigger(data: Store, store: RegionStore, params: Params) -> Response:
    trigger = trigger_of(store, params["Name"])
    if trigger.state != "ACTIVATED":
        raise _not_allowed(trigger, "StopTrigger")
    firing.deactivated(data, store, trigger)
    trigger.definition = _with_state(trigger, "DEACTIVATED")
    return {"Name": trigger.name}


# -- what CreateTrigger and seeding share ------------------------------------------------------


def request_problems(params: Params, jobs: Collection[str], where: str) -> list[GlueError]:
    """Every rule a CreateTrigger request that passed the model's checks breaks, in the order
    CreateTrigger judges them: the rules between members, the jobs it names (which must be among
    ``jobs``, the region's, as ``where`` says), StartOnCreation, the tags. CreateTrigger answers
    with the first, seeding lists them all."""
    return _request_problems(params["Name"], params, _requested(params), jobs, where)


def _request_problems(
    name: str, params: Params, definition: dict[str, Any], jobs: Collection[str], where: str
) -> list[GlueError]:
    """``request_problems`` of a request whose definition members were already picked out."""
    problems = definition_problems(name, definition)
    _job_problems(name, definition, jobs, where, problems)
    refused = start_on_creation_problem(name, definition["Type"], bool(params.get("StartOnCreation", False)))
    if refused is not None:
        problems.append(refused)
    tags = params.get("Tags")
    if tags:
        try:
            check_tags(tags)
        except GlueError as error:
            problems.append(invalid_input(f"Trigger {show(name)}: {error.message}"))
    return problems


def created(params: Params) -> Trigger:
    """The trigger a valid CreateTrigger request makes: ACTIVATED with StartOnCreation, else CREATED."""
    return _created(params["Name"], _requested(params), params)


def _created(name: str, definition: dict[str, Any], params: Params) -> Trigger:
    """``created``, from the request's definition members (which it adds State to)."""
    definition["State"] = "ACTIVATED" if params.get("StartOnCreation") else "CREATED"
    return returned(name, definition)


def returned(name: str, definition: dict[str, Any]) -> Trigger:
    """A trigger as GetTrigger returns it (its rules passed), ready to fire."""
    schedule = parse(definition["Schedule"]) if definition["Type"] == "SCHEDULED" else None
    return Trigger(_stored(name, definition), schedule)


def add(
    data: Store, store: RegionStore, trigger: Trigger, tags: dict[str, str] | None, now: float | None = None
) -> None:
    """Store a new trigger with its tags; an ACTIVATED one fires from ``now`` on (by default, from
    the clock's now, read only for a trigger that fires)."""
    store.put_trigger(trigger)
    if tags:
        store.trigger_tags[trigger.definition["Name"]] = dict(tags)
    if trigger.definition["State"] == "ACTIVATED":
        firing.activated(data, store, trigger, clock_now() if now is None else now)


# -- helpers -------------------------------------------------------------------------------------


def _check(store: RegionStore, name: str, definition: dict[str, Any]) -> object:
    """The rules between members, then the jobs the trigger names; the parsed schedule."""
    problems = definition_problems(name, definition)
    if not problems:  # the jobs are looked up only for a definition that keeps the rules
        _job_problems(name, definition, store.jobs, f"in {store.region}", problems)
    if problems:
        raise problems[0]
    return parse(definition["Schedule"]) if definition["Type"] == "SCHEDULED" else None


def _job_problems(
    name: str,
    definition: dict[str, Any],
    jobs: Collection[str],
    where: str,
    problems: list[GlueError],
) -> None:
    """The jobs an action starts or a condition watches must exist (crawlers are not faked), and
    each action's run settings must be valid for its job."""
    for number, action in enumerate(definition.get("Actions") or (), 1):
        job_name = action.get("JobName")
        if job_name is None or job_name not in jobs:  # a job that exists has nothing to say
            _named_job_problems(name, action, jobs, where, f"action {number} names", problems)
        # Of the run settings an action gives, only Timeout has a rule of its own; the job's
        # definition, which the run settings start from, passed the rest when it was made.
        refused = timeout_problem(action.get("Timeout"))
        if refused is not None:
            problems.append(
                invalid_input(
                    f"Trigger {show(name)}: action {number} (job {show(job_name)}): {refused.message}"
                )
            )
    for condition in (definition.get("Predicate") or {}).get("Conditions") or ():
        if condition.get("JobName") is None or condition["JobName"] not in jobs:
            _named_job_problems(name, condition, jobs, where, "a condition watches", problems)


def _named_job_problems(
    name: str,
    member: dict[str, Any],
    jobs: Collection[str],
    where: str,
    naming: str,
    problems: list[GlueError],
) -> None:
    job_name, crawler = member.get("JobName"), member.get("CrawlerName")
    if job_name is None:
        if crawler is not None:
            problems.append(_no_crawlers(name, crawler))
        return  # naming nothing is a rule between members
    if job_name not in jobs:
        error = not_found(job_name)
        error.explanation = f"trigger {show(name)}: {naming} job {show(job_name)}, which does not exist {where}"
        problems.append(error)


def _no_crawlers(name: str, crawler: str) -> GlueError:
    return GlueError(
        "EntityNotFoundException",
        f"Crawler {crawler} not found.",
        explanation=f"trigger {show(name)} names crawler {show(crawler)}; pytest-gluejobs fakes jobs, not crawlers",
    )


def _page(operation: str, store: RegionStore, params: Params, keep: Callable[[str], bool] | None) -> tuple[list[str], str | None]:
    dependent = params.get("DependentJobName")
    after, limit = page_request(operation, params, str, job=dependent or "")
    if dependent:
        if dependent not in store.jobs:
            error = not_found(dependent)
            error.explanation = f"{operation}: DependentJobName names job {show(dependent)}, which does not exist in {store.region}"
            raise error
        starting = {name for name, trigger in store.triggers.items() if _starts(trigger, dependent)}
        # The model: "If there is no such trigger, all the triggers are returned."
        if starting:
            tag_keep = keep

            def keep(name: str) -> bool:
                return name in starting and (tag_keep is None or tag_keep(name))

    return names_page(store.trigger_names, after, limit, keep)


def _starts(trigger: Trigger, job_name: str) -> bool:
    return any(action.get("JobName") == job_name for action in trigger.definition["Actions"])


def _requested(params: Params) -> dict[str, Any]:
    """The members of a CreateTrigger request that make the trigger's definition, in order."""
    definition = {}
    for key in _DEFINITION:  # a loop: a comprehension would cost a call of its own
        if key in params:
            definition[key] = params[key]
    return definition


def _stored(name: str, definition: dict[str, Any]) -> StoredJob:
    """The definition in GetTrigger's member order, read-only."""
    ordered = {"Name": name}
    for key in _DEFINITION:
        if key in definition:
            ordered[key] = definition[key]
    return StoredJob(ordered)


def _with_state(trigger: Trigger, state: str) -> StoredJob:
    return StoredJob({**trigger.definition, "State": state})


def _not_allowed(trigger: Trigger, operation: str) -> GlueError:
    # The service's words for StopTrigger on a CREATED trigger (terraform-provider-aws #49407).
    wanted = "CREATED or DEACTIVATED" if operation == "StartTrigger" else "ACTIVATED"
    return invalid_input(
        f"The operation is not allowed when trigger is in state: {trigger.state}",
        f"{operation}: trigger {show(trigger.name)} ({trigger.type}) is {trigger.state}; "
        f"{operation} needs it {wanted}",
    )
