"""ApplyMapping, SelectFields, DropFields, RenameField, UnnestFrame and SplitFields against what
AWS's pages show, on nested data with nulls."""

from __future__ import annotations

import decimal

import pytest
from support.frames import records

from pytest_gluejobs._awsglue import gluetypes as G
from pytest_gluejobs._awsglue._paths import MissingFieldWarning
from pytest_gluejobs._awsglue.transforms import (
    ApplyMapping,
    DropFields,
    RenameField,
    SelectFields,
    SplitFields,
    UnnestFrame,
)


def field_names(frame):
    return [(f.name, f.dataType.typeName()) for f in frame.schema()]


# -- ApplyMapping ----------------------------------------------------------------------------------


def test_apply_mapping_keeps_only_mapped_fields_renamed_and_cast(people):
    mapped = ApplyMapping.apply(
        frame=people,
        mappings=[("name", "string", "who", "string"), ("age", "int", "age", "long")],
        transformation_ctx="applymapping1",
    )
    assert field_names(mapped) == [("who", "string"), ("age", "long")]
    assert records(mapped)[0] == {"who": "Sally", "age": 23}
    assert mapped.name == "people"


def test_apply_mapping_unnests_and_renests_by_dotted_paths(people):
    # The Scala page's example: address.state out of the struct, then back into a new one.
    flat = people.apply_mapping(
        [("name", "string", "name", "string"), ("location.state", "string", "state", "string")]
    )
    assert records(flat)[:2] == [{"name": "Sally", "state": "WY"}, {"name": "Varun", "state": "NE"}]
    nested = flat.apply_mapping(
        [
            ("name", "string", "person.name", "string"),
            ("state", "string", "person.home.state", "string"),
        ]
    )
    assert records(nested)[4] == {"person": {"name": "Sheila", "home": {"state": None}}}
    assert nested.schema() == G.StructType(
        [
            G.Field(
                "person",
                G.StructType(
                    [
                        G.Field("name", G.StringType()),
                        G.Field("home", G.StructType([G.Field("state", G.StringType())])),
                    ]
                ),
            )
        ]
    )


def test_apply_mapping_follows_the_medicaid_sample(make_frame):
    frame = make_frame(
        [
            ("948 - SIGNS", 10011, "SACRAMENTO", "$32963.07"),
            ("039 - EXTRACRANIAL", 10005, "MONTGOMERY", "bad"),
        ],
        "`drg definition` string, `provider id` long, `provider city` string, ACC string",
    )
    mapped = frame.apply_mapping(
        [
            ("drg definition", "string", "drg", "string"),
            ("provider id", "long", "provider.id", "long"),
            ("provider city", "string", "provider.city", "string"),
            ("ACC", "string", "charges.covered", "double"),
        ]
    )
    assert field_names(mapped) == [("drg", "string"), ("provider", "struct"), ("charges", "struct")]
    rows = records(mapped)
    assert rows[0]["provider"] == {"id": 10011, "city": "SACRAMENTO"}
    # A value that does not convert becomes null.
    assert rows[0]["charges"] == {"covered": None} and rows[1]["charges"] == {"covered": None}


def test_apply_mapping_casts_to_every_glue_type_name(make_frame):
    frame = make_frame(
        [("12.5", "7", "true", "2024-03-01", "2024-03-01 10:00:00")],
        "n string, i string, b string, d string, t string",
    )
    mapped = frame.apply_mapping(
        [
            ("n", "string", "dbl", "double"),
            ("n", "string", "dec", "decimal"),
            ("n", "string", "dec51", "decimal(5,1)"),
            ("i", "String", "int", "Int"),
            ("i", "string", "big", "bigint"),
            ("i", "string", "short", "smallint"),
            ("b", "string", "flag", "boolean"),
            ("d", "string", "day", "date"),
            ("t", "string", "at", "timestamp"),
        ]
    )
    row = records(mapped)[0]
    assert (
        row["dbl"] == 12.5
        and row["dec"] == decimal.Decimal("12.50")
        and row["dec51"] == decimal.Decimal("12.5")
    )
    assert (row["int"], row["big"], row["short"], row["flag"]) == (7, 7, 7, True)
    assert str(row["day"]) == "2024-03-01" and str(row["at"]) == "2024-03-01 10:00:00"
    assert mapped.schema().getField("dec").dataType == G.DecimalType(10, 2)


