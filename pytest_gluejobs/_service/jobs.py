"""CreateJob, UpdateJob, GetJob, GetJobs, DeleteJob, ListJobs and BatchGetJobs."""

from __future__ import annotations

from collections.abc import Callable

from .._data.clock import now
from .._data.errors import GlueError, invalid_input, not_found
from .._data.shapes import Job, Params, Response
from .._data.store import RegionStore, Store
from .._data.text import show
from .paging import names_page, page_request, paged
from .rules import DEFAULTS, check_definition, check_tags, fill_defaults, naming_job


def create_job(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["Name"]
    defaults = DEFAULTS[data.settings.defaults]
    glue_version = params.get("GlueVersion", defaults.glue_version)
    tags = params.get("Tags")
    try:
        # The rules between members judge the request as it is: Name and Tags take part in none.
        check_definition(params, glue_version, defaults)
        if tags:
            check_tags(tags)
    except GlueError as error:
        raise naming_job(name, error) from None
    if name in store.jobs:
        raise GlueError("AlreadyExistsException", f"Job with name: {name} already exists.")
    if len(store.jobs) >= data.settings.max_jobs:
        raise GlueError(
            "ResourceNumberLimitExceededException",
            f"Cannot create job {name!r}: region {store.region} already holds "
            f"{len(store.jobs)} jobs, the quota of {data.settings.max_jobs} (Service Quotas L-611FDDE4).",
        )
    job = {"Name": name, **params}  # Name first, as the job shows it; the tags are kept apart
    if tags is not None:
        del job["Tags"]
    fill_defaults(job, glue_version, defaults)
    job["CreatedOn"] = job["LastModifiedOn"] = now()
    store.put(name, job)
    if tags:
        store.tags[name] = dict(tags)
    return {"Name": name}


def update_job(data: Store, store: RegionStore, params: Params) -> Response:
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
    defaults = DEFAULTS[data.settings.defaults]
    glue_version = update.get("GlueVersion", existing.get("GlueVersion", defaults.glue_version))
    try:
        check_definition(update, glue_version, defaults)
    except GlueError as error:
        raise naming_job(name, error) from None
    job = fill_defaults({"Name": name, **update}, glue_version, defaults)
    job["CreatedOn"] = existing["CreatedOn"]
    job["LastModifiedOn"] = now()
    store.put(name, job)
    return {"JobName": name}


def get_job(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["JobName"]
    job = store.jobs.get(name)
    if job is None:
        raise not_found(name)
    return {"Job": job}


def get_jobs(data: Store, store: RegionStore, params: Params) -> Response:
    after, limit = page_request("GetJobs", params, str)
    names, next_after = names_page(store.names, after, limit)
    # GetJobs was seen to leave out CodeGenConfigurationNodes (boto/boto3#3761).
    jobs = [_without_codegen(store.jobs[name]) for name in names]
    return paged({"Jobs": jobs}, "GetJobs", next_after)


def delete_job(data: Store, store: RegionStore, params: Params) -> Response:
    name = params["JobName"]
    store.remove(name)
    return {"JobName": name}


def list_jobs(data: Store, store: RegionStore, params: Params) -> Response:
    wanted = params.get("Tags")
    keep: Callable[[str], bool] | None = None
    if wanted:
        wanted_items = wanted.items()
        tags = store.tags

        def keep(name: str) -> bool:
            return bool(wanted_items <= tags.get(name, {}).items())

    after, limit = page_request("ListJobs", params, str)
    names, next_after = names_page(store.names, after, limit, keep)
    return paged({"JobNames": names}, "ListJobs", next_after)


def batch_get_jobs(data: Store, store: RegionStore, params: Params) -> Response:
    found: list[Job] = []
    missing: list[str] = []
    for name in dict.fromkeys(params["JobNames"]):
        job = store.jobs.get(name)
        if job is None:
            missing.append(name)
        else:
            found.append(job)
    return {"Jobs": found, "JobsNotFound": missing}


def _without_codegen(job: Job) -> Job:
    if "CodeGenConfigurationNodes" not in job:
        return job
    return {key: value for key, value in job.items() if key != "CodeGenConfigurationNodes"}
