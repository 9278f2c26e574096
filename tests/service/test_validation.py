"""Everything botocore lets through that the service rejects: InvalidInputException, nothing stored."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from support import COMMAND, SHELL_COMMAND, error_of, told

# (case id, CreateJob members overriding a valid Spark job, words the message must contain)
REJECTED: list[tuple[str, dict[str, Any], list[str]]] = [
    ("name too long", {"Name": "n" * 256}, ["'Name'", "less than or equal to 255", "256 characters"]),
    ("name on two lines", {"Name": "two\nlines"}, ["'Name'", "regular expression"]),
    ("description too long", {"Description": "d" * 2049}, ["'Description'", "2048"]),
    ("security configuration too long", {"SecurityConfiguration": "s" * 256}, ["'SecurityConfiguration'", "255"]),
    ("unknown worker type", {"WorkerType": "G.99X", "NumberOfWorkers": 2}, ["'WorkerType'", "G.99X", "enum"]),
    ("worker type alone", {"WorkerType": "G.1X"}, ["Please set both Worker Type and Number of Workers", "NumberOfWorkers None"]),
    ("workers alone", {"NumberOfWorkers": 2}, ["Please set both Worker Type and Number of Workers"]),
    ("no workers", {"WorkerType": "G.1X", "NumberOfWorkers": 0}, ["NumberOfWorkers 0", "minimum of 1"]),
    ("too many G.1X", {"WorkerType": "G.1X", "NumberOfWorkers": 300}, ["To use Worker Type G.1X, maximum allowed value of Number of Workers is 299.", "got NumberOfWorkers 300"]),
    ("too many G.2X", {"WorkerType": "G.2X", "NumberOfWorkers": 150}, ["To use Worker Type G.2X, maximum allowed value of Number of Workers is 149."]),
    ("too many G.025X", {"WorkerType": "G.025X", "NumberOfWorkers": 300}, ["To use Worker Type G.025X, maximum allowed value of Number of Workers is 299."]),
    ("capacity with workers", {"WorkerType": "G.1X", "NumberOfWorkers": 2, "MaxCapacity": 2.0}, ["Please do not set Max Capacity if using Worker Type and Number of Workers", "2.0"]),
    ("allocated with workers", {"WorkerType": "G.1X", "NumberOfWorkers": 2, "AllocatedCapacity": 2}, ["Please do not set Allocated Capacity"]),
    ("allocated and max", {"AllocatedCapacity": 5, "MaxCapacity": 5.0}, ["Please set only Allocated Capacity or Max Capacity"]),
    ("fractional capacity on glue 4.0", {"GlueVersion": "4.0", "MaxCapacity": 10.5}, ["MaxCapacity 10.5", "whole number of DPUs from 2 to 100"]),
    ("fractional spark capacity", {"MaxCapacity": 2.5}, ["MaxCapacity 2.5", "whole number of DPUs from 2 to 100"]),
    ("spark capacity too small", {"MaxCapacity": 1.0}, ["MaxCapacity 1.0", "2 to 100"]),
    ("spark capacity too big", {"MaxCapacity": 101.0}, ["MaxCapacity 101.0", "2 to 100"]),
    ("python shell capacity", {"Command": SHELL_COMMAND, "MaxCapacity": 2.0}, ["MaxCapacity 2.0", "0.0625 or 1"]),
    ("python shell workers", {"Command": SHELL_COMMAND, "WorkerType": "G.1X", "NumberOfWorkers": 2}, ["Worker Type is not supported for Job Command pythonshell"]),
    ("empty command name", {"Command": {"Name": "", "ScriptLocation": "s3://b/x.py"}}, ["Command name should not be null or empty"]),
    ("no command name", {"Command": {"ScriptLocation": "s3://b/x.py"}}, ["Command name should not be null or empty"]),
    ("glueetl without script", {"Command": {"Name": "glueetl"}}, ["Script location cannot be null or empty for glueetl command"]),
    ("python version", {"Command": {**COMMAND, "PythonVersion": "4"}}, ["'Command.PythonVersion'", "'4'", "regular expression"]),
    ("glue version pattern", {"GlueVersion": "five"}, ["'GlueVersion'", "'five'"]),
    ("timeout above 7 days", {"Timeout": 10081}, ["Timeout 10081 exceeds the maximum of 10080"]),
    ("too many tags", {"Tags": {f"k{i}": "v" for i in range(51)}}, ["'Tags'", "at most 50 entries, got 51"]),
    ("tag key too long", {"Tags": {"k" * 129: "v"}}, ["Tags", "less than or equal to 128"]),
    ("tag value too long", {"Tags": {"k": "v" * 257}}, ["'Tags.k'", "less than or equal to 256"]),
    ("reserved tag key", {"Tags": {"aws:owner": "me"}}, ["aws:owner", "reserved"]),
    ("maintenance window", {"MaintenanceWindow": "Funday:99"}, ["'MaintenanceWindow'", "Funday:99"]),
    ("execution class enum", {"ExecutionClass": "flex"}, ["'ExecutionClass'", "'flex'", "enum"]),
    ("flex on old glue", {"ExecutionClass": "FLEX", "GlueVersion": "2.0", "WorkerType": "G.1X", "NumberOfWorkers": 2}, ["ExecutionClass FLEX", "3.0", "'2.0'"]),
    ("flex on python shell", {"Command": SHELL_COMMAND, "ExecutionClass": "FLEX", "GlueVersion": "3.0"}, ["ExecutionClass FLEX", "'pythonshell'"]),
    ("job mode", {"JobMode": "CLICK"}, ["'JobMode'", "CLICK"]),
    ("source control provider", {"SourceControlDetails": {"Provider": "SVN"}}, ["'SourceControlDetails.Provider'", "SVN"]),
    ("source control auth", {"SourceControlDetails": {"AuthStrategy": "PASSWORD"}}, ["'SourceControlDetails.AuthStrategy'"]),
    ("source control string", {"SourceControlDetails": {"Owner": "o" * 513}}, ["'SourceControlDetails.Owner'", "512"]),
    ("too many connections", {"Connections": {"Connections": [f"c{i}" for i in range(1001)]}}, ["'Connections.Connections'", "at most 1000 items, got 1001"]),
    ("connection name", {"Connections": {"Connections": ["c" * 256]}}, ["'Connections.Connections[0]'", "255"]),
    ("runtime too long", {"Command": {**COMMAND, "Runtime": "r" * 65}}, ["'Command.Runtime'", "64"]),
]


def create_params(**overrides: Any) -> dict[str, Any]:
    params = {"Name": "job", "Role": "role", "Command": COMMAND}
    params.update(overrides)
    return params


@pytest.mark.parametrize(("overrides", "words"), [case[1:] for case in REJECTED], ids=[case[0] for case in REJECTED])
def test_create_job_rejects(glue: Any, glue_jobs: Any, overrides: dict[str, Any], words: list[str]) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.create_job(**create_params(**overrides))
    message = told(glue_jobs, raised)
    for word in words:
        assert word in message
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert glue_jobs.jobs() == {}


@pytest.mark.parametrize(("overrides", "words"), [case[1:] for case in REJECTED if "Name" not in case[1] and "Tags" not in case[1]])
def test_update_job_rejects_the_same_and_changes_nothing(
    glue: Any, glue_jobs: Any, overrides: dict[str, Any], words: list[str]
) -> None:
    glue.create_job(**create_params(Description="before"))
    before = glue_jobs.jobs()
    update = {key: value for key, value in create_params(**overrides).items() if key != "Name"}
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.update_job(JobName="job", JobUpdate=update)
    for word in words:
        assert in_update_terms(word, overrides) in told(glue_jobs, raised)
    assert glue_jobs.jobs() == before


def in_update_terms(word: str, overrides: dict[str, Any]) -> str:
    """UpdateJob's messages locate members inside JobUpdate: 'Description' -> 'JobUpdate.Description'."""
    if word.startswith("'") and word[1:].split(".")[0].rstrip("'") in overrides:
        return "'JobUpdate." + word[1:]
    return word


