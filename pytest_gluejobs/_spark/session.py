"""One Spark per process, started on first use and stopped when the last pytest session ends.

Local mode by default (two cores, no UI, two shuffle partitions, UTC as Glue runs); the ini option
``glue_jobs_spark`` adds or replaces settings, ``spark.master`` among them, so a suite can point at
a Spark cluster instead. A job's script gets this Spark whichever way it asks: ``SparkContext()``,
``SparkContext.getOrCreate()``, ``SparkSession.builder.getOrCreate()`` or ``GlueContext(sc)``;
its ``sc.stop()`` or ``spark.stop()`` does nothing, since later runs and tests share it.

Each run and each test that asks for a ``GlueContext`` works in a **scope**: a session of the one
Spark apart from the one tests start with, made the one scripts find. When the scope ends the
session is put back as it was (temporary views it made dropped, SQL settings and current database
restored) and kept for the next scope, and what the scope left in shared places — global temporary
views, tables and databases in the session catalog, cached data and persisted RDDs — is dropped.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SparkUnavailableError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: The settings of the one Spark unless the ini option says otherwise.
DEFAULTS: dict[str, str] = {
    "spark.master": "local[2]",
    "spark.app.name": "pytest-gluejobs",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    # Glue runs its jobs in UTC.
    "spark.sql.session.timeZone": "UTC",
}
# Only for local mode: a cluster must reach the driver by the machine's name.
_LOCAL_DEFAULTS = {"spark.driver.bindAddress": "127.0.0.1", "spark.driver.host": "127.0.0.1"}

_lock = threading.RLock()
_settings: dict[str, str] = {}
_shared: SparkSession | None = None
_starting = False
_workdir: Path | None = None
# The sessions scripts find, innermost last (SparkSession.builder.getOrCreate, SQLContext).
_scopes: list[SparkSession] = []
# A session for each depth of nested scopes, kept for the next scope at that depth: a new Spark
# session costs its first query 100-200 ms of setting up, putting a kept one back far less.
_kept: list[SparkSession] = []
# Inside run_scope: empty until the run first uses Spark, then the ExitStack of its scope.
_pending_scope: ContextVar[list[ExitStack] | None] = ContextVar("pytest_gluejobs_run_scope", default=None)
# Called with the session each time Spark starts (s3_access wraps Spark's readers and writers).
_when_started: list[Callable[[SparkSession], None]] = []


def parse_settings(lines: list[str]) -> dict[str, str]:
    """``key=value`` lines of Spark settings; a line that is not one is a ValueError naming it."""
    settings: dict[str, str] = {}
    for line in lines:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key.startswith("spark.") or not value:
            raise ValueError(
                f"{line!r} is not a Spark setting: give one 'key=value' a line, the key starting "
                "with 'spark.', e.g. 'spark.master=local[1]' or 'spark.sql.shuffle.partitions=4'"
            )
        settings[key] = value
    return settings


def configure(settings: Mapping[str, str]) -> dict[str, str]:
    """The settings Spark starts with (the ini option's), applied when it starts; the ones before."""
    with _lock:
        before = dict(_settings)
        _settings.clear()
        _settings.update(settings)
        return before


def settings() -> dict[str, str]:
    """Every setting Spark starts (or started) with: the defaults, then the configured ones."""
    chosen = {**DEFAULTS, **_settings}
    if chosen["spark.master"].startswith("local"):
        chosen = {**_LOCAL_DEFAULTS, **chosen}
    return chosen


def started() -> bool:
    return _shared is not None


def shared() -> SparkSession:
    """The process's Spark session, started now if it is not running yet."""
    global _shared, _starting
    with _lock:
        if _shared is not None:
            return _shared
        problem = _java_problem()
        if problem is not None:
            raise SparkUnavailableError(_java_message(problem))
        from pyspark import SparkContext
        from pyspark.sql import SparkSession

        _patch_pyspark()
        builder = SparkSession.builder
        for key, value in _startup_settings().items():
            builder = builder.config(key, value)
        _starting = True
        try:
            session = builder.getOrCreate()
        except Exception as error:  # pyspark's own error when the JVM does not come up
            if "JAVA_GATEWAY_EXITED" in str(error) or "Java gateway process exited" in str(error):
                raise SparkUnavailableError(_java_message(f"Java could not start Spark ({error})")) from error
            raise
        finally:
            _starting = False
        context: SparkContext = session.sparkContext
        if "PYSPARK_PYTHON" not in os.environ:
            # PySpark starts its workers with PYSPARK_PYTHON, else whatever `python3` is on PATH;
            # they must run this interpreter, with its packages (a virtual environment's).
            context.pythonExec = _startup_settings()["spark.pyspark.python"]
        context.setLogLevel("ERROR")
        # A script's sc.stop() must not stop what later runs and tests share.
        setattr(context, "stop", _ignored_stop)  # noqa: B010 (typed or not, as PySpark is installed)
        _shared = session
        atexit.register(stop)
        for hook in _when_started:
            hook(session)
        return session


def when_started(hook: Callable[[SparkSession], None]) -> None:
    """Call ``hook(session)`` each time Spark starts (now, if it runs)."""
    with _lock:
        if hook not in _when_started:
            _when_started.append(hook)
            if _shared is not None:
                hook(_shared)


def current() -> SparkSession:
    """The session of the innermost scope, else the shared one (started if need be).

    Inside ``run_scope`` the run's scope opens here, at the run's first use of Spark.
    """
    pending = _pending_scope.get()
    if pending is not None and not pending:
        pending.append(ExitStack())
        pending[0].enter_context(scope())
    return _scopes[-1] if _scopes else shared()


@contextmanager
def run_scope() -> Iterator[None]:
    """A scope for a run, opened when the run first uses Spark: a run that never does (its script
    fails before) starts no Spark."""
    pending: list[ExitStack] = []
    token = _pending_scope.set(pending)
    try:
        yield
    finally:
        _pending_scope.reset(token)
        if pending:
            pending[0].close()


def prepare() -> None:
    """Before a script runs: ``SparkContext()`` and ``SparkSession.builder`` get the one Spark."""
    with _lock:
        _patch_pyspark()


@contextmanager
def scope() -> Iterator[SparkSession]:
    """A session of the one Spark for one run or test, put back as it was when the scope ends."""
    root = shared()
    with _lock:
        depth = len(_scopes)
        if depth == len(_kept):
            _kept.append(root.newSession())
        session = _kept[depth]
        _scopes.append(session)
    context = root.sparkContext
    own = _own_things(session)
    before = _shared_things(root)
    includes = list(context._python_includes or [])
    # Python functions a run ships to Spark's workers may live in modules of its own folder, or in
    # the test's: the workers look where the driver does.
    context._python_includes = includes + [
        entry for entry in sys.path if entry and os.path.isdir(entry) and entry not in includes
    ]
    _make_current(session)
    try:
        yield session
    finally:
        with _lock:
            _scopes.remove(session)
        _make_current(_scopes[-1] if _scopes else root)
        context._python_includes = includes
        _put_back(session, own)
        _drop_new(root, before)


def stop() -> None:
    """Stop the process's Spark, if it runs; the next use starts a new one."""
    global _shared, _workdir
    with _lock:
        session, _shared = _shared, None
        _scopes.clear()
        _kept.clear()
        _jvm_states.clear()
        _session_states.clear()
        if session is not None:
            from pyspark.sql import SparkSession

            del session.sparkContext.stop
            _original_session_stop(session)
            SparkSession._instantiatedSession = None
            SparkSession._activeSession = None
        if _workdir is not None:
            shutil.rmtree(_workdir, ignore_errors=True)
            _workdir = None


def workdir() -> Path:
    """A folder of this process's Spark (its warehouse, its mirror of S3), removed at stop."""
    global _workdir
    with _lock:
        if _workdir is None:
            _workdir = Path(tempfile.mkdtemp(prefix="pytest-gluejobs-spark-"))
        return _workdir


# -- starting ------------------------------------------------------------------------------------


def _startup_settings() -> dict[str, str]:
    chosen = settings()
    # Spark's Python workers must run this interpreter, with its packages.
    chosen.setdefault("spark.pyspark.python", sys.executable)
    chosen.setdefault("spark.pyspark.driver.python", sys.executable)
    # Tables a script creates go to a folder of ours, not to the working directory.
    chosen.setdefault("spark.sql.warehouse.dir", str(workdir() / "warehouse"))
    chosen.setdefault("spark.driver.extraJavaOptions", f"-Dderby.system.home={workdir() / 'derby'}")
    return chosen


def _java_problem() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home:
        if not (Path(home) / "bin" / "java").exists():
            return f"JAVA_HOME is {home}, which has no bin/java"
        return None
    if shutil.which("java") is None:
        return "no java is on PATH and JAVA_HOME is not set"
    return None


def _java_message(problem: str) -> str:
    return (
        f"pytest-gluejobs: Spark needs Java 17 (the Java of Glue 5), and {problem}. Install a "
        "Java 17 runtime (e.g. `apt-get install openjdk-17-jre-headless`, `brew install openjdk@17`, "
        "or Temurin 17 from adoptium.net) and put its java on PATH or set JAVA_HOME."
    )


# -- what scripts see ----------------------------------------------------------------------------


def _make_current(session: SparkSession) -> None:
    from pyspark.sql import SparkSession
    from pyspark.sql.context import SQLContext

    SparkSession._instantiatedSession = session
    SparkSession._activeSession = session
    SQLContext._instantiatedContext = None
    sessions = _jvm_state(session).sessions
    sessions.setDefaultSession(session._jsparkSession)
    sessions.setActiveSession(session._jsparkSession)


def _ignored_stop() -> None:
    """A script's ``sc.stop()``: Spark keeps running for the next run or test."""


_original_session_stop: Any = None


def _patch_pyspark() -> None:
    """``SparkContext()`` returns the one Spark; stopping it from a script does nothing."""
    global _original_session_stop
    if _original_session_stop is not None:
        return
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    original_init = SparkContext.__init__
    _original_session_stop = SparkSession.stop

    def new(cls: type[SparkContext], *args: Any, **kwargs: Any) -> SparkContext:
        if cls is SparkContext and not _starting:
            return current().sparkContext
        return object.__new__(cls)

    original_get_or_create = SparkSession.Builder.getOrCreate

    def get_or_create(self: SparkSession.Builder) -> SparkSession:
        if not _starting:
            current()  # the run's scope, the session getOrCreate then returns
        return original_get_or_create(self)

    def init(self: SparkContext, *args: Any, **kwargs: Any) -> None:
        if _shared is not None and self is _shared.sparkContext:
            conf = kwargs.get("conf", args[7] if len(args) > 7 else None)
            if conf is not None:
                _apply_sql_settings(conf.getAll())
            return
        original_init(self, *args, **kwargs)

    def stop(self: SparkSession) -> None:
        if _shared is not None and self._sc is _shared.sparkContext:
            return
        _original_session_stop(self)

    # setattr: PySpark is typed where it is installed, Any where it is not; mypy checks both.
    for owner, name, patched in (
        (SparkContext, "__new__", new),
        (SparkContext, "__init__", init),
        (SparkSession, "stop", stop),
        (SparkSession.Builder, "getOrCreate", get_or_create),
    ):
        setattr(owner, name, patched)


def _apply_sql_settings(pairs: list[tuple[str, str]]) -> None:
    """A script's ``SparkContext(conf=...)``: its SQL settings apply to its session, as the
    others would have, had Spark started with them."""
    session = current()
    for key, value in pairs:
        if key.startswith("spark.sql.") and session.conf.isModifiable(key):
            session.conf.set(key, value)


# -- what a scope leaves behind ------------------------------------------------------------------


# Names cross from the JVM as one string, split here: iterating a Java collection costs a round
# trip per element, and its end a converted exception (about 10 ms).
_SEPARATOR = "\u0000"


def _names(seq: Any) -> set[str]:
    """A Scala sequence's elements, as strings, in one round trip."""
    joined = str(seq.mkString(_SEPARATOR))
    return set(joined.split(_SEPARATOR)) if joined else set()


def _shared_things(session: SparkSession) -> tuple[set[str], set[tuple[str, str]], int]:
    """Global temporary views, catalog databases and tables, the number of persisted RDDs."""
    state = _jvm_state(session)
    views = _names(state.global_views.listViewNames("*"))
    tables: set[tuple[str, str]] = set()
    for database in _names(state.catalog.listDatabases()):
        tables.add(("", database))
        tables |= {(database, table) for table in _names(state.catalog.listTables(database))}
    return views, tables, int(state.context.getPersistentRDDs().size())


@dataclass(frozen=True)
class _JvmState:
    """The JVM objects a scope reads, looked up once per Spark: each lookup is a round trip."""

    global_views: Any
    catalog: Any
    context: Any
    sessions: Any  # the JVM's SparkSession class


_jvm_states: dict[int, _JvmState] = {}


def _jvm_state(session: SparkSession) -> _JvmState:
    key = id(session.sparkContext)
    state = _jvm_states.get(key)
    if state is None:
        shared_state = session._jsparkSession.sharedState()
        jvm = session._jvm
        assert jvm is not None
        state = _JvmState(
            shared_state.globalTempViewManager(),
            shared_state.externalCatalog(),
            session.sparkContext._jsc,
            jvm.SparkSession,
        )
        _jvm_states[key] = state
    return state


def _drop_new(session: SparkSession, before: tuple[set[str], set[tuple[str, str]], int]) -> None:
    views, tables, persisted = _shared_things(session)
    old_views, old_tables, old_persisted = before
    for view in views - old_views:
        _jvm_state(session).global_views.remove(view)
    for database, name in sorted(tables - old_tables, reverse=True):  # tables before databases
        if database:
            session.sql(f"DROP TABLE IF EXISTS `{database}`.`{name}`")
        else:
            session.sql(f"DROP DATABASE IF EXISTS `{name}` CASCADE")
    session.catalog.clearCache()
    if persisted > old_persisted:
        # The scope's code persisted RDDs (Map keeps its results in the cache cleared above): every
        # RDD still persisted goes, the test's own too.
        for rdd in list(session.sparkContext._jsc.getPersistentRDDs().values()):
            rdd.unpersist(False)


def _own_things(session: SparkSession) -> tuple[set[str], Any, str]:
    """A session's temporary views, its SQL settings (the JVM's map) and current database."""
    catalog, conf = _session_state(session)
    views = {_unquoted(view) for view in _names(catalog.listLocalTempViews("*"))}
    return views, conf.getAllConfs(), str(catalog.getCurrentDatabase())


_session_states: dict[int, tuple[Any, Any]] = {}


def _session_state(session: SparkSession) -> tuple[Any, Any]:
    """A kept session's catalog and SQL settings in the JVM, looked up once."""
    found = _session_states.get(id(session))
    if found is None:
        state = session._jsparkSession.sessionState()
        found = _session_states[id(session)] = (state.catalog(), state.conf())
    return found


def _put_back(session: SparkSession, before: tuple[set[str], Any, str]) -> None:
    """The session as it was: views made since dropped, settings and database restored."""
    views, settings, database = _own_things(session)
    old_views, old_settings, old_database = before
    catalog, conf = _session_state(session)
    for view in views - old_views:
        catalog.dropTempView(view)
    if not settings.equals(old_settings):
        jvm = session._jvm
        assert jvm is not None
        properties = jvm.java.util.Properties()
        properties.putAll(jvm.scala.collection.JavaConverters.mapAsJavaMap(old_settings))
        conf.clear()
        conf.setConf(properties)
    if database != old_database:
        catalog.setCurrentDatabase(old_database)


def _unquoted(identifier: str) -> str:
    """A table identifier's name: Spark shows it quoted, `name`."""
    if identifier.startswith("`") and identifier.endswith("`"):
        return identifier[1:-1].replace("``", "`")
    return identifier
