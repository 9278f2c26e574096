"""``Coalesce``. AWS: "DynamicFrame class", coalesce."""

from __future__ import annotations

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class Coalesce(GlueTransform):
    """The records in at most a number of partitions. AWS: "DynamicFrame class", coalesce."""

    _description = "Coalesces a DynamicFrame."
    _returns = ("DynamicFrame", "The coalesced DynamicFrame.")
    _args = (
        ("num_partitions", "Integer", "Number of partitions"),
        ("shuffle", "Boolean", "Whether to shuffle the records evenly"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        num_partitions: int,
        shuffle: bool = False,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.coalesce(
            num_partitions, shuffle, transformation_ctx, info, stageThreshold, totalThreshold
        )
