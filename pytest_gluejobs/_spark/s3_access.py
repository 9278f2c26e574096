"""``s3://`` paths for Spark: the stand-in's reads and writes, and Spark's own.

Spark reads an ``s3://`` (``s3a://``, ``s3n://``) path through Hadoop's view file system mounted
over the scheme: per bucket, a link from each mapped prefix to its local folder and, while moto's
``mock_aws`` is active, a fallback to the bucket's mirror of moto's objects. Paths stay ``s3://``
for Spark (``input_file_name()`` shows them), and no Hadoop S3 client is involved.

Before a read the mirror is brought up to date under the path; after a write what changed goes
into moto. Spark's own readers and writers (``spark.read.parquet("s3://…")``,
``df.write.save("s3://…")``, ``sc.textFile``, ``rdd.saveAsTextFile``) do the same through the
wrappers installed when Spark starts; a path nothing serves fails before Spark sees it, naming
the path and both ways to serve it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import s3_paths, session
from .s3_mirror import Mirror
from .s3_paths import Served

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

_VIEW_FS = "org.apache.hadoop.fs.viewfs.ViewFileSystemOverloadScheme"
_SCHEMES = ("s3", "s3a", "s3n")
_GLOB = re.compile(r"[*?\[{]")

_lock = threading.RLock()
_mirror: Mirror | None = None
# The view file system's settings we set, by bucket: what to unset when a mapping goes.
_mounted: dict[str, dict[str, str]] = {}
_moto_was_active = False


def mirror() -> Mirror:
    global _mirror
    with _lock:
        if _mirror is None:
            _mirror = Mirror(session.workdir() / "s3")
        return _mirror


def for_read(uris: Iterable[str]) -> list[Served]:
    """Where each path is served from, moto's objects under it copied in; Spark can read them."""
    served = [_resolve(uri) for uri in uris]
    with _lock:
        for place in served:
            if place.from_moto:
                mirror().pull(place.path.bucket, _before_glob(place.path.key))
        _mount({place.path.bucket for place in served})
    return served


def for_write(uri: str) -> Served:
    """Where a write to ``uri`` lands; what moto holds there is copied in first, so an
    overwrite replaces it and an append keeps it."""
    place = _resolve(uri)
    with _lock:
        if place.from_moto:
            mirror().pull(place.path.bucket, place.path.key)
        _mount({place.path.bucket})
    return place


def local_path(uri: str) -> str:
    """Where the local copy of an S3 path is (what the stand-in hands Spark to read)."""
    return str(_resolve(uri).local)


def written(place: Served) -> None:
    """A write under ``place`` finished: what changed there goes into moto."""
    if place.from_moto:
        with _lock:
            mirror().push(place.path.bucket, place.path.key)


def forget() -> None:
    """A test ended: its moto state goes, and the copies of its objects with it."""
    global _moto_was_active
    with _lock:
        if _mirror is not None:
            _mirror.forget()
        _moto_was_active = False


def _resolve(uri: str) -> Served:
    global _moto_was_active
    active = s3_paths.moto_active()
    if active != _moto_was_active:
        # moto's state lives as long as its mock: a new mock starts from nothing.
        _moto_was_active = active
        mirror().forget()
    return s3_paths.resolve(uri, mirror().root)


def _before_glob(key: str) -> str:
    """The part of a key before its first glob character: the prefix a glob can match under."""
    match = _GLOB.search(key)
    return key if match is None else key[: match.start()].rpartition("/")[0]


# -- Hadoop's view file system over s3:// ----------------------------------------------------------


def _mount(buckets: set[str]) -> None:
    """Point the view file system of each bucket at its mapped folders and moto's mirror."""
    if not session.started():
        return
    spark = session.shared()
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    jvm = spark._jvm
    assert jvm is not None
    mapped = s3_paths.folders()
    for bucket in buckets:
        wanted = _mount_settings(bucket, mapped)
        if _mounted.get(bucket) == wanted:
            continue
        for key in set(_mounted.get(bucket, {})) - set(wanted):
            conf.unset(key)
        for key, value in wanted.items():
            conf.set(key, value)
        _mounted[bucket] = wanted
        # Hadoop keeps one file system per scheme and bucket: the next use makes a new one, with
        # these mounts (closing a view file system closes nothing it points at).
        for scheme in _SCHEMES:
            jvm.org.apache.hadoop.fs.FileSystem.get(jvm.java.net.URI(f"{scheme}://{bucket}/"), conf).close()


def _mount_settings(bucket: str, mapped: dict[str, Path]) -> dict[str, str]:
    table = f"fs.viewfs.mounttable.{bucket}"
    wanted: dict[str, str] = {}
    for scheme in _SCHEMES:
        wanted[f"fs.{scheme}.impl"] = _VIEW_FS
    fallback: Path | None = None
    links = []
    for prefix, folder in mapped.items():
        path = s3_paths.parse(prefix)
        if path is None or path.bucket != bucket:
            continue
        key = path.key.strip("/")
        if key:
            links.append((key, folder))
        else:
            fallback = folder
    # The view file system refuses a link inside another: the outer one serves the inner path.
    for key, folder in links:
        if not any(key.startswith(other + "/") for other, _ in links):
            wanted[f"{table}.link./{key}"] = folder.as_uri()
    if fallback is None and s3_paths.moto_active():
        fallback = mirror().root / bucket
        fallback.mkdir(parents=True, exist_ok=True)
    if fallback is not None:
        wanted[f"{table}.linkFallback"] = fallback.as_uri()
    return wanted


# -- Spark's own readers and writers -------------------------------------------------------------


def _s3_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[str]:
    """The s3:// paths among a call's arguments (a string, a comma-separated list, or a list)."""
    found: list[str] = []
    for value in (*args, *kwargs.values()):
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if s3_paths.is_s3(item):
                found += [part for part in item.split(",") if s3_paths.is_s3(part)]
    return found


def _reading(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def read(self: Any, *args: Any, **kwargs: Any) -> Any:
        uris = _s3_arguments(args, kwargs)
        if uris:
            for_read(uris)
        return method(self, *args, **kwargs)

    read.__pytest_gluejobs__ = True  # type: ignore[attr-defined]
    return read


def _writing(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def write(self: Any, *args: Any, **kwargs: Any) -> Any:
        uris = _s3_arguments(args[:1], {key: kwargs[key] for key in ("path",) if key in kwargs})
        places = [for_write(uri) for uri in uris]
        result = method(self, *args, **kwargs)
        for place in places:
            written(place)
        return result

    write.__pytest_gluejobs__ = True  # type: ignore[attr-defined]
    return write


def _started(spark: SparkSession) -> None:
    """Spark (re)started: no mounts yet; Spark's readers and writers wrapped (once per process)."""
    from pyspark import RDD, SparkContext
    from pyspark.sql.readwriter import DataFrameReader, DataFrameWriter

    wrapped = (
        (DataFrameReader, ("load", "json", "parquet", "csv", "orc", "text"), _reading),
        (DataFrameWriter, ("save", "json", "parquet", "csv", "orc", "text"), _writing),
        (SparkContext, ("textFile", "wholeTextFiles", "binaryFiles"), _reading),
        (RDD, ("saveAsTextFile",), _writing),
    )
    for owner, names, wrap in wrapped:
        for name in names:
            method = getattr(owner, name)
            if not getattr(method, "__pytest_gluejobs__", False):
                setattr(owner, name, wrap(method))
    with _lock:
        _mounted.clear()


session.when_started(_started)
