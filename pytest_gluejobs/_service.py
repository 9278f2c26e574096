"""The Glue Jobs operations over the stores: validation, defaults, errors, paging.

The seven job operations live here; job runs (``_runs``) and tags (``_tags``) are dispatched from
here too, so every operation is checked against the model and answered the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from ._clock import now
from ._errors import GlueError, invalid_input, not_found
from ._model import check_input, show
from ._rules import DEFAULT_GLUE_VERSION, about_job, check_definition, check_tags, with_defaults
from ._runs import JobRunService
from ._store import Job, RegionStore, decode_token, encode_token
from ._tags import DEFAULT_ACCOUNT_ID, get_tags, name_in_arn, tag_resource, untag_resource

OPERATIONS = (
    "CreateJob",
    "UpdateJob",
    "GetJob",
    "GetJobs",
    "DeleteJob",
    "ListJobs",
    "BatchGetJobs",
    "StartJobRun",
    "GetJobRun",
    "GetJobRuns",
    "BatchStopJobRun",
    "TagResource",
    "UntagResource",
    "GetTags",
)
DEFAULT_PAGE_SIZE = 100
DEFAULT_MAX_JOBS = 1000  # Service Quotas L-611FDDE4, "Max jobs per account", per region

Params = dict[str, Any]
Response = dict[str, Any]


class GlueJobsService:
    """One fake Glue Jobs service: a store per region behind one lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.regions: dict[str, RegionStore] = {}
        self.max_jobs = DEFAULT_MAX_JOBS
        self.account_id = DEFAULT_ACCOUNT_ID
        self.job_runs = JobRunService()
        self._operations: dict[str, Callable[[RegionStore, Params], Response]] = {
            "CreateJob": self.create_job,
            "UpdateJob": self.update_job,
            "GetJob": self.get_job,
            "GetJobs": self.get_jobs,
            "DeleteJob": self.delete_job,
            "ListJobs": self.list_jobs,
            "BatchGetJobs": self.batch_get_jobs,
            "StartJobRun": self.job_runs.start_job_run,
            "GetJobRun": self.job_runs.get_job_run,
            "GetJobRuns": self.job_runs.get_job_runs,
            "BatchStopJobRun": self.job_runs.batch_stop_job_run,
            "TagResource": lambda store, params: tag_resource(store, params, self.account_id),
            "UntagResource": lambda store, params: untag_resource(store, params, self.account_id),
            "GetTags": lambda store, params: get_tags(store, params, self.account_id),
        }

    def store(self, region: str) -> RegionStore:
        store = self.regions.get(region)
        if store is None:
            store = self.regions.setdefault(region, RegionStore(region))
        return store

    def call(self, operation: str, params: Params, region: str) -> Response:
        """Answer one request, or raise the GlueError AWS would answer with."""
        handler = self._operations[operation]
        job_name = params.get("Name") or params.get("JobName") or name_in_arn(params.get("ResourceArn"))
        check_input(operation, params, job_name)
        with self.lock:
            return handler(self.store(region), params)

    def create_job(self, store: RegionStore, params: Params) -> Response:
        name = params["Name"]
        definition = {key: value for key, value in params.items() if key not in ("Name", "Tags")}
        glue_version = params.get("GlueVersion", DEFAULT_GLUE_VERSION)
        job = _build_job(name, definition, glue_version)
        tags = params.get("Tags")
        if tags:
            about_job(name, check_tags, tags)
        if name in store.jobs:
            raise GlueError("AlreadyExistsException", f"Job with name: {name} already exists.")
        if len(store) >= self.max_jobs:
            raise GlueError(
                "ResourceNumberLimitExceededException",
                f"Cannot create job {name!r}: region {store.region} already holds "
                f"{len(store)} jobs, the quota of {self.max_jobs} (Service Quotas L-611FDDE4).",
            )
        job["CreatedOn"] = job["LastModifiedOn"] = now()
        store.put(name, job)
        if tags:
            store.tags[name] = dict(tags)
        return {"Name": name}

    def update_job(self, store: RegionStore, params: Params) -> Response:
        name = params["JobName"]
        update = params["JobUpdate"]
        for member in ("Role", "Command"):
            if member not in update:
                raise invalid_input(
                    f"Job {show(name)}: JobUpdate.{member} is required. UpdateJob replaces the whole "
                    "definition, so send every member the job should keep."
                )
        existing = store.jobs.get(name)
        if existing is None:
            raise not_found(name)
        # A job loaded from a seed file may have no GlueVersion: it then keeps the default.
        glue_version = update.get("GlueVersion", existing.get("GlueVersion", DEFAULT_GLUE_VERSION))
        job = _build_job(name, update, glue_version)
        job["CreatedOn"] = existing["CreatedOn"]
        job["LastModifiedOn"] = now()
        store.put(name, job)
        return {"JobName": name}

    def get_job(self, store: RegionStore, params: Params) -> Response:
        name = params["JobName"]
        job = store.jobs.get(name)
        if job is None:
            raise not_found(name)
        return {"Job": job}

    def get_jobs(self, store: RegionStore, params: Params) -> Response:
        names, next_after = _page(store, "GetJobs", params)
        # GetJobs was seen to leave out CodeGenConfigurationNodes (boto/boto3#3761).
        jobs = [_without_codegen(store.jobs[name]) for name in names]
        return _paged({"Jobs": jobs}, next_after)

    def delete_job(self, store: RegionStore, params: Params) -> Response:
        name = params["JobName"]
        store.remove(name)
        return {"JobName": name}

    def list_jobs(self, store: RegionStore, params: Params) -> Response:
        wanted = params.get("Tags")
        keep = None
        if wanted:
            wanted_items = wanted.items()
            tags = store.tags

            def keep(name: str) -> bool:
                return bool(wanted_items <= tags.get(name, {}).items())

        names, next_after = _page(store, "ListJobs", params, keep)
        return _paged({"JobNames": names}, next_after)

    def batch_get_jobs(self, store: RegionStore, params: Params) -> Response:
        found: list[Job] = []
        missing: list[str] = []
        for name in dict.fromkeys(params["JobNames"]):
            job = store.jobs.get(name)
            if job is None:
                missing.append(name)
            else:
                found.append(job)
        return {"Jobs": found, "JobsNotFound": missing}


def _build_job(name: str, definition: Params, glue_version: str) -> Job:
    about_job(name, check_definition, definition, glue_version)
    return {"Name": name, **with_defaults(definition, glue_version)}


def _without_codegen(job: Job) -> Job:
    if "CodeGenConfigurationNodes" not in job:
        return job
    return {key: value for key, value in job.items() if key != "CodeGenConfigurationNodes"}


def _page(
    store: RegionStore,
    operation: str,
    params: Params,
    keep: Callable[[str], bool] | None = None,
) -> tuple[list[str], str | None]:
    token = params.get("NextToken")
    after = decode_token(operation, token) if token else None
    return store.page(after, params.get("MaxResults", DEFAULT_PAGE_SIZE), keep)


def _paged(response: Response, next_after: str | None) -> Response:
    if next_after is not None:
        response["NextToken"] = encode_token(next_after)
    return response
