"""``ErrorsAsDynamicFrame``. AWS: "ErrorsAsDynamicFrame class"."""

from __future__ import annotations

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class ErrorsAsDynamicFrame(GlueTransform):
    """The error records behind a frame. AWS: "ErrorsAsDynamicFrame class"."""

    _description = "Get error records leading up to the source DynamicFrame"
    _returns = ("DynamicFrame", "new DynamicFrame with error DynamicRecords")

    def __call__(self, frame: DynamicFrame) -> DynamicFrame:
        if not isinstance(frame, DynamicFrame):
            raise TypeError(
                f"ErrorsAsDynamicFrame: frame must be a DynamicFrame, got {type(frame).__name__}"
            )
        return frame.errorsAsDynamicFrame()
