"""Local scripts for ScriptLocations (``run_scripts``), and running one as Glue would start it.

A script runs in-process with ``runpy.run_path`` as ``__main__``, with Glue's argv and its own
folder first on ``sys.path``. Everything it changes in the interpreter is put back afterwards:
``sys.argv``, ``sys.path``, the working directory, and the modules it imported from folders that
were on ``sys.path`` only for the run (its own helpers), so the next run imports them afresh.
Libraries it imported from elsewhere stay imported, as after any import: unloading C extensions
such as numpy again is not safe.
"""

from __future__ import annotations

import os
import re
import runpy
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .. import _awsglue_import

_S3_URI = re.compile(r"s3://[^/]+/")


@dataclass(frozen=True)
class LocalScript:
    """The local file a job's ScriptLocation maps to (for a prefix, perhaps a missing one)."""

    location: str
    path: Path
    mapped_by: str  # the run_scripts key that mapped it

    def missing(self) -> str | None:
        """Why the script cannot run, or None."""
        if self.path.is_file():
            return None
        return (
            f"Script {self.location} not found: run_scripts maps {self.mapped_by} to "
            f"{self.path.parent}{os.sep}, which has no file {self.path.name}"
            if self.mapped_by != self.location
            else f"Script {self.location} not found: run_scripts maps it to {self.path}, which is gone"
        )


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
            return LocalScript(location, path, location)
        for prefix in sorted(self._folders, key=len, reverse=True):
            rest = location[len(prefix):]
            if location.startswith(prefix) and rest:
                return LocalScript(location, self._folders[prefix].joinpath(*rest.split("/")), prefix)
        return None


def run_script(path: Path, argv: list[str]) -> None:
    """Run the script as ``__main__``; raises what it raises (SystemExit included)."""
    with _interpreter_for(path, argv):
        runpy.run_path(str(path), run_name="__main__")


@contextmanager
def _interpreter_for(path: Path, argv: list[str]) -> Iterator[None]:
    saved_argv, saved_path, saved_cwd = sys.argv, list(sys.path), os.getcwd()
    saved_modules = dict(sys.modules)
    _awsglue_import.install()
    sys.argv = argv
    sys.path.insert(0, str(path.parent))
    try:
        yield
    finally:
        run_only = [str(path.parent), *(entry for entry in sys.path if entry not in saved_path)]
        sys.argv = saved_argv
        sys.path[:] = saved_path
        os.chdir(saved_cwd)
        _restore_modules(saved_modules, run_only)


def _restore_modules(saved: dict[str, ModuleType], run_only: list[str]) -> None:
    folders = tuple(os.path.join(os.path.abspath(entry or os.curdir), "") for entry in run_only)
    for name, module in list(sys.modules.items()):
        if name in saved:
            continue
        if _loaded_from(module, folders):
            del sys.modules[name]
    for name, module in saved.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module


def _loaded_from(module: ModuleType, folders: tuple[str, ...]) -> bool:
    places = [getattr(module, "__file__", None), *(getattr(module, "__path__", None) or ())]
    return any(isinstance(place, str) and os.path.abspath(place).startswith(folders) for place in places)
