"""Where jobs live: one store per region, jobs in wire form, names kept sorted for paging.

Jobs are kept exactly as the wire carries them (JSON-ready, timestamps as epoch seconds), so a
response is JSON text and nothing a caller mutates can reach the store. A stored job is read-only
and keeps its JSON text once made: reading jobs costs no encoding after the first read.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from ._errors import invalid_input

if TYPE_CHECKING:
    from ._runs import JobRuns

Job = dict[str, Any]
_TOKEN_PREFIX = "gluejobs:v1:"
# Compact, as AWS sends it.
_to_json = json.JSONEncoder(separators=(",", ":")).encode


class StoredJob(dict[str, Any]):
    """A job as the store holds it: never changed in place (an update stores a new one)."""

    __slots__ = ("_json",)

    def __init__(self, job: Job) -> None:
        super().__init__(job)
        self._json: str | None = None

    def json(self) -> str:
        """The job's JSON text, made on first use: the job cannot change afterwards."""
        if self._json is None:
            self._json = _to_json(self)
        return self._json

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a stored job is read-only: store a new job with RegionStore.put")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type[StoredJob], tuple[Job]]:
        # copy and pickle rebuild it from a plain dict, never through the refused __setitem__.
        return (StoredJob, (dict(self),))


def wire_json(response: dict[str, Any]) -> str:
    """A response's JSON text; stored jobs in it, alone or in a list, reuse their own text.

    The top-level keys are the model's member names (plain ASCII), so they need no escaping.
    """
    members = []
    for key, value in response.items():
        if isinstance(value, StoredJob):
            text = value.json()
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            items = [item.json() if isinstance(item, StoredJob) else _to_json(item) for item in value]
            text = "[" + ",".join(items) + "]"
        else:
            text = _to_json(value)
        members.append(f'"{key}":{text}')
    return "{" + ",".join(members) + "}"


class RegionStore:
    """The jobs, tags and job runs of one region; callers hold the fake's lock."""

    def __init__(self, region: str) -> None:
        self.region = region
        self.jobs: dict[str, Job] = {}  # each a StoredJob
        self.tags: dict[str, dict[str, str]] = {}
        self.runs: dict[str, JobRuns] = {}
        self._names: list[str] = []

    def __len__(self) -> int:
        return len(self.jobs)

    def put(self, name: str, job: Job) -> None:
        if name not in self.jobs:
            bisect.insort(self._names, name)
        self.jobs[name] = StoredJob(job)

    def remove(self, name: str) -> None:
        if self.jobs.pop(name, None) is not None:
            del self._names[bisect.bisect_left(self._names, name)]
        self.tags.pop(name, None)
        self.runs.pop(name, None)

    def page(
        self, after: str | None, limit: int, keep: Callable[[str], bool] | None = None
    ) -> tuple[list[str], str | None]:
        """Up to ``limit`` kept names after the cursor, and the cursor of the next page if any."""
        start = 0 if after is None else bisect.bisect_right(self._names, after)
        if keep is None:
            chosen = self._names[start : start + limit]
            more = start + limit < len(self._names)
            return chosen, (chosen[-1] if more else None)
        chosen = []
        for index in range(start, len(self._names)):
            name = self._names[index]
            if keep(name):
                if len(chosen) == limit:
                    return chosen, chosen[-1]
                chosen.append(name)
        return chosen, None


def encode_token(after: str) -> str:
    return base64.urlsafe_b64encode((_TOKEN_PREFIX + after).encode()).decode()


def decode_token(operation: str, token: str) -> str:
    """The cursor inside a NextToken this fake issued; anything else is InvalidInputException."""
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    if not text.startswith(_TOKEN_PREFIX):
        raise invalid_input(
            f"Invalid NextToken {token[:40]!r} for {operation}: pass the NextToken of a previous "
            f"{operation} response unchanged"
        )
    return text[len(_TOKEN_PREFIX) :]
