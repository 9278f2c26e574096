"""``awsglue.dataframereader``: ``DataFrameReader``, ``glueContext.create_data_frame``."""

from .data_source import DataFrameReader

__all__ = ["DataFrameReader"]
