"""Regressions for the bugs the fuzzers and the stress test found in the core."""

from __future__ import annotations

import textwrap
from typing import Any, Callable

import pytest
from support import DEFINITION, invalid_input_message
from support.invariants import store_problems

from pytest_gluejobs import GlueJobs


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("MaxRetries", 2**31),
        ("Timeout", 2**31),
        ("AllocatedCapacity", -(2**31) - 1),
        ("NumberOfWorkers", 2**40),
        ("ExecutionProperty", {"MaxConcurrentRuns": 2**31}),
        ("NotificationProperty", {"NotifyDelayAfter": 10**30}),
    ],
)
def test_an_integer_beyond_32_bits_is_refused_not_stored(
    glue_jobs: GlueJobs, glue: Any, member: str, value: Any
) -> None:
    params = {"Name": "big", **DEFINITION, member: value}
    if member == "NumberOfWorkers":
        params["WorkerType"] = "G.1X"

    message = invalid_input_message(glue, **params)

    assert "does not fit a 32-bit integer" in message
    assert member in message
    assert glue_jobs.jobs() == {}


def test_the_largest_32_bit_integer_is_still_accepted(glue_jobs: GlueJobs, make_job: Callable[..., Any]) -> None:
    make_job("edge", MaxRetries=2**31 - 1, ExecutionProperty={"MaxConcurrentRuns": 2**31 - 1})

    assert glue_jobs.jobs()["edge"]["MaxRetries"] == 2**31 - 1
    assert store_problems(glue_jobs) == []


@pytest.mark.parametrize("runtime", ["Ray\r2.4", "Ray\u20282.4", "Ray\u00852.4", "Ray\n2.4"])
def test_a_bare_dot_in_a_model_pattern_stops_at_every_java_line_terminator(
    glue_jobs: GlueJobs, glue: Any, runtime: str
) -> None:
    command = {"Name": "glueray", "ScriptLocation": "s3://b/r.py", "Runtime": runtime}

    message = invalid_input_message(
        glue, Name="ray", Role="etl", Command=command, WorkerType="Z.2X", NumberOfWorkers=2, GlueVersion="4.0"
    )

    assert "Command.Runtime" in message and "regular expression" in message


def test_other_characters_still_match_a_bare_dot(glue_jobs: GlueJobs, make_job: Callable[..., Any]) -> None:
    command = {"Name": "glueray", "ScriptLocation": "s3://b/r.py", "Runtime": "Ray 2.4 ü\t😀"}

    make_job("ray", Command=command, WorkerType="Z.2X", NumberOfWorkers=2, GlueVersion="4.0")

    assert glue_jobs.jobs()["ray"]["Command"]["Runtime"] == "Ray 2.4 ü\t😀"


def test_workers_whose_capacity_overflows_the_reported_dpus_are_refused(glue_jobs: GlueJobs, glue: Any) -> None:
    message = invalid_input_message(
        glue, Name="huge", **DEFINITION, WorkerType="G.8X", NumberOfWorkers=2**31 - 1, GlueVersion="4.0"
    )

    assert "NumberOfWorkers 2147483647 of WorkerType G.8X" in message
    assert glue_jobs.jobs() == {}


def test_workers_within_the_reported_dpus_are_accepted(glue_jobs: GlueJobs, make_job: Callable[..., Any]) -> None:
    make_job("big", WorkerType="G.8X", NumberOfWorkers=268_435_455, GlueVersion="4.0")

    assert glue_jobs.jobs()["big"]["AllocatedCapacity"] == 268_435_455 * 8
    assert store_problems(glue_jobs) == []


def test_the_first_calls_of_a_process_may_come_from_many_threads(pytester: pytest.Pytester) -> None:
    # Needs a fresh interpreter: the model's checks are compiled once per process, on first use.
    script = pytester.makepyfile(
        textwrap.dedent(
            """
            import sys, threading
            import boto3
            from pytest_gluejobs import fake_glue_jobs

            sys.setswitchinterval(1e-6)
            failures = []
            with fake_glue_jobs() as fake:
                client = boto3.client("glue", region_name="us-east-1")
                barrier = threading.Barrier(16)

                def create(index):
                    barrier.wait()
                    try:
                        client.create_job(
                            Name=f"job-{index}", Role="r",
                            Command={"Name": "glueetl", "ScriptLocation": "s3://b/s.py"},
                        )
                    except Exception as error:
                        failures.append(repr(error))

                threads = [threading.Thread(target=create, args=(i,)) for i in range(16)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                print("failures:", failures)
                print("jobs:", len(fake.jobs()))
            """
        )
    )

    result = pytester.runpython(script)

    result.stdout.fnmatch_lines(["failures: []", "jobs: 16"])
