"""Triggers that fire: on demand, by the test's clock, and when the jobs they watch end."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from support import UTC, error_of, freeze_time, told, travel

DAILY = "cron(0 2 * * ? *)"
NIGHT_BEFORE = datetime.datetime(2024, 3, 4, 1, 59, tzinfo=UTC)
AFTER_TWO = datetime.datetime(2024, 3, 4, 2, 1, tzinfo=UTC)


def when(glue_state: str, job: str) -> dict[str, Any]:
    """A predicate watching one job for one state."""
    return {"Conditions": [{"LogicalOperator": "EQUALS", "JobName": job, "State": glue_state}]}


def states(glue_jobs: Any, job: str) -> list[str]:
    return [run["JobRunState"] for run in reversed(glue_jobs.runs(job))]


# -- ON_DEMAND -----------------------------------------------------------------------------------


def test_start_trigger_starts_one_run_per_action_with_the_actions_settings(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract", DefaultArguments={"--day": "default", "--env": "prod"}, Timeout=60)
    glue_jobs.add_job("load")
    glue.create_trigger(
        Name="now",
        Type="ON_DEMAND",
        Actions=[
            {"JobName": "extract", "Arguments": {"--day": "2024-03-04"}, "Timeout": 15, "NotificationProperty": {"NotifyDelayAfter": 3}},
            {"JobName": "load"},
        ],
    )

    glue.start_trigger(Name="now")

    (extract,) = glue_jobs.runs("extract")
    run = glue.get_job_run(JobName="extract", RunId=extract["Id"])["JobRun"]
    assert run["TriggerName"] == "now"
    assert run["Arguments"] == {"--day": "2024-03-04"}
    assert run["Timeout"] == 15
    assert run["NotificationProperty"] == {"NotifyDelayAfter": 3}
    assert run["PredecessorRuns"] == []
    assert [run["TriggerName"] for run in glue_jobs.runs("load")] == ["now"]
    assert glue.get_trigger(Name="now")["Trigger"]["State"] == "CREATED"  # on-demand triggers stay CREATED


def test_an_on_demand_run_executes_the_jobs_code_with_the_merged_arguments(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract", DefaultArguments={"--day": "default", "--env": "prod"}, NonOverridableArguments={"--env": "prod"})
    seen: list[dict[str, str]] = []
    glue_jobs.run_code("extract", seen.append)
    glue.create_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "extract", "Arguments": {"--day": "today", "--env": "dev"}}])

    glue.start_trigger(Name="now")

    assert seen[0]["day"] == "today"
    assert seen[0]["env"] == "prod"  # a trigger's argument never overrides a non-overridable one
    assert states(glue_jobs, "extract") == ["SUCCEEDED"]


def test_runs_a_trigger_started_follow_run_states(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract")
    glue_jobs.run_states("extract", "RUNNING", "FAILED", error_message="boom")
    glue.create_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "extract"}])
    glue.start_trigger(Name="now")
    run_id = glue_jobs.runs("extract")[0]["Id"]

    seen = [glue.get_job_run(JobName="extract", RunId=run_id)["JobRun"]["JobRunState"] for _ in range(2)]

    assert seen == ["RUNNING", "FAILED"]


def test_start_trigger_into_a_full_job_is_concurrent_runs_exceeded_and_starts_nothing(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract")
    glue_jobs.add_job("load", ExecutionProperty={"MaxConcurrentRuns": 1})
    glue.create_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "extract"}, {"JobName": "load"}, {"JobName": "load"}])

    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException) as caught:
        glue.start_trigger(Name="now")

    assert error_of(caught).message == "Concurrent runs exceeded for load"
    assert "would start 2 run(s) of job 'load', which has 1 free slot(s)" in told(glue_jobs, caught)
    assert glue_jobs.runs() == []  # all or nothing


def test_start_trigger_of_a_deleted_job_is_entity_not_found(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract")
    glue.create_trigger(Name="now", Type="ON_DEMAND", Actions=[{"JobName": "extract"}])
    glue.delete_job(JobName="extract")  # the trigger still names it, as on AWS

    with pytest.raises(glue.exceptions.EntityNotFoundException) as caught:
        glue.start_trigger(Name="now")

    assert error_of(caught).message == "Job with name: extract not found."
    assert glue.get_trigger(Name="now")["Trigger"]["Actions"] == [{"JobName": "extract"}]


# -- SCHEDULED -----------------------------------------------------------------------------------


def test_a_scheduled_trigger_fires_when_the_frozen_clock_passes_its_time(glue_jobs: Any, glue: Any) -> None:
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("extract")
        glue.create_trigger(Name="nightly", Type="SCHEDULED", Schedule=DAILY, Actions=[{"JobName": "extract"}], StartOnCreation=True)
        assert glue.get_job_runs(JobName="extract")["JobRuns"] == []

        clock.move_to(AFTER_TWO)
        runs = glue.get_job_runs(JobName="extract")["JobRuns"]

    assert [(run["TriggerName"], run["StartedOn"]) for run in runs] == [("nightly", datetime.datetime(2024, 3, 4, 2, 0, tzinfo=UTC))]


def test_freezegun_drives_schedules_too_and_tick_fires_without_a_call(glue_jobs: Any) -> None:
    with freeze_time("2024-03-04 01:59:00") as frozen:
        glue_jobs.add_job("extract")
        glue_jobs.add_trigger("nightly", Schedule=DAILY, Actions=[{"JobName": "extract"}], StartOnCreation=True)
        frozen.move_to("2024-03-04 02:00:00")
        glue_jobs.tick()
        count = len(glue_jobs.calls)
        started = glue_jobs.runs("extract")

    assert count == 0  # seeding and tick() send nothing
    assert [run["StartedOn"].isoformat() for run in started] == ["2024-03-04T02:00:00+00:00"]


def test_a_created_or_stopped_schedule_does_not_fire(glue_jobs: Any, glue: Any) -> None:
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("extract")
        glue_jobs.add_trigger("created", Schedule=DAILY, Actions=[{"JobName": "extract"}])
        glue_jobs.add_trigger("stopped", Schedule=DAILY, Actions=[{"JobName": "extract"}], StartOnCreation=True)
        glue.stop_trigger(Name="stopped")
        clock.move_to(AFTER_TWO)

        assert glue_jobs.runs() == []
        glue.start_trigger(Name="stopped")  # activated now: fires from now on, not for 02:00
        assert glue_jobs.runs() == []
        clock.move_to(AFTER_TWO + datetime.timedelta(days=1))
        assert len(glue_jobs.runs()) == 1


def test_a_week_jump_starts_each_nights_run_in_order_each_running_its_code_first(glue_jobs: Any) -> None:
    seen: list[str] = []
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("extract")
        glue_jobs.run_code("extract", lambda args: seen.append(args["JOB_RUN_ID"]))
        glue_jobs.add_trigger("nightly", Schedule=DAILY, Actions=[{"JobName": "extract"}], StartOnCreation=True)
        clock.move_to(AFTER_TWO + datetime.timedelta(days=6))
        runs = list(reversed(glue_jobs.runs("extract")))

    assert [run["StartedOn"].day for run in runs] == [4, 5, 6, 7, 8, 9, 10]
    assert [run["JobRunState"] for run in runs] == ["SUCCEEDED"] * 7  # one slot, freed before each next night
    assert seen == [run["Id"] for run in runs]


def test_a_fire_into_a_full_job_records_a_failed_run_as_glue_does(glue_jobs: Any) -> None:
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("extract")  # no code, nobody reads it: its first run never finishes
        glue_jobs.add_trigger("nightly", Schedule=DAILY, Actions=[{"JobName": "extract"}], StartOnCreation=True)
        clock.move_to(AFTER_TWO + datetime.timedelta(days=1))
        runs = list(reversed(glue_jobs.runs("extract")))

    assert [(run["JobRunState"], run.get("ErrorMessage")) for run in runs] == [
        ("STARTING", None),
        ("FAILED", "Max concurrent runs exceeded"),
    ]
    assert runs[1]["TriggerName"] == "nightly"


def test_a_long_jump_starts_only_the_latest_fire_times_and_says_how_many_were_left_out(glue_jobs: Any) -> None:
    glue_jobs.max_catch_up = 5
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("poll", ExecutionProperty={"MaxConcurrentRuns": 10})
        glue_jobs.add_trigger("every-5", Schedule="cron(0/5 * * * ? *)", Actions=[{"JobName": "poll"}], StartOnCreation=True)
        clock.move_to(NIGHT_BEFORE + datetime.timedelta(hours=1))
        runs = list(reversed(glue_jobs.runs("poll")))
        fires = glue_jobs.service.fires()

    assert [run["StartedOn"].strftime("%H:%M") for run in runs] == ["02:35", "02:40", "02:45", "02:50", "02:55"]
    assert fires[0].left_out == 7  # 02:00 to 02:30
    with pytest.raises(ValueError, match="max_catch_up must be a whole number >= 1"):
        glue_jobs.max_catch_up = 0


def test_a_year_of_a_five_minute_schedule_is_bounded(glue_jobs: Any) -> None:
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("poll")
        glue_jobs.add_trigger("every-5", Schedule="cron(0/5 * * * ? *)", Actions=[{"JobName": "poll"}], StartOnCreation=True)
        clock.move_to(NIGHT_BEFORE + datetime.timedelta(days=365))
        runs = glue_jobs.runs("poll")
        fires = glue_jobs.service.fires()

    assert len(runs) == 1000
    assert fires[0].left_out == 365 * 288 - 1000
    assert runs[0]["StartedOn"] == datetime.datetime(2025, 3, 4, 1, 55, tzinfo=UTC)


def test_a_scheduled_fire_for_a_deleted_job_starts_nothing_and_the_report_says_why(glue_jobs: Any, glue: Any) -> None:
    with travel(NIGHT_BEFORE, tick=False) as clock:
        glue_jobs.add_job("extract")
        glue_jobs.add_job("load")
        glue_jobs.add_trigger("nightly", Schedule=DAILY, Actions=[{"JobName": "extract"}, {"JobName": "load"}], StartOnCreation=True)
        glue.delete_job(JobName="extract")
        clock.move_to(AFTER_TWO)
        runs = glue_jobs.runs()

    assert [run["JobName"] for run in runs] == ["load"]
    (fire,) = glue_jobs.service.fires()
    assert fire.not_started == (("extract", "the job does not exist (Glue records a run in state ERROR)"),)


# -- CONDITIONAL ---------------------------------------------------------------------------------


@pytest.fixture
def chain(glue_jobs: Any) -> list[str]:
    """extract -> transform -> load, each step's code recording itself."""
    done: list[str] = []
    for job in ("extract", "transform", "load"):
        glue_jobs.add_job(job)
        glue_jobs.run_code(job, lambda args, job=job: done.append(job))
    glue_jobs.add_trigger("start", Type="ON_DEMAND", Actions=[{"JobName": "extract"}])
    glue_jobs.add_trigger("then-transform", Predicate=when("SUCCEEDED", "extract"), Actions=[{"JobName": "transform"}], StartOnCreation=True)
    glue_jobs.add_trigger("then-load", Predicate=when("SUCCEEDED", "transform"), Actions=[{"JobName": "load"}], StartOnCreation=True)
    return done


