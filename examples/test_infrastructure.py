"""Jobs and triggers seeded from where they are defined: a CDK app's cloud assembly, a
CloudFormation template in YAML and a Terraform plan; the CDK job runs its own script, the stacks'
triggers fire by the test's clock; a stack AWS would refuse fails to load with every reason listed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
import time_machine

from pytest_gluejobs import GlueJobs, SeedFileError

HERE = Path(__file__).parent / "infrastructure"
CDK_STACK = HERE / "cdk.out" / "OrdersStack.template.json"
UTC = datetime.timezone.utc


@pytest.fixture
def glue(glue_jobs: GlueJobs) -> Any:
    return boto3.client("glue", region_name="us-east-1")


def test_the_cdk_job_runs_its_own_script_with_no_mapping(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.load(CDK_STACK)

    run_id = glue.start_job_run(JobName="orders-report", Arguments={"--REPORT_DAY": "2024-05-01"})["JobRunId"]

    run = glue.get_job_run(JobName="orders-report", RunId=run_id)["JobRun"]
    assert run["JobRunState"] == "SUCCEEDED"
    # --OUTPUT_BUCKET is the template's Ref to the bucket: the bucket's name.
    assert glue_jobs.run_logs(run_id).output == (
        "orders report for 01 May 2024 -> s3://reportsbucketc0ffee12/reports/2024-05-01.csv\n"
    )


def test_the_cdk_job_fails_as_its_script_does(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.load(CDK_STACK)

    run_id = glue.start_job_run(JobName="orders-report", Arguments={"--REPORT_DAY": "yesterday"})["JobRunId"]

    run = glue.get_job_run(JobName="orders-report", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run["ErrorMessage"]) == ("FAILED", "Command failed with exit code 2")


@pytest.mark.glue_stack("examples/infrastructure/cdk.out/OrdersStack.template.json")
def test_a_job_without_a_name_is_named_by_its_logical_id(glue: Any) -> None:
    job = glue.get_job(JobName="OrdersCompactionJob5A6B7C8D")["Job"]
    assert job["Role"] == "arn:aws:iam::123456789012:role/OrdersReportRoleA1B2C3D4"
    assert (job["WorkerType"], job["NumberOfWorkers"], job["MaxCapacity"]) == ("G.1X", 10, 10.0)


def test_the_cdk_stacks_nightly_trigger_starts_the_compaction_at_two(glue_jobs: GlueJobs, glue: Any) -> None:
    with time_machine.travel(datetime.datetime(2024, 5, 1, 23, 0, tzinfo=UTC), tick=False) as clock:
        glue_jobs.load(CDK_STACK)
        nightly = glue.get_trigger(Name="orders-compaction-nightly")["Trigger"]
        assert (nightly["State"], nightly["Schedule"]) == ("ACTIVATED", "cron(0 2 * * ? *)")  # StartOnCreation
        assert glue_jobs.runs() == []

        clock.move_to(datetime.datetime(2024, 5, 2, 2, 30, tzinfo=UTC))
        (run,) = glue_jobs.runs("OrdersCompactionJob5A6B7C8D")

    assert run["TriggerName"] == "orders-compaction-nightly"
    assert run["StartedOn"] == datetime.datetime(2024, 5, 2, 2, 0, tzinfo=UTC)
    assert (run["Arguments"], run["Timeout"]) == ({"--window": "1d"}, 60)


def test_a_yaml_template_with_short_tags(glue_jobs: GlueJobs) -> None:
    jobs = glue_jobs.load(HERE / "cloudformation" / "etl.yaml", parameters={"Env": "prod"})

    nightly = jobs["prod-nightly-orders"]
    assert nightly["Role"] == "arn:aws:iam::123456789012:role/glue-etl-prod"
    assert (nightly["WorkerType"], nightly["NumberOfWorkers"]) == ("G.2X", 20)
    assert nightly["DefaultArguments"]["--env"] == "prod"
    assert jobs["WeeklyCleanup"]["Command"]["ScriptLocation"] == "s3://acme-glue-scripts/cleanup.py"


def test_a_condition_leaves_a_job_out(glue_jobs: GlueJobs) -> None:
    jobs = glue_jobs.load(HERE / "cloudformation" / "etl.yaml", parameters={"Env": "dev"})

    assert list(jobs) == ["dev-nightly-orders"]  # WeeklyCleanup exists only where IsProd holds


def test_a_terraform_plan_seeds_its_jobs_from_every_module(glue_jobs: GlueJobs, glue: Any) -> None:
    glue_jobs.load(HERE / "terraform" / "plan.json")

    assert glue.list_jobs()["JobNames"] == ["prod-ingest-customers", "prod-ingest-invoices", "prod-orders-nightly"]
    nightly = glue.get_job(JobName="prod-orders-nightly")["Job"]
    assert (nightly["Timeout"], nightly["ExecutionProperty"]) == (120, {"MaxConcurrentRuns": 1})
    assert glue.list_jobs(Tags={"managed-by": "terraform"})["JobNames"][0] == "prod-ingest-customers"


def test_the_plans_triggers_run_the_nightly_chain(glue_jobs: GlueJobs, glue: Any) -> None:
    ran: list[str] = []

    def record(job: str) -> Callable[[dict[str, str]], None]:
        return lambda args: ran.append(job)

    for job in ("prod-orders-nightly", "prod-ingest-invoices", "prod-ingest-customers"):
        glue_jobs.run_code(job, record(job))
    with time_machine.travel(datetime.datetime(2024, 5, 1, 23, 0, tzinfo=UTC), tick=False) as clock:
        glue_jobs.load(HERE / "terraform" / "plan.json")
        # enabled (the provider's default) creates SCHEDULED and CONDITIONAL triggers activated
        assert {name: trigger["State"] for name, trigger in glue_jobs.triggers().items()} == {
            "prod-ingest-after-orders": "ACTIVATED",
            "prod-nightly": "ACTIVATED",
        }

        clock.move_to(datetime.datetime(2024, 5, 2, 2, 5, tzinfo=UTC))
        glue_jobs.tick()
        # read while the clock still shows that night: later, later nights fire too
        (orders,) = glue_jobs.runs("prod-orders-nightly")
        (invoices,) = glue_jobs.runs("prod-ingest-invoices")

    assert ran == ["prod-orders-nightly", "prod-ingest-invoices", "prod-ingest-customers"]
    assert (orders["TriggerName"], orders["Arguments"]) == ("prod-nightly", {"--run": "scheduled"})
    assert invoices["TriggerName"] == "prod-ingest-after-orders"
    assert invoices["PredecessorRuns"] == [{"JobName": "prod-orders-nightly", "RunId": orders["Id"]}]
    assert (invoices["Arguments"], invoices["Timeout"]) == ({"--since": "orders"}, 30)
    assert glue.list_triggers(Tags={"team": "ingest"})["TriggerNames"] == ["prod-ingest-after-orders"]


def test_the_offline_check_lists_every_problem_and_loads_nothing(glue_jobs: GlueJobs) -> None:
    with pytest.raises(SeedFileError) as refused:
        glue_jobs.load(HERE / "cloudformation" / "broken.yaml")

    message = str(refused.value)
    assert "6 problems; nothing was loaded" in message
    assert (
        "resource TooManyWorkers (AWS::Glue::Job): To use Worker Type G.1X, maximum allowed value "
        "of Number of Workers is 299. (got NumberOfWorkers 300)"
    ) in message
    assert "resource CapacityTwice (AWS::Glue::Job): Please do not set Max Capacity" in message
    assert "resource RayOnSparkWorkers (AWS::Glue::Job): Timeout 20000 exceeds the maximum" in message
    assert "resource NightlyCleanup (AWS::Glue::Trigger): Trigger 'nightly-cleanup': Schedule 'cron(0 2 * * *)'" in message
    assert "resource NightlyCleanup (AWS::Glue::Trigger): Job with name: cleanup not found." in message
    assert glue_jobs.jobs() == {}
    assert glue_jobs.triggers() == {}


# The check of a whole folder of stacks, as a suite runs it in CI.
@pytest.mark.parametrize("template", sorted(HERE.glob("*/*.template.json")), ids=lambda path: path.name)
def test_every_stack_deploys(glue_jobs: GlueJobs, template: Path) -> None:
    glue_jobs.load(template)
