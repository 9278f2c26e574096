"""Random ids (request ids, run ids), made a batch at a time and handed out one by one.

Every response carries a new request id and every run a new run id. Made one at a time, each
costs a call's worth of cold work in the middle of botocore's; made 64 at a time in one warm
loop, they cost a fraction of that, and a call only takes one off the list. The ids are as
random as before: each comes from the fake's own generator, seeded by the OS, so a test that
seeds ``random`` cannot make them repeat.
"""

from __future__ import annotations

import random
from collections.abc import Callable

#: Random bits from a generator of the fake's own (no system call per id).
random_bits = random.Random().getrandbits

BATCH = 64


class Ids:
    """Ids made by ``make``, ``BATCH`` at a time; calling it gives the next one."""

    __slots__ = ("_make", "_ready")

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make
        self._ready: list[str] = []

    def __call__(self) -> str:
        while True:  # another thread may take the last ones between a refill and this pop
            try:
                return self._ready.pop()
            except IndexError:
                self._ready.extend([self._make() for _ in range(BATCH)])
