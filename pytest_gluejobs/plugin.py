"""The pytest face of pytest-gluejobs, loaded through the ``pytest11`` entry point.

Fixtures ``glue_jobs``, ``glue_client`` and ``glue_context``, the ``glue_job``, ``glue_stack`` and
``glue_trigger`` markers (and the collection error for a near miss of their names), the
``glue_jobs_region``, ``glue_jobs_max_calls``, ``glue_jobs_max_final_reads``,
``glue_jobs_require_fake``, ``glue_jobs_defaults`` and ``glue_jobs_spark`` ini options, the
``pytest_gluejobs_setup`` hook, the teardown check of unused faults and run states, and the ``glue
calls`` and ``glue run logs`` sections of a failing test's report.

pytest loads this module for every run, so loading it must cost nothing: it imports no botocore,
boto3, moto or pyspark, nor the modules of the fake that do (``_fake``, ``_seed``, ``_code``,
``_doubles``, ``_service``, ``_edge.endpoint``, ``_awsglue``, ``_spark``). Code here that needs
them imports them inside the function that runs when a fake activates, as ``glue_jobs`` does;
``_edge.handlers`` hooks botocore when something else imports it.
``tests/plugin/test_lazy_load.py`` fails if a module-level import brings botocore back.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import inspect
import os
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pytest

from . import _awsglue_import, _hooks
from ._data.errors import (
    EndlessPollingError,
    GlueError,
    NoFakeActiveError,
    NoFakeActiveWarning,
    NotFakedError,
)
from ._data.options import (
    DEFAULT_MAX_CALLS,
    DEFAULT_MAX_FINAL_READS,
    check_max_calls,
    check_max_final_reads,
    is_region_name,
)
from ._edge import handlers, unfaked

if TYPE_CHECKING:
    from ._doubles.calls import Call
    from ._fake import GlueJobs

# Test modules and conftest.py files may import awsglue (the stand-in, unless the real one is
# installed) as soon as pytest imports them.
_awsglue_import.install()

MARKER = "glue_job"
STACK_MARKER = "glue_stack"
TRIGGER_MARKER = "glue_trigger"
# The markers that seed one job or trigger by name, in the order they are seeded.
_NAMED_MARKERS = (MARKER, TRIGGER_MARKER)
# Every marker of the plugin: each alone activates the fake.
_MARKERS = (MARKER, STACK_MARKER, TRIGGER_MARKER)
# What a test marked with a near miss of each would run without.
_SEEDS = {MARKER: "job", STACK_MARKER: "jobs and triggers", TRIGGER_MARKER: "trigger"}
DEFAULTS = "glue_jobs_defaults"
SPARK_SETTINGS = "glue_jobs_spark"
MAX_FINAL_READS = "glue_jobs_max_final_reads"
REQUIRE_FAKE = "glue_jobs_require_fake"
REPORT_SECTION = "glue calls"
_call_passed = pytest.StashKey[bool]()
_fake_of_test = pytest.StashKey["GlueJobs"]()
_reported = pytest.StashKey[bool]()
# A failing test's report lists the first and the last calls, and counts those between.
_REPORT_HEAD, _REPORT_TAIL = 10, 40
# The setting before this run's, put back when it ends (pytester runs pytest inside pytest).
_required_before = pytest.StashKey[bool]()
_spark_settings_before = pytest.StashKey[dict[str, str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "glue_jobs_region",
        "pytest-gluejobs: default region for seeding, glue_jobs.jobs() and glue_client "
        "(default: AWS_DEFAULT_REGION, else us-east-1)",
        default="",
    )
    parser.addini(
        "glue_jobs_max_calls",
        f"pytest-gluejobs: how many calls each test's call log keeps, the latest (default "
        f"{DEFAULT_MAX_CALLS})",
        default="",
    )
    parser.addini(
        MAX_FINAL_READS,
        "pytest-gluejobs: reads in a row of a finished job run allowed before a read raises "
        f"EndlessPollingError (default {DEFAULT_MAX_FINAL_READS}; 0 turns the guard off)",
        default="",
    )
    parser.addini(
        SPARK_SETTINGS,
        "pytest-gluejobs: Spark settings for Glue ETL scripts, one key=value a line, e.g. "
        "spark.master=spark://host:7077 (default: local[2], no UI, 2 shuffle partitions)",
        type="linelist",
        default=[],
    )
    parser.addini(
        REQUIRE_FAKE,
        "pytest-gluejobs: a Glue call made while no fake is active raises NoFakeActiveError "
        "instead of going to AWS (default: false)",
        type="bool",
        default=False,
    )
    parser.addini(
        DEFAULTS,
        "pytest-gluejobs: whose defaults CreateJob fills in: documented (Glue's API reference: "
        "GlueVersion 0.9, Timeout 2880) or current (today's documentation: GlueVersion 5.1, "
        "Timeout 480 from Glue 5.0, the newer worker types) (default: documented)",
        default="",
    )


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(_hooks)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    # Before conftest.py files run: one that imports boto3 is seen the moment it does.
    handlers.hook_botocore()


def pytest_configure(config: pytest.Config) -> None:
    handlers.hook_botocore()  # again, for a plugin registered after the conftest files loaded
    config.addinivalue_line(
        "markers",
        f"{MARKER}(name, *, region=None, **fields): seed a Glue job into the test's fake by "
        "CreateJob's rules (pytest-gluejobs); the marker alone activates the fake",
    )
    config.addinivalue_line(
        "markers",
        f"{STACK_MARKER}(path, *, parameters=None, region=None): seed the Glue jobs and triggers a "
        "CloudFormation template, a CDK cloud assembly's template or `terraform show -json` output "
        "defines, as glue_jobs.load does (pytest-gluejobs); the marker alone activates the fake",
    )
    config.addinivalue_line(
        "markers",
        f"{TRIGGER_MARKER}(name, *, region=None, **fields): seed a Glue trigger into the test's "
        "fake by CreateTrigger's rules, after the glue_stack and glue_job markers "
        "(pytest-gluejobs); the marker alone activates the fake",
    )
    region = _ini_region(config)
    if region is not None and not is_region_name(region):
        raise pytest.UsageError(
            f"pytest-gluejobs: ini option glue_jobs_region = {region!r} is not a valid "
            "region name (e.g. us-east-1)"
        )
    _ini_max_calls(config)
    _ini_max_final_reads(config)
    _ini_defaults(config)
    if config.getini(REQUIRE_FAKE):
        config.stash[_required_before] = handlers.require_fake(True)
    _configure_spark(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _required_before in config.stash:
        handlers.require_fake(config.stash[_required_before])
    global _pytest_sessions
    _pytest_sessions -= 1
    spark_session = sys.modules.get(_SPARK_SESSION)
    if spark_session is None:  # no test started Spark, and no settings were given
        return
    if _pytest_sessions == 0:  # the outermost session stops Spark (pytester nests sessions)
        spark_session.stop()
    if _spark_settings_before in config.stash:
        spark_session.configure(config.stash[_spark_settings_before])


# Spark's settings are handed over only when the suite gives some, or Spark's module is loaded
# already (a nested session must put back the outer one's): a suite without Spark loads nothing.
_SPARK_SESSION = "pytest_gluejobs._spark.session"
# The pytest sessions running in this process (pytester runs pytest inside pytest).
_pytest_sessions = 0


def _configure_spark(config: pytest.Config) -> None:
    global _pytest_sessions
    lines = [str(line) for line in config.getini(SPARK_SETTINGS)]
    if lines or _SPARK_SESSION in sys.modules:
        from ._spark import session as spark_session

        try:
            settings = spark_session.parse_settings(lines)
        except ValueError as error:
            raise pytest.UsageError(f"pytest-gluejobs: ini option {SPARK_SETTINGS}: {error}") from None
        config.stash[_spark_settings_before] = spark_session.configure(settings)
    _pytest_sessions += 1


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, None]:
    """A test marked with a near miss of ``glue_job``, ``glue_stack`` or ``glue_trigger`` would run
    without what it seeds: a collection error."""
    outcome = yield
    report: pytest.CollectReport = outcome.get_result()
    if not report.passed:
        return
    registered = _registered_markers(collector.config)
    problems: dict[str, str] = {}
    for node in report.result:
        if isinstance(node, pytest.Item):
            for mark in node.iter_markers():
                meant = None if mark.name in problems else _near_miss(mark.name, registered)
                if meant is not None:
                    problems[mark.name] = (
                        f"@pytest.mark.{mark.name} on {node.nodeid}: did you mean "
                        f"@pytest.mark.{meant}? pytest-gluejobs knows no marker {mark.name!r}, "
                        f"so the test would run without its {_SEEDS[meant]}"
                    )
    if problems:
        report.outcome = "failed"
        report.longrepr = "\n".join(problems.values())
        report.result = []


def _registered_markers(config: pytest.Config) -> set[str]:
    return {str(line).split(":")[0].split("(")[0].strip() for line in config.getini("markers")}


def _near_miss(name: str, registered: set[str]) -> str | None:
    """The plugin's marker a name is a near miss of, or None."""
    if name in _MARKERS or name in registered:
        return None
    folded = name.lower().replace("-", "_")
    close = difflib.get_close_matches(folded, _MARKERS, n=1, cutoff=0.8)
    return close[0] if close else None


