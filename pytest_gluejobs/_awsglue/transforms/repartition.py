"""``Repartition``. AWS: "DynamicFrame class", repartition."""

from __future__ import annotations

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class Repartition(GlueTransform):
    """The records in a number of partitions. AWS: "DynamicFrame class", repartition."""

    _description = "Repartitions a DynamicFrame."
    _returns = ("DynamicFrame", "The repartitioned DynamicFrame.")
    _args = (("num_partitions", "Integer", "Number of partitions"),)

    def __call__(
        self,
        frame: DynamicFrame,
        num_partitions: int,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.repartition(
            num_partitions, transformation_ctx, info, stageThreshold, totalThreshold
        )
