"""The pytest surface: marker, glue_client, ini option, setup hook, teardown check of faults.

Run through pytester; in a subprocess wherever plugin loading or marker registration matters.
"""

from __future__ import annotations

import pytest


def no_plugin_frames(output: str) -> None:
    """The report must not walk the user through pytest-gluejobs' own code."""
    assert "pytest_gluejobs/" not in output
    assert "pytest_gluejobs\\" not in output


# -- the marker --------------------------------------------------------------------------------


def test_marker_seeds_and_activates_the_fake_under_strict_markers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest

        pytestmark = pytest.mark.glue_job("from-module", Description="module")


        @pytest.mark.glue_job("nightly", WorkerType="G.1X", NumberOfWorkers=10)
        @pytest.mark.glue_job("weekly", region="eu-west-1", Tags={"team": "data"})
        def test_marker_alone_activates_the_fake():
            glue = boto3.client("glue", region_name="us-east-1")
            job = glue.get_job(JobName="nightly")["Job"]
            assert job["MaxCapacity"] == 10.0 and job["Timeout"] == 2880
            assert job["Role"] == "arn:aws:iam::123456789012:role/pytest-gluejobs"
            assert job["Command"]["ScriptLocation"] == "s3://pytest-gluejobs/scripts/nightly.py"
            assert glue.list_jobs()["JobNames"] == ["from-module", "nightly"]
            eu = boto3.client("glue", region_name="eu-west-1")
            assert eu.list_jobs(Tags={"team": "data"})["JobNames"] == ["weekly"]


        @pytest.mark.glue_job("from-module", Description="closest wins")
        def test_the_closest_marker_wins(glue_jobs):
            assert glue_jobs.jobs()["from-module"]["Description"] == "closest wins"


        @pytest.mark.glue_job("from-class")
        class TestClass:
            def test_class_and_module_markers(self, glue_jobs):
                assert list(glue_jobs.jobs()) == ["from-class", "from-module"]

            @pytest.mark.glue_job("own")
            def test_and_its_own(self, glue_client):
                assert glue_client.list_jobs()["JobNames"] == ["from-class", "from-module", "own"]


        def test_unmarked_tests_get_the_module_marker_too(glue_jobs):
            assert list(glue_jobs.jobs()) == ["from-module"]
        """
    )
    result = pytester.runpytest_subprocess("--strict-markers", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5)


def test_marker_alone_activates_the_fake_between_autouse_and_the_tests_fixtures(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        """
        import boto3
        import pytest

        @pytest.fixture(autouse=True)
        def region(monkeypatch):  # the fake reads the environment this sets
            monkeypatch.setenv("AWS_DEFAULT_REGION", "sa-east-1")

        @pytest.fixture
        def deployed():  # calls Glue: the fake must already be active and seeded
            glue = boto3.client("glue", region_name="sa-east-1")
            glue.update_job(JobName="nightly", JobUpdate={"Role": "r", "Command": {"Name": "pythonshell"}})
            return glue
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.glue_job("nightly")
        def test_fixture_sees_the_seeded_fake(deployed):
            assert deployed.get_job(JobName="nightly")["Job"]["Command"]["Name"] == "pythonshell"

        @pytest.mark.usefixtures("deployed")
        @pytest.mark.glue_job("nightly")
        def test_usefixtures_too():
            pass
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_marker_is_documented_in_markers_list(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.glue_job(name, [*], region=None, [*][*]fields): *"])


def test_without_marker_or_fixture_there_is_no_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pytest_gluejobs._edge import handlers

        def test_nothing_active():
            assert handlers._active == []
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_invalid_seed_errors_at_setup_naming_marker_job_member_and_rule(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.glue_job("nightly", WorkerType="G.1X", NumberOfWorkers=300)
        def test_too_many_workers():
            raise AssertionError("the body must not run")

        @pytest.mark.glue_job("nightly", Timeout=0)
        def test_below_minimum():
            raise AssertionError("the body must not run")

        @pytest.mark.glue_job("nightly", Colour="blue")
        def test_unknown_member():
            raise AssertionError("the body must not run")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_too_many_workers*",
            "@pytest.mark.glue_job('nightly', WorkerType='G.1X', NumberOfWorkers=300) could not seed "
            "the job: InvalidInputException: Job 'nightly': NumberOfWorkers 300 exceeds the maximum "
            "of 299 for WorkerType G.1X",
            "*ERROR at setup of test_below_minimum*",
            "@pytest.mark.glue_job('nightly', Timeout=0) could not seed the job: InvalidInputException: "
            "Job 'nightly': 1 validation error detected: Value 0 at 'Timeout' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1",
            "*ERROR at setup of test_unknown_member*",
            "*could not seed the job: InvalidInputException: Job 'nightly': 1 validation error "
            "detected: Unknown member 'Colour': must be one of Name, *",
        ]
    )
    output = result.stdout.str()
    no_plugin_frames(output)
    assert "Traceback" not in output and "During handling" not in output


