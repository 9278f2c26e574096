"""``ApplyMapping``. AWS: "ApplyMapping class"."""

from __future__ import annotations

from typing import Any

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class ApplyMapping(GlueTransform):
    """Only the mapped fields, renamed and cast. AWS: "ApplyMapping class"."""

    _description = "Apply a declarative mapping to this DynamicFrame."
    _returns = ("DynamicFrame", "DynamicFrame after applying mappings.")
    _args = (
        (
            "mappings",
            "List[Tuple]",
            "Mapping tuples (source path, source type, target path, target type)",
        ),
        ("case_sensitive", "Boolean", "Whether source names match case-sensitively"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        mappings: Any,
        case_sensitive: bool = False,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.apply_mapping(
            mappings, case_sensitive, transformation_ctx, info, stageThreshold, totalThreshold
        )
