"""``RenameField``, ``DropFields``, ``SelectFields``, ``SplitFields``, ``SplitRows``, ``Join``,
``Spigot``. AWS: each has its "<Name> class" page."""

from __future__ import annotations

from typing import Any

from ..dynamicframe import DynamicFrame, DynamicFrameCollection
from .transform import GlueTransform

_PATHS = ("List[String]", "Full paths of the fields")


class RenameField(GlueTransform):
    """A field renamed (full paths, backticks around names with dots). AWS: "RenameField class"."""

    _description = "Rename a node within a DynamicFrame"
    _returns = ("DynamicFrame", "new DynamicFrame with indicated field renamed")
    _args = (
        ("old_name", "String", "Full path to the node to rename"),
        ("new_name", "String", "New name, including full path"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        old_name: str,
        new_name: str,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.rename_field(
            old_name, new_name, transformation_ctx, info, stageThreshold, totalThreshold
        )


class DropFields(GlueTransform):
    """The frame without the named fields. AWS: "DropFields class"."""

    _description = "Drop fields from a DynamicFrame"
    _returns = ("DynamicFrame", "new DynamicFrame without indicated fields")
    _args = (("paths", *_PATHS),)

    def __call__(
        self,
        frame: DynamicFrame,
        paths: Any,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.drop_fields(paths, transformation_ctx, info, stageThreshold, totalThreshold)


class SelectFields(GlueTransform):
    """Only the named fields. AWS: "SelectFields class"."""

    _description = "Select fields from a DynamicFrame"
    _returns = ("DynamicFrame", "new DynamicFrame with only indicated fields")
    _args = (("paths", *_PATHS),)

    def __call__(
        self,
        frame: DynamicFrame,
        paths: Any,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrame:
        return frame.select_fields(paths, transformation_ctx, info, stageThreshold, totalThreshold)


class SplitFields(GlueTransform):
    """Two frames by fields; names default to the frame's name (or ``frame``) plus 1 and 2.

    AWS: "SplitFields class".
    """

    _description = "Split fields within a DynamicFrame"
    _returns = (
        "DynamicFrameCollection",
        "[new DynamicFrame with only indicated fields, new DynamicFrame without them]",
    )
    _args = (
        ("paths", *_PATHS),
        ("name1", "String", "Name of the frame with the fields split off"),
        ("name2", "String", "Name of the frame with the fields that remain"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        paths: Any,
        name1: str | None = None,
        name2: str | None = None,
        transformation_ctx: str = "",
        info: str = "",
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrameCollection:
        base = frame.name if frame.name else "frame"
        return frame.split_fields(
            paths,
            base + "1" if name1 is None else name1,
            base + "2" if name2 is None else name2,
            transformation_ctx,
            info,
            stageThreshold,
            totalThreshold,
        )


class SplitRows(GlueTransform):
    """Two frames by rows meeting comparisons. AWS: "SplitRows class"."""

    _description = "Split rows within a DynamicFrame based on comparators"
    _returns = (
        "DynamicFrameCollection",
        "[new DynamicFrame with only indicated rows, new DynamicFrame without them]",
    )
    _args = (
        (
            "comparison_dict",
            "Dictionary",
            "{path: {operator: value}}, e.g. {'age': {'>': 10, '<': 20}}",
        ),
        ("name1", "String", "Name of the frame with the rows split off"),
        ("name2", "String", "Name of the frame with the rows that remain"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        comparison_dict: Any,
        name1: str = "frame1",
        name2: str = "frame2",
        transformation_ctx: str = "",
        info: str | None = None,
        stageThreshold: int = 0,
        totalThreshold: int = 0,
    ) -> DynamicFrameCollection:
        return frame.split_rows(
            comparison_dict,
            name1,
            name2,
            transformation_ctx,
            info or "",
            stageThreshold,
            totalThreshold,
        )


class Join(GlueTransform):
    """An equality join of two frames. AWS: "Join class"."""

    _description = "equality join two dynamic frames DynamicFrames"
    _returns = ("DynamicFrame", "DynamicFrame obtained by joining two frames")
    _args = (
        ("frame1", "DynamicFrame", "The first DynamicFrame to join"),
        ("frame2", "DynamicFrame", "The second DynamicFrame to join"),
        ("keys1", "List[String]", "The keys to join on for the first frame"),
        ("keys2", "List[String]", "The keys to join on for the second frame"),
    )

    def __call__(
        self,
        frame1: DynamicFrame,
        frame2: DynamicFrame,
        keys1: Any,
        keys2: Any,
        transformation_ctx: str = "",
    ) -> DynamicFrame:
        if not isinstance(frame1, DynamicFrame):
            raise TypeError(f"Join: frame1 must be a DynamicFrame, got {type(frame1).__name__}")
        return frame1.join(keys1, keys2, frame2, transformation_ctx)


class Spigot(GlueTransform):
    """The same frame, after writing a sample of it. AWS: "Spigot class"."""

    _description = "write sample records to path destination mid transformation"
    _returns = ("DynamicFrame", "The same records, with a sample written")
    _args = (
        ("path", "String", "Where to write the sample"),
        ("options", "Json", "topk: the first k records; prob: the chance each is picked"),
    )

    def __call__(
        self, frame: DynamicFrame, path: str, options: Any, transformation_ctx: str = ""
    ) -> DynamicFrame:
        return frame.spigot(path, options, transformation_ctx)
