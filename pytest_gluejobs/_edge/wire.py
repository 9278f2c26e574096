"""What the fake puts on the wire: an HTTP response botocore parses as it would AWS's."""

from __future__ import annotations

import random
from typing import Any

from botocore.awsrequest import HeadersDict

from .._data.errors import GlueError
from .._data.shapes import Response, wire_json


class _Body(bytes):
    """Response bytes that botocore reads directly and aiobotocore awaits."""

    def __await__(self) -> Any:
        async def content() -> bytes:
            return bytes(self)

        return content().__await__()


# A generator of our own, seeded by the OS: a test that seeds ``random`` cannot make ids repeat.
_random_bits = random.Random().getrandbits
_UUID4_CLEAR = ~(0xF << 76 | 0xC << 60)  # the version nibble and the variant bits
_UUID4_SET = 0x4 << 76 | 0x8 << 60  # version 4, RFC 4122 variant


def _request_id() -> str:
    """A random version-4 UUID like AWS's request ids, at a third of ``str(uuid.uuid4())``'s cost."""
    digits = f"{_random_bits(128) & _UUID4_CLEAR | _UUID4_SET:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


class WireResponse:
    """The HTTP response botocore receives from the fake at ``before-send``."""

    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code = status_code
        self.content = _Body(body)
        self.url = ""
        self.raw = None
        # Case-insensitive like a real response's headers (botocore looks some up as "Date").
        self.headers = headers = HeadersDict()
        headers["x-amzn-requestid"] = _request_id()
        headers["content-type"] = "application/x-amz-json-1.1"
        headers["content-length"] = str(len(body))

    @property
    def text(self) -> str:
        return self.content.decode()


def encode(status: int, body: Response) -> WireResponse:
    return WireResponse(status, wire_json(body).encode())


def encode_error(error: GlueError) -> WireResponse:
    if not error.message:  # as AWS sends an error it gives no words for
        return encode(error.status, {"__type": error.code})
    return encode(error.status, {"__type": error.code, "Message": error.message})
