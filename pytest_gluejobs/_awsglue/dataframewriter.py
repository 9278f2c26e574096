"""``awsglue.dataframewriter``: ``DataFrameWriter``, ``glueContext.write_data_frame``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["DataFrameWriter"]


class DataFrameWriter:
    """``glueContext.write_data_frame``: ``from_catalog``."""

    def __init__(self, glue_context: Any) -> None:
        self._glue_context = glue_context

    def from_catalog(self, frame: DataFrame, *args: Any, **kwargs: Any) -> Any:
        return self._glue_context.write_data_frame_from_catalog(frame, *args, **kwargs)
