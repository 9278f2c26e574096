"""``purge_s3_path`` and ``purge_table``: delete what is older than the retention period.

AWS's GlueContext page: every object under the path (recursively) older than ``retentionPeriod``
hours (default 168, seven days) is deleted; newer ones stay. With ``manifestFilePath`` the names
deleted are listed in ``Success.csv`` there. ``excludeStorageClasses`` has nothing to exclude: the
objects here have no storage classes.
"""

from __future__ import annotations

import time
from typing import Any

from . import s3_access, s3_paths

DEFAULT_RETENTION_HOURS = 168


def purge(s3_path: str, options: dict[str, Any]) -> list[str]:
    """Delete under ``s3_path`` what is older than the retention period; the S3 names deleted."""
    if not s3_paths.is_s3(s3_path):
        raise ValueError(f"purge: {s3_path!r} is not an s3:// path (s3://bucket/prefix/)")
    hours = options.get("retentionPeriod", DEFAULT_RETENTION_HOURS)
    try:
        retention = float(hours)
    except (TypeError, ValueError):
        raise ValueError(f"purge: retentionPeriod must be a number of hours, got {hours!r}") from None
    if not retention >= 0 or retention == float("inf"):
        raise ValueError(f"purge: retentionPeriod must be a number of hours >= 0, got {hours!r}")
    place = s3_access.for_read([s3_path])[0]
    cutoff = time.time() - retention * 3600
    files = [place.local] if place.local.is_file() else sorted(place.local.rglob("*")) if place.local.is_dir() else []
    base = place.path.uri.rstrip("/")
    deleted = []
    for file in files:
        if file.is_file() and file.stat().st_mtime < cutoff and not file.name.endswith(".crc"):
            relative = "" if file == place.local else "/" + file.relative_to(place.local).as_posix()
            deleted.append(base + relative)
            file.unlink()
    s3_access.written(place)
    manifest = options.get("manifestFilePath")
    if manifest:
        target = s3_access.for_write(str(manifest).rstrip("/") + "/Success.csv")
        target.local.parent.mkdir(parents=True, exist_ok=True)
        target.local.write_text("".join(f"{name}\n" for name in deleted))
        s3_access.written(target)
    return deleted
