"""One fake as botocore's requests reach it: read the body, faults first, then the service, every
answer logged in the order it was given."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from .._data.errors import (
    EndlessPollingError,
    FakeInternalError,
    GlueError,
    NotFakedError,
    malformed_request,
)
from .._data.shapes import Params, Response
from .._data.text import brief, show
from .._doubles.calls import Call, CallLog, decode_request
from .._doubles.faults import Faults
from .._service.cloudwatch_logs import OPERATIONS as LOGS_OPERATIONS
from .._service.operations import OPERATIONS, TABLE, GlueJobsService
from .wire import WireResponse, encode, encode_error

_decode = json.JSONDecoder().decode
# The decoder's C scanner, as json.loads uses it (the stubs do not declare it).
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _read(text: str) -> Any:
    """The JSON value of a request body: botocore's bodies are read by the C scanner alone; any
    other text (whitespace around it, or no JSON at all) by the full decoder, which names the
    error."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        return _decode(text)
    return value if end == len(text) else _decode(text)


def _text(body: object) -> str:
    if isinstance(body, (bytes, bytearray)):
        return body.decode()
    if isinstance(body, str):
        return body
    if body is None:
        return ""
    raise TypeError(f"a {type(body).__name__} body, not bytes")


class Endpoint:
    """The parts of one fake a request needs, handed over by the fake that owns them."""

    def __init__(
        self,
        service: GlueJobsService,
        calls: CallLog,
        faults: Faults,
        default_region: str,
        run_due: Callable[[], object] | None = None,
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
        self._data = service.data

    def answer(
        self,
        operation: str,
        body: object,
        region: str,
        retries: Mapping[str, Any] | None = None,
    ) -> WireResponse:
        """Answer one request: ``body`` as botocore sent it, ``retries`` its retry context
        (botocore's ``context["retries"]``: which attempt, and the id its attempts share)."""
        if operation not in TABLE:
            raise NotFakedError(
                f"pytest-gluejobs: Glue operation {operation} is not faked, and a fake is active, "
                f"so it was not sent to AWS. Faked operations: {', '.join(OPERATIONS)}. Run the "
                "code inside moto's mock_aws too and moto answers the operations the fake does not."
            )
        if retries:
            attempt, invocation = retries.get("attempt", 1), retries.get("invocation-id")
        else:
            attempt, invocation = 1, None
        try:
            text = body.decode() if type(body) is bytes else _text(body)
        except (UnicodeDecodeError, TypeError) as error:
            return self._malformed(operation, region, f"not UTF-8 text ({error})", body, attempt, invocation)
        try:
            params = _read(text)
        except ValueError as error:
            if text.strip():
                return self._malformed(operation, region, f"not JSON ({error})", text, attempt, invocation)
            params = {}  # no body at all reads as {}, as AWS reads it
        if type(params) is not dict:
            why = f"JSON {type(params).__name__}, not an object"
            return self._malformed(operation, region, why, text, attempt, invocation)
        if self.faults.pending:
            injected = self.faults.take(operation, partial(decode_request, text))
            if injected is not None:
                return self._refuse(operation, region, text, injected, attempt, invocation)
        # A partial, not a closure: a closure would make every local above a cell for the
        # whole call.
        settle = partial(self._settle, operation, region, text, attempt, invocation, params)

        if self._data.next_fire is not None and self._run_due is not None:
            # Scheduled triggers whose time came start their runs first, by the test's clock.
            self.service.fire_due(self._run_due)
        try:
            answer = self.service.answer(operation, params, region, settle)
        except EndlessPollingError as error:
            # Not an answer AWS could give: logged for the report, raised to the code that read.
            self.calls.record(
                Call(operation, region, text, b"{}", type(error).__name__, str(error), attempt, invocation)
            )
            if self._due.runs and self._run_due is not None:  # the read may have freed a slot
                self._run_due()
            raise error.with_traceback(None)  # noqa: B904 - the same error, not a new one
        except Exception as error:
            raise FakeInternalError(
                f"pytest-gluejobs failed while answering {operation} in {region} with "
                f"params {brief(params)}: {type(error).__name__}: {error}. This is a bug in the fake; "
                "nothing was sent to AWS."
            ) from error
        if self._due.runs and self._run_due is not None:
            self._run_due()
        return answer

    def _settle(
        self,
        operation: str,
        region: str,
        text: str,
        attempt: int,
        invocation: object,
        params: Params,
        outcome: Response | GlueError,
    ) -> WireResponse:
        """The answer to a call, encoded and logged while the store is still locked (so the log
        keeps the order the answers were given in)."""
        if isinstance(outcome, GlueError):
            if outcome.code == "EntityNotFoundException" and outcome.explanation is None:
                outcome.explanation = self._not_found(params, region)
            return self._refuse(operation, region, text, outcome, attempt, invocation)
        answer = encode(200, outcome)
        self.calls.record(Call(operation, region, text, answer.content, None, None, attempt, invocation))
        return answer

    def answers(self, operation: str) -> bool:
        """Whether the fake answers this Glue operation (moto's mock_aws may answer the others)."""
        return operation in TABLE

    def answers_logs(self, operation: str, params: Params, region: str) -> bool:
        """Whether a CloudWatch Logs request is one the fake answers: about Glue's log groups."""
        return operation in LOGS_OPERATIONS and self.service.answers_logs(params, region)

    def answer_logs(self, operation: str, text: str, region: str) -> WireResponse:
        """A CloudWatch Logs request for one of Glue's log groups (``text``, its JSON body): the
        runs' logs. Not a Glue call, so not in the call log."""
        params = _read(text) if text else {}
        try:
            return encode(200, self.service.answer_logs(operation, params, region))
        except GlueError as error:
            return encode_error(error)
        except NotFakedError:  # a filter pattern the fake does not interpret: said, not answered
            raise
        except Exception as error:
            raise FakeInternalError(
                f"pytest-gluejobs failed while answering CloudWatch Logs {operation} in {region} "
                f"with params {brief(params)}: {type(error).__name__}: {error}. This is a bug in "
                "the fake; nothing was sent to AWS."
            ) from error

    def _malformed(
        self, operation: str, region: str, why: str, body: object, attempt: int, invocation: object
    ) -> WireResponse:
        error = malformed_request(f"{operation}'s request body is {why}: {brief(body)}")
        return self._refuse(operation, region, "{}", error, attempt, invocation)

    def _refuse(
        self, operation: str, region: str, request: str, error: GlueError, attempt: int, invocation: object
    ) -> WireResponse:
        """Answer with ``error``, logged. The log keeps the request as text, so nothing the test
        does with it reaches the store."""
        answer = encode_error(error)
        self.calls.record(
            Call(operation, region, request, answer.content, error.code, error.explanation, attempt, invocation)
        )
        return answer

    def _not_found(self, params: Params, region: str) -> str | None:
        """Where else the job a not-found names exists: the usual cause is the client's region."""
        name = params.get("JobName") or params.get("Name")
        if not isinstance(name, str):
            return None
        holding = self.service.regions_holding(name)
        if region in holding:  # the job is here: what was not found is something else (a run)
            return None
        elsewhere = [other for other in holding if other != region]
        if elsewhere:
            return (
                f"no job {show(name)} in {region}, the client's region; it exists in "
                f"{', '.join(elsewhere)}: create the client with region_name={elsewhere[0]!r}"
            )
        return f"no job {show(name)} in {region} or any other region of this fake"
