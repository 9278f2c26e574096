"""The pytest_gluejobs_setup hook: conftest files seed every test's fake before the markers do."""

from __future__ import annotations

import pytest
from support import run_inline


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
    result = run_inline(pytester, "-p", "no:cacheprovider")
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
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=2)


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
    run_inline(pytester, "-p", "no:cacheprovider").assert_outcomes(passed=1)
