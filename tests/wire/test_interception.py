"""Which clients the fake answers, how botocore sees its answers, and what it leaves alone."""

from __future__ import annotations

import textwrap
import time
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, NoCredentialsError
from support import DEFINITION, run_python

import pytest_gluejobs
from pytest_gluejobs import GlueError, NoFakeActiveWarning, NotFakedError, fake_glue_jobs


def create(client: Any, name: str) -> None:
    client.create_job(Name=name, **DEFINITION)


@pytest.mark.parametrize(
    "make_client",
    [
        lambda: boto3.client("glue", region_name="us-east-1"),
        lambda: boto3.Session().client("glue", region_name="us-east-1"),
        lambda: boto3.Session(region_name="us-east-1").client("glue"),
        lambda: botocore.session.get_session().create_client("glue", region_name="us-east-1"),
    ],
    ids=["boto3.client", "boto3.Session().client", "session-region", "botocore"],
)
def test_every_kind_of_client_is_answered(glue_jobs: Any, make_client: Any) -> None:
    client = make_client()
    create(client, "made-here")
    assert list(glue_jobs.jobs()) == ["made-here"]
    assert client.get_job(JobName="made-here")["Job"]["Name"] == "made-here"


def test_a_client_created_before_the_fake_is_answered() -> None:
    early = boto3.client("glue", region_name="us-east-1")
    with fake_glue_jobs() as fake:
        create(early, "early")
        assert list(fake.jobs()) == ["early"]


def test_a_client_created_before_the_plugin_was_imported_is_answered(tmp_path: Any) -> None:
    script = textwrap.dedent(
        """
        import os
        for name in list(os.environ):
            if name.startswith("AWS_"):
                del os.environ[name]
        import boto3
        glue = boto3.client("glue", region_name="us-east-1")  # made at import time of app code
        from pytest_gluejobs import fake_glue_jobs
        with fake_glue_jobs() as fake:
            glue.create_job(Name="old", Role="r", Command={"Name": "pythonshell"})
            print(sorted(fake.jobs()))
        """
    )
    assert run_python(script, tmp_path) == "['old']"


def test_no_credentials_are_needed(glue: Any) -> None:
    assert boto3.Session().get_credentials() is None
    create(glue, "needs-no-keys")
    assert glue.get_job(JobName="needs-no-keys")["Job"]["Name"] == "needs-no-keys"


def test_nothing_is_answered_without_an_active_fake() -> None:
    client = boto3.client("glue", region_name="us-east-1")
    with fake_glue_jobs():
        pass
    # Unsigned and unanswered, the call would need credentials: it fails before any network I/O.
    with pytest.raises(NoCredentialsError), pytest.warns(NoFakeActiveWarning, match="GetJob"):
        client.get_job(JobName="x")


def test_other_services_are_not_touched(glue_jobs: Any) -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    with pytest.raises(NoCredentialsError):
        s3.list_buckets()


def test_an_unfaked_glue_operation_fails_at_once_naming_it(glue: Any) -> None:
    sent = []
    glue.meta.events.register("before-send.glue.GetDatabases", lambda **kw: sent.append(1))
    with pytest.raises(NotFakedError) as raised:
        glue.get_databases()
    message = str(raised.value)
    assert "GetDatabases is not faked" in message
    assert "CreateJob" in message and "BatchGetJobs" in message
    assert len(sent) == 1  # not retried


def test_errors_are_botocore_modeled_exceptions(glue: Any) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException) as raised:
        glue.get_job(JobName="missing")
    response = raised.value.response
    assert response["Error"]["Code"] == "EntityNotFoundException"
    assert response["Error"]["Message"] == "Job with name: missing not found."
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["ResponseMetadata"]["RequestId"]


def test_successes_carry_response_metadata(glue: Any) -> None:
    response = glue.list_jobs()
    metadata = response["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert len(metadata["RequestId"]) == 36
    assert metadata["RetryAttempts"] == 0
    assert glue.list_jobs()["ResponseMetadata"]["RequestId"] != metadata["RequestId"]


def test_internal_service_errors_are_500_and_retried_by_botocore_without_sleeping(
    glue_jobs: Any, monkeypatch: pytest.MonkeyPatch, slept: list[float]
) -> None:
    attempts = []

    def broken(operation: str, params: Any, region: str, settle: Any) -> Any:
        attempts.append(1)
        return settle(GlueError("InternalServiceException", "try again"))

    monkeypatch.setattr(glue_jobs.service, "answer", broken)
    client = boto3.client(
        "glue", region_name="us-east-1", config=Config(retries={"mode": "standard", "total_max_attempts": 3})
    )
    with pytest.raises(client.exceptions.InternalServiceException) as raised:
        client.list_jobs()
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(attempts) == 3
    assert slept == []


def test_timestamps_are_parsed_by_botocore(glue: Any) -> None:
    create(glue, "when")
    job = glue.get_job(JobName="when")["Job"]
    assert job["CreatedOn"].tzinfo is not None
    assert abs(job["CreatedOn"].timestamp() - time.time()) < 60


def test_regions_are_separate_stores(glue_jobs: Any) -> None:
    east = boto3.client("glue", region_name="us-east-1")
    west = boto3.client("glue", region_name="eu-west-1")
    create(east, "east-job")
    create(west, "west-job")
    assert east.list_jobs()["JobNames"] == ["east-job"]
    assert west.list_jobs()["JobNames"] == ["west-job"]
    assert list(glue_jobs.jobs("eu-west-1")) == ["west-job"]
    with pytest.raises(ClientError):
        west.get_job(JobName="east-job")


def test_the_region_comes_from_the_client_even_with_a_custom_endpoint(glue_jobs: Any) -> None:
    client = boto3.client("glue", region_name="ap-south-1", endpoint_url="http://localhost:1")
    create(client, "local")
    assert list(glue_jobs.jobs("ap-south-1")) == ["local"]


def test_the_innermost_fake_answers_and_the_outer_one_resumes(glue: Any, glue_jobs: Any) -> None:
    create(glue, "outer")
    with fake_glue_jobs() as inner:
        create(glue, "inner")
        assert list(inner.jobs()) == ["inner"]
    assert glue.list_jobs()["JobNames"] == ["outer"]


def test_the_package_exports_what_users_annotate_with() -> None:
    assert pytest_gluejobs.GlueJobs is type(fake_glue_jobs())


def test_botocore_that_leaves_the_context_off_prepared_requests_is_answered_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # botocore before 1.43.68 keeps the request context on the unprepared request only; the fake
    # reads the client's region and the retry attempt from it.
    from botocore.awsrequest import AWSRequest

    from pytest_gluejobs._edge import handlers

    prepare = AWSRequest.prepare

    def prepare_as_older_botocore(self: AWSRequest) -> Any:
        prepared = prepare(self)
        vars(prepared).pop("context", None)
        return prepared

    monkeypatch.setattr(AWSRequest, "prepare", prepare_as_older_botocore)
    handlers._carry_request_context()

    with fake_glue_jobs() as fake:
        fake.fail("CreateJob", "ThrottlingException")
        create(boto3.client("glue", region_name="eu-west-1"), "nightly")

        assert [(call.region, call.attempt, call.error) for call in fake.calls] == [
            ("eu-west-1", 1, "ThrottlingException"),
            ("eu-west-1", 2, None),
        ]
