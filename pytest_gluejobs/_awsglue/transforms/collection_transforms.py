"""``SelectFromCollection``, ``MapToCollection``, ``FlatMap``: transforms over a
DynamicFrameCollection. AWS: each has its "<Name> class" page."""

from __future__ import annotations

from typing import Any, Callable

from ..dynamicframe import DynamicFrame, DynamicFrameCollection
from .transform import GlueTransform

_DFC = ("DynamicFrameCollection", "The collection to work on")


def _collection(transform: str, dfc: Any) -> DynamicFrameCollection:
    if not isinstance(dfc, DynamicFrameCollection):
        raise TypeError(
            f"{transform}: dfc must be a DynamicFrameCollection, got {type(dfc).__name__}"
        )
    return dfc


class SelectFromCollection(GlueTransform):
    """One frame of a collection (an empty one if the key is missing, as in Glue).

    AWS: "SelectFromCollection class".
    """

    _description = "Select one DynamicFrame out from the DynamicFrameCollection"
    _returns = ("DynamicFrame", "Dynamic Frame corresponding to name")
    _args = (("dfc", *_DFC), ("key", "String", "The key to select"))

    def __call__(
        self, dfc: DynamicFrameCollection, key: str, transformation_ctx: str = ""
    ) -> DynamicFrame:
        return _collection("SelectFromCollection", dfc).select(key, transformation_ctx)


class MapToCollection(GlueTransform):
    """A function applied to each frame of a collection. AWS: "MapToCollection class"."""

    _description = "Apply a transform on each DynamicFrame of this DynamicFrameCollection"
    _returns = (
        "DynamicFrameCollection",
        "A new DynamicFrameCollection after apply transform on each element",
    )
    _args = (
        ("dfc", *_DFC),
        ("callable", "Callable", "Called with each frame and a transformation context"),
    )

    def __call__(
        self,
        dfc: DynamicFrameCollection,
        callable: Callable[[DynamicFrame, str], DynamicFrame],
        transformation_ctx: str = "",
    ) -> DynamicFrameCollection:
        return _collection("MapToCollection", dfc).map(callable, transformation_ctx)


class FlatMap(GlueTransform):
    """A transform applied to each frame of a collection, results gathered. AWS: "FlatMap class"."""

    _description = (
        "Applies a transform to each DynamicFrame in a collection and flattens the results."
    )
    _returns = (
        "DynamicFrameCollection",
        "A new DynamicFrameCollection after applying the transform on each element",
    )
    _args = (
        ("dfc", *_DFC),
        (
            "BaseTransform",
            "GlueTransform",
            "A GlueTransform to apply to each member of the collection",
        ),
        (
            "frame_name",
            "String",
            "The argument name to which to pass the elements of the collection",
        ),
        ("base_kwargs", "dict", "Arguments to pass to the base transform"),
    )

    def __call__(
        self,
        dfc: DynamicFrameCollection,
        BaseTransform: type[GlueTransform],
        frame_name: str,
        transformation_ctx: str = "",
        **base_kwargs: Any,
    ) -> DynamicFrameCollection:
        if not (isinstance(BaseTransform, type) and issubclass(BaseTransform, GlueTransform)):
            raise TypeError(
                f"FlatMap: BaseTransform must be a GlueTransform class, got {BaseTransform!r}"
            )

        def apply_inner(frame: DynamicFrame, ctx: str) -> Any:
            return BaseTransform.apply(
                **{**base_kwargs, frame_name: frame, "transformation_ctx": ctx}
            )

        return _collection("FlatMap", dfc).flatmap(apply_inner, transformation_ctx)
