"""Seed files of triggers: what ``aws glue get-triggers`` / ``batch-get-triggers`` / ``get-trigger``
printed.

Like a file of jobs, it holds what the service *returned*: each trigger is kept as written (its
State included, CREATED when absent) after a check against the model's ``Trigger`` output shape;
the service then judges its rules and schedule, and stores all of the file or nothing.
"""

from __future__ import annotations

from typing import Any

from .._data.errors import SeedFileError
from .._data.shapes import Seed
from .._data.text import show
from .._service.model import Problems, shape_check
from .documents import returned_entries

# Keys the CLI prints beside the triggers; they carry none.
_BESIDE_TRIGGERS = ("NextToken", "TriggersNotFound")
# Members a trigger as returned may carry that are not part of its definition: its tags (which
# the CLI never prints beside it, but a hand-written seed may give) and the Id older APIs printed.
_NOT_DEFINITION = ("Tags", "Id")


def read(source: str, document: Any) -> Seed:
    """Every trigger of a seed file as returned, with every problem of its entries; a document
    that is no list of triggers raises SeedFileError at once."""
    seed = Seed(source)
    seed.returned_triggers += returned_entries("trigger", _entries(source, document), _returned_trigger, seed.problems)
    return seed


def _entries(source: str, document: Any) -> list[Any]:
    if isinstance(document, dict):
        if set(document) == {"Trigger"} and isinstance(document["Trigger"], dict):
            return [document["Trigger"]]
        extra = set(document) - {"Triggers", *_BESIDE_TRIGGERS}
        if not extra and isinstance(document.get("Triggers"), list):
            return list(document["Triggers"])
        got = f"also {', '.join(map(repr, sorted(extra)))}" if extra else "Triggers that is not a list"
    else:
        got = f"a JSON {type(document).__name__}"
    raise SeedFileError(
        f"{source}: expected what `aws glue get-triggers` or `batch-get-triggers` prints "
        f'({{"Triggers": [...]}}) or what `get-trigger` prints ({{"Trigger": {{...}}}}); got {got}'
    )


def _returned_trigger(number: int, entry: Any, problems: Problems) -> dict[str, Any] | None:
    if not isinstance(entry, dict):
        problems.append(f"entry {number} of Triggers is a JSON {type(entry).__name__}, not a trigger")
        return None
    name = entry.get("Name")
    if not isinstance(name, str) or not name:
        problems.append(f"entry {number} has no Name")
        return None
    about = f"trigger {show(name)}"
    trigger = {key: value for key, value in entry.items() if key not in _NOT_DEFINITION}
    trigger.setdefault("State", "CREATED")
    found: Problems = []
    shape_check("Trigger")(trigger, "", found)
    if "Tags" in entry:
        shape_check("TagsMap")(entry["Tags"], "Tags", found)
    for member in ("Type", "Actions"):
        if member not in trigger:
            found.append(f"Member '{member}' is missing: every trigger the service returns has it")
    if found:
        problems.append(f"{about}: " + "; ".join(found))
        return None
    if entry.get("Tags"):
        trigger["Tags"] = entry["Tags"]
    return trigger
