"""GetJobs and ListJobs: cursor paging, order, page sizes, paginators and the tag filter."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from support import page_names


@pytest.fixture
def forty_jobs(glue_jobs: Any) -> list[str]:
    names = [f"job-{index:02d}" for index in range(40)]
    for name in reversed(names):
        glue_jobs.add_job(name, Tags={"parity": "even" if int(name[-2:]) % 2 == 0 else "odd", "all": "yes"})
    return names


def read_all(glue: Any, operation: str, **params: Any) -> list[list[str]]:
    pages = []
    while True:
        response = getattr(glue, operation)(**params)
        pages.append(page_names(response))
        if "NextToken" not in response:
            return pages
        params["NextToken"] = response["NextToken"]


@pytest.mark.parametrize(("operation", "key"), [("get_jobs", "Jobs"), ("list_jobs", "JobNames")])
def test_pages_return_every_job_once_in_name_order(glue: Any, forty_jobs: list[str], operation: str, key: str) -> None:
    pages = read_all(glue, operation, MaxResults=7)
    assert [len(page) for page in pages] == [7, 7, 7, 7, 7, 5]
    assert [name for page in pages for name in page] == forty_jobs


@pytest.mark.parametrize(("operation", "key"), [("get_jobs", "Jobs"), ("list_jobs", "JobNames")])
def test_the_default_page_size_is_100(glue: Any, glue_jobs: Any, operation: str, key: str) -> None:
    for index in range(150):
        glue_jobs.add_job(f"j{index:03d}")
    first = getattr(glue, operation)()
    assert len(first[key]) == 100 and "NextToken" in first
    second = getattr(glue, operation)(NextToken=first["NextToken"])
    assert len(second[key]) == 50 and "NextToken" not in second


def test_an_exact_last_page_has_no_token(glue: Any, forty_jobs: list[str]) -> None:
    pages = read_all(glue, "list_jobs", MaxResults=20)
    assert [len(page) for page in pages] == [20, 20]


def test_an_empty_account_has_one_empty_page(glue: Any) -> None:
    assert glue.get_jobs() ["Jobs"] == []
    assert "NextToken" not in glue.list_jobs()


def test_paging_stays_exact_when_jobs_change_between_pages(glue: Any, glue_jobs: Any, forty_jobs: list[str]) -> None:
    first = glue.list_jobs(MaxResults=10)
    assert first["JobNames"] == forty_jobs[:10]
    glue.delete_job(JobName="job-10")  # the next job to come: gone
    glue.delete_job(JobName="job-05")  # already seen
    glue_jobs.add_job("job-10a")  # after the cursor: comes later
    glue_jobs.add_job("job-00a")  # before the cursor: not seen on this pass
    rest = read_all(glue, "list_jobs", MaxResults=10, NextToken=first["NextToken"])
    seen = first["JobNames"] + [name for page in rest for name in page]
    assert "job-10" not in seen and "job-10a" in seen
    assert len(seen) == len(set(seen))
    assert sorted(set(forty_jobs) - {"job-10"}) == [name for name in seen if name != "job-10a"]


def test_botocore_paginators_walk_every_page(glue: Any, forty_jobs: list[str]) -> None:
    names = [
        name
        for page in glue.get_paginator("list_jobs").paginate(PaginationConfig={"PageSize": 6})
        for name in page["JobNames"]
    ]
    assert names == forty_jobs
    jobs = list(glue.get_paginator("get_jobs").paginate(PaginationConfig={"PageSize": 9}).search("Jobs[].Name"))
    assert jobs == forty_jobs
    limited = glue.get_paginator("get_jobs").paginate(PaginationConfig={"MaxItems": 12, "PageSize": 5}).build_full_result()
    assert [job["Name"] for job in limited["Jobs"]] == forty_jobs[:12]


@pytest.mark.parametrize(
    "token",
    ["garbage", base64.urlsafe_b64encode(b"not ours").decode(), "%%%", ""],
    ids=["text", "foreign-base64", "symbols", "empty"],
)
def test_a_malformed_token_is_invalid_input(glue: Any, forty_jobs: list[str], token: str) -> None:
    if token == "":
        # An empty token means "start": botocore's paginator also treats it as no token.
        assert len(glue.list_jobs(NextToken=token)["JobNames"]) == 40
        return
    with pytest.raises(glue.exceptions.InvalidInputException, match=r"Invalid NextToken .* for ListJobs"):
        glue.list_jobs(NextToken=token)
    with pytest.raises(glue.exceptions.InvalidInputException, match="for GetJobs"):
        glue.get_jobs(NextToken=token)


def test_the_tag_filter_keeps_jobs_with_all_the_given_tags(glue: Any, forty_jobs: list[str], glue_jobs: Any) -> None:
    glue_jobs.add_job("other", Tags={"parity": "even"})
    evens = [name for name in forty_jobs if int(name[-2:]) % 2 == 0]
    assert glue.list_jobs(Tags={"parity": "even", "all": "yes"})["JobNames"] == evens
    assert glue.list_jobs(Tags={"parity": "even"})["JobNames"] == [*evens, "other"]
    assert glue.list_jobs(Tags={"parity": "EVEN"})["JobNames"] == []
    assert glue.list_jobs(Tags={"parity": "even", "missing": "x"})["JobNames"] == []
    assert glue.list_jobs(Tags={})["JobNames"] == [*forty_jobs, "other"]


def test_the_tag_filter_applies_before_paging(glue: Any, forty_jobs: list[str]) -> None:
    pages = read_all(glue, "list_jobs", MaxResults=4, Tags={"parity": "odd"})
    assert [len(page) for page in pages] == [4, 4, 4, 4, 4]
    assert [name for page in pages for name in page] == [n for n in forty_jobs if int(n[-2:]) % 2]
