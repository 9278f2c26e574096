"""Job bookmarks of S3 sources: which files a run reads, given what committed runs read.

As Glue's guide to job bookmarks describes: state is kept per ``transformation_ctx`` (a source
without one is not bookmarked); a file counts as read by its path and modification time, so a file
changed since is read again; ``job-bookmark-enable`` reads only what no committed run read and
``job.commit()`` records what this run read; ``job-bookmark-pause`` reads from the bookmark (or
between the states two runs left, ``--job-bookmark-from``/``--job-bookmark-to``) and records
nothing; ``job-bookmark-disable`` reads everything.

The state is the JobBookmark of GetJobBookmark: JSON keyed by ``transformation_ctx``. Glue does
not document its inside; each context's value keeps Glue's observed shape
(``jsonClass``, ``timestamps``), the files read being fingerprints of path and time in
``INCLUDE_LIST``.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

ENABLE, PAUSE, DISABLE = "job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable"
OPTIONS = (ENABLE, PAUSE, DISABLE)
_CLASS = "HadoopDataSourceJobBookmarkState"


class File(Protocol):
    @property
    def uri(self) -> str: ...

    @property
    def modified(self) -> float: ...


F = TypeVar("F", bound=File)


def fingerprint(uri: str, modified: float) -> str:
    """A file as bookmarks know it: its S3 name and its modification time (milliseconds)."""
    return hashlib.md5(f"{uri}@{round(modified * 1000)}".encode()).hexdigest()


def parse(state: str | None) -> dict[str, set[str]]:
    """The files each context's state holds, from JobBookmark JSON; anything else holds none."""
    try:
        elements = json.loads(state or "{}")
    except ValueError:
        return {}
    read: dict[str, set[str]] = {}
    if isinstance(elements, dict):
        for context, element in elements.items():
            listed = ((element or {}).get("timestamps") or {}).get("INCLUDE_LIST", "") if isinstance(element, dict) else ""
            read[context] = {item for item in str(listed).split(",") if item}
    return read


class Bookmarks:
    """One run's bookmarks, from ``job.init`` to ``job.commit``."""

    def __init__(
        self, option: str, previous: str | None, since: str | None = None, until: str | None = None
    ) -> None:
        self.option = option
        self.previous = parse(previous)
        # --job-bookmark-from/--job-bookmark-to (pause only): between what two runs left.
        self.range = (parse(since), parse(until)) if option == PAUSE and since is not None and until is not None else None
        self.read: dict[str, set[str]] = {}
        self.started = time.time()

    def select(self, context: str, files: Sequence[F]) -> list[F]:
        """The files a source with this ``transformation_ctx`` reads this run."""
        if self.option == DISABLE or not context:
            return list(files)
        chosen = []
        for file in files:
            mark = fingerprint(file.uri, file.modified)
            if self.range is not None:
                since, until = self.range
                wanted = mark not in since.get(context, set()) and mark in until.get(context, set())
            else:
                wanted = mark not in self.previous.get(context, set())
            if wanted:
                chosen.append(file)
                self.read.setdefault(context, set()).add(mark)
        return chosen

    def state(self) -> str:
        """The JobBookmark JSON a commit records: every context's files, earlier runs' and this one's."""
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(self.started)) + f".{int(self.started * 1000) % 1000:03d}Z"
        elements: dict[str, Any] = {}
        for context in sorted(set(self.previous) | set(self.read)):
            files = self.previous.get(context, set()) | self.read.get(context, set())
            elements[context] = {
                "jsonClass": _CLASS,
                "timestamps": {"CURR_RUN_START_TIME": stamp, "INCLUDE_LIST": ",".join(sorted(files))},
            }
        return json.dumps(elements, separators=(",", ":"))

    @property
    def records(self) -> bool:
        """Whether ``job.commit()`` records this run's state (only with bookmarks enabled)."""
        return self.option == ENABLE
