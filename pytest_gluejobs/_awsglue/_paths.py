"""Glue's field paths: ``address.state`` is nested, ```this.old.name``` one name holding dots.

A path names a field in a DynamicFrame: dots separate struct levels, backticks quote a name that
itself contains dots (a doubled backtick inside them is one backtick), and ``list[]`` steps into an
array's elements where a transform needs it said (ResolveChoice's ``myList[].price``). AWS: the
ApplyMapping, RenameField and DropFields class pages. No PySpark here.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterable, Sequence

ELEMENTS = "[]"
"""The step ``name[]`` adds after ``name``: into the array's elements."""


class MissingFieldWarning(UserWarning):
    """A transform named a field the frame does not have; Glue skips it silently, so does this.

    AWS Glue computes a DynamicFrame's schema from its records, so a field absent from every
    record is simply not there and transforms pass over it. The warning shows the path and the
    fields that exist, so a misspelt path is seen in the test run (``-W error`` makes it fail).
    """


def split(path: str, what: str) -> tuple[str, ...]:
    """The names along ``path`` (``ELEMENTS`` after an array name written ``name[]``).

    ``what`` names the argument in errors: ``ApplyMapping source path``.
    """
    if not isinstance(path, str):
        raise TypeError(f"{what} must be a string, got {type(path).__name__}: {path!r}")
    names: list[str] = []
    index, end = 0, len(path)
    while True:
        if path.startswith("`", index):
            name, index = _quoted(path, index + 1, what)
            elements = path.startswith(ELEMENTS, index)
            index += len(ELEMENTS) if elements else 0
        else:
            stop = index
            while stop < end and path[stop] not in ".`":
                stop += 1
            if stop < end and path[stop] == "`":
                raise ValueError(f"{what} {path!r}: a backtick may only start a name")
            name, index = path[index:stop], stop
            elements = name.endswith(ELEMENTS)
            name = name[: -len(ELEMENTS)] if elements else name
            if not name:
                raise ValueError(
                    f"{what} {path!r} has an empty name; quote a name holding dots with backticks"
                )
        names.append(name)
        if elements:
            names.append(ELEMENTS)
        if index == end:
            return tuple(names)
        if path[index] != ".":
            raise ValueError(f"{what} {path!r}: a quoted name must be followed by a dot or the end")
        index += 1
        if index == end:
            raise ValueError(f"{what} {path!r} ends with a dot")


def _quoted(path: str, index: int, what: str) -> tuple[str, int]:
    """The backticked name starting at ``index`` (after the backtick) and where it ends."""
    name: list[str] = []
    while index < len(path):
        if path[index] == "`":
            if not path.startswith("``", index):
                return "".join(name), index + 1
            index += 1
        name.append(path[index])
        index += 1
    raise ValueError(f"{what} {path!r}: a backtick is not closed")


def quote(name: str) -> str:
    """``name`` as one step of a path: backticked when it holds a dot or a backtick."""
    if "." in name or "`" in name:
        return "`" + name.replace("`", "``") + "`"
    return name


def join(names: Iterable[str]) -> str:
    """The path written for ``names``."""
    written: list[str] = []
    for name in names:
        if name == ELEMENTS and written:
            written[-1] += ELEMENTS
        else:
            written.append(quote(name))
    return ".".join(written)


def names_list(paths: str | Sequence[str], what: str) -> list[str]:
    """A transform's ``paths``: one string, or a list or tuple of them, as Glue accepts."""
    if isinstance(paths, str):
        return [paths]
    if not isinstance(paths, (list, tuple)):
        raise TypeError(
            f"{what} must be a string or a list of strings, got {type(paths).__name__}: {paths!r}"
        )
    for path in paths:
        if not isinstance(path, str):
            raise TypeError(f"{what} must hold strings, got {type(path).__name__}: {path!r}")
    return list(paths)


def warn_missing(transform: str, path: str, present: Iterable[str]) -> None:
    """Say that ``path`` names no field; ``present`` are the paths the frame has."""
    shown = ", ".join(sorted(present)) or "none"
    warnings.warn(
        MissingFieldWarning(
            f"{transform}: the frame has no field {path!r}, so it is skipped as AWS Glue skips it "
            f"(fields: {shown})"
        ),
        stacklevel=_outside_the_stand_in(),
    )


def _outside_the_stand_in() -> int:
    """The stack level of the first caller outside this package: the user's script line."""
    package = os.path.dirname(os.path.abspath(__file__))
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and os.path.abspath(frame.f_code.co_filename).startswith(
        package + os.sep
    ):
        frame = frame.f_back
        level += 1
    return level
