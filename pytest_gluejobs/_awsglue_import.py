"""``import awsglue`` and ``import awsgluedq`` wherever the real libraries are not installed: in the
test process and in every script a run executes.

Two import finders. One at the **end** of ``sys.meta_path`` answers ``awsglue`` and ``awsgluedq``
themselves, so it is reached only when no other finder found the real library, which therefore
wins when it is installed. It makes each a small package with an empty ``__path__`` that hands out
what ``pytest_gluejobs._awsglue`` (or ``._awsgluedq``) has (``DynamicFrame``). One at the **front**
answers ``awsglue.<module>`` (``awsgluedq.<module>``) only while that package is ours, with the very
module object of ``pytest_gluejobs._awsglue.<module>``: one class ``DynamicFrame`` whichever name
imported it, and Spark's workers unpickle functions by a name they can import. Every other import
costs a string comparison or two.

A module that needs PySpark, imported where PySpark is not installed, raises ImportError naming
the ``spark`` extra.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

# Each library the stand-in serves, and the package of the stand-in's that serves it.
OURS = {"awsglue": "pytest_gluejobs._awsglue", "awsgluedq": "pytest_gluejobs._awsgluedq"}
_PREFIXES = tuple(name + "." for name in OURS)
_MARK = "__pytest_gluejobs__"
_lock = threading.Lock()


class _PackageFinder(importlib.abc.MetaPathFinder):
    """``awsglue`` (``awsgluedq``) itself, when nothing before it found the real one."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in OURS:
            return None
        return importlib.util.spec_from_loader(fullname, _PackageLoader(fullname), is_package=True)


class _ModuleFinder(importlib.abc.MetaPathFinder):
    """``awsglue.<module>`` while ``awsglue`` is ours: the module of ``pytest_gluejobs._awsglue``
    (and so for ``awsgluedq``)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(_PREFIXES):
            return None
        name = fullname.split(".", 1)[0]
        if not getattr(sys.modules.get(name), _MARK, False):
            return None
        own = OURS[name] + fullname[len(name):]
        try:
            found = importlib.util.find_spec(own)
        except ModuleNotFoundError:
            return None
        if found is None:
            return None
        return importlib.util.spec_from_loader(
            fullname, _AliasLoader(own), is_package=found.submodule_search_locations is not None
        )


class _PackageLoader(importlib.abc.Loader):
    def __init__(self, name: str) -> None:
        self.name = name

    def exec_module(self, module: ModuleType) -> None:
        package = self.name
        ours = importlib.import_module(OURS[package])
        module.__doc__ = ours.__doc__
        module.__all__ = list(ours.__all__)  # type: ignore[attr-defined]
        setattr(module, _MARK, True)

        def __getattr__(name: str) -> Any:
            # DynamicFrame, imported when asked for, as the package's own __getattr__ does.
            try:
                return getattr(ours, name)
            except AttributeError:
                raise AttributeError(f"module {package!r} has no attribute {name!r}", name=name) from None
            except ModuleNotFoundError as error:
                raise _missing(error, f"{package}.{name}") from error

        module.__getattr__ = __getattr__  # type: ignore[method-assign]


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, own: str) -> None:
        self.own = own
        self._spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        try:
            module = importlib.import_module(self.own)
        except ModuleNotFoundError as error:
            raise _missing(error, spec.name) from error
        self._spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """The module ran when it was imported under its own name; it keeps its own spec, which
        the import system replaced with the alias's."""
        module.__spec__ = self._spec


def _missing(error: ModuleNotFoundError, name: str) -> ImportError:
    """PySpark missing: an ImportError naming the spark extra; any other module: the error as is."""
    if (error.name or "").split(".")[0] in ("pyspark", "py4j"):
        from ._spark.errors import pyspark_missing

        return pyspark_missing(name)
    return error


_package_finder = _PackageFinder()
_module_finder = _ModuleFinder()


def install() -> None:
    """Make ``awsglue`` and ``awsgluedq`` importable (idempotent; costs nothing measurable)."""
    with _lock:
        if _package_finder not in sys.meta_path:
            sys.meta_path.append(_package_finder)
        if _module_finder not in sys.meta_path:
            sys.meta_path.insert(0, _module_finder)


def ours(module: ModuleType | None) -> bool:
    """Whether ``module`` is the stand-in's ``awsglue`` or ``awsgluedq`` (not the real library)."""
    return bool(getattr(module, _MARK, False))
