"""What a pytest run shows of job runs: unused run_states fail at teardown; failing tests get the
logs of the runs whose code FAILED."""

from __future__ import annotations

import pytest
from support import no_plugin_frames, run_inline


def test_run_states_no_run_followed_fail_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_misspelt_job(glue_jobs, glue_client):
            glue_jobs.add_job("nightly")
            glue_jobs.run_states("nighlty", "RUNNING", "FAILED")
            glue_client.start_job_run(JobName="nightly")

        def test_states_that_lose_to_run_code(glue_jobs, glue_client):
            glue_jobs.add_job("nightly")
            glue_jobs.run_states("nightly", "FAILED")
            glue_jobs.run_code("nightly", lambda args: None)
            glue_client.start_job_run(JobName="nightly")

        def test_optional_states(glue_jobs):
            glue_jobs.run_states("never", "FAILED", required=False)

        def test_states_a_run_followed(glue_jobs, glue_client):
            glue_jobs.add_job("nightly")
            glue_jobs.run_states("nightly", "RUNNING")
            glue_client.start_job_run(JobName="nightly")  # never read: following is enough

        def test_states_set_for_a_run_already_started(glue_jobs, glue_client):
            glue_jobs.add_job("nightly")
            glue_client.start_job_run(JobName="nightly")
            glue_jobs.run_states("nightly", "SUCCEEDED")

        def test_a_failing_test_gets_no_second_report(glue_jobs):
            glue_jobs.run_states("never", "FAILED")
            assert False, "the test's own failure"
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")

    result.assert_outcomes(passed=5, failed=1, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_misspelt_job*",
            "pytest-gluejobs: 1 expectation(s) not met by the end of the test:",
            "  glue_jobs.run_states('nighlty', 'RUNNING', 'FAILED'): no run of job 'nighlty' showed them",
            "*or a job name is misspelt; if that is fine, pass required=False to glue_jobs.fail() or glue_jobs.run_states()*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_states_that_lose_to_run_code*",
            "  glue_jobs.run_states('nightly', 'FAILED'): no run of job 'nightly' showed them "
            "(its runs executed run_code's handler, which wins over run_states)",
        ]
    )
    output = result.stdout.str()
    assert "ERROR at teardown of test_a_failing_test_gets_no_second_report" not in output
    no_plugin_frames(output.split("= FAILURES =")[0])


def test_a_failing_test_shows_the_logs_of_its_failed_runs(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def failing(args):
            print("loaded 3 rows for", args["day"])
            raise ValueError("row 4 is malformed")

        def test_fails(glue_jobs, glue_client):
            glue_jobs.add_job("nightly", DefaultArguments={"--day": "monday"})
            glue_jobs.add_job("fine")
            glue_jobs.run_code("nightly", failing)
            glue_jobs.run_code("fine", lambda args: print("all good"))
            glue_client.start_job_run(JobName="fine")
            run_id = glue_client.start_job_run(JobName="nightly")["JobRunId"]
            assert glue_client.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]["JobRunState"] == "SUCCEEDED"

        def test_passes(glue_jobs, glue_client):
            glue_jobs.add_job("nightly")
            glue_jobs.run_code("nightly", failing)
            glue_client.start_job_run(JobName="nightly", Arguments={"--day": "tuesday"})
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider", "-rA")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*- glue run logs -*",
            "run jr_* of job nightly (us-east-1) FAILED: ValueError: row 4 is malformed",
            "--- output ---",
            "loaded 3 rows for monday",
            "--- error ---",
            "Traceback (most recent call last):",
            '  File "*test_a_failing_test_shows_the_logs_of_its_failed_runs.py", line 3, in failing',
            "*ValueError: row 4 is malformed",
        ]
    )
    output = result.stdout.str()
    assert output.count("glue run logs") == 1  # not for the passing test, even with -rA
    assert "of job fine" not in output  # only runs that FAILED