def test_bad_marker_arguments_error_at_setup(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.glue_job()
        def test_no_name():
            pass

        @pytest.mark.glue_job("a", "b")
        def test_two_names():
            pass

        @pytest.mark.glue_job("a", region=5)
        def test_region_not_text():
            pass

        @pytest.mark.glue_job("a")
        @pytest.mark.glue_job("a", Timeout=5)
        def test_same_name_twice():
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=4)
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.glue_job(): takes the job name as its one positional argument, then "
            "keyword arguments: glue_job(name, [*], region=None, [*][*]fields)",
            "@pytest.mark.glue_job('a', 'b'): takes the job name as its one positional argument*",
            "@pytest.mark.glue_job('a', region=5): region must be a region name such as 'eu-west-1', got 5",
            "@pytest.mark.glue_job('a', Timeout=5) and @pytest.mark.glue_job('a') on "
            "*test_same_name_twice both seed job 'a' in us-east-1: give a job one marker per test, "
            "class or module",
        ]
    )
    no_plugin_frames(result.stdout.str())


# -- glue_client and the ini option -------------------------------------------------------------


def test_glue_client_region_follows_ini_then_environment(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(
        """
        import os

        def test_region(glue_client, glue_jobs):
            expected = os.environ["EXPECTED_REGION"]
            assert glue_client.meta.region_name == expected
            assert glue_jobs.default_region == expected
            glue_client.create_job(Name="a", Role="r", Command={"Name": "pythonshell"})
            assert list(glue_jobs.jobs()) == ["a"]
            assert glue_jobs.calls[0].region == expected
        """
    )
    monkeypatch.setenv("EXPECTED_REGION", "us-east-1")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)

    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    monkeypatch.setenv("EXPECTED_REGION", "ap-south-1")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)

    pytester.makeini("[pytest]\nglue_jobs_region = eu-central-1\n")
    monkeypatch.setenv("EXPECTED_REGION", "eu-central-1")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_ini_region_is_the_markers_default(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_region = eu-west-1\n")
    pytester.makepyfile(
        """
        import boto3
        import pytest

        @pytest.mark.glue_job("here")
        @pytest.mark.glue_job("there", region="us-west-2")
        def test_seeded_in_the_ini_region(glue_jobs):
            assert list(glue_jobs.jobs()) == ["here"]
            assert boto3.client("glue", region_name="eu-west-1").list_jobs()["JobNames"] == ["here"]
            assert list(glue_jobs.jobs("us-west-2")) == ["there"]
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_invalid_ini_region_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_region = not a region\n")
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*pytest-gluejobs: ini option glue_jobs_region = 'not a region' is not a valid region name*"]
    )


# -- the setup hook ------------------------------------------------------------------------------


def test_setup_hook_seeds_every_test_before_markers(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        SEEN = []

        def pytest_gluejobs_setup(glue_jobs):
            SEEN.append(sorted(glue_jobs.jobs()))  # markers have not seeded yet
            glue_jobs.add_job("baseline", Description="from conftest")
            glue_jobs.max_jobs = 3
        """
    )
    pytester.makepyfile(
        """
        import pytest
        from conftest import SEEN

        def test_baseline(glue_client):
            assert glue_client.get_job(JobName="baseline")["Job"]["Description"] == "from conftest"

        @pytest.mark.glue_job("extra")
        def test_baseline_and_marker(glue_jobs):
            assert list(glue_jobs.jobs()) == ["baseline", "extra"]
            assert glue_jobs.max_jobs == 3
            assert SEEN == [[], []]

        @pytest.mark.glue_job("baseline")
        def test_marker_cannot_seed_over_the_hook():
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.glue_job('baseline') could not seed the job: AlreadyExistsException: Job "
            "with name: baseline already exists. (seeded before by the pytest_gluejobs_setup hook)"
        ]
    )


def test_setup_hook_applies_from_the_conftest_files_on_the_tests_path(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        def pytest_gluejobs_setup(glue_jobs):
            glue_jobs.add_job("everywhere")
        """
    )
    pytester.mkpydir("integration").joinpath("conftest.py").write_text(
        "def pytest_gluejobs_setup(glue_jobs):\n    glue_jobs.add_job('integration-only')\n"
    )
    pytester.path.joinpath("integration", "test_inner.py").write_text(
        "def test_inner(glue_jobs):\n"
        "    assert list(glue_jobs.jobs()) == ['everywhere', 'integration-only']\n"
    )
    pytester.makepyfile(
        test_outer="def test_outer(glue_jobs):\n    assert list(glue_jobs.jobs()) == ['everywhere']\n"
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_hook_can_load_a_seed_file(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".json",
        jobs='{"Jobs": [{"Name": "prod", "Role": "r", "Command": {"Name": "glueetl"}, '
        '"CreatedOn": "2025-01-30T15:53:30.765000+00:00", "WorkerType": "G.1X", '
        '"NumberOfWorkers": 2, "MaxCapacity": 2.0}]}',
    )
    pytester.makeconftest(
        """
        from pathlib import Path

        def pytest_gluejobs_setup(glue_jobs):
            glue_jobs.load(Path(__file__).parent / "jobs.json")
        """
    )
    pytester.makepyfile(
        """
        def test_loaded(glue_client):
            job = glue_client.get_job(JobName="prod")["Job"]
            assert job["MaxCapacity"] == 2.0 and job["CreatedOn"].year == 2025
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


# -- assertions and faults as a user sees them ---------------------------------------------------


def test_assertion_failure_hides_plugin_frames(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_expects_a_create(glue_jobs, glue_client):
            glue_client.list_jobs()
            glue_jobs.assert_called_once("CreateJob", Name="nightly")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            ">       glue_jobs.assert_called_once(\"CreateJob\", Name=\"nightly\")",
            "E       AssertionError: Expected exactly one CreateJob call with Name='nightly', but 0 were made.",
            "E       Glue calls made (1):",
            "E         1. ListJobs() in us-east-1 -> ok",
        ]
    )
    no_plugin_frames(result.stdout.str())


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
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=1, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_never_calls*",
            "pytest-gluejobs: 2 injected fault(s) not used up by the end of the test:",
            "  glue_jobs.fail('GetJob', 'ThrottlingException', times=3): used 0 of 3 times",
            "  glue_jobs.fail('ListJobs', 'AccessDeniedException', times=1): used 0 of 1 time",
            "The code under test made fewer calls than the test expected; if that is fine, pass "
            "required=False to glue_jobs.fail() (README: 'Faults').",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_calls_too_little*",
            "pytest-gluejobs: 1 injected fault(s) not used up by the end of the test:",
            "  glue_jobs.fail('GetJobs', 'ThrottlingException', times=6): used 5 of 6 times",
        ]
    )
    output = result.stdout.str()
    assert "ERROR at teardown of test_a_failing_test_gets_no_second_report" not in output
    no_plugin_frames(output.split("= FAILURES =")[0])
