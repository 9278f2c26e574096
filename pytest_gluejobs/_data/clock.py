"""The fake's one clock: the wall clock read through the ``time`` module at call time.

Reading ``time.time()`` on every call (never caching a reference to it) is what lets freezegun and
time-machine drive CreatedOn, run start and completion times, and run timeouts.
"""

from __future__ import annotations

import time

# Below 2**46 ms (the year 4200) a float's error in ``seconds * 1000`` is under 0.008 ms, so a
# product within 0.49 ms of a whole millisecond rounds to it as the exact product does.
_EXACT_MS = 2.0**46


def now() -> float:
    """Epoch seconds, to the millisecond as AWS reports timestamps: ``round(time.time(), 3)``, at
    half its cost in the common case. The whole milliseconds nearest ``seconds * 1000``, divided by
    1000 (a correctly rounded quotient), are that same float unless the product is too near a half,
    or too large, to say which way the exact value rounds: then ``round`` decides (and for a
    negative time, which may round to -0.0, or a clock stubbed to give an int, which stays one)."""
    seconds = time.time()
    milliseconds = seconds * 1000.0
    if 0.0 < milliseconds < _EXACT_MS and type(seconds) is float:
        whole = round(milliseconds)
        if -0.49 < milliseconds - whole < 0.49:
            return whole / 1000
    return round(seconds, 3)