def test_a_chain_runs_to_the_end_and_each_run_names_its_predecessor(glue_jobs: Any, glue: Any, chain: list[str]) -> None:
    glue.start_trigger(Name="start")

    assert chain == ["extract", "transform", "load"]
    (extract,), (transform,), (load,) = (glue_jobs.runs(job) for job in ("extract", "transform", "load"))
    assert transform["TriggerName"] == "then-transform"
    assert transform["PredecessorRuns"] == [{"JobName": "extract", "RunId": extract["Id"]}]
    assert load["PredecessorRuns"] == [{"JobName": "transform", "RunId": transform["Id"]}]
    assert all(run["JobRunState"] == "SUCCEEDED" for run in (extract, transform, load))


def test_a_run_not_started_by_a_trigger_starts_no_dependent_as_glue_documents(glue_jobs: Any, glue: Any, chain: list[str]) -> None:
    glue.start_job_run(JobName="extract")

    assert chain == ["extract"]
    assert glue_jobs.runs("transform") == []


def test_a_failed_step_stops_the_chain_and_a_failure_trigger_takes_over(glue_jobs: Any, glue: Any, chain: list[str]) -> None:
    glue_jobs.add_job("alert")
    glue_jobs.add_trigger("on-failure", Predicate=when("FAILED", "transform"), Actions=[{"JobName": "alert"}], StartOnCreation=True)

    def broken(args: dict[str, str]) -> None:
        raise RuntimeError("bad data")

    glue_jobs.run_code("transform", broken)
    glue.start_trigger(Name="start")

    assert glue_jobs.runs("load") == []
    assert [run["TriggerName"] for run in glue_jobs.runs("alert")] == ["on-failure"]