def test_messages_name_the_job(glue: Any) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.create_job(**create_params(Name="nightly", WorkerType="G.1X", NumberOfWorkers=0))
    assert error_of(raised).message.startswith("Job 'nightly': ")


def test_every_broken_constraint_is_listed(glue: Any) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.create_job(**create_params(Description="d" * 2049, MaintenanceWindow="never"))
    message = error_of(raised).message
    assert "2 validation errors detected" in message
    assert "'Description'" in message and "'MaintenanceWindow'" in message


def test_of_several_broken_rules_the_first_is_answered(glue: Any, glue_jobs: Any) -> None:
    # Workers before Timeout before MaxRetries: the order the service is taken to judge them.
    broken = create_params(Command=SHELL_COMMAND, WorkerType="G.1X", NumberOfWorkers=2, Timeout=10081)
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.create_job(**broken)
    message = error_of(raised).message
    assert "Worker Type is not supported for Job Command pythonshell" in message
    assert "Timeout" not in message
    assert glue_jobs.jobs() == {}


@pytest.mark.parametrize(
    "overrides",
    [
        {"Name": "n" * 255},
        {"Name": "tab\tand space and emoji \U0001f600"},
        {"Description": "two\nlines\r\nok"},
        {"GlueVersion": "1.0", "MaxCapacity": 100.0},
        {"Command": SHELL_COMMAND, "MaxCapacity": 1.0},
        {"Command": {**COMMAND, "PythonVersion": "3.9"}},
        {"WorkerType": "G.1X", "NumberOfWorkers": 299, "GlueVersion": "3.0"},
        {"Timeout": 10080},
        {"MaintenanceWindow": "Sun:0"},
        {"Tags": {f"k{i}": "" for i in range(50)}},
        {"Command": {"Name": "gluestreaming"}},
        {"GlueVersion": "5.1", "WorkerType": "G.1X", "NumberOfWorkers": 2, "ExecutionClass": "FLEX"},
    ],
    ids=lambda overrides: ",".join(overrides),
)
def test_create_job_accepts_values_at_the_limits(glue: Any, glue_jobs: Any, overrides: dict[str, Any]) -> None:
    params = create_params(**overrides)
    glue.create_job(**params)
    assert list(glue_jobs.jobs()) == [params["Name"]]


