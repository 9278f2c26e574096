"""Hooks pytest-gluejobs calls, added to pytest through ``pytest_addhooks``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._fake import GlueJobs


@pytest.hookspec
def pytest_gluejobs_setup(glue_jobs: GlueJobs) -> None:
    """Prepare every test's fake before marker seeding and the test body run.

    Implement it in a ``conftest.py`` (or a plugin) to give every test a baseline, e.g. seed jobs
    with ``glue_jobs.add_job(...)`` or ``glue_jobs.load(...)``, or set ``glue_jobs.max_jobs``.
    It is called after the fake is active, from the ``conftest.py`` files on the test's path.
    """