def test_apply_mapping_quoted_names_and_struct_targets(make_frame):
    frame = make_frame(
        [("x", ("WY", 1))], "`this.old.name` string, address struct<state: string, zip: int>"
    )
    mapped = frame.apply_mapping(
        [
            ("`this.old.name`", "string", "thisNewName", "string"),
            ("address", "struct", "where", "struct"),
        ]
    )
    assert records(mapped) == [{"thisNewName": "x", "where": {"state": "WY", "zip": 1}}]
    dotted = frame.apply_mapping([("address.zip", "int", "`zip.code`", "string")])
    assert records(dotted) == [{"zip.code": "1"}]


def test_apply_mapping_matches_source_names_ignoring_case_unless_told(make_frame):
    frame = make_frame([("a",)], "Name string")
    assert records(frame.apply_mapping([("name", "string", "n", "string")])) == [{"n": "a"}]
    with pytest.warns(MissingFieldWarning, match="no field 'name'"):
        assert records(
            frame.apply_mapping([("name", "string", "n", "string")], case_sensitive=True)
        ) == [{}]


def test_apply_mapping_skips_a_source_the_frame_lacks_and_says_so(people):
    with pytest.warns(
        MissingFieldWarning, match=r"ApplyMapping: the frame has no field 'nmae'.*name"
    ):
        mapped = people.apply_mapping(
            [("nmae", "string", "n", "string"), ("age", "int", "age", "int")]
        )
    assert field_names(mapped) == [("age", "int")]


def test_apply_mapping_refuses_fields_under_arrays(people):
    with pytest.raises(ValueError, match=r"'friends.name' is nested under an array"):
        people.apply_mapping([("friends.name", "string", "friend", "string")])


@pytest.mark.parametrize(
    ("mappings", "error", "message"),
    [
        ("name", TypeError, "must be a list of"),
        ([["name", "string", "n", "string"]], TypeError, "Mapping must be specified as a tuple"),
        (
            [("name", "string", "n", "string", "x")],
            ValueError,
            "length 2, 3, or 4. Got tuple of length 5",
        ),
        (
            [("name", "strng", "n", "string")],
            ValueError,
            "source type of 'name' 'strng' is not a Glue type name",
        ),
        (
            [("name", "string", "n", "varchar2")],
            ValueError,
            "target type of 'n' 'varchar2' is not a Glue type name",
        ),
        ([("name", "string", "n", "decimal(50,2)")], ValueError, "precision must be 1 to 38"),
        ([("name", 1, "n", "string")], TypeError, "source type must be a string, got int"),
        (
            [("name", "string", "n", "string"), ("age", "int", "n", "int")],
            ValueError,
            "both write the target 'n'",
        ),
        (
            [("name", "string", "n", "string"), ("age", "int", "n.a", "int")],
            ValueError,
            "both write the target 'n'",
        ),
        ([("name", "string", "n", "struct")], ValueError, "cannot make string into struct"),
        ([("location", "struct", "n", "int")], ValueError, "cannot cast struct to int"),
    ],
)
def test_apply_mapping_bad_mappings_say_what_is_wrong(people, mappings, error, message):
    with pytest.raises(error, match=message):
        people.apply_mapping(mappings)


def test_two_and_three_item_mappings_are_not_run(people):
    with pytest.raises(NotImplementedError, match=r"ApplyMapping.mappings of 2 items"):
        people.apply_mapping([("name", "n")])


