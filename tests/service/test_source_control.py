"""UpdateJobFromSourceControl (pull) and UpdateSourceControlFromJob (push)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import boto3
import pytest
from botocore.config import Config
from support import error_of, freeze_time

from pytest_gluejobs import OPERATIONS, GlueJobs

PULL, PUSH = "update_job_from_source_control", "update_source_control_from_job"
BOTH = pytest.mark.parametrize("method", [PULL, PUSH])
GITHUB = {
    "Provider": "GITHUB",
    "RepositoryName": "etl",
    "RepositoryOwner": "data-team",
    "BranchName": "main",
    "Folder": "jobs",
    "AuthStrategy": "PERSONAL_ACCESS_TOKEN",
    "AuthToken": "token",
}
CONFIGURED = {
    "Provider": "GITHUB",
    "Repository": "etl",
    "Owner": "data-team",
    "Branch": "main",
    "AuthStrategy": "AWS_SECRETS_MANAGER",
    "AuthToken": "github-token",
}
OPERATION = {PULL: "UpdateJobFromSourceControl", PUSH: "UpdateSourceControlFromJob"}


def test_both_operations_are_faked() -> None:
    assert {"UpdateJobFromSourceControl", "UpdateSourceControlFromJob"} <= set(OPERATIONS)


@BOTH
def test_the_request_sets_the_jobs_source_control_details(glue_jobs: GlueJobs, glue: Any, method: str) -> None:
    glue_jobs.add_job("nightly")

    answer = getattr(glue, method)(JobName="nightly", **GITHUB)

    assert answer["JobName"] == "nightly"
    details = glue.get_job(JobName="nightly")["Job"]["SourceControlDetails"]
    commit = details.pop("LastCommitId")
    assert details == {
        "Provider": "GITHUB", "Repository": "etl", "Owner": "data-team", "Branch": "main",
        "Folder": "jobs", "AuthStrategy": "PERSONAL_ACCESS_TOKEN", "AuthToken": "token",
    }
    assert re.fullmatch(r"[0-9a-f]{40}", commit)


@BOTH
def test_the_repository_configured_on_the_job_is_used(glue_jobs: GlueJobs, glue: Any, method: str) -> None:
    glue_jobs.add_job("nightly", SourceControlDetails=CONFIGURED)

    getattr(glue, method)(JobName="nightly", BranchName="feature")

    details = glue.get_job(JobName="nightly")["Job"]["SourceControlDetails"]
    assert {key: value for key, value in details.items() if key != "LastCommitId"} == {**CONFIGURED, "Branch": "feature"}


def test_a_pull_of_a_commit_records_it_and_keeps_the_definition(glue_jobs: GlueJobs, glue: Any) -> None:
    with freeze_time("2024-01-01T00:00:00Z"):
        glue_jobs.add_job("nightly", SourceControlDetails=CONFIGURED, Timeout=60)
    before = glue.get_job(JobName="nightly")["Job"]

    with freeze_time("2024-06-01T00:00:00Z"):
        glue.update_job_from_source_control(JobName="nightly", CommitId="a" * 40)

    job = glue.get_job(JobName="nightly")["Job"]
    assert job["SourceControlDetails"]["LastCommitId"] == "a" * 40
    assert job["Command"] == before["Command"]  # ScriptLocation kept: AWS writes the pulled script there
    assert job["Timeout"] == 60
    assert job["CreatedOn"] == before["CreatedOn"]
    assert job["LastModifiedOn"] == datetime.datetime(2024, 6, 1, tzinfo=datetime.timezone.utc)


def test_each_push_makes_a_new_commit(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", SourceControlDetails=CONFIGURED)

    commits = set()
    for _ in range(3):
        glue.update_source_control_from_job(JobName="nightly", CommitId="b" * 40)
        commits.add(glue.get_job(JobName="nightly")["Job"]["SourceControlDetails"]["LastCommitId"])

    assert len(commits) == 3 and "b" * 40 not in commits


def test_codecommit_needs_no_owner_and_no_token(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly")

    glue.update_source_control_from_job(JobName="nightly", Provider="AWS_CODE_COMMIT", RepositoryName="etl")

    details = glue.get_job(JobName="nightly")["Job"]["SourceControlDetails"]
    assert (details["Provider"], details["Repository"]) == ("AWS_CODE_COMMIT", "etl")


def test_a_bitbucket_repository_names_its_workspace(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly")

    glue.update_job_from_source_control(JobName="nightly", **{**GITHUB, "Provider": "BITBUCKET", "RepositoryName": "team/etl"})

    assert glue.get_job(JobName="nightly")["Job"]["SourceControlDetails"]["Repository"] == "team/etl"


# -- the rules between members -----------------------------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("configured", "params", "message"),
    [
        (None, {}, "Provider and RepositoryName are required: the job's SourceControlDetails name no repository, so the request must"),
        (None, {"Provider": "GITHUB"}, "RepositoryName is required: the job's SourceControlDetails name no repository, so the request must"),
        (None, {"RepositoryName": "etl"}, "Provider is required"),
        (None, {**GITHUB, "RepositoryOwner": None}, "RepositoryOwner is required for Provider GITHUB; got none"),
        (None, {**GITHUB, "Provider": "GITLAB", "AuthStrategy": None, "AuthToken": None},
         "Provider GITLAB needs AuthStrategy and AuthToken (a personal access token, or a Secrets Manager secret holding one); got neither"),
        (None, {**GITHUB, "AuthToken": None}, "AuthStrategy PERSONAL_ACCESS_TOKEN needs an AuthToken"),
        (None, {**GITHUB, "AuthStrategy": None}, "AuthToken needs an AuthStrategy saying what it is"),
        (None, {**GITHUB, "Provider": "BITBUCKET"}, "RepositoryName 'etl' is not valid for Provider BITBUCKET: use '<WorkspaceName>/<RepositoryName>'"),
        (None, {**GITHUB, "Provider": "BITBUCKET", "RepositoryName": "team/"}, "RepositoryName 'team/' is not valid for Provider BITBUCKET"),
        ({"Provider": "AWS_CODE_COMMIT", "Repository": "etl"}, {"Provider": "GITHUB"}, "RepositoryOwner is required for Provider GITHUB"),
    ],
    ids=["nothing", "no-repository", "no-provider", "no-owner", "no-token", "strategy-alone", "token-alone",
         "bitbucket-no-workspace", "bitbucket-empty-name", "switch-provider"],
)
def test_a_broken_rule_is_refused_naming_operation_job_and_rule(
    glue_jobs: GlueJobs, glue: Any, method: str, configured: dict[str, str] | None, params: dict[str, Any], message: str
) -> None:
    fields: dict[str, Any] = {"SourceControlDetails": configured} if configured else {}
    glue_jobs.add_job("nightly", **fields)
    before = glue_jobs.jobs()
    sent = {key: value for key, value in params.items() if value is not None}

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        getattr(glue, method)(JobName="nightly", **sent)

    assert error_of(caught).message.startswith(f"{OPERATION[method]} for job 'nightly': {message}")
    assert glue_jobs.jobs() == before


@BOTH
def test_an_unknown_job_is_entity_not_found(glue: Any, method: str) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        getattr(glue, method)(JobName="ghost", **GITHUB)

    assert error_of(caught) == ("EntityNotFoundException", "Job with name: ghost not found.")


@BOTH
def test_a_job_must_be_named(glue: Any, method: str) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        getattr(glue, method)(**GITHUB)

    assert error_of(caught).message == f"{OPERATION[method]}: JobName is required: name the job to synchronise"


# -- what the model forbids and botocore lets through ------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("member", "value", "complaint"),
    [
        ("Provider", "SVN", "Member must satisfy enum value set: [GITHUB, GITLAB, BITBUCKET, AWS_CODE_COMMIT]"),
        ("Provider", "github", "Member must satisfy enum value set"),
        ("AuthStrategy", "PASSWORD", "Member must satisfy enum value set: [PERSONAL_ACCESS_TOKEN, AWS_SECRETS_MANAGER]"),
        ("RepositoryName", "r" * 256, "Member must have length less than or equal to 255"),
        ("RepositoryOwner", "o" * 10_000, "Member must have length less than or equal to 255"),
        ("BranchName", "main\nfeature", "Member must satisfy regular expression pattern"),
        ("Folder", "f" * 256, "Member must have length less than or equal to 255"),
        ("CommitId", "c" * 41, "Member must have length less than or equal to 40"),
        ("AuthToken", "t" * 256, "Member must have length less than or equal to 255"),
        ("JobName", "j" * 256, "Member must have length less than or equal to 255"),
    ],
)
def test_model_constraints_are_invalid_input(
    glue_jobs: GlueJobs, glue: Any, method: str, member: str, value: str, complaint: str
) -> None:
    glue_jobs.add_job("nightly")
    before = glue_jobs.jobs()

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        getattr(glue, method)(**{"JobName": "nightly", **GITHUB, member: value})

    message = error_of(caught).message
    assert f"at '{member}' failed to satisfy constraint: {complaint}" in message
    assert glue_jobs.jobs() == before


@BOTH
def test_empty_and_mistyped_values_are_refused_without_botocore_validation(glue_jobs: GlueJobs, method: str) -> None:
    unchecked = boto3.client("glue", region_name="us-east-1", config=Config(parameter_validation=False))
    glue_jobs.add_job("nightly")

    wrongs: list[dict[str, Any]] = [{"RepositoryName": ""}, {"CommitId": ""}, {"Provider": 1}, {"BranchName": ["main"]}, {"JobName": {}}]
    for wrong in wrongs:
        with pytest.raises(unchecked.exceptions.InvalidInputException):
            getattr(unchecked, method)(**{"JobName": "nightly", **GITHUB, **wrong})


@BOTH
def test_misspelt_members_are_refused_by_botocore(glue: Any, method: str) -> None:
    from botocore.exceptions import ParamValidationError

    with pytest.raises(ParamValidationError, match="RepositoryOwnr"):
        getattr(glue, method)(JobName="nightly", RepositoryOwnr="me")


def test_source_control_calls_are_logged_and_accept_faults(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("nightly", SourceControlDetails=CONFIGURED)
    glue_jobs.fail("UpdateSourceControlFromJob", "AccessDeniedException", message="no push rights")

    with pytest.raises(glue.exceptions.AccessDeniedException, match="no push rights"):
        glue.update_source_control_from_job(JobName="nightly")
    glue.update_job_from_source_control(JobName="nightly")

    assert [(call.operation, call.error) for call in glue_jobs.calls] == [
        ("UpdateSourceControlFromJob", "AccessDeniedException"),
        ("UpdateJobFromSourceControl", None),
    ]
    glue_jobs.assert_called_once("update_job_from_source_control", JobName="nightly")
