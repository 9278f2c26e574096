"""Errors are data: a code, a message and an HTTP status, rendered once at the wire."""

from __future__ import annotations

# Only InternalServiceException is a modeled fault (5xx); every other modeled Glue error is a 400.
_STATUS_BY_CODE = {
    "InternalServiceException": 500,
    "InternalFailure": 500,
    "ServiceUnavailableException": 503,
    "ServiceUnavailable": 503,
}


class GlueError(Exception):
    """An error the fake Glue service answers with, exactly as AWS would send it."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status if status is not None else _STATUS_BY_CODE.get(code, 400)


def invalid_input(message: str) -> GlueError:
    return GlueError("InvalidInputException", message)


def not_found(job_name: str) -> GlueError:
    # The wording AWS was seen to use (aws/aws-cdk#16767); it names the job.
    return GlueError("EntityNotFoundException", f"Job with name: {job_name} not found.")
