"""The documented rules a trigger definition must follow, beyond what the model checks.

Each rule names its source. Where the service's words are known they are the message, verbatim
(the call log's explanation names the trigger); otherwise the message says what was wrong.
Sources: botocore's Glue model (the member documentation of CreateTrigger, Predicate, Action,
TriggerUpdate), Glue's developer guide ("AWS Glue triggers", "Time-based schedules for jobs and
crawlers"), the AWS General Reference (Glue quotas), and real answers reported in
terraform-provider-aws #39571 and #49407, aws-cdk #24575 and #34652.
"""

from __future__ import annotations

from typing import Any

from .._data.errors import GlueError, invalid_input
from .._data.text import show
from .cron import Cron, CronError, parse

TYPES_WITH_ACTIVATION = ("SCHEDULED", "CONDITIONAL")
# The job states a condition may watch (the model's Condition.State documentation, the guide's
# table of completion states).
WATCHABLE_STATES = ("SUCCEEDED", "STOPPED", "FAILED", "TIMEOUT")
CRAWL_STATES = ("SUCCEEDED", "FAILED", "CANCELLED")
# "Max jobs per trigger" in the AWS General Reference's Glue quotas.
MAX_ACTIONS = 50


def check_definition(name: str, definition: dict[str, Any]) -> Cron | None:
    """Raise InvalidInputException for the first rule ``definition`` breaks; the parsed schedule
    of a SCHEDULED trigger. ``definition`` holds Type and TriggerUpdate's members."""
    problems = definition_problems(name, definition)
    if problems:
        raise problems[0]
    return parse(definition["Schedule"]) if definition["Type"] == "SCHEDULED" else None


def definition_problems(name: str, definition: dict[str, Any]) -> list[GlueError]:
    """Every rule ``definition`` breaks, as the error of each, in the order the service is taken
    to judge them: CreateTrigger and UpdateTrigger answer with the first, seeding lists all. A
    list, not a generator: every request runs every rule, and plain calls cost it less."""
    problems: list[GlueError] = []
    kind = definition["Type"]
    schedule = definition.get("Schedule")
    if kind == "SCHEDULED":
        if schedule is None:
            problems.append(
                _about(name, "a SCHEDULED trigger needs a Schedule, e.g. cron(15 12 * * ? *)")
            )
        else:
            try:
                parse(schedule)
            except CronError as error:
                problems.append(
                    _about(
                        name, f"Schedule {show(schedule)} is not a valid cron expression: {error}"
                    )
                )
    elif schedule is not None:
        problems.append(
            _about(name, f"Schedule is only for SCHEDULED triggers; this one is {kind}")
        )
    predicate = definition.get("Predicate")
    if kind == "CONDITIONAL":
        _predicate_problems(name, predicate, problems)
    elif predicate is not None:
        problems.append(
            _about(name, f"Predicate is only for CONDITIONAL triggers; this one is {kind}")
        )
    if definition.get("EventBatchingCondition") is not None and kind != "EVENT":
        problems.append(
            _about(name, f"EventBatchingCondition is only for EVENT triggers; this one is {kind}")
        )
    if kind == "EVENT" and not definition.get("WorkflowName"):
        problems.append(
            _about(
                name,
                "an EVENT trigger starts a workflow from EventBridge events, so it needs a WorkflowName",
            )
        )
    _actions_problems(
        name, definition.get("Actions"), predicate if kind == "CONDITIONAL" else None, problems
    )
    return problems


def start_on_creation_problem(name: str, kind: str, start: bool) -> GlueError | None:
    """What is wrong with StartOnCreation for a trigger of type ``kind``, or None."""
    # The model: StartOnCreation "is not supported for ON_DEMAND triggers"; EVENT triggers stay
    # CREATED (terraform-provider-aws #49407, PR #28630 turns it off for them).
    if start and kind not in TYPES_WITH_ACTIVATION:
        return _about(
            name,
            f"StartOnCreation is supported for SCHEDULED and CONDITIONAL triggers only; this one "
            f"is {kind}",
        )
    return None


