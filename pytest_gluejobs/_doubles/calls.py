"""The call log: every request the fake answered, and the assertions a test makes on it.

Recording must cost next to nothing per call, so an entry keeps the request text and response
bytes it was handed and decodes them only when a test looks (``params``, ``response``), into
read-only containers: what one reader does with them cannot reach the log or another reader.
The log keeps the last ``max_calls`` entries; ``calls`` is a read-only snapshot that copies nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NoReturn, overload

from botocore import xform_name

from .._data.options import DEFAULT_MAX_CALLS, check_max_calls
from .._data.text import brief
from .._service.model import parse_output
from .._service.operations import OPERATIONS
from .matching import differences, matches

# -- read-only containers --------------------------------------------------------------------


def _read_only(*_: Any, **__: Any) -> NoReturn:
    raise TypeError(
        "the call log is read-only: copy what you want to change, e.g. copy.deepcopy(call.params)"
    )


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that refuses changes: equal to, and JSON-encodable like, the plain dict it holds."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __copy__(self) -> dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return thaw(self)  # type: ignore[no-any-return]

    def __reduce__(self) -> Any:
        return (dict, (thaw(self),))


class FrozenList(list):  # type: ignore[type-arg]
    """A list that refuses changes: equal to, and JSON-encodable like, the plain list it holds."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only
    append = clear = extend = insert = pop = remove = reverse = sort = _read_only

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return thaw(self)  # type: ignore[no-any-return]

    def __reduce__(self) -> Any:
        return (list, (thaw(self),))


