"""Triggers from where they are defined: AWS::Glue::Trigger and aws_glue_trigger seeded after the
document's jobs by CreateTrigger's own checks, every problem listed, all or nothing; those a deploy
starts are activated and fire by the test's clock."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from support import UTC, travel

from pytest_gluejobs import GlueJobs, SeedFileError

ROLE = "arn:aws:iam::123456789012:role/etl"
BEFORE_TWO = datetime.datetime(2024, 3, 4, 1, 0, tzinfo=UTC)
AFTER_TWO = datetime.datetime(2024, 3, 4, 2, 30, tzinfo=UTC)


# -- CloudFormation ------------------------------------------------------------------------------


def cfn_job(name: str) -> dict[str, Any]:
    return {"Type": "AWS::Glue::Job", "Properties": {
        "Name": name, "Role": ROLE, "Command": {"Name": "glueetl", "ScriptLocation": f"s3://b/{name}.py"}}}


def cfn_trigger(**properties: Any) -> dict[str, Any]:
    return {"Type": "AWS::Glue::Trigger", "Properties": properties}


def template(folder: Path, resources: dict[str, Any], **sections: Any) -> Path:
    path = folder / "stack.template.json"
    path.write_text(json.dumps({"Resources": resources, **sections}))
    return path


def refused(glue_jobs: GlueJobs, path: Path) -> str:
    """The message of a refused load, after checking nothing at all was loaded."""
    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path)
    assert glue_jobs.jobs() == {}
    assert glue_jobs.triggers() == {}
    return str(error.value)


def test_a_templates_triggers_are_created_after_its_jobs_and_fire(glue_jobs: GlueJobs, glue: Any, tmp_path: Path) -> None:
    path = template(tmp_path, {
        "Extract": cfn_job("extract"),
        "Load": cfn_job("load"),
        "Nightly": cfn_trigger(
            Type="SCHEDULED", Schedule="cron(0 2 * * ? *)", StartOnCreation="true", Description="d",
            Tags='{"team": "data"}',  # CloudFormation's Json type: an object or a string holding one
            Actions=[{"JobName": {"Ref": "Extract"}, "Arguments": '{"--day": "today"}', "Timeout": "30",
                      "NotificationProperty": {"NotifyDelayAfter": 5}}],
        ),
        "AfterExtract": cfn_trigger(
            Name="after-extract", Type="CONDITIONAL", StartOnCreation=True,
            Predicate={"Logical": "ANY", "Conditions": [
                {"JobName": {"Ref": "Extract"}, "State": "SUCCEEDED", "LogicalOperator": "EQUALS"}]},
            Actions=[{"JobName": {"Ref": "Load"}}],
        ),
        "ByHand": cfn_trigger(Name="by-hand", Type="ON_DEMAND", Actions=[{"JobName": "load"}]),
    })
    ran: list[str] = []
    glue_jobs.run_code("extract", lambda args: ran.append(f"extract {args['day']}"))
    glue_jobs.run_code("load", lambda args: ran.append("load"))

    with travel(BEFORE_TWO, tick=False) as clock:
        assert list(glue_jobs.load(path)) == ["extract", "load"]  # the jobs, as before
        triggers = glue_jobs.triggers()
        assert {name: trigger["State"] for name, trigger in triggers.items()} == {
            "Nightly": "ACTIVATED", "after-extract": "ACTIVATED", "by-hand": "CREATED"}
        assert triggers["Nightly"]["Actions"] == [
            {"JobName": "extract", "Arguments": {"--day": "today"}, "Timeout": 30, "NotificationProperty": {"NotifyDelayAfter": 5}}]
        assert glue.get_tags(ResourceArn=glue_jobs.trigger_arn("Nightly"))["Tags"] == {"team": "data"}
        assert glue_jobs.runs() == []

        clock.move_to(AFTER_TWO)
        glue_jobs.tick()
        extract, = glue_jobs.runs("extract")
        load, = glue_jobs.runs("load")

    assert ran == ["extract today", "load"]
    assert (extract["TriggerName"], extract["StartedOn"]) == ("Nightly", datetime.datetime(2024, 3, 4, 2, 0, tzinfo=UTC))
    assert (extract["Timeout"], extract["NotificationProperty"]) == (30, {"NotifyDelayAfter": 5})
    assert load["TriggerName"] == "after-extract"


def test_a_trigger_may_start_a_job_already_in_the_region(glue_jobs: GlueJobs, glue: Any, tmp_path: Path) -> None:
    glue_jobs.add_job("legacy")
    path = template(tmp_path, {"Now": cfn_trigger(Type="ON_DEMAND", Actions=[{"JobName": "legacy"}])})

    assert list(glue_jobs.load(path)) == ["Now"]  # a document of triggers alone returns them

    glue.start_trigger(Name="Now")
    assert [run["TriggerName"] for run in glue_jobs.runs("legacy")] == ["Now"]


def test_every_problem_of_jobs_and_triggers_is_listed_and_nothing_is_loaded(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.add_job("existing")
    glue_jobs.add_trigger("taken", Actions=[{"JobName": "existing"}])
    before = (glue_jobs.jobs(), glue_jobs.triggers())
    path = template(tmp_path, {
        "Extract": {**cfn_job("extract"), "Properties": {**cfn_job("extract")["Properties"], "WorkerType": "G.1X", "NumberOfWorkers": 300}},
        "FiveFields": cfn_trigger(Type="SCHEDULED", Schedule="cron(0 2 * * *)", Actions=[{"JobName": "missing"}]),
        "Crawls": cfn_trigger(Type="ON_DEMAND", StartOnCreation=True, Actions=[{"CrawlerName": "raw"}]),
        "Loop": cfn_trigger(Type="CONDITIONAL", Actions=[{"JobName": "extract"}], Predicate={"Conditions": [
            {"JobName": "extract", "State": "SUCCEEDED"}]}),
        "Typo": cfn_trigger(Type="ON_DEMAND", Actions=[{"JobNam": "extract"}]),
        "Taken": cfn_trigger(Name="taken", Type="ON_DEMAND", Actions=[{"JobName": "existing"}]),
        "Twice": cfn_trigger(Name="twice", Type="ON_DEMAND", Actions=[{"JobName": "existing"}]),
        "Again": cfn_trigger(Name="twice", Type="ON_DEMAND", Actions=[{"JobName": "existing"}], Tags={"aws:owner": "me"}),
    })

    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path)

    lines = str(error.value).splitlines()
    assert lines[0].endswith("stack.template.json: 10 problems; nothing was loaded:")
    assert lines[1:] == [
        "  resource Extract (AWS::Glue::Job): To use Worker Type G.1X, maximum allowed value of Number of Workers is 299. (got NumberOfWorkers 300)",
        "  resource FiveFields (AWS::Glue::Trigger): Trigger 'FiveFields': Schedule 'cron(0 2 * * *)' is not a valid cron expression: it has 5 fields; Glue's cron takes 6 (Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(15 12 * * ? *)",
        "  resource FiveFields (AWS::Glue::Trigger): Job with name: missing not found. (trigger 'FiveFields': action 1 names job 'missing', which does not exist in us-east-1 or in the document)",
        "  resource Crawls (AWS::Glue::Trigger): Crawler raw not found. (trigger 'Crawls' names crawler 'raw'; pytest-gluejobs fakes jobs, not crawlers)",
        "  resource Crawls (AWS::Glue::Trigger): Trigger 'Crawls': StartOnCreation is supported for SCHEDULED and CONDITIONAL triggers only; this one is ON_DEMAND",
        "  resource Loop (AWS::Glue::Trigger): Logical operator cannot be null or empty (Trigger 'Loop': condition 1 has no LogicalOperator (EQUALS))",
        "  resource Loop (AWS::Glue::Trigger): Job cannot be a Predicate and Action for Conditional Trigger. (Trigger 'Loop': job 'extract' is both watched and started)",
        "  resource Typo (AWS::Glue::Trigger): Unknown member 'Actions[0].JobNam' (did you mean 'JobName'?): must be one of JobName, Arguments, Timeout, SecurityConfiguration, NotificationProperty, CrawlerName",
        "  resource Again (AWS::Glue::Trigger): Trigger 'twice': Tag key 'aws:owner' is not allowed: the prefix 'aws:' is reserved for AWS use",
        "  resource Taken (AWS::Glue::Trigger): trigger 'taken' already exists in us-east-1 (seeded by a hook, a marker, add_trigger or another file)",
    ]
    assert (glue_jobs.jobs(), glue_jobs.triggers()) == before


def test_two_triggers_of_one_name_are_one_problem(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = template(tmp_path, {
        "Extract": cfn_job("extract"),
        "First": cfn_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "extract"}]),
        "Second": cfn_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "extract"}]),
    })

    assert refused(glue_jobs, path).endswith(
        "resource Second (AWS::Glue::Trigger): trigger 'now' is also defined by resource First (AWS::Glue::Trigger)"
    )


def test_a_job_and_a_trigger_may_share_a_name(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = template(tmp_path, {
        "Job": cfn_job("nightly"),
        "Trigger": cfn_trigger(Name="nightly", Type="ON_DEMAND", Actions=[{"JobName": "nightly"}]),
    })

    assert list(glue_jobs.load(path)) == ["nightly"]
    assert list(glue_jobs.triggers()) == ["nightly"]


def test_the_triggers_quota_holds_for_a_whole_document(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.max_triggers = 1
    path = template(tmp_path, {
        "Extract": cfn_job("extract"),
        "First": cfn_trigger(Type="ON_DEMAND", Actions=[{"JobName": "extract"}]),
        "Second": cfn_trigger(Type="ON_DEMAND", Actions=[{"JobName": "extract"}]),
    })

    assert refused(glue_jobs, path).endswith(
        ": 2 triggers would bring us-east-1 to 2, over the quota of 1 (glue_jobs.max_triggers); nothing was loaded"
    )


def test_a_trigger_whose_condition_is_false_is_not_created(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = template(
        tmp_path,
        {"Extract": cfn_job("extract"),
         "Nightly": {**cfn_trigger(Type="SCHEDULED", Schedule="cron(0 2 * * ? *)", Actions=[{"JobName": "extract"}]),
                     "Condition": "IsProd"}},
        Parameters={"Env": {"Type": "String", "Default": "dev"}},
        Conditions={"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
    )

    glue_jobs.load(path)
    assert glue_jobs.triggers() == {}
    glue_jobs.load(path, parameters={"Env": "prod"}, region="eu-west-1")
    assert list(glue_jobs.triggers("eu-west-1")) == ["Nightly"]


def test_an_activated_schedule_fires_from_the_load_on_not_before(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = template(tmp_path, {"Extract": cfn_job("extract"), "Hourly": cfn_trigger(
        Type="SCHEDULED", Schedule="cron(0 * * * ? *)", StartOnCreation=True, Actions=[{"JobName": "extract"}])})

    with travel(BEFORE_TWO, tick=False) as clock:
        glue_jobs.load(path)
        clock.move_to(AFTER_TWO)
        started = [run["StartedOn"].hour for run in reversed(glue_jobs.runs("extract"))]

    assert started == [2]  # 02:00 only: nothing for the hours before the load


# -- Terraform -----------------------------------------------------------------------------------


def tf_job(name: str) -> dict[str, Any]:
    return tf_resource(f"aws_glue_job.{name}", "aws_glue_job", {
        "name": name, "role_arn": ROLE, "command": [{"name": "glueetl", "script_location": f"s3://b/{name}.py"}]})


def tf_trigger(name: str, **attributes: Any) -> dict[str, Any]:
    values = {"name": name, "type": "ON_DEMAND", "actions": [{"job_name": "extract"}], "enabled": True,
              "start_on_creation": None, "predicate": [], "event_batching_condition": [], "schedule": None,
              "description": None, "workflow_name": None, "tags": None, "timeouts": None, **attributes}
    return tf_resource(f"aws_glue_trigger.{name}", "aws_glue_trigger", values)


def tf_resource(address: str, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"address": address, "mode": "managed", "type": kind, "name": address.split(".")[-1],
            "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": values}


def tf_plan(folder: Path, *resources: dict[str, Any], changes: Any = ()) -> Path:
    path = folder / "plan.json"
    path.write_text(json.dumps({"format_version": "1.2", "terraform_version": "1.9.5",
                                "planned_values": {"root_module": {"resources": [tf_job("extract"), *resources]}},
                                "resource_changes": list(changes)}))
    return path


DAILY = "cron(0 2 * * ? *)"
WATCH_EXTRACT = [{"conditions": [{"job_name": "extract", "state": "SUCCEEDED", "logical_operator": "EQUALS"}], "logical": "AND"}]


@pytest.mark.parametrize(
    ("kind", "attributes", "state"),
    [
        ("SCHEDULED", {"schedule": DAILY}, "ACTIVATED"),  # enabled defaults to true
        ("SCHEDULED", {"schedule": DAILY, "enabled": False}, "CREATED"),
        ("SCHEDULED", {"schedule": DAILY, "enabled": False, "start_on_creation": True}, "ACTIVATED"),
        ("SCHEDULED", {"schedule": DAILY, "start_on_creation": False}, "ACTIVATED"),  # false is never sent
        ("CONDITIONAL", {"predicate": WATCH_EXTRACT, "actions": [{"job_name": "load"}]}, "ACTIVATED"),
        ("CONDITIONAL", {"predicate": WATCH_EXTRACT, "actions": [{"job_name": "load"}], "enabled": False}, "CREATED"),
        ("ON_DEMAND", {}, "CREATED"),
        ("EVENT", {"workflow_name": "nightly"}, "CREATED"),
    ],
)
def test_enabled_and_start_on_creation_as_the_provider_sends_them(
    glue_jobs: GlueJobs, tmp_path: Path, kind: str, attributes: dict[str, Any], state: str
) -> None:
    glue_jobs.load(tf_plan(tmp_path, tf_job("load"), tf_trigger("t", type=kind, **attributes)))

    assert glue_jobs.triggers()["t"]["State"] == state


def test_an_enabled_on_demand_trigger_starts_nothing_when_loaded(glue_jobs: GlueJobs, glue: Any, tmp_path: Path) -> None:
    glue_jobs.load(tf_plan(tmp_path, tf_trigger("now")))

    assert glue_jobs.runs() == []  # the runs of apply's StartTrigger are the deploy's
    glue.start_trigger(Name="now")
    assert [run["TriggerName"] for run in glue_jobs.runs("extract")] == ["now"]


def test_blocks_map_with_the_providers_defaults(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    trigger = tf_trigger(
        "after-extract", type="CONDITIONAL", description="then load",
        predicate=[{"conditions": [{"job_name": "extract", "state": "FAILED", "logical_operator": "EQUALS",
                                    "crawler_name": None, "crawl_state": None}], "logical": None}],
        actions=[{"job_name": "load", "arguments": {"--mode": "retry"}, "timeout": 45, "security_configuration": None,
                  "crawler_name": None, "notification_property": [{"notify_delay_after": 7}]}],
        tags={"team": "data"},
    )
    trigger["values"]["tags_all"] = {"team": "data", "managed-by": "terraform"}

    glue_jobs.load(tf_plan(tmp_path, tf_job("load"), trigger))

    loaded = glue_jobs.triggers()["after-extract"]
    assert loaded["Predicate"] == {"Logical": "AND", "Conditions": [
        {"JobName": "extract", "State": "FAILED", "LogicalOperator": "EQUALS"}]}
    assert loaded["Actions"] == [{"JobName": "load", "Arguments": {"--mode": "retry"}, "Timeout": 45,
                                  "NotificationProperty": {"NotifyDelayAfter": 7}}]
    assert loaded["Description"] == "then load"


def test_a_plans_trigger_problems_name_its_address(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    message = refused(glue_jobs, tf_plan(
        tmp_path,
        tf_trigger("nightly", type="SCHEDULED", schedule="rate(1 day)"),
        tf_trigger("watch", type="CONDITIONAL", predicate=[{"conditions": [{"job_name": "extract", "state": "RUNNING"}]}]),
    ))

    assert "aws_glue_trigger.nightly: Trigger 'nightly': Schedule 'rate(1 day)' is not a valid cron expression: Glue takes cron expressions only, not rate()" in message
    assert "aws_glue_trigger.watch: State cannot be null or empty, choose from one of the following job state: [SUCCEEDED, STOPPED, FAILED, TIMEOUT]" in message


def test_a_trigger_attribute_known_only_after_apply_is_named(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    change = {"address": "aws_glue_trigger.nightly", "change": {"actions": ["create"], "after_unknown": {
        "arn": True, "state": True, "tags_all": True, "actions": [{"job_name": True}]}}}

    message = refused(glue_jobs, tf_plan(tmp_path, tf_trigger("nightly"), changes=[change]))

    assert message.endswith(
        "aws_glue_trigger.nightly: actions[0].job_name is known only after apply (the plan shows "
        "'(known after apply)'), so the trigger cannot be seeded from this plan: load the state after "
        "apply (`terraform show -json`), or set the attribute to a value known at plan time"
    )


# -- get-triggers output through the same path ---------------------------------------------------


def test_get_triggers_output_goes_through_the_one_entry(glue_jobs: GlueJobs, glue: Any, tmp_path: Path) -> None:
    glue_jobs.add_job("extract")
    path = tmp_path / "triggers.txt"  # told by its content, or by format=
    path.write_text(json.dumps({"Triggers": [{"Name": "nightly", "Type": "SCHEDULED", "State": "ACTIVATED",
                                              "Schedule": "cron(0 * * * ? *)", "Actions": [{"JobName": "extract"}]}]}))

    with travel(BEFORE_TWO, tick=False) as clock:
        assert list(glue_jobs.load(path, format="get-triggers")) == ["nightly"]
        clock.move_to(AFTER_TWO)
        assert [run["TriggerName"] for run in glue_jobs.runs("extract")] == ["nightly"]  # as written: ACTIVATED fires

    with pytest.raises(SeedFileError, match="trigger 'nightly' already exists in us-east-1"):
        glue_jobs.load(path)
    with pytest.raises(ValueError, match="parameters are a CloudFormation template's; this file is a seed file"):
        glue_jobs.load(path, parameters={})


def test_get_triggers_output_with_every_problem(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = tmp_path / "triggers.json"
    path.write_text(json.dumps({"Triggers": [
        {"Name": "a", "Type": "SCHEDULED", "Schedule": "cron(0 2 * * *)", "Actions": [{"JobName": "x"}]},
        {"Name": "b", "Type": "WEEKLY", "Actions": [{"JobName": "x"}]},
        "c",
        {"Type": "ON_DEMAND", "Actions": [{"JobName": "x"}]},
        {"Name": "a", "Type": "ON_DEMAND", "Actions": [{"JobName": "x"}]},
    ]}))

    message = refused(glue_jobs, path)

    assert "5 problems; nothing was loaded" in message
    for expected in ("trigger 'b': Value 'WEEKLY' at 'Type' failed to satisfy constraint",
                     "entry 3 of Triggers is a JSON str, not a trigger",
                     "entry 4 has no Name",
                     "trigger 'a' appears twice (entries 1 and 5)",
                     "trigger 'a': Trigger 'a': Schedule 'cron(0 2 * * *)' is not a valid cron expression"):
        assert expected in message
