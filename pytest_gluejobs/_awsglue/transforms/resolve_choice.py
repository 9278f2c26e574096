"""``ResolveChoice``. AWS: "ResolveChoice class"."""

from __future__ import annotations

from typing import Any

from ..dynamicframe import DynamicFrame
from .transform import GlueTransform


class ResolveChoice(GlueTransform):
    """Choices resolved by ``specs`` or one ``choice``. AWS: "ResolveChoice class"."""

    _description = "Resolve choice type in this DynamicFrame."
    _returns = ("DynamicFrame", "DynamicFrame after resolving choice type.")
    _args = (
        ("specs", "List[Tuple]", "(path, action) pairs"),
        ("choice", "String", "One action for every choice"),
        ("database", "String", "Data Catalog database for match_catalog"),
        ("table_name", "String", "Data Catalog table for match_catalog"),
        ("catalog_id", "String", "Data Catalog id for match_catalog"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        specs: Any = None,
        choice: str = "",
        database: str | None = None,
        table_name: str | None = None,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
        catalog_id: str | None = None,
    ) -> DynamicFrame:
        return frame.resolveChoice(
            specs,
            choice,
            database,
            table_name,
            transformation_ctx,
            info,
            stageThreshold,
            totalThreshold,
            catalog_id,
        )
