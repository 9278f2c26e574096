"""The nine trigger operations through a boto3 client: definitions, states, validation, paging, tags."""

from __future__ import annotations

from typing import Any

import pytest
from support import error_of, told
from support.wire_shapes import shape_problems, structure

DAILY = "cron(0 2 * * ? *)"
SUCCEEDED = {"LogicalOperator": "EQUALS", "JobName": "extract", "State": "SUCCEEDED"}
ON_SUCCESS: dict[str, Any] = {"Logical": "AND", "Conditions": [SUCCEEDED]}


@pytest.fixture
def jobs(make_job: Any) -> None:
    for name in ("extract", "load", "report"):
        make_job(name)


def scheduled(glue: Any, name: str = "nightly", **fields: Any) -> Any:
    params = {"Name": name, "Type": "SCHEDULED", "Schedule": DAILY, "Actions": [{"JobName": "extract"}], **fields}
    return glue.create_trigger(**params)


def conditional(glue: Any, name: str = "then-load", **fields: Any) -> Any:
    params = {"Name": name, "Type": "CONDITIONAL", "Predicate": ON_SUCCESS, "Actions": [{"JobName": "load"}], **fields}
    return glue.create_trigger(**params)


# -- CreateTrigger and GetTrigger ----------------------------------------------------------------


@pytest.mark.usefixtures("jobs")
def test_a_created_trigger_reads_back_as_given_with_its_state(glue: Any) -> None:
    action = {"JobName": "extract", "Arguments": {"--day": "today"}, "Timeout": 30, "NotificationProperty": {"NotifyDelayAfter": 5}}
    assert scheduled(glue, Description="nightly load", Actions=[action])["Name"] == "nightly"

    trigger = glue.get_trigger(Name="nightly")["Trigger"]

    assert trigger == {
        "Name": "nightly",
        "Type": "SCHEDULED",
        "State": "CREATED",
        "Description": "nightly load",
        "Schedule": DAILY,
        "Actions": [action],
    }
    assert shape_problems(structure("Trigger"), trigger, parsed=True) == []


@pytest.mark.usefixtures("jobs")
@pytest.mark.parametrize(("kind", "fields", "state"), [
    ("SCHEDULED", {"Schedule": DAILY, "StartOnCreation": True}, "ACTIVATED"),
    ("CONDITIONAL", {"Predicate": ON_SUCCESS, "StartOnCreation": True}, "ACTIVATED"),
    ("CONDITIONAL", {"Predicate": ON_SUCCESS, "StartOnCreation": False}, "CREATED"),
    ("ON_DEMAND", {}, "CREATED"),
    ("EVENT", {"WorkflowName": "wf", "EventBatchingCondition": {"BatchSize": 5, "BatchWindow": 60}}, "CREATED"),
])
def test_start_on_creation_activates_scheduled_and_conditional_triggers(glue: Any, kind: str, fields: dict[str, Any], state: str) -> None:
    glue.create_trigger(Name="t", Type=kind, Actions=[{"JobName": "load"}], **fields)

    assert glue.get_trigger(Name="t")["Trigger"]["State"] == state


@pytest.mark.usefixtures("jobs")
def test_a_duplicate_name_is_already_exists_and_changes_nothing(glue: Any) -> None:
    scheduled(glue)

    with pytest.raises(glue.exceptions.AlreadyExistsException) as caught:
        glue.create_trigger(Name="nightly", Type="ON_DEMAND", Actions=[{"JobName": "load"}])

    assert error_of(caught).message == "Trigger nightly already exists."
    assert glue.get_trigger(Name="nightly")["Trigger"]["Type"] == "SCHEDULED"


def test_an_unknown_trigger_is_entity_not_found(glue: Any) -> None:
    for call in (glue.get_trigger, glue.start_trigger, glue.stop_trigger):
        with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
            call(Name="missing")
        assert error_of(caught).message == "Trigger missing not found."
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue.update_trigger(Name="missing", TriggerUpdate={"Actions": [{"JobName": "x"}]})


