"""A bad seed file is refused whole: SeedFileError names the file, the job and the member, nothing of
the file is stored, and every later read still works."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_gluejobs import GlueJobs, SeedFileError

GOOD = {"Name": "good", "Role": "r", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/g.py"}}


def bad(**members: Any) -> dict[str, Any]:
    return {"Name": "bad", "Role": "r", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/b.py"}, **members}


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"CreatedOn": 1700000000000}, "CreatedOn 1700000000000 is out of range: a timestamp must lie between "
         "1970-01-01 and 9999-12-30 (epoch milliseconds? the CLI prints epoch seconds or ISO-8601)"),
        ({"LastModifiedOn": -1e20}, "LastModifiedOn -1e+20 is out of range"),
        ({"CreatedOn": "9999-12-31T23:59:59"}, "CreatedOn '9999-12-31T23:59:59' is out of range"),
        ({"CreatedOn": True}, "CreatedOn True is neither an ISO-8601 timestamp nor epoch seconds"),
        ({"CreatedOn": {"at": 1}}, "CreatedOn {'at': 1} is neither an ISO-8601 timestamp nor epoch seconds"),
        ({"CreatedOn": "yesterday"}, "CreatedOn 'yesterday' is neither an ISO-8601 timestamp nor epoch seconds"),
        ({"Decription": "d"}, "Unknown member 'Decription' (did you mean 'Description'?)"),
        ({"Timeout": "60"}, "Value '60' at 'Timeout' must be an integer"),
        ({"MaxCapacity": 10**400}, "Value <an integer of about 401 digits> at 'MaxCapacity' must be a finite number"),
        ({"WorkerType": "G.99X"}, "Value 'G.99X' at 'WorkerType' failed to satisfy constraint"),
    ],
)
def test_a_bad_member_refuses_the_whole_file(
    glue_jobs: GlueJobs, tmp_path: Path, members: dict[str, Any], expected: str
) -> None:
    seed = tmp_path / "jobs.json"
    seed.write_text(json.dumps({"Jobs": [GOOD, bad(**members)]}))

    with pytest.raises(SeedFileError) as caught:
        glue_jobs.load(seed)

    assert str(caught.value).startswith(f"Seed file {seed}: job 'bad': ")
    assert expected in str(caught.value)
    assert glue_jobs.jobs() == {}  # the good job was not stored either, and reading works
    glue_jobs.load(_file(tmp_path, [GOOD]))  # the names are still free
    assert list(glue_jobs.jobs()) == ["good"]


def test_a_json_number_beyond_a_double_is_refused(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    seed = tmp_path / "jobs.json"
    seed.write_text('{"Jobs": [{"Name": "bad", "Role": "r", "Command": {"Name": "glueetl"}, "MaxCapacity": 1e400}]}')

    with pytest.raises(SeedFileError, match=r"job 'bad': .*Value inf at 'MaxCapacity' must be a finite number"):
        glue_jobs.load(seed)

    assert glue_jobs.jobs() == {}


def test_a_bad_file_leaves_earlier_jobs_alone(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.add_job("earlier")

    with pytest.raises(SeedFileError):
        glue_jobs.load(_file(tmp_path, [GOOD, bad(CreatedOn=1700000000000)]))

    assert list(glue_jobs.jobs()) == ["earlier"]
    assert glue_jobs.jobs()["earlier"]["Name"] == "earlier"


def _file(folder: Path, jobs: list[dict[str, Any]]) -> Path:
    path = folder / "good.json"
    path.write_text(json.dumps({"Jobs": jobs}))
    return path
