"""run_code: each run attempt calls the test's handler while it shows RUNNING, outside the lock."""

from __future__ import annotations

import datetime
import functools
import gc
import sys
import threading
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from support import error_of, freeze_time, run_states

from pytest_gluejobs import GlueJobs

Args = dict[str, str]


def test_the_handler_runs_inside_start_job_run_with_the_runs_arguments(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job(
        "nightly",
        DefaultArguments={"--day": "monday", "--limit": "10", "--mode": "full"},
        NonOverridableArguments={"--mode": "safe"},
    )
    seen: list[tuple[Args, str]] = []

    def handler(args: Args) -> None:
        run = glue.get_job_run(JobName="nightly", RunId=args["JOB_RUN_ID"])["JobRun"]
        seen.append((args, run["JobRunState"]))

    glue_jobs.run_code("nightly", handler)
    run_id = glue.start_job_run(JobName="nightly", Arguments={"--limit": "5", "--mode": "fast"})["JobRunId"]

    assert seen == [
        ({"day": "monday", "limit": "5", "mode": "safe", "JOB_NAME": "nightly", "JOB_RUN_ID": run_id}, "RUNNING")
    ]
    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert run["JobRunState"] == "SUCCEEDED"
    assert run["Arguments"] == {"--limit": "5", "--mode": "fast"}  # what the run was given, as before
    assert "ErrorMessage" not in run
    # The handler's own call follows StartJobRun in the log.
    assert [call.operation for call in glue_jobs.calls][1:] == ["StartJobRun", "GetJobRun", "GetJobRun"]


def test_a_raising_handler_fails_the_run_with_its_type_message_and_traceback(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs, capsys: pytest.CaptureFixture[str]
) -> None:
    make_job("nightly")

    def handler(args: Args) -> None:
        print("loading", args["JOB_NAME"])

        print("a warning", file=sys.stderr)
        raise KeyError("orders")

    glue_jobs.run_code("nightly", handler)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run["ErrorMessage"]) == ("FAILED", "KeyError: 'orders'")
    logs = glue_jobs.run_logs(run_id)
    assert logs.output == "loading nightly\n"
    assert logs.error.startswith("a warning\nTraceback (most recent call last):\n")
    assert 'raise KeyError("orders")' in logs.error
    assert logs.error.endswith("KeyError: 'orders'\n")
    assert "pytest_gluejobs" not in logs.error  # the traceback starts in the user's code
    assert capsys.readouterr() == ("", "")  # printed into the run's logs, as Glue logs them


