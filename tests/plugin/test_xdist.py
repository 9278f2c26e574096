"""pytest-xdist: under ``-n 2`` every test, on every worker, sees only its own fake."""

from __future__ import annotations

import re

import pytest
from support import require

require("xdist", "pytest-xdist (or 'pytest-gluejobs[test]')")

SAME_NAMES_ON_EVERY_WORKER = """
import boto3
import pytest

# Made at import time, as application code does: each worker process imports it once.
GLUE = boto3.client("glue", region_name="us-east-1")
COMMAND = {"Name": "glueetl", "ScriptLocation": "s3://bucket/shared.py"}


@pytest.mark.parametrize("number", range(12))
def test_same_named_job(glue_jobs, worker_id, number):
    assert GLUE.list_jobs()["JobNames"] == []
    mine = f"test {number} on {worker_id}"
    GLUE.create_job(Name="shared", Role="r", Command=COMMAND, Description=mine)
    glue_jobs.add_job("seeded", Description=mine)

    assert GLUE.list_jobs()["JobNames"] == ["seeded", "shared"]
    assert GLUE.get_job(JobName="shared")["Job"]["Description"] == mine
    assert {job["Description"] for job in glue_jobs.jobs().values()} == {mine}
"""


def test_tests_on_two_workers_each_see_only_their_own_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_shared=SAME_NAMES_ON_EVERY_WORKER)

    result = pytester.runpytest_subprocess("-n", "2", "-v", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=12)
    workers = set(re.findall(r"\[(gw\d+)\].*PASSED", result.stdout.str()))
    assert workers == {"gw0", "gw1"}

