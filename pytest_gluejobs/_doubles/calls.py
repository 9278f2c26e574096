"""The call log: every request the fake answered, and the assertions a test makes on it.

Recording must cost next to nothing per call, so an entry keeps the request and response bytes and
decodes them only when a test looks (``params``, ``response``).
"""

from __future__ import annotations

import json
import threading
from typing import Any

from botocore import xform_name

from .._data.shapes import Params
from .._data.text import brief
from .._service import OPERATIONS
from .._service.model import parse_output
from .matching import differences, matches


class Call:
    """One request the fake answered: one entry per attempt, so each retry is its own call.

    A record: its fields are read-only. The params and response are decoded on first look.
    """

    __slots__ = ("_body", "_error", "_operation", "_params", "_region", "_request", "_response")

    def __init__(
        self, operation: str, region: str, request: str, body: bytes, error: str | None
    ) -> None:
        self._operation = operation
        self._region = region
        self._error = error
        self._request = request
        self._body = body
        self._params: Params | None = None
        self._response: dict[str, Any] | None = None

    @property
    def operation(self) -> str:
        """The operation's wire name, e.g. ``"CreateJob"``."""
        return self._operation

    @property
    def region(self) -> str:
        """The region of the client that sent it."""
        return self._region

    @property
    def error(self) -> str | None:
        """The error code the caller got (e.g. ``"EntityNotFoundException"``), or None."""
        return self._error

    @property
    def params(self) -> Params:
        """The request parameters as botocore sent them: decoded from the request, shared with nothing."""
        if self._params is None:
            self._params = json.loads(self._request)
        return self._params

    @property
    def response(self) -> dict[str, Any] | None:
        """What the caller got back — timestamps as datetimes, no ResponseMetadata — or None on error."""
        if self.error is not None:
            return None
        if self._response is None:
            self._response = parse_output(self.operation, self._body)
        return self._response

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={brief(value)}" for key, value in self.params.items())
        outcome = self.error or "ok"
        return f"{self.operation}({arguments}) in {self.region} -> {outcome}"


class CallLog:
    """The calls of one fake, in the order they were answered, safe to append from many threads."""

    def __init__(self) -> None:
        self._calls: list[Call] = []
        self._lock = threading.Lock()

    def record(self, operation: str, region: str, request: str, body: bytes, error: str | None) -> None:
        call = Call(operation, region, request, body, error)
        with self._lock:
            self._calls.append(call)

    def snapshot(self) -> list[Call]:
        with self._lock:
            return list(self._calls)


def operation_name(operation: str) -> str:
    """The wire name of a faked operation given as ``"CreateJob"`` or ``"create_job"``."""
    names = OPERATIONS
    if operation in names:
        return operation
    by_method = {xform_name(name): name for name in names}
    if operation in by_method:
        return by_method[operation]
    raise ValueError(
        f"{operation!r} is not a faked Glue operation; use one of {', '.join(names)} "
        "(or its client method name, e.g. 'create_job')"
    )


def _matches(call: Call, operation: str, params: Params) -> bool:
    return call.operation == operation and matches(params, call.params)


def _expected(operation: str, params: Params) -> str:
    if not params:
        return f"{operation} call"
    shown = ", ".join(f"{key}={brief(value)}" for key, value in params.items())
    return f"{operation} call with {shown}"


def _made(count: int) -> str:
    return f"{count} was made" if count == 1 else f"{count} were made"


def _listing(calls: list[Call], operation: str | None = None, params: Params | None = None) -> str:
    if not calls:
        return "No Glue calls were made."
    lines = [f"Glue calls made ({len(calls)}):"]
    for number, call in enumerate(calls, 1):
        line = f"  {number}. {call!r}"
        if params and call.operation == operation and not _matches(call, operation, params):
            line += f"  [{differences(params, call.params)}]"
        lines.append(line)
    return "\n".join(lines)


def assert_called(calls: list[Call], operation: str, params: Params) -> None:
    __tracebackhide__ = True
    if not any(_matches(call, operation, params) for call in calls):
        raise AssertionError(
            f"Expected at least one {_expected(operation, params)}, but none was made.\n"
            + _listing(calls, operation, params)
        )


def assert_called_once(calls: list[Call], operation: str, params: Params) -> None:
    __tracebackhide__ = True
    count = sum(_matches(call, operation, params) for call in calls)
    if count != 1:
        raise AssertionError(
            f"Expected exactly one {_expected(operation, params)}, but {_made(count)}.\n"
            + _listing(calls, operation, params)
        )


def assert_not_called(calls: list[Call], operation: str | None) -> None:
    __tracebackhide__ = True
    made = [call for call in calls if operation is None or call.operation == operation]
    if made:
        what = "no Glue call at all" if operation is None else f"no {operation} call"
        raise AssertionError(
            f"Expected {what}, but {_made(len(made))}.\n" + _listing(calls)
        )
