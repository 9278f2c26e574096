"""The glue_jobs and glue_client fixtures: a fresh fake per test, and the region they use."""

from __future__ import annotations

import pytest
from support import run_inline

from pytest_gluejobs import GlueJobs


def test_the_fixture_is_a_fresh_active_fake(glue_jobs: GlueJobs) -> None:
    assert isinstance(glue_jobs, GlueJobs)
    assert glue_jobs.active
    assert glue_jobs.jobs() == {}


def test_each_test_gets_its_own_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3

        def test_one(glue_jobs):
            boto3.client("glue", region_name="us-east-1").create_job(
                Name="shared-name", Role="r", Command={"Name": "pythonshell"})

        def test_two(glue_jobs):
            assert glue_jobs.jobs() == {}
            boto3.client("glue", region_name="us-east-1").create_job(
                Name="shared-name", Role="r", Command={"Name": "pythonshell"})
        """
    )
    result = run_inline(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_without_marker_or_fixture_there_is_no_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pytest_gluejobs._edge import handlers

        def test_nothing_active():
            assert handlers._active == []
        """
    )
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)


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
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)

    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    monkeypatch.setenv("EXPECTED_REGION", "ap-south-1")
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)

    pytester.makeini("[pytest]\nglue_jobs_region = eu-central-1\n")
    monkeypatch.setenv("EXPECTED_REGION", "eu-central-1")
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)


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
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_invalid_ini_region_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_region = not a region\n")
    pytester.makepyfile("def test_nothing(): pass")
    result = run_inline(pytester, "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*pytest-gluejobs: ini option glue_jobs_region = 'not a region' is not a valid region name*"]
    )
