"""The pytest face of pytest-gluejobs, loaded through the ``pytest11`` entry point.

Fixtures ``glue_jobs`` and ``glue_client``, the ``glue_job`` marker, the ``glue_jobs_region`` ini
option, the ``pytest_gluejobs_setup`` hook, the teardown check of unused faults and run states,
and the ``glue run logs`` section of a failing test's report.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Generator, Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import InvalidRegionError
from botocore.utils import validate_region_name

from . import _hooks
from ._data.errors import GlueError
from ._fake import GlueJobs

MARKER = "glue_job"
_call_passed = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "glue_jobs_region",
        "pytest-gluejobs: default region for seeding, glue_jobs.jobs() and glue_client "
        "(default: AWS_DEFAULT_REGION, else us-east-1)",
        default="",
    )


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(_hooks)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(name, *, region=None, **fields): seed a Glue job into the test's fake by "
        "CreateJob's rules (pytest-gluejobs); the marker alone activates the fake",
    )
    region = _ini_region(config)
    if region is not None:
        try:
            validate_region_name(region)
        except InvalidRegionError:
            raise pytest.UsageError(
                f"pytest-gluejobs: ini option glue_jobs_region = {region!r} is not a valid "
                "region name (e.g. us-east-1)"
            ) from None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The marker alone activates the fake, as time-machine's marker does for its fixture.
    for item in items:
        fixturenames: list[str] | None = getattr(item, "fixturenames", None)
        if (
            fixturenames is not None
            and "glue_jobs" not in fixturenames
            and item.get_closest_marker(MARKER) is not None
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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when == "call":
        item.stash[_call_passed] = report.passed
        fake = getattr(item, "funcargs", {}).get("glue_jobs")
        if report.failed and isinstance(fake, GlueJobs):
            logs = fake.failed_run_logs()
            if logs:
                report.sections.append(("glue run logs", logs))


@pytest.fixture
def glue_jobs(request: pytest.FixtureRequest) -> Iterator[GlueJobs]:
    """A fresh, empty fake that answers every Glue client during the test.

    The ``pytest_gluejobs_setup`` hook runs first, then the ``glue_job`` markers seed it.
    """
    with GlueJobs(region=_ini_region(request.config)) as fake:
        # Through the node's hook proxy, so only the conftest.py files on the test's path apply.
        request.node.ihook.pytest_gluejobs_setup(glue_jobs=fake)
        _seed_from_markers(fake, request.node)
        yield fake
        if request.node.stash.get(_call_passed, False):
            _check_faults_used(fake)
            _check_states_used(fake)


@pytest.fixture
def glue_client(glue_jobs: GlueJobs) -> Any:
    """A boto3 Glue client in the fake's default region, answered by the test's fake."""
    return boto3.client("glue", region_name=glue_jobs.default_region)


def _ini_region(config: pytest.Config) -> str | None:
    value = config.getini("glue_jobs_region")
    return str(value).strip() or None


def _seed_from_markers(fake: GlueJobs, node: pytest.Item) -> None:
    """Seed every ``glue_job`` marker of the test, its class and its module, outer ones first.

    For one name in one region the marker closest to the test wins, so a test can replace a job
    its module or class seeds; the same name twice on one node is a mistake and errors.
    """
    __tracebackhide__ = True
    # (region, name) -> the node whose marker seeds it, and that marker; closest node first.
    chosen: dict[tuple[str, str], tuple[object, pytest.Mark]] = {}
    for marked, mark in node.iter_markers_with_node(MARKER):
        key = _marker_key(fake, mark)
        if key in chosen:
            owner, first = chosen[key]
            if owner is marked:
                pytest.fail(
                    f"{_show_marker(first)} and {_show_marker(mark)} on "
                    f"{marked.nodeid or marked.name} both seed job {key[1]!r} in {key[0]}: give a "
                    "job one marker per test, class or module",
                    pytrace=False,
                )
            continue
        chosen[key] = (marked, mark)
    for _, mark in reversed(list(chosen.values())):
        problem = _seed(fake, mark)
        if problem is not None:
            # Raised outside the except block, so the report shows the message alone.
            pytest.fail(f"{_show_marker(mark)} could not seed the job: {problem}", pytrace=False)


def _seed(fake: GlueJobs, mark: pytest.Mark) -> str | None:
    try:
        fake.add_job(*mark.args, **mark.kwargs)
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
        pytest.fail(
            f"{_show_marker(mark)}: takes the job name as its one positional argument, "
            f"then keyword arguments: {MARKER}(name, *, region=None, **fields)",
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
    text = f"@pytest.mark.{MARKER}({', '.join(shown)})"
    return text if len(text) <= 200 else text[:197] + "..."


def _check_faults_used(fake: GlueJobs) -> None:
    __tracebackhide__ = True
    unused = fake.unused_faults()
    if unused:
        listed = "\n".join(f"  {fault}" for fault in unused)
        pytest.fail(
            f"pytest-gluejobs: {len(unused)} injected fault(s) not used up by the end of the test:\n"
            f"{listed}\nThe code under test made fewer calls than the test expected; if that is "
            f"fine, pass required=False to glue_jobs.fail() (README: 'Faults').",
            pytrace=False,
        )


def _check_states_used(fake: GlueJobs) -> None:
    __tracebackhide__ = True
    unused = fake.unused_states()
    if unused:
        listed = "\n".join(f"  {states}" for states in unused)
        pytest.fail(
            f"pytest-gluejobs: {len(unused)} job(s) given run_states had no run that showed them:\n"
            f"{listed}\nCheck the job name; if no run is expected, pass required=False to "
            "glue_jobs.run_states() (docs: Job runs).",
            pytrace=False,
        )
