"""CreateTrigger, GetTrigger, GetTriggers, UpdateTrigger, DeleteTrigger, StartTrigger, StopTrigger,
ListTriggers and BatchGetTriggers, and seeding triggers.

A trigger is kept in wire form (what GetTrigger returns) beside what firing it needs (``Trigger``).
What fires when is ``firing``'s business; these handlers change definitions and states, and
StartTrigger fires an ON_DEMAND trigger at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .._data.clock import now as clock_now
from .._data.errors import GlueError, SeedFileError, invalid_input, not_found
from .._data.shapes import Params, Response, StoredJob, Trigger
from .._data.store import RegionStore, Store
from .._data.text import show
from . import firing
from .model import Problems, shape_check
from .paging import names_page, page_request, paged
from .rules import check_tags, check_timeout
from .trigger_rules import check_definition, check_start_on_creation

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
    definition = {key: params[key] for key in _DEFINITION if key in params}
    cron = _check(store, name, definition)
    start = bool(params.get("StartOnCreation", False))
    check_start_on_creation(name, definition["Type"], start)
    tags = params.get("Tags")
    if tags:
        _about_trigger(name, check_tags, tags)
    if name in store.triggers:
        raise GlueError("AlreadyExistsException", f"Trigger {name} already exists.")
    if len(store.triggers) >= data.settings.max_triggers:
        raise GlueError(
            "ResourceNumberLimitExceededException",
            f"Cannot create trigger {name!r}: region {store.region} already holds "
            f"{len(store.triggers)} triggers, the quota of {data.settings.max_triggers} "
            "(AWS General Reference, Glue quotas: max triggers per account).",
        )
    definition["State"] = "ACTIVATED" if start else "CREATED"
    trigger = Trigger(_stored(name, definition), cron)
    store.put_trigger(trigger)
    if tags:
        store.trigger_tags[name] = dict(tags)
    if start:
        firing.activated(data, store, trigger, clock_now())
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
    definition.update((key, update[key]) for key in _UPDATABLE if key in update)
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


# -- seeding -------------------------------------------------------------------------------------


def seed(data: Store, store: RegionStore, triggers: Iterable[dict[str, Any]], source: str) -> None:
    """Store the triggers of a seed, as GetTrigger returned them (with ``Tags`` beside), or none.

    What the service returned is kept as written, State included (CREATED when absent); each is
    checked against the model's Trigger shape and its schedule parsed, so every seeded trigger can
    be read back and fire. Names taken, duplicates or the quota refuse them all (SeedFileError).
    """
    chosen: list[tuple[Trigger, dict[str, str] | None]] = []
    names: set[str] = set()
    for number, entry in enumerate(triggers, 1):
        name = entry.get("Name") if isinstance(entry, dict) else None
        about = f"Seed {source}: trigger {show(name)}" if isinstance(name, str) else f"Seed {source}: entry {number}"
        if not isinstance(name, str) or not name:
            raise SeedFileError(f"{about} has no Name")
        if name in store.triggers or name in names:
            where = "twice in the seed" if name in names else f"already in {store.region}"
            raise SeedFileError(f"{about}: the name is {where}; nothing was loaded")
        names.add(name)
        definition = {key: value for key, value in entry.items() if key not in ("Tags", "Id")}
        definition.setdefault("State", "CREATED")
        tags = entry.get("Tags")
        problems: Problems = []
        shape_check("Trigger")({"Name": name, **definition}, "", problems)
        if tags is not None:
            shape_check("TagsMap")(tags, "Tags", problems)
        for member in ("Type", "Actions"):
            if member not in definition:
                problems.append(f"Member '{member}' is missing: every trigger the service returns has it")
        if problems:
            raise SeedFileError(f"{about}: " + "; ".join(problems) + "; nothing was loaded")
        try:
            cron = check_definition(name, definition)
        except GlueError as error:
            raise SeedFileError(f"{about}: {error.explanation or error.message}; nothing was loaded") from None
        chosen.append((Trigger(_stored(name, definition), cron), tags))
    if len(store.triggers) + len(chosen) > data.settings.max_triggers:
        raise SeedFileError(
            f"Seed {source}: {len(chosen)} triggers would bring {store.region} to "
            f"{len(store.triggers) + len(chosen)}, over the quota of {data.settings.max_triggers} "
            "(glue_jobs.max_triggers); nothing was loaded"
        )
    now = clock_now()
    for trigger, tags in chosen:
        store.put_trigger(trigger)
        if tags:
            store.trigger_tags[trigger.name] = dict(tags)
        if trigger.state == "ACTIVATED":
            firing.activated(data, store, trigger, now)


# -- helpers -------------------------------------------------------------------------------------


def _check(store: RegionStore, name: str, definition: dict[str, Any]) -> object:
    """The rules between members, then the jobs the trigger names: they must exist, and each
    action's run settings must be valid for its job."""
    cron = check_definition(name, definition)
    for number, action in enumerate(definition["Actions"], 1):
        job_name = _existing_job(store, name, action, f"action {number} names")
        # Of the run settings an action gives, only Timeout has a rule of its own; the job's
        # definition, which the run settings start from, passed the rest when it was made.
        try:
            check_timeout(action.get("Timeout"))
        except GlueError as refused:
            raise invalid_input(f"Trigger {show(name)}: action {number} (job {show(job_name)}): {refused.message}") from None
    for condition in (definition.get("Predicate") or {}).get("Conditions") or []:
        _existing_job(store, name, condition, "a condition watches")
    return cron


def _existing_job(store: RegionStore, name: str, member: dict[str, Any], naming: str) -> str:
    """The job an action or condition names, or the error: crawlers are not faked, and the job
    must exist."""
    job_name = member.get("JobName")
    if job_name is None:
        raise _no_crawlers(name, member["CrawlerName"])
    if job_name not in store.jobs:
        error = not_found(job_name)
        error.explanation = f"trigger {show(name)}: {naming} job {show(job_name)}, which does not exist in {store.region}"
        raise error
    return str(job_name)


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


def _stored(name: str, definition: dict[str, Any]) -> StoredJob:
    """The definition in GetTrigger's member order, read-only."""
    ordered = {"Name": name}
    ordered.update((key, definition[key]) for key in _DEFINITION if key in definition)
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


def _about_trigger(name: str, check: Callable[..., None], *args: Any) -> None:
    try:
        check(*args)
    except GlueError as error:
        raise invalid_input(f"Trigger {show(name)}: {error.message}") from None