def _ini_max_calls(config: pytest.Config) -> int:
    value = str(config.getini("glue_jobs_max_calls")).strip()
    if not value:
        return DEFAULT_MAX_CALLS
    try:
        return check_max_calls(int(value), "")
    except ValueError:
        raise pytest.UsageError(
            f"pytest-gluejobs: ini option glue_jobs_max_calls = {value!r} must be a whole number "
            f"of calls >= 1 (default {DEFAULT_MAX_CALLS})"
        ) from None


def _ini_max_final_reads(config: pytest.Config) -> int:
    value = str(config.getini(MAX_FINAL_READS)).strip()
    if not value:
        return DEFAULT_MAX_FINAL_READS
    try:
        return check_max_final_reads(int(value))
    except ValueError:
        raise pytest.UsageError(
            f"pytest-gluejobs: ini option {MAX_FINAL_READS} = {value!r} must be a whole number "
            f"of reads >= 0 (default {DEFAULT_MAX_FINAL_READS}; 0 turns the guard off)"
        ) from None


def _ini_defaults(config: pytest.Config) -> str:
    value = str(config.getini(DEFAULTS)).strip() or "documented"
    if value not in ("documented", "current"):
        raise pytest.UsageError(
            f"pytest-gluejobs: ini option {DEFAULTS} = {value!r} must be documented (Glue's API "
            "reference, the default) or current (today's documentation)"
        )
    return value


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Either marker alone activates the fake, as time-machine's marker does for its fixture.
    for item in items:
        fixturenames: list[str] | None = getattr(item, "fixturenames", None)
        if (
            fixturenames is not None
            and "glue_jobs" not in fixturenames
            and any(item.get_closest_marker(marker) is not None for marker in _MARKERS)
        ):
            fixturenames.insert(_first_own_fixture(item, fixturenames), "glue_jobs")


