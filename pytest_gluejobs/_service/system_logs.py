"""GetSystemLogsForJobRun: where a run's system logs can be downloaded.

Newer botocore releases model it; where the installed one does not, it is left out of the table.
"""

from __future__ import annotations

from urllib.parse import quote

from .._data.errors import GlueError, not_found
from .._data.shapes import Params, Response
from .._data.store import RegionStore, Store

# A reserved name (RFC 2606) that never resolves: code that downloads the logs in a test fails at
# once, and reaches no one.
LOGS_HOST = "pytest-gluejobs.invalid"


def system_logs_url(account_id: str, region: str, job_name: str, run_id: str) -> str:
    return (
        f"https://{LOGS_HOST}/system-logs/{account_id}/{region}/"
        f"{quote(job_name, safe='')}/{quote(run_id, safe='')}"
    )


def get_system_logs_for_job_run(data: Store, store: RegionStore, params: Params) -> Response:
    name, run_id = params["JobName"], params["RunId"]
    if name not in store.jobs:
        raise not_found(name)
    runs = store.runs.get(name)
    if runs is None or run_id not in runs.by_id:
        raise GlueError("EntityNotFoundException", f"Job run {run_id} of job {name} not found.")
    return {"SystemLogsUrl": system_logs_url(data.settings.account_id, store.region, name, run_id)}
