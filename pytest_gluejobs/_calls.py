"""The call log: every request the fake answered, and the assertions a test makes on it.

Recording must cost next to nothing per call, so an entry keeps the request and response bytes and
decodes them only when a test looks (``params``, ``response``).
"""

from __future__ import annotations

import json
import reprlib
import threading
from collections.abc import Iterable
from typing import Any

from botocore import xform_name
from botocore.parsers import create_parser

from ._model import service_model

_parser = create_parser("json")
_MISSING = object()


def parse_output(operation: str, body: bytes) -> dict[str, Any]:
    """A success body as botocore's default parser hands it to the caller, minus ResponseMetadata."""
    shape = service_model().operation_model(operation).output_shape
    assert shape is not None, f"{operation} has no output shape"
    response = {"body": body, "headers": {}, "status_code": 200, "context": {}}
    parsed: dict[str, Any] = _parser.parse(response, shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


class Call:
    """One request the fake answered: one entry per attempt, so each retry is its own call."""

    __slots__ = ("_body", "_params", "_request", "_response", "error", "operation", "region")

    def __init__(
        self, operation: str, region: str, request: str, body: bytes, error: str | None
    ) -> None:
        #: The operation's wire name, e.g. ``"CreateJob"``.
        self.operation = operation
        #: The region of the client that sent it.
        self.region = region
        #: The error code the caller got (e.g. ``"EntityNotFoundException"``), or None.
        self.error = error
        self._request = request
        self._body = body
        self._params: dict[str, Any] | None = None
        self._response: dict[str, Any] | None = None

    @property
    def params(self) -> dict[str, Any]:
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
        arguments = ", ".join(f"{key}={_short.repr(value)}" for key, value in self.params.items())
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


def operation_name(operation: str, known: Iterable[str]) -> str:
    """The wire name of a faked operation given as ``"CreateJob"`` or ``"create_job"``."""
    names = tuple(known)
    if operation in names:
        return operation
    by_method = {xform_name(name): name for name in names}
    if operation in by_method:
        return by_method[operation]
    raise ValueError(
        f"{operation!r} is not a faked Glue operation; use one of {', '.join(names)} "
        "(or its client method name, e.g. 'create_job')"
    )


def _matches(call: Call, operation: str, params: dict[str, Any]) -> bool:
    return call.operation == operation and not _differences(call, params)


def _differences(call: Call, params: dict[str, Any]) -> str:
    """How the params sent differ from those expected ("" if they match): a param must have been
    sent to match, even against ``unittest.mock.ANY``."""
    sent = call.params
    parts = []
    for key, value in params.items():
        got = sent.get(key, _MISSING)
        if got is _MISSING:
            parts.append(f"{key} not sent")
        elif got != _as_sent(value):
            parts.append(f"{key} was {_short.repr(got)}")
    return "; ".join(parts)


def _as_sent(value: Any) -> Any:
    """An expected value as the wire carries it (a tuple arrives as a list); ANY stays as is."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return value


def _expected(operation: str, params: dict[str, Any]) -> str:
    if not params:
        return f"{operation} call"
    shown = ", ".join(f"{key}={_short.repr(value)}" for key, value in params.items())
    return f"{operation} call with {shown}"


def _made(count: int) -> str:
    return f"{count} was made" if count == 1 else f"{count} were made"


def _listing(calls: list[Call], operation: str | None = None, params: dict[str, Any] | None = None) -> str:
    if not calls:
        return "No Glue calls were made."
    lines = [f"Glue calls made ({len(calls)}):"]
    for number, call in enumerate(calls, 1):
        line = f"  {number}. {call!r}"
        if params and call.operation == operation and not _matches(call, operation, params):
            line += f"  [{_differences(call, params)}]"
        lines.append(line)
    return "\n".join(lines)


def assert_called(calls: list[Call], operation: str, params: dict[str, Any]) -> None:
    __tracebackhide__ = True
    if not any(_matches(call, operation, params) for call in calls):
        raise AssertionError(
            f"Expected at least one {_expected(operation, params)}, but none was made.\n"
            + _listing(calls, operation, params)
        )


def assert_called_once(calls: list[Call], operation: str, params: dict[str, Any]) -> None:
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


def _make_short_repr() -> reprlib.Repr:
    # One line per call: long scripts, argument maps and CodeGen graphs are cut, not wrapped.
    short = reprlib.Repr()
    short.maxstring = 60
    short.maxother = 60
    short.maxdict = 6
    short.maxlist = 6
    short.maxlevel = 3
    return short


_short = _make_short_repr()
