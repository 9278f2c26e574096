"""Join, union, mergeDynamicFrame, SplitRows and Spigot: frames combined, split and sampled."""

from __future__ import annotations

import json

import pytest
from support.frames import records

from pytest_gluejobs._awsglue import gluetypes as G
from pytest_gluejobs._awsglue._paths import MissingFieldWarning
from pytest_gluejobs._awsglue.transforms import Join, Spigot, SplitRows, Union


@pytest.fixture
def persons(make_frame):
    return make_frame(
        [("p1", "Mike"), ("p2", "Shelley"), ("p3", None)], "id string, given_name string", "persons"
    )


@pytest.fixture
def memberships(make_frame):
    return make_frame(
        [("p1", "o1"), ("p2", "o2"), ("p2", "o1"), (None, "o3")],
        "person_id string, organization_id string",
        "memberships",
    )


def test_join_keeps_both_keys_as_the_legislators_sample_shows(persons, memberships, make_frame):
    orgs = make_frame([("o1", "House"), ("o2", "Senate")], "org_id string, org_name string", "orgs")
    history = Join.apply(
        orgs, Join.apply(persons, memberships, "id", "person_id"), "org_id", "organization_id"
    )
    assert [f.name for f in history.schema()] == [
        "org_id",
        "org_name",
        "id",
        "given_name",
        "person_id",
        "organization_id",
    ]
    rows = sorted(
        records(history.drop_fields(["person_id", "org_id"])),
        key=lambda r: (r["id"], r["org_name"]),
    )
    assert rows == [
        {"org_name": "House", "id": "p1", "given_name": "Mike", "organization_id": "o1"},
        {"org_name": "House", "id": "p2", "given_name": "Shelley", "organization_id": "o1"},
        {"org_name": "Senate", "id": "p2", "given_name": "Shelley", "organization_id": "o2"},
    ]
    assert history.name == "orgspersonsmemberships"


def test_join_dots_a_name_both_frames_have(make_frame):
    # The Join page's example: both frames have zip; one becomes .zip.
    customers = make_frame([("Ann", "75091"), ("Bo", "90093")], "customers string, zip string")
    zips = make_frame([("75091",)], "zip string")
    joined = Join.apply(customers, zips, "zip", "zip")
    assert records(joined) == [{"customers": "Ann", "zip": "75091", ".zip": "75091"}]
    assert records(joined.drop_fields("`.zip`")) == [{"customers": "Ann", "zip": "75091"}]


def test_join_on_several_and_nested_keys(make_frame):
    left = make_frame([(("a", 1), "x"), (("a", 2), "y")], "key struct<k: string, n: int>, v string")
    right = make_frame([("a", 2, "z")], "k string, n int, w string")
    assert records(left.join(["key.k", "key.n"], ["k", "n"], right)) == [
        {"key": {"k": "a", "n": 2}, "v": "y", "k": "a", "n": 2, "w": "z"}
    ]


@pytest.mark.parametrize(
    ("keys1", "keys2", "error", "message"),
    [
        (["id"], ["person_id", "org_id"], ValueError, "as long as each other"),
        ([], [], ValueError, "at least one key"),
        (
            ["idd"],
            ["person_id"],
            ValueError,
            r"keys1 path 'idd' names no field of the frame \(fields: id, given_name\)",
        ),
        (5, ["person_id"], TypeError, "string or a list of strings, got int"),
    ],
)
def test_bad_joins_say_what_is_wrong(persons, memberships, keys1, keys2, error, message):
    with pytest.raises(error, match=message):
        persons.join(keys1, keys2, memberships)


def test_join_needs_frames(persons, memberships):
    with pytest.raises(TypeError, match="frame2 must be a DynamicFrame"):
        persons.join("id", "person_id", memberships.toDF())
    with pytest.raises(TypeError, match="frame1 must be a DynamicFrame"):
        Join.apply(persons.toDF(), persons, "id", "id")


def test_union_keeps_every_record_and_fills_missing_fields(make_frame):
    one = make_frame([(1, "a")], "id int, v string")
    two = make_frame([(2, True)], "id int, flag boolean")
    both = Union.apply(frame1=one, frame2=two)
    assert records(both) == [{"id": 1, "v": "a", "flag": None}, {"id": 2, "v": None, "flag": True}]
    with pytest.raises(TypeError, match="other_frame must be a DynamicFrame"):
        one.union([1])


def test_union_makes_a_choice_of_a_field_typed_two_ways_and_of_a_choice_again(make_frame):
    one = make_frame([(1,)], "v int")
    two = make_frame([("x",)], "v string")
    three = make_frame([(1.5,)], "v double")
    merged = one.union(two).union(three)
    assert merged.schema().getField("v").dataType == G.ChoiceType(
        [G.IntegerType(), G.StringType(), G.DoubleType()]
    )
    assert [r["v"] for r in records(merged.resolveChoice(choice="cast:string"))] == [
        "1",
        "x",
        "1.5",
    ]


