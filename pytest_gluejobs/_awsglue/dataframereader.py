"""``awsglue.dataframereader``: ``DataFrameReader``, ``glueContext.create_data_frame``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["DataFrameReader"]


class DataFrameReader:
    """``glueContext.create_data_frame``: the same sources, as Spark DataFrames."""

    def __init__(self, glue_context: Any) -> None:
        self._glue_context = glue_context

    def from_options(self, *args: Any, **kwargs: Any) -> DataFrame:
        frame: DataFrame = self._glue_context.create_data_frame_from_options(*args, **kwargs)
        return frame

    def from_catalog(self, *args: Any, **kwargs: Any) -> DataFrame:
        frame: DataFrame = self._glue_context.create_data_frame_from_catalog(*args, **kwargs)
        return frame
