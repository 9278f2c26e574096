"""One fake as botocore's requests reach it: faults first, then the service, every answer logged."""

from __future__ import annotations

from collections.abc import Callable

from .._data.errors import FakeInternalError, GlueError
from .._data.shapes import Params
from .._data.text import brief
from .._doubles.calls import CallLog
from .._doubles.faults import Faults
from .._service import GlueJobsService
from .wire import WireResponse, encode, encode_error


class Endpoint:
    """The parts of one fake a request needs, handed over by the fake that owns them."""

    def __init__(
        self,
        service: GlueJobsService,
        calls: CallLog,
        faults: Faults,
        default_region: str,
        run_due: Callable[[], None] | None = None,
    ) -> None:
        self.service = service
        self.calls = calls
        self.faults = faults
        #: The region of a request botocore never signed (so never told its region).
        self.default_region = default_region
        # Runs the code of runs that got a slot; after the call is logged, so the code's own
        # calls follow it in the log, and outside the store's lock, so that code can call Glue.
        self._due = service.data.due
        self._run_due = run_due

    def answer(self, operation: str, params: Params, region: str, request: str) -> WireResponse:
        """Answer one request; ``request`` is its JSON text as sent, ``params`` decoded from it."""
        # The log keeps the request as text, so nothing the test does with it reaches the store.
        injected = self.faults.take(operation)
        if injected is None:
            answer, error_code = self._serve(operation, params, region)
        else:
            answer, error_code = encode_error(injected), injected.code
        self.calls.record(operation, region, request, answer.content, error_code)
        if self._due and self._run_due is not None:
            self._run_due()
        return answer

    def _serve(self, operation: str, params: Params, region: str) -> tuple[WireResponse, str | None]:
        try:
            return encode(200, self.service.call(operation, params, region)), None
        except GlueError as error:
            return encode_error(error), error.code
        except Exception as error:
            raise FakeInternalError(
                f"pytest-gluejobs failed while answering {operation} in {region} with "
                f"params {brief(params)}: {type(error).__name__}: {error}. This is a bug in the fake; "
                "nothing was sent to AWS."
            ) from error
