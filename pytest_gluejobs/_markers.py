"""The markers ``glue_job``, ``glue_stack`` and ``glue_trigger``: registered with pytest, each alone
activates the fake, a near miss of their names is a collection error, and the fixture seeds the
test's fake from them.

Imports no botocore: the fake comes in as the fixture's argument.
"""

from __future__ import annotations

import contextlib
import difflib
import inspect
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._data.errors import GlueError

if TYPE_CHECKING:
    from ._fake import GlueJobs

JOB = "glue_job"
STACK = "glue_stack"
TRIGGER = "glue_trigger"
# The markers that seed one job or trigger by name, in the order they are seeded.
_NAMED = (JOB, TRIGGER)
# Every marker of the plugin: each alone activates the fake.
_MARKERS = (JOB, STACK, TRIGGER)
# What a test marked with a near miss of each would run without.
_SEEDS = {JOB: "job", STACK: "jobs and triggers", TRIGGER: "trigger"}


def register(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{JOB}(name, *, region=None, **fields): seed a Glue job into the test's fake by "
        "CreateJob's rules (pytest-gluejobs); the marker alone activates the fake",
    )
    config.addinivalue_line(
        "markers",
        f"{STACK}(path, *, parameters=None, region=None): seed the Glue jobs and triggers a "
        "CloudFormation template, a CDK cloud assembly's template or `terraform show -json` output "
        "defines, as glue_jobs.load does (pytest-gluejobs); the marker alone activates the fake",
    )
    config.addinivalue_line(
        "markers",
        f"{TRIGGER}(name, *, region=None, **fields): seed a Glue trigger into the test's "
        "fake by CreateTrigger's rules, after the glue_stack and glue_job markers "
        "(pytest-gluejobs); the marker alone activates the fake",
    )


# -- near misses --------------------------------------------------------------------------------


def refuse_near_misses(collector: pytest.Collector, report: pytest.CollectReport) -> None:
    """A test marked with a near miss of ``glue_job``, ``glue_stack`` or ``glue_trigger`` would run
    without what it seeds: the collection fails, naming the marker meant."""
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


# -- the marker alone activates the fake --------------------------------------------------------


def activate_fake(items: list[pytest.Item]) -> None:
    """Give every marked test the ``glue_jobs`` fixture, as time-machine's marker does its own."""
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


# -- seeding ------------------------------------------------------------------------------------


def seed(fake: GlueJobs, node: pytest.Item, root: Path) -> None:
    """Seed the test's fake from its markers: the stacks, then the jobs, then the triggers (a
    trigger names jobs, which must exist). A marker that cannot seed fails the test's setup."""
    __tracebackhide__ = True
    _seed_stacks(fake, node, root)
    _seed_named(fake, node)


def _seed_named(fake: GlueJobs, node: pytest.Item) -> None:
    """Seed every ``glue_job`` marker of the test, its class and its module, outer ones first;
    then every ``glue_trigger`` marker the same way.

    For one name in one region the marker closest to the test wins, so a test can replace a job
    its module or class seeds; the same name twice on one node is a mistake and errors.
    """
    __tracebackhide__ = True
    # What seeded a name before the named markers: the hook, and the stacks if the test has any.
    before = "the pytest_gluejobs_setup hook"
    if node.get_closest_marker(STACK) is not None:
        before += " or a glue_stack marker"
    for marker in _NAMED:
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
            problem = _seed_one(fake, mark, before)
            if problem is not None:
                # Raised outside the except block, so the report shows the message alone.
                pytest.fail(f"{_show_marker(mark)} could not seed the {what}: {problem}", pytrace=False)


def _seed_stacks(fake: GlueJobs, node: pytest.Item, root: Path) -> None:
    """Load every ``glue_stack`` marker of the test, its class and its module, outer ones first;
    a relative path is read from pytest's rootdir, wherever pytest was started."""
    __tracebackhide__ = True
    for mark in reversed(list(node.iter_markers(STACK))):
        try:
            path, options = _stack_arguments(*mark.args, **mark.kwargs)
        except TypeError as error:
            pytest.fail(
                f"{_show_marker(mark)}: {error}; the marker takes "
                f"{STACK}(path, *, parameters=None, region=None)",
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


def _seed_one(fake: GlueJobs, mark: pytest.Mark, before: str) -> str | None:
    add = fake.add_job if mark.name == JOB else fake.add_trigger
    try:
        add(*mark.args, **mark.kwargs)
    except GlueError as error:
        if error.code == "AlreadyExistsException":
            return f"{error} (seeded before by {before})"
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