def test_merge_replaces_source_records_with_staging_ones_by_key(make_frame):
    # AWS's mergeDynamicFrame: matches replaced, the rest of the source kept (duplicates too),
    # schemas may differ.
    source = make_frame([(1, "old"), (2, "keep"), (2, "keep too"), (3, "old")], "id int, v string")
    stage = make_frame(
        [(1, "new", True), (3, "new", False), (4, "added", None)], "id int, v string, flag boolean"
    )
    merged = source.mergeDynamicFrame(stage, ["id"])
    assert sorted(records(merged), key=lambda r: (r["id"], r["v"])) == [
        {"id": 1, "v": "new", "flag": True},
        {"id": 2, "v": "keep", "flag": None},
        {"id": 2, "v": "keep too", "flag": None},
        {"id": 3, "v": "new", "flag": False},
        {"id": 4, "v": "added", "flag": None},
    ]
    with pytest.raises(ValueError, match="primary key 'key' names no field"):
        source.mergeDynamicFrame(stage, "key")
    with pytest.raises(TypeError, match="stage_dynamic_frame must be a DynamicFrame"):
        source.mergeDynamicFrame(stage.toDF(), "id")


def test_split_rows_follows_aws_example(make_frame):
    frame = make_frame(
        [("TX", 560), ("CA", 123), ("CO", 180), ("NV", None)],
        "warehouse_loc string, `data.pineapple` int",
    )
    split = SplitRows.apply(
        frame=frame,
        comparison_dict={"`data.pineapple`": {">": "100", "<": "200"}},
        name1="pa_200_less",
        name2="pa_200_more",
    )
    assert [r["warehouse_loc"] for r in records(split["pa_200_less"])] == ["CA", "CO"]
    assert [r["warehouse_loc"] for r in records(split["pa_200_more"])] == ["TX", "NV"]
    assert sorted(SplitRows.apply(frame, {"warehouse_loc": {"=": "TX"}}).keys()) == [
        "frame1",
        "frame2",
    ]


def test_split_rows_every_operator_and_nested_paths(people):
    for operator, names in [
        ("=", ["NY"]),
        ("!=", ["WY", "NE", "AK"]),
        (">=", ["WY", "NY"]),
        ("<", ["NE", "AK"]),
    ]:
        split = people.split_rows({"location.state": {operator: "NY"}}, "a", "b")
        assert [r["location"]["state"] for r in records(split["a"])] == sorted(
            names, key=["WY", "NE", "NY", "AK"].index
        )


@pytest.mark.parametrize(
    ("comparison", "error", "message"),
    [
        (
            {"age": {"==": 3}},
            ValueError,
            "operator '==' for 'age' is not one of !=, =, <=, <, >=, >",
        ),
        ({"age": 3}, TypeError, "must be a non-empty dict"),
        ([("age", ">", 3)], TypeError, "comparison_dict must be a dict"),
        ({"age": {">": [1, 2]}}, TypeError, "must be a single value"),
        ({"friends.age": {">": 1}}, ValueError, "inside an array"),
    ],
)
def test_bad_split_rows_say_what_is_wrong(people, comparison, error, message):
    with pytest.raises(error, match=message):
        people.split_rows(comparison, "a", "b")


def test_split_rows_on_a_missing_field_splits_nothing_off(people):
    with pytest.warns(MissingFieldWarning, match="no field 'agee'"):
        split = people.split_rows({"agee": {">": 1}}, "a", "b")
    assert (split["a"].count(), split["b"].count()) == (0, 5)


def test_spigot_writes_a_sample_through_the_glue_context_and_passes_records_on(people, glue_ctx):
    passed = Spigot.apply(people, "s3://bucket/spigot/", {"topk": 2})
    assert records(passed) == records(people)
    write = glue_ctx.writes[-1]
    assert (write["connection_type"], write["connection_options"], write["format"]) == (
        "s3",
        {"path": "s3://bucket/spigot/"},
        "json",
    )
    assert [row.name for row in write["rows"]] == ["Sally", "Varun"]
    people.spigot("s3://bucket/all/", '{"prob": 1}')
    assert len(glue_ctx.writes[-1]["rows"]) == 5
    people.spigot("s3://bucket/none/", {"prob": 0.0})
    assert glue_ctx.writes[-1]["rows"] == []


def test_spigot_to_a_local_path_writes_json_there(people, tmp_path):
    people.spigot(str(tmp_path / "sample"), {"topk": 3})
    lines = [
        json.loads(line)
        for part in sorted((tmp_path / "sample").glob("part-*.json"))
        for line in part.read_text().splitlines()
    ]
    assert [line["name"] for line in lines] == ["Sally", "Varun", "George"]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ("top10", ValueError, "JSON object string"),
        ({"top": 10}, ValueError, r"unknown options \['top'\]; spigot takes topk and prob"),
        ({"topk": -1}, ValueError, "topk must be a whole number"),
        ({"prob": 2}, ValueError, "prob must be a number from 0 to 1"),
        (["topk"], TypeError, "options must be a dict"),
    ],
)
def test_bad_spigot_options(people, options, error, message):
    with pytest.raises(error, match=message):
        people.spigot("s3://bucket/x/", options)
