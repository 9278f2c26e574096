"""The package alone serves a new project's first test: a wheel installed with no extras.

This is what a user does: build (or download) the wheel, ``pip install`` it into their own
environment, and write a test with the fixture, the marker and a call assertion. It runs in a
fresh virtual environment, so nothing the test extra installs (aiobotocore, moto, freezegun) can
hide a missing dependency. pip fetches the package's own dependencies from the configured package
index, as it would for the user; ``pytest -m "not install"`` leaves it out of a quick run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the test extra installs tomli there
    import tomli as tomllib

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parents[2]

FIRST_TEST = textwrap.dedent(
    """
    import boto3
    import pytest

    ROLE = "arn:aws:iam::123456789012:role/etl"


    @pytest.mark.glue_job("nightly", Role=ROLE, Command={"Name": "glueetl", "ScriptLocation": "s3://b/n.py"})
    def test_reads_the_seeded_job(glue_jobs):
        glue = boto3.client("glue", region_name="us-east-1")

        job = glue.get_job(JobName="nightly")["Job"]

        assert job["Timeout"] == 2880
        glue_jobs.assert_called("GetJob", JobName="nightly")


    def test_a_missing_job_is_the_modeled_error(glue_jobs):
        glue = boto3.client("glue", region_name="us-east-1")
        with pytest.raises(glue.exceptions.EntityNotFoundException):
            glue.get_job(JobName="nope")


    def test_optional_integrations_are_absent():
        import importlib.util

        for name in ("aiobotocore", "moto", "freezegun", "time_machine"):
            assert importlib.util.find_spec(name) is None, name
    """
)


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_plain_install_serves_a_first_test(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("pytest_gluejobs-*.whl")
    # The name the docs' install lines use (tests/docs/test_install_lines.py holds them to it).
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert wheel.name == f"pytest_gluejobs-{version}-py3-none-any.whl"

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=tmp_path)

    project = tmp_path / "project"
    project.mkdir()
    (project / "test_first.py").write_text(FIRST_TEST)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTHON", "PYTEST"))}
    clean["HOME"] = str(tmp_path)  # no ~/.aws/config to lend a region or credentials
    output = _run(python, "-m", "pytest", "-p", "no:cacheprovider", "-q", cwd=project, env=clean)

    assert "3 passed" in output
