"""What a source or a sink uses of the ``GlueContext`` it was made for.

A Protocol rather than the class, so ``data_source`` and ``data_sink`` sit below ``context``,
which makes them, instead of importing it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from .._spark.bookmarks import Bookmarks


class ContextParts(Protocol):
    spark_session: SparkSession
    #: Which files this run's bookmarked sources read; set by ``Job.init``.
    _bookmarks: Bookmarks | None

    def _no_rows(self) -> DataFrame:
        """An empty frame with no columns (a sink's error frame)."""
        ...
