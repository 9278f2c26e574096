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
from ._service.model import Problems, parse_output, shape_check

SeedPath = Union[str, "os.PathLike[str]"]

_TIMESTAMPS = ("CreatedOn", "LastModifiedOn")
# Keys the CLI prints beside the jobs; they carry no job.
_BESIDE_JOBS = ("NextToken", "JobsNotFound")
_FRACTION = re.compile(r"\.(\d+)")
# Timestamps a client can turn into a datetime in any local time zone: from the epoch to the last
# day of year 9999 (a day short of it, so no zone's offset pushes it past).
_EARLIEST = 0.0
_LATEST = datetime(9999, 12, 31, tzinfo=timezone.utc).timestamp() - 86400


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
    try:
        # What every later read does: a job that cannot be read back must never be stored.
        parse_output("BatchGetJobs", json.dumps({"Jobs": [job]}).encode())
    except Exception as error:
        raise SeedFileError(
            f"Seed file {source}: {about}: a client could not read it back "
            f"({type(error).__name__}: {error})"
        ) from None
    return job


def epoch_seconds(value: Any) -> float:
    """A timestamp as the CLI prints it (ISO-8601, or epoch seconds) as wire epoch seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not _finite(value):
            raise ValueError(f"{show(value)} is not a finite number of seconds")
        return _in_range(float(value), show(value), numeric=True)
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
    return _in_range(moment.timestamp(), show(value), numeric=False)


def _finite(number: float) -> bool:
    try:
        return math.isfinite(number)
    except OverflowError:  # an integer beyond the largest double
        return False


def _in_range(seconds: float, shown: str, *, numeric: bool) -> float:
    if _EARLIEST <= seconds <= _LATEST:
        return seconds
    hint = ""
    if numeric and seconds > _LATEST and _EARLIEST <= seconds / 1000 <= _LATEST:
        hint = " (epoch milliseconds? the CLI prints epoch seconds or ISO-8601)"
    raise ValueError(
        f"{shown} is out of range: a timestamp must lie between 1970-01-01 and 9999-12-30{hint}"
    )
