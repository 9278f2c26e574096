"""What the fake puts on the wire: an HTTP response botocore parses as it would AWS's."""

from __future__ import annotations

from typing import Any

from .._data.errors import GlueError
from .._data.ids import BATCH, Ids, random_bits
from .._data.shapes import Response, wire_json


class _Body(bytes):
    """Response bytes that botocore reads directly and aiobotocore awaits."""

    def __await__(self) -> Any:
        async def content() -> bytes:
            return bytes(self)

        return content().__await__()


# Of each 128 bits of a batch: the version nibble and variant bits cleared, then set to version
# 4 and the RFC 4122 variant.
_UUID4_CLEAR = sum(((1 << 128) - 1 & ~(0xF << 76 | 0xC << 60)) << (128 * index) for index in range(BATCH))
_UUID4_SET = sum((0x4 << 76 | 0x8 << 60) << (128 * index) for index in range(BATCH))


def _new_request_ids() -> list[str]:
    """``BATCH`` random version-4 UUIDs like AWS's request ids, from one draw of random bits."""
    bits = random_bits(128 * BATCH) & _UUID4_CLEAR | _UUID4_SET
    # Hex in groups of four: each id is eight groups ("xxxx-", 40 characters with the next id's
    # dash), joined into UUID's 8-4-4-4-12 by four slices.
    grouped = bits.to_bytes(16 * BATCH, "big").hex("-", 2)
    return [
        f"{grouped[at:at + 4]}{grouped[at + 5:at + 29]}{grouped[at + 30:at + 34]}{grouped[at + 35:at + 39]}"
        for at in range(0, 40 * BATCH, 40)
    ]


_request_id = Ids(_new_request_ids)


_ABSENT = object()


class Headers(dict[str, str]):
    """A response's headers, found in any case as a real response's are (botocore's HeadersDict).

    The fake's own headers are stored lower-case, and botocore and aiobotocore look them up so:
    those lookups are a plain dict's. Only a lookup in another case (``"Content-Type"``, from a
    handler of the user's) takes the slower way.
    """

    __slots__ = ()

    def __missing__(self, key: str) -> str:
        if isinstance(key, str):
            lowered = key.lower()
            if lowered != key and dict.__contains__(self, lowered):
                return dict.__getitem__(self, lowered)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, _ABSENT)
        if value is _ABSENT:
            return dict.get(self, key.lower(), default) if isinstance(key, str) else default
        return value

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or (
            isinstance(key, str) and dict.__contains__(self, key.lower())
        )


_JSON_TYPE = "application/x-amz-json-1.1"


class WireResponse:
    """The HTTP response botocore receives from the fake at ``before-send``."""

    url = ""  # the same for every response: read from the class
    raw = None

    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code = status_code
        self.content = body if type(body) is _Body else _Body(body)
        # Filled in place: a third cheaper than copying a dict of them into a new Headers.
        self.headers = headers = Headers()
        headers["x-amzn-requestid"] = _request_id()
        headers["content-type"] = _JSON_TYPE
        headers["content-length"] = str(len(body))

    @property
    def text(self) -> str:
        return self.content.decode()


def encode(status: int, body: Response) -> WireResponse:
    return WireResponse(status, _Body(wire_json(body), "utf-8"))


def encode_error(error: GlueError) -> WireResponse:
    if not error.message:  # as AWS sends an error it gives no words for
        return encode(error.status, {"__type": error.code})
    return encode(error.status, {"__type": error.code, "Message": error.message})
