"""The object users hold: fake_glue_jobs(), jobs(), add_job() and what they refuse."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import NoCredentialsError
from support import error_of

from pytest_gluejobs import GlueError, GlueJobs, NoFakeActiveWarning, fake_glue_jobs


def test_fake_glue_jobs_is_active_only_inside_its_block() -> None:
    client = boto3.client("glue", region_name="us-east-1")
    with fake_glue_jobs() as fake:
        assert fake.active
        fake.add_job("inside")
        assert client.list_jobs()["JobNames"] == ["inside"]
    assert not fake.active
    with pytest.raises(NoCredentialsError), pytest.warns(NoFakeActiveWarning, match="ListJobs"):
        client.list_jobs()


def test_jobs_returns_copies_as_get_job_returns_them(glue: Any, glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("copy", DefaultArguments={"--a": "1"})
    jobs = glue_jobs.jobs()
    assert jobs["copy"] == glue.get_job(JobName="copy")["Job"]
    jobs["copy"]["DefaultArguments"]["--a"] = "changed"
    del jobs["copy"]
    assert glue_jobs.jobs()["copy"]["DefaultArguments"] == {"--a": "1"}


def test_add_job_applies_create_job_defaults_and_placeholders(glue_jobs: GlueJobs) -> None:
    job = glue_jobs.add_job("seeded", Tags={"team": "data"})
    assert job["Role"] == "arn:aws:iam::123456789012:role/pytest-gluejobs"
    assert job["Command"]["Name"] == "glueetl"
    assert job["Command"]["ScriptLocation"].endswith("/seeded.py")
    assert job["Timeout"] == 2880 and job["MaxCapacity"] == 10.0
    assert job == glue_jobs.jobs()["seeded"]


def test_add_job_does_not_share_the_callers_objects(glue_jobs: GlueJobs) -> None:
    arguments = {"--a": "1"}
    glue_jobs.add_job("mine", DefaultArguments=arguments)
    arguments["--a"] = "changed"
    assert glue_jobs.jobs()["mine"]["DefaultArguments"] == {"--a": "1"}


def test_add_job_raises_with_create_jobs_message(glue: Any, glue_jobs: GlueJobs) -> None:
    with pytest.raises(GlueError) as raised:
        glue_jobs.add_job("bad", WorkerType="G.1X", NumberOfWorkers=300)
    assert raised.value.code == "InvalidInputException"
    with pytest.raises(glue.exceptions.InvalidInputException) as from_client:
        glue.create_job(
            Name="bad", Role="r", Command={"Name": "glueetl", "ScriptLocation": "s3://b/x.py"},
            WorkerType="G.1X", NumberOfWorkers=300,
        )
    assert raised.value.message == error_of(from_client).message
    with pytest.raises(GlueError, match="Unknown member 'WorkerTyp'"):
        glue_jobs.add_job("typo", WorkerTyp="G.1X")
    glue_jobs.add_job("dup")
    with pytest.raises(GlueError, match="AlreadyExistsException"):
        glue_jobs.add_job("dup")


def test_add_job_into_another_region(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("west", region="eu-west-1")
    assert glue_jobs.jobs() == {}
    assert list(glue_jobs.jobs(region="eu-west-1")) == ["west"]
    assert boto3.client("glue", region_name="eu-west-1").list_jobs()["JobNames"] == ["west"]


def test_the_default_region_comes_from_aws_default_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    with fake_glue_jobs() as fake:
        fake.add_job("here")
        assert boto3.client("glue").list_jobs()["JobNames"] == ["here"]
        assert list(fake.jobs("eu-central-1")) == ["here"]
    assert fake_glue_jobs().default_region == "eu-central-1"
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    assert fake_glue_jobs().default_region == "us-east-1"
    assert fake_glue_jobs(region="sa-east-1").default_region == "sa-east-1"


@pytest.mark.parametrize("bad", ["", "not a region!", "eu-west-1\n", 42])
def test_a_default_region_no_client_could_name_is_refused(bad: Any) -> None:
    # Jobs seeded there could be reached by no client, and ARNs would name no region.
    with pytest.raises(ValueError, match=r"region=.* is not a valid region name \(e\.g\. us-east-1\)"):
        fake_glue_jobs(region=bad)
    fake = fake_glue_jobs(region="eu-west-1")
    with pytest.raises(ValueError, match=r"default_region must be a region name such as us-east-1, got"):
        fake.default_region = bad
    assert fake.default_region == "eu-west-1"


def test_the_metadata_endpoint_is_disabled_only_while_active(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    with fake_glue_jobs():
        assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"
    assert "AWS_EC2_METADATA_DISABLED" not in os.environ


def test_add_job_refuses_what_no_request_could_carry(glue_jobs: GlueJobs) -> None:
    import datetime

    with pytest.raises(TypeError, match=r"give the job name once"):
        glue_jobs.add_job("x", Name="y")
    with pytest.raises(TypeError, match=r"Timeout=datetime.* is not JSON data"):
        glue_jobs.add_job("x", Timeout=datetime.datetime(2024, 1, 1))
    with pytest.raises(ValueError, match=r"region='not a region!' is not a valid region name"):
        glue_jobs.add_job("x", region="not a region!")
    assert glue_jobs.jobs() == {}
