"""What the speed-ups must not change: cached job JSON, quick validity checks, cheap request ids,
the region of every call, the clock's milliseconds."""

from __future__ import annotations

import asyncio
import copy
import pickle
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from support import DEFINITION, aiobotocore_session, error_of, run_python

from pytest_gluejobs._data import clock
from pytest_gluejobs._edge.wire import Headers


def test_every_read_shows_an_update_made_after_an_earlier_read(glue: Any, make_job: Any) -> None:
    make_job("nightly", Description="before")
    make_job("other")
    # Read through every operation first, so each has answered from the job as it was.
    assert glue.get_job(JobName="nightly")["Job"]["Description"] == "before"
    assert glue.get_jobs()["Jobs"][0]["Description"] == "before"
    assert glue.batch_get_jobs(JobNames=["nightly"])["Jobs"][0]["Description"] == "before"

    glue.update_job(JobName="nightly", JobUpdate={**DEFINITION, "Description": "after"})

    assert glue.get_job(JobName="nightly")["Job"]["Description"] == "after"
    assert [job.get("Description") for job in glue.get_jobs()["Jobs"]] == ["after", None]
    assert glue.batch_get_jobs(JobNames=["nightly"])["Jobs"][0]["Description"] == "after"


def test_a_recreated_job_is_read_as_the_new_one(glue: Any, make_job: Any) -> None:
    make_job("nightly", Description="first")
    glue.get_job(JobName="nightly")
    glue.delete_job(JobName="nightly")
    make_job("nightly", Description="second")
    assert glue.get_job(JobName="nightly")["Job"]["Description"] == "second"
    assert glue.get_jobs()["Jobs"][0]["Description"] == "second"


def test_get_jobs_leaves_out_code_gen_nodes_only_of_the_jobs_that_have_them(glue: Any, make_job: Any) -> None:
    nodes = {"node-1": {"S3CsvSource": {"Name": "source", "Paths": ["s3://bucket/in/"], "QuoteChar": "quote", "Separator": "comma"}}}
    make_job("a-plain", Description="plain")
    make_job("b-visual", JobMode="VISUAL", CodeGenConfigurationNodes=nodes)
    make_job("c-plain", Description="plain too")

    jobs = glue.get_jobs()["Jobs"]

    assert [job["Name"] for job in jobs] == ["a-plain", "b-visual", "c-plain"]
    assert all("CodeGenConfigurationNodes" not in job for job in jobs)
    assert jobs[1]["JobMode"] == "VISUAL"
    assert [jobs[0]["Description"], jobs[2]["Description"]] == ["plain", "plain too"]
    found = glue.batch_get_jobs(JobNames=["a-plain", "b-visual"])["Jobs"]
    assert [job.get("CodeGenConfigurationNodes") for job in found] == [None, nodes]


def test_a_stored_job_cannot_change_in_place(glue_jobs: Any, make_job: Any) -> None:
    make_job("nightly")
    stored = glue_jobs.service.store("us-east-1").jobs["nightly"]
    for change in (
        lambda: stored.__setitem__("Description", "changed"),
        lambda: stored.update(Description="changed"),
        lambda: stored.pop("Role"),
        lambda: stored.setdefault("Description", "changed"),
        lambda: stored.clear(),
        lambda: stored.__delitem__("Role"),
    ):
        with pytest.raises(TypeError, match="read-only"):
            change()
    assert "Description" not in glue_jobs.jobs()["nightly"]


def test_a_stored_job_copies_and_pickles_as_the_same_job(glue_jobs: Any, make_job: Any) -> None:
    make_job("nightly")
    stored = glue_jobs.service.store("us-east-1").jobs["nightly"]
    for twin in (copy.copy(stored), copy.deepcopy(stored), pickle.loads(pickle.dumps(stored))):
        assert twin == stored
        assert dict(twin) == dict(stored)


