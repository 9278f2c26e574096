"""What the orchestrator recipes share: a fresh machine, a frozen clock the libraries' poll sleeps
move, and bounds on polling loops that would otherwise never end.

Each library polls GetJobRun in a loop with ``time.sleep`` between reads. The ``poll_sleeps``
fixture replaces the ``time`` of the library's module with one whose ``sleep`` records the nap and
moves the frozen clock by it instead of waiting, so a 60-second poll interval costs nothing and a
run's Timeout is reached as it would be on AWS. A library that polls a finished run forever is
stopped by the fake's own guard (``EndlessPollingError`` after ``glue_jobs.max_final_reads`` reads);
a loop that sleeps more than ``NAP_LIMIT`` times without being stopped raises ``StillPolling``, and
one that never sleeps is caught by an alarm after ``ALARM_SECONDS``: no test hangs.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType, ModuleType, SimpleNamespace

import pytest
from poll_support import ALARM_SECONDS, NAP_LIMIT, START, StillPolling
from time_machine import TimeMachineFixture


@pytest.fixture(autouse=True)
def _no_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Run as on a fresh machine: no AWS variables, config files, credentials or metadata service."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    empty = tmp_path_factory.getbasetemp() / "empty-aws-config"
    empty.touch()
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # botocore 1.44 made "standard" (3 attempts) the default retry mode, earlier releases "legacy"
    # (5 attempts): the throttling recipes count attempts, so they name the mode.
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")


@pytest.fixture(autouse=True)
def _alarm() -> Iterator[None]:
    """Fail a test still running after ALARM_SECONDS: a loop that polls without sleeping."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        pytest.fail(f"still running after {ALARM_SECONDS} s: a polling loop that never ends?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, ALARM_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def clock(time_machine: TimeMachineFixture) -> TimeMachineFixture:
    """time-machine's fixture, frozen at START: nothing moves it but the library's sleeps."""
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def poll_sleeps(
    monkeypatch: pytest.MonkeyPatch, clock: TimeMachineFixture
) -> Callable[[ModuleType], list[float]]:
    """``poll_sleeps(module)``: the module's ``time.sleep`` moves the clock; returns the naps taken."""

    def replace(module: ModuleType) -> list[float]:
        naps: list[float] = []

        def sleep(seconds: float) -> None:
            naps.append(seconds)
            if len(naps) > NAP_LIMIT:
                raise StillPolling(f"{module.__name__} still polling after {NAP_LIMIT} sleeps")
            clock.shift(seconds)

        monkeypatch.setattr(module, "time", SimpleNamespace(sleep=sleep))
        return naps

    return replace
