"""Whether a request matches what a test expects, and, when not, how it differs.

The one matcher of the plugin: ``assert_called``'s params and ``fail(match=...)`` both use it.
Expected params are a subset: every key given must have been sent, other keys may be anything. A
value matches when it is equal as the wire carries it (a tuple arrives as a list), when it is
``unittest.mock.ANY``, or, for a callable, when it returns true for the value sent. An expected
dict is itself a subset at every depth, so ``Command={"Name": "pythonshell"}`` matches whatever
else the command holds. A whole match may also be one callable taking the request's params.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from typing import Any, Union

from .._data.text import brief

#: What ``fail(match=...)`` takes: expected params, or a predicate of the request's params.
Match = Union[Mapping[str, Any], Callable[[Mapping[str, Any]], bool]]

_MISSING = object()


def check_match(match: object, members: Collection[str], caller: str) -> Match:
    """``match`` if it can be judged against requests with these top-level ``members``.

    TypeError for anything but a mapping or a callable; ValueError for a key no request of the
    operation can carry, so a typo cannot make a match that never fires.
    """
    if isinstance(match, Mapping):
        unknown = [key for key in match if key not in members]
        if unknown:
            raise ValueError(
                f"{caller}: match names {', '.join(map(repr, unknown))}, which the operation's "
                f"requests do not have; its members are {', '.join(sorted(members))}"
            )
        return match
    if callable(match):
        return match
    raise TypeError(
        f"{caller}: match must be a dict of expected params or a callable taking the request's "
        f"params and returning a bool, got {type(match).__name__} {brief(match)}"
    )


def request_matches(match: Match, sent: Mapping[str, Any]) -> bool:
    """Whether a request's params satisfy ``match`` (expected params, or a predicate)."""
    if isinstance(match, Mapping):
        return not _differences(match, sent, "")
    return bool(match(sent))


def show_match(match: Match) -> str:
    """A match as a message shows it: the expected params, or the predicate's name."""
    if isinstance(match, Mapping):
        return brief(dict(match))
    name = getattr(match, "__qualname__", None) or type(match).__name__
    return f"<{name}>" if name != "<lambda>" else "<lambda>"


def differences(expected: Mapping[str, Any], sent: Mapping[str, Any]) -> str:
    """How ``sent`` differs from ``expected`` ("" if it matches), one part per key that differs.

    A key must have been sent to match, even against ``unittest.mock.ANY``.
    """
    return "; ".join(_differences(expected, sent, ""))


def matches(expected: Mapping[str, Any], sent: Mapping[str, Any]) -> bool:
    return not _differences(expected, sent, "")


def _differences(expected: Mapping[str, Any], sent: Mapping[str, Any], prefix: str) -> list[str]:
    parts = []
    for key, value in expected.items():
        got = sent.get(key, _MISSING)
        if got is _MISSING:
            parts.append(f"{prefix}{key} not sent")
        elif isinstance(value, Mapping) and isinstance(got, Mapping):
            parts += _differences(value, got, f"{prefix}{key}.")
        elif not _value_matches(value, got):
            parts.append(f"{prefix}{key} was {brief(got)}")
    return parts


def _value_matches(expected: Any, got: Any) -> bool:
    if callable(expected) and not isinstance(expected, type):
        return bool(expected(got))
    return bool(got == _as_sent(expected))


def _as_sent(value: Any) -> Any:
    """An expected value as the wire carries it (a tuple arrives as a list); ANY stays as is."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return value
