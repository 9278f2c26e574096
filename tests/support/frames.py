"""What the DynamicFrame tests share: the DropFields page's people, and records as plain dicts."""

from __future__ import annotations

from typing import Any

PEOPLE_SCHEMA = (
    "name string, age int, location struct<state: string, county: string>, "
    "friends array<struct<name: string, age: int>>"
)
PEOPLE = [
    ("Sally", 23, ("WY", "Fremont"), []),
    ("Varun", 34, ("NE", "Douglas"), [("Arjun", 3)]),
    ("George", 52, ("NY", None), [("Fred", None), ("Amy", 15)]),
    ("Haruki", 21, ("AK", "Denali"), None),
    ("Sheila", 63, None, [("Nancy", 22)]),
]
"""The dataset of AWS's DropFields page, with the types its schema shows."""


def records(frame: Any) -> list[dict[str, Any]]:
    """A frame's records as plain dicts, nested rows included, in order."""
    return [row.asDict(recursive=True) for row in frame.toDF().collect()]
