"""Each run's output its own: ``sys.stdout`` and ``sys.stderr`` routed to the run that writes.

While any run's code is running, ``sys.stdout`` and ``sys.stderr`` are routers: a write goes to the
buffers of the run whose code is writing — found by a context variable, so asyncio tasks the code
creates write there too, and carried by the threads the code starts while the run lasts — and
otherwise to the stream that was there before, so the test's own prints still reach pytest's
capture. When the last run ends, the streams that were there before are put back.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import IO, Any


@dataclass
class RunOutput:
    """The buffers one run's output goes to, while it runs (``open``)."""

    stdout: IO[str]
    stderr: IO[str]
    open: bool = True


_current: ContextVar[RunOutput | None] = ContextVar("pytest_gluejobs_run_output", default=None)
_THREAD_ATTRIBUTE = "_pytest_gluejobs_run_output"


def _writing() -> RunOutput | None:
    """The output of the run whose code is running here, if any."""
    output = _current.get()
    if output is None:  # a thread the run's code started carries the run's output
        output = getattr(threading.current_thread(), _THREAD_ATTRIBUTE, None)
    return output if output is not None and output.open else None


class _Nowhere:
    """Where output goes when the process had no stream (``sys.stdout`` None): nowhere, as
    ``print`` does then."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


_NOWHERE: Any = _Nowhere()


class _Router:
    """``sys.stdout`` or ``sys.stderr`` while runs run: the writing run's buffer, or the stream
    that was there before."""

    def __init__(self, name: str, fallback: IO[str] | None) -> None:
        self._name = name
        self.fallback = fallback

    def _target(self) -> IO[str]:
        output = _writing()
        if output is None:
            return self.fallback if self.fallback is not None else _NOWHERE
        stream: IO[str] = getattr(output, self._name)
        return stream

    def write(self, text: str) -> int:
        return self._target().write(text)

    def flush(self) -> None:
        self._target().flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


def _carrying_output(start: Callable[[threading.Thread], None]) -> Callable[[threading.Thread], None]:
    """``threading.Thread.start`` that hands the starting run's output to the new thread (a new
    thread begins with an empty context)."""

    def start_carrying_output(thread: threading.Thread) -> None:
        output = _writing()
        if output is not None:
            setattr(thread, _THREAD_ATTRIBUTE, output)
        start(thread)

    return start_carrying_output


_lock = threading.Lock()
_running = 0  # runs whose output is routed now
_routers: tuple[_Router, _Router] | None = None
_threads_carry_output = False


def route(output: RunOutput) -> Token[RunOutput | None]:
    """From now on, what this context (and the threads it starts) writes goes to ``output``."""
    global _running, _routers, _threads_carry_output
    with _lock:
        if not _running:
            if not _threads_carry_output:
                threading.Thread.start = _carrying_output(threading.Thread.start)  # type: ignore[method-assign, assignment]
                _threads_carry_output = True
            _routers = (_Router("stdout", sys.stdout), _Router("stderr", sys.stderr))
            sys.stdout, sys.stderr = _routers
        _running += 1
    return _current.set(output)


def unroute(output: RunOutput, token: Token[RunOutput | None]) -> None:
    """The run whose output ``route`` routed has ended: the last one puts the streams back."""
    global _running, _routers
    output.open = False
    _current.reset(token)
    with _lock:
        _running -= 1
        if _running or _routers is None:
            return
        stdout, stderr = _routers
        if sys.stdout is stdout:
            sys.stdout = stdout.fallback
        if sys.stderr is stderr:
            sys.stderr = stderr.fallback
        _routers = None