def test_the_jobs_a_test_reads_are_its_own_copies(glue_jobs: Any, make_job: Any) -> None:
    make_job("nightly")
    job = glue_jobs.jobs()["nightly"]
    job["Description"] = "mine"
    job["Command"]["Name"] = "mine"
    assert "Description" not in glue_jobs.jobs()["nightly"]
    assert glue_jobs.jobs()["nightly"]["Command"]["Name"] == "glueetl"


def test_a_bad_item_among_good_ones_is_named_by_its_place(glue: Any) -> None:
    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.batch_get_jobs(JobNames=["ok", "also-ok", "n" * 256])
    assert "'JobNames[2]'" in error_of(raised).message

    with pytest.raises(glue.exceptions.InvalidInputException) as raised:
        glue.create_job(Name="job", **DEFINITION, Tags={"good": "v", "k" * 129: "v", "fine": "v" * 257})
    message = error_of(raised).message
    assert "2 validation errors detected" in message
    assert "'Tags (key 'kkkkkkkk" in message
    assert "'Tags.fine'" in message


def test_request_ids_are_distinct_random_uuids_even_when_a_test_seeds_random(glue: Any) -> None:
    ids = []
    for _ in range(3):
        random.seed(5)
        ids.append(glue.list_jobs()["ResponseMetadata"]["RequestId"])
    with pytest.raises(glue.exceptions.EntityNotFoundException) as raised:
        glue.get_job(JobName="missing")
    ids.append(raised.value.response["ResponseMetadata"]["RequestId"])

    assert len(set(ids)) == len(ids)
    for request_id in ids:
        parsed = uuid.UUID(request_id)
        assert str(parsed) == request_id
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122


def assert_twenty_jobs_in_each_own_region(glue_jobs: Any, regions: list[str]) -> None:
    """Each region holds the 20 jobs named for it, and no other."""
    for region in regions:
        names = list(glue_jobs.jobs(region))
        assert len(names) == 20
        assert all(name.endswith(region) for name in names)


def test_concurrent_calls_from_clients_of_different_regions_each_reach_their_region(glue_jobs: Any) -> None:
    regions = ["us-east-1", "eu-west-1", "ap-southeast-2"]
    clients = {region: boto3.client("glue", region_name=region) for region in regions}

    def create(number: int) -> None:
        region = regions[number % len(regions)]
        clients[region].create_job(Name=f"job-{number}-{region}", **DEFINITION)

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(create, range(60)))

    assert_twenty_jobs_in_each_own_region(glue_jobs, regions)


def test_concurrent_asyncio_tasks_in_different_regions_each_reach_their_region(glue_jobs: Any) -> None:
    aio_session = aiobotocore_session()
    regions = ["us-east-1", "eu-west-1"]

    async def create_in(region: str, task: int) -> None:
        async with aio_session.get_session().create_client("glue", region_name=region) as glue:
            for number in range(5):
                await glue.create_job(Name=f"job-{task}-{number}-{region}", **DEFINITION)
                await asyncio.sleep(0)

    async def everything() -> None:
        await asyncio.gather(*(create_in(regions[task % 2], task) for task in range(8)))

    asyncio.run(everything())

    assert_twenty_jobs_in_each_own_region(glue_jobs, regions)


FIRST_CALLS_AT_ONCE = """
import threading

import boto3

from pytest_gluejobs import fake_glue_jobs

OPERATIONS = [
    ("create_job", {"Role": "role", "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/x.py"}}),
    ("update_job", {"JobUpdate": {"Role": "role", "Command": {"Name": "pythonshell"}}}),
    ("get_job", {}),
    ("batch_get_jobs", {}),
]
failures = []

with fake_glue_jobs():
    clients = [boto3.client("glue", region_name="us-east-1") for _ in range(8)]
    start = threading.Barrier(len(clients))

    def first_calls(number, client):
        start.wait()
        for method, params in OPERATIONS:
            name = f"job-{number}"
            if method == "update_job" or method == "get_job":
                params = {"JobName": name, **params}
            elif method == "batch_get_jobs":
                params = {"JobNames": [name]}
            else:
                params = {"Name": name, **params}
            try:
                getattr(client, method)(**params)
            except Exception as error:
                failures.append(f"{method}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=first_calls, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
print(failures)
"""


