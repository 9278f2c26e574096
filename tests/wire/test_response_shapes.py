"""Every response the fake puts on the wire fits botocore's output shape for its operation.

Responses are captured as the bytes botocore receives (``wire_log``) and checked by
``wire_shapes``, a validator written apart from the fake. Success and error answers of every
operation are covered, and the validator itself is shown to catch bad responses.
"""

from __future__ import annotations

import contextlib
import datetime
from typing import Any, NamedTuple

import pytest
from botocore.exceptions import ClientError
from support import DEFINITION, ROLE, error_of
from support.exchanges import modeled_errors, wire_log
from support.invariants import job_problems
from support.wire_shapes import response_problems

from pytest_gluejobs import OPERATIONS, GlueError, GlueJobs
from pytest_gluejobs._edge.wire import encode_error

RICH: dict[str, Any] = {
    "Role": ROLE,
    "Description": "Every member\nthe model has",
    "LogUri": "s3://logs/rich",
    "JobMode": "VISUAL",
    "JobRunQueuingEnabled": True,
    "ExecutionProperty": {"MaxConcurrentRuns": 3},
    "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/rich.py", "PythonVersion": "3"},
    "DefaultArguments": {"--job-language": "python", "--empty": ""},
    "NonOverridableArguments": {"--fixed": "1"},
    "Connections": {"Connections": ["warehouse", "lake"]},
    "MaxRetries": 2,
    "Timeout": 60,
    "SecurityConfiguration": "secure",
    "NotificationProperty": {"NotifyDelayAfter": 5},
    "GlueVersion": "4.0",
    "WorkerType": "G.2X",
    "NumberOfWorkers": 10,
    "ExecutionClass": "FLEX",
    "MaintenanceWindow": "Sun:3",
    "SourceControlDetails": {"Provider": "GITHUB", "Repository": "etl", "Owner": "me", "Branch": "main",
                             "AuthStrategy": "PERSONAL_ACCESS_TOKEN", "AuthToken": "t"},
    "CodeGenConfigurationNodes": {
        "node-1": {"DropFields": {"Name": "drop", "Inputs": ["node-0"], "Paths": [["a", "b"]]}},
        "node-2": {"SparkSQL": {"Name": "sql", "Inputs": ["node-1"], "SqlQuery": "select *\nfrom t",
                                "SqlAliases": [{"From": "node-1", "Alias": "t"}]}},
    },
}


class Case(NamedTuple):
    operation: str
    params: dict[str, Any]
    code: str | None = None  # the modeled error expected, None for success
    quota: int | None = None


