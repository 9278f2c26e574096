"""``Filter``. AWS: "Filter class"."""

from __future__ import annotations

from typing import Any, Callable

from ..dynamicframe import DynamicFrame
from ..gluetypes import DynamicRecord
from .transform import GlueTransform


class Filter(GlueTransform):
    """The records a predicate keeps. AWS: "Filter class"."""

    _description = "Builds a new DynamicFrame by selecting records from the input frame that satisfy the predicate function"
    _returns = ("DynamicFrame", "new DynamicFrame with DynamicRecords that matched the predicate")
    _args = (("f", "Function", "Takes a DynamicRecord and returns True to keep it"),)

    def __call__(
        self,
        frame: DynamicFrame,
        f: Callable[[DynamicRecord], Any],
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.filter(f, transformation_ctx, info, stageThreshold, totalThreshold)