def test_the_first_calls_of_a_process_may_come_from_many_threads_at_once(tmp_path: Any) -> None:
    # The model's checks are compiled on first use; threads arriving together must all get them whole.
    assert run_python(FIRST_CALLS_AT_ONCE, tmp_path) == "[]"


def test_response_headers_are_found_in_any_case_as_a_real_responses_are(glue: Any) -> None:
    seen: list[tuple[Any, ...]] = []

    def look(http_response: Any, **_: Any) -> None:
        headers = http_response.headers
        seen.append(
            (
                headers["Content-Type"],
                headers.get("X-Amzn-RequestId") == headers["x-amzn-requestid"],
                "CONTENT-LENGTH" in headers,
                headers.get("Date"),
                "date" in headers,
            )
        )

    glue.meta.events.register("after-call.glue", look)
    response = glue.list_jobs()

    assert seen == [("application/x-amz-json-1.1", True, True, None, False)]
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"


def test_a_header_the_response_lacks_is_a_key_error_in_any_case() -> None:
    headers = Headers({"content-type": "application/x-amz-json-1.1"})
    for name in ("Date", "date"):
        with pytest.raises(KeyError, match=name):
            headers[name]
    assert headers.get("Retry-After-Ms", "none") == "none"
    number: Any = 5
    assert headers.get(number) is None and number not in headers


@given(
    seconds=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(-1e11, 1e11),
        st.integers(-(10**12), 10**12),  # a stubbed clock may give whole seconds
        # a half millisecond away from a whole one, where rounding the product could go astray
        st.integers(-(10**13), 10**13).map(lambda ms: ms / 1000 + 0.0005),
        st.integers(0, 10**13).map(lambda ms: (2 * ms + 1) / 2000),
    )
)
@example(seconds=1704067200.0005)
@example(seconds=2.0**36 + 0.0005)
@example(seconds=-0.0005)
@example(seconds=-0.0)
@example(seconds=1704067200)
def test_the_clock_rounds_to_the_millisecond_as_round_does(seconds: float) -> None:
    expected = round(seconds, 3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: seconds)
        got = clock.now()
    assert got == expected or (got != got and expected != expected)  # nan is nan
    assert repr(got) == repr(expected)  # the same type, and the same sign of zero


# The string shapes whose pattern every printable ASCII character meets, and a few that do not.
PATTERNED_SHAPES = ["NameString", "DescriptionString", "GrokPattern", "ExtendedString", "RuntimeNameString", "GlueVersionString", "PythonVersionString", "LogStream", "OptionValue", "OptionKey", "ApiVersion", "GenericString"]


@pytest.mark.parametrize("shape_name", PATTERNED_SHAPES)
@given(value=st.one_of(st.text(), st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F)), st.from_regex(r"[ -~]{0,300}", fullmatch=True)))
def test_a_string_is_valid_by_the_quick_test_exactly_when_its_pattern_matches(shape_name: str, value: str) -> None:
    # Printable ASCII values skip the regex of a pattern that takes each of those characters.
    from pytest_gluejobs._service.model import _java_pattern, _string_validity, service_model

    shape = service_model().shape_for(shape_name)
    low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 10**9)
    pattern = shape.metadata.get("pattern")
    enum = getattr(shape, "enum", None) or None
    expected = (
        low <= len(value) <= high
        and (pattern is None or _java_pattern(pattern).fullmatch(value) is not None)
        and (enum is None or value in enum)
    )
    assert _string_validity(shape)(value) == expected