INVALID = [
    # (fields, the message or a part of it)
    ({"Type": "SCHEDULED"}, "a SCHEDULED trigger needs a Schedule"),
    ({"Type": "SCHEDULED", "Schedule": "cron(0 2 * * *)"}, "it has 5 fields; Glue's cron takes 6"),
    ({"Type": "SCHEDULED", "Schedule": "cron(0 2 * * * *)"}, "one of the two must be '?'"),
    ({"Type": "SCHEDULED", "Schedule": "cron(* * * * ? *)"}, "rates faster than every 5 minutes"),
    ({"Type": "SCHEDULED", "Schedule": "rate(1 day)"}, "cron expressions only, not rate()"),
    ({"Type": "SCHEDULED", "Schedule": "cron(0 25 * * ? *)"}, "Hours '25': 25 is outside 0-23"),
    ({"Type": "SCHEDULED", "Schedule": "cron(0 2 ? * 2#6 *)"}, "week of the month, 1-5"),
    ({"Type": "ON_DEMAND", "Schedule": DAILY}, "Schedule is only for SCHEDULED triggers"),
    ({"Type": "CONDITIONAL"}, "Predicate cannot be null or empty"),
    ({"Type": "CONDITIONAL", "Predicate": {"Conditions": []}}, "Predicate cannot be null or empty"),
    ({"Type": "ON_DEMAND", "Predicate": ON_SUCCESS}, "Predicate is only for CONDITIONAL triggers"),
    ({"Type": "CONDITIONAL", "Predicate": {"Conditions": [{"JobName": "extract", "State": "SUCCEEDED"}]}}, "Logical operator cannot be null or empty"),
    ({"Type": "CONDITIONAL", "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "extract"}]}}, "State cannot be null or empty, choose from one of the following job state: [SUCCEEDED, STOPPED, FAILED, TIMEOUT]"),
    ({"Type": "CONDITIONAL", "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "extract", "State": "RUNNING"}]}}, "choose from one of the following job state"),
    ({"Type": "CONDITIONAL", "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS"}]}}, "JobName or CrawlerName in condition cannot be null or empty"),
    ({"Type": "CONDITIONAL", "Predicate": {"Conditions": [SUCCEEDED, {"LogicalOperator": "EQUALS", "JobName": "report", "State": "FAILED"}]}}, "Predicate.Logical is required with 2 conditions"),
    ({"Type": "CONDITIONAL", "Predicate": ON_SUCCESS, "Actions": [{"JobName": "extract"}]}, "Job cannot be a Predicate and Action for Conditional Trigger."),
    ({"Type": "ON_DEMAND", "StartOnCreation": True}, "StartOnCreation is supported for SCHEDULED and CONDITIONAL triggers only"),
    ({"Type": "EVENT"}, "needs a WorkflowName"),
    ({"Type": "ON_DEMAND", "EventBatchingCondition": {"BatchSize": 1}}, "EventBatchingCondition is only for EVENT triggers"),
    ({"Type": "ON_DEMAND", "Actions": []}, "Actions is empty"),
    ({"Type": "ON_DEMAND", "Actions": [{}]}, "names neither a JobName nor a CrawlerName"),
    ({"Type": "ON_DEMAND", "Actions": [{"JobName": "load", "CrawlerName": "c"}]}, "Both JobName and CrawlerName cannot be set together in an action"),
    ({"Type": "ON_DEMAND", "Actions": [{"JobName": "load", "Timeout": 10081}]}, "action 1 (job 'load'): Timeout 10081 exceeds the maximum of 10080 minutes"),
    ({"Type": "ON_DEMAND", "Description": "x" * 2049}, "failed to satisfy constraint: Member must have length less than or equal to 2048"),
    ({"Type": "WEEKLY"}, "Member must satisfy enum value set: [SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT]"),
    ({"Type": "ON_DEMAND", "Tags": {"aws:owner": "me"}}, "the prefix 'aws:' is reserved"),
]


@pytest.mark.usefixtures("jobs")
@pytest.mark.parametrize(("fields", "expected"), INVALID)
def test_invalid_definitions_are_invalid_input_and_store_nothing(glue_jobs: Any, glue: Any, fields: dict[str, Any], expected: str) -> None:
    params = {"Name": "t", "Actions": [{"JobName": "load"}], **fields}

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.create_trigger(**params)

    assert expected in told(glue_jobs, caught)
    assert glue_jobs.triggers() == {}


@pytest.mark.usefixtures("jobs")
def test_a_message_of_the_fakes_own_names_the_trigger(glue: Any) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.create_trigger(Name="nightly", Type="SCHEDULED", Schedule="cron(0 2 * * *)", Actions=[{"JobName": "load"}])

    assert error_of(caught).message.startswith("Trigger 'nightly': Schedule 'cron(0 2 * * *)' is not a valid cron expression: ")


@pytest.mark.usefixtures("jobs")
def test_the_rules_between_members_are_answered_before_a_missing_job(glue: Any, glue_jobs: Any) -> None:
    missing = [{"JobName": "nowhere"}]
    with pytest.raises(glue.exceptions.InvalidInputException) as created:
        glue.create_trigger(Name="nightly", Type="SCHEDULED", Schedule="cron(0 2 * * *)", Actions=missing)
    scheduled(glue)
    with pytest.raises(glue.exceptions.InvalidInputException) as updated:
        glue.update_trigger(Name="nightly", TriggerUpdate={"Schedule": "cron(0 2 * * *)", "Actions": missing})

    for caught in (created, updated):
        assert "is not a valid cron expression" in error_of(caught).message
    assert glue_jobs.triggers()["nightly"]["Schedule"] == DAILY


@pytest.mark.usefixtures("jobs")
@pytest.mark.parametrize("where", ["action", "condition"])
def test_a_trigger_naming_a_job_that_does_not_exist_is_entity_not_found(glue_jobs: Any, glue: Any, where: str) -> None:
    if where == "action":
        params: dict[str, Any] = {"Type": "ON_DEMAND", "Actions": [{"JobName": "ghost"}]}
    else:
        predicate = {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "ghost", "State": "SUCCEEDED"}]}
        params = {"Type": "CONDITIONAL", "Predicate": predicate, "Actions": [{"JobName": "load"}]}

    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.create_trigger(Name="t", **params)

    assert error_of(caught).message == "Job with name: ghost not found."
    assert "which does not exist in us-east-1" in told(glue_jobs, caught)
    assert glue_jobs.triggers() == {}


