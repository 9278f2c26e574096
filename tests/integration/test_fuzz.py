"""Fuzzing through a real boto3 client: whatever botocore lets through gets a modeled answer.

Every example runs against a fresh ``fake_glue_jobs()`` made inside the test body (a fixture
would be shared by all examples); the boto3 client is shared, since a client answers through
whichever fake is active. After every call, every stored job must satisfy every rule
(``job_invariants``, written apart from the fake) and every response must fit botocore's shape.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from botocore.exceptions import ClientError
from botocore.model import StructureShape
from support import REGION, error_of, fresh_client, page_names, require
from support.exchanges import Exchange, call, wire_log
from support.invariants import store_problems, stored_tags
from support.wire_shapes import glue_model, shape_problems, structure

from pytest_gluejobs import OPERATIONS, GlueJobs, fake_glue_jobs

require("hypothesis", "hypothesis (or 'pytest-gluejobs[test]')")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from support.strategies import NAMES, TAGS, acceptable, member, request, valid_definition  # noqa: E402

# Operations that never change a job (a bookmark reset changes the bookmark, not the job).
READ_ONLY = ("GetJob", "GetJobs", "ListJobs", "BatchGetJobs", "GetJobBookmark", "ResetJobBookmark", "GetSystemLogsForJobRun")


@pytest.fixture(scope="module")
def client() -> Any:
    return fresh_client(REGION)


def assert_sound(fake: GlueJobs, exchanges: list[Exchange]) -> None:
    """No stored job breaks a rule, and every response fits its operation's shapes."""
    assert store_problems(fake, REGION) == []
    for exchange in exchanges:
        assert exchange.problems() == [], (exchange.operation, exchange.params)


def seed(fake: GlueJobs) -> None:
    fake.add_job("nightly", region=REGION, Tags={"team": "data"})
    fake.add_job("hourly", region=REGION, WorkerType="G.1X", NumberOfWorkers=2, GlueVersion="4.0")


@pytest.mark.parametrize("operation", OPERATIONS)
@given(data=st.data())
def test_any_request_botocore_sends_gets_a_modeled_answer(
    client: Any, operation: str, data: st.DataObject
) -> None:
    with fake_glue_jobs() as fake, wire_log(fake) as exchanges:
        seed(fake)
        before = fake.jobs(REGION)

        outcome = call(client, operation, data.draw(request(operation), label="params"))

        assert_sound(fake, exchanges)
        if isinstance(outcome, ClientError) or operation in READ_ONLY:
            assert fake.jobs(REGION) == before


def member_paths(container: str) -> list[str]:
    """Every member of a definition, and the members of its small structures (Command.Runtime)."""
    paths = []
    for name, shape in structure(container).members.items():
        if name not in ("Name", "Tags"):
            paths.append(name)
            if isinstance(shape, StructureShape):
                paths += [f"{name}.{child}" for child in shape.members]
    return paths


# The members whose rules depend on each other: capacity, workers, versions, command kinds.
ENTANGLED = ["WorkerType", "NumberOfWorkers", "MaxCapacity", "AllocatedCapacity", "GlueVersion",
             "Command.Name", "Command.ScriptLocation", "ExecutionClass", "Timeout"]