def test_job_names_are_checked_in_every_operation(glue: Any) -> None:
    long_name = "n" * 256
    for call in (
        lambda: glue.get_job(JobName=long_name),
        lambda: glue.delete_job(JobName=long_name),
        lambda: glue.update_job(JobName=long_name, JobUpdate={"Role": "r", "Command": COMMAND}),
        lambda: glue.batch_get_jobs(JobNames=["ok", long_name]),
    ):
        with pytest.raises(glue.exceptions.InvalidInputException, match="less than or equal to 255"):
            call()


@pytest.mark.parametrize("operation", ["get_jobs", "list_jobs"])
def test_max_results_above_1000_is_refused(glue: Any, operation: str) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException, match=r"'MaxResults'.*1000"):
        getattr(glue, operation)(MaxResults=1001)


def test_list_jobs_checks_its_tag_filter(glue: Any) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException, match="at most 50 entries"):
        glue.list_jobs(Tags={f"k{i}": "v" for i in range(51)})


def test_without_botocore_validation_the_service_still_checks_required_types_and_minimums(glue_jobs: Any) -> None:
    raw = boto3.client("glue", region_name="us-east-1", config=Config(parameter_validation=False))
    cases = [
        (lambda: raw.create_job(Name="x", Command=COMMAND), "Member 'Role' is required"),
        (lambda: raw.create_job(Name="", Role="r", Command=COMMAND), "greater than or equal to 1"),
        (lambda: raw.create_job(Name="x", Role="r", Command=COMMAND, Timeout=0), "'Timeout'"),
        (lambda: raw.create_job(Name="x", Role="r", Command=COMMAND, Timeout="10"), "must be an integer"),
        (lambda: raw.get_jobs(MaxResults=0), "'MaxResults'"),
    ]
    for call, words in cases:
        with pytest.raises(raw.exceptions.InvalidInputException) as raised:
            call()
        assert words in error_of(raised).message
    assert glue_jobs.jobs() == {}
