"""A state machine drives the fake through boto3 and checks it against a small reference model.

The model is a dict of names to (description, tags) plus the quota; paging sessions stay open
across steps, so creates and deletes happen between the pages of GetJobs and ListJobs. Each
page is checked against what the model says the cursor (the last name returned) must yield.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from support import DEFINITION, REGION, error_of, fresh_client, page_names, require
from support.exchanges import call
from support.invariants import store_problems, stored_tags

from pytest_gluejobs import fake_glue_jobs

require("hypothesis", "hypothesis (or 'pytest-gluejobs[test]')")

from hypothesis import strategies as st  # noqa: E402
from hypothesis.stateful import (  # noqa: E402
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

NAMES = st.sampled_from(["a", "b", "c", "d", "e", "job 1", "job-2", "Ä", "😀", "z" * 255])
DESCRIPTIONS = st.one_of(st.none(), st.sampled_from(["", "first", "second\nline"]))
TAGS = st.sampled_from([{}, {"team": "a"}, {"team": "b"}, {"team": "a", "env": "x"}])
FILTERS = st.sampled_from([None, {"team": "a"}, {"team": "a", "env": "x"}, {"env": "y"}])


@dataclass
class Paging:
    """An open GetJobs/ListJobs paging session and what the model expects of it."""

    operation: str
    page_size: int
    tags: dict[str, str] | None
    after: str
    token: str
    seen: list[str] = field(default_factory=list)


class GlueJobsMachine(RuleBasedStateMachine):
    pagings = Bundle("pagings")

    def __init__(self, client: Any) -> None:
        super().__init__()
        self.client = client
        self.fake = fake_glue_jobs(region=REGION)
        self.fake.start()
        self.quota = 1000
        self.descriptions: dict[str, str | None] = {}
        self.tags: dict[str, dict[str, str]] = {}

    def teardown(self) -> None:
        self.fake.stop()

    def expect_error(self, outcome: Any, code: str) -> None:
        assert error_of(outcome).code == code

    # -- mutations -------------------------------------------------------------------------

    @rule(quota=st.integers(0, 8))
    def set_quota(self, quota: int) -> None:
        self.fake.max_jobs = self.quota = quota

    @rule(name=NAMES, description=DESCRIPTIONS, tags=TAGS)
    def create(self, name: str, description: str | None, tags: dict[str, str]) -> None:
        params: dict[str, Any] = {
            "Name": name,
            **DEFINITION,
            "Tags": tags,
        }
        if description is not None:
            params["Description"] = description
        outcome = call(self.client, "CreateJob", params)
        if name in self.descriptions:
            self.expect_error(outcome, "AlreadyExistsException")
        elif len(self.descriptions) >= self.quota:
            self.expect_error(outcome, "ResourceNumberLimitExceededException")
        else:
            assert outcome == {"Name": name, "ResponseMetadata": outcome["ResponseMetadata"]}
            self.descriptions[name] = description
            self.tags[name] = tags

    @rule(name=NAMES, description=DESCRIPTIONS)
    def update(self, name: str, description: str | None) -> None:
        job_update: dict[str, Any] = {"Role": "etl", "Command": {"Name": "pythonshell"}}
        if description is not None:
            job_update["Description"] = description
        outcome = call(self.client, "UpdateJob", {"JobName": name, "JobUpdate": job_update})
        if name not in self.descriptions:
            self.expect_error(outcome, "EntityNotFoundException")
        else:
            assert outcome["JobName"] == name
            self.descriptions[name] = description

    @rule(name=NAMES)
    def delete(self, name: str) -> None:
        outcome = call(self.client, "DeleteJob", {"JobName": name})
        assert outcome["JobName"] == name
        self.descriptions.pop(name, None)
        self.tags.pop(name, None)

    # -- reads -----------------------------------------------------------------------------

    @rule(name=NAMES)
    def get(self, name: str) -> None:
        outcome = call(self.client, "GetJob", {"JobName": name})
        if name not in self.descriptions:
            self.expect_error(outcome, "EntityNotFoundException")
        else:
            assert outcome["Job"]["Name"] == name
            assert outcome["Job"].get("Description") == self.descriptions[name]

    @rule(names=st.lists(NAMES, max_size=6))
    def batch_get(self, names: list[str]) -> None:
        outcome = call(self.client, "BatchGetJobs", {"JobNames": names})
        unique = list(dict.fromkeys(names))
        assert [job["Name"] for job in outcome["Jobs"]] == [n for n in unique if n in self.descriptions]
        assert outcome["JobsNotFound"] == [n for n in unique if n not in self.descriptions]

    def expected_page(self, tags: dict[str, str] | None, after: str | None, size: int) -> tuple[list[str], bool]:
        """The model's page after the cursor, and whether another page follows."""
        names = sorted(
            name for name in self.descriptions
            if (after is None or name > after) and (tags or {}).items() <= self.tags[name].items()
        )
        return names[:size], len(names) > size

    def fetch(self, operation: str, size: int, tags: dict[str, str] | None, token: str | None) -> tuple[list[str], str | None]:
        params: dict[str, Any] = {"MaxResults": size}
        if tags is not None:
            params["Tags"] = tags
        if token is not None:
            params["NextToken"] = token
        outcome = call(self.client, operation, params)
        return page_names(outcome), outcome.get("NextToken")

    @rule(
        target=pagings,
        operation=st.sampled_from(["GetJobs", "ListJobs"]),
        size=st.integers(1, 4),
        tags=FILTERS,
    )
    def start_paging(self, operation: str, size: int, tags: dict[str, str] | None) -> Any:
        tags = tags if operation == "ListJobs" else None
        names, token = self.fetch(operation, size, tags, None)
        expected, more = self.expected_page(tags, None, size)
        assert names == expected
        assert (token is not None) == more
        if token is None:
            return multiple()
        return Paging(operation, size, tags, names[-1], token, list(names))

    @rule(target=pagings, paging=consumes(pagings))
    def next_page(self, paging: Paging) -> Any:
        names, token = self.fetch(paging.operation, paging.page_size, paging.tags, paging.token)
        expected, more = self.expected_page(paging.tags, paging.after, paging.page_size)
        assert names == expected
        assert (token is not None) == more
        assert not set(names) & set(paging.seen), "a job returned twice in one paging"
        if token is None:
            return multiple()
        paging.after, paging.token = names[-1], token
        paging.seen += names
        return paging

    # -- agreement after every step --------------------------------------------------------

    @invariant()
    def agrees_with_the_model(self) -> None:
        jobs = self.fake.jobs(REGION)
        assert sorted(jobs) == sorted(self.descriptions)
        for name, job in jobs.items():
            assert job.get("Description") == self.descriptions[name]
        assert stored_tags(self.fake, REGION) == {n: t for n, t in self.tags.items() if t}
        listed = call(self.client, "ListJobs", {"MaxResults": 1000})
        assert listed["JobNames"] == sorted(self.descriptions)
        assert store_problems(self.fake, REGION) == []


@pytest.fixture(scope="module")
def client() -> Any:
    return fresh_client(REGION)


def test_the_fake_agrees_with_a_reference_model(client: Any) -> None:
    # Hypothesis takes any factory of machines; its annotation names only the class.
    run_state_machine_as_test(lambda: GlueJobsMachine(client))  # type: ignore[arg-type]
