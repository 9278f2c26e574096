"""Every test runs as on a fresh machine: no AWS variables, no config files, no credentials."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from support import ROLE

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _no_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    empty = tmp_path_factory.getbasetemp() / "empty-aws-config"
    empty.touch()
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))


@pytest.fixture
def glue(glue_jobs: Any) -> Any:
    """A plain boto3 Glue client in us-east-1, answered by the test's fake."""
    return boto3.client("glue", region_name="us-east-1")


@pytest.fixture
def make_job(glue: Any) -> Callable[..., dict[str, Any]]:
    """CreateJob through the client with a valid Spark definition; keyword arguments override it."""

    def make(name: str = "job", **fields: Any) -> dict[str, Any]:
        params: dict[str, Any] = {
            "Name": name,
            "Role": ROLE,
            "Command": {"Name": "glueetl", "ScriptLocation": f"s3://bucket/{name}.py"},
        }
        params.update(fields)
        result: dict[str, Any] = glue.create_job(**params)
        return result

    return make


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every real time.sleep of the test, recorded instead of slept."""
    seconds: list[float] = []
    monkeypatch.setattr(time, "sleep", seconds.append)
    return seconds


try:
    from hypothesis import HealthCheck, settings
except ImportError:  # only the hardening tests need it, and they skip without it
    pass
else:
    # Moderate by default so the suite stays quick on a small machine; deeper runs with
    # `pytest --hypothesis-profile=thorough`. No deadline: shared CI machines are noisy.
    settings.register_profile(
        "gluejobs", max_examples=40, stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("thorough", settings.get_profile("gluejobs"), max_examples=1000)
    settings.load_profile("gluejobs")