@given(at=st.integers(0, 2**53), messages=st.lists(st.text(), max_size=5))
@example(at=0, messages=['"quoted" \\ back', "\x00\x1f\x7f", "naïve ☃ \U0001f600", "\ud800"])
def test_log_events_written_as_text_are_the_text_the_encoder_makes(at: int, messages: list[str]) -> None:
    from pytest_gluejobs._data.shapes import wire_json
    from pytest_gluejobs._service.cloudwatch_logs import events_json

    written = {"events": events_json(at, messages), "nextForwardToken": "f/1"}
    encoded = {"events": [{"timestamp": at, "message": message, "ingestionTime": at} for message in messages], "nextForwardToken": "f/1"}
    assert wire_json(written) == wire_json(encoded)


BOUNDARY_INTEGERS = [-(2**63) - 1, -(2**63), -(2**31) - 1, -(2**31), -1, 0, 1, 2, 99, 100, 101, 200, 201, 900, 901, 1000, 1001, 10080, 2**31 - 2, 2**31 - 1, 2**31, 2**63 - 1, 2**63, True, False, 1.0, "1", None]
INTEGER_MEMBERS = [
    ("CreateJob", {"Name": "j", "Role": "r", "Command": {"Name": "glueetl"}}, ["Timeout", "MaxRetries", "NumberOfWorkers", "AllocatedCapacity"]),
    ("GetJobs", {}, ["MaxResults"]),
    ("GetJobRuns", {"JobName": "j"}, ["MaxResults"]),
    ("CreateTrigger", {"Name": "t", "Type": "EVENT", "Actions": [{"JobName": "j"}], "EventBatchingCondition": {"BatchSize": 1}}, ["EventBatchingCondition.BatchSize", "EventBatchingCondition.BatchWindow"]),
]


@pytest.mark.parametrize(("operation", "base", "members"), INTEGER_MEMBERS)
def test_integer_members_are_valid_by_the_quick_test_exactly_when_the_check_finds_nothing(operation: str, base: dict[str, Any], members: list[str]) -> None:
    # A structure tests its integer members inline, by one pair of bounds; the full check keeps
    # the Java type's range and the model's bounds apart.
    from pytest_gluejobs._service.model import input_check, input_validity

    for member in members:
        for value in BOUNDARY_INTEGERS:
            params = copy.deepcopy(base)
            *outer, last = member.split(".")
            holder = params
            for key in outer:
                holder = holder[key]
            holder[last] = value
            problems: list[str] = []
            input_check(operation)(params, "", problems)
            assert input_validity(operation)(params) == (problems == []), (member, value, problems)


# Each member: values the model allows, values it does not (then any JSON value at all).
LOGS_MEMBERS: dict[str, tuple[list[Any], list[Any]]] = {
    "logGroupName": (["/aws-glue/jobs/output", "a" * 512], ["a" * 513, "bad name", ""]),
    "logGroupIdentifier": (["/aws-glue/jobs/output", "arn:aws:logs:us-east-1:1:log-group:/aws-glue/jobs/output:*"], ["naïve", "é" * 3]),
    "logStreamName": (["jr_" + "a" * 64, "naïve ☃"], ["a:b", "", "x" * 513]),
    "logStreamNames": ([["jr_1"], ["jr_1", "jr_2"]], [[], ["a*b"], [""]]),
    "logStreamNamePrefix": (["jr_"], ["a:b", ""]),
    "startTime": ([0, 2**63 - 1], [-1, 2**63, 1.0, 1.5]),
    "endTime": ([0, 10**13], [True]),
    "filterPattern": (["", "ERROR"], ["x" * 1025]),
    "nextToken": (["f/1"], [""]),
    "limit": ([1, 50, 10000], [51, 10001, 0, 2**31]),
    "startFromHead": ([True, False], [1, "true"]),
    "interleaved": ([True], []),
    "unmask": ([False], []),
    "orderBy": (["LogStreamName", "LastEventTime"], ["Other"]),
    "descending": ([True], []),
    "other": ([], [1]),
}
LOGS_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**64), 2**64), st.floats(allow_nan=False), st.text(max_size=20),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.just("jr_1")), max_size=3),
)


