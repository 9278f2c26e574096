"""Seed files: jobs as ``aws glue get-jobs`` / ``batch-get-jobs`` / ``get-job`` printed them.

A seed file holds what the service *returned*, so derived and output-only members (MaxCapacity
beside WorkerType, AllocatedCapacity, ProfileName, CreatedOn) are kept as written rather than run
through CreateJob's input rules. Each job is still checked against the model's ``Job`` output
shape, so nothing the service could not have returned reaches the store.
"""

from __future__ import annotations

import json
import math
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Union

from ._data.clock import now as clock_now
from ._data.errors import SeedFileError
from ._data.shapes import Job
from ._data.text import show
from ._service.model import Problems, shape_check

SeedPath = Union[str, "os.PathLike[str]"]

_TIMESTAMPS = ("CreatedOn", "LastModifiedOn")
# Keys the CLI prints beside the jobs; they carry no job.
_BESIDE_JOBS = ("NextToken", "JobsNotFound")
_FRACTION = re.compile(r"\.(\d+)")


def read_jobs(path: SeedPath) -> list[Job]:
    """Every job of a seed file in wire form (timestamps as epoch seconds), checked."""
    source = Path(path)
    try:
        document = json.loads(source.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise SeedFileError(f"Seed file {source}: not UTF-8 text: {error}") from None
    except ValueError as error:
        raise SeedFileError(f"Seed file {source}: not valid JSON: {error}") from None
    jobs: list[Job] = []
    first_entry: dict[str, int] = {}
    for number, entry in enumerate(_entries(source, document), 1):
        job = _wire_job(source, number, entry)
        name = job["Name"]
        if name in first_entry:
            raise SeedFileError(
                f"Seed file {source}: job {show(name)} appears twice "
                f"(entries {first_entry[name]} and {number})"
            )
        first_entry[name] = number
        jobs.append(job)
    return jobs


def _no_constant(name: str) -> Any:
    # NaN and Infinity are Python's extension, not JSON: the wire could never carry them.
    raise ValueError(f"{name} is not a JSON value")


def _entries(source: Path, document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if "Jobs" in document and isinstance(document["Jobs"], list):
            extra = set(document) - {"Jobs", *_BESIDE_JOBS}
            if not extra:
                return list(document["Jobs"])
        elif set(document) == {"Job"} and isinstance(document["Job"], dict):
            return [document["Job"]]
    raise SeedFileError(
        f"Seed file {source}: expected what `aws glue get-jobs` or `batch-get-jobs` prints "
        '({"Jobs": [...]}), what `get-job` prints ({"Job": {...}}) or a list of jobs; '
        f"got {_outline(document)}"
    )


def _outline(document: Any) -> str:
    if isinstance(document, dict):
        return "an object with keys " + ", ".join(map(repr, document))
    return f"a JSON {type(document).__name__} {show(document)}"


def _wire_job(source: Path, number: int, entry: Any) -> Job:
    if not isinstance(entry, dict):
        raise SeedFileError(f"Seed file {source}: entry {number} is {_outline(entry)}, not a job")
    name = entry.get("Name")
    about = f"job {show(name)}" if isinstance(name, str) and name else f"entry {number}"
    if not isinstance(name, str) or not name:
        raise SeedFileError(f"Seed file {source}: {about} has no Name")
    job = dict(entry)
    for member in _TIMESTAMPS:
        if member in job:
            try:
                job[member] = epoch_seconds(job[member])
            except (TypeError, ValueError) as error:
                raise SeedFileError(f"Seed file {source}: {about}: {member} {error}") from None
    # Hand-written seeds often leave the timestamps out; the service always shows both.
    now = clock_now()
    job.setdefault("CreatedOn", job.get("LastModifiedOn", now))
    job.setdefault("LastModifiedOn", job["CreatedOn"])
    problems: Problems = []
    shape_check("Job")(job, "", problems)
    for member in ("Role", "Command"):
        if member not in job:
            problems.append(f"Member '{member}' is missing: every job the service returns has it")
    command = job.get("Command")
    if isinstance(command, dict) and not command.get("Name"):
        problems.append("Member 'Command.Name' is missing or empty: every job the service returns has it")
    if problems:
        raise SeedFileError(f"Seed file {source}: {about}: " + "; ".join(problems))
    return job


def epoch_seconds(value: Any) -> float:
    """A timestamp as the CLI prints it (ISO-8601, or epoch seconds) as wire epoch seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number of seconds")
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"{show(value)} is neither an ISO-8601 timestamp nor epoch seconds")
    text = value.strip()
    try:
        return epoch_seconds(float(text))
    except ValueError:
        pass
    # datetime.fromisoformat before Python 3.11 knows neither "Z" nor fractions other than 3 or 6
    # digits, both of which ISO-8601 allows.
    normalised = re.sub(r"[zZ]$", "+00:00", text)
    normalised = _FRACTION.sub(lambda match: "." + match.group(1)[:6].ljust(6, "0"), normalised, 1)
    try:
        moment = datetime.fromisoformat(normalised)
    except ValueError:
        raise ValueError(f"{show(value)} is neither an ISO-8601 timestamp nor epoch seconds") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()
