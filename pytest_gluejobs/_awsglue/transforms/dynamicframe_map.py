"""``Map``. AWS: "Map class"."""

from __future__ import annotations

from typing import Any, Callable

from ..dynamicframe import DynamicFrame
from ..gluetypes import DynamicRecord
from .transform import GlueTransform


class Map(GlueTransform):
    """Each record as a function returns it. AWS: "Map class"."""

    _description = (
        "Builds a new DynamicFrame by applying a function to all records in the input DynamicFrame"
    )
    _returns = ("DynamicFrame", "New DynamicFrame with DynamicRecords as a result of a function")
    _args = (
        ("f", "Function", "Takes a DynamicRecord and returns the DynamicRecord to keep"),
        ("preservesPartitioning", "Boolean", "Whether the partitioning is kept"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        f: Callable[[DynamicRecord], Any],
        preservesPartitioning: bool = False,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.map(
            f, preservesPartitioning, transformation_ctx, info, stageThreshold, totalThreshold
        )
