"""A failure the plugin explains fits on one screen: the user's line, the plugin's message and the
glue calls section, without botocore's frames between them, under pytest's default options.

Each case runs through pytester and the lines pytest prints for the failure are counted, from its
``____ test_name ____`` header to the next failure or summary.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch

import pytest
from support import run_inline

MAX_LINES = 25


def failure_of(result: pytest.RunResult, test: str) -> list[str]:
    """The lines pytest printed for one failing test (or error), header included."""
    lines = result.stdout.lines
    header = re.compile(rf"^_+ (ERROR at \w+ of )?{re.escape(test)} _+$")
    start = next(index for index, line in enumerate(lines) if header.match(line))
    end = next(
        (index for index in range(start + 1, len(lines)) if re.match(r"^(_{3,} |={3,})", lines[index])),
        len(lines),
    )
    return lines[start:end]


CASES = """
import boto3
import pytest


def test_not_faked(glue_jobs):
    glue = boto3.client("glue", region_name="us-east-1")
    glue_jobs.add_job("nightly")
    glue.get_job(JobName="nightly")
    glue.get_table(DatabaseName="db", Name="t")


def test_endless_polling(glue_jobs, glue_client):
    glue_jobs.add_job("nightly")
    glue_jobs.max_final_reads = 2
    run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
    while True:
        glue_client.get_job_run(JobName="nightly", RunId=run_id)


def test_unused_fault(glue_jobs):
    glue_jobs.fail("GetJob", "ThrottlingException")


def test_unused_states(glue_jobs):
    glue_jobs.run_states("nighlty", "RUNNING", "FAILED")


@pytest.mark.glue_job("nightly", MaxCapacity=2.5)
def test_bad_seed_marker():
    pass


def test_bad_seed_file(glue_jobs, tmp_path):
    seed = tmp_path / "jobs.json"
    seed.write_text('{"Jobs": [{"Name": "n", "Role": "r", "Command": {"Name": "glueetl"}, "Timeout": "x"}]}')
    glue_jobs.load(seed)
"""


def test_each_failure_shows_the_users_line_and_the_message_on_one_screen(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_cases=CASES)
    result = run_inline(pytester)
    result.assert_outcomes(failed=3, passed=2, errors=3)

    for test, users_line, message in [
        ("test_not_faked", 'glue.get_table(DatabaseName="db", Name="t")', "E       pytest_gluejobs.NotFakedError: pytest-gluejobs: Glue operation GetTable is not faked*"),
        ("test_endless_polling", 'glue_client.get_job_run(JobName="nightly", RunId=run_id)', "E           pytest_gluejobs.EndlessPollingError: pytest-gluejobs: GetJobRun read run jr_* 3 times in a row*"),
        ("test_bad_seed_file", "glue_jobs.load(seed)", "E       pytest_gluejobs.SeedFileError: Seed file *jobs.json: job 'n': *Timeout*"),
    ]:
        shown = failure_of(result, test)
        assert len(shown) <= MAX_LINES, "\n".join(shown)
        text = "\n".join(shown)
        assert [line for line in shown if line.startswith(">")] == [f">{shown_at(shown, users_line)}"], text
        assert any(fnmatch(line, message) for line in shown), text
        assert "botocore/" not in text and "pytest_gluejobs/" not in text
        assert "- glue calls -" in text

    for test, first in [
        ("test_unused_fault", "pytest-gluejobs: 1 expectation(s) not met by the end of the test:"),
        ("test_unused_states", "pytest-gluejobs: 1 expectation(s) not met by the end of the test:"),
        ("test_bad_seed_marker", "@pytest.mark.glue_job('nightly', MaxCapacity=2.5) could not seed the job: *"),
    ]:
        shown = failure_of(result, test)
        assert len(shown) <= MAX_LINES, "\n".join(shown)
        assert fnmatch(shown[1], first), "\n".join(shown)


def test_not_faked_is_listed_as_refused_not_as_no_calls(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_only_a_refused_call(glue_client):
            glue_client.get_table(DatabaseName="db", Name="t")
        """
    )
    result = run_inline(pytester)
    shown = failure_of(result, "test_only_a_refused_call")
    assert shown[-3:] == [
        "No Glue call was answered.",
        "Not answered by the fake:",
        "      GetTable in us-east-1 -> refused: NotFakedError",
    ]
    assert len(shown) <= MAX_LINES


def test_a_refused_call_with_no_fake_is_short_too(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_require_fake = true\n")
    pytester.makepyfile(
        """
        import boto3

        def test_forgot_the_fixture():
            boto3.client("glue", region_name="us-east-1").list_jobs()
        """
    )
    shown = failure_of(run_inline(pytester), "test_forgot_the_fixture")
    assert len(shown) <= MAX_LINES, "\n".join(shown)
    assert '>       boto3.client("glue", region_name="us-east-1").list_jobs()' in shown
    assert "botocore/" not in "\n".join(shown)


def test_fulltrace_still_shows_every_frame(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_cases=CASES)
    result = run_inline(pytester, "--fulltrace", "-k", "not_faked")
    assert "botocore/endpoint.py" in "\n".join(failure_of(result, "test_not_faked"))


def shown_at(shown: list[str], users_line: str) -> str:
    """The user's line as pytest marks it with '>': indented as in the test."""
    marked = next(line for line in shown if line.startswith(">"))
    assert marked.strip(" >") == users_line
    return marked[1:]
