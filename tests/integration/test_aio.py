"""aiobotocore clients are answered like sync ones: parsed replies, modeled errors, instant retries.

Plain tests driving ``asyncio.run``: no pytest-asyncio needed.
"""

from __future__ import annotations

import asyncio
import datetime
import sys
import textwrap
from collections.abc import Awaitable, Callable
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError, NoCredentialsError
from support import COMMAND, ROLE, aiobotocore_session, error_of, run_python, travel

from pytest_gluejobs import (
    OPERATIONS,
    GlueError,
    GlueJobs,
    NoFakeActiveWarning,
    NotFakedError,
    fake_glue_jobs,
)

if sys.version_info < (3, 10):
    pytest.skip("the aio extra (aiobotocore 3) needs Python 3.10+", allow_module_level=True)

aio_session = aiobotocore_session()


def aio_glue(region: str = "eu-west-1", **kwargs: Any) -> Any:
    """An aiobotocore Glue client context, as applications write it."""
    return aio_session.get_session().create_client("glue", region_name=region, **kwargs)


def aio_other_service(service: str, region: str, config: Config) -> Any:
    """A client of a service the fake leaves alone; fake keys, since it signs its requests."""
    return aio_session.get_session().create_client(
        service,
        region_name=region,
        aws_access_key_id="key",
        aws_secret_access_key="secret",
        config=config,
    )


