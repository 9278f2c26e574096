"""UpdateJobFromSourceControl (pull) and UpdateSourceControlFromJob (push).

Both synchronise a job with "the remote repository that is configured on the job"; the members
of the request, all optional, override the job's SourceControlDetails and are kept in them. The
fake holds no repository: a pull keeps the job's definition and ScriptLocation as they are (AWS
writes the pulled script to ScriptLocation) and records the commit; a push records the commit it
makes.
"""

from __future__ import annotations

import secrets

from .._data.clock import now
from .._data.errors import GlueError, invalid_input, not_found
from .._data.shapes import Params, Response
from .._data.store import RegionStore, Store
from .._data.text import show
from .rules import check_source_control

# Request member -> SourceControlDetails member.
_DETAILS = {
    "Provider": "Provider",
    "RepositoryName": "Repository",
    "RepositoryOwner": "Owner",
    "BranchName": "Branch",
    "Folder": "Folder",
    "AuthStrategy": "AuthStrategy",
    "AuthToken": "AuthToken",
}


def new_commit_id() -> str:
    """40 lowercase hex digits, the form of a Git commit id."""
    return secrets.token_hex(20)


def update_job_from_source_control(data: Store, store: RegionStore, params: Params) -> Response:
    # A pull of a given commit records it; without one, the branch head, which the fake cannot
    # know, gets an id of its own.
    return _sync("UpdateJobFromSourceControl", store, params, params.get("CommitId") or new_commit_id())


def update_source_control_from_job(data: Store, store: RegionStore, params: Params) -> Response:
    # A push makes a new commit; a CommitId in the request names the commit it builds on.
    return _sync("UpdateSourceControlFromJob", store, params, new_commit_id())


def _sync(operation: str, store: RegionStore, params: Params, commit_id: str) -> Response:
    name = params.get("JobName")
    if name is None:
        # The model marks JobName optional, but there is no job to synchronise without it.
        raise invalid_input(f"{operation}: JobName is required: name the job to synchronise")
    job = store.jobs.get(name)
    if job is None:
        raise not_found(name)
    details = dict(job.get("SourceControlDetails") or {})
    details.update({member: params[key] for key, member in _DETAILS.items() if key in params})
    try:
        check_source_control(details)
    except GlueError as error:
        raise invalid_input(f"{operation} for job {show(name)}: {error.message}") from None
    details["LastCommitId"] = commit_id
    store.put(name, {**job, "SourceControlDetails": details, "LastModifiedOn": now()})
    return {"JobName": name}
