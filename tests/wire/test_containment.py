"""A bug inside the fake surfaces as a clear exception: never as AWS's answer, never as a request
to the network, never as a hang; an unfaked Glue operation fails at once, without retries.

Every test here runs with the network guarded: botocore's HTTP send and socket connects are
replaced by recorders, and the test fails if anything reached them.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.httpsession
import pytest
from botocore.config import Config
from support import ARN, DEFINITION, REGION, fresh_client

from pytest_gluejobs import (
    OPERATIONS,
    FakeInternalError,
    GlueJobs,
    NoFakeActiveWarning,
    NotFakedError,
    fake_glue_jobs,
)
from pytest_gluejobs._service import jobs as service_jobs
from pytest_gluejobs._service.operations import GlueJobsService

REQUESTS: dict[str, tuple[str, dict[str, Any]]] = {
    "CreateJob": ("create_job", {"Name": "new-job", **DEFINITION}),
    "UpdateJob": ("update_job", {"JobName": "nightly", "JobUpdate": DEFINITION}),
    "GetJob": ("get_job", {"JobName": "nightly"}),
    "GetJobs": ("get_jobs", {"MaxResults": 5}),
    "DeleteJob": ("delete_job", {"JobName": "nightly"}),
    "ListJobs": ("list_jobs", {"Tags": {"team": "data"}}),
    "BatchGetJobs": ("batch_get_jobs", {"JobNames": ["nightly", "other"]}),
    "StartJobRun": ("start_job_run", {"JobName": "nightly"}),
    "GetJobRun": ("get_job_run", {"JobName": "nightly", "RunId": "jr_0"}),
    "GetJobRuns": ("get_job_runs", {"JobName": "nightly"}),
    "BatchStopJobRun": ("batch_stop_job_run", {"JobName": "nightly", "JobRunIds": ["jr_0"]}),
    "GetJobBookmark": ("get_job_bookmark", {"JobName": "nightly"}),
    "ResetJobBookmark": ("reset_job_bookmark", {"JobName": "nightly", "RunId": "jr_0"}),
    "GetSystemLogsForJobRun": ("get_system_logs_for_job_run", {"JobName": "nightly", "RunId": "jr_0"}),
    "UpdateJobFromSourceControl": ("update_job_from_source_control", {"JobName": "nightly", "Provider": "AWS_CODE_COMMIT"}),
    "UpdateSourceControlFromJob": ("update_source_control_from_job", {"JobName": "nightly", "BranchName": "main"}),
    "CreateTrigger": ("create_trigger", {"Name": "on-demand", "Type": "ON_DEMAND", "Actions": [{"JobName": "nightly"}]}),
    "GetTrigger": ("get_trigger", {"Name": "on-demand"}),
    "GetTriggers": ("get_triggers", {"DependentJobName": "nightly"}),
    "UpdateTrigger": ("update_trigger", {"Name": "on-demand", "TriggerUpdate": {"Actions": [{"JobName": "nightly"}]}}),
    "DeleteTrigger": ("delete_trigger", {"Name": "on-demand"}),
    "StartTrigger": ("start_trigger", {"Name": "on-demand"}),
    "StopTrigger": ("stop_trigger", {"Name": "on-demand"}),
    "ListTriggers": ("list_triggers", {"DependentJobName": "nightly"}),
    "BatchGetTriggers": ("batch_get_triggers", {"TriggerNames": ["on-demand", "other"]}),
    "TagResource": ("tag_resource", {"ResourceArn": ARN, "TagsToAdd": {"env": "test"}}),
    "UntagResource": ("untag_resource", {"ResourceArn": ARN, "TagsToRemove": ["team"]}),
    "GetTags": ("get_tags", {"ResourceArn": ARN}),
}
RETRY_MODES = ["legacy", "standard", "adaptive"]
HANG_GUARD_SECONDS = 60


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record, and refuse, every attempt to reach the network; the test fails if there was one."""
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what}{args[1:2]}")
            raise NetworkUsed(f"{what} was called: a request left the process")

        return refused

    monkeypatch.setattr(botocore.httpsession.URLLib3Session, "send", refuse("URLLib3Session.send"))
    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    yield attempts
    assert attempts == [], "the network was used"


@pytest.fixture
def seeded(glue_jobs: GlueJobs) -> GlueJobs:
    glue_jobs.add_job("nightly", Tags={"team": "data"})
    return glue_jobs


@pytest.fixture(scope="module")
def retrying_clients() -> dict[str, Any]:
    """A client per retry mode, shared by the module's tests: making one costs more than a test."""
    return {mode: fresh_client(REGION, retries={"mode": mode, "max_attempts": 5}) for mode in RETRY_MODES}


