"""CloudFormation templates (JSON or YAML; CDK's ``cdk synth`` output, Serverless's generated
stack): every ``AWS::Glue::Job`` as the CreateJob request a deploy would send, every
``AWS::Glue::Trigger`` as its CreateTrigger request.

``AWS::Glue::Job`` uses CreateJob's member names (the CloudFormation resource reference);
DefaultArguments, NonOverridableArguments and Tags are of CloudFormation's ``Json`` type, an
object or a string holding one (cfn-lint's model of the registry schema). Numbers written as text
and whole numbers written as floats become what CreateJob wants, as a deploy converts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .._data.errors import SeedFileError
from .._data.shapes import Definition, Seed
from .._service.model import coerce_input
from .._service.tags import partition_of
from .cdk_assets import TEMPLATE_SUFFIX, Assets, read_assets
from .documents import Document
from .intrinsics import Environment, Stack, Unresolvable

GLUE_JOB, GLUE_TRIGGER = "AWS::Glue::Job", "AWS::Glue::Trigger"
_JSON_PROPERTIES = {
    GLUE_JOB: ("DefaultArguments", "NonOverridableArguments", "Tags"),
    GLUE_TRIGGER: ("Tags",),
}
_STACK_SUFFIXES = (TEMPLATE_SUFFIX, ".template.yaml", ".template.yml", ".json", ".yaml", ".yml", ".template")


def read(document: Document, *, account_id: str, region: str, parameters: dict[str, Any]) -> Seed:
    """The jobs and triggers a template defines, with every problem found on the way."""
    template = document.content
    source = f"CloudFormation template {document.path}"
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise SeedFileError(f"{source}: not a CloudFormation template: it has no Resources section (a mapping)")
    partition = partition_of(region)
    environment = Environment(account_id, region, partition, stack_name(document.path))
    stack = Stack(template, environment, parameters)
    seed = Seed(source, problems=list(stack.problems))
    assets = read_assets(
        document.path,
        {"AWS::AccountId": account_id, "AWS::Region": region, "AWS::Partition": partition},
    )
    for logical_id, resource in stack.resources.items():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if kind not in _JSON_PROPERTIES:
            continue
        origin = f"resource {logical_id} ({kind})"
        try:
            definition = _definition(stack, logical_id, resource, kind)
        except Unresolvable as error:
            seed.problems.append(f"{origin}: {error}")
            continue
        except RecursionError:
            seed.problems.append(f"{origin}: its values refer to each other too deeply to resolve")
            continue
        if definition is None:
            continue
        if kind == GLUE_TRIGGER:
            seed.triggers.append(Definition(origin, coerce_input("CreateTrigger", definition)))
            continue
        params = coerce_input("CreateJob", definition)
        seed.jobs.append(Definition(origin, params))
        _wire_asset(origin, params, assets, seed)
    return seed


def stack_name(path: Path) -> str:
    """``AWS::StackName``: the template's file name without its suffix (CDK names the file
    ``<Stack>.template.json``)."""
    name = path.name
    for suffix in _STACK_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _definition(stack: Stack, logical_id: str, resource: dict[str, Any], kind: str) -> dict[str, Any] | None:
    condition = resource.get("Condition")
    if condition is not None and not stack.condition(condition):
        return None  # a deploy would not create it
    cycle = stack.cycle_through(logical_id)
    if cycle is not None:
        raise Unresolvable(f"circular dependency between resources: {' -> '.join(cycle)}")
    properties: Any = stack.resolve(resource.get("Properties", {}))
    if not isinstance(properties, dict):
        raise Unresolvable(f"Properties is {properties!r}, not a mapping")
    for member in _JSON_PROPERTIES[kind]:
        properties = _json_property(properties, member)
    if kind == GLUE_TRIGGER and isinstance(properties.get("Actions"), list):
        properties["Actions"] = [
            _json_property(action, "Arguments") if isinstance(action, dict) else action
            for action in properties["Actions"]
        ]
    if "Name" not in properties:
        properties["Name"] = stack.physical_name(logical_id)
    resolved: dict[str, Any] = properties
    return resolved


def _json_property(properties: dict[str, Any], member: str) -> dict[str, Any]:
    """A property of CloudFormation's Json type: an object, or a string holding one."""
    value = properties.get(member)
    if not isinstance(value, str):
        return properties
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise Unresolvable(f"{member} is a string that is not JSON ({error}): give an object, or JSON text") from None
    return {**properties, member: parsed}


def _wire_asset(origin: str, params: dict[str, Any], assets: Assets, seed: Seed) -> None:
    command = params.get("Command")
    location = command.get("ScriptLocation") if isinstance(command, dict) else None
    if not isinstance(location, str):
        return
    if location in assets.refused:
        seed.problems.append(f"{origin}: {assets.refused[location]}")
    elif location in assets.files:
        seed.scripts[location] = str(assets.files[location])