@pytest.mark.usefixtures("jobs")
def test_crawlers_are_not_faked_so_a_trigger_naming_one_is_entity_not_found(glue_jobs: Any, glue: Any) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.create_trigger(Name="t", Type="ON_DEMAND", Actions=[{"CrawlerName": "raw"}])

    assert error_of(caught).message == "Crawler raw not found."
    assert "fakes jobs, not crawlers" in told(glue_jobs, caught)


@pytest.mark.usefixtures("jobs")
def test_more_than_fifty_actions_exceed_the_jobs_per_trigger_quota(glue: Any) -> None:
    with pytest.raises(glue.exceptions.ResourceNumberLimitExceededException) as caught:
        glue.create_trigger(Name="t", Type="ON_DEMAND", Actions=[{"JobName": "load"}] * 51)

    assert "at most 50 jobs" in error_of(caught).message


@pytest.mark.usefixtures("jobs")
def test_the_triggers_quota_is_settable(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.max_triggers = 1
    scheduled(glue, "first")

    with pytest.raises(glue.exceptions.ResourceNumberLimitExceededException) as caught:
        scheduled(glue, "second")

    assert "the quota of 1" in error_of(caught).message
    glue.delete_trigger(Name="first")
    scheduled(glue, "second")  # deleting frees a place
    with pytest.raises(ValueError, match="max_triggers must be a whole number >= 0"):
        glue_jobs.max_triggers = -1


# -- StartTrigger and StopTrigger ----------------------------------------------------------------


@pytest.mark.usefixtures("jobs")
def test_start_and_stop_move_a_scheduled_trigger_between_activated_and_deactivated(glue: Any) -> None:
    scheduled(glue)

    glue.start_trigger(Name="nightly")
    assert glue.get_trigger(Name="nightly")["Trigger"]["State"] == "ACTIVATED"
    glue.stop_trigger(Name="nightly")
    assert glue.get_trigger(Name="nightly")["Trigger"]["State"] == "DEACTIVATED"
    glue.start_trigger(Name="nightly")
    assert glue.get_trigger(Name="nightly")["Trigger"]["State"] == "ACTIVATED"


@pytest.mark.usefixtures("jobs")
def test_stop_is_not_allowed_unless_activated_and_start_not_when_activated(glue_jobs: Any, glue: Any) -> None:
    scheduled(glue)
    glue.create_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "load"}])

    for name in ("nightly", "now"):  # both CREATED
        with pytest.raises(glue.exceptions.InvalidInputException) as caught:
            glue.stop_trigger(Name=name)
        assert error_of(caught).message == "The operation is not allowed when trigger is in state: CREATED"
    glue.start_trigger(Name="nightly")
    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.start_trigger(Name="nightly")
    assert error_of(caught).message == "The operation is not allowed when trigger is in state: ACTIVATED"
    assert "StartTrigger needs it CREATED or DEACTIVATED" in told(glue_jobs, caught)


