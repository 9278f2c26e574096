"""A run's room: what a run's code changes in the interpreter is put back when the run ends.

On AWS every run is a fresh process. Here a run is a call inside the test process, so a room
takes a snapshot of the interpreter's process-wide state when a run's code begins and puts it back
when the code ends, however it ends (return, exception, ``SystemExit``, ``KeyboardInterrupt``,
``pytest.fail``): ``sys.argv``, ``sys.path``, ``sys.meta_path``, the working directory,
``os.environ``, ``sys.modules``, logging (every logger's handlers, level, ``propagate`` and
``disabled``; loggers the run created are left as a new logger is), warnings filters and
``sys.stdout``/``sys.stderr``.

What a run prints is its own, even while runs overlap on several threads (``output``). The rest
cannot be private to one of several runs executing at once: a run sees what an
overlapping run on another thread changes. A room restores the state it found when it closes,
unless a room opened after it is still open: then that room takes over the older snapshot, so
the last of the overlapping runs to end puts back the state from before the first began.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import logging
import os
import sys
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType, TracebackType
from typing import IO, Any

from .output import RunOutput, route, unroute

# Modules a run can never replace: the standard library, and what the fake itself runs on (a
# folder's own botocore would bypass the fake and reach AWS; its own pyspark, a second Spark).
_PROTECTED = frozenset(
    (
        *sys.stdlib_module_names,
        *sys.builtin_module_names,
        "__main__", "pytest_gluejobs", "botocore", "boto3", "aiobotocore", "s3transfer",
        "pytest", "_pytest", "pluggy", "pyspark", "py4j",
    )
)
_MODULE_SUFFIXES = tuple(importlib.machinery.all_suffixes())


@dataclass
class _Snapshot:
    """The process-wide state a room found, and what it must forget when it puts it back."""

    argv: tuple[list[str], list[str]]
    path: tuple[list[str], list[str]]
    meta_path: tuple[list[Any], list[Any]]
    cwd: str | None
    environ: tuple[Any, dict[Any, Any]]  # os.environ, and its encoded content
    modules: dict[str, Any]
    logging: _Logging
    warnings: list[Any]
    streams: tuple[Any, Any]
    # Folders on sys.path for the run only, and top-level names that are the run's own: modules
    # from them are forgotten, so the next run imports them afresh.
    own_folders: set[str] = field(default_factory=set)
    own_names: set[str] = field(default_factory=set)


# One logger as a run may change it: (logger, handlers, filters, level, propagate, disabled).
_LoggerState = tuple[logging.Logger, list[logging.Handler], list[Any], int, bool, bool]


@dataclass
class _Logging:
    disable: int
    states: list[_LoggerState]  # the root logger's first
    loggers: dict[str, Any]  # the manager's loggers (and placeholders) by name


def _logger_state(logger: logging.Logger) -> _LoggerState:
    return (logger, logger.handlers[:], logger.filters[:], logger.level, logger.propagate, logger.disabled)


def _take_logging() -> _Logging:
    manager = logging.Logger.manager
    loggers = dict(manager.loggerDict)
    states = [_logger_state(logging.root)]
    states += [_logger_state(logger) for logger in loggers.values() if isinstance(logger, logging.Logger)]
    return _Logging(manager.disable, states, loggers)


def _put_logging(saved: _Logging) -> None:
    """Every logger as it was; a logger created during the run as a new one is (but for the
    NullHandlers libraries add at import); handlers the run made and dropped here closed."""
    dropped: list[logging.Handler] = []
    changed = False

    def put(state: _LoggerState) -> None:
        nonlocal changed
        logger, handlers, filters, level, propagate, disabled = state
        if (logger.level, logger.propagate, logger.disabled) == (level, propagate, disabled) and (
            logger.handlers == handlers and logger.filters == filters
        ):
            return
        changed = True
        dropped.extend(handler for handler in logger.handlers if handler not in handlers)
        logger.handlers[:] = handlers
        logger.filters[:] = filters
        logger.level, logger.propagate, logger.disabled = level, propagate, disabled

    for state in saved.states:
        put(state)
    manager = logging.Logger.manager
    if manager.loggerDict != saved.loggers:
        for name, logger in list(manager.loggerDict.items()):
            if isinstance(logger, logging.Logger) and saved.loggers.get(name) is not logger:
                kept: list[logging.Handler] = [h for h in logger.handlers if isinstance(h, logging.NullHandler)]
                put((logger, kept, [], logging.NOTSET, True, False))
    if dropped:
        known = {id(handler) for state in saved.states for handler in state[1]}
        for handler in dropped:  # made by the run and left attached: files it opened, say
            if id(handler) not in known:
                with contextlib.suppress(Exception):  # one that cannot close holds nothing of ours
                    handler.close()
    if changed or manager.disable != saved.disable:
        logging.disable(saved.disable)  # also clears every logger's cache of enabled levels


def _take() -> _Snapshot:
    try:
        cwd: str | None = os.getcwd()
    except OSError:  # the test process works in a folder that no longer exists
        cwd = None
    return _Snapshot(
        argv=(sys.argv, list(sys.argv)),
        path=(sys.path, list(sys.path)),
        meta_path=(sys.meta_path, list(sys.meta_path)),
        cwd=cwd,
        environ=(os.environ, dict(_encoded(os.environ))),
        modules=dict(sys.modules),
        logging=_take_logging(),
        warnings=list(warnings.filters),
        streams=(sys.stdout, sys.stderr),
    )


def _put(saved: _Snapshot) -> None:
    run_only = saved.own_folders | {entry for entry in sys.path if entry not in saved.path[1]}
    sys.argv = saved.argv[0]
    sys.argv[:] = saved.argv[1]
    sys.path = saved.path[0]
    sys.path[:] = saved.path[1]
    sys.meta_path = saved.meta_path[0]
    sys.meta_path[:] = saved.meta_path[1]
    if saved.cwd is not None:
        # Unless the run deleted the folder the test was working in: there is nowhere to go back.
        with contextlib.suppress(OSError):
            os.chdir(saved.cwd)
    os.environ = saved.environ[0]  # noqa: B003 - the object a run may have replaced; its content below
    _put_environ(saved.environ[1])
    _put_modules(saved.modules, saved.own_names, run_only)
    _put_logging(saved.logging)
    if warnings.filters != saved.warnings:
        warnings.resetwarnings()  # tells the warnings machinery its filters changed
        filters: list[Any] = warnings.filters  # type: ignore[assignment]
        filters[:] = saved.warnings
    sys.stdout, sys.stderr = saved.streams


def _encoded(environ: Any) -> dict[Any, Any]:
    """``os.environ``'s own mapping of encoded names to encoded values: copying and comparing it
    costs next to nothing, where decoding every variable would not."""
    data: dict[Any, Any] = environ._data
    return data


def _put_environ(saved: dict[Any, Any]) -> None:
    environ = os.environ
    current = _encoded(environ)
    if current == saved:
        return
    for name in [name for name in current if name not in saved]:
        del environ[environ.decodekey(name)]
    for name, value in saved.items():
        if current.get(name) != value:
            environ[environ.decodekey(name)] = environ.decodevalue(value)


def _put_modules(saved: dict[str, Any], own_names: set[str], run_only: set[str]) -> None:
    if len(sys.modules) == len(saved) and sys.modules == saved:
        return
    folders = tuple(os.path.join(os.path.abspath(entry or os.curdir), "") for entry in run_only)
    for name, module in list(sys.modules.items()):
        if name in saved:
            continue
        # The run's own modules go; libraries it imported first stay imported, as after any
        # import (unloading C extensions again is not safe); an entry that is no module goes.
        if (
            name.partition(".")[0] in own_names
            or not isinstance(module, ModuleType)
            or _loaded_from(module, folders)
        ):
            del sys.modules[name]
    for name, module in saved.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module


def _loaded_from(module: ModuleType, folders: tuple[str, ...]) -> bool:
    if not folders:
        return False
    places = [getattr(module, "__file__", None), *(getattr(module, "__path__", None) or ())]
    return any(isinstance(place, str) and os.path.abspath(place).startswith(folders) for place in places)


def module_names(folder: Path) -> set[str]:
    """The top-level modules a folder first on ``sys.path`` provides: modules and packages (a
    folder without ``__init__.py`` is a namespace portion, which a regular module elsewhere beats)."""
    names = set()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return set()
    for entry in entries:
        name = entry.name
        if entry.is_dir():
            if name.isidentifier() and os.path.exists(os.path.join(entry.path, "__init__.py")):
                names.add(name)
        elif name.endswith(_MODULE_SUFFIXES):
            stem = name.split(".", 1)[0]
            if stem.isidentifier():
                names.add(stem)
    return names


# The rooms open now, in the order they opened; changed only under the lock.
_open: list[Room] = []
_lock = threading.Lock()


class Room:
    """The room of one run's code: ``with Room(output, error, ...):`` around the code.

    For a script, ``argv`` is its command line and ``folder`` its folder, put first on
    ``sys.path``: the folder's modules win over modules of the same names the test process holds
    (except those that are ``_PROTECTED``), which are back in place afterwards.
    """

    def __init__(
        self,
        output: IO[str],
        error: IO[str],
        *,
        argv: list[str] | None = None,
        folder: Path | None = None,
    ) -> None:
        self._output = RunOutput(output, error)
        self._argv = argv
        self._folder = folder
        self._snapshot: _Snapshot | None = None
        self._token: Any = None

    def __enter__(self) -> Room:
        self._token = route(self._output)  # before the snapshot: the routers are what it puts back
        with _lock:
            try:
                self._snapshot = saved = _take()
            except BaseException:
                unroute(self._output, self._token)
                raise
            _open.append(self)
        try:
            self._arrange(saved)
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _arrange(self, saved: _Snapshot) -> None:
        """The run's command line, and its folder first on ``sys.path`` with its modules winning."""
        if self._argv is not None:
            sys.argv = list(self._argv)
        if self._folder is not None:
            sys.path.insert(0, str(self._folder))
            saved.own_folders.add(str(self._folder))
            own = module_names(self._folder) - _PROTECTED
            saved.own_names |= own
            _hide(own)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with _lock:
            index = _open.index(self)
            saved = self._snapshot
            assert saved is not None
            if index == len(_open) - 1:
                _put(saved)
            else:  # a room opened later is still open: it puts back the older state when it closes
                later = _open[index + 1]._snapshot
                assert later is not None
                saved.own_folders |= later.own_folders
                saved.own_names |= later.own_names
                _open[index + 1]._snapshot = saved
            del _open[index]
        unroute(self._output, self._token)


def _hide(names: Iterable[str]) -> None:
    """Take the test process's modules of these names out of ``sys.modules`` for the run."""
    names = set(names)
    if not names:
        return
    for name in [name for name in sys.modules if name.partition(".")[0] in names]:
        del sys.modules[name]
