"""Whether a request matches what a test expects, and, when not, how it differs.

Expected params are a subset: every key given must have been sent, other keys may be anything.
A value matches when it is equal as the wire carries it (a tuple arrives as a list), when it is
``unittest.mock.ANY``, or, for a callable, when it returns true for the value sent. With
``nested=True`` an expected dict is itself a subset at every depth; without, it must be equal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._data.text import brief

_MISSING = object()


def differences(expected: Mapping[str, Any], sent: Mapping[str, Any], *, nested: bool = False) -> str:
    """How ``sent`` differs from ``expected`` ("" if it matches), one part per key that differs.

    A key must have been sent to match, even against ``unittest.mock.ANY``.
    """
    return "; ".join(_differences(expected, sent, "", nested))


def matches(expected: Mapping[str, Any], sent: Mapping[str, Any], *, nested: bool = False) -> bool:
    return not _differences(expected, sent, "", nested)


def _differences(expected: Mapping[str, Any], sent: Mapping[str, Any], prefix: str, nested: bool) -> list[str]:
    parts = []
    for key, value in expected.items():
        got = sent.get(key, _MISSING)
        if got is _MISSING:
            parts.append(f"{prefix}{key} not sent")
        elif nested and isinstance(value, Mapping) and isinstance(got, Mapping):
            parts += _differences(value, got, f"{prefix}{key}.", nested)
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
