"""``DropNullFields``. AWS: "DropNullFields class"."""

from __future__ import annotations

from .. import _fields, _paths
from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class DropNullFields(GlueTransform):
    """The frame without the fields that are null or missing in every record.

    AWS: "DropNullFields class" ("fields with missing or null values in every record"). Like
    Glue's, it looks into structs and into arrays of structs, prints ``null_fields [...]``, and
    drops them with DropFields.
    """

    _description = "Drop all null fields in this DynamicFrame"
    _returns = ("DynamicFrame", "DynamicFrame without null fields.")

    def __call__(
        self,
        frame: DynamicFrame,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        if not isinstance(frame, DynamicFrame):
            raise TypeError(
                f"DropNullFields: frame must be a DynamicFrame, got {type(frame).__name__}"
            )
        null_fields = [_paths.join(names) for names in _fields.null_fields(frame.toDF())]
        print("null_fields", null_fields)
        return frame.drop_fields(
            null_fields, transformation_ctx, info, stageThreshold, totalThreshold
        )
