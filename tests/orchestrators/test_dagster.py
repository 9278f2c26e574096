"""Dagster recipe: an asset that runs a Glue job through PipesGlueClient (dagster-aws), against the
fake, with moto answering S3 (the Pipes context) and CloudWatch Logs. Described in
docs/recipes/dagster.md.
"""

# No `from __future__ import annotations` here: Dagster reads the asset's annotations at runtime.
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

pytest.importorskip(
    "dagster_aws.pipes",
    reason="the Dagster recipe needs dagster-aws: pip install 'pytest-gluejobs[dagster]'",
)

import boto3
import dagster as dg
from dagster._core.errors import DagsterExecutionInterruptedError
from dagster_aws.pipes import (
    PipesCloudWatchMessageReader,
    PipesGlueClient,
    PipesS3ContextInjector,
)
from dagster_aws.pipes.clients import glue as pipes_glue_module
from moto import mock_aws

from pytest_gluejobs import EndlessPollingError, GlueJobs

REGION = "us-east-1"


class NoMessagesReader(dg.PipesMessageReader):
    """Reads no messages, so nothing reads CloudWatch Logs and nothing waits for them.

    The default reader, PipesCloudWatchMessageReader, tails the run's log stream in threads that
    wait up to 10 s of wall-clock time for it after the run ends.
    """

    @contextmanager
    def read_messages(self, handler: Any) -> Iterator[dict[str, Any]]:
        yield {}

    def no_messages_debug_text(self) -> str:
        return "NoMessagesReader reads no messages."


@dg.asset
def nightly(context: dg.AssetExecutionContext, glue: PipesGlueClient) -> dg.MaterializeResult:
    return glue.run(
        context=context,
        start_job_run_params={"JobName": "nightly", "Arguments": {"--day": "2024-01-01"}},
    ).get_materialize_result()


@pytest.fixture
def naps(poll_sleeps: Callable[[ModuleType], list[float]]) -> list[float]:
    """PipesGlueClient's 5-second sleeps between polls, each moving the frozen clock instead."""
    return poll_sleeps(pipes_glue_module)


@pytest.fixture
def s3() -> Iterator[Any]:
    with mock_aws():  # moto answers S3; the fake keeps answering Glue and its CloudWatch Logs groups
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket="pipes")
        yield client


@pytest.fixture
def pipes_glue(glue_jobs: GlueJobs, s3: Any) -> PipesGlueClient:
    return PipesGlueClient(
        client=boto3.client("glue", region_name=REGION),
        context_injector=PipesS3ContextInjector(client=s3, bucket="pipes"),
        message_reader=NoMessagesReader(),
    )


def materialize(pipes_glue: PipesGlueClient) -> dg.ExecuteInProcessResult:
    return dg.materialize([nightly], resources={"glue": pipes_glue})


