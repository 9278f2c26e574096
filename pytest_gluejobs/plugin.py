"""The pytest face of pytest-gluejobs, loaded through the ``pytest11`` entry point: its hooks and
fixtures, each handing the work to the module of its concern.

- ``_options``: the ini options, checked when pytest starts and read for each test's fake;
- ``_markers``: the ``glue_job``, ``glue_stack`` and ``glue_trigger`` markers (registration,
  near misses, activation, seeding);
- ``_report``: the sections a failing test's report gets, and errors shown from the user's line;
- ``_spark_lifetime``: the one Spark over pytest's sessions;
- ``_hooks``: the ``pytest_gluejobs_setup`` hookspec.

pytest loads this module for every run, so loading it must cost nothing: neither it nor those
modules import botocore, boto3, moto or pyspark, nor the modules of the fake that do (``_fake``,
``_seed``, ``_code``, ``_doubles``, ``_service``, ``_edge.endpoint``, ``_awsglue``, ``_spark``).
Code that needs them imports them inside the function that runs when a fake activates, as
``glue_jobs`` does; ``_edge.handlers`` hooks botocore when something else imports it.
``tests/plugin/test_lazy_load.py`` fails if a module-level import brings botocore back.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from . import _awsglue_import, _hooks, _markers, _options, _report, _spark_lifetime
from ._edge import handlers, unfaked

if TYPE_CHECKING:
    from ._fake import GlueJobs

# Test modules and conftest.py files may import awsglue (the stand-in, unless the real one is
# installed) as soon as pytest imports them.
_awsglue_import.install()

_call_passed = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    _options.declare(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(_hooks)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    # Before conftest.py files run: one that imports boto3 is seen the moment it does.
    handlers.hook_botocore()


def pytest_configure(config: pytest.Config) -> None:
    handlers.hook_botocore()  # again, for a plugin registered after the conftest files loaded
    _markers.register(config)
    _options.configure(config)
    _spark_lifetime.configure(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    _options.unconfigure(config)
    _spark_lifetime.unconfigure(config)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, None]:
    outcome = yield
    _markers.refuse_near_misses(collector, outcome.get_result())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _markers.activate_fake(items)


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
    _report.lead_to_the_users_line(item, call)
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when == "call":
        item.stash[_call_passed] = report.passed
    _report.add_sections(item, report)


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _spark_lifetime.after_test()


@pytest.fixture
def glue_jobs(request: pytest.FixtureRequest) -> Iterator[GlueJobs]:
    """A fresh, empty fake that answers every Glue client during the test.

    The ``pytest_gluejobs_setup`` hook runs first, then the ``glue_stack`` markers seed it, then
    the ``glue_job`` markers, then the ``glue_trigger`` markers.
    """
    from ._fake import GlueJobs  # botocore and the fake load with the first fake of the run

    ini = _options.settings(request.config)
    fake = GlueJobs(region=ini.region)
    fake.max_calls, fake.max_final_reads, fake.defaults = ini.max_calls, ini.max_final_reads, ini.defaults
    # Started and stopped here, not by ``with``: the fixture judges unused faults itself, and only
    # when the test passed.
    fake.start()
    patch = pytest.MonkeyPatch()
    try:
        _report.attach(request.node, fake)
        if _options.no_region_configured():
            # A client made without a region would fail; for this test it gets the fake's.
            patch.setenv("AWS_DEFAULT_REGION", fake.default_region)
        # Through the node's hook proxy, so only the conftest.py files on the test's path apply.
        request.node.ihook.pytest_gluejobs_setup(glue_jobs=fake)
        _markers.seed(fake, request.node, request.config.rootpath)
        yield fake
    finally:
        patch.undo()
        fake.stop()
    if request.node.stash.get(_call_passed, False):
        _check_expectations_met(fake)


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


def _check_expectations_met(fake: GlueJobs) -> None:
    __tracebackhide__ = True
    message = fake._expectations_not_met("the test")
    if message is not None:
        pytest.fail(message, pytrace=False)
