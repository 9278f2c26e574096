"""Nothing reaches for credentials on the network while a fake is active, whatever a session
resolved before; the metadata switch comes back as it was however fakes nest or interleave; with
``require_fake`` a Glue call made with no fake active is refused, not sent.

The network is guarded as in ``test_containment``: any attempt fails the test.
"""

from __future__ import annotations

import asyncio
import os
import sys
from itertools import permutations
from pathlib import Path
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from support import REGION, aiobotocore_session
from wire.test_containment import network  # noqa: F401 - the autouse network guard

from pytest_gluejobs import NoFakeActiveError, NoFakeActiveWarning, fake_glue_jobs
from pytest_gluejobs._edge import handlers

SWITCH = "AWS_EC2_METADATA_DISABLED"


def a_session_resolved_before_the_fake() -> Any:
    """A boto3 session whose credential chain (metadata and container providers included) was
    built while the metadata switch was unset, as at import time of the code under test."""
    session = boto3.Session()
    resolver = session._session.get_component("credential_provider")
    names = [provider.METHOD for provider in resolver.providers]
    assert "iam-role" in names and "container-role" in names
    return session


def test_a_glue_client_from_an_older_session_never_probes_the_metadata_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = a_session_resolved_before_the_fake()
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.2/credentials")

    with fake_glue_jobs() as fake:
        fake.add_job("nightly")
        glue = session.client("glue", region_name=REGION)
        assert glue.get_job(JobName="nightly")["Job"]["Name"] == "nightly"


def test_other_clients_from_an_older_session_skip_the_metadata_endpoint_too() -> None:
    session = a_session_resolved_before_the_fake()

    with fake_glue_jobs():
        s3 = session.client("s3", region_name=REGION)

    assert s3.meta.region_name == REGION  # made without credentials, without a probe


def test_a_botocore_session_made_before_the_fake_is_covered_too() -> None:
    session = botocore.session.get_session()
    session.get_component("credential_provider")

    with fake_glue_jobs():
        glue: Any = session.create_client("glue", region_name=REGION)
        assert glue.list_jobs()["JobNames"] == []


def test_explicit_credentials_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_glue_jobs():
        glue = boto3.client(
            "glue", region_name=REGION, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret"
        )

    assert glue._request_signer._credentials.access_key == "AKIDEXAMPLE"


ORDERS = sorted(set(permutations(["start A", "start B", "stop A", "stop B"])))
VALID_ORDERS = [
    order for order in ORDERS
    if order.index("start A") < order.index("stop A") and order.index("start B") < order.index("stop B")
]


@pytest.mark.parametrize("before", [None, "false", "true"])
@pytest.mark.parametrize("order", VALID_ORDERS, ids=" / ".join)
def test_the_metadata_switch_is_restored_only_when_the_last_fake_stops(
    monkeypatch: pytest.MonkeyPatch, before: str | None, order: tuple[str, ...]
) -> None:
    if before is None:
        monkeypatch.delenv(SWITCH, raising=False)
    else:
        monkeypatch.setenv(SWITCH, before)
    fakes = {"A": fake_glue_jobs(), "B": fake_glue_jobs()}
    running = 0

    for step in order:
        action, name = step.split()
        if action == "start":
            fakes[name].start()
            running += 1
        else:
            fakes[name].stop()
            running -= 1
        assert os.environ.get(SWITCH) == ("true" if running else before), step

    assert os.environ.get(SWITCH) == before


def test_stopping_a_fake_twice_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "false")
    outer, inner = fake_glue_jobs(), fake_glue_jobs()
    outer.start()
    inner.start()
    inner.stop()
    inner.stop()

    assert os.environ[SWITCH] == "true" and outer.active
    outer.stop()
    assert os.environ[SWITCH] == "false"


@pytest.fixture
def fake_required() -> Any:
    previous = handlers.require_fake(True)
    yield
    handlers.require_fake(previous)


@pytest.mark.usefixtures("fake_required")
@pytest.mark.parametrize("retry_mode", ["legacy", "standard", "adaptive"])
def test_with_a_fake_required_a_call_without_one_is_refused_at_once(retry_mode: str) -> None:
    session = a_session_resolved_before_the_fake()
    glue = session.client("glue", region_name=REGION, config=Config(retries={"mode": retry_mode}))  # type: ignore[arg-type]
    attempts: list[str] = []
    glue.meta.events.register("request-created.glue", lambda **kwargs: attempts.append("attempt"))

    with pytest.raises(NoFakeActiveError) as caught:
        glue.get_job(JobName="nightly")

    message = str(caught.value)
    assert "Glue GetJob was called while no fake was active" in message
    assert "glue_jobs_require_fake" in message and "not sent" in message
    assert "glue_jobs" in message and "fake_glue_jobs()" in message
    assert attempts == ["attempt"], "the refusal was retried"