def test_each_retry_attempt_calls_the_handler_with_its_own_run_id(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", MaxRetries=2)
    run_ids: list[str] = []

    def flaky(args: Args) -> None:
        run_ids.append(args["JOB_RUN_ID"])
        if len(run_ids) < 3:
            raise ConnectionError(f"attempt {len(run_ids)} lost its connection")

    glue_jobs.run_code("nightly", flaky)
    first = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_ids == [first, f"{first}_attempt_1", f"{first}_attempt_2"]
    runs = glue_jobs.runs("nightly")
    assert [(run["Id"], run["JobRunState"]) for run in runs] == [
        (f"{first}_attempt_2", "SUCCEEDED"),
        (f"{first}_attempt_1", "FAILED"),
        (first, "FAILED"),
    ]
    assert runs[1]["ErrorMessage"] == "ConnectionError: attempt 2 lost its connection"


def test_a_handler_may_start_other_runs_whose_code_runs_in_turn(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("extract")
    make_job("load")
    order: list[str] = []

    def extract(args: Args) -> None:
        order.append("extract begins")
        glue.start_job_run(JobName="load", Arguments={"--source": args["JOB_RUN_ID"]})
        order.append("extract ends")

    glue_jobs.run_code("extract", extract)
    glue_jobs.run_code("load", lambda args: order.append(f"load from {args['source'][:3]}"))
    glue.start_job_run(JobName="extract")

    assert order == ["extract begins", "load from jr_", "extract ends"]
    assert [run["JobRunState"] for run in glue_jobs.runs()] == ["SUCCEEDED", "SUCCEEDED"]
    starts = [call.params["JobName"] for call in glue_jobs.calls if call.operation == "StartJobRun"]
    assert starts == ["extract", "load"]


def test_the_handler_runs_outside_the_stores_lock(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    answers: list[str] = []

    def handler(args: Args) -> None:
        # Another thread could not take the store's lock if this thread held it.
        worker = threading.Thread(target=lambda: answers.append(glue.get_job(JobName="nightly")["Job"]["Name"]))
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "the handler's Glue call from another thread did not finish"

    glue_jobs.run_code("nightly", handler)
    threads_before = threading.active_count()
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert answers == ["nightly"]
    assert run_states(glue, "nightly", run_id, 1) == ["SUCCEEDED"]
    assert threading.active_count() == threads_before  # nothing left running


def test_a_handler_running_past_the_timeout_ends_the_run_timed_out(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", Timeout=30)
    with freeze_time("2024-01-01 00:00:00") as clock:
        glue_jobs.run_code("nightly", lambda args: clock.tick(datetime.timedelta(minutes=31)))
        run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

        run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]

    assert run["JobRunState"] == "TIMEOUT"
    assert run["ExecutionTime"] == 30 * 60
    assert run["CompletedOn"] == datetime.datetime(2024, 1, 1, 0, 30, tzinfo=datetime.timezone.utc)


def test_a_queued_run_runs_its_code_when_the_call_that_frees_a_slot_ends(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly", JobRunQueuingEnabled=True)
    glue_jobs.run_states("nightly", "RUNNING", "SUCCEEDED")
    first = glue.start_job_run(JobName="nightly")["JobRunId"]  # follows the states, holds the slot
    ran: list[str] = []
    glue_jobs.run_code("nightly", lambda args: ran.append(args["JOB_RUN_ID"]))
    queued = glue.start_job_run(JobName="nightly")["JobRunId"]
    assert (ran, glue_jobs.runs("nightly")[0]["JobRunState"]) == ([], "WAITING")

    assert run_states(glue, "nightly", first, 2) == ["RUNNING", "SUCCEEDED"]  # the second read frees it

    assert ran == [queued]
    assert glue_jobs.runs("nightly")[0]["JobRunState"] == "SUCCEEDED"


def test_a_run_queued_by_a_handler_runs_right_after_it(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", JobRunQueuingEnabled=True)
    ran: list[str] = []

    def handler(args: Args) -> None:
        ran.append(f"begin {args['n']}")
        if args["n"] == "1":
            started = glue.start_job_run(JobName="nightly", Arguments={"--n": "2"})["JobRunId"]
            ran.append(glue.get_job_run(JobName="nightly", RunId=started)["JobRun"]["JobRunState"])
        ran.append(f"end {args['n']}")

    glue_jobs.run_code("nightly", handler)
    glue.start_job_run(JobName="nightly", Arguments={"--n": "1"})

    assert ran == ["begin 1", "WAITING", "end 1", "begin 2", "end 2"]


def test_finish_run_lets_a_queued_run_in_and_runs_its_code(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly", JobRunQueuingEnabled=True)
    glue_jobs.run_states("nightly", "RUNNING")
    first = glue.start_job_run(JobName="nightly")["JobRunId"]
    ran: list[str] = []
    glue_jobs.run_code("nightly", lambda args: ran.append(args["JOB_RUN_ID"]))
    queued = glue.start_job_run(JobName="nightly")["JobRunId"]

    glue_jobs.finish_run(first, "SUCCEEDED")

    assert ran == [queued]


def test_a_run_stopped_while_its_handler_runs_ends_stopped(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    shown: list[str] = []

    def handler(args: Args) -> None:
        glue.batch_stop_job_run(JobName="nightly", JobRunIds=[args["JOB_RUN_ID"]])
        shown.extend(run_states(glue, "nightly", args["JOB_RUN_ID"], 2))

    glue_jobs.run_code("nightly", handler)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert shown == ["STOPPING", "STOPPING"]  # until the code returns
    assert run_states(glue, "nightly", run_id, 1) == ["STOPPED"]


def test_a_run_settled_while_its_handler_runs_keeps_that_state(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")

    def handler(args: Args) -> None:
        glue_jobs.finish_run(args["JOB_RUN_ID"], "ERROR", error_message="the test said so")
        raise RuntimeError("too late to matter")

    glue_jobs.run_code("nightly", handler)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run["ErrorMessage"]) == ("ERROR", "the test said so")
    assert "too late to matter" in glue_jobs.run_logs(run_id).error


def test_a_handler_that_deletes_its_own_job_leaves_nothing_behind(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    glue_jobs.run_code("nightly", lambda args: glue.delete_job(JobName="nightly"))

    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert glue_jobs.jobs() == {}
    assert glue_jobs.run_logs(run_id).output == ""


def test_run_code_wins_over_run_states(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    glue_jobs.run_states("nightly", "FAILED", required=False)
    glue_jobs.run_code("nightly", lambda args: None)

    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(glue, "nightly", run_id, 1) == ["SUCCEEDED"]


def test_a_run_keeps_the_code_it_was_started_with(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]  # no code: it follows the states
    glue_jobs.run_code("nightly", lambda args: None)

    assert run_states(glue, "nightly", run_id, 2) == ["RUNNING", "SUCCEEDED"]
    with pytest.raises(ValueError, match=f"run_logs\\('{run_id}'\\): no run with this id executed"):
        glue_jobs.run_logs(run_id)


def test_a_failed_start_runs_no_code(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("nightly")
    ran: list[Args] = []
    glue_jobs.run_code("nightly", ran.append)
    glue_jobs.fail("StartJobRun", "ConcurrentRunsExceededException")

    with pytest.raises(glue.exceptions.ConcurrentRunsExceededException) as caught:
        glue.start_job_run(JobName="nightly")

    assert error_of(caught).code == "ConcurrentRunsExceededException"
    assert ran == []


def test_run_code_refuses_what_cannot_be_a_handler(glue_jobs: GlueJobs) -> None:
    with pytest.raises(TypeError, match=r"run_code\('nightly', \.\.\.\): the handler must be callable.*got str 'main'"):
        glue_jobs.run_code("nightly", "main")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="run_code needs a job name, got ''"):
        glue_jobs.run_code("", lambda args: None)


def test_run_logs_of_an_unknown_run_names_it(glue_jobs: GlueJobs) -> None:
    with pytest.raises(ValueError, match=r"run_logs\('jr_nope'\)"):
        glue_jobs.run_logs("jr_nope")


def test_script_runs_still_works_and_warns(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    from pytest_gluejobs import GlueJobsDeprecationWarning

    make_job("nightly")
    with pytest.warns(GlueJobsDeprecationWarning, match=r"use glue_jobs\.run_states\('nightly', \.\.\.\)"):
        glue_jobs.script_runs("nightly", "RUNNING", "FAILED", error_message="Out of memory")
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert run_states(glue, "nightly", run_id, 2) == ["RUNNING", "FAILED"]
    assert issubclass(GlueJobsDeprecationWarning, DeprecationWarning)


# -- handlers as Python runs them -------------------------------------------------------------


async def an_async_handler(args: Args) -> None:
    """An async job body: run_code takes plain functions."""


class AsyncCallable:
    async def __call__(self, args: Args) -> None:
        """An object whose call is a coroutine."""


@pytest.mark.parametrize("handler", [an_async_handler, AsyncCallable(), functools.partial(an_async_handler)], ids=["async def", "async __call__", "partial"])
def test_an_async_handler_is_refused_at_run_code(glue_jobs: GlueJobs, handler: Any) -> None:
    with pytest.raises(TypeError, match=r"run_code\('nightly', \.\.\.\): the handler is a coroutine function.*asyncio\.run"):
        glue_jobs.run_code("nightly", handler)


def test_a_handler_returning_an_awaitable_fails_the_run_without_running_it(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    ran: list[str] = []

    async def body() -> None:
        ran.append("awaited")

    glue_jobs.run_code("nightly", lambda args: body())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "coroutine was never awaited"
        run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
        gc.collect()

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], ran) == ("FAILED", [])
    assert run["ErrorMessage"] == (
        "TypeError: the run_code handler of job 'nightly' returned a coroutine, which was not run: "
        "give run_code a plain function (run async code inside it with asyncio.run)"
    )


@pytest.mark.parametrize(
    ("code", "state", "message", "printed"),
    [
        (0, "SUCCEEDED", None, ""),
        (None, "SUCCEEDED", None, ""),
        (3, "FAILED", "Command failed with exit code 3", ""),
        (True, "FAILED", "Command failed with exit code 1", ""),
        (False, "SUCCEEDED", None, ""),
        (-1, "FAILED", "Command failed with exit code 255", ""),
        (256, "SUCCEEDED", None, ""),
        (257, "FAILED", "Command failed with exit code 1", ""),
        (2**70, "FAILED", "Command failed with exit code 255", ""),
        ("no rows today", "FAILED", "Command failed with exit code 1", "no rows today\n"),
        (3.5, "FAILED", "Command failed with exit code 1", "3.5\n"),
    ],
)
def test_sys_exit_ends_the_run_as_the_process_would_exit(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs, code: object, state: str, message: str | None, printed: str
) -> None:
    make_job("nightly")
    def handler(args: Args) -> None:
        raise SystemExit(code)

    glue_jobs.run_code("nightly", handler)

    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run.get("ErrorMessage")) == (state, message)
    assert glue_jobs.run_logs(run_id).error == printed


class Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str() of this exception fails")


def test_an_exception_that_cannot_be_printed_still_fails_the_run(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")

    def handler(args: Args) -> None:
        raise Unprintable()

    glue_jobs.run_code("nightly", handler)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run["ErrorMessage"]) == ("FAILED", "Unprintable: <exception str() failed>")
    assert glue_jobs.run_logs(run_id).error.endswith("Unprintable: <exception str() failed>\n")


def test_an_exit_whose_value_cannot_be_printed_still_fails_the_run(
    glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs
) -> None:
    make_job("nightly")
    def handler(args: Args) -> None:
        raise SystemExit(Unprintable())

    glue_jobs.run_code("nightly", handler)

    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    run = glue.get_job_run(JobName="nightly", RunId=run_id)["JobRun"]
    assert (run["JobRunState"], run["ErrorMessage"]) == ("FAILED", "Command failed with exit code 1")


def test_runs_nest_200_deep(glue: Any, make_job: Callable[..., Any], glue_jobs: GlueJobs) -> None:
    make_job("chain", ExecutionProperty={"MaxConcurrentRuns": 250})
    reached: list[int] = []

    def link(args: Args) -> None:
        depth = int(args["depth"])
        reached.append(depth)
        print(f"link {depth}")
        if depth < 200:
            glue.start_job_run(JobName="chain", Arguments={"--depth": str(depth + 1)})

    glue_jobs.run_code("chain", link)
    first = glue.start_job_run(JobName="chain", Arguments={"--depth": "0"})["JobRunId"]

    assert reached == list(range(201))
    runs = glue_jobs.runs("chain")
    assert {run["JobRunState"] for run in runs} == {"SUCCEEDED"}
    assert glue_jobs.run_logs(first).output == "link 0\n"
    assert glue_jobs.run_logs(runs[0]["Id"]).output == "link 200\n"
