"""TagResource, UntagResource and GetTags on job ARNs, over the tags CreateJob and ListJobs use.

Tags live in ``RegionStore.tags`` beside the jobs, so CreateJob's Tags, ListJobs' tag filter and
these operations all see one set, and DeleteJob drops it.
"""

from __future__ import annotations

import functools
import re

from botocore.exceptions import UnknownRegionError
from botocore.loaders import create_loader
from botocore.regions import EndpointResolver

from .._data.errors import GlueError, invalid_input
from .._data.shapes import Params, Response
from .._data.store import RegionStore, Store
from .._data.text import show
from .rules import about_job, check_tags

MAX_TAGS = 50  # per resource (the model's TagsMap maximum)

_ARN = re.compile(r"arn:(?P<partition>[^:]+):glue:(?P<region>[^:]*):(?P<account>[^:]*):(?P<resource>.+)", re.DOTALL)


@functools.cache
def partition_of(region: str) -> str:
    """The ARN partition of a region (aws-cn for cn-north-1, …); plain ``aws`` if unknown."""
    resolver = EndpointResolver(create_loader().load_data("endpoints"))
    try:
        partition: str = resolver.get_partition_for_region(region)
    except UnknownRegionError:
        return "aws"
    return partition


def job_arn(region: str, account_id: str, name: str) -> str:
    return f"arn:{partition_of(region)}:glue:{region}:{account_id}:job/{name}"


def name_in_arn(arn: object) -> str | None:
    """The job name a job ARN carries, to name the job in validation messages."""
    match = _ARN.fullmatch(arn) if isinstance(arn, str) else None
    if match is None or not match["resource"].startswith("job/"):
        return None
    return match["resource"][len("job/") :] or None


def _job_of(store: RegionStore, arn: str, account_id: str, operation: str) -> str:
    """The name of the job ``arn`` names in this store's region and account, or the error AWS gives."""
    match = _ARN.fullmatch(arn)
    if match is None:
        raise invalid_input(
            f"{operation}: ResourceArn {show(arn)} is not a Glue ARN; a job's ARN is "
            f"{job_arn(store.region, account_id, '<job name>')}"
        )
    kind, _, name = match["resource"].partition("/")
    expected = job_arn(store.region, account_id, name or "<job name>")
    if kind != "job" or not name:
        raise GlueError(
            "EntityNotFoundException",
            f"{operation}: ResourceArn {show(arn)} does not name a job; pytest-gluejobs fakes "
            f"the tags of jobs only, whose ARNs read {expected}",
        )
    if (match["partition"], match["region"], match["account"]) != (
        partition_of(store.region),
        store.region,
        account_id,
    ):
        raise GlueError(
            "EntityNotFoundException",
            f"{operation}: ResourceArn {show(arn)} is not a job of this client's region and "
            f"account ({store.region}, {account_id}); the job {show(name)} here is {expected}",
        )
    if name not in store.jobs:
        raise GlueError("EntityNotFoundException", f"{operation}: Job with name: {name} not found.")
    return name


def tag_resource(data: Store, store: RegionStore, params: Params) -> Response:
    name = _job_of(store, params["ResourceArn"], data.settings.account_id, "TagResource")
    adding = params["TagsToAdd"]
    about_job(name, check_tags, adding)
    merged = {**store.tags.get(name, {}), **adding}
    if len(merged) > MAX_TAGS:
        raise invalid_input(
            f"TagResource: job {show(name)} would carry {len(merged)} tags; a resource takes at "
            f"most {MAX_TAGS}. Nothing was changed."
        )
    store.tags[name] = merged
    return {}


def untag_resource(data: Store, store: RegionStore, params: Params) -> Response:
    name = _job_of(store, params["ResourceArn"], data.settings.account_id, "UntagResource")
    removing = params["TagsToRemove"]
    about_job(name, check_tags, dict.fromkeys(removing, ""))
    tags = store.tags.get(name, {})
    for key in removing:
        tags.pop(key, None)
    return {}


def get_tags(data: Store, store: RegionStore, params: Params) -> Response:
    name = _job_of(store, params["ResourceArn"], data.settings.account_id, "GetTags")
    return {"Tags": dict(store.tags.get(name, {}))}
