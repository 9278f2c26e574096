"""What a job's script runs in: the run it belongs to, and, when it first uses Spark, a scope
of the one Spark (see ``session``). Without PySpark installed there is nothing to set up: a
script that imports ``awsglue.context`` then fails naming the ``spark`` extra."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from . import run, session
from .run import JobRun


@functools.lru_cache(maxsize=1)
def pyspark_installed() -> bool:
    return "pyspark" in sys.modules or importlib.util.find_spec("pyspark") is not None


@contextmanager
def script_run(job_run: JobRun, spark: bool) -> Iterator[None]:
    """The code of ``job_run`` runs inside: with ``spark`` (a glueetl job), on the one Spark."""
    if not spark or not pyspark_installed():
        with run.running(job_run):
            yield
        return
    from . import s3_access  # noqa: F401  (wraps Spark's readers and writers when Spark starts)

    session.prepare()
    with run.running(job_run), session.run_scope():
        yield