def test_runs_following_states_fire_their_dependents_when_a_read_shows_them_succeeded(glue_jobs: Any, glue: Any) -> None:
    for job in ("extract", "load"):
        glue_jobs.add_job(job)
    glue_jobs.run_states("extract", "RUNNING", "SUCCEEDED")
    glue_jobs.add_trigger("start", Actions=[{"JobName": "extract"}])
    glue_jobs.add_trigger("then-load", Predicate=when("SUCCEEDED", "extract"), Actions=[{"JobName": "load"}], StartOnCreation=True)
    glue.start_trigger(Name="start")
    run_id = glue_jobs.runs("extract")[0]["Id"]

    glue.get_job_run(JobName="extract", RunId=run_id)  # RUNNING
    assert glue_jobs.runs("load") == []
    glue.get_job_run(JobName="extract", RunId=run_id)  # SUCCEEDED

    assert [run["TriggerName"] for run in glue_jobs.runs("load")] == ["then-load"]


def test_all_and_any_of_the_watched_jobs(glue_jobs: Any, glue: Any) -> None:
    for job in ("a", "b", "both", "either"):
        glue_jobs.add_job(job, ExecutionProperty={"MaxConcurrentRuns": 5})
        glue_jobs.run_code(job, lambda args: None)
    conditions = [{"LogicalOperator": "EQUALS", "JobName": job, "State": "SUCCEEDED"} for job in ("a", "b")]
    glue_jobs.add_trigger("run-a", Actions=[{"JobName": "a"}])
    glue_jobs.add_trigger("run-b", Actions=[{"JobName": "b"}])
    glue_jobs.add_trigger("t-and", Predicate={"Logical": "AND", "Conditions": conditions}, Actions=[{"JobName": "both"}], StartOnCreation=True)
    glue_jobs.add_trigger("t-any", Predicate={"Logical": "ANY", "Conditions": conditions}, Actions=[{"JobName": "either"}], StartOnCreation=True)

    glue.start_trigger(Name="run-a")
    assert (len(glue_jobs.runs("both")), len(glue_jobs.runs("either"))) == (0, 1)
    glue.start_trigger(Name="run-b")
    assert (len(glue_jobs.runs("both")), len(glue_jobs.runs("either"))) == (1, 2)
    glue.start_trigger(Name="run-a")  # the AND fired and started over: a alone is not enough
    assert (len(glue_jobs.runs("both")), len(glue_jobs.runs("either"))) == (1, 3)
    both = glue_jobs.runs("both")[0]
    assert {run["JobName"] for run in both["PredecessorRuns"]} == {"a", "b"}


