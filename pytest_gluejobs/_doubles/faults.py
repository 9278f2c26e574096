"""Injected faults: the next calls of an operation (those a match picks) answer an error the test chose.

A fault answers at the wire like any other error, so botocore raises the same exception and its
retry handler decides, as in production, whether to try again; each attempt takes one answer.
A match is judged outside any lock, so a predicate may call Glue itself; the calls it makes are
not judged by the fault whose match is being judged (that would never end).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from .._data.errors import GENERAL_ERRORS, GlueError
from .._data.text import brief
from .._service.model import input_members, modeled_errors
from .calls import operation_name
from .matching import Match, check_match, request_matches, show_match


@dataclass
class Fault:
    """One ``glue_jobs.fail(...)``: which calls it answers, how many answers it holds, how many were taken."""

    operation: str
    code: str
    message: str | None
    times: int
    required: bool
    match: Match | None = None
    used: int = 0

    def __str__(self) -> str:
        matched = f", match={show_match(self.match)}" if self.match is not None else ""
        return (
            f"glue_jobs.fail({self.operation!r}, {self.code!r}, times={self.times}{matched}): "
            f"used {self.used} of {self.times} time{'s' if self.times != 1 else ''}"
        )

    def answer(self) -> GlueError:
        spec = f"glue_jobs.fail({self.operation!r}, {self.code!r})"
        matched = f" for a call matching {show_match(self.match)}" if self.match is not None else ""
        explanation = f"injected by {spec}{matched}: answer {self.used} of {self.times}"
        message = self.message
        if message is None:
            message = (
                f"Injected by pytest-gluejobs: {self.operation} answered {self.code} "
                f"({self.used} of {self.times})"
            )
        return GlueError(self.code, message, explanation=explanation)


# The faults whose match is being judged in this thread or task, innermost last.
_judging: ContextVar[tuple[Fault, ...]] = ContextVar("pytest_gluejobs_judging_faults", default=())


class Faults:
    """The faults of one fake, taken first come first served per operation among those that match."""

    def __init__(self) -> None:
        #: Faults still holding answers: the endpoint looks here before paying for ``take``.
        self.pending: list[Fault] = []
        self._lock = threading.Lock()

    def add(
        self,
        operation: str,
        code: str,
        *,
        message: str | None,
        times: int,
        required: bool,
        match: object = None,
    ) -> Fault:
        """Register a fault, or raise ValueError (TypeError for a bad match) for anything it could
        not answer as AWS would."""
        call = f"glue_jobs.fail({operation!r}, {code!r})"
        operation = operation_name(operation)
        modeled = modeled_errors(operation)
        if code not in modeled and code not in GENERAL_ERRORS:
            raise ValueError(
                f"{call}: {code!r} is not an error {operation} can answer. Use one of its modeled "
                f"errors ({', '.join(modeled)}) or a general AWS error ({', '.join(GENERAL_ERRORS)})."
            )
        if not isinstance(times, int) or isinstance(times, bool) or times < 1:
            raise ValueError(f"{call}: times must be a whole number of calls >= 1, got {times!r}")
        if message is not None and not isinstance(message, str):
            raise ValueError(f"{call}: message must be a string or None, got {message!r}")
        checked = None if match is None else check_match(match, input_members(operation), call)
        fault = Fault(operation, code, message, times, bool(required), checked)
        with self._lock:
            self.pending.append(fault)
        return fault

    def take(
        self, operation: str, params: Callable[[], Mapping[str, Any]]
    ) -> GlueError | None:
        """The error the next call of ``operation`` answers, if a fault holds one for it.

        ``params`` gives the request's read-only params, decoded only if a fault has a match.
        """
        if not self.pending:  # the common case, without taking the lock
            return None
        with self._lock:
            candidates = [fault for fault in self.pending if fault.operation == operation]
        judging = _judging.get()
        for fault in candidates:
            if any(fault is judged for judged in judging):
                continue
            if fault.match is not None and not _matches(fault, params):
                continue
            with self._lock:
                # Another thread may have used it up while its match was judged.
                index = next((i for i, pending in enumerate(self.pending) if pending is fault), None)
                if index is None:
                    continue
                fault.used += 1
                if fault.used == fault.times:
                    del self.pending[index]
                return fault.answer()
        return None

    def unused(self) -> list[Fault]:
        """Required faults that still hold answers nobody asked for."""
        with self._lock:
            return [fault for fault in self.pending if fault.required]


def _matches(fault: Fault, params: Callable[[], Mapping[str, Any]]) -> bool:
    """Whether the request meets the fault's match, judged with no lock held; a match that raises
    is a RuntimeError naming the fault (the request is answered by nothing)."""
    assert fault.match is not None
    token = _judging.set((*_judging.get(), fault))
    sent: Mapping[str, Any] = {}
    try:
        sent = params()
        return request_matches(fault.match, sent)
    except Exception as error:
        raise RuntimeError(
            f"glue_jobs.fail({fault.operation!r}, {fault.code!r}, match={show_match(fault.match)}): "
            f"the match raised {type(error).__name__}: {error} while judging a {fault.operation} "
            f"call with params {brief(dict(sent))}; nothing was answered"
        ) from error
    finally:
        _judging.reset(token)
