"""pytest-gluejobs: an in-process, wire-level fake of the AWS Glue Jobs API for pytest."""

from ._awsglue._paths import MissingFieldWarning
from ._code.runner import RunLogs
from ._data.errors import (
    EndlessPollingError,
    FakeInternalError,
    GlueError,
    NoFakeActiveError,
    NotFakedError,
    SeedFileError,
)
from ._doubles.calls import Call
from ._fake import GlueJobs, GlueJobsDeprecationWarning, fake_glue_jobs
from ._service.operations import OPERATIONS

__all__ = [
    "OPERATIONS",
    "Call",
    "EndlessPollingError",
    "FakeInternalError",
    "GlueError",
    "GlueJobs",
    "GlueJobsDeprecationWarning",
    "MissingFieldWarning",
    "NoFakeActiveError",
    "NotFakedError",
    "RunLogs",
    "SeedFileError",
    "fake_glue_jobs",
]
