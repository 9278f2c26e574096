"""``Unbox``. AWS: "Unbox class"."""

from __future__ import annotations

from typing import Any

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class Unbox(GlueTransform):
    """A string field parsed into a struct. AWS: "Unbox class"."""

    _description = "unbox a string field"
    _returns = ("DynamicFrame", "new DynamicFrame with unboxed DynamicRecords")
    _args = (
        ("path", "String", "Full path to the string field to unbox"),
        ("format", "String", "json or csv"),
        ("options", "Keywords", "separator, escaper, skipFirst, withSchema, withHeader"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        path: str,
        format: str,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
        **options: Any,
    ) -> DynamicFrame:
        return frame.unbox(
            path, format, transformation_ctx, info, stageThreshold, totalThreshold, **options
        )