@pytest.mark.usefixtures("jobs")
def test_an_event_trigger_cannot_be_started(glue: Any) -> None:
    glue.create_trigger(Name="on-upload", Type="EVENT", WorkflowName="wf", Actions=[{"JobName": "load"}])

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.start_trigger(Name="on-upload")

    assert error_of(caught).message == "Trigger Type EVENT cannot be started"
    assert glue.get_trigger(Name="on-upload")["Trigger"]["State"] == "CREATED"


# -- UpdateTrigger and DeleteTrigger -------------------------------------------------------------


@pytest.mark.usefixtures("jobs")
def test_update_overwrites_the_definition_and_keeps_type_workflow_and_state(glue: Any) -> None:
    scheduled(glue, Description="old", StartOnCreation=True, WorkflowName="wf")

    updated = glue.update_trigger(Name="nightly", TriggerUpdate={"Schedule": "cron(30 3 * * ? *)", "Actions": [{"JobName": "load"}]})["Trigger"]

    assert updated == {
        "Name": "nightly", "WorkflowName": "wf", "Type": "SCHEDULED", "State": "ACTIVATED",
        "Schedule": "cron(30 3 * * ? *)", "Actions": [{"JobName": "load"}],
    }  # the Description the update left out is gone
    assert glue.get_trigger(Name="nightly")["Trigger"] == updated


@pytest.mark.usefixtures("jobs")
@pytest.mark.parametrize(("update", "expected"), [
    ({"Actions": [{"JobName": "load"}]}, "a SCHEDULED trigger needs a Schedule"),
    ({"Schedule": DAILY}, "Actions is empty"),
    ({"Name": "renamed", "Schedule": DAILY, "Actions": [{"JobName": "load"}]}, "cannot be renamed"),
    ({"Schedule": "cron(0 2 31 2 ? 1969)", "Actions": [{"JobName": "load"}]}, "Year '1969': 1969 is outside 1970-2199"),
])
def test_a_rejected_update_changes_nothing(glue: Any, update: dict[str, Any], expected: str) -> None:
    scheduled(glue)
    before = glue.get_trigger(Name="nightly")["Trigger"]

    with pytest.raises(glue.exceptions.InvalidInputException) as caught:
        glue.update_trigger(Name="nightly", TriggerUpdate=update)

    assert expected in error_of(caught).message
    assert glue.get_trigger(Name="nightly")["Trigger"] == before


@pytest.mark.usefixtures("jobs")
def test_delete_removes_the_trigger_and_its_tags_and_a_missing_one_is_no_error(glue_jobs: Any, glue: Any) -> None:
    scheduled(glue, Tags={"team": "data"})

    assert glue.delete_trigger(Name="nightly")["Name"] == "nightly"
    assert glue.delete_trigger(Name="nightly")["Name"] == "nightly"  # as documented: no error

    assert glue_jobs.triggers() == {}
    scheduled(glue)  # the name is free again, untagged
    assert glue.get_tags(ResourceArn=glue_jobs.trigger_arn("nightly"))["Tags"] == {}


# -- reading many: GetTriggers, ListTriggers, BatchGetTriggers -----------------------------------


@pytest.fixture
def several(glue: Any, jobs: None) -> None:
    scheduled(glue, "a-extract", Tags={"team": "data"})
    conditional(glue, "b-load", Tags={"team": "data", "tier": "gold"})
    glue.create_trigger(Name="c-report", Type="ON_DEMAND", Actions=[{"JobName": "report"}, {"JobName": "load"}])


@pytest.mark.usefixtures("several")
def test_lists_are_by_name_and_dependent_job_name_keeps_the_triggers_starting_it(glue: Any) -> None:
    assert glue.list_triggers()["TriggerNames"] == ["a-extract", "b-load", "c-report"]
    assert glue.list_triggers(DependentJobName="load")["TriggerNames"] == ["b-load", "c-report"]
    assert [t["Name"] for t in glue.get_triggers(DependentJobName="extract")["Triggers"]] == ["a-extract"]
    assert glue.list_triggers(Tags={"team": "data"})["TriggerNames"] == ["a-extract", "b-load"]
    assert glue.list_triggers(Tags={"team": "data"}, DependentJobName="load")["TriggerNames"] == ["b-load"]