def _first_own_fixture(item: pytest.Item, fixturenames: list[str]) -> int:
    """Where the fake goes: after autouse fixtures, which may set the environment it reads, and
    before the fixtures the test asks for, which may already call Glue."""
    own: set[str] = set()
    function = getattr(item, "obj", None)
    if callable(function):
        with contextlib.suppress(TypeError, ValueError):
            own.update(inspect.signature(function).parameters)
    for mark in item.iter_markers("usefixtures"):
        own.update(str(name) for name in mark.args)
    positions = [index for index, name in enumerate(fixturenames) if name in own]
    return min(positions, default=len(fixturenames))


def pytest_runtest_teardown(item: pytest.Item) -> None:
    # What a test put in moto's S3 ends with the test: so do the local copies Spark read.
    s3_access = sys.modules.get("pytest_gluejobs._spark.s3_access")
    if s3_access is not None:
        s3_access.forget()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, Any, None]:
    # Glue calls no fake answers belong to this test: its warning names it, its report lists them.
    previous = unfaked.begin_test(item.nodeid)
    try:
        yield
    finally:
        unfaked.end_test(previous)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    _lead_to_the_users_line(item, call)
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when == "call":
        item.stash[_call_passed] = report.passed
    if not report.failed or item.stash.get(_reported, False):
        return
    fake = item.stash.get(_fake_of_test, None)
    if fake is not None:
        item.stash[_reported] = True
        report.sections.append((REPORT_SECTION, calls_report(fake)))
        logs = fake.failed_run_logs()
        if logs:
            report.sections.append(("glue run logs", logs))
        return
    unanswered = unfaked.report_lines()
    if unanswered:
        item.stash[_reported] = True
        report.sections.append((REPORT_SECTION, _no_fake_report(unanswered)))


