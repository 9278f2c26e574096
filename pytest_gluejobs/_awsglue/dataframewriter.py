"""``awsglue.dataframewriter``: ``DataFrameWriter``, ``glueContext.write_data_frame``."""

from .data_sink import DataFrameWriter

__all__ = ["DataFrameWriter"]
