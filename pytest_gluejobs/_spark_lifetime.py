"""The one Spark over pytest's sessions: its settings handed over when pytest starts, the local
copies of moto's S3 objects forgotten after each test, Spark stopped with the outermost session.

Imports no PySpark, nor Spark's modules: they are touched only when the suite gives Spark settings
or something else loaded them already, so a suite without Spark loads nothing for it.
"""

from __future__ import annotations

import sys

import pytest

from ._options import SPARK_SETTINGS

_SESSION = "pytest_gluejobs._spark.session"
_S3_ACCESS = "pytest_gluejobs._spark.s3_access"
# The pytest runs under way in this process, outermost first (pytester runs pytest inside pytest).
_runs: list[pytest.Config] = []
# The settings before this run's, put back when it ends: a nested session must put back the outer
# one's.
_settings_before = pytest.StashKey[dict[str, str]]()


def configure(config: pytest.Config) -> None:
    # Counted before anything can fail: pytest unconfigures a run whose configure raised.
    _runs.append(config)
    lines = [str(line) for line in config.getini(SPARK_SETTINGS)]
    if lines or _SESSION in sys.modules:
        from ._spark import session

        try:
            settings = session.parse_settings(lines)
        except ValueError as error:
            raise pytest.UsageError(f"pytest-gluejobs: ini option {SPARK_SETTINGS}: {error}") from None
        config.stash[_settings_before] = session.configure(settings)


def after_test() -> None:
    # What a test put in moto's S3 ends with the test: so do the local copies Spark read.
    s3_access = sys.modules.get(_S3_ACCESS)
    if s3_access is not None:
        s3_access.forget()


def unconfigure(config: pytest.Config) -> None:
    if config not in _runs:  # refused at startup, before it was counted
        return
    _runs.remove(config)
    session = sys.modules.get(_SESSION)
    if session is None:  # no test started Spark, and no settings were given
        return
    if not _runs:  # the outermost run stops Spark
        session.stop()
    if _settings_before in config.stash:
        session.configure(config.stash[_settings_before])
