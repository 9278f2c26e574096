"""A CloudFormation stack's values as a deploy would resolve them: parameters, pseudo parameters,
conditions and the intrinsic functions, in the fake's account and region.

Only what a Glue resource uses is resolved, when it is used: a parameter nobody reads may lack a
value, a resource nobody references may be of any type. What cannot be known before a deploy (an
import from another stack, an attribute only AWS assigns) raises ``Unresolvable`` naming it.

Resources without a name property are named by their logical ID, where CloudFormation would
generate ``<stack>-<logicalId>-<suffix>``: a test cannot guess a random suffix, but it knows the
logical ID (the documentation's table of choices).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._service.model import did_you_mean

#: What ``{"Ref": "AWS::NoValue"}`` resolves to: the property it stands in is removed.
NO_VALUE: Any = type("NoValue", (), {"__repr__": lambda self: "AWS::NoValue"})()

# The property that names a resource of each type, for Ref and ARNs (a path for nested ones).
_NAME_PROPERTIES: dict[str, tuple[str, ...]] = {
    "AWS::Glue::Job": ("Name",),
    "AWS::Glue::Trigger": ("Name",),
    "AWS::Glue::Workflow": ("Name",),
    "AWS::Glue::Crawler": ("Name",),
    "AWS::Glue::SecurityConfiguration": ("Name",),
    "AWS::Glue::Connection": ("ConnectionInput", "Name"),
    "AWS::Glue::Database": ("DatabaseInput", "Name"),
    "AWS::IAM::Role": ("RoleName",),
    "AWS::S3::Bucket": ("BucketName",),
    "AWS::Lambda::Function": ("FunctionName",),
}
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_LIST_TYPES = ("CommaDelimitedList", "List<")
_SSM_TYPE = "AWS::SSM::Parameter::Value<"


class Unresolvable(Exception):
    """A value a deploy would fail on, or could only know once deployed; the message says which."""


@dataclass(frozen=True)
class Environment:
    """Where the stack is deployed: the fake's account and the load's region."""

    account_id: str
    region: str
    partition: str
    stack_name: str

    @property
    def url_suffix(self) -> str:
        return "amazonaws.com.cn" if self.partition == "aws-cn" else "amazonaws.com"


class Stack:
    """One template's parameters, conditions and resources, and the functions that read them."""

    def __init__(self, template: dict[str, Any], environment: Environment, given: dict[str, Any]) -> None:
        self.environment = environment
        self.resources: dict[str, Any] = _section(template, "Resources")
        self._mappings = _section(template, "Mappings")
        self._conditions = _section(template, "Conditions")
        #: What is wrong with the stack as a whole: a deploy would refuse it.
        self.problems: list[str] = []
        self._parameters: dict[str, Any] = {}
        self._unset: dict[str, str] = {}
        self._read_parameters(_section(template, "Parameters"), given)
        self._truths: dict[str, bool] = {}
        self._judging: list[str] = []
        self._naming: list[str] = []
        self._references: dict[str, set[str]] = {}
        self._functions: dict[str, Callable[[Any], Any]] = {
            "Ref": self._ref,
            "Fn::GetAtt": self._get_att,
            "Fn::Sub": self._sub,
            "Fn::Join": self._join,
            "Fn::Select": self._select,
            "Fn::Split": self._split,
            "Fn::If": self._if,
            "Fn::FindInMap": self._find_in_map,
            "Fn::Base64": self._base64,
            "Fn::GetAZs": self._get_azs,
            "Fn::ToJsonString": self._to_json_string,
            "Fn::Length": self._length,
            "Fn::ImportValue": self._import_value,
        }

    # -- parameters -----------------------------------------------------------------------------

    def _read_parameters(self, declared: dict[str, Any], given: dict[str, Any]) -> None:
        for name in given:
            if name not in declared:
                self.problems.append(
                    f"parameters={{{name!r}: ...}}: the template declares no parameter {name!r}"
                    f"{did_you_mean(name, declared)}; it declares {', '.join(declared) or 'none'}"
                )
        for name, declaration in declared.items():
            declaration = declaration if isinstance(declaration, dict) else {}
            kind = str(declaration.get("Type", "String"))
            if name in given:
                value = _given_value(name, given[name], self.problems)
                if value is None:
                    continue
            elif kind.startswith(_SSM_TYPE):
                self._unset[name] = (
                    f"is read from SSM Parameter Store at deploy ({declaration.get('Default')!r}); "
                    f"give its value: load(path, parameters={{{name!r}: ...}})"
                )
                continue
            elif "Default" in declaration:
                value = declaration["Default"]
            else:
                self._unset[name] = (
                    f"has no Default and no value was given: load(path, parameters={{{name!r}: ...}})"
                )
                continue
            try:
                self._parameters[name] = self._typed(name, kind, value, declaration)
            except Unresolvable as error:
                self.problems.append(f"parameter {name}: {error}")

    def _typed(self, name: str, kind: str, value: Any, declaration: dict[str, Any]) -> Any:
        text = value if isinstance(value, (str, list)) else _text(value)
        if kind.startswith(_LIST_TYPES):
            items = text if isinstance(text, list) else text.split(",")
            return [_text(item) for item in items]
        if isinstance(text, list):
            text = ",".join(_text(item) for item in text)
        allowed = declaration.get("AllowedValues")
        if isinstance(allowed, list) and text not in [_text(item) for item in allowed]:
            self.problems.append(f"parameter {name} = {text!r} is not one of its AllowedValues {allowed}")
        pattern = declaration.get("AllowedPattern")
        if isinstance(pattern, str):
            try:
                matched = re.fullmatch(pattern, text) is not None
            except re.error:
                matched = True  # a pattern of Java's that Python cannot read: not judged
            if not matched:
                self.problems.append(f"parameter {name} = {text!r} does not match its AllowedPattern {pattern!r}")
        if kind == "Number":
            try:
                float(text)
            except ValueError:
                self.problems.append(f"parameter {name} = {text!r} is not a Number")
        # Ref to a parameter is text, whatever its type: CloudFormation's documentation.
        return text

    # -- resolving values -----------------------------------------------------------------------

    def resolve(self, value: Any) -> Any:
        """``value`` with every intrinsic function replaced by what a deploy would put there."""
        if isinstance(value, dict):
            if len(value) == 1:
                (key, argument), = value.items()
                function = self._functions.get(key)
                if function is not None:
                    return function(argument)
                if key.startswith("Fn::"):
                    raise Unresolvable(f"{key} is not a function this reader resolves")
            resolved = {key: self.resolve(item) for key, item in value.items()}
            return {key: item for key, item in resolved.items() if item is not NO_VALUE}
        if isinstance(value, list):
            return [item for item in map(self.resolve, value) if item is not NO_VALUE]
        return value

    def condition(self, name: Any) -> bool:
        """Whether a named condition of the Conditions section holds."""
        if not isinstance(name, str) or name not in self._conditions:
            raise Unresolvable(f"condition {name!r} is not in the Conditions section{did_you_mean(name, self._conditions)}")
        if name in self._truths:
            return self._truths[name]
        if name in self._judging:
            raise Unresolvable(f"circular conditions: {' -> '.join([*self._judging, name])}")
        self._judging.append(name)
        try:
            truth = self._truth(self._conditions[name])
        finally:
            self._judging.pop()
        self._truths[name] = truth
        return truth

    def _truth(self, expression: Any) -> bool:
        if isinstance(expression, dict) and len(expression) == 1:
            (key, argument), = expression.items()
            if key == "Condition":
                return self.condition(argument)
            if key == "Fn::Equals":
                left, right = _pair(key, argument)
                return bool(_comparable(self.resolve(left)) == _comparable(self.resolve(right)))
            if key == "Fn::Not":
                (inner,) = _items(key, argument, 1)
                return not self._truth(inner)
            if key in ("Fn::And", "Fn::Or"):
                parts = _items(key, argument, None)
                if not 2 <= len(parts) <= 10:
                    raise Unresolvable(f"{key} takes 2 to 10 conditions, got {len(parts)}")
                truths = [self._truth(part) for part in parts]
                return all(truths) if key == "Fn::And" else any(truths)
        raise Unresolvable(f"{json.dumps(expression)[:100]} is not a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition)")

    def _ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            raise Unresolvable(f"Ref takes a name, got {name!r}")
        pseudo = self._pseudo(name)
        if pseudo is not None:
            return pseudo
        if name in self._parameters:
            return self._parameters[name]
        if name in self._unset:
            raise Unresolvable(f"Ref to parameter {name}, which {self._unset[name]}")
        if name in self.resources:
            return self.physical_name(name)
        known = [*self._parameters, *self._unset, *self.resources]
        raise Unresolvable(
            f"Ref to {name}, which is neither a parameter nor a resource of the template{did_you_mean(name, known)}"
        )

    def _pseudo(self, name: str) -> Any:
        environment = self.environment
        values: dict[str, Any] = {
            "AWS::AccountId": environment.account_id,
            "AWS::Region": environment.region,
            "AWS::Partition": environment.partition,
            "AWS::StackName": environment.stack_name,
            "AWS::StackId": (
                f"arn:{environment.partition}:cloudformation:{environment.region}:"
                f"{environment.account_id}:stack/{environment.stack_name}/"
                f"{_uuid_from(environment.stack_name)}"
            ),
            "AWS::URLSuffix": environment.url_suffix,
            "AWS::NotificationARNs": [],
            "AWS::NoValue": NO_VALUE,
        }
        if name.startswith("AWS::") and name not in values:
            raise Unresolvable(f"{name} is not a pseudo parameter{did_you_mean(name, values)}")
        return values.get(name)

    def physical_name(self, logical_id: str) -> str:
        """The name a resource is deployed with: its name property, else its logical ID."""
        if logical_id in self._naming:
            chain = " -> ".join([*self._naming[self._naming.index(logical_id):], logical_id])
            raise Unresolvable(f"circular reference between resources: {chain}")
        resource = self.resources.get(logical_id)
        kind = resource.get("Type") if isinstance(resource, dict) else None
        path = _NAME_PROPERTIES.get(str(kind))
        value: Any = resource.get("Properties") if isinstance(resource, dict) else None
        if path is not None:
            for step in path:
                value = value.get(step) if isinstance(value, dict) else None
        else:
            value = None
        if value is None:
            return logical_id.lower() if kind == "AWS::S3::Bucket" else logical_id
        self._naming.append(logical_id)
        try:
            name = self.resolve(value)
        finally:
            self._naming.pop()
        if name is NO_VALUE:  # the name property removed: as if it were not given
            return logical_id.lower() if kind == "AWS::S3::Bucket" else logical_id
        if not isinstance(name, str):
            raise Unresolvable(f"the name of resource {logical_id} is {name!r}, not text")
        return name

    def _get_att(self, argument: Any) -> Any:
        if isinstance(argument, str):
            resource, _, attribute = argument.partition(".")
        elif isinstance(argument, list) and len(argument) == 2:
            resource, attribute = argument[0], self.resolve(argument[1])
        else:
            raise Unresolvable(f"Fn::GetAtt takes [resource, attribute], got {argument!r}")
        if not isinstance(resource, str) or resource not in self.resources:
            raise Unresolvable(
                f"Fn::GetAtt {resource}.{attribute}: no resource {resource!r} in the template"
                f"{did_you_mean(resource, self.resources)}"
            )
        return self.attribute(resource, str(attribute))

    def attribute(self, logical_id: str, attribute: str) -> str:
        """What ``Fn::GetAtt`` gives for a resource's attribute, as a deploy in this account would."""
        environment = self.environment
        kind = str(self.resources[logical_id].get("Type", ""))
        name = self.physical_name(logical_id)
        if kind == "AWS::IAM::Role":
            if attribute == "Arn":
                path = self.resolve((self.resources[logical_id].get("Properties") or {}).get("Path", "/"))
                return f"arn:{environment.partition}:iam::{environment.account_id}:role{path}{name}"
            if attribute == "RoleId":
                return "AROA" + hashlib.sha256(name.encode()).hexdigest()[:17].upper()
        if kind == "AWS::S3::Bucket":
            by_attribute = {
                "Arn": f"arn:{environment.partition}:s3:::{name}",
                "DomainName": f"{name}.s3.{environment.url_suffix}",
                "RegionalDomainName": f"{name}.s3.{environment.region}.{environment.url_suffix}",
            }
            if attribute in by_attribute:
                return by_attribute[attribute]
        if attribute == "Arn" and kind.count("::") == 2:
            _, service, resource_type = kind.split("::")
            return (
                f"arn:{environment.partition}:{service.lower()}:{environment.region}:"
                f"{environment.account_id}:{resource_type.lower()}/{name}"
            )
        raise Unresolvable(
            f"Fn::GetAtt {logical_id}.{attribute}: the {attribute} of a {kind} is known only once "
            "it is deployed (this reader knows Arn, an IAM role's RoleId and an S3 bucket's domain names)"
        )

    def _sub(self, argument: Any) -> str:
        if isinstance(argument, str):
            text, variables = argument, {}
        elif (
            isinstance(argument, list) and len(argument) == 2
            and isinstance(argument[0], str) and isinstance(argument[1], dict)
        ):
            text, variables = argument[0], {key: self.resolve(value) for key, value in argument[1].items()}
        else:
            raise Unresolvable(f"Fn::Sub takes a string or [string, {{variables}}], got {argument!r}")

        def value_of(match: re.Match[str]) -> str:
            inner = match.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            if inner in variables:
                value = variables[inner]
            elif "." in inner and not inner.startswith("AWS::"):
                resource, _, attribute = inner.partition(".")
                value = self._get_att([resource, attribute])
            else:
                value = self._ref(inner)
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise Unresolvable(f"Fn::Sub ${{{inner}}} stands for {value!r}, not text")
            return str(value)

        return _SUB_VARIABLE.sub(value_of, text)

    def _join(self, argument: Any) -> str:
        delimiter, items = _pair("Fn::Join", argument)
        items = self.resolve(items)
        if not isinstance(delimiter, str) or not isinstance(items, list):
            raise Unresolvable(f"Fn::Join takes [delimiter, [values]], got {argument!r}")
        return delimiter.join(_text(item) for item in items)

    def _select(self, argument: Any) -> Any:
        index, items = _pair("Fn::Select", argument)
        index, items = self.resolve(index), self.resolve(items)
        try:
            position = int(index)
        except (TypeError, ValueError):
            raise Unresolvable(f"Fn::Select: index {index!r} is not a number") from None
        if not isinstance(items, list) or not 0 <= position < len(items):
            raise Unresolvable(f"Fn::Select: index {position} is outside the list {items!r}")
        return items[position]

    def _split(self, argument: Any) -> list[str]:
        delimiter, text = _pair("Fn::Split", argument)
        text = self.resolve(text)
        if not isinstance(delimiter, str) or not delimiter or not isinstance(text, str):
            raise Unresolvable(f"Fn::Split takes [delimiter, text], got {argument!r}")
        return text.split(delimiter)

    def _if(self, argument: Any) -> Any:
        name, when_true, when_false = _items("Fn::If", argument, 3)
        return self.resolve(when_true if self.condition(name) else when_false)

    def _find_in_map(self, argument: Any) -> Any:
        keys = [self.resolve(item) for item in _items("Fn::FindInMap", argument, 3)]
        value: Any = self._mappings
        for depth, key in enumerate(keys):
            if not isinstance(value, dict) or key not in value:
                raise Unresolvable(f"Fn::FindInMap {keys}: no {key!r} at {('map', 'top-level key', 'second-level key')[depth]}")
            value = value[key]
        return value

    def _base64(self, argument: Any) -> str:
        return base64.b64encode(_text(self.resolve(argument)).encode()).decode()

    def _get_azs(self, argument: Any) -> list[str]:
        region = self.resolve(argument) or self.environment.region
        return [f"{region}{zone}" for zone in "abc"]

    def _to_json_string(self, argument: Any) -> str:
        return json.dumps(self.resolve(argument), separators=(",", ":"))

    def _length(self, argument: Any) -> int:
        items = self.resolve(argument)
        if not isinstance(items, list):
            raise Unresolvable(f"Fn::Length takes a list, got {items!r}")
        return len(items)

    def _import_value(self, argument: Any) -> Any:
        raise Unresolvable(
            f"Fn::ImportValue {self.resolve(argument)!r}: another stack's export is known only once "
            "that stack is deployed; make it a parameter of this template to give its value"
        )

    # -- dependencies ---------------------------------------------------------------------------

    def cycle_through(self, logical_id: str) -> list[str] | None:
        """A chain of references from a resource back to itself, which a deploy refuses, or None."""
        path: list[str] = []
        on_path: set[str] = set()
        done: set[str] = set()

        def visit(node: str) -> list[str] | None:
            path.append(node)
            on_path.add(node)
            for target in sorted(self._references_of(node)):
                if target == logical_id:
                    return [*path, target]
                if target not in on_path and target not in done:
                    found = visit(target)
                    if found is not None:
                        return found
            path.pop()
            on_path.discard(node)
            done.add(node)
            return None

        return visit(logical_id)

    def _references_of(self, logical_id: str) -> set[str]:
        if logical_id not in self._references:
            resource = self.resources.get(logical_id)
            found: set[str] = set()
            if isinstance(resource, dict):
                _collect(resource.get("Properties"), found)
                depends = resource.get("DependsOn")
                found.update([depends] if isinstance(depends, str) else depends if isinstance(depends, list) else [])
            self._references[logical_id] = {name for name in found if isinstance(name, str) and name in self.resources}
        return self._references[logical_id]


