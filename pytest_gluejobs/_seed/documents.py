"""Reading a seed file: JSON, or YAML with CloudFormation's short tags, and telling which kind
of document it is from its content.

YAML needs PyYAML (the ``yaml`` extra); it is imported only when a document is not JSON, so JSON
templates, plans and seed files load without it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from .._data.errors import SeedFileError
from .._data.shapes import Definition
from .._data.text import show

SeedPath = Union[str, "os.PathLike[str]"]

GET_JOBS, GET_TRIGGERS = "get-jobs", "get-triggers"
CLOUDFORMATION, TERRAFORM = "cloudformation", "terraform"
#: What ``load(format=...)`` accepts: the document kinds the readers know.
FORMATS = (GET_JOBS, GET_TRIGGERS, CLOUDFORMATION, TERRAFORM)
_JSON_SUFFIXES = (".json",)


@dataclass(frozen=True)
class Document:
    """A seed file read: where it lies, what it holds, and which kind it is."""

    path: Path
    content: Any
    kind: str


#: Reads entry ``number`` of a seed file: what the service returned, or None with its problem added.
EntryReader = Callable[[int, Any, list[str]], "dict[str, Any] | None"]


def returned_entries(noun: str, entries: list[Any], read: EntryReader, problems: list[str]) -> Iterator[Definition]:
    """The entries of a seed file (get-jobs or get-triggers output) that ``read`` accepts, each
    name once: a name seen before is a problem, as two resources of one name would be."""
    first_entry: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        item = read(number, entry, problems)
        if item is None:
            continue
        name = item["Name"]
        if name in first_entry:
            problems.append(f"{noun} {show(name)} appears twice (entries {first_entry[name]} and {number})")
            continue
        first_entry[name] = number
        yield Definition(f"{noun} {show(name)}", item)


def read_document(path: SeedPath, kind: str | None) -> Document:
    """Read ``path`` and tell its kind (``kind`` given overrides the content's); SeedFileError for a
    file that is neither JSON nor YAML, or not of the kind asked."""
    source = Path(path)
    if kind is not None and kind not in FORMATS:
        raise ValueError(f"load({str(path)!r}): format={kind!r} is not one of {', '.join(map(repr, FORMATS))}")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SeedFileError(f"Seed file {source}: not UTF-8 text: {error}") from None
    content, syntax = _parse(source, text, kind)
    found = kind or _kind_of(content)
    if found is None:
        if syntax == "YAML":
            raise SeedFileError(
                f"CloudFormation template {source}: not a CloudFormation template: a template is a "
                f"mapping with a Resources section; got {_outline(content)}"
            )
        found = GET_JOBS  # whose reader says what a seed file must hold
    return Document(source, content, found)


def _parse(source: Path, text: str, kind: str | None) -> tuple[Any, str]:
    try:
        return json.loads(text, parse_constant=_no_constant), "JSON"
    except RecursionError:
        raise SeedFileError(f"Seed file {source}: nested too deeply to read") from None
    except ValueError as error:
        if kind in (GET_JOBS, GET_TRIGGERS, TERRAFORM) or source.suffix.lower() in _JSON_SUFFIXES:
            what = "Terraform JSON" if kind == TERRAFORM else "Seed file"
            raise SeedFileError(f"{what} {source}: not valid JSON: {error}") from None
    return _parse_yaml(source, text), "YAML"


def _no_constant(name: str) -> Any:
    # NaN and Infinity are Python's extension, not JSON: the wire could never carry them.
    raise ValueError(f"{name} is not a JSON value")


def _kind_of(content: Any) -> str | None:
    if isinstance(content, dict):
        if "Resources" in content or "AWSTemplateFormatVersion" in content:
            return CLOUDFORMATION
        if "format_version" in content and ({"planned_values", "values", "terraform_version"} & set(content)):
            return TERRAFORM
        if "Triggers" in content or set(content) == {"Trigger"}:
            return GET_TRIGGERS  # what the CLI prints about triggers
    return None


def _outline(content: Any) -> str:
    if isinstance(content, dict):
        keys = list(content)
        return "a mapping with keys " + ", ".join(map(repr, keys[:10])) + (" …" if len(keys) > 10 else "")
    return f"a {type(content).__name__}"


def _parse_yaml(source: Path, text: str) -> Any:
    try:
        from .yaml_templates import YamlError, load_yaml
    except ImportError:
        raise ImportError(
            f"reading the YAML template {source} needs PyYAML: pip install 'pytest-gluejobs[yaml]' "
            "(JSON templates need nothing more)"
        ) from None
    try:
        return load_yaml(text)
    except YamlError as error:
        raise SeedFileError(f"CloudFormation template {source}: neither JSON nor YAML: {error}") from None
    except RecursionError:
        raise SeedFileError(f"CloudFormation template {source}: nested too deeply to read") from None
