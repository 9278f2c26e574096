"""``UnnestFrame``. AWS: "UnnestFrame class"."""

from __future__ import annotations

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class UnnestFrame(GlueTransform):
    """Structs flattened into dotted top-level names. AWS: "UnnestFrame class"."""

    _description = "unnest a dynamic frame. i.e. flatten nested objects to top level elements."
    _returns = ("DynamicFrame", "new unnested DynamicFrame")

    def __call__(
        self,
        frame: DynamicFrame,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.unnest(transformation_ctx, info, stageThreshold, totalThreshold)
