"""The fake's one clock: the wall clock read through the ``time`` module at call time.

Reading ``time.time()`` on every call (never caching a reference to it) is what lets freezegun and
time-machine drive CreatedOn, run start and completion times, and run timeouts.
"""

from __future__ import annotations

import time


def now() -> float:
    """Epoch seconds, to the millisecond as AWS reports timestamps."""
    return round(time.time(), 3)