@pytest.mark.usefixtures("several")
def test_a_dependent_job_no_trigger_starts_lists_every_trigger_as_documented(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("lonely")

    assert glue.list_triggers(DependentJobName="lonely")["TriggerNames"] == ["a-extract", "b-load", "c-report"]
    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.get_triggers(DependentJobName="ghost")
    assert error_of(caught).message == "Job with name: ghost not found."


@pytest.mark.usefixtures("several")
def test_paging_works_with_paginators_and_tokens_are_scoped(glue: Any) -> None:
    pages = list(glue.get_paginator("list_triggers").paginate(PaginationConfig={"PageSize": 2}))
    assert [page["TriggerNames"] for page in pages] == [["a-extract", "b-load"], ["c-report"]]
    pages = list(glue.get_paginator("get_triggers").paginate(PaginationConfig={"PageSize": 1}))
    assert [page["Triggers"][0]["Name"] for page in pages] == ["a-extract", "b-load", "c-report"]

    token = glue.list_triggers(MaxResults=1)["NextToken"]
    for call, params in [
        (glue.get_triggers, {}),  # another operation's token
        (glue.list_triggers, {"DependentJobName": "load"}),  # another filter's token
        (glue.get_jobs, {}),
    ]:
        with pytest.raises(glue.exceptions.InvalidInputException) as caught:
            call(NextToken=token, **params)
        assert "Invalid NextToken" in error_of(caught).message
    with pytest.raises(glue.exceptions.InvalidInputException):
        glue.list_triggers(MaxResults=201)


@pytest.mark.usefixtures("several")
def test_batch_get_answers_in_the_order_asked_and_lists_the_rest_as_not_found(glue: Any) -> None:
    answer = glue.batch_get_triggers(TriggerNames=["c-report", "ghost", "a-extract", "c-report"])

    assert [trigger["Name"] for trigger in answer["Triggers"]] == ["c-report", "a-extract"]
    assert answer["TriggersNotFound"] == ["ghost"]


# -- tags on trigger ARNs ------------------------------------------------------------------------


@pytest.mark.usefixtures("several")
def test_tags_on_a_trigger_arn_are_the_ones_create_and_list_use(glue_jobs: Any, glue: Any) -> None:
    arn = glue_jobs.trigger_arn("c-report")
    assert arn == "arn:aws:glue:us-east-1:123456789012:trigger/c-report"

    glue.tag_resource(ResourceArn=arn, TagsToAdd={"team": "data"})
    glue.untag_resource(ResourceArn=glue_jobs.trigger_arn("b-load"), TagsToRemove=["tier"])

    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"team": "data"}
    assert glue.get_tags(ResourceArn=glue_jobs.trigger_arn("b-load"))["Tags"] == {"team": "data"}
    assert glue.list_triggers(Tags={"team": "data"})["TriggerNames"] == ["a-extract", "b-load", "c-report"]
    assert glue.get_tags(ResourceArn=glue_jobs.job_arn("load"))["Tags"] == {}  # a job of the same name is apart
    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.get_tags(ResourceArn=glue_jobs.trigger_arn("ghost"))
    assert "Trigger ghost not found." in error_of(caught).message


def test_every_trigger_response_matches_botocores_output_shapes(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract")
    scheduled(glue, StartOnCreation=True)
    for operation, response in [
        ("GetTrigger", glue.get_trigger(Name="nightly")),
        ("GetTriggers", glue.get_triggers()),
        ("ListTriggers", glue.list_triggers()),
        ("BatchGetTriggers", glue.batch_get_triggers(TriggerNames=["nightly", "x"])),
        ("UpdateTrigger", glue.update_trigger(Name="nightly", TriggerUpdate={"Schedule": DAILY, "Actions": [{"JobName": "extract"}]})),
        ("StopTrigger", glue.stop_trigger(Name="nightly")),
        ("StartTrigger", glue.start_trigger(Name="nightly")),
        ("DeleteTrigger", glue.delete_trigger(Name="nightly")),
    ]:
        response.pop("ResponseMetadata")
        output = structure(f"{operation}Response")
        assert shape_problems(output, response, parsed=True) == [], operation
    assert "Id" not in glue_jobs.calls_of("GetTrigger")[0].response["Trigger"]
