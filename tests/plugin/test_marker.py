"""The glue_job marker: it alone activates the fake, seeds it, and explains a bad seed at setup.

Run through pytester with the plugin loaded as pytest loads it (``run_inline``): marker registration matters here.
"""

from __future__ import annotations

import pytest
from support import no_plugin_frames, run_inline


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
    result = run_inline(pytester, "--strict-markers", "-p", "no:cacheprovider")
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
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_marker_is_documented_in_markers_list(pytester: pytest.Pytester) -> None:
    result = run_inline(pytester, "--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.glue_job(name, [*], region=None, [*][*]fields): *"])


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
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_too_many_workers*",
            "@pytest.mark.glue_job('nightly', WorkerType='G.1X', NumberOfWorkers=300) could not seed "
            "the job: InvalidInputException: To use Worker Type G.1X, maximum allowed value of Number "
            "of Workers is 299. (Job 'nightly': got NumberOfWorkers 300)",
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
    result = run_inline(pytester, "-p", "no:cacheprovider")
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
