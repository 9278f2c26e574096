"""run_scripts: a run whose ScriptLocation maps to a local file executes it as Glue would start it."""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from argparse import ArgumentError
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import run_states

from pytest_gluejobs import GlueJobs, _awsglue_import
from pytest_gluejobs._awsglue.utils import GlueArgumentError, getResolvedOptions

LOCATION = "s3://bucket/jobs/report.py"


def write(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code))
    return path


@pytest.fixture
def shell_job(make_job: Callable[..., Any]) -> Callable[..., Any]:
    """A Python shell job named 'report' whose script is at ``location``."""

    def make(location: str = LOCATION, **fields: Any) -> Any:
        return make_job("report", Command={"Name": "pythonshell", "ScriptLocation": location}, **fields)

    return make


def start(glue: Any, **params: Any) -> dict[str, Any]:
    """Start a run of 'report' and read it once: its code has run by then."""
    run_id = glue.start_job_run(JobName="report", **params)["JobRunId"]
    run: dict[str, Any] = glue.get_job_run(JobName="report", RunId=run_id)["JobRun"]
    return run


def test_a_mapped_script_runs_as_main_with_glues_argv(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    script = write(tmp_path, "report.py", """
        import json, sys
        print(json.dumps({"name": __name__, "argv": sys.argv, "path0": sys.path[0]}))
        print("to stderr", file=sys.stderr)
    """)
    shell_job(DefaultArguments={"--day": "monday", "--limit": "10"})
    glue_jobs.run_scripts({LOCATION: script})

    run = start(glue, Arguments={"--limit": "5"})

    assert run["JobRunState"] == "SUCCEEDED"
    logs = glue_jobs.run_logs(run["Id"])
    seen = json.loads(logs.output)
    assert seen == {
        "name": "__main__",
        "argv": [str(script), "--JOB_NAME", "report", "--JOB_RUN_ID", run["Id"], "--day", "monday", "--limit", "5"],
        "path0": str(tmp_path),
    }
    assert logs.error == "to stderr\n"


def test_get_resolved_options_reads_the_arguments(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    write(tmp_path, "report.py", """
        import sys
        from awsglue.utils import getResolvedOptions

        args = getResolvedOptions(sys.argv, ["JOB_NAME", "day"])
        print(args["JOB_NAME"], args["day"], args["JOB_RUN_ID"][:3], args["job_bookmark_option"])
    """)
    shell_job(DefaultArguments={"--day": "monday", "--other": "ignored"})
    glue_jobs.run_scripts({"s3://bucket/jobs/": tmp_path})

    run = start(glue)

    assert run["JobRunState"] == "SUCCEEDED"
    assert glue_jobs.run_logs(run["Id"]).output == "report monday jr_ job-bookmark-disable\n"
    assert _awsglue_import.ours(sys.modules["awsglue"])  # the stand-in, as the real one is not installed


def test_a_missing_required_option_fails_the_run_with_argparses_message(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    write(tmp_path, "report.py", """
        import sys
        from awsglue.utils import getResolvedOptions

        getResolvedOptions(sys.argv, ["JOB_NAME", "day"])
    """)
    shell_job()
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})

    run = start(glue)

    assert (run["JobRunState"], run["ErrorMessage"]) == (
        "FAILED",
        "GlueArgumentError: the following arguments are required: --day",
    )


@pytest.mark.parametrize(
    ("ending", "state", "message"),
    [
        ("pass", "SUCCEEDED", None),
        ("sys.exit(0)", "SUCCEEDED", None),
        ("sys.exit()", "SUCCEEDED", None),
        ("sys.exit(2)", "FAILED", "Command failed with exit code 2"),
        ("sys.exit('no rows today')", "FAILED", "Command failed with exit code 1"),
        ("{}['rows']", "FAILED", "KeyError: 'rows'"),
        ("import awsglue.nothing_here", "FAILED", "ModuleNotFoundError: No module named 'awsglue.nothing_here'"),
    ],
)
def test_how_a_script_ends_decides_the_runs_state(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path, ending: str, state: str, message: str | None
) -> None:
    write(tmp_path, "report.py", f"import sys\nprint('working')\n{ending}\n")
    shell_job()
    glue_jobs.run_scripts({LOCATION: str(tmp_path / "report.py")})

    run = start(glue)

    assert (run["JobRunState"], run.get("ErrorMessage")) == (state, message)
    assert glue_jobs.run_logs(run["Id"]).output == "working\n"


def test_an_exceptions_traceback_is_in_the_logs_from_the_script_on(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    script = write(tmp_path, "report.py", "def load():\n    raise ValueError('bad row 7')\n\nload()\n")
    shell_job()
    glue_jobs.run_scripts({LOCATION: script})

    run = start(glue)

    error = glue_jobs.run_logs(run["Id"]).error
    assert error.startswith(f'Traceback (most recent call last):\n  File "{script}", line 4, in <module>\n')
    assert error.endswith("ValueError: bad row 7\n")
    assert "runpy" not in error and "pytest_gluejobs" not in error
    assert "sys.exit('no rows')" not in error


def test_the_interpreter_is_restored_after_the_script(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    write(tmp_path, "helpers_for_report.py", "TOTAL = []\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write(tmp_path, "report.py", f"""
        import os, sys
        import helpers_for_report
        helpers_for_report.TOTAL.append(1)
        print(len(helpers_for_report.TOTAL))
        sys.argv.append("--more")
        sys.path.append("added-by-the-script")
        os.chdir({str(elsewhere)!r})
    """)
    shell_job(ExecutionProperty={"MaxConcurrentRuns": 2})
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})
    argv, path, cwd = list(sys.argv), list(sys.path), os.getcwd()

    first, second = start(glue), start(glue)

    assert (sys.argv, sys.path, os.getcwd()) == (argv, path, cwd)
    assert "helpers_for_report" not in sys.modules
    # Each run imported its helper afresh, as each Glue run is a new process.
    assert [glue_jobs.run_logs(run["Id"]).output for run in (first, second)] == ["1\n", "1\n"]


def test_a_script_may_call_glue_through_the_same_fake(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    write(tmp_path, "report.py", """
        import boto3
        glue = boto3.client("glue", region_name="us-east-1")
        print(glue.list_jobs()["JobNames"])
    """)
    shell_job()
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})

    run = start(glue)

    assert glue_jobs.run_logs(run["Id"]).output == "['report']\n"
    assert [call.operation for call in glue_jobs.calls] == ["CreateJob", "StartJobRun", "ListJobs", "GetJobRun"]


def test_a_prefix_maps_every_script_under_it_and_a_missing_one_fails_the_run(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    write(tmp_path, "nested/report.py", "print('nested')\n")
    glue_jobs.run_scripts({"s3://bucket/": tmp_path, "s3://bucket/jobs/": tmp_path / "nested"})
    shell_job()

    assert glue_jobs.run_logs(start(glue)["Id"]).output == "nested\n"  # the longer prefix wins

    glue.update_job(
        JobName="report",
        JobUpdate={"Role": "r", "Command": {"Name": "pythonshell", "ScriptLocation": "s3://bucket/jobs/gone.py"}},
    )
    run = start(glue)
    assert run["JobRunState"] == "FAILED"
    assert run["ErrorMessage"] == (
        f"Script s3://bucket/jobs/gone.py not found: run_scripts maps s3://bucket/jobs/ to "
        f"{tmp_path / 'nested'}{os.sep}, which has no file gone.py"
    )


def test_an_unmapped_location_follows_the_states(glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path) -> None:
    glue_jobs.run_scripts({"s3://other-bucket/": tmp_path})
    shell_job()
    run_id = glue.start_job_run(JobName="report")["JobRunId"]

    assert run_states(glue, "report", run_id, 2) == ["RUNNING", "SUCCEEDED"]


def test_run_code_and_run_states_win_over_run_scripts(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    write(tmp_path, "report.py", "raise SystemExit(9)\n")
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})
    shell_job()

    glue_jobs.run_states("report", "STOPPED")
    assert start(glue)["JobRunState"] == "STOPPED"

    glue_jobs.run_code("report", lambda args: None)
    assert start(glue)["JobRunState"] == "SUCCEEDED"


def test_the_real_awsglue_is_used_when_it_can_be_imported(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "lib"
    write(library, "awsglue/__init__.py", "")
    write(library, "awsglue/utils.py", "def getResolvedOptions(args, options):\n    return 'the real one'\n")
    monkeypatch.syspath_prepend(str(library))
    for name in [name for name in sys.modules if name == "awsglue" or name.startswith("awsglue.")]:
        monkeypatch.delitem(sys.modules, name)  # the stand-in, imported by an earlier test
    write(tmp_path, "jobs/report.py", "import sys\nfrom awsglue.utils import getResolvedOptions\nprint(getResolvedOptions(sys.argv, []))\n")
    shell_job()
    glue_jobs.run_scripts({LOCATION: tmp_path / "jobs" / "report.py"})

    try:
        run = start(glue)

        assert glue_jobs.run_logs(run["Id"]).output == "the real one\n"
        assert "awsglue" in sys.modules  # a library the script imported stays imported
    finally:
        for name in ("awsglue.utils", "awsglue"):
            sys.modules.pop(name, None)


def test_without_pyspark_a_script_importing_awsglue_context_fails_naming_the_extra(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [name for name in sys.modules if name.startswith(("awsglue.", "pytest_gluejobs._awsglue.", "pyspark"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    write(tmp_path, "report.py", "from awsglue.utils import getResolvedOptions\nfrom awsglue.context import GlueContext\n")
    shell_job()
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})

    run = start(glue)

    assert run["JobRunState"] == "FAILED"
    assert run["ErrorMessage"].startswith(
        "ImportError: awsglue.context needs PySpark, which is not installed: install the spark extra, "
        "pip install 'pytest-gluejobs[spark]'"
    )


@pytest.mark.parametrize(
    ("mapping", "error", "expected"),
    [
        (["s3://bucket/x.py"], TypeError, "run_scripts takes a mapping .* got list"),
        ({"bucket/x.py": "."}, ValueError, "run_scripts: key 'bucket/x.py' is not an s3:// ScriptLocation"),
        ({"s3://bucket": "."}, ValueError, "key 's3://bucket' is not an s3:// ScriptLocation"),
        ({"s3://bucket/x.py": 3}, TypeError, "the value for 's3://bucket/x.py' must be a local path .* got int 3"),
        ({"s3://bucket/x.py": "no/such/file.py"}, ValueError, r"'s3://bucket/x.py' maps to .*file.py, which is not an existing file"),
        ({"s3://bucket/jobs/": "no/such/folder"}, ValueError, "prefix 's3://bucket/jobs/' maps to .*folder, which is not an existing folder"),
        ({"s3://bucket/x.py": "."}, ValueError, r"not an existing file \(map a folder with a key ending in '/'\)"),
    ],
)
def test_run_scripts_refuses_bad_mappings_at_once(glue_jobs: GlueJobs, mapping: Any, error: type[Exception], expected: str) -> None:
    with pytest.raises(error, match=expected):
        glue_jobs.run_scripts(mapping)


def test_a_refused_mapping_adds_nothing(glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path) -> None:
    write(tmp_path, "report.py", "raise SystemExit(1)\n")
    with pytest.raises(ValueError, match="gone"):
        glue_jobs.run_scripts({LOCATION: tmp_path / "report.py", "s3://bucket/other.py": tmp_path / "gone"})
    shell_job()

    assert run_states(glue, "report", glue.start_job_run(JobName="report")["JobRunId"], 2) == ["RUNNING", "SUCCEEDED"]


# -- getResolvedOptions where the real awsglue is not installed --------------------------------


def resolved(*argv: str, options: tuple[str, ...] = ("JOB_NAME",)) -> dict[str, Any]:
    return getResolvedOptions(["script.py", "--JOB_NAME", "nightly", *argv], list(options))


def test_get_resolved_options_reports_glues_own_options_too() -> None:
    assert resolved("--JOB_RUN_ID", "jr_1", "--extra", "ignored") == {
        "job_bookmark_option": "job-bookmark-disable",
        "job_bookmark_from": None,
        "job_bookmark_to": None,
        "JOB_ID": None,
        "JOB_RUN_ID": "jr_1",
        "SECURITY_CONFIGURATION": None,
        "encryption_type": None,
        "enable_data_lineage": None,
        "RedshiftTempDir": None,
        "TempDir": None,
        "JOB_NAME": "nightly",
    }


@pytest.mark.parametrize(
    ("argv", "options", "expected"),
    [
        (("--TempDir", "s3://t/"), ("JOB_NAME", "TempDir"), {"TempDir": "s3://t/", "RedshiftTempDir": "s3://t/"}),
        (("--RedshiftTempDir", "s3://r/"), (), {"TempDir": "s3://r/", "RedshiftTempDir": "s3://r/"}),
        (("--continuation-option", "continuation-readonly"), (), {"job_bookmark_option": "job-bookmark-pause"}),
        (
            ("--job-bookmark-option", "job-bookmark-enable", "--continuation-option", "continuation-ignore"),
            (),
            {"job_bookmark_option": "job-bookmark-enable"},
        ),
        (("--day", "monday"), ("day",), {"day": "monday"}),
    ],
)
def test_get_resolved_options_parses_as_aws_glue_libs(
    argv: tuple[str, ...], options: tuple[str, ...], expected: dict[str, str]
) -> None:
    found = resolved(*argv, options=options)

    assert {key: found[key] for key in expected} == expected
    assert "continuation_option" not in found


@pytest.mark.parametrize(
    ("argv", "options", "error", "expected"),
    [
        ((), ("day",), "GlueArgumentError", "the following arguments are required: --day"),
        (("--da", "monday"), ("day",), "GlueArgumentError", "the following arguments are required: --day"),
        (("--job-bookmark-option", "always"), (), "GlueArgumentError", "argument --job-bookmark-option: invalid choice"),
        ((), ("job-bookmark-option",), "RuntimeError", "Using reserved arguments job-bookmark-option"),
        ((), ("job-bookmark-from",), "RuntimeError", "Using reserved arguments --job-bookmark-from"),
        ((), ("JOB_RUN_ID",), "ArgumentError", "conflicting option string: --JOB_RUN_ID"),
        (
            ("--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-to", "5"),
            (),
            "RuntimeError",
            "Missing option or value for --job-bookmark-from",
        ),
        (("--job-bookmark-from", "1", "--job-bookmark-to", "5"), (), "RuntimeError", "Invalid option(s)--job-bookmark-from --job-bookmark-to"),
    ],
)
def test_get_resolved_options_refuses_as_aws_glue_libs(
    argv: tuple[str, ...], options: tuple[str, ...], error: str, expected: str
) -> None:
    with pytest.raises((RuntimeError, ArgumentError, GlueArgumentError), match=re.escape(expected)) as caught:
        resolved(*argv, options=options)

    assert type(caught.value).__name__ == error


# -- a ScriptLocation is an S3 key: nothing outside the mapped folder ever runs -------------------


@pytest.mark.parametrize(
    ("rest", "shown"),
    [
        ("../secret.py", "../secret.py"),
        ("steps/../../secret.py", "steps/../../secret.py"),
        ("./report.py", "./report.py"),
        ("steps//report.py", "steps//report.py"),
        ("/report.py", "/report.py"),
    ],
)
def test_dots_and_empty_segments_are_literal_key_text(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path, rest: str, shown: str
) -> None:
    folder = tmp_path / "jobs"
    write(folder, "report.py", "print('the report of the mapped folder')\n")
    write(folder, "steps/report.py", "print('a step')\n")
    marker = tmp_path / "secret ran"
    write(tmp_path, "secret.py", f"open({str(marker)!r}, 'w').close()\n")
    glue_jobs.run_scripts({"s3://acme/jobs/": folder})
    shell_job(f"s3://acme/jobs/{rest}")

    run = start(glue)

    assert (run["JobRunState"], run["ErrorMessage"]) == (
        "FAILED",
        f"Script s3://acme/jobs/{rest} not found: run_scripts maps s3://acme/jobs/ to {folder}{os.sep}, "
        f"which has no file {shown}",
    )
    assert not marker.exists()
    assert glue_jobs.run_logs(run["Id"]).output == ""


def test_a_symlink_leading_out_of_the_folder_does_not_run(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path
) -> None:
    folder = tmp_path / "jobs"
    folder.mkdir()
    marker = tmp_path / "secret ran"
    secret = write(tmp_path, "secret.py", f"open({str(marker)!r}, 'w').close()\n")
    (folder / "report.py").symlink_to(secret)
    (folder / "steps").symlink_to(tmp_path)
    glue_jobs.run_scripts({"s3://acme/jobs/": folder})
    shell_job("s3://acme/jobs/report.py", ExecutionProperty={"MaxConcurrentRuns": 2})

    linked_file = start(glue)
    glue.update_job(JobName="report", JobUpdate={"Role": "r", "Command": {"Name": "pythonshell", "ScriptLocation": "s3://acme/jobs/steps/secret.py"}})
    linked_folder = start(glue)

    assert linked_file["ErrorMessage"] == (
        f"Script s3://acme/jobs/report.py not found: run_scripts maps s3://acme/jobs/ to {folder}{os.sep}, "
        f"which has no file report.py (report.py leads out of the folder, to {secret})"
    )
    assert linked_folder["ErrorMessage"] == (
        f"Script s3://acme/jobs/steps/secret.py not found: run_scripts maps s3://acme/jobs/ to {folder}{os.sep}, "
        f"which has no file steps/secret.py (steps/secret.py leads out of the folder, to {secret})"
    )
    assert not marker.exists()


def test_a_symlink_inside_the_folder_runs(glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path) -> None:
    write(tmp_path, "versions/v2.py", "print('version 2')\n")
    (tmp_path / "report.py").symlink_to(tmp_path / "versions" / "v2.py")
    glue_jobs.run_scripts({"s3://acme/jobs/": tmp_path})
    shell_job("s3://acme/jobs/report.py")

    run = start(glue)

    assert (run["JobRunState"], glue_jobs.run_logs(run["Id"]).output) == ("SUCCEEDED", "version 2\n")