def test_a_single_mapping_tuple_is_accepted_and_apply_mapping_has_its_old_name(people):
    assert field_names(people.apply_mapping(("name", "string", "n", "string"))) == [("n", "string")]
    assert field_names(people.applyMapping(people, [("age", "int", "a", "int")])) == [("a", "int")]
    assert field_names(people.applyMapping(mappings=[("age", "int", "a", "int")])) == [("a", "int")]


# -- SelectFields / DropFields ---------------------------------------------------------------------


def test_select_fields_top_level_nested_and_through_arrays(people):
    assert records(SelectFields.apply(frame=people, paths=["name"]))[0] == {"name": "Sally"}
    assert records(people.select_fields("age"))[0] == {"age": 23}
    nested = people.select_fields(["name", "location.state", "friends.name"])
    assert records(nested)[2] == {
        "name": "George",
        "location": {"state": "NY"},
        "friends": [{"name": "Fred"}, {"name": "Amy"}],
    }
    assert records(nested)[4]["location"] is None


def test_select_fields_warns_of_a_missing_field(people):
    with pytest.warns(MissingFieldWarning, match="select_fields: the frame has no field 'zip'"):
        assert field_names(people.select_fields(["name", "zip"])) == [("name", "string")]


def test_drop_fields_follows_aws_examples(people):
    # "Drop a top-level field"
    assert [n for n, _ in field_names(DropFields.apply(people, paths=["age"]))] == [
        "name",
        "location",
        "friends",
    ]
    # "Drop a nested field"
    no_county = DropFields.apply(people, paths=["location.county"])
    assert records(no_county)[0]["location"] == {"state": "WY"}
    assert records(no_county)[4]["location"] is None
    # "If you drop the last element of a struct type, the transform removes the entire struct."
    no_location = DropFields.apply(people, paths=["location.state", "location.county"])
    assert [n for n, _ in field_names(no_location)] == ["name", "age", "friends"]
    # "Drop a nested field from an array"
    no_friend_age = DropFields.apply(people, paths=["friends.age"])
    assert records(no_friend_age)[2]["friends"] == [{"name": "Fred"}, {"name": "Amy"}]
    assert records(no_friend_age)[3]["friends"] is None


def test_drop_fields_with_backticks_for_dotted_names(make_frame):
    frame = make_frame([("1", "2")], "`.zip` string, zip string")
    assert records(DropFields.apply(frame=frame, paths="`.zip`")) == [{"zip": "2"}]


def test_drop_fields_warns_of_a_missing_field_and_drops_the_rest(people):
    with pytest.warns(
        MissingFieldWarning, match="drop_fields: the frame has no field 'location.zip'"
    ):
        assert [n for n, _ in field_names(people.drop_fields(["location.zip", "age"]))] == [
            "name",
            "location",
            "friends",
        ]


@pytest.mark.parametrize(
    ("paths", "message"),
    [(5, "list of strings, got int"), ([None], "must hold strings"), (["a..b"], "empty name")],
)
def test_field_paths_of_the_wrong_kind_are_refused(people, paths, message):
    with pytest.raises((TypeError, ValueError), match=message):
        people.drop_fields(paths)


# -- RenameField -----------------------------------------------------------------------------------


def test_rename_field_in_place_nested_and_inside_arrays(people):
    renamed = RenameField.apply(people, "location.state", "location.state_code")
    assert records(renamed)[0]["location"] == {"state_code": "WY", "county": "Fremont"}
    assert records(renamed)[4]["location"] is None
    friends = people.rename_field("friends.age", "friends.years")
    assert records(friends)[2]["friends"] == [
        {"name": "Fred", "years": None},
        {"name": "Amy", "years": 15},
    ]
    assert [n for n, _ in field_names(people.rename_field("age", "years"))] == [
        "name",
        "years",
        "location",
        "friends",
    ]


