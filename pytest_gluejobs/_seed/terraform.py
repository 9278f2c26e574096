"""Terraform's JSON (``terraform show -json`` of a plan or a state): every ``aws_glue_job`` as the
CreateJob request the AWS provider would send, every ``aws_glue_trigger`` as its CreateTrigger
request, from the root module and every child module.

Attributes map to members as terraform-provider-aws's ``job.go`` and ``trigger.go`` do; nested
blocks are one-item lists in the JSON (``command[0].script_location``). Like the provider, an
optional attribute that is zero, empty or false is not sent, ``command.name`` defaults to
``glueetl``, and ``max_capacity`` (which the service computes for worker jobs, so a state holds it)
is sent only without ``number_of_workers``. A value the plan leaves unknown until apply cannot be
seeded: a problem names the attribute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._data.errors import SeedFileError
from .._data.shapes import Definition, Seed
from .._service.model import coerce_input
from .documents import Document

GLUE_JOB, GLUE_TRIGGER = "aws_glue_job", "aws_glue_trigger"
# The schema versions of the resources whose attributes this reader knows (both have had one).
_SCHEMA_VERSIONS = {GLUE_JOB: 0, GLUE_TRIGGER: 0}

# Top-level scalar and map attributes of aws_glue_job, by the CreateJob member they become.
_JOB_ATTRIBUTES = {
    "name": "Name",
    "role_arn": "Role",
    "description": "Description",
    "default_arguments": "DefaultArguments",
    "non_overridable_arguments": "NonOverridableArguments",
    "execution_class": "ExecutionClass",
    "glue_version": "GlueVersion",
    "job_mode": "JobMode",
    "job_run_queuing_enabled": "JobRunQueuingEnabled",
    "maintenance_window": "MaintenanceWindow",
    "max_capacity": "MaxCapacity",
    "max_retries": "MaxRetries",
    "number_of_workers": "NumberOfWorkers",
    "worker_type": "WorkerType",
    "security_configuration": "SecurityConfiguration",
    "timeout": "Timeout",
}
_COMMAND = {"name": "Name", "script_location": "ScriptLocation", "python_version": "PythonVersion", "runtime": "Runtime"}
_SOURCE_CONTROL = {
    "auth_strategy": "AuthStrategy",
    "auth_token": "AuthToken",
    "branch": "Branch",
    "folder": "Folder",
    "last_commit_id": "LastCommitId",
    "owner": "Owner",
    "provider": "Provider",
    "repository": "Repository",
}
# Attributes the provider leaves to the service when not set ("optional+computed"): unknown in a
# plan, they are left out and the service's default applies.
_COMPUTED = {
    GLUE_JOB: {
        "arn", "id", "tags_all", "glue_version", "timeout", "max_capacity", "number_of_workers",
        "worker_type", "execution_property", "notification_property", "job_mode", "command",
    },
    GLUE_TRIGGER: {"arn", "id", "tags_all", "state", "event_batching_condition"},
}
# Inside command only python_version and runtime are the service's to fill in.
_REQUIRED_IN_COMMAND = ("name", "script_location")


def read(document: Document) -> Seed:
    """The jobs and triggers of a plan or a state, with every problem found on the way."""
    content = document.content
    if not isinstance(content, dict) or "format_version" not in content:
        raise SeedFileError(
            f"Terraform JSON {document.path}: not `terraform show -json` output: it has no format_version"
        )
    version = str(content["format_version"])
    if version.split(".")[0] != "1":
        raise SeedFileError(
            f"Terraform JSON {document.path}: format_version {version!r} is a layout this reader does not "
            "know (it reads 1.x, Terraform 0.12 and later)"
        )
    if isinstance(content.get("planned_values"), dict):
        values, source = content["planned_values"], f"Terraform plan {document.path}"
    elif isinstance(content.get("values"), dict):
        values, source = content["values"], f"Terraform state {document.path}"
    else:
        raise SeedFileError(
            f"Terraform JSON {document.path}: holds neither planned_values (a plan) nor values (a state): "
            "nothing to seed"
        )
    unknown = _unknown_by_address(content.get("resource_changes"))
    seed = Seed(source)
    for resource in _resources(values.get("root_module")):
        kind = resource.get("type")
        if resource.get("mode", "managed") != "managed" or kind not in _SCHEMA_VERSIONS:
            continue
        address = str(resource.get("address", f"{kind}.{resource.get('name')}"))
        problems = _layout_problems(resource, kind)
        attributes = resource.get("values")
        if not problems and isinstance(attributes, dict):
            problems = _unknown_problems(kind, unknown.get(address))
        if problems:
            seed.problems += [f"{address}: {problem}" for problem in problems]
            continue
        assert isinstance(attributes, dict)
        try:
            if kind == GLUE_JOB:
                seed.jobs.append(Definition(address, coerce_input("CreateJob", _job(attributes))))
            else:
                seed.triggers.append(Definition(address, coerce_input("CreateTrigger", _trigger(attributes))))
        except _LayoutError as error:
            seed.problems.append(f"{address}: {error}")
    return seed


class _LayoutError(Exception):
    """An attribute not in the shape this reader knows the provider writes."""


def _resources(module: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(module, dict):
        return
    for resource in module.get("resources") or ():
        if isinstance(resource, dict):
            yield resource
    for child in module.get("child_modules") or ():
        yield from _resources(child)


def _layout_problems(resource: dict[str, Any], kind: str) -> list[str]:
    version = resource.get("schema_version", _SCHEMA_VERSIONS[kind])
    if version != _SCHEMA_VERSIONS[kind]:
        return [
            f"schema_version {version!r} of {kind} is a provider layout this reader does not know "
            f"({_SCHEMA_VERSIONS[kind]}); its attributes may mean something else"
        ]
    if not isinstance(resource.get("values"), dict):
        return ["has no values (an object of attributes)"]
    return []


def _unknown_by_address(changes: Any) -> dict[str, Any]:
    unknown: dict[str, Any] = {}
    for change in changes if isinstance(changes, list) else ():
        if isinstance(change, dict) and isinstance(change.get("change"), dict):
            after_unknown = change["change"].get("after_unknown")
            if after_unknown:
                unknown[str(change.get("address"))] = after_unknown
    return unknown


def _unknown_problems(kind: str, after_unknown: Any) -> list[str]:
    """The attributes the plan knows only after apply, that the fake cannot do without."""
    problems = []
    for path in _unknown_paths(after_unknown, ""):
        top = path.split("[")[0].split(".")[0]
        in_command = path.startswith("command[0].") and path.split(".")[1] in _REQUIRED_IN_COMMAND
        if top in _COMPUTED[kind] and not in_command:
            continue
        problems.append(
            f"{path} is known only after apply (the plan shows '(known after apply)'), so the "
            f"{'job' if kind == GLUE_JOB else 'trigger'} cannot be seeded from this plan: load the "
            "state after apply (`terraform show -json`), "
            "or set the attribute to a value known at plan time"
        )
    return problems


def _unknown_paths(value: Any, path: str) -> Iterator[str]:
    if value is True:
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unknown_paths(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unknown_paths(item, f"{path}[{index}]")


def _job(attributes: dict[str, Any]) -> dict[str, Any]:
    params = {
        member: attributes[attribute]
        for attribute, member in _JOB_ATTRIBUTES.items()
        if _sent(attributes.get(attribute))
    }
    for member in ("Name", "Role"):
        if member not in params:
            attribute = "name" if member == "Name" else "role_arn"
            raise _LayoutError(f"{attribute} is required and has no value")
    command = _block(attributes, "command", required=True)
    params["Command"] = {member: command[key] for key, member in _COMMAND.items() if _sent(command.get(key))}
    params["Command"].setdefault("Name", "glueetl")
    if params["Command"]["Name"] == "glueray":
        params.pop("Timeout", None)  # the provider never sends one for Ray jobs
    if "NumberOfWorkers" in params:
        params.pop("MaxCapacity", None)  # what the service computed, as the provider's update knows
    connections = attributes.get("connections")
    if _sent(connections):
        params["Connections"] = {"Connections": connections}
    execution = _block(attributes, "execution_property")
    if _sent(execution.get("max_concurrent_runs")):
        params["ExecutionProperty"] = {"MaxConcurrentRuns": execution["max_concurrent_runs"]}
    notification = _block(attributes, "notification_property")
    if _sent(notification.get("notify_delay_after")):
        params["NotificationProperty"] = {"NotifyDelayAfter": notification["notify_delay_after"]}
    source_control = _block(attributes, "source_control_details")
    details = {member: source_control[key] for key, member in _SOURCE_CONTROL.items() if _sent(source_control.get(key))}
    if details:
        params["SourceControlDetails"] = details
    tags = _tags(attributes)
    if tags:
        params["Tags"] = tags
    return params


def _trigger(attributes: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {
        member: attributes[attribute]
        for attribute, member in (
            ("name", "Name"), ("type", "Type"), ("schedule", "Schedule"), ("description", "Description"),
            ("workflow_name", "WorkflowName"),
        )
        if _sent(attributes.get(attribute))
    }
    actions = attributes.get("actions")
    if not isinstance(actions, list):
        raise _LayoutError(f"actions is {actions!r}, not a list of blocks")
    params["Actions"] = [_action(action) for action in actions]
    predicate = _block(attributes, "predicate")
    if predicate:
        conditions = predicate.get("conditions") or []
        if not isinstance(conditions, list):
            raise _LayoutError(f"predicate[0].conditions is {conditions!r}, not a list of blocks")
        params["Predicate"] = {
            "Logical": predicate.get("logical") or "AND",
            "Conditions": [_condition(condition) for condition in conditions],
        }
    batching = _block(attributes, "event_batching_condition")
    if batching:
        params["EventBatchingCondition"] = {
            "BatchSize": batching.get("batch_size"),
            "BatchWindow": batching.get("batch_window") or 900,
        }
    # The provider starts a SCHEDULED or CONDITIONAL trigger that is enabled (the default).
    enabled = attributes.get("enabled", True) is not False
    if attributes.get("start_on_creation") or (enabled and params.get("Type") in ("SCHEDULED", "CONDITIONAL")):
        params["StartOnCreation"] = True
    tags = _tags(attributes)
    if tags:
        params["Tags"] = tags
    return params


def _action(action: Any) -> dict[str, Any]:
    if not isinstance(action, dict):
        raise _LayoutError(f"an action is {action!r}, not a block")
    params = {
        member: action[attribute]
        for attribute, member in (
            ("job_name", "JobName"), ("crawler_name", "CrawlerName"), ("arguments", "Arguments"),
            ("timeout", "Timeout"), ("security_configuration", "SecurityConfiguration"),
        )
        if _sent(action.get(attribute))
    }
    notification = _block(action, "notification_property")
    if _sent(notification.get("notify_delay_after")):
        params["NotificationProperty"] = {"NotifyDelayAfter": notification["notify_delay_after"]}
    return params


def _condition(condition: Any) -> dict[str, Any]:
    if not isinstance(condition, dict):
        raise _LayoutError(f"a condition is {condition!r}, not a block")
    params = {
        member: condition[attribute]
        for attribute, member in (
            ("job_name", "JobName"), ("crawler_name", "CrawlerName"), ("state", "State"),
            ("crawl_state", "CrawlState"),
        )
        if _sent(condition.get(attribute))
    }
    params["LogicalOperator"] = condition.get("logical_operator") or "EQUALS"
    return params


def _block(attributes: dict[str, Any], name: str, *, required: bool = False) -> dict[str, Any]:
    """A nested block: a list of (at most) one object in the JSON."""
    value = attributes.get(name)
    if value is None or value == []:
        if required:
            raise _LayoutError(f"{name} is required and has no block")
        return {}
    if not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], dict):
        raise _LayoutError(
            f"{name} is {value!r}, where the provider writes a list of one block: another provider layout?"
        )
    return value[0]


def _tags(attributes: dict[str, Any]) -> dict[str, Any]:
    # tags_all holds the provider's default_tags too: what the provider sends.
    for attribute in ("tags_all", "tags"):
        tags = attributes.get(attribute)
        if isinstance(tags, dict) and tags:
            return tags
    return {}


def _sent(value: Any) -> bool:
    """Whether the provider sends an optional value: not when it is null, zero, empty or false."""
    return value is not None and value is not False and value != 0 and value != "" and value != [] and value != {}
