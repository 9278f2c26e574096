"""The call log's records: attempts, calls_of, read-only values, its bound, malformed bodies."""

from __future__ import annotations

import copy
import json
import pickle
import sys
from typing import Any

import boto3
import pytest
from botocore.config import Config
from support import DEFINITION, error_of, run_inline

from pytest_gluejobs import GlueJobs
from pytest_gluejobs._data.errors import FakeInternalError


def test_attempts_are_numbered_and_a_retried_call_counts_once(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.fail("CreateJob", "ThrottlingException", times=2)
    glue_client.create_job(Name="nightly", **DEFINITION)
    assert [(call.attempt, call.error) for call in glue_jobs.calls] == [
        (1, "ThrottlingException"), (2, "ThrottlingException"), (3, None)
    ]
    glue_jobs.assert_called_once("CreateJob", Name="nightly")


def test_two_calls_with_the_same_params_are_two_calls(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_client.list_jobs()
    glue_client.list_jobs()
    with pytest.raises(AssertionError, match="but 2 were made"):
        glue_jobs.assert_called_once("ListJobs")


def test_calls_of_one_operation(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_client.list_jobs()
    glue_client.create_job(Name="nightly", **DEFINITION)
    glue_client.list_jobs()
    assert [call.operation for call in glue_jobs.calls_of("list_jobs")] == ["ListJobs", "ListJobs"]
    assert glue_jobs.calls_of("DeleteJob") == []
    with pytest.raises(ValueError, match="not a faked Glue operation"):
        glue_jobs.calls_of("ListJob")


def test_params_and_response_are_read_only_yet_plain_to_use(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_client.create_job(Name="nightly", Connections={"Connections": ["a"]}, **DEFINITION)
    glue_client.get_job(JobName="nightly")
    create, get = glue_jobs.calls
    params: Any = create.params  # typed Mapping: mypy already refuses changes; this checks at run time
    for change in (
        lambda: params.update(Name="x"),
        lambda: params["Connections"]["Connections"].append("b"),
        lambda: params.pop("Name"),
    ):
        with pytest.raises(TypeError, match="read-only"):
            change()
    with pytest.raises(TypeError):
        get.response["Job"]["Name"] = "x"  # type: ignore[index]
    assert params["Connections"] == {"Connections": ["a"]}
    assert json.loads(json.dumps(params))["Name"] == "nightly"
    mine = copy.deepcopy(params)
    mine["Name"] = "changed"  # a deep copy is the reader's own, and plain
    assert type(mine) is dict and create.params["Name"] == "nightly"
    assert pickle.loads(pickle.dumps(params)) == params


def test_calls_is_a_read_only_snapshot_that_copies_nothing(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_client.list_jobs()
    view = glue_jobs.calls
    glue_client.list_jobs()
    assert len(view) == 1 and len(glue_jobs.calls) == 2
    assert view == [view[0]] and glue_jobs.calls[:1] == [view[0]]
    assert not hasattr(view, "append")
    assert sys.getsizeof(glue_jobs.calls) < 200  # a view, not a list of every call


def test_the_log_keeps_the_last_max_calls_and_counts_the_rest(glue_jobs: GlueJobs, glue_client: Any) -> None:
    glue_jobs.max_calls = 3
    for number in range(5):
        glue_client.get_job(JobName=f"job-{number}") if False else glue_client.list_jobs(MaxResults=number + 1)
    assert [call.params["MaxResults"] for call in glue_jobs.calls] == [3, 4, 5]
    assert glue_jobs.dropped_calls == 2 and glue_jobs.calls.dropped == 2
    with pytest.raises(AssertionError) as raised:
        glue_jobs.assert_called("ListJobs", MaxResults=1)
    assert "2 earlier calls were dropped: the log keeps the last glue_jobs.max_calls" in str(raised.value)


def test_a_long_run_keeps_the_bound(glue_jobs: GlueJobs) -> None:
    log = glue_jobs._calls
    glue_jobs.max_calls = 100
    from pytest_gluejobs._doubles.calls import Call

    for number in range(1000):
        log.record(Call("ListJobs", "us-east-1", json.dumps({"MaxResults": number + 1}), b"{}", None))
    calls = glue_jobs.calls
    assert len(calls) == 100 and calls[0].params["MaxResults"] == 901 and calls[-1].params["MaxResults"] == 1000
    assert len(log._calls) <= 100 + 64  # the dropped head is let go in steps
    assert glue_jobs.dropped_calls == 900


@pytest.mark.parametrize("value", [0, -1, 2.5, "10", True, None])
def test_max_calls_must_be_a_whole_number_of_calls(glue_jobs: GlueJobs, value: Any) -> None:
    with pytest.raises(ValueError, match=r"glue_jobs.max_calls must be a whole number of calls >= 1"):
        glue_jobs.max_calls = value


def test_the_ini_option_sets_max_calls(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_max_calls = 2\n")
    pytester.makepyfile(
        """
        def test_bound(glue_jobs, glue_client):
            for _ in range(3):
                glue_client.list_jobs()
            assert glue_jobs.max_calls == 2 and len(glue_jobs.calls) == 2 and glue_jobs.dropped_calls == 1
        """
    )
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)


@pytest.mark.parametrize("value", ["-3", "many", "0"])
def test_a_bad_ini_value_is_a_usage_error(pytester: pytest.Pytester, value: str) -> None:
    pytester.makeini(f"[pytest]\nglue_jobs_max_calls = {value}\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = run_inline(pytester, "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*glue_jobs_max_calls = {value!r} must be a whole number of calls >= 1*"])


# -- what botocore sends that the fake cannot read -----------------------------------------------


def _send_body(glue: Any, body: Any) -> None:
    def replace(request: Any, **_: Any) -> None:
        request.body = body

    # Registered first: runs before the fake's handler, as a broken serializer's output would.
    glue.meta.events.register_first("before-send.glue.GetJob", replace)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not UTF-8 text"),
        (b"[1, 2]", "JSON list, not an object"),
        (b"null", "JSON NoneType, not an object"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_serialization_exception(glue_jobs: GlueJobs, body: bytes, why: str) -> None:
    glue = boto3.client("glue", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))
    _send_body(glue, body)
    with pytest.raises(glue.exceptions.ClientError) as raised:
        glue.get_job(JobName="nightly")
    assert error_of(raised) == ("SerializationException", "")  # as AWS answers: no message
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    (call,) = glue_jobs.calls
    assert call.error == "SerializationException" and call.params == {}
    assert call.explanation is not None and why in call.explanation


def test_an_empty_body_reads_as_no_params(glue_jobs: GlueJobs) -> None:
    glue = boto3.client("glue", region_name="us-east-1")
    glue.meta.events.register_first("before-send.glue.ListJobs", lambda request, **_: setattr(request, "body", b""))
    assert glue.list_jobs()["JobNames"] == []


def test_a_bug_in_the_fake_is_still_a_fake_internal_error(glue_jobs: GlueJobs, monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_gluejobs._service import operations

    def broken(*_: Any) -> Any:
        raise ZeroDivisionError("oops")

    monkeypatch.setitem(operations.TABLE, "ListJobs", broken)
    with pytest.raises(FakeInternalError, match="ZeroDivisionError: oops"):
        boto3.client("glue", region_name="us-east-1").list_jobs()
    assert glue_jobs.calls == []
