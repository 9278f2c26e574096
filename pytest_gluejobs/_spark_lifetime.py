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
# The pytest sessions running in this process (pytester runs pytest inside pytest).
_pytest_sessions = 0
# The settings before this run's, put back when it ends: a nested session must put back the outer
# one's.
_settings_before = pytest.StashKey[dict[str, str]]()


def configure(config: pytest.Config) -> None:
    global _pytest_sessions
    lines = [str(line) for line in config.getini(SPARK_SETTINGS)]
    if lines or _SESSION in sys.modules:
        from ._spark import session

        try:
            settings = session.parse_settings(lines)
        except ValueError as error:
            raise pytest.UsageError(f"pytest-gluejobs: ini option {SPARK_SETTINGS}: {error}") from None
        config.stash[_settings_before] = session.configure(settings)
    _pytest_sessions += 1


def after_test() -> None:
    # What a test put in moto's S3 ends with the test: so do the local copies Spark read.
    s3_access = sys.modules.get(_S3_ACCESS)
    if s3_access is not None:
        s3_access.forget()


def unconfigure(config: pytest.Config) -> None:
    global _pytest_sessions
    _pytest_sessions -= 1
    session = sys.modules.get(_SESSION)
    if session is None:  # no test started Spark, and no settings were given
        return
    if _pytest_sessions == 0:  # the outermost session stops Spark (pytester nests sessions)
        session.stop()
    if _settings_before in config.stash:
        session.configure(config.stash[_settings_before])
