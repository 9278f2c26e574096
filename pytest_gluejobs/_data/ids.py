"""Random ids (request ids, run ids), made a batch at a time and handed out one by one.

Every response carries a new request id and every run a new run id. A batch of them is made from
one draw of random bits, turned to hex at once, in one warm loop; a call only takes one off the
list. The ids are as random as before: the bits come from the fake's own generator, seeded by the
OS, so a test that seeds ``random`` cannot make them repeat.
"""

from __future__ import annotations

import random
from collections.abc import Callable

#: Random bits from a generator of the fake's own (no system call per id).
random_bits = random.Random().getrandbits

#: Ids made at a time.
BATCH = 64


class Ids:
    """Ids made by ``make_batch`` (a list of them each time); calling it gives the next one."""

    __slots__ = ("_make_batch", "_ready")

    def __init__(self, make_batch: Callable[[], list[str]]) -> None:
        self._make_batch = make_batch
        self._ready: list[str] = []

    def __call__(self) -> str:
        while True:  # another thread may take the last ones between a refill and this pop
            try:
                return self._ready.pop()
            except IndexError:
                self._ready.extend(self._make_batch())
