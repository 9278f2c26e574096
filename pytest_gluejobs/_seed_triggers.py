"""Seed files of triggers: what ``aws glue get-triggers`` / ``batch-get-triggers`` / ``get-trigger``
printed.

The triggers go to the service's one seeding entry (``GlueJobsService.seed_triggers``), which
checks them against the model's Trigger shape and stores them as written, all or none. A file of
jobs is not this reader's: it answers None and the jobs' reader takes it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ._data.errors import SeedFileError

# Keys the CLI prints beside the triggers; they carry none.
_BESIDE = ("NextToken", "TriggersNotFound")


def read_triggers(path: str | os.PathLike[str]) -> list[dict[str, Any]] | None:
    """The triggers a seed file holds, or None when it holds no triggers (a file of jobs)."""
    source = Path(path)
    try:
        document = json.loads(source.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # the jobs' reader reports what is wrong with the file
    if not isinstance(document, dict):
        return None
    if "Trigger" in document and set(document) == {"Trigger"}:
        entries: Any = [document["Trigger"]]
    elif "Triggers" in document:
        extra = set(document) - {"Triggers", *_BESIDE}
        if extra or not isinstance(document["Triggers"], list):
            raise SeedFileError(
                f"Seed file {source}: expected what `aws glue get-triggers` or `batch-get-triggers` "
                f'prints ({{"Triggers": [...]}}); got also {", ".join(map(repr, sorted(extra))) or "Triggers that is not a list"}'
            )
        entries = document["Triggers"]
    else:
        return None
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise SeedFileError(f"Seed file {source}: entry {number} of Triggers is not an object, so not a trigger")
    return list(entries)


def _no_constant(name: str) -> Any:
    # NaN and Infinity are Python's extension, not JSON: the wire could never carry them.
    raise ValueError(f"{name} is not a JSON value")