def test_only_the_last_attempt_of_a_retried_run_counts(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("flaky", MaxRetries=1)
    glue_jobs.add_job("alert")
    attempts: list[str] = []

    def fail_once(args: dict[str, str]) -> None:
        attempts.append(args["JOB_RUN_ID"])
        if len(attempts) == 1:
            raise RuntimeError("first attempt")

    glue_jobs.run_code("flaky", fail_once)
    glue_jobs.add_trigger("start", Actions=[{"JobName": "flaky"}])
    glue_jobs.add_trigger("on-failure", Predicate=when("FAILED", "flaky"), Actions=[{"JobName": "alert"}], StartOnCreation=True)

    glue.start_trigger(Name="start")

    assert len(attempts) == 2
    assert glue_jobs.runs("alert") == []  # the retry succeeded
    assert glue_jobs.runs("flaky")[0]["TriggerName"] == "start"


def test_a_loop_of_triggers_stops_after_a_bounded_chain(glue_jobs: Any, glue: Any) -> None:
    for job in ("ping", "pong"):
        glue_jobs.add_job(job)
        glue_jobs.run_code(job, lambda args: None)
    glue_jobs.add_trigger("serve", Actions=[{"JobName": "ping"}])
    glue_jobs.add_trigger("ping-done", Predicate=when("SUCCEEDED", "ping"), Actions=[{"JobName": "pong"}], StartOnCreation=True)
    glue_jobs.add_trigger("pong-done", Predicate=when("SUCCEEDED", "pong"), Actions=[{"JobName": "ping"}], StartOnCreation=True)

    glue.start_trigger(Name="serve")

    assert len(glue_jobs.runs()) == 101  # the on-demand fire, then 100 conditional steps
    last = glue_jobs.service.fires()[-1]
    assert last.started == () and "the triggers form a loop" in last.not_started[0][1]


def test_a_stopped_conditional_trigger_does_not_fire(glue_jobs: Any, glue: Any, chain: list[str]) -> None:
    glue.stop_trigger(Name="then-transform")

    glue.start_trigger(Name="start")

    assert chain == ["extract"]


def test_deleting_a_trigger_while_its_runs_go_on_leaves_them_running_to_the_end(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract")
    glue_jobs.add_job("load")
    glue_jobs.add_trigger("start", Actions=[{"JobName": "extract"}])
    glue_jobs.add_trigger("then-load", Predicate=when("SUCCEEDED", "extract"), Actions=[{"JobName": "load"}], StartOnCreation=True)
    glue.start_trigger(Name="start")
    run_id = glue_jobs.runs("extract")[0]["Id"]

    glue.delete_trigger(Name="start")
    glue.get_job_run(JobName="extract", RunId=run_id)
    final = glue.get_job_run(JobName="extract", RunId=run_id)["JobRun"]

    assert (final["JobRunState"], final["TriggerName"]) == ("SUCCEEDED", "start")
    assert [run["TriggerName"] for run in glue_jobs.runs("load")] == ["then-load"]  # still started by a trigger


def test_a_conditional_fire_into_a_full_job_records_a_failed_run(glue_jobs: Any, glue: Any) -> None:
    glue_jobs.add_job("extract")
    glue_jobs.add_job("load")
    glue_jobs.run_code("extract", lambda args: None)
    glue.start_job_run(JobName="load")  # holds load's only slot
    glue_jobs.add_trigger("start", Actions=[{"JobName": "extract"}])
    glue_jobs.add_trigger("then-load", Predicate=when("SUCCEEDED", "extract"), Actions=[{"JobName": "load"}], StartOnCreation=True)

    glue.start_trigger(Name="start")

    fired = [run for run in glue_jobs.runs("load") if run.get("TriggerName")]
    assert [(run["JobRunState"], run["ErrorMessage"]) for run in fired] == [("FAILED", "Max concurrent runs exceeded")]
