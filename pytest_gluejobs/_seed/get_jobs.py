"""Seed files: jobs as ``aws glue get-jobs`` / ``batch-get-jobs`` / ``get-job`` printed them.

A seed file holds what the service *returned*, so derived and output-only members (MaxCapacity
beside WorkerType, AllocatedCapacity, ProfileName, CreatedOn) are kept as written rather than run
through CreateJob's input rules. Each job is still checked against the model's ``Job`` output
shape, so nothing the service could not have returned reaches the store.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from typing import Any

from .._data.clock import now as clock_now
from .._data.errors import SeedFileError
from .._data.shapes import Job, Seed
from .._data.text import show
from .._service.model import ExtraEnums, Problems, parse_items, shape_check
from .documents import returned_entries

# Keys the CLI prints beside the jobs; they carry no job.
_BESIDE_JOBS = ("NextToken", "JobsNotFound")
_TIMESTAMPS = ("CreatedOn", "LastModifiedOn")
_FRACTION = re.compile(r"\.(\d+)")
# Timestamps a client can turn into a datetime in any local time zone: from the epoch to the last
# day of year 9999 (a day short of it, so no zone's offset pushes it past).
_EARLIEST = 0.0
_LATEST = datetime(9999, 12, 31, tzinfo=timezone.utc).timestamp() - 86400


def read(source: str, document: Any, extra_enums: ExtraEnums = ()) -> Seed:
    """Every job of a seed file in wire form (timestamps as epoch seconds), with every problem of
    its entries; a document that is no list of jobs raises SeedFileError at once."""
    seed = Seed(source)

    def read_entry(number: int, entry: Any, problems: Problems) -> Job | None:
        return _wire_job(number, entry, extra_enums, problems)

    seed.returned_jobs += returned_entries("job", _entries(source, document), read_entry, seed.problems)
    return seed


def _entries(source: str, document: Any) -> list[Any]:
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
        f"{source}: expected what `aws glue get-jobs` or `batch-get-jobs` prints "
        '({"Jobs": [...]}), what `get-job` prints ({"Job": {...}}) or a list of jobs '
        "(or `get-triggers` output, a CloudFormation template, or `terraform show -json` output); "
        f"got {_outline(document)}"
    )


def _outline(document: Any) -> str:
    """What a document is, in a few words, for a message saying it is not what was expected."""
    if isinstance(document, dict):
        return "an object with keys " + ", ".join(map(repr, list(document)[:10])) + (
            f" and {len(document) - 10} more" if len(document) > 10 else ""
        )
    return f"a JSON {type(document).__name__} {show(document)}"


def _wire_job(number: int, entry: Any, extra_enums: ExtraEnums, problems: Problems) -> Job | None:
    if not isinstance(entry, dict):
        problems.append(f"entry {number} is {_outline(entry)}, not a job")
        return None
    name = entry.get("Name")
    about = f"job {show(name)}" if isinstance(name, str) and name else f"entry {number}"
    if not isinstance(name, str) or not name:
        problems.append(f"{about} has no Name")
        return None
    job = dict(entry)
    found: Problems = []
    for member in _TIMESTAMPS:
        if member in job:
            try:
                job[member] = epoch_seconds(job[member])
            except (TypeError, ValueError) as error:
                found.append(f"{member} {error}")
    if found:
        problems.append(f"{about}: " + "; ".join(found))
        return None
    # Hand-written seeds often leave the timestamps out; the service always shows both.
    now = clock_now()
    job.setdefault("CreatedOn", job.get("LastModifiedOn", now))
    job.setdefault("LastModifiedOn", job["CreatedOn"])
    shape_check("Job", extra_enums)(job, "", found)
    for member in ("Role", "Command"):
        if member not in job:
            found.append(f"Member '{member}' is missing: every job the service returns has it")
    command = job.get("Command")
    if isinstance(command, dict) and not command.get("Name"):
        found.append("Member 'Command.Name' is missing or empty: every job the service returns has it")
    if found:
        problems.append(f"{about}: " + "; ".join(found))
        return None
    try:
        # What every later read does: a job that cannot be read back must never be stored.
        parse_items("BatchGetJobs", "Jobs", [job])
    except Exception as error:
        problems.append(
            f"{about}: a client could not read it back ({type(error).__name__}: {error})"
        )
        return None
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