def _predicate_problems(name: str, predicate: Any, problems: list[GlueError]) -> None:
    conditions = (predicate or {}).get("Conditions") or []
    if not conditions:
        # moto answers this, in words AWS's other trigger messages share.
        problems.append(
            invalid_input(
                "Predicate cannot be null or empty",
                f"Trigger {show(name)}: a CONDITIONAL trigger needs a Predicate with Conditions",
            )
        )
        return
    if len(conditions) > 1 and predicate.get("Logical") is None:
        problems.append(
            _about(
                name,
                f"Predicate.Logical is required with {len(conditions)} conditions: AND (all of them) "
                "or ANY (one of them)",
            )
        )
    for number, condition in enumerate(conditions, 1):
        where = f"Trigger {show(name)}: condition {number}"
        if condition.get("LogicalOperator") is None:
            # The service's words (aws-cdk #34652, #24575).
            problems.append(
                invalid_input(
                    "Logical operator cannot be null or empty",
                    f"{where} has no LogicalOperator (EQUALS)",
                )
            )
        job, crawler = condition.get("JobName"), condition.get("CrawlerName")
        if job is None and crawler is None:
            problems.append(
                invalid_input(
                    "JobName or CrawlerName in condition cannot be null or empty",
                    f"{where} names nothing to watch",
                )
            )
        elif job is not None:
            state = condition.get("State")
            if state not in WATCHABLE_STATES:
                # Its crawler twin is the service's (aws-cdk #24575); moto answers this one.
                problems.append(
                    invalid_input(
                        "State cannot be null or empty, choose from one of the following job state: "
                        f"[{', '.join(WATCHABLE_STATES)}]",
                        f"{where} watches job {show(job)} for State {show(state)}",
                    )
                )
        elif condition.get("CrawlState") not in CRAWL_STATES:
            problems.append(
                invalid_input(
                    "State cannot be null or empty, choose from one of the following crawler state: "
                    f"[{', '.join(CRAWL_STATES)}]",
                    f"{where} watches crawler {show(crawler)} for CrawlState {show(condition.get('CrawlState'))}",
                )
            )


def _actions_problems(name: str, actions: Any, predicate: Any, problems: list[GlueError]) -> None:
    if not actions:
        problems.append(_about(name, "Actions is empty: a trigger must start at least one job"))
        return
    if len(actions) > MAX_ACTIONS:
        problems.append(
            GlueError(
                "ResourceNumberLimitExceededException",
                f"Trigger {show(name)} has {len(actions)} actions; a trigger starts at most "
                f"{MAX_ACTIONS} jobs (AWS General Reference, Glue quotas: max jobs per trigger)",
            )
        )
    for number, action in enumerate(actions, 1):
        job, crawler = action.get("JobName"), action.get("CrawlerName")
        if job is not None and crawler is not None:
            problems.append(
                invalid_input(
                    "Both JobName and CrawlerName cannot be set together in an action",
                    f"Trigger {show(name)}: action {number} names job {show(job)} and crawler {show(crawler)}",
                )
            )
        if job is None and crawler is None:
            problems.append(
                _about(name, f"action {number} names neither a JobName nor a CrawlerName")
            )
    if not predicate:
        return
    watched = {condition.get("JobName") for condition in predicate.get("Conditions") or ()}
    watched.discard(None)  # a crawler condition watches no job
    for action in actions:
        if action.get("JobName") in watched:
            # The service's words (terraform-provider-aws #39571): a job that starts itself.
            problems.append(
                invalid_input(
                    "Job cannot be a Predicate and Action for Conditional Trigger.",
                    f"Trigger {show(name)}: job {show(action['JobName'])} is both watched and started",
                )
            )


def _about(name: str, message: str) -> GlueError:
    return invalid_input(f"Trigger {show(name)}: {message}")