@pytest.mark.glue_job("nightly")
def test_asset_materializes_when_the_run_succeeds(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.run_states("nightly", "STARTING", "RUNNING", "SUCCEEDED")

    result = materialize(pipes_glue)

    assert result.success
    (run,) = glue_jobs.runs("nightly")
    metadata = result.get_asset_materialization_events()[0].materialization.metadata
    assert metadata["AWS Glue Job Run ID"].value == run["Id"]
    # The Pipes bootstrap arguments are added to the run's own.
    assert set(run["Arguments"]) == {"--day", "--dagster-pipes-context", "--dagster-pipes-messages"}
    # One read right after the start, then the loop: STARTING, RUNNING, 5 s, SUCCEEDED.
    assert [call.operation for call in glue_jobs.calls] == ["StartJobRun"] + ["GetJobRun"] * 3
    assert naps == [5]


@pytest.mark.glue_job("nightly")
def test_asset_fails_with_the_runs_error_message(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "FAILED", error_message="Out of memory")

    with pytest.raises(RuntimeError, match=r"completed with status FAILED :\nOut of memory"):
        materialize(pipes_glue)


@pytest.mark.glue_job("nightly", Timeout=1)
def test_asset_fails_when_the_run_times_out(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.run_states("nightly", "RUNNING")  # never finishes: the 1-minute Timeout ends it

    with pytest.raises(RuntimeError, match="completed with status TIMEOUT"):
        materialize(pipes_glue)

    assert naps == [5] * 12  # a minute of polling, at no cost


@pytest.mark.glue_job("nightly")
def test_asset_fails_when_the_run_is_stopped(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "STOPPED")

    with pytest.raises(RuntimeError, match="completed with status STOPPED"):
        materialize(pipes_glue)


@pytest.mark.glue_job("nightly")
def test_an_interrupted_materialization_stops_the_run(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    glue_jobs.run_states("nightly", "RUNNING")

    def interrupt(seconds: float) -> None:  # Dagster interrupts the step while it polls
        raise DagsterExecutionInterruptedError

    monkeypatch.setattr(pipes_glue_module, "time", SimpleNamespace(sleep=interrupt))

    # Dagster ends the interrupted run as failed rather than raising.
    result = dg.materialize([nightly], resources={"glue": pipes_glue}, raise_on_error=False)

    assert not result.success
    (run,) = glue_jobs.runs("nightly")
    glue_jobs.assert_called_once("BatchStopJobRun", JobName="nightly", JobRunIds=[run["Id"]])
    assert run["JobRunState"] == "STOPPING"


@pytest.mark.glue_job("nightly")
def test_throttled_polls_are_retried_by_botocore(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.fail("GetJobRun", "ThrottlingException", times=2)

    assert materialize(pipes_glue).success

    errors = [call.error for call in glue_jobs.calls if call.operation == "GetJobRun"]
    assert errors == ["ThrottlingException", "ThrottlingException", None, None]


@pytest.mark.glue_job("nightly")
def test_a_throttled_start_fails_the_asset(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.fail("StartJobRun", "ThrottlingException", times=3)  # botocore's 3 attempts

    with pytest.raises(Exception, match="ThrottlingException"):
        materialize(pipes_glue)

    glue_jobs.assert_not_called("GetJobRun")


@pytest.mark.glue_job("nightly")
def test_an_expired_run_is_polled_forever(
    glue_jobs: GlueJobs, pipes_glue: PipesGlueClient, naps: list[float]
) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "EXPIRED")
    glue_jobs.max_final_reads = 10  # the guard stops the loop after ten reads of the finished run

    with pytest.raises(EndlessPollingError, match="does not treat EXPIRED as a final state"):
        materialize(pipes_glue)

    reads = glue_jobs.calls[2:]
    assert {call.response["JobRun"]["JobRunState"] for call in reads[:-1]} == {"EXPIRED"}  # read again and again
    assert len(reads) == 11 and reads[-1].error == "EndlessPollingError"


def pipes_message(method: str, params: dict[str, Any]) -> str:
    """One line as the Glue script's dagster-pipes writer prints it to the run's output log."""
    return json.dumps({"__dagster_pipes_version": "0.1", "method": method, "params": params})


@pytest.mark.glue_job("nightly")
def test_the_default_reader_reads_what_the_script_logged(
    glue_jobs: GlueJobs, s3: Any, poll_sleeps: Callable[[ModuleType], list[float]]
) -> None:
    """PipesCloudWatchMessageReader, with the fake answering CloudWatch Logs.

    The run logs what the Glue script's dagster-pipes writer would: its messages, on the log
    stream named after the run in the group ``<LogGroupName>/output``.
    The reader's threads wait 1 s of real time between their reads, so this test takes ~2 s.
    """
    logs = boto3.client("logs", region_name=REGION)
    logs_calls: list[tuple[str, dict[str, Any]]] = []
    logs.meta.events.register(
        "provide-client-params.cloudwatch-logs",
        lambda params, model, **kwargs: logs_calls.append((model.name, dict(params))),
    )
    pipes_glue = PipesGlueClient(
        client=boto3.client("glue", region_name=REGION),
        context_injector=PipesS3ContextInjector(client=s3, bucket="pipes"),
        message_reader=PipesCloudWatchMessageReader(client=logs),
    )
    lines = [
        pipes_message("opened", {"extras": {}}),
        pipes_message("report_asset_materialization", {
            "asset_key": "nightly", "data_version": None,
            "metadata": {"rows": {"raw_value": 42, "type": "int"}},
        }),
        pipes_message("closed", {}),
    ]
    # What the Glue script's dagster-pipes writer prints; the fake answers CloudWatch Logs with it.
    glue_jobs.run_states("nightly", "RUNNING", "RUNNING", "SUCCEEDED", output=lines)
    poll_sleeps(pipes_glue_module)

    result = dg.materialize([nightly], resources={"glue": pipes_glue})

    metadata = result.get_asset_materialization_events()[0].materialization.metadata
    assert metadata["rows"].value == 42
    # What the reader asks CloudWatch Logs: whether the run's stream exists, then its events.
    run_id = glue_jobs.runs("nightly")[0]["Id"]
    where = {"logGroupName": "/aws-glue/jobs/output", "logStreamNamePrefix": run_id}
    assert ("DescribeLogStreams", where) in logs_calls
    reads = {(p["logGroupName"], p["logStreamName"]) for name, p in logs_calls if name == "GetLogEvents"}
    assert reads == {("/aws-glue/jobs/output", run_id)}
    assert {name for name, _ in logs_calls} == {"DescribeLogStreams", "GetLogEvents"}


@pytest.mark.glue_job("nightly")
def test_the_default_reader_finds_the_stream_of_a_run_that_printed_nothing(
    glue_jobs: GlueJobs, s3: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's output stream exists from its start, as on AWS, so the reader's log thread starts
    at once instead of waiting ``WAIT_FOR_LOGS_TIMEOUT`` (60 s) for it and then warning.

    Real time here: the reader's threads sleep 1 s between reads. Dagster's two waits are
    shortened so the test stays quick; with no stream, the log thread would warn after 2 s.
    The log thread tails the stream with no pause between reads; on AWS each read takes a
    network round trip, here none, so without one the thread would hold the interpreter almost
    all the time and starve the test's own thread. Each read is given 10 ms.
    """
    from dagster._core.pipes import utils as pipes_utils
    from dagster_aws.pipes import message_readers

    read_log_events = message_readers.get_log_events

    def read_after_a_round_trip(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.01)
        return read_log_events(*args, **kwargs)

    monkeypatch.setattr(message_readers, "get_log_events", read_after_a_round_trip)

    monkeypatch.setattr(pipes_utils, "WAIT_FOR_LOGS_AFTER_EXECUTION_INTERVAL", 0)  # no Pipes messages come
    monkeypatch.setattr(pipes_utils, "WAIT_FOR_LOGS_TIMEOUT", 2)
    monkeypatch.setattr(pipes_glue_module, "time", SimpleNamespace(sleep=lambda seconds: None))
    reader = PipesCloudWatchMessageReader(client=boto3.client("logs", region_name=REGION))
    pipes_glue = PipesGlueClient(
        client=boto3.client("glue", region_name=REGION),
        context_injector=PipesS3ContextInjector(client=s3, bucket="pipes"),
        message_reader=reader,
    )
    glue_jobs.run_states("nightly", "RUNNING", "SUCCEEDED")  # the run prints nothing

    with pytest.warns() as caught:
        result = dg.materialize([nightly], resources={"glue": pipes_glue})

    assert result.success
    assert not [warning for warning in caught if "still not written" in str(warning.message)]
    # The log reader tails the empty stream until a line arrives: it looks whether the session
    # closed only after it read an event. A line lets it see that, and end, while the fake answers.
    (log_reader,) = reader.log_readers.values()
    glue_jobs.run_states("nightly", "SUCCEEDED", output="done", required=False)
    log_reader.thread.join(10)
    assert not log_reader.is_running()
