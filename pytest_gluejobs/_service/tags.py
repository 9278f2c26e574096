"""TagResource, UntagResource and GetTags on job and trigger ARNs, over the tags CreateJob and
ListJobs (CreateTrigger and ListTriggers) use.

Tags live in ``RegionStore.tags`` beside the jobs (``trigger_tags`` beside the triggers), so the
create operation's Tags, the list operation's tag filter and these operations all see one set,
and deleting the resource drops it.
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
from .rules import check_tags

MAX_TAGS = 50  # per resource (the model's TagsMap maximum)
_KINDS = ("job", "trigger")

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
    return resource_arn(region, account_id, "job", name)


def resource_arn(region: str, account_id: str, kind: str, name: str) -> str:
    """The ARN of a job (``kind`` "job") or a trigger ("trigger")."""
    return f"arn:{partition_of(region)}:glue:{region}:{account_id}:{kind}/{name}"


def name_in_arn(arn: object) -> str | None:
    """The job name a job ARN carries, to name the job in validation messages."""
    match = _ARN.fullmatch(arn) if isinstance(arn, str) else None
    if match is None or not match["resource"].startswith("job/"):
        return None
    return match["resource"][len("job/") :] or None


def _tags_of(store: RegionStore, arn: str, account_id: str, operation: str) -> tuple[str, str, dict[str, dict[str, str]]]:
    """(kind, name, the region's tags of that kind) for the job or trigger ``arn`` names in this
    store's region and account, or the error AWS gives."""
    match = _ARN.fullmatch(arn)
    if match is None:
        raise invalid_input(
            f"{operation}: ResourceArn {show(arn)} is not a Glue ARN; a job's ARN is "
            f"{job_arn(store.region, account_id, '<job name>')}"
        )
    kind, _, name = match["resource"].partition("/")
    if kind not in _KINDS or not name:
        raise GlueError(
            "EntityNotFoundException",
            f"{operation}: ResourceArn {show(arn)} does not name a job or a trigger; "
            "pytest-gluejobs fakes the tags of jobs and triggers only, whose ARNs read "
            f"{job_arn(store.region, account_id, '<job name>')} and "
            f"{resource_arn(store.region, account_id, 'trigger', '<trigger name>')}",
        )
    expected = resource_arn(store.region, account_id, kind, name)
    if (match["partition"], match["region"], match["account"]) != (
        partition_of(store.region),
        store.region,
        account_id,
    ):
        raise GlueError(
            "EntityNotFoundException",
            f"{operation}: ResourceArn {show(arn)} is not a {kind} of this client's region and "
            f"account ({store.region}, {account_id}); the {kind} {show(name)} here is {expected}",
        )
    if kind == "job":
        if name not in store.jobs:
            raise GlueError("EntityNotFoundException", f"{operation}: Job with name: {name} not found.")
        return "Job", name, store.tags
    if name not in store.triggers:
        raise GlueError("EntityNotFoundException", f"{operation}: Trigger {name} not found.")
    return "Trigger", name, store.trigger_tags


def tag_resource(data: Store, store: RegionStore, params: Params) -> Response:
    kind, name, tags = _tags_of(store, params["ResourceArn"], data.settings.account_id, "TagResource")
    adding = params["TagsToAdd"]
    _about(kind, name, adding)
    merged = {**tags.get(name, {}), **adding}
    if len(merged) > MAX_TAGS:
        raise invalid_input(
            f"TagResource: {kind.lower()} {show(name)} would carry {len(merged)} tags; a resource takes at "
            f"most {MAX_TAGS}. Nothing was changed."
        )
    tags[name] = merged
    return {}


def untag_resource(data: Store, store: RegionStore, params: Params) -> Response:
    kind, name, tags = _tags_of(store, params["ResourceArn"], data.settings.account_id, "UntagResource")
    removing = params["TagsToRemove"]
    _about(kind, name, dict.fromkeys(removing, ""))
    held = tags.get(name, {})
    for key in removing:
        held.pop(key, None)
    return {}


def get_tags(data: Store, store: RegionStore, params: Params) -> Response:
    _, name, tags = _tags_of(store, params["ResourceArn"], data.settings.account_id, "GetTags")
    return {"Tags": dict(tags.get(name, {}))}


def _about(kind: str, name: str, tags: dict[str, str]) -> None:
    try:
        check_tags(tags)
    except GlueError as error:
        raise invalid_input(f"{kind} {show(name)}: {error.message}") from None
