"""Injected faults through real boto3 clients: codes, statuses, botocore's own retries, no sleeping."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.retries.bucket import TokenBucket
from support import DEFINITION, error_of, no_plugin_frames, run_inline

from pytest_gluejobs import OPERATIONS, GlueJobs
from pytest_gluejobs._edge.wire import WireResponse

NO_RETRIES = Config(retries={"total_max_attempts": 1})


@pytest.fixture
def once(glue_jobs: GlueJobs) -> Any:
    """A Glue client that never retries, so every answer reaches the test as sent."""
    return boto3.client("glue", region_name="us-east-1", config=NO_RETRIES)


# -- what a fault answers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("ThrottlingException", 400),
        ("AccessDeniedException", 400),
        ("ValidationException", 400),
        ("InvalidClientTokenId", 403),
        ("InternalFailure", 500),
        ("InternalServiceException", 500),
        ("ServiceUnavailableException", 503),
        ("ServiceUnavailable", 503),
        ("EntityNotFoundException", 400),
        ("OperationTimeoutException", 400),
    ],
)
def test_fault_answers_its_code_with_its_http_status(
    glue_jobs: GlueJobs, once: Any, code: str, status: int
) -> None:
    glue_jobs.fail("GetJob", code)
    with pytest.raises(ClientError) as raised:
        once.get_job(JobName="nightly")
    response = raised.value.response
    assert response["Error"]["Code"] == code
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert raised.value.operation_name == "GetJob"


def test_modeled_codes_raise_the_modeled_exception_class(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail("CreateJob", "ResourceNumberLimitExceededException")
    with pytest.raises(once.exceptions.ResourceNumberLimitExceededException):
        once.create_job(Name="nightly", **DEFINITION)


def test_default_and_custom_messages(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail("GetJob", "AccessDeniedException", times=2)
    glue_jobs.fail("GetJob", "AccessDeniedException", message="User is not authorized")
    messages = []
    for _ in range(3):
        with pytest.raises(ClientError) as raised:
            once.get_job(JobName="nightly")
        messages.append(error_of(raised).message)
    assert messages == [
        "Injected by pytest-gluejobs: GetJob answered AccessDeniedException (1 of 2)",
        "Injected by pytest-gluejobs: GetJob answered AccessDeniedException (2 of 2)",
        "User is not authorized",
    ]


def test_faults_are_used_in_order_then_the_fake_answers(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.add_job("nightly")
    glue_jobs.fail("get_job", "AccessDeniedException")
    glue_jobs.fail("GetJob", "OperationTimeoutException")
    with pytest.raises(ClientError, match="AccessDeniedException"):
        once.get_job(JobName="nightly")
    with pytest.raises(once.exceptions.OperationTimeoutException):
        once.get_job(JobName="nightly")
    assert once.get_job(JobName="nightly")["Job"]["Name"] == "nightly"
    assert glue_jobs.unused_faults() == []


def test_a_fault_only_answers_its_operation(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail("DeleteJob", "AccessDeniedException")
    assert once.list_jobs()["JobNames"] == []
    assert [str(fault) for fault in glue_jobs.unused_faults()] == [
        "glue_jobs.fail('DeleteJob', 'AccessDeniedException', times=1): used 0 of 1 time"
    ]
    with pytest.raises(ClientError, match="AccessDeniedException"):
        once.delete_job(JobName="gone")


def test_a_faulted_call_changes_nothing(glue_jobs: GlueJobs, once: Any) -> None:
    glue_jobs.fail("CreateJob", "ConcurrentModificationException")
    with pytest.raises(once.exceptions.ConcurrentModificationException):
        once.create_job(Name="nightly", **DEFINITION)
    assert glue_jobs.jobs() == {}
    assert glue_jobs.calls[0].error == "ConcurrentModificationException"


# -- refused at once ---------------------------------------------------------------------------


def test_unknown_operation_is_a_value_error(glue_jobs: GlueJobs) -> None:
    with pytest.raises(ValueError, match="'GetDatabases' is not a faked Glue operation"):
        glue_jobs.fail("GetDatabases", "ThrottlingException")


def test_code_the_operation_cannot_answer_is_a_value_error(glue_jobs: GlueJobs) -> None:
    # DeleteJob of a missing job succeeds: the model gives it no EntityNotFoundException.
    with pytest.raises(ValueError, match="is not an error DeleteJob can answer") as refused:
        glue_jobs.fail("DeleteJob", "EntityNotFoundException")
    message = str(refused.value)
    assert message.startswith("glue_jobs.fail('DeleteJob', 'EntityNotFoundException'): 'EntityNotFoundException' is not an error DeleteJob can answer.")
    assert "InvalidInputException, InternalServiceException, OperationTimeoutException" in message
    assert "ThrottlingException" in message
    for code in ("Throttled", "throttlingexception", "NoSuchKey", ""):
        with pytest.raises(ValueError, match="is not an error GetJob can answer"):
            glue_jobs.fail("GetJob", code)


@pytest.mark.parametrize("times", [0, -1, 1.5, True, "2"])
def test_times_must_be_a_whole_number_of_calls(glue_jobs: GlueJobs, times: Any) -> None:
    with pytest.raises(ValueError, match="times must be a whole number of calls >= 1"):
        glue_jobs.fail("GetJob", "ThrottlingException", times=times)


def test_message_must_be_text(glue_jobs: GlueJobs) -> None:
    with pytest.raises(ValueError, match="message must be a string"):
        glue_jobs.fail("GetJob", "ThrottlingException", message=5)  # type: ignore[arg-type]


def test_refused_faults_are_not_registered(glue_jobs: GlueJobs) -> None:
    with pytest.raises(ValueError, match="times must be"):
        glue_jobs.fail("GetJob", "ThrottlingException", times=0)
    assert glue_jobs.unused_faults() == []


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_accepts_its_modeled_errors(glue_jobs: GlueJobs, operation: str) -> None:
    glue_jobs.fail(operation, "InvalidInputException", required=False)
    glue_jobs.fail(operation, "InternalServiceException", required=False)


# -- botocore's retries, without sleeping -------------------------------------------------------


def test_throttled_call_is_retried_and_succeeds(glue_jobs: GlueJobs, glue_client: Any, slept: list[float]) -> None:
    glue_jobs.fail("CreateJob", "ThrottlingException", times=2)
    assert glue_client.create_job(Name="nightly", **DEFINITION)["Name"] == "nightly"
    assert [call.error for call in glue_jobs.calls] == ["ThrottlingException", "ThrottlingException", None]
    assert list(glue_jobs.jobs()) == ["nightly"]
    assert slept == []


def test_legacy_mode_gives_up_after_five_attempts(glue_jobs: GlueJobs, slept: list[float]) -> None:
    client = boto3.client("glue", region_name="us-east-1", config=Config(retries={"mode": "legacy"}))
    glue_jobs.fail("GetJobs", "ThrottlingException", times=5)
    with pytest.raises(ClientError) as raised:
        client.get_jobs()
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 4
    assert len(glue_jobs.calls) == 5
    assert slept == []


def test_standard_mode_retries_server_errors(glue_jobs: GlueJobs, slept: list[float]) -> None:
    client = boto3.client("glue", region_name="us-east-1", config=Config(retries={"mode": "standard"}))
    glue_jobs.fail("ListJobs", "ServiceUnavailableException")
    glue_jobs.fail("ListJobs", "InternalServiceException")
    response = client.list_jobs()
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert [call.error for call in glue_jobs.calls] == [
        "ServiceUnavailableException",
        "InternalServiceException",
        None,
    ]
    glue_jobs.fail("ListJobs", "ThrottlingException", times=3)
    with pytest.raises(ClientError, match="ThrottlingException"):
        client.list_jobs()
    assert slept == []


def test_errors_botocore_does_not_retry_reach_the_caller_at_once(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.fail("GetJob", "AccessDeniedException")
    with pytest.raises(ClientError, match="AccessDeniedException"):
        glue_client.get_job(JobName="nightly")
    assert len(glue_jobs.calls) == 1


def _json_answer(status: int, body: bytes) -> WireResponse:
    return WireResponse(status, body)


def test_other_services_still_sleep_between_retries(glue_jobs: GlueJobs, glue_client: Any, slept: list[float]) -> None:
    # The companion of the tests above: proves `slept` sees botocore's retry sleeps at all.
    glue_client.list_jobs()  # a faked call first: its marker must not leak to the next call
    logs = boto3.client(
        "logs", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    throttled = b'{"__type": "ThrottlingException", "Message": "Rate exceeded"}'
    answers = iter([_json_answer(400, throttled), _json_answer(400, throttled), _json_answer(200, b"{}")])
    logs.meta.events.register("before-send.cloudwatch-logs", lambda **_: next(answers))
    logs.describe_log_groups()
    assert len(slept) == 2
    assert all(seconds > 0 for seconds in slept)


def test_adaptive_rate_limiter_never_holds_back_faked_calls(
    glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch, slept: list[float]
) -> None:
    waited: list[str] = []

    def acquire(self: TokenBucket, amount: int, block: bool) -> bool:
        waited.append("token")  # the limiter was consulted: it could have waited here
        return True

    monkeypatch.setattr(TokenBucket, "_acquire", acquire)
    adaptive = Config(retries={"mode": "adaptive", "max_attempts": 4})
    glue = boto3.client("glue", region_name="us-east-1", config=adaptive)
    glue_jobs.fail("ListJobs", "ThrottlingException", times=3)
    glue.list_jobs()
    for _ in range(5):
        glue.list_jobs()
    assert waited == []
    assert slept == []

    # The same limiter of another service's client is consulted as before, once it is enabled.
    logs = boto3.client(
        "logs", region_name="us-east-1", config=adaptive,
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )
    throttled = b'{"__type": "ThrottlingException", "Message": "Rate exceeded"}'
    answers = iter([_json_answer(400, throttled), _json_answer(200, b"{}")])
    logs.meta.events.register("before-send.cloudwatch-logs", lambda **_: next(answers))
    logs.describe_log_groups()
    assert waited == ["token"]


def test_faults_and_the_log_cover_job_runs_and_tags(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.add_job("nightly")
    glue_jobs.fail("StartJobRun", "ConcurrentRunsExceededException")
    glue_jobs.fail("GetTags", "ThrottlingException")
    with pytest.raises(glue_client.exceptions.ConcurrentRunsExceededException):
        glue_client.start_job_run(JobName="nightly")
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    assert glue_client.get_tags(ResourceArn=glue_jobs.job_arn("nightly"))["Tags"] == {}

    with pytest.raises(AssertionError, match="but 2 were made"):  # a refused start is a call too
        glue_jobs.assert_called_once("start_job_run", JobName="nightly")
    assert [(call.operation, call.error) for call in glue_jobs.calls] == [
        ("StartJobRun", "ConcurrentRunsExceededException"),
        ("StartJobRun", None),
        ("GetTags", "ThrottlingException"),
        ("GetTags", None),
    ]
    assert glue_jobs.calls[1].response == {"JobRunId": run_id}


# -- as a user sees it, in a pytest run -------------------------------------------------------


def test_unused_faults_fail_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_never_calls(glue_jobs):
            glue_jobs.fail("GetJob", "ThrottlingException", times=3)
            glue_jobs.fail("ListJobs", "AccessDeniedException")

        def test_calls_too_little(glue_jobs, glue_client):
            glue_jobs.fail("GetJobs", "ThrottlingException", times=6)
            with pytest.raises(glue_client.exceptions.ClientError):
                glue_client.get_jobs()  # botocore's default (legacy) mode tries 5 times

        def test_optional_faults_may_stay_unused(glue_jobs):
            glue_jobs.fail("GetJob", "ThrottlingException", required=False)

        def test_a_failing_test_gets_no_second_report(glue_jobs):
            glue_jobs.fail("GetJob", "ThrottlingException")
            assert False, "the test's own failure"

        def test_used_up_faults_pass(glue_jobs, glue_client):
            glue_jobs.fail("GetJobs", "ThrottlingException", times=2)
            glue_client.get_jobs()
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=1, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_never_calls*",
            "pytest-gluejobs: 2 expectation(s) not met by the end of the test:",
            "  glue_jobs.fail('GetJob', 'ThrottlingException', times=3): used 0 of 3 times",
            "  glue_jobs.fail('ListJobs', 'AccessDeniedException', times=1): used 0 of 1 time",
            "The code under test made fewer calls or runs than expected, or a job name is misspelt; "
            "if that is fine, pass required=False to glue_jobs.fail() or glue_jobs.run_states() "
            "(docs: 'Faults and assertions', 'Job runs').",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_calls_too_little*",
            "pytest-gluejobs: 1 expectation(s) not met by the end of the test:",
            "  glue_jobs.fail('GetJobs', 'ThrottlingException', times=6): used 5 of 6 times",
        ]
    )
    output = result.stdout.str()
    assert "ERROR at teardown of test_a_failing_test_gets_no_second_report" not in output
    no_plugin_frames(output.split("= FAILURES =")[0])
