"""Errors are data: a code, a message and an HTTP status, rendered once at the wire."""

from __future__ import annotations

# Errors any AWS JSON service may answer besides an operation's modeled ones ("Common Errors" of
# the Glue API reference, plus the codes botocore's retry handlers know for JSON services), with
# the HTTP status the service sends them with.
GENERAL_ERRORS: dict[str, int] = {
    "AccessDeniedException": 400,
    "ExpiredTokenException": 400,
    "IncompleteSignature": 400,
    "InternalFailure": 500,
    "InvalidAction": 400,
    "InvalidClientTokenId": 403,
    "InvalidSignatureException": 400,
    "NotAuthorized": 400,
    "OptInRequired": 403,
    "RequestExpired": 400,
    "RequestLimitExceeded": 400,
    "ServiceUnavailable": 503,
    "ServiceUnavailableException": 503,
    "ThrottlingException": 400,
    "TooManyRequestsException": 400,
    "UnrecognizedClientException": 400,
    "ValidationError": 400,
    "ValidationException": 400,
}

# Only InternalServiceException is a modeled fault (5xx); every other modeled Glue error is a 400.
_STATUS_BY_CODE = {"InternalServiceException": 500, **GENERAL_ERRORS}


class GlueError(Exception):
    """An error the fake Glue service answers with, exactly as AWS would send it.

    Clients never see it: they get botocore's modeled exception. ``glue_jobs.add_job`` raises it
    for input CreateJob would refuse.

    Attributes:
        code: The error code, e.g. ``"InvalidInputException"``.
        message: What goes on the wire: AWS's own words wherever they are known.
        explanation: The fake's longer account (the values it judged, where else a job exists),
            kept for the call log and the failure report, never sent; or None.
        status: The HTTP status it is sent with (400; 500 for ``InternalServiceException``).
    """

    def __init__(
        self, code: str, message: str, status: int | None = None, *, explanation: str | None = None
    ) -> None:
        super().__init__(f"{code}: {message}" + (f" ({explanation})" if explanation else ""))
        self.code = code
        self.message = message
        self.explanation = explanation
        self.status = status if status is not None else _STATUS_BY_CODE.get(code, 400)


def invalid_input(message: str, explanation: str | None = None) -> GlueError:
    """InvalidInputException; give ``explanation`` when ``message`` is AWS's verbatim text."""
    return GlueError("InvalidInputException", message, explanation=explanation)


def not_found(job_name: str) -> GlueError:
    # AWS's words (aws/aws-cdk#16767); the endpoint adds where else the job exists, if anywhere.
    return GlueError("EntityNotFoundException", f"Job with name: {job_name} not found.")


def malformed_request(why: str) -> GlueError:
    # AWS JSON services answer a body they cannot read with a bare SerializationException: no
    # message (pplu/aws-sdk-perl#237 shows Firehose's `{"__type":"SerializationException"}`).
    return GlueError("SerializationException", "", 400, explanation=why)


class FakeInternalError(RuntimeError):
    """A bug inside the fake: raised to the caller, never answered as if AWS had said it.

    Names the operation, the region and the request, with the cause chained. Not retried, never
    sent, nothing changed. A ``RuntimeError``, so code under test cannot take it for AWS's answer.
    """


class NotFakedError(RuntimeError):
    """A Glue operation the fake does not implement was called while a fake was active.

    Names the operation and lists the faked ones. Not retried, never sent.
    """


class EndlessPollingError(RuntimeError):
    """A finished run read more than ``max_final_reads`` times in a row: the loop reading it
    probably does not treat its state as final. Raised to the caller, never answered as AWS's.

    Names the operation, the job, the run, its state and the count, and is raised again on every
    further read of that run. Logged as a ``Call`` with ``error="EndlessPollingError"``. Not
    retried, and not a ``ClientError``.
    """


class NoFakeActiveError(RuntimeError):
    """A Glue call made while no fake was active, refused because the suite requires a fake.

    Raised under the ini option ``glue_jobs_require_fake = true``; names the operation and the
    ways to activate the fake. Not retried, never sent.
    """


class NoFakeActiveWarning(UserWarning):
    """A test made a Glue call while no fake was active, so it went to AWS: the fixture, the marker
    or ``with fake_glue_jobs():`` is probably missing. Silence it with ``filterwarnings`` in a suite
    that calls AWS on purpose; ``glue_jobs_require_fake = true`` refuses such calls instead."""


class SeedFileError(ValueError):
    """A seed file ``load()`` refused; the message names the file, the job and the problem."""


class GlueJobsDeprecationWarning(DeprecationWarning):
    """A pytest-gluejobs name that will go; the message names its replacement.

    Today: ``script_runs``, replaced by ``run_states`` (see the page Job runs).
    """


# Named as the package exports them: a traceback shows ``pytest_gluejobs.NotFakedError``, and
# that is the name filterwarnings, pickle and type checkers resolve.
for _public in (
    GlueError,
    FakeInternalError,
    NotFakedError,
    EndlessPollingError,
    NoFakeActiveError,
    NoFakeActiveWarning,
    SeedFileError,
    GlueJobsDeprecationWarning,
):
    _public.__module__ = "pytest_gluejobs"
