"""pytest-gluejobs: an in-process, wire-level fake of the AWS Glue Jobs API for pytest."""

from ._calls import Call
from ._errors import GlueError
from ._fake import FakeInternalError, GlueJobs, fake_glue_jobs
from ._interception import NotFakedError
from ._seed import SeedFileError
from ._service import OPERATIONS

__all__ = [
    "OPERATIONS",
    "Call",
    "FakeInternalError",
    "GlueError",
    "GlueJobs",
    "NotFakedError",
    "SeedFileError",
    "fake_glue_jobs",
]
