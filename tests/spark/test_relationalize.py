"""Relationalize: the legislators sample's tables, the Scala page's friends example, nested arrays."""

from __future__ import annotations

import pytest
from support.frames import records

from pytest_gluejobs._awsglue.transforms import Relationalize, SelectFromCollection


@pytest.fixture
def history(make_frame):
    return make_frame(
        [
            (
                "f4fc30ee",
                "Mike",
                [("fax", "202-225-1314"), ("phone", "202-225-3772")],
                ["Ross"],
                ("WY",),
            ),
            ("e3c60f34", "Shelley", [("twitter", "SenCapito")], [], None),
            ("a1", "Al", None, ["Al", "Alan"], ("NY",)),
        ],
        "id string, given_name string, contact_details array<struct<type: string, value: string>>, "
        "other_names array<string>, area struct<code: string>",
    )


def test_relationalize_names_tables_root_and_root_underscore_array(history):
    dfc = history.relationalize("hist_root", "s3://glue-sample-target/temp-dir/")
    assert sorted(dfc.keys()) == ["hist_root", "hist_root_contact_details", "hist_root_other_names"]
    names = list(dfc.keys())  # a collection is not iterable, as in Glue
    assert all(dfc[name].name == name for name in names)


def test_the_root_holds_keys_where_arrays_were_and_structs_flattened(history):
    root = history.relationalize("hist_root", "s3://t/").select("hist_root")
    assert [(f.name, f.dataType.typeName()) for f in root.schema()] == [
        ("id", "string"),
        ("given_name", "string"),
        ("contact_details", "long"),
        ("other_names", "long"),
        ("area.code", "string"),
    ]
    assert records(root) == [
        {
            "id": "f4fc30ee",
            "given_name": "Mike",
            "contact_details": 1,
            "other_names": 1,
            "area.code": "WY",
        },
        {
            "id": "e3c60f34",
            "given_name": "Shelley",
            "contact_details": 2,
            "other_names": 2,
            "area.code": None,
        },
        {
            "id": "a1",
            "given_name": "Al",
            "contact_details": None,
            "other_names": 3,
            "area.code": "NY",
        },
    ]


def test_array_tables_hold_id_index_and_val_columns(history):
    dfc = history.relationalize("hist_root", "s3://t/")
    contacts = dfc.select("hist_root_contact_details")
    assert [(f.name, f.dataType.typeName()) for f in contacts.schema()] == [
        ("id", "long"),
        ("index", "int"),
        ("contact_details.val.type", "string"),
        ("contact_details.val.value", "string"),
    ]
    assert records(contacts) == [
        {
            "id": 1,
            "index": 0,
            "contact_details.val.type": "fax",
            "contact_details.val.value": "202-225-1314",
        },
        {
            "id": 1,
            "index": 1,
            "contact_details.val.type": "phone",
            "contact_details.val.value": "202-225-3772",
        },
        {
            "id": 2,
            "index": 0,
            "contact_details.val.type": "twitter",
            "contact_details.val.value": "SenCapito",
        },
    ]
    names = SelectFromCollection.apply(dfc=dfc, key="hist_root_other_names")
    assert records(names) == [
        {"id": 1, "index": 0, "other_names.val": "Ross"},
        {"id": 3, "index": 0, "other_names.val": "Al"},
        {"id": 3, "index": 1, "other_names.val": "Alan"},
    ]
    # The root joins back to its arrays through the keys.
    root = dfc["hist_root"].toDF()
    joined = root.join(names.toDF(), root["other_names"] == names.toDF()["id"]).select(
        "given_name", "`other_names.val`"
    )
    assert sorted(tuple(r) for r in joined.collect()) == [
        ("Al", "Al"),
        ("Al", "Alan"),
        ("Mike", "Ross"),
    ]


def test_arrays_inside_arrays_and_structs_get_tables_of_their_own(make_frame):
    frame = make_frame(
        [(1, ([("a", [10, 11]), ("b", [])],))],
        "n int, data struct<items: array<struct<sku: string, lots: array<int>>>>",
    )
    dfc = Relationalize.apply(frame=frame, staging_path="s3://t/", name="root")
    assert sorted(dfc.keys()) == ["root", "root_data.items", "root_data.items.val.lots"]
    assert records(dfc["root"]) == [{"n": 1, "data.items": 1}]
    assert records(dfc["root_data.items"]) == [
        {"id": 1, "index": 0, "data.items.val.sku": "a", "data.items.val.lots": 1},
        {"id": 1, "index": 1, "data.items.val.sku": "b", "data.items.val.lots": 2},
    ]
    assert records(dfc["root_data.items.val.lots"]) == [
        {"id": 1, "index": 0, "data.items.val.lots.val": 10},
        {"id": 1, "index": 1, "data.items.val.lots.val": 11},
    ]


def test_the_transform_defaults_to_roottable_and_needs_a_staging_path(people):
    assert list(Relationalize.apply(people, "s3://t/").keys()) == ["roottable", "roottable_friends"]
    with pytest.raises(RuntimeError, match="no staging_path given and no --TempDir"):
        Relationalize.apply(frame=people)


def test_relationalize_refuses_bad_arguments(people):
    with pytest.raises(TypeError, match="root_table_name must be a string"):
        people.relationalize(None, "s3://t/")
    with pytest.raises(ValueError, match="root_table_name must not be empty"):
        people.relationalize("", "s3://t/")
    with pytest.raises(TypeError, match="staging_path must be a string"):
        people.relationalize("root", 5)
    with pytest.raises(TypeError, match="options must be a dict"):
        people.relationalize("root", "s3://t/", ["x"])
