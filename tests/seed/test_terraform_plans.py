"""Terraform's JSON: aws_glue_job resources of a plan or a state, from every module, mapped as the
AWS provider maps them; values unknown until apply and other layouts named, nothing loaded."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pytest_gluejobs import GlueJobs, SeedFileError

ROLE = "arn:aws:iam::123456789012:role/etl"


def values(name: str = "nightly", **attributes: Any) -> dict[str, Any]:
    return {
        "name": name,
        "role_arn": ROLE,
        "command": [{"name": "glueetl", "script_location": f"s3://b/{name}.py", "python_version": "3", "runtime": None}],
        "execution_property": [{"max_concurrent_runs": 1}],
        "max_retries": 0,
        "timeout": None,
        "default_arguments": None,
        "tags": None,
        "tags_all": {},
        **attributes,
    }


def resource(address: str, attributes: dict[str, Any], kind: str = "aws_glue_job", **extra: Any) -> dict[str, Any]:
    return {"address": address, "mode": "managed", "type": kind, "name": address.split(".")[-1],
            "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": attributes, **extra}


def plan(folder: Path, resources: list[dict[str, Any]], children: list[dict[str, Any]] = (), *, state: bool = False, **top: Any) -> Path:  # type: ignore[assignment]
    module = {"root_module": {"resources": resources, "child_modules": list(children)}}
    content = {"format_version": "1.2", "terraform_version": "1.9.5", ("values" if state else "planned_values"): module, **top}
    path = folder / "plan.json"
    path.write_text(json.dumps(content))
    return path


def refused(glue_jobs: GlueJobs, path: Path) -> str:
    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path)
    assert glue_jobs.jobs() == {}
    return str(error.value)


def test_attributes_map_as_the_provider_sends_them(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    attributes = values(
        description="d", glue_version="4.0", worker_type="G.2X", number_of_workers=4, max_capacity=8.0,
        timeout=60, max_retries=2, default_arguments={"--a": "1"}, non_overridable_arguments={"--b": "2"},
        connections=["vpc"], execution_class="STANDARD", job_run_queuing_enabled=True, maintenance_window="Sun:1",
        notification_property=[{"notify_delay_after": 5}], security_configuration="sc", job_mode="SCRIPT",
        source_control_details=[{"provider": "GITHUB", "repository": "etl", "owner": "acme", "auth_strategy": "PERSONAL_ACCESS_TOKEN", "auth_token": "t", "branch": "", "folder": None, "last_commit_id": None}],
        tags={"team": "data"}, tags_all={"team": "data", "env": "prod"},
    )

    job = glue_jobs.load(plan(tmp_path, [resource("aws_glue_job.nightly", attributes)]))["nightly"]

    assert job["Role"] == ROLE
    assert (job["WorkerType"], job["NumberOfWorkers"], job["MaxCapacity"]) == ("G.2X", 4, 8.0)  # max_capacity not sent
    assert job["Connections"] == {"Connections": ["vpc"]}
    assert job["NotificationProperty"] == {"NotifyDelayAfter": 5}
    assert job["SourceControlDetails"] == {"Provider": "GITHUB", "Repository": "etl", "Owner": "acme", "AuthStrategy": "PERSONAL_ACCESS_TOKEN", "AuthToken": "t"}
    assert job["JobRunQueuingEnabled"] is True
    assert glue_jobs.service.data.regions["us-east-1"].tags["nightly"] == {"team": "data", "env": "prod"}  # tags_all


def test_the_providers_defaults_and_unsent_zeros(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    attributes = values(command=[{"script_location": "s3://b/n.py"}], execution_property=[], max_retries=0, timeout=0, description="")

    job = glue_jobs.load(plan(tmp_path, [resource("aws_glue_job.nightly", attributes)]))["nightly"]

    assert job["Command"]["Name"] == "glueetl"  # command.name defaults to glueetl
    assert job["ExecutionProperty"] == {"MaxConcurrentRuns": 1}
    assert "Description" not in job and job["Timeout"] == 2880  # zero and empty are not sent


def test_jobs_of_child_modules_and_counted_resources(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    child = {"address": "module.etl", "resources": [resource('module.etl.aws_glue_job.this["a"]', values("a"), index="a")],
             "child_modules": [{"address": "module.etl.module.deep", "resources": [resource("module.etl.module.deep.aws_glue_job.this[0]", values("deep"))]}]}
    data = resource("data.aws_glue_job.x", values("ignored"), mode="data")

    loaded = glue_jobs.load(plan(tmp_path, [resource("aws_glue_job.root", values("root")), data], [child]))

    assert sorted(loaded) == ["a", "deep", "root"]


def test_a_state_loads_as_a_plan_does(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    # A state holds what the service computed: MaxCapacity beside the workers, the ARN, the id.
    attributes = values(worker_type="G.1X", number_of_workers=2, max_capacity=2.0, arn="arn:aws:glue:us-east-1:123456789012:job/nightly", id="nightly", glue_version="4.0")

    job = glue_jobs.load(plan(tmp_path, [resource("aws_glue_job.nightly", attributes)], state=True))["nightly"]

    assert job["MaxCapacity"] == 2.0


def test_a_ray_job_is_sent_without_timeout(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    attributes = values(command=[{"name": "glueray", "script_location": "s3://b/r.py", "runtime": "Ray2.4"}], worker_type="Z.2X", number_of_workers=2, timeout=2880, glue_version="4.0")

    job = glue_jobs.load(plan(tmp_path, [resource("aws_glue_job.ray", attributes)]))["nightly"]

    assert job["Command"]["Runtime"] == "Ray2.4"


def test_values_known_only_after_apply_are_named(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    attributes = values(role_arn=None, default_arguments={"--a": "1"})
    change = {"address": "aws_glue_job.nightly", "change": {"actions": ["create"], "after_unknown": {
        "role_arn": True, "arn": True, "id": True, "glue_version": True, "default_arguments": {"--bucket": True},
        "command": [{"script_location": True}],
    }}}

    message = refused(glue_jobs, plan(tmp_path, [resource("aws_glue_job.nightly", attributes)], resource_changes=[change]))

    assert message.startswith(f"Terraform plan {tmp_path / 'plan.json'}: 3 problems; nothing was loaded:")
    assert "aws_glue_job.nightly: role_arn is known only after apply (the plan shows '(known after apply)')" in message
    assert "aws_glue_job.nightly: default_arguments.--bucket is known only after apply" in message
    assert "aws_glue_job.nightly: command[0].script_location is known only after apply" in message
    assert "glue_version" not in message  # the service's default applies, as after apply


def test_one_name_in_two_modules(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    child = {"address": "module.copy", "resources": [resource("module.copy.aws_glue_job.nightly", values())]}

    message = refused(glue_jobs, plan(tmp_path, [resource("aws_glue_job.nightly", values())], [child]))

    assert message.endswith("module.copy.aws_glue_job.nightly: job 'nightly' is also defined by aws_glue_job.nightly")


def test_rules_name_the_address(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    attributes = values(worker_type="G.1X", number_of_workers=300, glue_version="4.0")

    message = refused(glue_jobs, plan(tmp_path, [resource("module.etl.aws_glue_job.big", attributes)]))

    assert message.endswith(
        "module.etl.aws_glue_job.big: To use Worker Type G.1X, maximum allowed value of Number of Workers is 299. (got NumberOfWorkers 300)"
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"schema_version": 1}, "schema_version 1 of aws_glue_job is a provider layout this reader does not know (0); its attributes may mean something else"),
        ({"values": None}, "has no values (an object of attributes)"),
        ({"values": values(command={"script_location": "s3://b/x.py"})}, "command is {'script_location': 's3://b/x.py'}, where the provider writes a list of one block: another provider layout?"),
        ({"values": values(command=[])}, "command is required and has no block"),
        ({"values": {**values(), "name": None}}, "name is required and has no value"),
    ],
)
def test_other_provider_layouts(glue_jobs: GlueJobs, tmp_path: Path, change: dict[str, Any], problem: str) -> None:
    item = {**resource("aws_glue_job.nightly", values()), **change}

    assert refused(glue_jobs, plan(tmp_path, [item])).endswith(f"aws_glue_job.nightly: {problem}")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ({"format_version": "2.0", "values": {}}, "format_version '2.0' is a layout this reader does not know (it reads 1.x"),
        ({"format_version": "1.0", "terraform_version": "1.9.5"}, "holds neither planned_values (a plan) nor values (a state)"),
    ],
)
def test_other_terraform_layouts(glue_jobs: GlueJobs, tmp_path: Path, content: dict[str, Any], problem: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(content))

    assert problem in refused(glue_jobs, path)


def test_triggers_are_read_and_checked(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    trigger = {"name": "nightly", "type": "SCHEDULED", "schedule": "cron(0 2 * * ? *)", "enabled": True,
               "actions": [{"job_name": "nightly", "arguments": {"--a": "1"}, "timeout": 0, "notification_property": []}],
               "predicate": [], "event_batching_condition": []}
    bad = copy.deepcopy(trigger)
    bad["type"] = "SOMETIMES"

    assert list(glue_jobs.load(plan(tmp_path, [resource("aws_glue_job.nightly", values()), resource("aws_glue_trigger.nightly", trigger, kind="aws_glue_trigger")]))) == ["nightly"]
    message = refused(GlueJobs(), plan(tmp_path, [resource("aws_glue_trigger.bad", bad, kind="aws_glue_trigger")]))
    assert "aws_glue_trigger.bad: Value 'SOMETIMES' at 'Type' failed to satisfy constraint" in message