def _collect(value: Any, found: set[str]) -> None:
    """The names a value refers to: Ref, Fn::GetAtt and Fn::Sub's ${Name} and ${Name.Attribute}."""
    if isinstance(value, list):
        for item in value:
            _collect(item, found)
    elif isinstance(value, dict):
        if len(value) == 1:
            (key, argument), = value.items()
            if key == "Ref":
                found.add(argument)
                return
            if key == "Fn::GetAtt":
                if isinstance(argument, str):
                    found.add(argument.partition(".")[0])
                elif isinstance(argument, list) and argument:
                    found.add(argument[0])
                return
            if key == "Fn::Sub":
                text, variables = argument, {}
                if isinstance(argument, list) and len(argument) == 2:
                    text, variables = argument
                if isinstance(text, str):
                    local = variables if isinstance(variables, dict) else {}
                    found.update(
                        inner.partition(".")[0]
                        for inner in _SUB_VARIABLE.findall(text)
                        if not inner.startswith("!") and inner not in local
                    )
                _collect(variables, found)
                return
        for item in value.values():
            _collect(item, found)


def _section(template: dict[str, Any], name: str) -> dict[str, Any]:
    section = template.get(name)
    return section if isinstance(section, dict) else {}


def _given_value(name: str, value: Any, problems: list[str]) -> Any:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, list)):
        problems.append(f"parameters={{{name!r}: {value!r}}}: a parameter's value is text, a number or a list of them")
        return None
    if isinstance(value, list) and not all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value):
        problems.append(f"parameters={{{name!r}: {value!r}}}: a list parameter's items are text or numbers")
        return None
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise Unresolvable(f"{value!r} is not text")


def _comparable(value: Any) -> Any:
    return [_comparable(item) for item in value] if isinstance(value, list) else _text(value)


def _pair(function: str, argument: Any) -> tuple[Any, Any]:
    first, second = _items(function, argument, 2)
    return first, second


def _items(function: str, argument: Any, count: int | None) -> list[Any]:
    if not isinstance(argument, list) or (count is not None and len(argument) != count):
        raise Unresolvable(f"{function} takes a list of {count or 'several'} items, got {argument!r}")
    return argument


def _uuid_from(text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
