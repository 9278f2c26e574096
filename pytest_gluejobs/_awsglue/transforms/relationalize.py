"""``Relationalize``. AWS: "Relationalize class"."""

from __future__ import annotations

from typing import Any

from ..dynamicframe import DynamicFrame, DynamicFrameCollection
from ..utils import _global_args
from .transform import GlueTransform


class Relationalize(GlueTransform):
    """Flat tables joined by keys; without ``staging_path``, the job's ``--TempDir`` is used.

    AWS: "Relationalize class".
    """

    _description = "Flatten nested schema and pivot out array columns from the flattened frame"
    _returns = (
        "DynamicFrameCollection",
        "DynamicFrameCollection resulting from Relationalize call",
    )
    _args = (
        ("staging_path", "String", "Where Glue stages the pivoted tables as CSV"),
        ("name", "String", "Name of the root table"),
        ("options", "Dictionary", "Optional parameters (unused)"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        staging_path: str | None = None,
        name: str = "roottable",
        options: Any = None,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrameCollection:
        if staging_path is None:
            # The --TempDir the job's getResolvedOptions read, as Glue's Relationalize uses it.
            staging_path = _global_args.get("TempDir")
            if not staging_path:
                raise RuntimeError(
                    "Relationalize: no staging_path given and no --TempDir among the job's arguments "
                    "(getResolvedOptions reads it); pass staging_path"
                )
        return frame.relationalize(
            name,
            staging_path,
            options or {},
            transformation_ctx,
            info,
            stageThreshold,
            totalThreshold,
        )
