"""``GlueTransform``: the base of every transform, with ``apply`` and the ``describe`` family.

AWS: "GlueTransform base class"
(https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-GlueTransform.html).
A transform is called as ``Transform.apply(frame=..., ...)`` or ``Transform()(frame, ...)``; its
arguments are those of its ``__call__``, so a misspelt keyword fails as it does in Glue.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, cast

_SHARED: dict[str, tuple[str, str]] = {
    "frame": ("DynamicFrame", "The DynamicFrame to transform"),
    "transformation_ctx": ("String", "A unique string that is used to identify state information"),
    "info": ("String", "A string associated with errors in the transformation"),
    "stageThreshold": (
        "Integer",
        "The maximum number of errors in this transformation before it errors out (0: no limit)",
    ),
    "totalThreshold": (
        "Integer",
        "The maximum number of errors up to and including this one before processing errors out (0: no limit)",
    ),
}


class GlueTransform:
    """The base of Glue's transforms: ``apply`` makes one and calls it with the arguments given."""

    _description = ""
    _returns: tuple[str, str] = ("DynamicFrame", "")
    _args: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Make the transform and call it. AWS: "GlueTransform base class", apply."""
        return cast(Callable[..., Any], cls())(*args, **kwargs)

    @classmethod
    def name(cls) -> str:
        """The transform's name: its class name. AWS: "GlueTransform base class", name."""
        return cls.__name__

    @classmethod
    def _described(cls, what: str) -> None:
        if not cls._description:
            raise NotImplementedError(f"{what} method not implemented for Transform {cls.__name__}")

    @classmethod
    def describeArgs(cls) -> list[dict[str, Any]]:
        """The arguments of ``__call__``: name, type, description, optional, default.

        AWS: "GlueTransform base class", describeArgs.
        """
        cls._described("describeArgs")
        described = []
        for parameter in list(inspect.signature(cls.__call__).parameters.values())[1:]:
            own = {name: (kind, text) for name, kind, text in cls._args}
            kind, text = own.get(parameter.name) or _SHARED.get(parameter.name) or ("", "")
            optional = (
                parameter.default is not inspect.Parameter.empty
                or parameter.kind is inspect.Parameter.VAR_KEYWORD
            )
            default = None if parameter.default is inspect.Parameter.empty else parameter.default
            described.append(
                {
                    "name": parameter.name,
                    "type": kind,
                    "description": text,
                    "optional": optional,
                    "defaultValue": None
                    if default is None
                    else ('""' if default == "" else str(default)),
                }
            )
        return described

    @classmethod
    def describeReturn(cls) -> dict[str, str]:
        """What the transform returns. AWS: "GlueTransform base class", describeReturn."""
        cls._described("describeReturn")
        return {"type": cls._returns[0], "description": cls._returns[1]}

    @classmethod
    def describeTransform(cls) -> str:
        """What the transform does. AWS: "GlueTransform base class", describeTransform."""
        cls._described("describeTransform")
        return cls._description

    @classmethod
    def describeErrors(cls) -> list[dict[str, str]]:
        """The errors it raises (none of its own). AWS: "GlueTransform base class", describeErrors."""
        cls._described("describeErrors")
        return []

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """All of the above as one dict. AWS: "GlueTransform base class", describe."""
        return {
            "transform": {
                "name": cls.name(),
                "args": cls.describeArgs(),
                "returns": cls.describeReturn(),
                "description": cls.describeTransform(),
                "raises": cls.describeErrors(),
                "location": "internal",
            }
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.__dict__.items())))

    def __repr__(self) -> str:
        return f"<Transform: {self.name()}>"
