"""DataFrames from and to S3 as Glue's S3 readers and sinks treat them.

Reads list the files under the paths as Glue does (``recurse`` into subfolders only when asked;
names starting ``_`` or ``.`` skipped; ``exclusions`` globs left out), so that bookmarks can pick
the new ones, then let Spark read exactly those files (their local copies). A path holding no
file gives an empty frame, as in Glue. Writes go through Spark into a staging folder, then each
file moves to the target under the name Glue's sinks give it (``run-<ctx>-<n>-part-r-00000``…):
Glue's sinks add files and never replace a folder.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import s3_access, session
from .s3_paths import Served

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

READ_FORMATS = ("json", "csv", "parquet", "glueparquet", "orc")
WRITE_FORMATS = ("json", "csv", "parquet", "glueparquet", "orc")
# Formats Glue has that this stand-in does not read or write (Spark needs packages for them).
_KNOWN_ELSEWHERE = ("avro", "xml", "ion", "grokLog", "hudi", "delta", "iceberg")

_names = itertools.count(1)
_last_stamp = 0
_stamp_lock = threading.Lock()


@dataclass(frozen=True)
class SourceFile:
    """One file a read found: its S3 name, where it lives here, its modification time."""

    uri: str
    local: Path
    modified: float


def check_format(format: object, formats: tuple[str, ...], reading: bool) -> str:
    """The format, lower-cased; a format the stand-in does not handle is a ValueError naming it."""
    name = format.lower() if isinstance(format, str) else format
    if name not in formats:
        elsewhere = (
            " (Glue reads it with a library Spark does not bundle)"
            if isinstance(name, str) and name in {known.lower() for known in _KNOWN_ELSEWHERE}
            else ""
        )
        done, does = ("read", "reads") if reading else ("written", "writes")
        raise ValueError(
            f"format {format!r} is not {done} by pytest-gluejobs' awsglue{elsewhere}; it {does} "
            f"{', '.join(formats)}"
        )
    return str(name)


def options_folded(options: Mapping[str, Any] | None) -> dict[str, Any]:
    """Option names case-insensitively (Glue Studio writes both ``multiline`` and ``multiLine``)."""
    return {str(key).lower(): value for key, value in (options or {}).items()}


def truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


# -- finding the files ---------------------------------------------------------------------------


def find_files(paths: list[str], recurse: bool, exclusions: list[str]) -> list[SourceFile]:
    """The files under ``paths`` a Glue S3 source reads, oldest first."""
    excluded = [_glob(pattern) for pattern in exclusions]
    found: dict[str, SourceFile] = {}
    for place in s3_access.for_read(paths):
        for file, uri in _files_of(place, recurse):
            if uri in found or any(pattern.fullmatch(uri) for pattern in excluded):
                continue
            found[uri] = SourceFile(uri, file, file.stat().st_mtime)
    return sorted(found.values(), key=lambda file: (file.modified, file.uri))


def parse_exclusions(value: Any) -> list[str]:
    """``exclusions``: a JSON list of glob patterns, given as a string (Glue's connection option)."""
    if value is None or value == "":
        return []
    patterns = value
    if isinstance(value, str):
        try:
            patterns = json.loads(value)
        except ValueError:
            patterns = None
    if not isinstance(patterns, list) or not all(isinstance(item, str) for item in patterns):
        raise ValueError(
            f'exclusions {value!r} is not a JSON list of glob patterns, e.g. "[\\"**.pdf\\", \\"**/_tmp/**\\"]"'
        )
    return patterns


def _files_of(place: Served, recurse: bool) -> list[tuple[Path, str]]:
    base = place.path.uri.rstrip("/")
    if place.local.is_file():
        return [] if _hidden(place.local.name) else [(place.local, place.path.uri)]
    if not place.local.is_dir():
        return []
    files = []
    walker = place.local.rglob("*") if recurse else place.local.iterdir()
    for file in walker:
        relative = file.relative_to(place.local)
        if file.is_file() and not any(_hidden(part) for part in relative.parts):
            files.append((file, f"{base}/{relative.as_posix()}"))
    return files


def _hidden(name: str) -> bool:
    # Hadoop's readers skip these: _SUCCESS, _temporary/, .crc files.
    return name.startswith(("_", "."))


def _glob(pattern: str) -> re.Pattern[str]:
    """A Java-style glob over whole S3 names: ``**`` crosses '/', ``*`` and ``?`` do not."""
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            end = pattern.find("}", index)
            if end < 0:
                out.append(re.escape(char))
            else:
                out.append("(?:" + "|".join(re.escape(part) for part in pattern[index + 1:end].split(",")) + ")")
                index = end
        elif char == "[":
            end = pattern.find("]", index)
            if end < 0:
                out.append(re.escape(char))
            else:
                out.append("[" + pattern[index + 1:end].replace("!", "^", 1) + "]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    regex = "".join(out)
    # A pattern without a scheme matches anywhere from the bucket on.
    return re.compile(regex if pattern.startswith(("s3://", "s3a://", "s3n://")) else "s3[an]?://" + "(?:.*/)?" + regex)


# -- reading -------------------------------------------------------------------------------------


def read(spark: SparkSession, files: list[SourceFile], format: str, options: Mapping[str, Any]) -> DataFrame:
    """The files as one DataFrame; no file gives an empty one."""
    if not files:
        return spark.range(0).select()
    uris = _compact(files)
    folded = options_folded(options)
    if format == "json":
        multiline = truthy(folded.get("multiline", False))
        frame = spark.read.json(uris, multiLine=multiline)
        return _in_written_order(frame, files[0].local, multiline)
    if format == "csv":
        return _read_csv(spark, uris, folded)
    if format in ("parquet", "glueparquet"):
        return spark.read.parquet(*uris)
    return spark.read.orc(uris)


def _compact(files: list[SourceFile]) -> list[str]:
    """What Spark is given to read: the local copies (listing them costs less than through the
    view file system), a whole folder instead of its files when every file in it is read and it
    holds no folder (Spark lists one folder faster than many files)."""
    chosen: dict[Path, list[Path]] = {}
    for file in files:
        chosen.setdefault(file.local.parent, []).append(file.local)
    paths = []
    for folder, locals_ in chosen.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            entries = []
        visible = {entry.name for entry in entries if not _hidden(entry.name)}
        whole = entries and not any(entry.is_dir() for entry in entries) and visible == {path.name for path in locals_}
        paths += [str(folder)] if whole else [str(path) for path in locals_]
    return paths


def _read_csv(spark: SparkSession, uris: list[str], options: dict[str, Any]) -> DataFrame:
    header = truthy(options.get("withheader", False))
    quote = str(options.get("quotechar", '"'))
    reader = spark.read.options(
        header=header,
        inferSchema=True,
        sep=str(options.get("separator", ",")),
        # quoteChar -1 turns quoting off.
        quote="\u0000" if quote == "-1" else quote,
        multiLine=truthy(options.get("multiline", False)),
    )
    if options.get("escaper"):
        reader = reader.option("escape", str(options["escaper"]))
    frame = reader.csv(uris)
    if truthy(options.get("skipfirst", False)) and not header:
        first = frame.first()
        frame = frame.filter(~_row_equals(frame, first)) if first is not None else frame
    if not header:
        # Glue names the columns of a file without a header col0, col1, …
        frame = frame.toDF(*[f"col{index}" for index in range(len(frame.columns))])
    return frame


def _row_equals(frame: DataFrame, row: Any) -> Any:
    from pyspark.sql import functions as F

    condition = F.lit(True)
    for name, value in zip(frame.columns, row):
        condition = condition & F.col(f"`{name}`").eqNullSafe(F.lit(value))
    return condition


def _in_written_order(frame: DataFrame, first_file: Path, multiline: bool) -> DataFrame:
    """Spark sorts the fields of JSON it infers; Glue keeps them in the order records give them."""
    try:
        with first_file.open("rb") as handle:
            text = handle.read() if multiline else handle.readline()
        record = json.loads(text)
    except (OSError, ValueError):
        return frame
    if isinstance(record, list):
        record = record[0] if record else {}
    if not isinstance(record, dict):
        return frame
    from pyspark.sql.types import StructType

    schema = frame.schema
    fields = {field.name: field for field in schema.fields}
    order = [name for name in record if name in fields]
    order += [name for name in fields if name not in order]
    if order == list(fields):
        return frame
    # One call to the JVM with the whole schema; a select costs several per column.
    return frame.to(StructType([fields[name] for name in order]))


# -- writing -------------------------------------------------------------------------------------


def write(
    frame: DataFrame,
    target: str,
    format: str,
    format_options: Mapping[str, Any],
    partition_keys: list[str],
    compression: str | None,
    name: str,
) -> list[str]:
    """Write ``frame`` under the S3 path ``target`` as a Glue sink does; the S3 names written."""
    place = s3_access.for_write(target)
    staging = session.workdir() / "staging" / uuid.uuid4().hex
    try:
        _spark_write(frame, str(staging), format, options_folded(format_options), partition_keys, compression)
        written = _move_in(staging, place, format, name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    s3_access.written(place)
    return written


def _spark_write(
    frame: DataFrame, staging: str, format: str, options: dict[str, Any], partition_keys: list[str], compression: str | None
) -> None:
    writer = frame.write.mode("overwrite")
    if partition_keys:
        writer = writer.partitionBy(*partition_keys)
    if format == "json":
        writer.json(staging, compression=_codec(compression))
    elif format == "csv":
        quote = str(options.get("quotechar", '"'))
        writer.csv(
            staging,
            header=truthy(options.get("writeheader", True)),
            sep=str(options.get("separator", ",")),
            quote="\u0000" if quote == "-1" else quote,
            compression=_codec(compression),
        )
    elif format in ("parquet", "glueparquet"):
        writer.parquet(staging, compression=str(options.get("compression", "snappy")).lower())
    else:
        writer.orc(staging)


def _codec(compression: str | None) -> str | None:
    if compression is None:
        return None
    codec = {"gzip": "gzip", "bzip": "bzip2", "bzip2": "bzip2"}.get(str(compression).lower())
    if codec is None:
        raise ValueError(f"compression {compression!r} is not one Glue's S3 sink writes: gzip, bzip2")
    return codec


# part-00000-<uuid>-c000.snappy.parquet (or .c000 inside partition folders), part-00000 (RDDs)
_SPARK_PART = re.compile(r"part-(\d+)(?:-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})?(?:[.-]c\d+)?(\..*)?$")


def _move_in(staging: Path, place: Served, format: str, name: str) -> list[str]:
    stamp = _stamp(name)
    written = []
    for file in sorted(staging.rglob("*")):
        relative = file.relative_to(staging)
        if not file.is_file() or any(_hidden(part) for part in relative.parts):
            continue
        if format in ("json", "csv") and file.stat().st_size == 0:
            continue  # an empty partition: Glue writes no file for it
        target_name = _glue_name(file.name, format, stamp)
        destination = place.local.joinpath(*relative.parts[:-1], target_name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(file), destination)
        written.append(f"{place.path.uri.rstrip('/')}/{'/'.join((*relative.parts[:-1], target_name))}")
    return written


def _glue_name(spark_name: str, format: str, stamp: str) -> str:
    """``part-00000-<uuid>.c000.snappy.parquet`` → Glue's ``run-<stamp>-part-block-0-r-00000-snappy.parquet``."""
    match = _SPARK_PART.match(spark_name)
    number, suffix = (match.group(1)[-5:].rjust(5, "0"), match.group(2) or "") if match else ("00000", "")
    if format in ("parquet", "glueparquet"):
        codec = suffix.split(".")[1] if suffix.count(".") > 1 else "uncompressed"
        return f"run-{stamp}-part-block-0-r-{number}-{codec}.parquet"
    if format == "orc":
        return f"run-{stamp}-part-r-{number}{suffix}"
    # Text formats: no extension, unless compressed (.gz, .bz2).
    extension = {".gz": ".gz", ".bz2": ".bz2"}.get(os.path.splitext(suffix)[1], "")
    return f"run-{stamp}-part-r-{number}{extension}"


def _stamp(name: str) -> str:
    """``<ctx>-<n>`` for a sink with a transformation_ctx, else the time in milliseconds; unique."""
    global _last_stamp
    if name:
        return f"{name}-{next(_names)}"
    with _stamp_lock:
        _last_stamp = max(int(time.time() * 1000), _last_stamp + 1)
        return str(_last_stamp)
