"""Glue calls no fake answered, kept per test for its report, and what the user is told of them.

With no fake active a Glue call goes where botocore sends it: to AWS, with whatever credentials the
machine has. The first such call of a test warns (``NoFakeActiveWarning``), naming the test, the
operation and the three ways to activate the fake; ``glue_jobs_require_fake`` refuses it instead
(``NoFakeActiveError``). With a fake active, an operation it does not implement is refused
(``NotFakedError``). Every one of them is kept for the running test, so that a failing test's
report lists it rather than saying no Glue call was made. Importing this imports no botocore.
"""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._data.errors import NoFakeActiveError, NoFakeActiveWarning

WAYS = (
    "request the glue_jobs (or glue_client) fixture, mark the test @pytest.mark.glue_job(...), "
    "or make the call inside `with fake_glue_jobs():`"
)
SENT = "sent on with no fake active"
# Frames of these packages are between the user's call and the warning: it points past them.
_LIBRARY_PREFIXES = ("botocore.", "boto3.", "aiobotocore.", "pytest_gluejobs.")
_LIBRARIES = ("botocore", "boto3", "aiobotocore")


@dataclass
class _Test:
    nodeid: str
    #: (operation, region, what happened) -> how many times, in the order first seen.
    seen: dict[tuple[str, str, str], int] = field(default_factory=dict)
    warned: bool = False


_running: _Test | None = None
_lock = threading.Lock()


def begin_test(nodeid: str) -> object:
    """From now on calls no fake answers belong to test ``nodeid``; returns what to restore."""
    global _running
    previous, _running = _running, _Test(nodeid)
    return previous


def end_test(previous: object) -> None:
    """The test is over: the one before it (a nested pytest run's outer test, or none) is back."""
    global _running
    _running = previous if isinstance(previous, _Test) else None


def sent_without_fake(operation: str, region: str | None) -> None:
    """A Glue call is about to go where botocore sends it, with no fake active: the running test's
    first such call warns. Outside a test nothing is said or kept."""
    test = _running
    if test is None:
        return
    with _lock:
        _count(test, operation, region, SENT)
        first, test.warned = not test.warned, True
    if first:
        warnings.warn(
            NoFakeActiveWarning(
                f"pytest-gluejobs: {test.nodeid} called Glue {operation}{_in(region)} with no fake "
                "active, so botocore sends it to AWS, with whatever credentials this machine has. "
                f"To answer it from the fake, {WAYS}. A suite that calls AWS on purpose silences "
                "this with filterwarnings = ignore::pytest_gluejobs.NoFakeActiveWarning; "
                "glue_jobs_require_fake = true refuses such calls instead."
            ),
            stacklevel=_user_level(),
        )


def refusal(operation: str, region: str | None) -> NoFakeActiveError:
    """The error for a Glue call made with no fake active while the suite requires one."""
    refused(operation, region, "NoFakeActiveError")
    return NoFakeActiveError(
        f"pytest-gluejobs: Glue {operation} was called while no fake was active, and "
        "glue_jobs_require_fake = true keeps Glue calls from reaching AWS, so it was not sent. "
        "Activate the fake for this code: request the glue_jobs (or glue_client) fixture, mark "
        "the test @pytest.mark.glue_job(...), or run it inside `with fake_glue_jobs():`."
    )


def refused(operation: str, region: str | None, error: str) -> None:
    """A Glue call refused with ``error`` (neither answered nor sent), kept for the test's report."""
    test = _running
    if test is not None:
        with _lock:
            _count(test, operation, region, f"refused: {error}")


def report_lines() -> list[str]:
    """The running test's calls no fake answered, one line per operation, region and outcome."""
    test = _running
    if test is None:
        return []
    with _lock:
        seen = list(test.seen.items())
    lines = []
    for (operation, region, outcome), count in seen:
        times = f" ({count} calls)" if count > 1 else ""
        lines.append(f"      {operation} in {region or 'the client region'} -> {outcome}{times}")
    return lines


def any_sent() -> bool:
    """Whether the running test sent a Glue call on with no fake active."""
    test = _running
    return test is not None and test.warned


def _count(test: _Test, operation: str, region: str | None, outcome: str) -> None:
    key = (operation, region or "", outcome)
    test.seen[key] = test.seen.get(key, 0) + 1


def _in(region: str | None) -> str:
    return f" in {region}" if region else ""


def in_libraries(module_globals: Mapping[str, Any]) -> bool:
    """Whether a frame with these globals runs botocore's, boto3's or this plugin's code: the frames
    between the user's Glue call and what the plugin says about it."""
    module = str(module_globals.get("__name__", ""))
    return module.startswith(_LIBRARY_PREFIXES) or module in _LIBRARIES


def _user_level() -> int:
    """The ``stacklevel`` of the first frame outside botocore, boto3 and this plugin: the warning
    points at the line of the user's code that made the call."""
    frame = sys._getframe(1)  # the caller of warnings.warn: stacklevel 1
    level = 1
    while frame.f_back is not None and in_libraries(frame.f_globals):
        frame = frame.f_back
        level += 1
    return level
