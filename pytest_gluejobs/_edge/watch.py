"""Run a function right after a module is imported, by whoever imports it.

The plugin must not import botocore when pytest starts (a suite that never calls AWS would pay
for it), yet its handlers must be on every botocore session the moment botocore exists. A finder at
the front of ``sys.meta_path`` claims no module of its own: for a watched name it asks the finders
after it, and wraps the loader they return so the callbacks run as soon as the module has executed,
before anything can use it. Any other import costs it one Python call, and only when that module
is not in ``sys.modules`` yet.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

Callback = Callable[[ModuleType], None]

_callbacks: dict[str, list[Callback]] = {}
_lock = threading.Lock()


def after_import(name: str, callback: Callback) -> None:
    """Call ``callback(module)`` each time module ``name`` is executed from now on.

    Each time: a module dropped from ``sys.modules`` (pytester's in-process runs drop what they
    imported) and imported again is a new module, and gets the callback again.
    """
    with _lock:
        callbacks = _callbacks.setdefault(name, [])
        if callback not in callbacks:
            callbacks.append(callback)
        if _FINDER not in sys.meta_path:
            sys.meta_path.insert(0, _FINDER)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds a watched module through the other finders, and hands back a loader that calls back."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in _callbacks:
            return None
        for finder in list(sys.meta_path):
            find_spec = getattr(finder, "find_spec", None)
            if finder is self or find_spec is None:
                continue
            spec: ModuleSpec | None = find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _CallingBack(spec.loader, fullname)
            return spec
        return None


class _CallingBack(importlib.abc.Loader):
    """The loader that found a watched module; once it has executed the module, the callbacks run."""

    def __init__(self, loader: Any, name: str) -> None:
        self._loader = loader
        self._name = name

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        # Whoever reads the module later (inspect, linecache, importlib.resources) sees the loader
        # that read it.
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        for callback in list(_callbacks.get(self._name, ())):
            try:
                callback(module)
            except Exception as error:  # the import itself must succeed whatever happens here
                warnings.warn(
                    f"pytest-gluejobs could not hook {self._name} as it was imported: "
                    f"{type(error).__name__}: {error}. Glue calls may not reach the fake.",
                    RuntimeWarning,
                    stacklevel=2,
                )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


_FINDER = _Finder()
