"""pytest-gluejobs: an in-process, wire-level fake of the AWS Glue Jobs API for pytest.

pytest imports this package whenever it loads the plugin, for every run, so importing it must cost
nothing: the exceptions and warnings come from a module that imports no botocore, and the names
that need botocore (the fake, the call log, the operation list) are imported when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._awsgluedq.errors import DQDLSyntaxError, RuleNotEvaluatedError
from ._data.errors import (
    EndlessPollingError,
    FakeInternalError,
    GlueError,
    GlueJobsDeprecationWarning,
    NoFakeActiveError,
    NoFakeActiveWarning,
    NotFakedError,
    SeedFileError,
)
from ._spark.errors import NotServedError, S3PathNotServedError, SparkUnavailableError

if TYPE_CHECKING:
    from ._awsglue._paths import MissingFieldWarning
    from ._code.runner import RunLogs
    from ._doubles.calls import Call
    from ._fake import GlueJobs, fake_glue_jobs
    from ._service.operations import OPERATIONS

__all__ = [
    "OPERATIONS",
    "Call",
    "DQDLSyntaxError",
    "EndlessPollingError",
    "FakeInternalError",
    "GlueError",
    "GlueJobs",
    "GlueJobsDeprecationWarning",
    "MissingFieldWarning",
    "NoFakeActiveError",
    "NoFakeActiveWarning",
    "NotFakedError",
    "NotServedError",
    "RuleNotEvaluatedError",
    "RunLogs",
    "S3PathNotServedError",
    "SeedFileError",
    "SparkUnavailableError",
    "fake_glue_jobs",
]

# The names that load botocore, and the module each comes from: imported on first use (PEP 562).
_LAZY = {
    "OPERATIONS": "._service.operations",
    "Call": "._doubles.calls",
    "GlueJobs": "._fake",
    "MissingFieldWarning": "._awsglue._paths",
    "RunLogs": "._code.runner",
    "fake_glue_jobs": "._fake",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
