"""``add_job`` and ``add_trigger`` (and so the ``glue_job`` and ``glue_trigger`` markers) as the
CreateJob and CreateTrigger requests they stand for: what may be left out filled in, and the
arguments made into what the wire would carry, so the service judges them as it judges a request.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .._data.shapes import Params
from .._service.model import show_number

# What add_job fills in: a job needs a Role and a Command, which a test often does not care about.
PLACEHOLDER_ROLE = "arn:aws:iam::123456789012:role/pytest-gluejobs"


def job_request(name: str, fields: dict[str, Any]) -> Params:
    """CreateJob's request for ``add_job(name, **fields)``; ``Role`` and ``Command`` where left out."""
    __tracebackhide__ = True
    caller = _checked("add_job", name, fields)
    return _as_request(
        caller,
        {
            "Name": name,
            "Role": PLACEHOLDER_ROLE,
            "Command": {"Name": "glueetl", "ScriptLocation": f"s3://pytest-gluejobs/scripts/{name}.py"},
            **fields,
        },
        fields,
    )


def trigger_request(name: str, fields: dict[str, Any]) -> Params:
    """CreateTrigger's request for ``add_trigger(name, **fields)``; where ``Type`` is left out,
    ``SCHEDULED`` with a ``Schedule``, ``CONDITIONAL`` with a ``Predicate``, else ``ON_DEMAND``."""
    __tracebackhide__ = True
    caller = _checked("add_trigger", name, fields)
    kind = "SCHEDULED" if "Schedule" in fields else "CONDITIONAL" if "Predicate" in fields else "ON_DEMAND"
    return _as_request(caller, {"Name": name, "Type": kind, **fields}, fields)


def _checked(method: str, name: str, fields: dict[str, Any]) -> str:
    """The call as messages name it, once its fields are ones a request could carry."""
    __tracebackhide__ = True
    if "Name" in fields:
        raise TypeError(
            f"{method}({name!r}, Name={fields['Name']!r}): give the {method.removeprefix('add_')} name "
            "once, as the first argument"
        )
    caller = f"{method}({name!r})"
    _check_numbers(caller, fields)
    return caller


def _as_request(caller: str, params: dict[str, Any], fields: dict[str, Any]) -> Params:
    """A JSON round trip, as the wire would make: the caller's objects are never shared."""
    __tracebackhide__ = True
    try:
        copied: Params = json.loads(json.dumps(params))
    except (TypeError, ValueError):
        member, value = next(item for item in fields.items() if not _is_json(item[1]))
        raise TypeError(
            f"{caller}: {member}={value!r} is not JSON data (str, int, float, bool, list or "
            "dict), so no request could carry it"
        ) from None
    return copied


def _check_numbers(caller: str, fields: dict[str, Any]) -> None:
    """NaN, infinity or an integer beyond any double: no JSON number the service reads holds it."""
    __tracebackhide__ = True
    pending: list[tuple[str, Any]] = list(fields.items())
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            pending.extend((f"{path}.{key}", item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and not _representable(value):
            raise ValueError(
                f"{caller}: {path}={show_number(value)} is not a number any request could carry "
                "(NaN, infinity and integers beyond the range of a double are not)"
            )


def _representable(number: float) -> bool:
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _is_json(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True
