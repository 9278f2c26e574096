"""Mistakes a suite can make are caught where they are made: a Glue call with no fake active (when
the suite requires one), a near miss of the marker's name, a misspelt member, a client made
without a region; and errors from the plugin's API point at the user's line, not the plugin's.

Run through pytester with the plugin loaded as pytest loads it (``run_inline``): ini options, markers
and plugin loading matter here.
"""

from __future__ import annotations

import pytest
from support import no_plugin_frames, run_inline


def test_the_ini_option_refuses_glue_calls_made_with_no_fake_active(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_require_fake = true\n")
    pytester.makepyfile(
        """
        import boto3
        import pytest

        from pytest_gluejobs import NoFakeActiveError

        CLIENT = boto3.client("glue", region_name="us-east-1")  # made at import time


        def test_a_call_without_the_fake_is_refused():
            with pytest.raises(NoFakeActiveError, match="Glue ListJobs was called while no fake"):
                CLIENT.list_jobs()


        def test_the_fixture_answers(glue_jobs):
            assert CLIENT.list_jobs()["JobNames"] == []


        @pytest.mark.glue_job("nightly")
        def test_the_marker_answers():
            assert CLIENT.list_jobs()["JobNames"] == ["nightly"]


        def test_the_message_says_how_to_activate_the_fake():
            CLIENT.get_job(JobName="nightly")
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*NoFakeActiveError: pytest-gluejobs: Glue GetJob was called while no fake was active*"
            "glue_jobs_require_fake = true*request the glue_jobs (or glue_client) fixture, mark the "
            "test @pytest.mark.glue_job(...), or run it inside `with fake_glue_jobs():`*"
        ]
    )


def test_without_the_ini_option_calls_are_not_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pytest_gluejobs._edge import handlers


        def test_not_required():
            assert handlers._require_fake is False
        """
    )
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)


@pytest.mark.parametrize("near_miss", ["glue_jobs", "gluejob", "glue_Job", "glu_job"])
def test_a_near_miss_of_the_marker_is_a_collection_error(pytester: pytest.Pytester, near_miss: str) -> None:
    pytester.makepyfile(
        f"""
        import pytest


        @pytest.mark.{near_miss}("nightly")
        def test_marked(glue_client):
            glue_client.get_job(JobName="nightly")


        def test_other():
            pass
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        [
            f"*@pytest.mark.{near_miss} on test_a_near_miss_of_the_marker_is_a_collection_error.py::"
            "test_marked: did you mean @pytest.mark.glue_job? pytest-gluejobs knows no marker*"
        ]
    )


def test_a_registered_marker_or_a_distant_name_is_left_alone(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nmarkers =\n    glue_jobs: the suite's own marker\n")
    pytester.makepyfile(
        """
        import pytest


        @pytest.mark.glue_jobs
        @pytest.mark.slow
        @pytest.mark.glue_crawler
        def test_marked():
            pass
        """
    )
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_misspelt_marker_member_suggests_the_right_one(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest


        @pytest.mark.glue_job("nightly", Decription="nightly load")
        def test_marked(glue_jobs):
            pass
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*Unknown member 'Decription' (did you mean 'Description'?)*"])


def test_a_client_made_without_a_region_gets_the_fakes_for_that_test_only(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_region = eu-west-1\n")
    pytester.makepyfile(
        """
        import os

        import boto3
        import pytest


        def test_in_the_fixture(glue_jobs):
            glue_jobs.add_job("nightly")
            glue = boto3.client("glue")
            assert glue.meta.region_name == "eu-west-1"
            assert glue.list_jobs()["JobNames"] == ["nightly"]


        @pytest.mark.glue_job("nightly")
        def test_with_the_marker():
            assert boto3.client("glue").list_jobs()["JobNames"] == ["nightly"]


        def test_restored_after_the_test():
            assert "AWS_DEFAULT_REGION" not in os.environ


        def test_a_region_already_set_is_kept(monkeypatch, request):
            monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
            request.getfixturevalue("glue_jobs")
            assert boto3.client("glue").meta.region_name == "ap-south-1"
        """
    )
    run_inline(pytester, "-p", "no:randomly", "-p", "no:cacheprovider").assert_outcomes(passed=4)


def test_a_region_in_the_config_file_is_kept(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    config = pytester.path / "aws-config"
    config.write_text("[default]\nregion = ca-central-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    pytester.makepyfile(
        """
        import os

        import boto3


        def test_kept(glue_jobs):
            assert "AWS_DEFAULT_REGION" not in os.environ
            assert boto3.client("glue").meta.region_name == "ca-central-1"
        """
    )
    # A subprocess: botocore reads the config file once per session, and this process has one.
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_errors_from_the_api_show_the_users_line_and_no_plugin_frames(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_bad_region(glue_jobs):
            glue_jobs.add_job("nightly", region="not a region")


        def test_bad_number(glue_jobs):
            glue_jobs.add_job("nightly", MaxCapacity=float("inf"))


        def test_rejected_by_the_rules(glue_jobs):
            glue_jobs.add_job("nightly", MaxCapacity=2.5)


        def test_bad_seed_file(glue_jobs, tmp_path):
            seed = tmp_path / "jobs.json"
            seed.write_text('{"Jobs": [{"Name": "n", "Role": "r", "Command": {"Name": "glueetl"}, "Timeout": "x"}]}')
            glue_jobs.load(seed)


        def test_bad_quota(glue_jobs):
            glue_jobs.max_jobs = -1
        """
    )
    result = run_inline(pytester, "--tb=short", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=5)
    output = result.stdout.str()
    no_plugin_frames(output)
    result.stdout.fnmatch_lines(
        [
            "*test_errors_from_the_api_show_the_users_line_and_no_plugin_frames.py:2: in test_bad_region",
            '    glue_jobs.add_job("nightly", region="not a region")',
            "E   ValueError: add_job('nightly'): region='not a region' is not a valid region name*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            '    glue_jobs.add_job("nightly", MaxCapacity=float("inf"))',
            "E   ValueError: add_job('nightly'): MaxCapacity=inf is not a number any request could carry*",
        ]
    )
    result.stdout.fnmatch_lines(["    glue_jobs.add_job(\"nightly\", MaxCapacity=2.5)", "E   *GlueError: *MaxCapacity*"])
    result.stdout.fnmatch_lines(["    glue_jobs.load(seed)", "E   *SeedFileError: Seed file *jobs.json: job 'n': *Timeout*"])