def freeze(value: Any) -> Any:
    if type(value) is FrozenDict or type(value) is FrozenList:
        return value
    if isinstance(value, dict):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return FrozenList(freeze(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [thaw(item) for item in value]
    return value


def _frozen_object(pairs: list[tuple[str, Any]]) -> FrozenDict:
    return FrozenDict((key, FrozenList(map(freeze, value)) if type(value) is list else value) for key, value in pairs)


_decode_frozen = json.JSONDecoder(object_pairs_hook=_frozen_object).decode


def decode_request(text: str) -> Mapping[str, Any]:
    """A request's JSON text as read-only params (what ``match`` callables and ``Call`` see)."""
    params: Mapping[str, Any] = _decode_frozen(text)
    return params


# -- one call --------------------------------------------------------------------------------


class Call:
    """One request the fake answered: one entry of ``glue_jobs.calls`` per attempt, so each retry
    is its own entry.

    A record: its fields are read-only, and so are the params and response it hands out.
    ``repr(call)`` reads ``GetJob(JobName='nightly') in us-east-1 -> EntityNotFoundException``; a
    retry adds ``(attempt 2)``.
    """

    __slots__ = (
        "_attempt",
        "_body",
        "_error",
        "_explanation",
        "_invocation",
        "_operation",
        "_params",
        "_region",
        "_request",
        "_response",
    )

    def __init__(
        self,
        operation: str,
        region: str,
        request: str,
        body: bytes,
        error: str | None,
        explanation: str | None = None,
        attempt: int = 1,
        invocation: object = None,
    ) -> None:
        self._operation = operation
        self._region = region
        self._request = request
        self._body = body
        self._error = error
        self._explanation = explanation
        self._attempt = attempt
        # What the attempts of one client call share (botocore's invocation id); None: this
        # attempt is a call of its own.
        self._invocation = invocation
        self._params: Mapping[str, Any] | None = None
        self._response: Mapping[str, Any] | None = None

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
    def message(self) -> str | None:
        """The ``Error.Message`` the caller got, or None for a success."""
        if self._error is None:
            return None
        try:
            message = json.loads(self._body).get("Message")
        except ValueError:
            return None
        return str(message) if message is not None else ""

    @property
    def explanation(self) -> str | None:
        """The fake's own account of an error, beyond the message AWS sends; None if it has none.

        The page Error messages lists AWS's words and where each comes from.
        """
        return self._explanation

    @property
    def attempt(self) -> int:
        """Which attempt of its client call this was: 1 for the first, 2 for botocore's first retry."""
        return self._attempt

    @property
    def params(self) -> Mapping[str, Any]:
        """The request parameters as botocore sent them, decoded once when first read.

        A dict that refuses changes (``copy.deepcopy`` gives a plain one); ``{}`` for a body that
        was not JSON.
        """
        params = self._params
        if params is None:
            try:
                params = self._params = decode_request(self._request)
            except ValueError:  # a body that was not JSON: SerializationException, no params
                params = self._params = FrozenDict()
        return params

    @property
    def response(self) -> Mapping[str, Any] | None:
        """What the caller got back, parsed by botocore, read-only, or None for an error.

        Timestamps are datetimes; ``ResponseMetadata`` is left out.
        """
        if self._error is not None:
            return None
        response = self._response
        if response is None:
            response = self._response = freeze(parse_output(self._operation, self._body))
        return response

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={brief(value)}" for key, value in thaw(self.params).items())
        outcome = self.error or "ok"
        again = f" (attempt {self._attempt})" if self._attempt > 1 else ""
        return f"{self.operation}({arguments}) in {self.region} -> {outcome}{again}"


# -- the log ---------------------------------------------------------------------------------


class CallsView(Sequence[Call]):
    """The calls kept when it was taken, oldest first: a read-only snapshot that copied nothing."""

    __slots__ = ("_calls", "_start", "_stop", "dropped")

    def __init__(self, calls: list[Call], start: int, stop: int, dropped: int) -> None:
        self._calls = calls
        self._start = start
        self._stop = stop
        #: How many earlier calls the log no longer keeps.
        self.dropped = dropped

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> Call: ...
    @overload
    def __getitem__(self, index: slice) -> list[Call]: ...
    def __getitem__(self, index: int | slice) -> Call | list[Call]:
        if isinstance(index, slice):
            return [self._calls[i] for i in range(self._start, self._stop)[index]]
        return self._calls[range(self._start, self._stop)[index]]

    def __iter__(self) -> Iterator[Call]:
        calls = self._calls
        for index in range(self._start, self._stop):
            yield calls[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (CallsView, list, tuple)):
            return len(self) == len(other) and all(a is b or a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


class CallLog:
    """The calls of one fake in the order they were answered; keeps the last ``max_calls``."""

    def __init__(self, max_calls: int = DEFAULT_MAX_CALLS) -> None:
        # Append-only between compactions, so a view taken earlier stays a valid snapshot.
        self._calls: list[Call] = []
        self._start = 0  # where the kept calls begin in _calls
        self._dropped = 0
        self._max = max_calls
        self._lock = threading.Lock()

    @property
    def max_calls(self) -> int:
        return self._max

    @max_calls.setter
    def max_calls(self, value: int) -> None:
        self._max = check_max_calls(value, "glue_jobs.max_calls")
        with self._lock:
            self._trim()

    @property
    def dropped(self) -> int:
        return self._dropped

    def record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            if len(self._calls) - self._start > self._max:
                self._trim()

    def _trim(self) -> None:
        excess = len(self._calls) - self._start - self._max
        if excess > 0:
            self._start += excess
            self._dropped += excess
        # Compact once the dropped head is an eighth of the bound: a new list, so views taken
        # before keep theirs; the copies cost a pointer per kept call, every max/8 calls.
        if self._start and self._start >= max(self._max // 8, 64):
            self._calls = self._calls[self._start :]
            self._start = 0

    def view(self) -> CallsView:
        with self._lock:
            return CallsView(self._calls, self._start, len(self._calls), self._dropped)


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


# -- assertions ------------------------------------------------------------------------------


def client_calls(calls: Sequence[Call]) -> list[list[Call]]:
    """The entries grouped by the client call they belong to: botocore's retries are one call."""
    groups: list[list[Call]] = []
    open_groups: dict[object, list[Call]] = {}
    for call in calls:
        key = call._invocation
        group = open_groups.get(key) if key is not None else None
        if group is None:
            group = [call]
            groups.append(group)
            if key is not None:
                open_groups[key] = group
        else:
            group.append(call)
    return groups


def _matches(group: list[Call], operation: str, params: Mapping[str, Any]) -> bool:
    first = group[0]
    return first.operation == operation and matches(params, first.params)


def _expected(operation: str, params: Mapping[str, Any]) -> str:
    if not params:
        return f"{operation} call"
    shown = ", ".join(f"{key}={brief(value)}" for key, value in params.items())
    return f"{operation} call with {shown}"


def _made(count: int) -> str:
    return f"{count} was made" if count == 1 else f"{count} were made"


def _show(group: list[Call]) -> str:
    first = group[0]
    arguments = ", ".join(f"{key}={brief(value)}" for key, value in thaw(first.params).items())
    outcomes = ", ".join(call.error or "ok" for call in group)
    if len(group) > 1 or first.attempt > 1:
        numbers = [call.attempt for call in group]
        span = f"attempt {numbers[0]}" if len(numbers) == 1 else f"attempts {numbers[0]}-{numbers[-1]}"
        outcomes += f" ({span})"
    return f"{first.operation}({arguments}) in {first.region} -> {outcomes}"


def _listing(
    calls: CallsView | Sequence[Call],
    operation: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> str:
    dropped = getattr(calls, "dropped", 0)
    note = (
        f"\n({dropped:,} earlier call{'s were' if dropped != 1 else ' was'} dropped: the log keeps "
        "the last glue_jobs.max_calls)"
        if dropped
        else ""
    )
    groups = client_calls(calls)
    if not groups:
        return "No Glue calls were made." + note
    attempts = sum(map(len, groups))
    counted = f"{len(groups)}" if attempts == len(groups) else f"{len(groups)}, in {attempts} attempts"
    lines = [f"Glue calls made ({counted}):"]
    for number, group in enumerate(groups, 1):
        line = f"  {number}. {_show(group)}"
        if params and group[0].operation == operation and not _matches(group, operation, params):
            line += f"  [{differences(params, group[0].params)}]"
        lines.append(line)
    return "\n".join(lines) + note


def assert_called(calls: CallsView, operation: str, params: Mapping[str, Any]) -> None:
    __tracebackhide__ = True
    if not any(_matches(group, operation, params) for group in client_calls(calls)):
        raise AssertionError(
            f"Expected at least one {_expected(operation, params)}, but none was made.\n"
            + _listing(calls, operation, params)
        )


def assert_called_once(calls: CallsView, operation: str, params: Mapping[str, Any]) -> None:
    __tracebackhide__ = True
    count = sum(_matches(group, operation, params) for group in client_calls(calls))
    if count != 1:
        raise AssertionError(
            f"Expected exactly one {_expected(operation, params)}, but {_made(count)}.\n"
            + _listing(calls, operation, params)
        )


def assert_not_called(calls: CallsView, operation: str | None) -> None:
    __tracebackhide__ = True
    made = [group for group in client_calls(calls) if operation is None or group[0].operation == operation]
    if made:
        what = "no Glue call at all" if operation is None else f"no {operation} call"
        raise AssertionError(f"Expected {what}, but {_made(len(made))}.\n" + _listing(calls))