def test_rename_field_moves_out_of_and_into_structs(people, make_frame):
    out = people.rename_field("location.state", "state")
    assert records(out)[0] == {
        "name": "Sally",
        "age": 23,
        "location": {"county": "Fremont"},
        "friends": [],
        "state": "WY",
    }
    into_new = people.rename_field("age", "meta.years")
    assert records(into_new)[0]["meta"] == {"years": 23}
    into_existing = people.rename_field("age", "location.age")
    assert records(into_existing)[0]["location"] == {"state": "WY", "county": "Fremont", "age": 23}
    relationalized = make_frame(
        [("66 P Street, NY", 343)], "`customers.val.address` string, `customers.val.id` int"
    )
    simplified = RenameField.apply(
        RenameField.apply(relationalized, "`customers.val.address`", "address"),
        "`customers.val.id`",
        "cust_id",
    )
    assert records(simplified) == [{"address": "66 P Street, NY", "cust_id": 343}]


def test_rename_field_refusals(people):
    with pytest.raises(ValueError, match="already has a field 'name'"):
        people.rename_field("age", "name")
    with pytest.raises(ValueError, match="'name' is not a struct"):
        people.rename_field("age", "name.age")
    with pytest.raises(ValueError, match="inside an array"):
        people.rename_field("friends.age", "friend_age")
    with pytest.warns(MissingFieldWarning, match="rename_field: the frame has no field 'agee'"):
        assert records(people.rename_field("agee", "years")) == records(people)
    with pytest.raises(TypeError, match="rename_field newName must be a string"):
        people.rename_field("age", None)


# -- UnnestFrame / SplitFields ---------------------------------------------------------------------


def test_unnest_flattens_structs_into_dotted_names_as_aws_example(make_frame):
    frame = make_frame(
        [("TX_WAREHOUSE", (220, 560, 350, None))],
        "warehouse_loc string, data struct<strawberry: int, pineapple: int, mango: int, pears: void>",
    )
    unnested = UnnestFrame.apply(frame=frame)
    assert field_names(unnested) == [
        ("warehouse_loc", "string"),
        ("data.strawberry", "int"),
        ("data.pineapple", "int"),
        ("data.mango", "int"),
        ("data.pears", "null"),
    ]
    assert records(unnested)[0]["data.strawberry"] == 220


def test_unnest_keeps_arrays_and_refuses_name_clashes(people, make_frame):
    assert [n for n, _ in field_names(people.unnest())] == [
        "name",
        "age",
        "location.state",
        "location.county",
        "friends",
    ]
    clash = make_frame([(1, (2,))], "`a.b` int, a struct<b: int>")
    with pytest.raises(ValueError, match=r"both be named 'a.b'"):
        clash.unnest()


def test_split_fields_follows_aws_example(make_frame):
    frame = make_frame(
        [("TX", 220, 560, 350)],
        "warehouse_loc string, `data.strawberry` int, `data.pineapple` int, `data.mango` int",
    )
    split = SplitFields.apply(
        frame=frame, paths=["`data.strawberry`", "`data.pineapple`"], name1="a", name2="b"
    )
    assert sorted(split.keys()) == ["a", "b"]
    assert records(split["a"]) == [{"data.strawberry": 220, "data.pineapple": 560}]
    assert records(split.select("b")) == [{"warehouse_loc": "TX", "data.mango": 350}]
    assert (split["a"].name, split["b"].name) == ("a", "b")


def test_split_fields_default_names_come_from_the_frame(people, make_frame):
    assert sorted(SplitFields.apply(people, ["age"]).keys()) == ["people1", "people2"]
    assert sorted(SplitFields.apply(make_frame([(1,)], "a int"), ["a"]).keys()) == [
        "frame1",
        "frame2",
    ]
    with pytest.raises(TypeError, match="name1 must be a string"):
        people.split_fields(["age"], None, "b")