@pytest.mark.usefixtures("fake_required")
def test_with_a_fake_required_a_fake_still_answers() -> None:
    with fake_glue_jobs() as fake:
        fake.add_job("nightly")
        glue = boto3.client("glue", region_name=REGION)
        assert glue.list_jobs()["JobNames"] == ["nightly"]

    with pytest.raises(NoFakeActiveError):
        glue.list_jobs()


def test_without_the_setting_nothing_is_refused(network: list[str]) -> None:  # noqa: F811
    glue = boto3.client(
        "glue", region_name=REGION, endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )

    with pytest.raises(AssertionError, match="a request left the process"), pytest.warns(NoFakeActiveWarning):
        glue.get_job(JobName="nightly")
    network.clear()


# -- credential helpers are never run for a Glue client made under a fake ------------------------


@pytest.fixture
def credential_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A profile whose credentials come from a program (an SSO or MFA helper, say); the program
    leaves a file behind when it runs. Returns that file."""
    ran = tmp_path / "the credential program ran"
    helper = tmp_path / "helper.py"
    helper.write_text(
        f"open({str(ran)!r}, 'a').write('ran\\n')\n"
        "print('{\"Version\": 1, \"AccessKeyId\": \"AKIDFROMPROCESS\", \"SecretAccessKey\": \"secret\"}')\n"
    )
    config = tmp_path / "config"
    config.write_text(f"[default]\ncredential_process = {sys.executable} {helper}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    return ran


def test_a_glue_client_made_under_a_fake_runs_no_credential_program(credential_process: Path) -> None:
    with fake_glue_jobs() as fake:
        fake.add_job("nightly")
        glue = boto3.Session().client("glue", region_name=REGION)
        assert glue.list_jobs()["JobNames"] == ["nightly"]

    assert not credential_process.exists()


def test_its_credentials_are_resolved_as_usual_once_the_client_signs_without_the_fake(credential_process: Path) -> None:
    with fake_glue_jobs():
        glue = boto3.Session().client("glue", region_name=REGION)
    sent: list[str] = []

    def answer(request: Any, **_: Any) -> AWSResponse:
        sent.append(request.headers["Authorization"].decode())
        return AWSResponse(request.url, 200, HTTPHeaders(), _Body(b'{"JobNames": []}'))

    glue.meta.events.register("before-send.glue", answer)
    with pytest.warns(NoFakeActiveWarning):  # the call is signed for AWS, as the warning says
        assert glue.list_jobs()["JobNames"] == []

    assert credential_process.read_text() == "ran\n"
    assert "Credential=AKIDFROMPROCESS/" in sent[0]


def test_an_aiobotocore_glue_client_made_under_a_fake_runs_no_credential_program(credential_process: Path) -> None:
    aio_session = aiobotocore_session()

    async def make_and_call() -> list[str]:
        async with aio_session.get_session().create_client("glue", region_name=REGION) as glue:
            names: list[str] = (await glue.list_jobs())["JobNames"]
            return names

    with fake_glue_jobs() as fake:
        fake.add_job("nightly")
        assert asyncio.run(make_and_call()) == ["nightly"]

    assert not credential_process.exists()


@pytest.mark.parametrize("variable", ["AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"])
def test_an_aiobotocore_glue_client_never_asks_the_container_endpoint(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    aio_session = aiobotocore_session()
    monkeypatch.setenv(variable, "http://169.254.170.2/credentials" if "FULL" in variable else "/credentials")

    async def make_and_call() -> list[str]:
        async with aio_session.get_session().create_client("glue", region_name=REGION) as glue:
            names: list[str] = (await glue.list_jobs())["JobNames"]
            return names

    with fake_glue_jobs():
        assert asyncio.run(make_and_call()) == []


class _Body:
    def __init__(self, content: bytes) -> None:
        self.content = content

    def stream(self) -> Any:
        yield self.content


# -- starting a fake that is already active --------------------------------------------------------


def test_starting_an_active_fake_again_is_refused() -> None:
    fake = fake_glue_jobs()
    fake.start()
    try:
        with pytest.raises(RuntimeError, match=r"start\(\) on a fake that is already active"):
            fake.start()
        with pytest.raises(RuntimeError, match="already active"), fake:
            pass
    finally:
        fake.stop()

    assert not fake.active
    assert not handlers.any_fake_active()