# The plugin's errors about a Glue call, raised from inside botocore's handling of it: the frames
# between the user's call and the raise are botocore's and the plugin's, pages of them saying
# nothing the message does not. FakeInternalError keeps them: it reports a bug in the plugin.
_RAISED_IN_A_CALL = (NotFakedError, NoFakeActiveError, NoFakeActiveWarning, EndlessPollingError)


def _lead_to_the_users_line(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """Show such an error from the user's line: botocore's and the plugin's frames are unlinked
    from its traceback (``--fulltrace`` keeps them)."""
    excinfo = call.excinfo
    if excinfo is None or not isinstance(excinfo.value, _RAISED_IN_A_CALL):
        return
    if item.config.getoption("fulltrace", False):
        return
    # Relinked in place, not filtered in pytest's copy: pytest cuts its traceback at the test
    # function by following the raw links again.
    kept: list[TracebackType] = []
    frame: TracebackType | None = excinfo.tb
    while frame is not None:
        if not kept or not unfaked.in_libraries(frame.tb_frame.f_globals):
            kept.append(frame)
        frame = frame.tb_next
    for outer, inner in zip(kept, [*kept[1:], None]):
        outer.tb_next = inner
    excinfo.traceback = type(excinfo.traceback)(excinfo.tb)


def _no_fake_report(unanswered: list[str]) -> str:
    """The ``glue calls`` section of a test that had no fake: what its Glue calls met instead."""
    went = unfaked.any_sent()
    return "\n".join(
        [
            "No fake was active in this test, so pytest-gluejobs answered none of its Glue calls"
            + (": they went to AWS." if went else "."),
            *unanswered,
            f"To answer them from the fake, {unfaked.WAYS}.",
        ]
    )


def calls_report(fake: GlueJobs) -> str:
    """The ``glue calls`` section: each client call, what identifies it, and how it ended, then the
    calls refused (an operation the fake does not implement)."""
    from ._doubles.calls import client_calls

    calls = fake.calls
    groups = client_calls(calls)
    refused = unfaked.report_lines()
    lines = []
    if calls.dropped:
        lines.append(f"({calls.dropped:,} earlier calls dropped: the log keeps the last {fake.max_calls:,})")
    if not groups:
        lines.append("No Glue call was answered." if refused else "No Glue calls were made.")
    shown = list(enumerate(groups, calls.dropped + 1))
    if len(shown) > _REPORT_HEAD + _REPORT_TAIL:
        hidden = len(shown) - _REPORT_HEAD - _REPORT_TAIL
        shown = [*shown[:_REPORT_HEAD], (0, []), *shown[-_REPORT_TAIL:]]
    for number, group in shown:
        if not group:
            lines.append(f"  ... {hidden:,} calls not shown ...")
            continue
        lines.append(f"{number:>4}. " + _report_line(group))
    if refused:
        lines += ["Not answered by the fake:", *refused]
    lines.extend(_fire_lines(fake))
    return "\n".join(lines)


def _fire_lines(fake: GlueJobs) -> list[str]:
    """Which trigger started which run: the triggers' fires, oldest first."""
    fires = fake.service.fires()
    if not fires:
        return []
    lines = ["Triggers fired:"]
    for fire in fires[-(_REPORT_HEAD + _REPORT_TAIL) :]:
        when = datetime.datetime.fromtimestamp(fire.at, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        started = ", ".join(f"run {run_id} of job {job}" for job, run_id in fire.started) or "no run"
        line = f"  {fire.trigger} ({fire.reason}, {when} UTC, {fire.region}) -> {started}"
        line += "".join(f"; not {job}: {why}" for job, why in fire.not_started)
        if fire.left_out:
            line += f" ({fire.left_out:,} earlier fire times left out: max_catch_up is {fake.max_catch_up:,})"
        lines.append(line)
    return lines


# The params that say which job, run or resource a call was about.
_KEY_PARAMS = ("Name", "JobName", "RunId", "JobRunId", "JobRunIds", "JobNames", "ResourceArn")


def _report_line(group: list[Call]) -> str:
    first = group[0]
    params = first.params
    keys = ", ".join(f"{key}={_short(params[key])}" for key in _KEY_PARAMS if key in params)
    head = f"{first.operation}({keys}) in {first.region}"
    if len(group) == 1:
        again = f" (attempt {first.attempt})" if first.attempt > 1 else ""
        return f"{head} -> {_outcome(first)}{again}"
    attempts = "".join(f"\n        attempt {call.attempt}: {_outcome(call)}" for call in group)
    return f"{head} -> {group[-1].error or 'ok'} after {len(group)} attempts:{attempts}"


def _outcome(call: Call) -> str:
    if call.error is None:
        return "ok"
    said = call.explanation or call.message
    return f"{call.error}: {said}" if said else call.error


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@pytest.fixture
def glue_jobs(request: pytest.FixtureRequest) -> Iterator[GlueJobs]:
    """A fresh, empty fake that answers every Glue client during the test.

    The ``pytest_gluejobs_setup`` hook runs first, then the ``glue_stack`` markers seed it, then
    the ``glue_job`` markers.
    """
    from ._fake import GlueJobs  # botocore and the fake load with the first fake of the run

    fake = GlueJobs(region=_ini_region(request.config))
    fake.max_calls = _ini_max_calls(request.config)
    fake.max_final_reads = _ini_max_final_reads(request.config)
    defaults = _ini_defaults(request.config)
    if defaults != fake.defaults:
        fake.defaults = defaults
    # Started and stopped here, not by ``with``: the fixture judges unused faults itself, and only
    # when the test passed.
    fake.start()
    patch = pytest.MonkeyPatch()
    try:
        request.node.stash[_fake_of_test] = fake
        if _no_region_configured():
            # A client made without a region would fail; for this test it gets the fake's.
            patch.setenv("AWS_DEFAULT_REGION", fake.default_region)
        # Through the node's hook proxy, so only the conftest.py files on the test's path apply.
        request.node.ihook.pytest_gluejobs_setup(glue_jobs=fake)
        _seed_stacks(fake, request.node, request.config.rootpath)
        _seed_from_markers(fake, request.node)
        yield fake
    finally:
        patch.undo()
        fake.stop()
    if request.node.stash.get(_call_passed, False):
        _check_faults_used(fake)


@pytest.fixture
def glue_context() -> Iterator[Any]:
    """A ``GlueContext`` on the test session's one Spark, for unit tests of transforms.

    Its Spark session is the test's own: temporary views, SQL settings and caches it makes are
    gone after the test. Needs the ``spark`` extra (PySpark) and Java 17.
    """
    from ._awsglue.context import GlueContext
    from ._spark import s3_access  # noqa: F401  (serves s3:// paths when Spark starts)
    from ._spark import session as spark_session

    spark_session.prepare()
    with spark_session.scope() as spark:
        yield GlueContext(spark.sparkContext)


@pytest.fixture
def glue_client(glue_jobs: GlueJobs) -> Any:
    """A boto3 Glue client in the fake's default region, answered by the test's fake."""
    import boto3

    return boto3.client("glue", region_name=glue_jobs.default_region)


def _no_region_configured() -> bool:
    """No region in the environment or in the profile of the config file, where botocore looks.

    Read straight from the file: a botocore session would also ask the instance-metadata endpoint.
    """
    import botocore.configloader

    if os.environ.get("AWS_DEFAULT_REGION"):
        return False
    path = os.path.expanduser(os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config")
    profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE") or "default"
    try:
        profiles = botocore.configloader.load_config(path).get("profiles", {})
    except Exception:  # missing or unreadable: botocore finds no region there either
        return True
    return not profiles.get(profile, {}).get("region")


def _ini_region(config: pytest.Config) -> str | None:
    value = config.getini("glue_jobs_region")
    return str(value).strip() or None


def _seed_from_markers(fake: GlueJobs, node: pytest.Item) -> None:
    """Seed every ``glue_job`` marker of the test, its class and its module, outer ones first;
    then every ``glue_trigger`` marker the same way (a trigger names jobs, which must exist).

    For one name in one region the marker closest to the test wins, so a test can replace a job
    its module or class seeds; the same name twice on one node is a mistake and errors.
    """
    __tracebackhide__ = True
    for marker in _NAMED_MARKERS:
        what = marker.removeprefix("glue_")
        # (region, name) -> the node whose marker seeds it, and that marker; closest node first.
        chosen: dict[tuple[str, str], tuple[object, pytest.Mark]] = {}
        for marked, mark in node.iter_markers_with_node(marker):
            key = _marker_key(fake, mark)
            if key in chosen:
                owner, first = chosen[key]
                if owner is marked:
                    pytest.fail(
                        f"{_show_marker(first)} and {_show_marker(mark)} on "
                        f"{marked.nodeid or marked.name} both seed {what} {key[1]!r} in {key[0]}: "
                        f"give a {what} one marker per test, class or module",
                        pytrace=False,
                    )
                continue
            chosen[key] = (marked, mark)
        for _, mark in reversed(list(chosen.values())):
            problem = _seed(fake, mark)
            if problem is not None:
                # Raised outside the except block, so the report shows the message alone.
                pytest.fail(f"{_show_marker(mark)} could not seed the {what}: {problem}", pytrace=False)


def _seed_stacks(fake: GlueJobs, node: pytest.Item, root: Path) -> None:
    """Load every ``glue_stack`` marker of the test, its class and its module, outer ones first;
    a relative path is read from pytest's rootdir, wherever pytest was started."""
    __tracebackhide__ = True
    for mark in reversed(list(node.iter_markers(STACK_MARKER))):
        try:
            path, options = _stack_arguments(*mark.args, **mark.kwargs)
        except TypeError as error:
            pytest.fail(
                f"{_show_marker(mark)}: {error}; the marker takes "
                f"{STACK_MARKER}(path, *, parameters=None, region=None)",
                pytrace=False,
            )
        problem: str | None = None
        try:
            fake.load(root / path, **options)
        except (ValueError, TypeError, OSError, ImportError) as error:
            problem = str(error)
        if problem is not None:
            pytest.fail(f"{_show_marker(mark)} could not seed the stack: {problem}", pytrace=False)


def _stack_arguments(
    path: str | os.PathLike[str], *, parameters: dict[str, Any] | None = None, region: str | None = None
) -> tuple[Path, dict[str, Any]]:
    """The ``glue_stack`` marker's signature: Python itself checks the arguments against it."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path, got {path!r}")
    return Path(path), {"parameters": parameters, "region": region}


def _seed(fake: GlueJobs, mark: pytest.Mark) -> str | None:
    add = fake.add_job if mark.name == MARKER else fake.add_trigger
    try:
        add(*mark.args, **mark.kwargs)
    except GlueError as error:
        if error.code == "AlreadyExistsException":
            return f"{error} (seeded before by the pytest_gluejobs_setup hook)"
        return str(error)
    except (TypeError, ValueError) as error:
        return str(error)
    return None


def _marker_key(fake: GlueJobs, mark: pytest.Mark) -> tuple[str, str]:
    """(region, name) of a marker, checking its arguments against its documented signature."""
    __tracebackhide__ = True
    args, kwargs = mark.args, mark.kwargs
    if len(args) != 1 or not isinstance(args[0], str):
        what = mark.name.removeprefix("glue_")
        pytest.fail(
            f"{_show_marker(mark)}: takes the {what} name as its one positional argument, "
            f"then keyword arguments: {mark.name}(name, *, region=None, **fields)",
            pytrace=False,
        )
    region = kwargs.get("region")
    if region is not None and (not isinstance(region, str) or not region):
        pytest.fail(
            f"{_show_marker(mark)}: region must be a region name such as 'eu-west-1', got {region!r}",
            pytrace=False,
        )
    return (region or fake.default_region, args[0])


def _show_marker(mark: pytest.Mark) -> str:
    shown = [repr(arg) for arg in mark.args]
    shown += [f"{key}={value!r}" for key, value in mark.kwargs.items()]
    text = f"@pytest.mark.{mark.name}({', '.join(shown)})"
    return text if len(text) <= 200 else text[:197] + "..."


def _check_faults_used(fake: GlueJobs) -> None:
    __tracebackhide__ = True
    from ._fake import unused_message

    message = unused_message(fake._unused_expectations(), "the test")
    if message is not None:
        pytest.fail(message, pytrace=False)
