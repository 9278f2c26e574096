"""moto's S3 as Spark sees it: a local mirror of its objects, brought up to date around each access.

Spark cannot reach moto over HTTP in-process, so before a read the objects under the path are
copied from moto into a folder of this process (objects changed since are fetched again, objects
gone are removed), each file dated with its object's LastModified; after a write, the files under
the path that are new or changed are put into moto as objects, and the objects whose files the
write removed (an overwrite) are deleted. A later ``list_objects_v2`` or ``get_object`` sees them.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import S3PathNotServedError

# Not data: what Spark's committers and Hadoop's local file system leave beside the data.
_NOT_OBJECTS = ("_temporary", ".crc")


@dataclass(frozen=True)
class _Copy:
    """An object as last copied, on both sides: its ETag and LastModified, its file's size and mtime."""

    etag: str
    modified: float
    size: int
    mtime_ns: int


class Mirror:
    """The local copy of moto's buckets under ``root/<bucket>/<key>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._copies: dict[tuple[str, str], _Copy] = {}
        self._lock = threading.RLock()
        self._client: Any = None

    def local(self, bucket: str, key: str) -> Path:
        return self.root.joinpath(bucket, *[part for part in key.split("/") if part])

    def pull(self, bucket: str, prefix: str) -> None:
        """Bring the files under ``s3://bucket/prefix`` up to date with moto's objects."""
        with self._lock:
            listed: set[str] = set()
            for item in self._objects(bucket, prefix):
                key = item["Key"]
                if key.endswith("/") or _unsafe(key):
                    continue  # folder markers; keys no local path can hold
                listed.add(key)
                self._fetch(bucket, key, item)
            for key in [key for (b, key) in self._copies if b == bucket and key.startswith(prefix)]:
                if key not in listed:
                    self.local(bucket, key).unlink(missing_ok=True)
                    del self._copies[(bucket, key)]

    def push(self, bucket: str, prefix: str) -> None:
        """Put what changed under ``s3://bucket/prefix`` locally into moto's S3."""
        with self._lock:
            folder = self.local(bucket, prefix)
            present: set[str] = set()
            base = self.root / bucket
            files = [folder] if folder.is_file() else (sorted(folder.rglob("*")) if folder.is_dir() else [])
            for file in files:
                if not file.is_file() or any(part.startswith(_NOT_OBJECTS) or part.endswith(".crc") for part in file.relative_to(base).parts):
                    continue
                key = file.relative_to(base).as_posix()
                present.add(key)
                stat = file.stat()
                copy = self._copies.get((bucket, key))
                if copy is not None and (copy.size, copy.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                    continue
                answer = self.client().put_object(Bucket=bucket, Key=key, Body=file.read_bytes())
                modified = self.client().head_object(Bucket=bucket, Key=key)["LastModified"].timestamp()
                _date(file, modified)
                stat = file.stat()
                self._copies[(bucket, key)] = _Copy(answer["ETag"], modified, stat.st_size, stat.st_mtime_ns)
            gone = [key for (b, key) in self._copies if b == bucket and key.startswith(prefix) and key not in present]
            for key in gone:
                self.client().delete_object(Bucket=bucket, Key=key)
                del self._copies[(bucket, key)]

    def forget(self) -> None:
        """moto's state is gone (its mock ended, or a test did): the copies go with it."""
        with self._lock:
            self._copies.clear()
            self._client = None
            shutil.rmtree(self.root, ignore_errors=True)

    def client(self) -> Any:
        if self._client is None:
            import boto3

            self._client = boto3.client("s3", region_name="us-east-1")
        return self._client

    # -- one object ------------------------------------------------------------------------------

    def _objects(self, bucket: str, prefix: str) -> list[dict[str, Any]]:
        client = self.client()
        try:
            pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            return [item for page in pages for item in page.get("Contents", [])]
        except client.exceptions.NoSuchBucket:
            raise S3PathNotServedError(
                f"s3://{bucket}/{prefix}: moto's S3 has no bucket {bucket!r} (NoSuchBucket); create "
                "it in the test, inside mock_aws, before the job runs"
            ) from None

    def _fetch(self, bucket: str, key: str, item: dict[str, Any]) -> None:
        file = self.local(bucket, key)
        copy = self._copies.get((bucket, key))
        modified = item["LastModified"].timestamp()
        if copy is not None and (copy.etag, copy.modified) == (item["ETag"], modified) and file.is_file():
            stat = file.stat()
            if (stat.st_size, stat.st_mtime_ns) == (copy.size, copy.mtime_ns):
                return
        if file.is_dir():  # a key that is also a prefix: the folder wins, as Hadoop reads it
            return
        body = self.client().get_object(Bucket=bucket, Key=key)["Body"].read()
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(body)
        _date(file, modified)
        stat = file.stat()
        self._copies[(bucket, key)] = _Copy(item["ETag"], modified, stat.st_size, stat.st_mtime_ns)


def _date(file: Path, modified: float) -> None:
    """The file carries its object's LastModified: what bookmarks compare."""
    os.utime(file, (modified, modified))


def _unsafe(key: str) -> bool:
    return any(part in (".", "..") for part in key.split("/"))
