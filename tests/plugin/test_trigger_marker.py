"""The glue_trigger marker, add_trigger, triggers(), seed files of triggers and the report of fires.

The marker's tests run through pytester in one subprocess: marker registration matters there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import no_plugin_frames

from pytest_gluejobs import GlueError, SeedFileError

ACTIONS = [{"JobName": "extract"}]


def test_the_marker_seeds_after_the_jobs_activates_the_fake_and_refuses_bad_seeds(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest

        pytestmark = pytest.mark.glue_job("extract")


        @pytest.mark.glue_trigger("nightly", Schedule="cron(0 2 * * ? *)", Actions=[{"JobName": "extract"}], StartOnCreation=True)
        @pytest.mark.glue_trigger("now", Actions=[{"JobName": "extract"}])
        def test_marker_alone_activates_the_fake():
            glue = boto3.client("glue", region_name="us-east-1")
            nightly = glue.get_trigger(Name="nightly")["Trigger"]
            assert (nightly["Type"], nightly["State"]) == ("SCHEDULED", "ACTIVATED")
            assert glue.get_trigger(Name="now")["Trigger"]["Type"] == "ON_DEMAND"


        @pytest.mark.glue_trigger("bad", Schedule="cron(0 2 * * *)", Actions=[{"JobName": "extract"}])
        def test_an_invalid_seed_errors_at_setup():
            pass


        @pytest.mark.glue_trigger("orphan", Actions=[{"JobName": "ghost"}])
        def test_a_trigger_of_a_missing_job_errors_at_setup():
            pass
        """
    )
    pytester.makepyfile(
        test_typo="""
        import pytest

        @pytest.mark.glue_triger("typo", Actions=[{"JobName": "extract"}])
        def test_a_near_miss_is_a_collection_error():
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--continue-on-collection-errors")

    result.assert_outcomes(passed=1, errors=3)
    result.stdout.fnmatch_lines([
        "*@pytest.mark.glue_triger on *: did you mean @pytest.mark.glue_trigger? * so the test would run without its trigger*",
        "*@pytest.mark.glue_trigger('bad', *) could not seed the trigger: InvalidInputException: Trigger 'bad': Schedule 'cron(0 2 * * *)' is not a valid cron expression: it has 5 fields*",
        "*could not seed the trigger: EntityNotFoundException: Job with name: ghost not found.*",
    ])
    no_plugin_frames(result.stdout.str())


def test_add_trigger_infers_the_type_and_returns_the_trigger_as_get_trigger_does(glue_jobs: Any) -> None:
    glue_jobs.add_job("extract")
    glue_jobs.add_job("report")

    scheduled = glue_jobs.add_trigger("nightly", Schedule="cron(0 2 * * ? *)", Actions=ACTIONS)
    conditional = glue_jobs.add_trigger(
        "after", Predicate={"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "extract", "State": "FAILED"}]},
        Actions=[{"JobName": "report", "Arguments": {"--retry": "yes"}}],
    )
    on_demand = glue_jobs.add_trigger("now", Actions=ACTIONS, Description="by hand")

    assert (scheduled["Type"], conditional["Type"], on_demand["Type"]) == ("SCHEDULED", "CONDITIONAL", "ON_DEMAND")
    assert list(glue_jobs.triggers()) == ["after", "nightly", "now"]
    assert glue_jobs.triggers()["now"] == on_demand
    assert glue_jobs.calls == []  # seeding sends nothing


def test_add_trigger_refuses_what_create_trigger_would(glue_jobs: Any) -> None:
    glue_jobs.add_job("extract")
    with pytest.raises(GlueError, match="Trigger 'now': StartOnCreation is supported for SCHEDULED and CONDITIONAL"):
        glue_jobs.add_trigger("now", Actions=ACTIONS, StartOnCreation=True)
    with pytest.raises(TypeError, match="give the trigger name once"):
        glue_jobs.add_trigger("now", Name="now", Actions=ACTIONS)
    with pytest.raises(ValueError, match="NaN"):
        glue_jobs.add_trigger("now", Actions=[{"JobName": "extract", "Timeout": float("nan")}])
    with pytest.raises(TypeError, match="is not JSON data"):
        glue_jobs.add_trigger("now", Actions=[{"JobName": "extract"}], Description=object())
    assert glue_jobs.triggers() == {}


def get_triggers_output(**state: str) -> dict[str, Any]:
    """What `aws glue get-triggers` prints for two triggers."""
    return {
        "Triggers": [
            {"Name": "nightly", "Type": "SCHEDULED", "State": state.get("nightly", "ACTIVATED"), "Schedule": "cron(0 2 * * ? *)", "Actions": ACTIONS},
            {"Name": "now", "Type": "ON_DEMAND", "State": "CREATED", "Actions": ACTIONS, "Tags": {"team": "data"}},
        ],
        "NextToken": "abc",
    }


def test_load_reads_get_triggers_output_as_written(glue_jobs: Any, glue: Any, tmp_path: Path) -> None:
    glue_jobs.add_job("extract")
    seed = tmp_path / "triggers.json"
    seed.write_text(json.dumps(get_triggers_output()))

    loaded = glue_jobs.load(seed)

    assert list(loaded) == ["nightly", "now"]
    assert glue.get_trigger(Name="nightly")["Trigger"]["State"] == "ACTIVATED"
    assert glue.list_triggers(Tags={"team": "data"})["TriggerNames"] == ["now"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"Trigger": {"Name": "single", "Type": "ON_DEMAND", "Actions": ACTIONS}}))
    assert glue_jobs.load(one)["single"]["State"] == "CREATED"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda doc: doc["Triggers"][0].update(Schedule="cron(0 2 * * *)"), "trigger 'nightly': Trigger 'nightly': Schedule"),
    (lambda doc: doc["Triggers"][1].update(Name="nightly"), "trigger 'nightly' appears twice (entries 1 and 2)"),
    (lambda doc: doc["Triggers"][0].pop("Type"), "Member 'Type' is missing"),
    (lambda doc: doc["Triggers"][0].update(State="SLEEPING"), "Member must satisfy enum value set"),
    (lambda doc: doc.update(Jobs=[]), "expected what `aws glue get-triggers`"),
])
def test_a_bad_seed_file_of_triggers_loads_nothing(glue_jobs: Any, tmp_path: Path, change: Any, expected: str) -> None:
    glue_jobs.add_job("extract")
    document = get_triggers_output()
    change(document)
    seed = tmp_path / "triggers.json"
    seed.write_text(json.dumps(document))

    with pytest.raises(SeedFileError) as caught:
        glue_jobs.load(seed)

    assert expected in str(caught.value)
    assert str(seed) in str(caught.value)
    assert glue_jobs.triggers() == {}


def test_a_seed_over_the_triggers_quota_loads_nothing(glue_jobs: Any, tmp_path: Path) -> None:
    glue_jobs.add_job("extract")
    glue_jobs.max_triggers = 1
    seed = tmp_path / "triggers.json"
    seed.write_text(json.dumps(get_triggers_output()))

    with pytest.raises(SeedFileError, match="over the quota of 1"):
        glue_jobs.load(seed)
    assert glue_jobs.triggers() == {}


def test_a_failing_tests_report_shows_which_trigger_started_which_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.glue_job("extract")
        @pytest.mark.glue_trigger("now", Actions=[{"JobName": "extract"}])
        def test_fails(glue_client, glue_jobs):
            glue_client.start_trigger(Name="now")
            run_id = glue_jobs.runs("extract")[0]["Id"]
            assert run_id == "something else"
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*1. StartTrigger(Name='now') in us-east-1 -> ok",
        "Triggers fired:",
        "  now (StartTrigger, * UTC, us-east-1) -> run jr_* of job extract",
    ])


def test_an_aio_client_creates_gets_and_starts_triggers(glue_jobs: Any) -> None:
    import asyncio

    session = pytest.importorskip("aiobotocore.session")
    glue_jobs.add_job("extract")

    async def scenario() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        async with session.get_session().create_client("glue", region_name="us-east-1") as glue:
            await glue.create_trigger(Name="now", Type="ON_DEMAND", Actions=ACTIONS)
            trigger = (await glue.get_trigger(Name="now"))["Trigger"]
            await glue.start_trigger(Name="now")
            runs = (await glue.get_job_runs(JobName="extract"))["JobRuns"]
            return trigger, runs

    trigger, runs = asyncio.run(scenario())

    assert trigger["State"] == "CREATED"
    assert [run["TriggerName"] for run in runs] == ["now"]
