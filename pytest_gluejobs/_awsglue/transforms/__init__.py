"""``awsglue.transforms``: Glue's transforms, each ``Transform.apply(frame=..., ...)``.

``from awsglue.transforms import *`` gives the transforms (not ``GlueTransform``), as aws-glue-libs'
``__all__`` does; ``get_transforms``, ``get_transform`` and ``describe_transform`` list and describe
them. AWS: "Built-in transforms"
(https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-transforms.html).
"""

from __future__ import annotations

import json

from .apply_mapping import ApplyMapping
from .coalesce import Coalesce
from .collection_transforms import FlatMap, MapToCollection, SelectFromCollection
from .drop_nulls import DropNullFields
from .dynamicframe_filter import Filter
from .dynamicframe_map import Map
from .errors_as_dynamicframe import ErrorsAsDynamicFrame
from .field_transforms import (
    DropFields,
    Join,
    RenameField,
    SelectFields,
    Spigot,
    SplitFields,
    SplitRows,
)
from .relationalize import Relationalize
from .repartition import Repartition
from .resolve_choice import ResolveChoice
from .transform import GlueTransform
from .unbox import Unbox
from .union import Union
from .unnest_frame import UnnestFrame

ALL_TRANSFORMS: frozenset[type[GlueTransform]] = frozenset(
    {
        Unbox,
        RenameField,
        DropFields,
        SplitFields,
        SelectFields,
        SplitRows,
        UnnestFrame,
        Relationalize,
        SelectFromCollection,
        MapToCollection,
        ErrorsAsDynamicFrame,
        FlatMap,
        DropNullFields,
        Join,
        ApplyMapping,
        Repartition,
        ResolveChoice,
        Spigot,
        Filter,
        Map,
        Coalesce,
        Union,
    }
)

# The names of ALL_TRANSFORMS, as aws-glue-libs builds its __all__ (written out for type checkers).
__all__ = [
    "ApplyMapping",
    "Coalesce",
    "DropFields",
    "DropNullFields",
    "ErrorsAsDynamicFrame",
    "Filter",
    "FlatMap",
    "Join",
    "Map",
    "MapToCollection",
    "Relationalize",
    "RenameField",
    "Repartition",
    "ResolveChoice",
    "SelectFields",
    "SelectFromCollection",
    "Spigot",
    "SplitFields",
    "SplitRows",
    "Unbox",
    "Union",
    "UnnestFrame",
]


def get_transforms() -> set[GlueTransform]:
    """One instance of every transform."""
    return {transform() for transform in ALL_TRANSFORMS}


def get_transform(name: str) -> GlueTransform | None:
    """The transform called ``name`` (any case), or None."""
    if not isinstance(name, str):
        raise TypeError(f"get_transform: name must be a string, got {type(name).__name__}")
    return next((t() for t in ALL_TRANSFORMS if t.name().lower() == name.lower()), None)


def describe_transform(name: str) -> str:
    """The transform's ``describe()`` as indented JSON; ``{}`` for an unknown name."""
    transform = get_transform(name)
    return json.dumps(
        transform.describe() if transform else {}, sort_keys=True, indent=4, separators=(",", ": ")
    )