def run(coroutine: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(coroutine())  # type: ignore[arg-type]


def test_an_aio_client_is_answered_by_the_active_fake(glue_jobs: GlueJobs) -> None:
    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        async with aio_glue() as glue:
            created = await glue.create_job(
                Name="async-job", Role=ROLE, Command=COMMAND, Timeout=30
            )
            fetched = await glue.get_job(JobName="async-job")
            return created, fetched["Job"]

    created, job = run(scenario)

    assert created["Name"] == "async-job"
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert created["ResponseMetadata"]["RetryAttempts"] == 0
    assert list(glue_jobs.jobs("eu-west-1")) == ["async-job"]
    sync_job = boto3.client("glue", region_name="eu-west-1").get_job(JobName="async-job")["Job"]
    assert job == sync_job
    assert job["Timeout"] == 30
    assert isinstance(job["CreatedOn"], datetime.datetime)
    assert job["CreatedOn"].tzinfo is not None


def test_an_aio_client_reads_the_clock_the_test_controls(glue_jobs: GlueJobs) -> None:
    created = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
    updated = created + datetime.timedelta(days=1)

    async def scenario() -> dict[str, Any]:
        async with aio_glue() as glue:
            with travel(created, tick=False):
                await glue.create_job(Name="timed", Role=ROLE, Command=COMMAND)
            with travel(updated, tick=False):
                await glue.update_job(JobName="timed", JobUpdate={"Role": ROLE, "Command": COMMAND})
            job: dict[str, Any] = (await glue.get_job(JobName="timed"))["Job"]
            return job

    job = run(scenario)

    assert (job["CreatedOn"], job["LastModifiedOn"]) == (created, updated)


def test_an_aio_client_raises_the_modeled_exceptions(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("taken", region="eu-west-1")

    async def scenario() -> None:
        async with aio_glue() as glue:
            with pytest.raises(glue.exceptions.EntityNotFoundException) as missing:
                await glue.get_job(JobName="missing")
            with pytest.raises(glue.exceptions.AlreadyExistsException):
                await glue.create_job(Name="taken", Role=ROLE, Command=COMMAND)
            with pytest.raises(glue.exceptions.InvalidInputException) as invalid:
                await glue.create_job(Name="x" * 256, Role=ROLE, Command=COMMAND)

        response = missing.value.response
        assert response["Error"]["Message"] == "Job with name: missing not found."
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert "255" in error_of(invalid).message

    run(scenario)


def test_an_aio_paginator_walks_every_page(glue_jobs: GlueJobs) -> None:
    for name in ("a", "b", "c", "d", "e"):
        glue_jobs.add_job(name, region="eu-west-1")

    async def scenario() -> list[list[str]]:
        async with aio_glue() as glue:
            pages = glue.get_paginator("list_jobs").paginate(PaginationConfig={"PageSize": 2})
            return [page["JobNames"] async for page in pages]

    assert run(scenario) == [["a", "b"], ["c", "d"], ["e"]]


def test_an_aio_client_made_before_the_fake_is_answered() -> None:
    async def scenario() -> list[str]:
        async with aio_glue() as glue:
            with fake_glue_jobs() as fake:
                await glue.create_job(Name="early", Role=ROLE, Command=COMMAND)
                return list(fake.jobs("eu-west-1"))

    assert run(scenario) == ["early"]


def test_an_aio_session_made_before_the_plugin_was_imported_is_answered(tmp_path: Any) -> None:
    script = textwrap.dedent(
        """
        import asyncio
        from aiobotocore.session import get_session

        SESSION = get_session()  # made at import time of application code

        from pytest_gluejobs import fake_glue_jobs

        async def main():
            async with SESSION.create_client("glue", region_name="us-east-1") as glue:
                await glue.create_job(Name="old", Role="r", Command={"Name": "pythonshell"})

        with fake_glue_jobs() as fake:
            asyncio.run(main())
            print(sorted(fake.jobs()))
        """
    )
    assert run_python(script, tmp_path) == "['old']"


def test_an_aio_client_is_not_answered_without_an_active_fake() -> None:
    async def scenario() -> None:
        async with aio_glue() as glue:
            # Unsigned and unanswered, the call needs credentials: it fails before any network I/O.
            await glue.get_job(JobName="x")

    with fake_glue_jobs():
        pass
    with pytest.raises(NoCredentialsError), pytest.warns(NoFakeActiveWarning, match="GetJob"):
        run(scenario)


def test_an_unfaked_operation_fails_at_once_from_an_aio_client(glue_jobs: GlueJobs) -> None:
    async def scenario() -> None:
        async with aio_glue() as glue:
            await glue.get_databases()

    with pytest.raises(NotFakedError, match="GetDatabases is not faked"):
        run(scenario)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every asyncio.sleep of more than 0 seconds; each yields to the loop, then returns at once."""
    real_sleep = asyncio.sleep
    slept: list[float] = []

    async def recording_sleep(seconds: float, result: Any = None) -> Any:
        if seconds > 0:
            slept.append(seconds)
        return await real_sleep(0, result)

    monkeypatch.setattr(asyncio, "sleep", recording_sleep)
    return slept


def failing_glue(glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every Glue call answer InternalServiceException (500, retried by botocore)."""
    attempts: list[str] = []

    def broken(operation: str, params: dict[str, Any], region: str, settle: Any) -> Any:
        attempts.append(operation)
        return settle(GlueError("InternalServiceException", "try again"))

    monkeypatch.setattr(glue_jobs.service, "answer", broken)
    return attempts


RETRY_THREE_TIMES = Config(retries={"mode": "standard", "total_max_attempts": 4})


def test_retries_of_faked_calls_do_not_sleep(
    glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    attempts = failing_glue(glue_jobs, monkeypatch)

    async def scenario() -> Any:
        async with aio_glue(config=RETRY_THREE_TIMES) as glue:
            try:
                await glue.list_jobs()
            except glue.exceptions.InternalServiceException as error:
                return error.response
        raise AssertionError("expected InternalServiceException")

    response = run(scenario)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert response["ResponseMetadata"]["RetryAttempts"] == 3
    assert attempts == ["ListJobs"] * 4
    assert sleeps == []


def test_other_services_still_sleep_between_retries_while_faked_calls_run_beside_them(
    glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    glue_attempts = failing_glue(glue_jobs, monkeypatch)
    s3_attempts: list[str] = []

    def unreachable(**_: Any) -> None:
        s3_attempts.append("ListBuckets")
        raise EndpointConnectionError(endpoint_url="https://s3.amazonaws.com")

    async def let_others_run(**_: Any) -> None:
        await asyncio.sleep(0)

    async def failing_glue_call() -> None:
        async with aio_glue(config=RETRY_THREE_TIMES) as glue:
            # An async handler (instrumentation does this) lets other tasks run mid-call, between
            # the fake's answer and the end of the call.
            glue.meta.events.register("before-parse.glue", let_others_run)
            with pytest.raises(glue.exceptions.InternalServiceException):
                await glue.list_jobs()

    async def unreachable_s3_call() -> None:
        async with aio_other_service("s3", "us-east-1", RETRY_THREE_TIMES) as s3:
            s3.meta.events.register("before-send.s3", unreachable)
            with pytest.raises(EndpointConnectionError):
                await s3.list_buckets()

    async def scenario() -> None:
        # Interleaved on one thread: the S3 sleeps and the Glue handler yield to the loop.
        await asyncio.gather(failing_glue_call(), unreachable_s3_call(), failing_glue_call())

    run(scenario)

    assert glue_attempts == ["ListJobs"] * 8
    assert s3_attempts == ["ListBuckets"] * 4
    assert len(sleeps) == 3  # only S3's retries slept


def test_adaptive_rate_limiter_never_holds_back_faked_calls(
    glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]
) -> None:
    from aiobotocore.retries.bucket import AsyncTokenBucket

    from pytest_gluejobs._edge.wire import encode

    def throttled(operation: str, params: dict[str, Any], region: str, settle: Any) -> Any:
        return settle(GlueError("ThrottlingException", "Rate exceeded"))

    def throttled_logs(**_: Any) -> Any:
        return encode(400, {"__type": "ThrottlingException", "message": "Rate exceeded"})

    tokens_taken: list[int] = []

    async def take_token(bucket: Any, amount: int, block: bool) -> bool:
        tokens_taken.append(amount)
        return True

    monkeypatch.setattr(glue_jobs.service, "answer", throttled)
    monkeypatch.setattr(AsyncTokenBucket, "_acquire", take_token)
    adaptive = Config(retries={"mode": "adaptive", "total_max_attempts": 3})

    async def scenario() -> None:
        async with aio_glue(config=adaptive) as glue:
            for _ in range(3):
                with pytest.raises(glue.exceptions.ThrottlingException):
                    await glue.list_jobs()
        assert tokens_taken == []  # throttled, yet never held back by the rate limiter

        async with aio_other_service("logs", "eu-west-1", adaptive) as logs:
            logs.meta.events.register("before-send.cloudwatch-logs", throttled_logs)
            for _ in range(3):
                with pytest.raises(logs.exceptions.ClientError):
                    await logs.describe_log_groups()
        assert tokens_taken != []  # another service, throttled alike, is limited as before

    run(scenario)


def test_job_runs_tags_calls_and_faults_work_under_aiobotocore(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("async-runs", region="eu-west-1")
    glue_jobs.run_states("async-runs", "RUNNING", "FAILED", error_message="boom")
    glue_jobs.fail("GetTags", "AccessDeniedException", message="no tags for you")

    async def scenario() -> tuple[list[str], str, str]:
        async with aio_glue() as glue:
            run_id = (await glue.start_job_run(JobName="async-runs"))["JobRunId"]
            states = []
            for _ in range(2):
                run = (await glue.get_job_run(JobName="async-runs", RunId=run_id))["JobRun"]
                states.append(run["JobRunState"])
            arn = glue_jobs.job_arn("async-runs", region="eu-west-1")
            await glue.tag_resource(ResourceArn=arn, TagsToAdd={"team": "data"})
            try:
                await glue.get_tags(ResourceArn=arn)
            except glue.exceptions.ClientError as error:
                code = error_of(error).code
            tags = (await glue.get_tags(ResourceArn=arn))["Tags"]["team"]
            return states, code, tags

    states, code, tags = run(scenario)

    assert states == ["RUNNING", "FAILED"]
    assert (code, tags) == ("AccessDeniedException", "data")
    glue_jobs.assert_called_once("StartJobRun", JobName="async-runs")
    assert [call.error for call in glue_jobs.calls if call.operation == "GetTags"] == [
        "AccessDeniedException",
        None,
    ]


def test_bookmarks_source_control_and_system_logs_work_under_aiobotocore(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job(
        "async-sync", region="eu-west-1", DefaultArguments={"--job-bookmark-option": "job-bookmark-enable"}
    )
    glue_jobs.fail("ResetJobBookmark", "OperationTimeoutException", message="slow")

    async def scenario() -> tuple[dict[str, Any], str, str, dict[str, Any]]:
        async with aio_glue() as glue:
            run_id = (await glue.start_job_run(JobName="async-sync"))["JobRunId"]
            for _ in range(2):
                await glue.get_job_run(JobName="async-sync", RunId=run_id)
            entry = (await glue.get_job_bookmark(JobName="async-sync"))["JobBookmarkEntry"]
            try:
                await glue.reset_job_bookmark(JobName="async-sync")
            except glue.exceptions.OperationTimeoutException as error:
                code = error_of(error).code
            logs = ""
            if "GetSystemLogsForJobRun" in OPERATIONS:
                logs = (await glue.get_system_logs_for_job_run(JobName="async-sync", RunId=run_id))["SystemLogsUrl"]
            await glue.update_source_control_from_job(
                JobName="async-sync", Provider="AWS_CODE_COMMIT", RepositoryName="etl"
            )
            details = (await glue.get_job(JobName="async-sync"))["Job"]["SourceControlDetails"]
            return entry, code, logs, details

    entry, code, logs, details = run(scenario)

    assert (entry["Run"], entry["Attempt"], entry["Version"]) == (1, 0, 1)
    assert code == "OperationTimeoutException"
    assert logs.startswith("https://") or "GetSystemLogsForJobRun" not in OPERATIONS
    assert (details["Provider"], details["Repository"]) == ("AWS_CODE_COMMIT", "etl")
    assert glue_jobs.bookmark("async-sync", region="eu-west-1") == entry
    glue_jobs.assert_called_once("UpdateSourceControlFromJob", JobName="async-sync")


def test_an_aiobotocore_start_runs_the_handler_which_may_call_glue_with_boto3(glue_jobs: GlueJobs) -> None:
    glue_jobs.add_job("async-code", region="eu-west-1")
    seen: list[str] = []

    def handler(args: dict[str, str]) -> None:
        # The handler is synchronous code: it reaches Glue through a plain boto3 client.
        sync = boto3.client("glue", region_name="eu-west-1")
        seen.append(sync.get_job_run(JobName="async-code", RunId=args["JOB_RUN_ID"])["JobRun"]["JobRunState"])

    glue_jobs.run_code("async-code", handler)

    async def scenario() -> str:
        async with aio_glue() as glue:
            run_id = (await glue.start_job_run(JobName="async-code"))["JobRunId"]
            return str((await glue.get_job_run(JobName="async-code", RunId=run_id))["JobRun"]["JobRunState"])

    assert run(scenario) == "SUCCEEDED"
    assert seen == ["RUNNING"]
