"""Where an ``s3://`` path a job reads or writes is served from, in this order:

1. a local folder the test mapped (``glue_jobs.run_scripts({"s3://bucket/prefix/": folder})``: the
   one mapping serves scripts and data), the longest matching prefix winning;
2. S3 as the process sees it: moto's ``mock_aws`` when it is active, through a local mirror of its
   objects (``s3_mirror``);
3. nowhere: ``S3PathNotServedError`` naming the path and both ways to serve it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .._edge import moto
from .errors import S3PathNotServedError

SCHEMES = ("s3://", "s3a://", "s3n://")
#: The mappings of the active fakes: each returns its ``s3://`` prefixes → local folders.
FolderSource = Callable[[], Mapping[str, Path]]

_lock = threading.Lock()
_sources: list[FolderSource] = []


@dataclass(frozen=True)
class S3Path:
    """An S3 location: its bucket and key (no leading slash); the scheme it was written with."""

    bucket: str
    key: str
    scheme: str = "s3://"

    @property
    def uri(self) -> str:
        return f"{self.scheme}{self.bucket}/{self.key}"

    @property
    def canonical(self) -> str:
        return f"s3://{self.bucket}/{self.key}"


@dataclass(frozen=True)
class Served:
    """Where an S3 path lives here: a local path, and whether moto's S3 holds the truth."""

    path: S3Path
    local: Path
    from_moto: bool


def parse(text: str) -> S3Path | None:
    """The S3 path ``text`` names, or None for anything that is not an ``s3://`` URI."""
    for scheme in SCHEMES:
        if text.startswith(scheme):
            bucket, _, key = text[len(scheme):].partition("/")
            return S3Path(bucket, key, scheme) if bucket else None
    return None


def is_s3(text: object) -> bool:
    return isinstance(text, str) and text.startswith(SCHEMES)


def serve_folders(source: FolderSource) -> None:
    """A fake became active: the folders its mapping names serve S3 paths."""
    with _lock:
        _sources.append(source)


def stop_serving(source: FolderSource) -> None:
    with _lock:
        if source in _sources:
            _sources.remove(source)


def folders() -> dict[str, Path]:
    """Every mapped prefix (``s3://bucket/prefix/``) and its folder; an inner fake's win."""
    with _lock:
        sources = list(_sources)
    mapped: dict[str, Path] = {}
    for source in sources:
        mapped.update(source())
    return mapped


def moto_active() -> bool:
    return moto.mock_active()


def resolve(text: str, mirror_root: Path) -> Served:
    """Where the S3 path ``text`` is served from; S3PathNotServedError if from nowhere."""
    path = parse(text)
    if path is None:
        raise ValueError(f"{text!r} is not an s3:// path (s3://bucket/key)")
    _check_key(path)
    canonical = path.canonical
    mapped = folders()
    for prefix in sorted(mapped, key=len, reverse=True):
        if canonical.startswith(prefix) or canonical + "/" == prefix:
            rest = canonical[len(prefix):]
            return Served(path, mapped[prefix].joinpath(*_segments(rest)), from_moto=False)
    if moto_active():
        return Served(path, mirror_root.joinpath(path.bucket, *_segments(path.key)), from_moto=True)
    raise S3PathNotServedError(not_served_message(path))


def not_served_message(path: S3Path) -> str:
    return (
        f"{path.uri} is not served: no local folder is mapped for it and moto's mock_aws is not "
        "active, so there is no S3 to read it from or write it to. Either map its prefix to a "
        f"folder — glue_jobs.run_scripts({{'s3://{path.bucket}/': folder}}) — or keep the objects in "
        "moto's S3 and run the job inside moto's mock_aws (the @mock_aws decorator or `with mock_aws():`)."
    )


def _segments(key: str) -> list[str]:
    return [part for part in key.split("/") if part]


def _check_key(path: S3Path) -> None:
    # S3 takes '..' literally; a local folder would climb out of itself.
    if any(part in (".", "..") for part in path.key.split("/")):
        raise S3PathNotServedError(
            f"{path.uri}: a key with '.' or '..' segments cannot be served from a local folder"
        )
