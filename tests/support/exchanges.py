"""The wire as the fuzzers see it: each response the fake sends, and calls that expect a modeled answer."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from botocore import xform_name
from botocore.exceptions import ClientError

from pytest_gluejobs import GlueJobs

from .wire_shapes import glue_model, response_problems


@functools.cache
def modeled_errors(operation: str) -> frozenset[str]:
    return frozenset(shape.name for shape in glue_model().operation_model(operation).error_shapes)


@dataclass
class Exchange:
    """One request the fake answered and what it put on the wire."""

    operation: str
    params: dict[str, Any]
    status: int
    body: bytes

    def problems(self) -> list[str]:
        return response_problems(self.operation, self.status, self.body)


@contextmanager
def wire_log(fake: GlueJobs) -> Iterator[list[Exchange]]:
    """Record every response ``fake`` sends, exactly as botocore receives it."""
    exchanges: list[Exchange] = []
    endpoint = fake._endpoint
    answer = endpoint.answer

    def recording(operation: str, params: dict[str, Any], *rest: Any) -> Any:
        response = answer(operation, params, *rest)
        exchanges.append(Exchange(operation, params, response.status_code, bytes(response.content)))
        return response

    endpoint.answer = recording  # type: ignore[method-assign, assignment]
    try:
        yield exchanges
    finally:
        del endpoint.answer


def call(client: Any, operation: str, params: dict[str, Any]) -> Any:
    """Call ``operation`` through boto3: the response, or the ClientError of a *modeled* error.

    Any other exception (an internal error of the fake, a parameter botocore refused) propagates
    and fails the test.
    """
    method = getattr(client, xform_name(operation))
    try:
        return method(**params)
    except ClientError as error:
        refused = error
    code = refused.response["Error"]["Code"]
    assert code in modeled_errors(operation), f"{operation} answered {code}: {refused}"
    assert isinstance(refused, getattr(client.exceptions, code))
    return refused