def logs_value(name: str) -> st.SearchStrategy[Any]:
    """Mostly a value the model allows (so whole requests often pass), else one it refuses."""
    allowed, refused = LOGS_MEMBERS[name]

    def pick(kind: int) -> st.SearchStrategy[Any]:
        if kind < 4 and allowed:
            return st.sampled_from(allowed)
        return st.sampled_from(refused) if kind == 4 and refused else LOGS_VALUE

    return st.integers(0, 5).flatmap(pick)


@pytest.mark.parametrize("operation", ["FilterLogEvents", "GetLogEvents", "DescribeLogStreams"])
@given(data=st.data())
def test_a_logs_request_the_quick_test_passes_has_nothing_wrong(operation: str, data: st.DataObject) -> None:
    # CloudWatch Logs requests first take the model's strict quick test; only one it fails is
    # judged member by member, so one it passes must be one that judging finds nothing in.
    from pytest_gluejobs._data.errors import GlueError
    from pytest_gluejobs._service.cloudwatch_logs import _input, _judge

    members = sorted(_input(operation)[0])
    names = data.draw(st.lists(st.sampled_from([*members, "other"]), unique=True, max_size=5), label="members")
    if operation == "GetLogEvents" and "logStreamName" not in names and data.draw(st.booleans()):
        names.append("logStreamName")  # required
    params = {name: data.draw(logs_value(name), label=name) for name in names}
    if _input(operation)[2](params):
        try:
            _judge(operation, params)
        except GlueError as error:
            pytest.fail(f"the quick test passed {params!r}, which the check refuses: {error.message}")


@given(key=st.from_regex(r"[A-Z][A-Za-z]{0,20}", fullmatch=True), value=st.text())
@example(key="Name", value='quote " back \\ and \x00 ☃ \U0001f600 \ud800')
def test_a_response_of_one_string_is_the_text_the_encoder_makes(key: str, value: str) -> None:
    from pytest_gluejobs._data.shapes import _to_json, wire_json

    assert wire_json({key: value}) == _to_json({key: value})


def test_request_and_run_ids_made_in_batches_are_each_of_their_form_and_all_distinct() -> None:
    # A batch comes from one draw of random bits, cut into ids: each must still be a version-4
    # UUID (request ids) or jr_ and 64 hex digits (run ids), and none may repeat.
    import re

    from pytest_gluejobs._edge.wire import _new_request_ids
    from pytest_gluejobs._service.runs import _new_run_ids

    request_ids = [request_id for _ in range(20) for request_id in _new_request_ids()]
    run_ids = [run_id for _ in range(20) for run_id in _new_run_ids()]
    assert len(set(request_ids)) == len(request_ids) == 20 * 64
    assert len(set(run_ids)) == len(run_ids) == 20 * 64
    for request_id in request_ids:
        parsed = uuid.UUID(request_id)
        assert (str(parsed), parsed.version, parsed.variant) == (request_id, 4, uuid.RFC_4122)
    assert all(re.fullmatch("jr_[0-9a-f]{64}", run_id) for run_id in run_ids)


@given(
    operation=st.sampled_from(["GetJobs", "ListJobs", "GetJobRuns", "ListTriggers"]),
    job=st.text(),
    cursor=st.one_of(st.text(), st.integers(-(2**70), 2**70)),
)
def test_a_next_token_holds_the_text_json_dumps_makes(operation: str, job: str, cursor: str | int) -> None:
    import json

    from pytest_gluejobs._service.paging import _token_json

    assert _token_json(operation, job, cursor) == json.dumps([operation, job, cursor])
