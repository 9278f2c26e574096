"""What the tests share: one valid job, the clients, the error reader, optional dependencies.

The modules beside this one serve the hardening tests: ``wire_shapes`` (an independent check of
values against botocore's Glue model), ``invariants`` (the rules every stored job must keep),
``exchanges`` (the responses the fake puts on the wire) and ``strategies`` (Hypothesis).
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_gluejobs import fake_glue_jobs

ROOT = Path(__file__).resolve().parents[2]  # the checkout: README, benchmarks, examples

REGION = "us-east-1"
UTC = datetime.timezone.utc
ROLE = "arn:aws:iam::123456789012:role/etl"
ARN = f"arn:aws:glue:{REGION}:123456789012:job/nightly"  # the job "nightly" in the default account
COMMAND = {"Name": "glueetl", "ScriptLocation": "s3://bucket/nightly.py"}
SHELL_COMMAND = {"Name": "pythonshell", "ScriptLocation": "s3://bucket/shell.py"}
# The least a CreateJob request or a JobUpdate must carry: **DEFINITION beside the name.
DEFINITION = {"Role": ROLE, "Command": COMMAND}


def fresh_client(region: str = REGION, **config: Any) -> Any:
    """A real boto3 Glue client made as on a fresh machine (no AWS variables, no config files).

    Made inside a fake so client creation cannot probe the instance-metadata endpoint; a client
    answers through whichever fake is active when it is *called*, so one client serves many fakes.
    """
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("AWS_")]:
            patch.delenv(name)
        patch.setenv("AWS_CONFIG_FILE", os.devnull)
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
        with fake_glue_jobs():
            return boto3.Session().client("glue", region_name=region, config=Config(**config))


class AwsError(NamedTuple):
    code: str
    message: str


def error_of(error: ClientError | pytest.ExceptionInfo[Any]) -> AwsError:
    """The code and message of a ClientError, or of the one ``pytest.raises`` caught."""
    if isinstance(error, pytest.ExceptionInfo):
        error = error.value
    assert isinstance(error, ClientError), f"expected an AWS error, got {error!r}"
    details = error.response["Error"]
    return AwsError(str(details["Code"]), str(details["Message"]))


def told(glue_jobs: Any, error: ClientError | pytest.ExceptionInfo[Any]) -> str:
    """All the fake said of an error: AWS's message, then its own explanation from the call log."""
    explanation = glue_jobs.calls[-1].explanation or ""
    return f"{error_of(error).message} {explanation}".strip()


def invalid_input_message(glue: Any, **params: Any) -> str:
    """The message of the InvalidInputException that CreateJob with ``params`` must raise."""
    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.create_job(**params)
    return error_of(caught).message


def run_states(glue: Any, job: str, run_id: str, reads: int) -> list[str]:
    """The state of a run on each of ``reads`` successive GetJobRun calls (each read moves it)."""
    return [glue.get_job_run(JobName=job, RunId=run_id)["JobRun"]["JobRunState"] for _ in range(reads)]


def page_names(response: dict[str, Any]) -> list[str]:
    """The job names of one ListJobs or GetJobs page."""
    if "JobNames" in response:
        return list(response["JobNames"])
    return [job["Name"] for job in response["Jobs"]]


def in_threads(work: Callable[[int], object], count: int) -> None:
    """Run ``work(0)`` to ``work(count - 1)``, each on its own thread, and wait for them all."""
    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_python(code: str, cwd: Path) -> str:
    """What ``code`` prints when run in a fresh interpreter, which must succeed."""
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=cwd, check=False
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.strip()


def no_plugin_frames(output: str) -> None:
    """A report must not walk the user through pytest-gluejobs' own code."""
    assert "pytest_gluejobs/" not in output
    assert "pytest_gluejobs\\" not in output


# -- optional dependencies: a test that needs one is skipped, naming what to install ------------


def require(module: str, install: str) -> Any:
    """Import ``module``, or skip the test (or the whole file, at module level) naming ``install``."""
    return pytest.importorskip(module, reason=f"{module} is not installed: pip install {install}")


def aiobotocore_session() -> Any:
    return require("aiobotocore.session", "'pytest-gluejobs[aio]'")


def freeze_time(moment: Any) -> Any:
    """freezegun's ``freeze_time(moment)``."""
    return require("freezegun", "freezegun (or 'pytest-gluejobs[test]')").freeze_time(moment)


def time_machine() -> Any:
    return require("time_machine", "time-machine (or 'pytest-gluejobs[test]')")


def travel(destination: Any, *, tick: bool = True) -> Any:
    """time-machine's ``travel(destination, tick=...)``."""
    return time_machine().travel(destination, tick=tick)


# -- running pytest on a generated suite -------------------------------------------------------


def run_inline(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest on ``pytester``'s files in this process, loading only this plugin, as a user's suite
    loads it through its entry point: fixtures, markers, ini options and hooks behave the same,
    about twenty times faster than a subprocess. Keep ``runpytest_subprocess`` for what only a
    fresh process shows (what loading the plugin imports, xdist's workers, a library imported late).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
        return pytester.runpytest_inprocess(
            "-p", "pytest_gluejobs.plugin", "-W", "ignore::pytest.PytestAssertRewriteWarning", *args
        )
