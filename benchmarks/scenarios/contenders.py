"""The three ways of answering a Glue client that the per-operation section compares."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import botocore
from botocore.awsrequest import HeadersDict
from botocore.config import Config

from pytest_gluejobs import GlueJobs
from pytest_gluejobs._edge import handlers

from .common import REGION


class CannedResponse:
    """What the floor answers with: fixed bytes and headers, no work per call."""

    def __init__(self, status_code: int, body: bytes) -> None:
        self.status_code = status_code
        self.content = body
        self.url = ""
        self.raw = None
        self.headers = HeadersDict(
            {
                "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
                "content-type": "application/x-amz-json-1.1",
                "content-length": str(len(body)),
            }
        )


class Contender:
    """One way of answering a Glue client (and a CloudWatch Logs one); ``active()`` brackets its
    timed calls."""

    name = ""

    def __init__(self) -> None:
        self.client: Any = None
        self.clients: dict[str, Any] = {}
        self.run_ids: list[str] = []  # the runs the operations read, once prepared

    @contextmanager
    def active(self) -> Iterator[None]:
        yield


class Ours(Contender):
    name = "pytest-gluejobs"

    def __init__(self) -> None:
        super().__init__()
        self.fake = GlueJobs(region=REGION)
        self.fake.max_final_reads = 0  # the benchmark reads one finished run over and over
        with self.active():
            self.client = boto3.client("glue", region_name=REGION)
            self.clients = {"glue": self.client, "logs": boto3.client("logs", region_name=REGION)}
        self.bodies: dict[str, bytes] = {}

    def capture_bodies(self, calls: Callable[[], object]) -> dict[str, bytes]:
        """The response bytes of each operation ``calls`` makes, from botocore's needs-retry event
        (it carries the HTTP response before any retry decision)."""
        for service, client in self.clients.items():
            client.meta.events.register(f"needs-retry.{service}", self._capture)
        try:
            calls()
        finally:
            for service, client in self.clients.items():
                client.meta.events.unregister(f"needs-retry.{service}", self._capture)
        return self.bodies

    def _capture(self, response: Any, operation: Any, **_: Any) -> None:
        if response is not None and response[0] is not None:
            self.bodies[operation.name] = bytes(response[0].content)

    @contextmanager
    def active(self) -> Iterator[None]:
        with self.fake:
            yield


class Floor(Contender):
    name = "floor"

    def __init__(self) -> None:
        super().__init__()
        self.responses: dict[str, CannedResponse] = {}
        for service in ("glue", "logs"):
            # Unsigned like the fake's calls, so the floor is botocore's own work and nothing else.
            client = boto3.client(
                service, region_name=REGION, config=Config(signature_version=botocore.UNSIGNED)
            )
            # botocore alone: without the handlers every client made after the fake's first start
            # carries (they would only cost the floor, inactive, what they cost the fake).
            handlers.unregister(client.meta.events)
            client.meta.events.register_first(f"before-send.{service}", self._answer)
            self.clients[service] = client
        self.client = self.clients["glue"]

    def answer_with(self, bodies: dict[str, bytes]) -> None:
        self.responses = {operation: CannedResponse(200, body) for operation, body in bodies.items()}

    def _answer(self, event_name: str, **_: Any) -> CannedResponse:
        return self.responses[event_name.rpartition(".")[2]]


class Moto(Contender):
    name = "moto"

    def __init__(self) -> None:
        from moto import mock_aws

        super().__init__()
        self.mock = mock_aws()
        self.mock.start()  # reset once; between batches moto is paused with its data kept
        self.client = boto3.client("glue", region_name=REGION)
        self.clients = {"glue": self.client, "logs": boto3.client("logs", region_name=REGION)}
        self.mock.stop(remove_data=False)

    @contextmanager
    def active(self) -> Iterator[None]:
        # Only one fake may see Glue calls at a time: every before-send handler runs on each call.
        self.mock.start(reset=False)
        try:
            yield
        finally:
            self.mock.stop(remove_data=False)

    def close(self) -> None:
        self.mock.start(reset=False)
        self.mock.stop()
