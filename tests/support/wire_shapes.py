"""An independent check of values against botocore's Glue shapes, written apart from the fake.

The fake compiles the same model into its input checks; this module re-reads the model on its
own (with Java's regex semantics, 32/64-bit integers, finite doubles) so that tests do not trust
the code they test. It checks what the wire carries (``parsed=False``: JSON values, timestamps
as epoch numbers) or what botocore's parser hands back (``parsed=True``: timestamps as aware
datetimes).
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from typing import Any

import botocore.session
from botocore.model import (
    ListShape,
    MapShape,
    ServiceModel,
    Shape,
    StringShape,
    StructureShape,
)

_INT_RANGES = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
# Java's '.' stops at every line terminator, not only '\n' as Python's does.
_JAVA_DOT = r"[^\n\r\u0085\u2028\u2029]"


@functools.cache
def glue_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("glue")


def structure(name: str) -> StructureShape:
    """The model's structure ``name`` (CreateJobRequest, JobUpdate, ...)."""
    shape = glue_model().shape_for(name)
    assert isinstance(shape, StructureShape), name
    return shape


@functools.cache
def java_regex(pattern: str) -> re.Pattern[str]:
    """A Java pattern of the model as a Python regex with the same meaning (whole-value match)."""
    pattern = pattern.replace("\\uD800\\uDC00-\\uDBFF\\uDFFF", "\\U00010000-\\U0010FFFF")
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char == "." and not in_class:
            out.append(_JAVA_DOT)
        else:
            out.append(char)
    # Java's \w, \s and \d are ASCII-only unless asked otherwise.
    return re.compile("".join(out), re.ASCII)


def shape_problems(shape: Shape, value: Any, path: str = "", *, parsed: bool = False) -> list[str]:
    """Every way ``value`` breaks ``shape`` (types, members, sizes, patterns, enums)."""
    problems: list[str] = []
    _check(shape, value, path or shape.name, parsed, problems)
    return problems


def _check(shape: Shape, value: Any, path: str, parsed: bool, problems: list[str]) -> None:
    kind = shape.type_name
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            problems.append(f"{path}: {type(value).__name__} is not a structure")
            return
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}.{name}: required member missing")
        for name, item in value.items():
            member = shape.members.get(name)
            if member is None:
                problems.append(f"{path}.{name}: not a member of {shape.name}")
            else:
                _check(member, item, f"{path}.{name}", parsed, problems)
    elif isinstance(shape, ListShape):
        if not isinstance(value, list):
            problems.append(f"{path}: {type(value).__name__} is not a list")
            return
        _size(path, len(value), low, high, "items", problems)
        for index, item in enumerate(value):
            _check(shape.member, item, f"{path}[{index}]", parsed, problems)
    elif isinstance(shape, MapShape):
        if not isinstance(value, dict):
            problems.append(f"{path}: {type(value).__name__} is not a map")
            return
        _size(path, len(value), low, high, "entries", problems)
        for key, item in value.items():
            _check(shape.key, key, f"{path} key {key!r:.40}", parsed, problems)
            _check(shape.value, item, f"{path}[{key!r:.40}]", parsed, problems)
    elif kind == "string":
        _string(shape, value, path, problems)
    elif kind in _INT_RANGES:
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: {value!r:.40} is not an {kind}")
            return
        smallest, largest = _INT_RANGES[kind]
        if not smallest <= value <= largest:
            problems.append(f"{path}: {value} does not fit a {kind}")
        _bounds(path, value, low, high, problems)
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: {value!r:.40} is not a number")
        elif not math.isfinite(value):
            problems.append(f"{path}: {value!r} is not a finite number")
        else:
            _bounds(path, value, low, high, problems)
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: {value!r:.40} is not a boolean")
    elif kind == "timestamp":
        _timestamp(shape, value, path, parsed, problems)
    else:
        problems.append(f"{path}: shape type {kind} is not checked by this validator")


def _string(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, str):
        problems.append(f"{path}: {type(value).__name__} is not a string")
        return
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        problems.append(f"{path}: holds a lone surrogate")
    _size(path, len(value), shape.metadata.get("min"), shape.metadata.get("max"), "characters", problems)
    pattern = shape.metadata.get("pattern")
    if pattern and java_regex(pattern).fullmatch(value) is None:
        problems.append(f"{path}: {value!r:.60} does not match {pattern}")
    enum = shape.enum if isinstance(shape, StringShape) else []
    if enum and value not in enum:
        problems.append(f"{path}: {value!r:.60} is not one of {enum}")


def _timestamp(shape: Shape, value: Any, path: str, parsed: bool, problems: list[str]) -> None:
    if parsed:
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            problems.append(f"{path}: {value!r:.40} is not an aware datetime")
        return
    if shape.serialization.get("timestampFormat") == "iso8601":
        if not isinstance(value, str):
            problems.append(f"{path}: {value!r:.40} is not an ISO 8601 string")
    elif not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        problems.append(f"{path}: {value!r:.40} is not epoch seconds")


def _size(path: str, size: int, low: int | None, high: int | None, unit: str, problems: list[str]) -> None:
    if low is not None and size < low:
        problems.append(f"{path}: {size} {unit}, fewer than {low}")
    if high is not None and size > high:
        problems.append(f"{path}: {size} {unit}, more than {high}")


def _bounds(path: str, value: float, low: float | None, high: float | None, problems: list[str]) -> None:
    if low is not None and value < low:
        problems.append(f"{path}: {value} is below {low}")
    if high is not None and value > high:
        problems.append(f"{path}: {value} is above {high}")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def response_problems(operation: str, status: int, body: bytes) -> list[str]:
    """Every way one wire response breaks the operation's output shape or its modeled errors."""
    try:
        document = json.loads(body, parse_constant=_no_constants)
    except ValueError as error:
        return [f"{operation}: body is not strict JSON: {error}"]
    model = glue_model().operation_model(operation)
    if status == 200:
        assert model.output_shape is not None
        return shape_problems(model.output_shape, document)
    if not isinstance(document, dict):
        return [f"{operation}: error body {document!r:.60} is not an object"]
    code = document.get("__type")
    errors = {shape.name: shape for shape in model.error_shapes}
    if code not in errors:
        return [f"{operation}: error code {code!r} is not one of its modeled errors {sorted(errors)}"]
    problems = shape_problems(errors[code], {k: v for k, v in document.items() if k != "__type"})
    # botocore keeps "fault" (a 5xx error) out of Shape.metadata; the raw model has it.
    fault = bool(errors[code]._shape_model.get("fault"))  # type: ignore[attr-defined]
    if fault != (status >= 500) or not 400 <= status < 600:
        problems.append(f"{operation}: {code} answered with HTTP {status}")
    message = document.get("Message")
    if not isinstance(message, str) or not message.strip():
        problems.append(f"{operation}: {code} has no message")
    return problems
