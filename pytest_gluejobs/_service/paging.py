"""Paging: page sizes, cursors, and the one NextToken codec every paged operation uses.

A token is a cursor, so paging survives deletes and inserts between pages. It also carries what
it pages — the operation, and for GetJobRuns the job — so a token from another operation or
another job is refused like a corrupt one, never read as a cursor it is not.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import Callable
from json.encoder import encode_basestring_ascii as _json_string
from typing import TypeVar

from .._data.errors import GlueError, invalid_input
from .._data.shapes import Params, Response
from .._data.text import show

DEFAULT_PAGE_SIZE = 100
_TOKEN_PREFIX = "gluejobs:v2:"

Cursor = TypeVar("Cursor", str, int)


def page_request(
    operation: str, params: Params, cursor_type: type[Cursor], job: str = ""
) -> tuple[Cursor | None, int]:
    """The cursor a request's NextToken holds (None on the first page), and its page size.

    ``job`` is the job whose items the operation pages (GetJobRuns), "" for the region's jobs.
    """
    token = params.get("NextToken")
    after = _decode(operation, job, token, cursor_type) if token else None
    return after, params.get("MaxResults", DEFAULT_PAGE_SIZE)


def paged(response: Response, operation: str, next_cursor: str | int | None, job: str = "") -> Response:
    """``response`` with the NextToken of the next page, when there is one."""
    if next_cursor is not None:
        text = _TOKEN_PREFIX + _token_json(operation, job, next_cursor)
        response["NextToken"] = base64.urlsafe_b64encode(text.encode()).decode()
    return response


def _token_json(operation: str, job: str, cursor: str | int) -> str:
    """``json.dumps([operation, job, cursor])``, written directly: ``json.dumps`` makes a new
    encoder on every call, which costs a paged call more than the rest of its token."""
    shown = _json_string(cursor) if isinstance(cursor, str) else int.__repr__(cursor)
    return f"[{_json_string(operation)}, {_json_string(job)}, {shown}]"


def names_page(
    names: list[str], after: str | None, limit: int, keep: Callable[[str], bool] | None = None
) -> tuple[list[str], str | None]:
    """Up to ``limit`` kept names of sorted ``names`` after the cursor, and the next cursor."""
    start = 0 if after is None else bisect.bisect_right(names, after)
    if keep is None:
        chosen = names[start : start + limit]
        more = start + limit < len(names)
        return chosen, (chosen[-1] if more else None)
    chosen = []
    for index in range(start, len(names)):
        name = names[index]
        if keep(name):
            if len(chosen) == limit:
                return chosen, chosen[-1]
            chosen.append(name)
    return chosen, None


def _decode(operation: str, job: str, token: str, cursor_type: type[Cursor]) -> Cursor:
    """The cursor inside a NextToken this fake issued for this operation (and job)."""
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
        issued_for, issued_job, cursor = json.loads(text[len(_TOKEN_PREFIX) :])
        valid = text.startswith(_TOKEN_PREFIX)
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        valid = False
    if not valid:
        raise _invalid(operation, token)
    if issued_for != operation:
        raise _invalid(operation, token, f"it is a NextToken of {show(issued_for)}")
    if issued_job != job:
        raise _invalid(operation, token, f"it pages the runs of job {show(issued_job)}, not {show(job)}")
    if type(cursor) is not cursor_type:
        raise _invalid(operation, token)
    result: Cursor = cursor
    return result


def _invalid(operation: str, token: str, why: str = "") -> GlueError:
    return invalid_input(
        f"Invalid NextToken {token[:40]!r} for {operation}: {why + '; ' if why else ''}pass the "
        f"NextToken of a previous {operation} response unchanged"
    )