CASES = [
    Case("CreateJob", {"Name": "rich-2", **RICH, "Tags": {"team": "data"}}),
    Case("CreateJob", {"Name": "rich", **DEFINITION}, "AlreadyExistsException"),
    Case("CreateJob", {"Name": "new", **DEFINITION, "WorkerType": "G.99X", "NumberOfWorkers": 2}, "InvalidInputException"),
    Case("CreateJob", {"Name": "new", **DEFINITION}, "ResourceNumberLimitExceededException", quota=2),
    Case("UpdateJob", {"JobName": "plain", "JobUpdate": RICH}),
    Case("UpdateJob", {"JobName": "missing", "JobUpdate": DEFINITION}, "EntityNotFoundException"),
    Case("UpdateJob", {"JobName": "plain", "JobUpdate": {"Description": "no role"}}, "InvalidInputException"),
    Case("GetJob", {"JobName": "rich"}),
    Case("GetJob", {"JobName": "missing"}, "EntityNotFoundException"),
    Case("GetJob", {"JobName": "x" * 256}, "InvalidInputException"),
    Case("GetJobs", {"MaxResults": 1}),
    Case("GetJobs", {}),
    Case("GetJobs", {"NextToken": "not-a-token"}, "InvalidInputException"),
    Case("DeleteJob", {"JobName": "plain"}),
    Case("DeleteJob", {"JobName": "missing"}),
    Case("DeleteJob", {"JobName": "two\nlines"}, "InvalidInputException"),
    Case("ListJobs", {"MaxResults": 1, "Tags": {"team": "data"}}),
    Case("ListJobs", {"MaxResults": 1001}, "InvalidInputException"),
    Case("BatchGetJobs", {"JobNames": ["rich", "missing", "plain", "rich"]}),
    Case("BatchGetJobs", {"JobNames": []}),
    Case("BatchGetJobs", {"JobNames": ["x" * 256]}, "InvalidInputException"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.operation}-{c.code or 'ok'}" for c in CASES])
def test_each_answer_fits_the_output_shape_of_its_operation(glue_jobs: GlueJobs, glue: Any, case: Case) -> None:
    glue_jobs.add_job("rich", **RICH, Tags={"team": "data"})
    glue_jobs.add_job("plain", Tags={"team": "data"})
    glue_jobs.add_job("shell", Command={"Name": "pythonshell"})
    if case.quota is not None:
        glue_jobs.max_jobs = case.quota
    method = getattr(glue, {"GetJobs": "get_jobs", "ListJobs": "list_jobs", "GetJob": "get_job",
                            "CreateJob": "create_job", "UpdateJob": "update_job", "DeleteJob": "delete_job",
                            "BatchGetJobs": "batch_get_jobs"}[case.operation])

    with wire_log(glue_jobs) as exchanges:
        try:
            method(**case.params)
            code = None
        except ClientError as error:
            code = error_of(error).code

    assert code == case.code
    [exchange] = exchanges
    assert (exchange.status == 200) == (case.code is None)
    assert exchange.problems() == []


def test_the_rich_job_reads_back_whole_and_within_every_rule(glue_jobs: GlueJobs, glue: Any) -> None:
    glue.create_job(Name="rich", **RICH)

    job = glue.get_job(JobName="rich")["Job"]

    assert job_problems("rich", job) == []
    assert {key: job[key] for key in RICH} == RICH
    assert "CodeGenConfigurationNodes" not in glue.get_jobs()["Jobs"][0]


def test_bookmark_source_control_and_system_logs_answers_fit_their_shapes(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.add_job("rich", **{**RICH, "DefaultArguments": {"--job-bookmark-option": "job-bookmark-enable"}})
    glue_jobs.add_job("plain")
    run_id = glue.start_job_run(JobName="rich")["JobRunId"]
    glue_jobs.finish_run(run_id, "SUCCEEDED")
    second = glue.start_job_run(JobName="rich")["JobRunId"]
    glue_jobs.finish_run(second, "SUCCEEDED")
    calls: list[tuple[str, dict[str, Any]]] = [
        ("get_job_bookmark", {"JobName": "rich"}),
        ("get_job_bookmark", {"JobName": "rich", "RunId": run_id}),
        ("reset_job_bookmark", {"JobName": "rich", "RunId": run_id}),
        ("reset_job_bookmark", {"JobName": "rich"}),
        ("get_job_bookmark", {"JobName": "plain"}),
        ("reset_job_bookmark", {"JobName": "x" * 256}),
        ("update_job_from_source_control", {"JobName": "rich", "CommitId": "c" * 40}),
        ("update_source_control_from_job", {"JobName": "rich", "Provider": "BITBUCKET", "RepositoryName": "ws/etl"}),
        ("update_source_control_from_job", {"JobName": "plain"}),
        ("update_job_from_source_control", {"JobName": "missing"}),
    ]
    if "GetSystemLogsForJobRun" in OPERATIONS:
        calls += [
            ("get_system_logs_for_job_run", {"JobName": "rich", "RunId": run_id}),
            ("get_system_logs_for_job_run", {"JobName": "rich", "RunId": "jr_0"}),
        ]

    with wire_log(glue_jobs) as exchanges:
        for method, params in calls:
            with contextlib.suppress(ClientError):
                getattr(glue, method)(**params)

    assert [exchange.status for exchange in exchanges] == [
        200, 200, 200, 200, 400, 400, 200, 200, 400, 400, *([200, 400] if len(calls) > 10 else []),
    ]
    assert [exchange.problems() for exchange in exchanges] == [[]] * len(calls)
    assert job_problems("rich", glue.get_job(JobName="rich")["Job"]) == []


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_modeled_error_is_encoded_as_its_shape_and_status(operation: str) -> None:
    for code in sorted(modeled_errors(operation)):
        response = encode_error(GlueError(code, f"{code} for {operation}"))

        assert response_problems(operation, response.status_code, bytes(response.content)) == [], code


# -- the checkers catch what they must ------------------------------------------------------

@pytest.mark.parametrize(
    ("operation", "status", "body", "complaint"),
    [
        ("GetJob", 200, b'{"Job": {"Name": "a\\nb"}}', "does not match"),
        ("GetJob", 200, b'{"Job": {"Timeout": 2147483648}}', "does not fit"),
        ("GetJob", 200, b'{"Job": {"Timeout": 0}}', "below 1"),
        ("GetJob", 200, b'{"Job": {"CreatedOn": "yesterday"}}', "epoch seconds"),
        ("GetJob", 200, b'{"Job": {"MaxCapacity": NaN}}', "strict JSON"),
        ("GetJob", 200, b'{"Job": {"WorkerType": "G.9X"}}', "is not one of"),
        ("GetJob", 200, b'{"Job": {"Command": {"Runtime": "a\\rb"}}}', "does not match"),
        ("GetJobs", 200, b'{"Jobs": [], "Extra": 1}', "not a member"),
        ("ListJobs", 200, b'{"JobNames": [""]}', "fewer than 1"),
        ("GetJob", 400, b'{"__type": "AlreadyExistsException", "Message": "m"}', "not one of its modeled"),
        ("GetJob", 500, b'{"__type": "InvalidInputException", "Message": "m"}', "HTTP 500"),
        ("GetJob", 400, b'{"__type": "InternalServiceException", "Message": "m"}', "HTTP 400"),
        ("GetJob", 400, b'{"__type": "InvalidInputException"}', "no message"),
    ],
)
def test_the_response_checker_catches_bad_responses(
    operation: str, status: int, body: bytes, complaint: str
) -> None:
    problems = response_problems(operation, status, body)

    assert any(complaint in problem for problem in problems), problems


def test_the_job_checker_catches_broken_rules() -> None:
    now = datetime.datetime.now(datetime.timezone.utc)
    good = {
        "Name": "j", "Role": "r", "Command": {"Name": "pythonshell"}, "GlueVersion": "0.9",
        "MaxRetries": 0, "ExecutionProperty": {"MaxConcurrentRuns": 1}, "JobMode": "SCRIPT",
        "JobRunQueuingEnabled": False, "CreatedOn": now, "LastModifiedOn": now, "Timeout": 2880,
        "MaxCapacity": 0.0625, "AllocatedCapacity": 0,
    }
    broken: dict[str, dict[str, Any]] = {
        "WorkerType on a Python shell job": {"WorkerType": "G.1X", "NumberOfWorkers": 2, "MaxCapacity": 2.0, "AllocatedCapacity": 2},
        "Python shell MaxCapacity": {"MaxCapacity": 3.0, "AllocatedCapacity": 3},
        "glueetl job without ScriptLocation": {"Command": {"Name": "glueetl", "PythonVersion": "2"}, "MaxCapacity": 10.0, "AllocatedCapacity": 10},
        "is not 3 x G.1X": {"Command": {"Name": "glueetl", "ScriptLocation": "s", "PythonVersion": "3"},
                            "WorkerType": "G.1X", "NumberOfWorkers": 3, "MaxCapacity": 10.0, "AllocatedCapacity": 10},
        "Timeout 10081": {"Timeout": 10081},
        "FLEX": {"ExecutionClass": "FLEX"},
        "CreatedOn after LastModifiedOn": {"CreatedOn": now + datetime.timedelta(seconds=1)},
        "not a member of Job": {"Tags": {"a": "b"}},
        "MaxRetries missing": {"MaxRetries": None},
    }

    assert job_problems("j", good) == []
    for complaint, change in broken.items():
        job = {key: value for key, value in {**good, **change}.items() if value is not None}
        problems = job_problems("j", job)
        assert any(complaint in problem for problem in problems), (complaint, problems)
