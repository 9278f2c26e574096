"""Airflow recipe: GlueJobOperator and GlueJobHook (apache-airflow-providers-amazon) against the
fake, with moto answering S3, IAM and STS. Described in docs/recipes/airflow.md.

No Airflow database, scheduler or DAG run is needed: the operator's ``execute`` is called with a
context holding a stand-in task instance, and the hook is used as it is.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

# Airflow writes under AIRFLOW_HOME (default ~/airflow) as soon as it is imported.
# One folder, reused by every run.
os.environ.setdefault("AIRFLOW_HOME", os.path.join(tempfile.gettempdir(), "pytest-gluejobs-airflow-home"))
pytest.importorskip(
    "airflow.providers.amazon.aws.hooks.glue",
    reason="the Airflow recipe needs apache-airflow-providers-amazon: "
    "pip install 'pytest-gluejobs[airflow]'",
)

import boto3
from airflow.providers.amazon.aws.exceptions import GlueJobRunStoppedError
from airflow.providers.amazon.aws.hooks import glue as glue_hook_module
from airflow.providers.amazon.aws.hooks.glue import GlueJobHook
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
from airflow.providers.common.compat.sdk import AirflowException
from botocore.exceptions import ClientError, ParamValidationError
from moto import mock_aws
from tenacity import wait_none

from pytest_gluejobs import EndlessPollingError, GlueJobs

REGION = "us-east-1"


class TaskInstance:
    """What GlueJobOperator.execute reads from ``context["ti"]``: it pushes the run id to XCom."""

    try_number = 1
    stats_tags: dict[str, str] = {}  # noqa: RUF012

    def __init__(self) -> None:
        self.xcom: dict[str, Any] = {}

    def xcom_push(self, key: str, value: Any) -> None:
        self.xcom[key] = value


@pytest.fixture(autouse=True)
def _airflow_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    # The hooks' default connection, from the environment: no database, no credentials in it.
    monkeypatch.setenv("AIRFLOW_CONN_AWS_DEFAULT", "aws://")


@pytest.fixture
def naps(poll_sleeps: Callable[[ModuleType], list[float]]) -> list[float]:
    """GlueJobHook.job_completion's sleeps, each moving the frozen clock instead of waiting."""
    return poll_sleeps(glue_hook_module)


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        yield


def run_operator(**kwargs: Any) -> tuple[str | None, TaskInstance]:
    ti = TaskInstance()
    operator = GlueJobOperator(task_id="nightly", job_name="nightly", region_name=REGION, **kwargs)
    return operator.execute({"ti": ti}), ti


@pytest.mark.glue_job("nightly", Timeout=60)
def test_operator_waits_for_a_successful_run(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "STARTING", "RUNNING", "SUCCEEDED")

    run_id, ti = run_operator(script_args={"--day": "2024-01-01"})

    assert ti.xcom["glue_job_run_id"] == run_id
    assert glue_jobs.runs("nightly")[0]["JobRunState"] == "SUCCEEDED"
    glue_jobs.assert_called_once("GetJob", JobName="nightly")
    glue_jobs.assert_called_once("StartJobRun", JobName="nightly", Arguments={"--day": "2024-01-01"})
    glue_jobs.assert_called("GetJobRun", JobName="nightly", RunId=run_id, PredecessorsIncluded=True)
    assert [call.operation for call in glue_jobs.calls] == ["GetJob", "StartJobRun"] + ["GetJobRun"] * 3
    # job_poll_interval (6 s) between reads, then sleep_before_return (0 s).
    assert naps == [6, 6, 0]


@pytest.mark.glue_job("nightly")
def test_operator_fails_on_a_failed_run_without_its_message(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "FAILED", error_message="Out of memory")

    with pytest.raises(AirflowException, match=r"Run State: FAILED$") as raised:
        run_operator()

    # Airflow does not read the run's ErrorMessage: the reason is only in Glue (and its logs).
    assert "Out of memory" not in str(raised.value)
    assert glue_jobs.runs("nightly")[0]["ErrorMessage"] == "Out of memory"


