"""A Glue call made in a test with no fake active warns, naming the test, the operation and the
three ways to activate the fake; a failing test's report lists it; the suite's settings decide
whether it is silenced, an error, or refused before it is sent.

The network is guarded: a call that goes on is caught by a tripwire at botocore's HTTP send, so
these tests prove it was sent, and nothing leaves the process.
"""

from __future__ import annotations

import socket
import warnings
from pathlib import Path
from typing import Any

import boto3
import botocore.httpsession
import pytest
from botocore.config import Config
from support import REGION, run_inline

from pytest_gluejobs import NoFakeActiveError, NoFakeActiveWarning, NotFakedError, fake_glue_jobs
from pytest_gluejobs._edge import handlers

WAYS = (
    "request the glue_jobs (or glue_client) fixture, mark the test @pytest.mark.glue_job(...), "
    "or make the call inside `with fake_glue_jobs():`"
)


class Sent(Exception):
    """A request reached botocore's HTTP send: it would have left the process."""


@pytest.fixture(autouse=True)
def network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every request that reaches botocore's HTTP send, refused there; sockets may not connect."""
    sent: list[str] = []

    def send(session: Any, request: Any) -> Any:
        sent.append(request.headers.get("X-Amz-Target", b"").decode())
        raise Sent(request.url)

    def connect(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a socket connected: a request left the process")

    monkeypatch.setattr(botocore.httpsession.URLLib3Session, "send", send)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return sent


def real_client(region: str = REGION) -> Any:
    """A client as a suite calling AWS on purpose has one: credentials, one attempt per call."""
    return boto3.client(
        "glue", region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )


def test_the_first_call_of_a_test_without_a_fake_warns_and_goes_on(
    request: pytest.FixtureRequest, network: list[str]
) -> None:
    glue = real_client("eu-west-1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(Sent):
            glue.list_jobs()
        with pytest.raises(Sent):
            glue.get_job(JobName="nightly")

    warned = [warning for warning in caught if issubclass(warning.category, NoFakeActiveWarning)]
    assert network == ["AWSGlue.ListJobs", "AWSGlue.GetJob"]  # both went on
    assert len(warned) == 1  # once per test
    message = str(warned[0].message)
    assert message.startswith(
        f"pytest-gluejobs: {request.node.nodeid} called Glue ListJobs in eu-west-1 with no fake "
        "active, so botocore sends it to AWS"
    )
    assert WAYS in message
    assert "filterwarnings = ignore::pytest_gluejobs.NoFakeActiveWarning" in message
    assert "glue_jobs_require_fake = true" in message
    # It points at the line of this test that made the call, past botocore's frames.
    assert warned[0].filename == __file__


def test_a_call_answered_by_a_fake_or_refused_does_not_warn(network: list[str]) -> None:
    glue = real_client()
    with fake_glue_jobs() as fake:
        fake.add_job("nightly")
        assert glue.list_jobs()["JobNames"] == ["nightly"]
    previous = handlers.require_fake(True)
    try:
        with pytest.raises(NoFakeActiveError):
            glue.list_jobs()
    finally:
        handlers.require_fake(previous)
    assert network == []


def test_a_call_moto_answers_does_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        assert real_client().list_jobs()["JobNames"] == []
    assert not [w for w in recwarn if issubclass(w.category, NoFakeActiveWarning)]


# -- through pytest: the report, and the suite's settings ------------------------------------


FORGOTTEN = """
import boto3
import pytest
from botocore.config import Config

def client(region="us-east-1"):
    return boto3.client(
        "glue", region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )

def test_forgot_the_fixture():
    glue = client()
    for _ in range(2):
        try:
            glue.list_jobs()
        except Exception:
            pass
    glue = client("eu-west-1")
    glue.get_job(JobName="nightly")

def test_passes_but_warns():
    try:
        client().list_jobs()
    except Exception:
        pass
"""


def test_a_failing_test_without_a_fake_reports_where_its_calls_went(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(FORGOTTEN)
    result = run_inline(pytester)
    result.assert_outcomes(failed=1, passed=1, warnings=2)
    result.stdout.fnmatch_lines(
        [
            "*- glue calls -*",
            "No fake was active in this test, so pytest-gluejobs answered none of its Glue calls: "
            "they went to AWS.",
            "      ListJobs in us-east-1 -> sent on with no fake active (2 calls)",
            "      GetJob in eu-west-1 -> sent on with no fake active",
            f"To answer them from the fake, {WAYS}.",
            "*warnings summary*",
            "test_a_failing_test_without_a_fake_reports_where_its_calls_went.py::test_forgot_the_fixture",
            "*.py:15: NoFakeActiveWarning: pytest-gluejobs: *::test_forgot_the_fixture called Glue "
            "ListJobs in us-east-1 with no fake active*",
        ]
    )


def test_filterwarnings_silences_the_warning(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nfilterwarnings = ignore::pytest_gluejobs.NoFakeActiveWarning\n")
    pytester.makepyfile(FORGOTTEN)
    result = run_inline(pytester, "-k", "passes")
    result.assert_outcomes(passed=1)
    assert "NoFakeActiveWarning" not in result.stdout.str()


def test_as_an_error_the_warning_stops_the_call(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(FORGOTTEN.replace("except Exception", "except ValueError"))
    result = run_inline(pytester, "-W", "error::pytest_gluejobs.NoFakeActiveWarning", "-k", "passes")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([">*client().list_jobs()", "E *pytest_gluejobs.NoFakeActiveWarning: pytest-gluejobs: *ListJobs*"])
    assert "botocore/" not in result.stdout.str()  # shown from the user's line


def test_refused_calls_are_reported_as_refused(pytester: pytest.Pytester, network: list[str]) -> None:
    pytester.makeini("[pytest]\nglue_jobs_require_fake = true\n")
    pytester.makepyfile(
        """
        import boto3


        def test_without_a_fake():
            boto3.client("glue", region_name="us-east-1").get_job(JobName="nightly")


        def test_not_faked(glue_client):
            glue_client.get_table(DatabaseName="db", Name="t")


        def test_answered_then_not_faked(glue_client):
            glue_client.list_jobs()
            glue_client.get_table(DatabaseName="db", Name="t")
        """
    )
    result = run_inline(pytester)
    result.assert_outcomes(failed=3)
    output = result.stdout.str()
    assert "No Glue calls were made" not in output
    assert "NoFakeActiveWarning" not in output
    result.stdout.fnmatch_lines(
        [
            "*- glue calls -*",
            "No fake was active in this test, so pytest-gluejobs answered none of its Glue calls.",
            "      GetJob in us-east-1 -> refused: NoFakeActiveError",
            f"To answer them from the fake, {WAYS}.",
            "*- glue calls -*",
            "No Glue call was answered.",
            "Not answered by the fake:",
            "      GetTable in us-east-1 -> refused: NotFakedError",
            "*- glue calls -*",
            "   1. ListJobs() in us-east-1 -> ok",
            "Not answered by the fake:",
            "      GetTable in us-east-1 -> refused: NotFakedError",
        ]
    )
    assert network == []


def test_outside_a_test_nothing_is_kept_or_said(tmp_path: Path) -> None:
    from pytest_gluejobs._edge import unfaked

    previous = unfaked.begin_test("outer")
    unfaked.end_test(None)  # as between tests, or in a script
    try:
        unfaked.sent_without_fake("ListJobs", REGION)
        unfaked.refused("GetTable", REGION, NotFakedError.__name__)
        assert unfaked.report_lines() == []
    finally:
        unfaked.end_test(previous)
