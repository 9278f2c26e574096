"""The pytest face of pytest-gluejobs: fixtures, loaded through the ``pytest11`` entry point."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._fake import GlueJobs


@pytest.fixture
def glue_jobs() -> Iterator[GlueJobs]:
    """A fresh, empty fake that answers every Glue client during the test."""
    with GlueJobs() as fake:
        yield fake
