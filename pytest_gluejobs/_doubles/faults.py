"""Injected faults: the next calls of an operation answer an error the test chose.

A fault answers at the wire like any other error, so botocore raises the same exception and its
retry handler decides, as in production, whether to try again; each attempt takes one answer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .._data.errors import GENERAL_ERRORS, GlueError
from .._service.model import modeled_errors
from .calls import operation_name


@dataclass
class Fault:
    """One ``glue_jobs.fail(...)``: how many answers it holds and how many were taken."""

    operation: str
    code: str
    message: str | None
    times: int
    required: bool
    used: int = 0

    def __str__(self) -> str:
        return (
            f"glue_jobs.fail({self.operation!r}, {self.code!r}, times={self.times}): "
            f"used {self.used} of {self.times} time{'s' if self.times != 1 else ''}"
        )

    def answer(self) -> GlueError:
        message = self.message or (
            f"Injected by pytest-gluejobs: {self.operation} answered {self.code} "
            f"({self.used} of {self.times})"
        )
        return GlueError(self.code, message)


class Faults:
    """The faults of one fake, taken first come first served per operation."""

    def __init__(self) -> None:
        self._pending: list[Fault] = []
        self._lock = threading.Lock()

    def add(
        self,
        operation: str,
        code: str,
        *,
        message: str | None,
        times: int,
        required: bool,
    ) -> None:
        """Register a fault, or raise ValueError for anything it could not answer as AWS would."""
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
        fault = Fault(operation, code, message, times, bool(required))
        with self._lock:
            self._pending.append(fault)

    def take(self, operation: str) -> GlueError | None:
        """The error the next call of ``operation`` answers, if a fault holds one."""
        if not self._pending:  # the common case, without taking the lock
            return None
        with self._lock:
            for fault in self._pending:
                if fault.operation == operation:
                    fault.used += 1
                    if fault.used == fault.times:
                        self._pending.remove(fault)
                    return fault.answer()
        return None

    def unused(self) -> list[Fault]:
        """Required faults that still hold answers nobody asked for."""
        with self._lock:
            return [fault for fault in self._pending if fault.required]