@pytest.mark.glue_job("nightly", Timeout=1)
def test_operator_fails_when_the_run_times_out(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.run_states("nightly", "RUNNING")  # never finishes: the 1-minute Timeout ends it

    with pytest.raises(AirflowException, match=r"Run State: TIMEOUT$"):
        run_operator()

    assert naps == [6] * 10  # a minute of polling, at no cost
    assert glue_jobs.runs("nightly")[0]["ExecutionTime"] == 60


@pytest.mark.glue_job("nightly")
def test_operator_treats_a_stopped_run_as_a_failure_but_the_hook_does_not(
    glue_jobs: GlueJobs, naps: list[float]
) -> None:
    glue_jobs.run_states("nightly", "RUNNING", "STOPPED")

    with pytest.raises(GlueJobRunStoppedError, match="ended in state 'STOPPED'"):
        run_operator()

    hook = GlueJobHook(job_name="nightly", region_name=REGION)
    run_id = hook.initialize_job()["JobRunId"]
    assert hook.job_completion("nightly", run_id) == {"JobRunState": "STOPPED", "JobRunId": run_id}


@pytest.mark.glue_job("nightly")
def test_on_kill_stops_the_run(glue_jobs: GlueJobs, naps: list[float]) -> None:
    operator = GlueJobOperator(
        task_id="nightly", job_name="nightly", region_name=REGION,
        wait_for_completion=False, stop_job_run_on_kill=True,
    )
    run_id = operator.execute({"ti": TaskInstance()})

    operator.on_kill()

    glue_jobs.assert_called_once("BatchStopJobRun", JobName="nightly", JobRunIds=[run_id])
    hook = GlueJobHook(job_name="nightly", region_name=REGION)
    assert hook.job_completion("nightly", run_id)["JobRunState"] == "STOPPED"
    assert naps == [6, 0]  # STOPPING once, then STOPPED


@pytest.mark.glue_job("nightly")
def test_throttled_polls_are_retried_by_botocore(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.fail("GetJobRun", "ThrottlingException", times=2)

    run_operator()

    errors = [call.error for call in glue_jobs.calls if call.operation == "GetJobRun"]
    assert errors == ["ThrottlingException", "ThrottlingException", None, None]


@pytest.mark.glue_job("nightly")
def test_throttling_past_botocore_is_retried_by_the_hook(glue_jobs: GlueJobs, naps: list[float]) -> None:
    # botocore gives up after 3 attempts (its standard retry mode); the hook's tenacity loop then
    # calls again, waiting 1 to 60 s between its attempts unless api_retry_args says otherwise.
    glue_jobs.fail("GetJobRun", "ThrottlingException", times=6)
    hook = GlueJobHook(job_name="nightly", region_name=REGION, api_retry_args={"wait": wait_none()})
    run_id = hook.initialize_job()["JobRunId"]

    assert hook.job_completion("nightly", run_id)["JobRunState"] == "SUCCEEDED"

    errors = [call.error for call in glue_jobs.calls if call.operation == "GetJobRun"]
    assert errors == ["ThrottlingException"] * 6 + [None, None]


@pytest.mark.glue_job("nightly")
def test_throttled_start_fails_the_task(glue_jobs: GlueJobs, naps: list[float]) -> None:
    glue_jobs.fail("StartJobRun", "ThrottlingException", times=3)  # botocore's 3 attempts

    with pytest.raises(ClientError, match="ThrottlingException"):
        run_operator()

    glue_jobs.assert_not_called("GetJobRun")


@pytest.mark.parametrize("state", ["ERROR", "EXPIRED"])
@pytest.mark.glue_job("nightly")
def test_the_hook_polls_an_errored_or_expired_run_forever(
    glue_jobs: GlueJobs, naps: list[float], state: str
) -> None:
    glue_jobs.run_states("nightly", "RUNNING", state)
    glue_jobs.max_final_reads = 10  # the guard stops the loop after ten reads of the finished run

    with pytest.raises(EndlessPollingError, match=f"does not treat {state} as a final state"):
        run_operator()

    reads = glue_jobs.calls[3:]
    assert {call.response["JobRun"]["JobRunState"] for call in reads[:-1]} == {state}  # read again and again
    assert len(reads) == 11 and reads[-1].error == "EndlessPollingError"


def test_operator_uploads_the_script_and_creates_the_job(
    glue_jobs: GlueJobs, aws: None, naps: list[float], tmp_path: Path
) -> None:
    s3 = boto3.client("s3", region_name=REGION)  # answered by moto
    s3.create_bucket(Bucket="artifacts")
    role = boto3.client("iam", region_name=REGION).create_role(RoleName="glue-etl", AssumeRolePolicyDocument="{}")["Role"]
    script = tmp_path / "nightly.py"
    script.write_text("print('nightly')\n")

    run_operator(
        script_location=str(script), s3_bucket="artifacts", iam_role_name="glue-etl",
        create_job_kwargs={"GlueVersion": "4.0", "WorkerType": "G.1X", "NumberOfWorkers": 2},
    )

    body = s3.get_object(Bucket="artifacts", Key="artifacts/glue-scripts/nightly.py")["Body"].read()
    assert body == b"print('nightly')\n"
    job = glue_jobs.jobs()["nightly"]
    assert job["Role"] == role["Arn"]
    assert job["Command"]["ScriptLocation"] == "s3://artifacts/artifacts/glue-scripts/nightly.py"
    assert job["LogUri"] == "s3://artifacts/logs/glue-logs/nightly"
    assert job["Description"] == "AWS Glue Job with Airflow"
    assert (job["MaxRetries"], job["ExecutionProperty"]) == (0, {"MaxConcurrentRuns": 1})


@pytest.mark.glue_job("nightly", Tags={"team": "data"})
def test_update_config_reconciles_the_definition_and_tags(
    glue_jobs: GlueJobs, aws: None, naps: list[float]
) -> None:
    run_operator(
        script_location="s3://scripts/nightly.py", iam_role_arn="arn:aws:iam::123456789012:role/etl",
        update_config=True,
        create_job_kwargs={"GlueVersion": "4.0", "WorkerType": "G.2X", "NumberOfWorkers": 4,
                           "Tags": {"team": "platform"}},
    )

    arn = glue_jobs.job_arn("nightly")  # moto's STS answers the account id the ARN needs
    glue_jobs.assert_called_once("TagResource", ResourceArn=arn, TagsToAdd={"team": "platform"})
    job = glue_jobs.jobs()["nightly"]
    assert (job["WorkerType"], job["NumberOfWorkers"]) == ("G.2X", 4)


def test_the_hook_sends_none_for_a_missing_description(glue_jobs: GlueJobs) -> None:
    hook = GlueJobHook(
        job_name="nightly", region_name=REGION, script_location="s3://scripts/nightly.py",
        iam_role_arn="arn:aws:iam::123456789012:role/etl",
    )

    with pytest.raises(ParamValidationError, match="Invalid type for parameter Description, value: None"):
        hook.initialize_job()

    glue_jobs.assert_not_called("CreateJob")  # botocore refused it before sending
    GlueJobHook(
        job_name="nightly", desc="Nightly export", region_name=REGION,
        script_location="s3://scripts/nightly.py", iam_role_arn="arn:aws:iam::123456789012:role/etl",
    ).initialize_job()
    glue_jobs.assert_called_once("CreateJob", Name="nightly", Description="Nightly export", MaxCapacity=10)


@pytest.mark.glue_job("nightly")
def test_verbose_prints_the_runs_logs_from_cloudwatch(
    glue_jobs: GlueJobs, naps: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    """verbose=True: the fake answers CloudWatch Logs with what the Glue run logged."""
    glue_jobs.run_states("nightly", "RUNNING", "RUNNING", "SUCCEEDED", output="42 rows written")
    hook = GlueJobHook(job_name="nightly", region_name=REGION)
    run_id = hook.initialize_job()["JobRunId"]

    assert hook.job_completion("nightly", run_id, verbose=True)["JobRunState"] == "SUCCEEDED"

    printed = capsys.readouterr().out
    assert "Glue Job Run /aws-glue/jobs/output Logs:" in printed and "42 rows written" in printed
    assert "No new Glue driver logs so far" in printed  # nothing in /aws-glue/jobs/error: handled
    # verbose reads the run once more per poll, for its StartedOn: scripts count those reads.
    assert [call.operation for call in glue_jobs.calls].count("GetJobRun") == 4
    assert naps == [6, 0]