@pytest.fixture
def counting_attempts() -> Iterator[Any]:
    """``count(client)``: every HTTP attempt botocore makes for the client during the test
    (retries make new requests)."""
    counted: list[tuple[Any, Any]] = []

    def count(client: Any) -> list[str]:
        attempts: list[str] = []

        def attempt(**_: Any) -> None:
            attempts.append("attempt")

        client.meta.events.register("request-created.glue", attempt)
        counted.append((client, attempt))
        return attempts

    yield count
    for client, attempt in counted:
        client.meta.events.unregister("request-created.glue", attempt)


def test_the_network_guard_does_catch_a_real_request(network: list[str]) -> None:
    # Without a fake, a client with credentials really tries to send: the guard must see it.
    client = boto3.client(
        "glue", region_name=REGION, endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )

    with pytest.raises(NetworkUsed), pytest.warns(NoFakeActiveWarning, match="GetJob"):
        client.get_job(JobName="nightly")

    assert network and network[0].startswith("URLLib3Session.send")
    network.clear()


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("retry_mode", RETRY_MODES)
def test_a_bug_inside_the_fake_raises_naming_the_operation_and_the_request(
    seeded: GlueJobs, monkeypatch: pytest.MonkeyPatch, operation: str, retry_mode: str,
    retrying_clients: dict[str, Any], counting_attempts: Any,
) -> None:
    client = retrying_clients[retry_mode]
    attempts = counting_attempts(client)
    before = seeded.jobs()
    calls: list[str] = []

    def broken_store(self: GlueJobsService, region: str) -> Any:
        calls.append(region)
        raise KeyError("injected bug")

    monkeypatch.setattr(GlueJobsService, "store", broken_store)
    method, params = REQUESTS[operation]

    with pytest.raises(FakeInternalError) as caught:
        getattr(client, method)(**params)

    message = str(caught.value)
    assert f"answering {operation} in {REGION}" in message
    assert repr(next(iter(params.values())))[:20] in message  # the request's first member
    assert "KeyError: 'injected bug'" in message
    assert "nothing was sent to AWS" in message
    assert isinstance(caught.value.__cause__, KeyError)
    assert len(calls) == 1 and attempts == ["attempt"], "the failure was retried"
    monkeypatch.undo()
    assert seeded.jobs() == before


def test_a_failure_half_way_through_a_create_stores_nothing(
    seeded: GlueJobs, glue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_clock() -> float:
        raise OSError("clock unavailable")

    monkeypatch.setattr(service_jobs, "now", broken_clock)

    with pytest.raises(FakeInternalError, match=r"answering CreateJob .*OSError: clock unavailable"):
        glue.create_job(Name="new-job", **DEFINITION)

    monkeypatch.undo()
    assert sorted(seeded.jobs()) == ["nightly"]
    glue.create_job(Name="new-job", **DEFINITION)  # the name was never taken


def test_the_message_of_a_huge_request_stays_readable(
    seeded: GlueJobs, glue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(GlueJobsService, "store", lambda self, region: 1 / 0)
    command = {"Name": "glueetl", "ScriptLocation": "s3://b/" + "x" * 300_000}

    with pytest.raises(FakeInternalError) as caught:
        glue.create_job(Name="huge-job", Role="etl", Command=command, Description="d" * 2000)

    message = str(caught.value)
    assert "answering CreateJob" in message and "'huge-job'" in message
    assert "ZeroDivisionError" in message
    assert len(message) < 2000


def test_a_failure_while_holding_the_lock_does_not_hang_the_next_caller(
    seeded: GlueJobs, glue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_not_found(name: str) -> Any:  # runs inside the service's lock
        raise RuntimeError(f"injected bug for {name}")

    monkeypatch.setattr(service_jobs, "not_found", broken_not_found)
    with pytest.raises(FakeInternalError, match="injected bug for missing"):
        glue.get_job(JobName="missing")
    monkeypatch.undo()
    results: list[str] = []

    other = threading.Thread(target=lambda: results.append(glue.get_job(JobName="nightly")["Job"]["Name"]))
    other.start()
    other.join(HANG_GUARD_SECONDS)

    assert not other.is_alive(), "the next call is stuck: the lock was not released"
    assert results == ["nightly"]


@pytest.mark.parametrize("retry_mode", RETRY_MODES)
def test_an_unfaked_glue_operation_fails_at_once_without_retries(
    glue_jobs: GlueJobs, slept: list[float], retry_mode: str, retrying_clients: dict[str, Any],
    counting_attempts: Any,
) -> None:
    client = retrying_clients[retry_mode]
    attempts = counting_attempts(client)

    with pytest.raises(NotFakedError) as caught:
        client.get_databases()

    message = str(caught.value)
    assert "GetDatabases is not faked" in message
    assert all(operation in message for operation in OPERATIONS)
    assert "not sent to AWS" in message
    assert attempts == ["attempt"]
    assert slept == []


def test_an_unfaked_operation_is_refused_by_a_fake_made_outside_pytest() -> None:
    client = fresh_client(REGION)
    with fake_glue_jobs(), pytest.raises(NotFakedError, match="ListCrawlers is not faked"):
        client.list_crawlers()
