"""TagResource, UntagResource, GetTags on job ARNs, and the one set of tags CreateJob and ListJobs see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from support import ARN, error_of

from pytest_gluejobs import GlueJobs


def test_the_job_arn_uses_the_documented_default_account(glue_jobs: GlueJobs) -> None:
    assert glue_jobs.account_id == "123456789012"
    assert glue_jobs.job_arn("nightly") == ARN
    assert glue_jobs.job_arn("nightly", region="eu-west-1") == "arn:aws:glue:eu-west-1:123456789012:job/nightly"
    assert glue_jobs.job_arn("n", region="cn-north-1") == "arn:aws-cn:glue:cn-north-1:123456789012:job/n"


def test_tag_get_and_untag_a_job(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly")

    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {}
    glue.tag_resource(ResourceArn=ARN, TagsToAdd={"team": "data", "env": "prod"})
    glue.tag_resource(ResourceArn=ARN, TagsToAdd={"env": "staging", "cost": "42"})
    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {"team": "data", "env": "staging", "cost": "42"}

    glue.untag_resource(ResourceArn=ARN, TagsToRemove=["env", "not-there"])

    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {"team": "data", "cost": "42"}


def test_create_job_tags_and_tag_resource_are_one_set_that_list_jobs_filters_on(
    glue: Any, make_job: Callable[..., Any]
) -> None:
    make_job("nightly", Tags={"team": "data"})
    make_job("hourly")

    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {"team": "data"}
    glue.tag_resource(ResourceArn=ARN.replace("nightly", "hourly"), TagsToAdd={"team": "data"})
    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == ["hourly", "nightly"]

    glue.untag_resource(ResourceArn=ARN, TagsToRemove=["team"])

    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == ["hourly"]
    assert "Tags" not in glue.get_job(JobName="nightly")["Job"]


def test_deleting_a_job_drops_its_tags(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly")
    glue.tag_resource(ResourceArn=ARN, TagsToAdd={"team": "data"})

    glue.delete_job(JobName="nightly")
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_tags(ResourceArn=ARN)
    make_job("nightly")

    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {}
    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == []


@pytest.mark.parametrize("operation", ["tag_resource", "untag_resource", "get_tags"])
def test_tags_of_an_unknown_job_are_entity_not_found(glue: Any, operation: str) -> None:
    arguments: dict[str, Any] = {"ResourceArn": ARN}
    if operation == "tag_resource":
        arguments["TagsToAdd"] = {"a": "b"}
    if operation == "untag_resource":
        arguments["TagsToRemove"] = ["a"]

    with pytest.raises(glue.exceptions.EntityNotFoundException) as excinfo:
        getattr(glue, operation)(**arguments)

    assert "Job with name: nightly not found." in error_of(excinfo).message


@pytest.mark.parametrize(
    ("arn", "expected"),
    [
        ("arn:aws:glue:eu-west-1:123456789012:job/nightly", "not a job of this client's region and account"),
        ("arn:aws:glue:us-east-1:999999999999:job/nightly", "not a job of this client's region and account"),
        ("arn:aws-cn:glue:us-east-1:123456789012:job/nightly", "not a job of this client's region and account"),
        ("arn:aws:glue:us-east-1:123456789012:trigger/nightly", "Trigger nightly not found."),
        ("arn:aws:glue:us-east-1:123456789012:crawler/nightly", "does not name a job or a trigger"),
        ("arn:aws:glue:us-east-1:123456789012:job/", "does not name a job or a trigger"),
    ],
)
def test_an_arn_of_another_region_account_or_resource_is_entity_not_found(
    glue: Any, make_job: Callable[..., Any], arn: str, expected: str
) -> None:
    make_job("nightly")

    with pytest.raises(glue.exceptions.EntityNotFoundException) as excinfo:
        glue.tag_resource(ResourceArn=arn, TagsToAdd={"a": "b"})

    assert expected in error_of(excinfo).message
    message = error_of(excinfo).message
    assert ARN in message or "job/<job name>" in message or "trigger/nightly" in arn
    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {}


@pytest.mark.parametrize("arn", ["nightly", "arn:aws:s3:::bucket", "arn:aws:glue:us-east-1"])
def test_a_resource_arn_that_is_not_a_glue_arn_is_invalid_input(
    glue: Any, make_job: Callable[..., Any], arn: str
) -> None:
    make_job("nightly")

    with pytest.raises(glue.exceptions.InvalidInputException):
        glue.get_tags(ResourceArn=arn)


def test_setting_the_account_id_moves_the_arns(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    glue_jobs.account_id = "111122223333"

    glue.tag_resource(ResourceArn="arn:aws:glue:us-east-1:111122223333:job/nightly", TagsToAdd={"a": "b"})

    assert glue_jobs.job_arn("nightly") == "arn:aws:glue:us-east-1:111122223333:job/nightly"
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.get_tags(ResourceArn=ARN)


@pytest.mark.parametrize("bad", ["12345", "abcdefghijkl", 123456789012, "1234567890123", "١٢٣٤٥٦٧٨٩٠١٢", "123456789012\n"])
def test_the_account_id_must_be_twelve_digits(glue_jobs: GlueJobs, bad: Any) -> None:
    with pytest.raises(ValueError, match="account_id must be 12 digits"):
        glue_jobs.account_id = bad
    assert glue_jobs.account_id == "123456789012"


def test_tags_live_in_the_region_of_the_client(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("nightly", region="eu-west-1")
    west = boto3.client("glue", region_name="eu-west-1")
    arn = glue_jobs.job_arn("nightly", region="eu-west-1")

    west.tag_resource(ResourceArn=arn, TagsToAdd={"a": "b"})

    assert west.get_tags(ResourceArn=arn)["Tags"] == {"a": "b"}
    with pytest.raises(west.exceptions.EntityNotFoundException):
        boto3.client("glue", region_name="us-east-1").get_tags(ResourceArn=arn)


@pytest.mark.parametrize(
    ("existing", "adding", "expected"),
    [
        ({}, {f"k{n}": "v" for n in range(50)}, "Member must have at most 50 entries, got 51"),
        ({f"k{n}": "v" for n in range(30)}, {f"n{n}": "v" for n in range(20)}, "would carry 51 tags"),
        ({}, {"k" * 129: "v"}, "Member must have length less than or equal to 128"),
        ({}, {"k": "v" * 257}, "Member must have length less than or equal to 256"),
        ({}, {"aws:owner": "me"}, "the prefix 'aws:' is reserved"),
        ({}, {"AWS:owner": "me"}, "the prefix 'aws:' is reserved"),
    ],
)
def test_tag_resource_rejects_bad_tags_and_changes_nothing(
    glue: Any, make_job: Callable[..., Any], existing: dict[str, str], adding: dict[str, str], expected: str
) -> None:
    make_job("nightly", **({"Tags": existing} if existing else {}))

    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.tag_resource(ResourceArn=ARN, TagsToAdd={"fine": "yes", **adding})

    assert expected in error_of(excinfo).message
    assert "nightly" in error_of(excinfo).message
    assert glue.get_tags(ResourceArn=ARN)["Tags"] == existing


def test_tag_resource_reaches_exactly_fifty(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly", Tags={f"k{n}": "v" for n in range(30)})

    glue.tag_resource(ResourceArn=ARN, TagsToAdd={f"n{n}": "" for n in range(20)})

    assert len(glue.get_tags(ResourceArn=ARN)["Tags"]) == 50


def test_untag_resource_rejects_reserved_and_too_many_keys(glue: Any, make_job: Callable[..., Any]) -> None:
    make_job("nightly", Tags={"team": "data"})

    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.untag_resource(ResourceArn=ARN, TagsToRemove=["team", "aws:cloudformation:stack-name"])
    assert "reserved" in error_of(excinfo).message
    with pytest.raises(glue.exceptions.InvalidInputException) as excinfo:
        glue.untag_resource(ResourceArn=ARN, TagsToRemove=[f"k{n}" for n in range(51)])
    assert "at most 50 items" in error_of(excinfo).message

    assert glue.get_tags(ResourceArn=ARN)["Tags"] == {"team": "data"}