CREATE_PATHS = ["Name", "Tags", *member_paths("CreateJobRequest")]
UPDATE_PATHS = member_paths("JobUpdate")
# One test per member keeps every member in play on every run; each gets a share of the examples.
PER_MEMBER = settings(max_examples=max(8, settings().max_examples // 4))


@st.composite
def with_wild_members(
    draw: st.DrawFn, container: str, forced: tuple[str, ...] = (), pool: tuple[str, ...] = (), most: int = 0
) -> tuple[dict[str, Any], list[str]]:
    """A valid definition whose ``forced`` members, and up to ``most`` of ``pool``, are replaced
    by anything botocore accepts."""
    definition = draw(valid_definition())
    count = draw(st.integers(0, most), label="how many more wild") if most else 0
    # A shuffle picks evenly; sorted, so a wild structure is set before a wild member inside it.
    extra = [path for path in draw(st.permutations(pool), label="pool") if path not in forced]
    wild = sorted([*forced, *extra[:count]])
    members = structure(container).members
    for path in wild:
        parent, _, child = path.partition(".")
        if parent not in members:
            continue  # Name and Tags are the caller's
        if child:
            container_shape = members[parent]
            assert isinstance(container_shape, StructureShape), parent
            shape = container_shape.members[child]
            definition.setdefault(parent, {})[child] = draw(acceptable(shape, path), label=path)
        else:
            definition[path] = draw(acceptable(members[path], path), label=path)
    return definition, wild


def expect_members(stored: dict[str, Any], given_members: dict[str, Any]) -> None:
    """The stored job keeps every member it was given (defaults may add to structures)."""
    for name, value in given_members.items():
        if name in ("Command", "ExecutionProperty"):
            assert stored[name].items() >= value.items(), name
        else:
            assert stored[name] == value, name


def create_and_check(
    client: Any, name: str, params: dict[str, Any], tags: Any, wild: list[str], quota: int = 1000
) -> None:
    """CreateJob through boto3 next to an existing 'nightly'; valid input must be stored as given."""
    with fake_glue_jobs() as fake, wire_log(fake) as exchanges:
        fake.add_job("nightly", region=REGION)
        fake.max_jobs = quota
        before = fake.jobs(REGION)
        request = {"Name": name, **params}
        if tags is not None:
            request["Tags"] = tags

        outcome = call(client, "CreateJob", request)

        assert_sound(fake, exchanges)
        if isinstance(outcome, ClientError):
            assert fake.jobs(REGION) == before
            if name == "nightly":
                assert error_of(outcome).code in ("AlreadyExistsException", "InvalidInputException")
        elif not wild:
            assert outcome["Name"] == name
            expect_members(fake.jobs(REGION)[name], params)
            assert stored_tags(fake, REGION).get(name, {}) == (tags or {})
        if not wild and name != "nightly" and quota > 1:
            assert not isinstance(outcome, ClientError), outcome


@given(definition=with_wild_members("CreateJobRequest"), name=NAMES,
       tags=st.one_of(st.none(), TAGS), quota=st.sampled_from([1000, 1]))
def test_create_job_stores_valid_input_as_given(
    client: Any, definition: tuple[dict[str, Any], list[str]], name: str, tags: Any, quota: int
) -> None:
    create_and_check(client, name, definition[0], tags, [], quota)


@pytest.mark.parametrize("path", CREATE_PATHS)
@PER_MEMBER
@given(data=st.data())
def test_create_job_with_any_value_of_one_member(client: Any, path: str, data: st.DataObject) -> None:
    params, wild = data.draw(with_wild_members("CreateJobRequest", (path,)), label="definition")
    name = data.draw(member("CreateJob", "Name") if path == "Name" else NAMES, label="Name")
    tags = data.draw(member("CreateJob", "Tags") if path == "Tags" else st.none(), label="Tags")
    create_and_check(client, name, params, tags, wild)


@given(definition=with_wild_members("CreateJobRequest", pool=tuple(ENTANGLED), most=5), name=NAMES)
def test_create_job_with_entangled_members_in_any_combination(
    client: Any, definition: tuple[dict[str, Any], list[str]], name: str
) -> None:
    params, wild = definition
    create_and_check(client, name, params, None, wild)


def update_and_check(client: Any, existing: dict[str, Any], target: str, job_update: dict[str, Any],
                     wild: list[str]) -> None:
    """UpdateJob through boto3 of a valid 'nightly'; a valid update replaces the definition."""
    with fake_glue_jobs() as fake, wire_log(fake) as exchanges:
        fake.add_job("nightly", region=REGION, Tags={"team": "data"}, **existing)
        before = fake.jobs(REGION)

        outcome = call(client, "UpdateJob", {"JobName": target, "JobUpdate": job_update})

        assert_sound(fake, exchanges)
        after = fake.jobs(REGION)
        old = before["nightly"]
        # A valid update succeeds, unless the kept GlueVersion forbids what a 0.9 job allows.
        must_succeed = not wild and target == "nightly" and (
            "GlueVersion" in job_update or old["GlueVersion"] in ("0.9", "1.0")
        )
        if isinstance(outcome, ClientError):
            assert not must_succeed, outcome
            assert after == before
            return
        assert target == "nightly"
        new = after["nightly"]
        assert stored_tags(fake, REGION) == {"nightly": {"team": "data"}}
        assert new["CreatedOn"] == old["CreatedOn"]
        assert new["LastModifiedOn"] >= old["LastModifiedOn"]
        if "GlueVersion" not in job_update:
            assert new["GlueVersion"] == old["GlueVersion"]
        if not wild:
            expect_members(new, job_update)
            for optional in ("Description", "DefaultArguments", "Connections", "SecurityConfiguration",
                             "NotificationProperty", "MaintenanceWindow", "SourceControlDetails"):
                if optional not in job_update:
                    assert optional not in new, f"UpdateJob kept {optional} it was not given"


@given(existing=valid_definition(), update=with_wild_members("JobUpdate"),
       target=st.sampled_from(["nightly", "missing"]))
def test_update_job_replaces_the_definition_with_valid_input(
    client: Any, existing: dict[str, Any], update: tuple[dict[str, Any], list[str]], target: str
) -> None:
    update_and_check(client, existing, target, *update)


@pytest.mark.parametrize("path", ["JobName", *UPDATE_PATHS])
@PER_MEMBER
@given(existing=valid_definition(), data=st.data())
def test_update_job_with_any_value_of_one_member(
    client: Any, path: str, existing: dict[str, Any], data: st.DataObject
) -> None:
    job_update, wild = data.draw(with_wild_members("JobUpdate", (path,)), label="JobUpdate")
    target = data.draw(member("UpdateJob", "JobName") if path == "JobName" else st.just("nightly"))
    update_and_check(client, existing, target, job_update, wild)


@given(existing=valid_definition(), update=with_wild_members("JobUpdate", pool=tuple(ENTANGLED), most=5))
def test_update_job_with_entangled_members_in_any_combination(
    client: Any, existing: dict[str, Any], update: tuple[dict[str, Any], list[str]]
) -> None:
    update_and_check(client, existing, "nightly", *update)


def _names_and_tags() -> st.SearchStrategy[dict[str, dict[str, str]]]:
    tags = st.dictionaries(st.sampled_from(["team", "env"]), st.sampled_from(["a", "b"]), max_size=2)
    return st.dictionaries(NAMES, tags, max_size=12)


@pytest.mark.parametrize("operation", ["GetJobs", "ListJobs"])
@given(
    jobs=_names_and_tags(),
    page_size=st.one_of(st.integers(1, 5), member("GetJobs", "MaxResults")),
    tag_filter=st.one_of(
        st.none(),
        st.dictionaries(st.sampled_from(["team", "env"]), st.sampled_from(["a", "b"]), min_size=1),
        member("ListJobs", "Tags"),
    ),
)
def test_paging_returns_every_job_once_or_refuses_the_request(
    client: Any,
    operation: str,
    jobs: dict[str, dict[str, str]],
    page_size: int,
    tag_filter: dict[str, str] | None,
) -> None:
    with fake_glue_jobs() as fake, wire_log(fake) as exchanges:
        for name, tags in jobs.items():
            fake.add_job(name, region=REGION, Tags=tags)
        params: dict[str, Any] = {"MaxResults": page_size}
        if tag_filter is not None and operation == "ListJobs":
            params["Tags"] = tag_filter
        wanted = sorted(
            name for name, tags in jobs.items() if params.get("Tags", {}).items() <= tags.items()
        )
        # botocore sends True for an integer (bool is an int); JSON true is no page size.
        valid = type(page_size) is int and page_size <= 1000 and not shape_problems(
            glue_model().shape_for("TagsMap"), params.get("Tags", {})
        )

        seen: list[str] = []
        while True:
            outcome = call(client, operation, params)
            if isinstance(outcome, ClientError):
                break
            page = page_names(outcome)
            assert len(page) <= page_size
            seen += page
            if "NextToken" not in outcome:
                break
            assert page, "an empty page in the middle"
            params["NextToken"] = outcome["NextToken"]

        assert_sound(fake, exchanges)
        if valid:
            assert not isinstance(outcome, ClientError), outcome
            assert seen == wanted
        else:
            assert isinstance(outcome, ClientError)
            assert error_of(outcome).code == "InvalidInputException"


@pytest.mark.parametrize("operation", ["GetJobs", "ListJobs"])
@given(
    count=st.integers(2, 6),
    tamper=st.sampled_from(["truncate", "extend", "flip", "lower", "foreign"]),
    foreign=member("GetJobs", "NextToken"),
)
def test_a_tampered_next_token_is_refused_or_continues_in_order(
    client: Any, operation: str, count: int, tamper: str, foreign: str
) -> None:
    with fake_glue_jobs() as fake, wire_log(fake) as exchanges:
        names = [f"job-{index}" for index in range(count)]
        for name in names:
            fake.add_job(name, region=REGION)
        token = call(client, operation, {"MaxResults": 1})["NextToken"]
        bad = {
            "truncate": token[: len(token) // 2],
            "extend": token + "A",
            "flip": token[:-3] + ("B" if token[-3] != "B" else "C") + token[-2:],
            "lower": token.lower(),
            "foreign": foreign,
        }[tamper]

        outcome = call(client, operation, {"MaxResults": 1000, "NextToken": bad})

        assert_sound(fake, exchanges)
        if not isinstance(outcome, ClientError):
            page = page_names(outcome)
            assert page == sorted(page)
            assert set(page) <= set(names)


@given(
    stored=st.lists(NAMES, unique=True, max_size=6),
    requested=st.lists(
        st.one_of(
            st.sampled_from(["nightly", "missing"]), NAMES, acceptable(glue_model().shape_for("NameString"))
        ),
        max_size=8,
    ),
)
def test_batch_get_jobs_splits_found_from_not_found(
    client: Any, stored: list[str], requested: list[str]
) -> None:
    with fake_glue_jobs() as fake, wire_log(fake) as exchanges:
        for name in stored:
            fake.add_job(name, region=REGION)

        outcome = call(client, "BatchGetJobs", {"JobNames": requested})

        assert_sound(fake, exchanges)
        if isinstance(outcome, ClientError):
            return
        found = [job["Name"] for job in outcome["Jobs"]]
        jobs = fake.jobs(REGION)
        assert len(found) == len(set(found))
        assert set(found) == set(requested) & set(stored)
        assert set(outcome["JobsNotFound"]) == set(requested) - set(stored)
        assert [job for job in outcome["Jobs"]] == [jobs[name] for name in found]


@pytest.mark.parametrize("operation", OPERATIONS)
@given(data=st.data())
def test_the_quick_validity_test_agrees_with_the_full_check(operation: str, data: st.DataObject) -> None:
    # A valid request takes only the quick test; it must pass exactly the requests the full
    # check finds nothing wrong with, or the fake would accept what the model refuses.
    from pytest_gluejobs._service.model import input_check, input_validity

    params = data.draw(request(operation), label="params")
    problems: list[str] = []
    input_check(operation)(params, "", problems)
    assert input_validity(operation)(params) == (problems == []), problems
_CRON_PARTS = st.sampled_from(["*", "?", "0", "5", "0/5", "1-5", "5-1", "L", "LW", "L-3", "15W", "6#3", "6L", "MON-FRI", "JAN,JUL", "2024", "1970-2199/7", "60", "-1", "/", "*/0", "#", "W", ""])


@given(fields=st.lists(_CRON_PARTS, min_size=5, max_size=7))
def test_any_schedule_is_refused_in_words_or_stored_with_its_next_fire_time(client: Any, fields: list[str]) -> None:
    schedule = f"cron({' '.join(fields)})"
    with fake_glue_jobs() as fake:
        seed(fake)
        refused = None
        try:
            client.create_trigger(Name="t", Type="SCHEDULED", Schedule=schedule, Actions=[{"JobName": "nightly"}], StartOnCreation=True)
        except ClientError as error:
            refused = error_of(error)
        if refused is not None:
            assert refused.code == "InvalidInputException"
            assert "is not a valid cron expression" in refused.message
            assert fake.triggers(REGION) == {}
            return
        assert client.get_trigger(Name="t")["Trigger"]["Schedule"] == schedule
        next_fire = fake.service.data.next_fire
        assert next_fire is None or next_fire > time.time()  # a schedule may have no time left
        assert fake.runs() == []
