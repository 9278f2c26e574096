"""Local scripts for ScriptLocations (``run_scripts``), and running one as Glue would start it.

A script runs in-process with ``runpy.run_path`` as ``__main__``, with Glue's argv, in a room of its
own (``room``): its folder first on ``sys.path``, its own modules winning over modules of the same
names the test process holds, and everything it changes in the interpreter put back afterwards.
``awsglue`` is importable in it (``_awsglue_import``: the real library when installed, else the
stand-in).
A ScriptLocation is an S3 key, not a file path: under a mapped prefix, ``..``, ``.`` and empty
segments are literal key text that names no local file, and a file that resolves (through
symlinks) out of the mapped folder is not there either, so nothing outside the folder ever runs.
"""

from __future__ import annotations

import os
import re
import runpy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .. import _awsglue_import
from .room import Room

_S3_URI = re.compile(r"s3://[^/]+/")
_SEPARATORS = tuple(separator for separator in (os.sep, os.altsep) if separator)


@dataclass(frozen=True)
class LocalScript:
    """The local file a job's ScriptLocation maps to: the file an exact key names, or the key's
    rest under a prefix, looked for in the prefix's folder when the run starts."""

    location: str
    mapped_by: str  # the run_scripts key that mapped it
    path: Path  # the file of an exact key; the folder of a prefix
    rest: str | None = None  # the key under the prefix

    @property
    def file(self) -> Path:
        """The local path the script runs from (its folder goes first on ``sys.path``)."""
        return self.path if self.rest is None else self.path.joinpath(*self.rest.split("/"))

    def missing(self) -> str | None:
        """Why the script cannot run, or None."""
        if self.rest is None:
            if self.path.is_file():
                return None
            return f"Script {self.location} not found: run_scripts maps it to {self.path}, which is gone"
        absent = (
            f"Script {self.location} not found: run_scripts maps {self.mapped_by} to "
            f"{self.path}{os.sep}, which has no file {self.rest}"
        )
        segments = self.rest.split("/")
        if any(segment in ("", ".", "..") or any(s in segment for s in _SEPARATORS) for segment in segments):
            return absent  # no local file has such a key's name
        try:
            real = self.file.resolve()
            inside = real.is_file() and self.file.is_file()
            outside = inside and not real.is_relative_to(self.path.resolve())
        except (OSError, ValueError):
            return absent
        if not inside:
            return absent
        if outside:
            return f"{absent} ({self.rest} leads out of the folder, to {real})"
        return None


class ScriptMap:
    """ScriptLocation URIs and prefixes → local files and folders; an exact URI beats a prefix,
    a longer prefix a shorter one."""

    def __init__(self) -> None:
        self._files: dict[str, Path] = {}
        self._folders: dict[str, Path] = {}

    def __bool__(self) -> bool:
        return bool(self._files or self._folders)

    def add(self, mapping: object) -> None:
        """Check every entry, then add them all (replacing equal keys); nothing on an error."""
        if not isinstance(mapping, Mapping):
            raise TypeError(
                "run_scripts takes a mapping of ScriptLocation URIs (or prefixes ending in '/') to "
                f"local files (or folders), e.g. {{'s3://bucket/jobs/': 'jobs/'}}; got {type(mapping).__name__}"
            )
        files: dict[str, Path] = {}
        folders: dict[str, Path] = {}
        for key, value in mapping.items():
            if not isinstance(key, str) or _S3_URI.match(key) is None:
                raise ValueError(
                    f"run_scripts: key {key!r} is not an s3:// ScriptLocation; give "
                    "'s3://bucket/path/script.py' or a prefix ending in '/', e.g. 's3://bucket/jobs/'"
                )
            if not isinstance(value, (str, os.PathLike)):
                raise TypeError(
                    f"run_scripts: the value for {key!r} must be a local path (str or Path), got "
                    f"{type(value).__name__} {value!r}"
                )
            path = Path(value).resolve()
            if key.endswith("/"):
                if not path.is_dir():
                    raise ValueError(
                        f"run_scripts: prefix {key!r} maps to {path}, which is not an existing "
                        "folder (a key ending in '/' maps a folder)"
                    )
                folders[key] = path
            else:
                if not path.is_file():
                    raise ValueError(
                        f"run_scripts: {key!r} maps to {path}, which is not an existing file"
                        + (" (map a folder with a key ending in '/')" if path.is_dir() else "")
                    )
                files[key] = path
        self._files.update(files)
        self._folders.update(folders)

    def folders(self) -> dict[str, Path]:
        """The prefixes mapped to folders: they serve the data a job reads and writes too."""
        return dict(self._folders)

    def find(self, location: str) -> LocalScript | None:
        path = self._files.get(location)
        if path is not None:
            return LocalScript(location, location, path)
        for prefix in sorted(self._folders, key=len, reverse=True):
            rest = location[len(prefix):]
            if location.startswith(prefix) and rest:
                return LocalScript(location, prefix, self._folders[prefix], rest)
        return None


def run_script(script: LocalScript, argv: list[str], output: IO[str], error: IO[str]) -> None:
    """Run the script as ``__main__`` in its room; raises what it raises (SystemExit included)."""
    path = script.file
    _awsglue_import.install()  # before the room: the finders stay for the runs after it
    with Room(output, error, argv=argv, folder=path.parent):
        runpy.run_path(str(path), run_name="__main__")
