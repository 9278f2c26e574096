"""How values appear in messages: short enough for one line, with their size when cut."""

from __future__ import annotations

import reprlib

_MAX_SHOWN = 60


def show(value: object) -> str:
    """A value as an error message names it: short, and with its size when it had to be cut."""
    if isinstance(value, str):
        if len(value) > _MAX_SHOWN:
            return f"'{value[:40]}…' ({len(value)} characters)"
        return repr(value)
    if isinstance(value, (list, dict)) and len(value) > 5:
        return f"<{type(value).__name__} of {len(value)} items>"
    return repr(value)


def _make_brief() -> reprlib.Repr:
    # One line per value: long scripts, argument maps and CodeGen graphs are cut, not wrapped.
    brief = reprlib.Repr()
    brief.maxstring = brief.maxother = _MAX_SHOWN
    brief.maxdict = brief.maxlist = 6
    brief.maxlevel = 3
    return brief


#: ``brief(value)``: a Python repr cut to one line, for listings of calls and requests.
brief = _make_brief().repr
