"""``Union``. AWS: aws-glue-libs' ``Union`` transform (no page of its own)."""

from __future__ import annotations

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class Union(GlueTransform):
    """Every record of both frames. aws-glue-libs: ``awsglue/transforms/union.py``."""

    _description = "Union two DynamicFrames."
    _returns = (
        "DynamicFrame",
        "DynamicFrame containing all records from both input DynamicFrames.",
    )
    _args = (
        ("frame1", "DynamicFrame", "First DynamicFrame to union."),
        ("frame2", "DynamicFrame", "Second DynamicFrame to union."),
    )

    def __call__(
        self,
        frame1: DynamicFrame,
        frame2: DynamicFrame,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        if not isinstance(frame1, DynamicFrame):
            raise TypeError(f"Union: frame1 must be a DynamicFrame, got {type(frame1).__name__}")
        return frame1.union(frame2, transformation_ctx, info, stageThreshold, totalThreshold)
