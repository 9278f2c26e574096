"""The one entry of seeding from a file: read it, tell its kind, hand it to its reader.

Each reader turns its format into a ``Seed`` (requests, jobs and triggers as returned, problems);
the service judges the whole ``Seed`` at once and stores all of it or nothing.
"""

from __future__ import annotations

from typing import Any

from .._data.shapes import Seed
from .._service.rules import DEFAULTS
from . import cloudformation, get_jobs, get_triggers, terraform
from .documents import CLOUDFORMATION, GET_JOBS, GET_TRIGGERS, TERRAFORM, SeedPath, read_document


def read_seed(
    path: SeedPath,
    *,
    kind: str | None,
    parameters: dict[str, Any] | None,
    account_id: str,
    region: str,
    defaults: str,
) -> Seed:
    """What the file at ``path`` defines, read by the reader of its kind (found from its content
    unless ``kind`` is given) with the worker types of ``defaults``; SeedFileError for a file no
    reader can read at all."""
    if parameters is not None and not isinstance(parameters, dict):
        raise TypeError(f"load({str(path)!r}): parameters must be a dict of parameter values, got {parameters!r}")
    extra_enums = DEFAULTS[defaults].extra_enums
    document = read_document(path, kind)
    if parameters is not None and document.kind != CLOUDFORMATION:
        raise ValueError(
            f"load({str(path)!r}, parameters=...): parameters are a CloudFormation template's; this "
            f"file is {'Terraform JSON, which carries its variables' if document.kind == TERRAFORM else 'a seed file'}"
        )
    if document.kind == GET_JOBS:
        return get_jobs.read(f"Seed file {document.path}", document.content, extra_enums)
    if document.kind == GET_TRIGGERS:
        return get_triggers.read(f"Seed file {document.path}", document.content)
    if document.kind == CLOUDFORMATION:
        return cloudformation.read(
            document, account_id=account_id, region=region, parameters=dict(parameters or {})
        )
    return terraform.read(document)
