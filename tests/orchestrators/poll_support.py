"""Bounds on the libraries' polling loops, imported by the recipes and their conftest.py."""

from __future__ import annotations

import datetime as dt

# Where the recipes' frozen clock starts.
START = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
# A recipe's loop polls a few times; more sleeps than this means it would never stop.
NAP_LIMIT = 50
# A loop that never sleeps is caught by an alarm instead.
ALARM_SECONDS = 60


class StillPolling(Exception):
    """The library under test kept polling after NAP_LIMIT sleeps: a backstop for loops the
    fake's guard cannot see (it stops loops that read a finished run, with EndlessPollingError)."""
