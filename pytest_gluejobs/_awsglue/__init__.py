"""``awsglue`` for tests: the parts of AWS Glue's ETL library that jobs use, over PySpark.

Imported as ``awsglue`` wherever the real library is not installed (see ``_awsglue_import``).
This package needs no PySpark: ``awsglue.utils`` works without it, and ``DynamicFrame`` is
imported only when it is asked for, as ``from awsglue import DynamicFrame``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["DynamicFrame"]


def __getattr__(name: str) -> Any:
    if name == "DynamicFrame":
        # Only when asked for: ``awsglue.utils`` needs no PySpark, ``dynamicframe`` does.
        return importlib.import_module(f"{__name__}.dynamicframe").DynamicFrame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
