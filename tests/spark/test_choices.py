"""ResolveChoice and toDF's ResolveOption on choices (a field holding values of several types)
and on plain fields, as AWS's ResolveChoice pages and the medicaid sample describe them."""

from __future__ import annotations

import pytest
from pyspark.sql import types as T
from support.frames import records

from pytest_gluejobs._awsglue import gluetypes as G
from pytest_gluejobs._awsglue._paths import MissingFieldWarning
from pytest_gluejobs._awsglue.dynamicframe import ResolveOption
from pytest_gluejobs._awsglue.transforms import ResolveChoice


@pytest.fixture
def providers(make_frame):
    """``provider id`` as the medicaid sample shows it: mostly longs, two strings."""
    longs = make_frame([("A", 10011), ("B", 10005)], "name string, `provider id` long")
    strings = make_frame([("C", "INC"), ("D", "20")], "name string, `provider id` string")
    return longs.union(strings)


def test_a_field_typed_differently_in_two_frames_is_a_choice(providers, capsys):
    assert providers.schema().getField("provider id").dataType == G.ChoiceType(
        [G.LongType(), G.StringType()]
    )
    providers.printSchema()
    assert (
        capsys.readouterr().out
        == "root\n|-- name: string\n|-- provider id: choice\n|    |-- long\n|    |-- string\n\n"
    )
    assert records(providers)[2] == {"name": "C", "provider id": {"long": None, "string": "INC"}}


def test_cast_resolves_a_choice_and_values_that_do_not_convert_become_null(providers):
    resolved = providers.resolveChoice(specs=[("provider id", "cast:long")])
    assert resolved.schema().getField("provider id").dataType == G.LongType()
    assert [r["provider id"] for r in records(resolved)] == [10011, 10005, None, 20]
    as_string = ResolveChoice.apply(providers, specs=[("provider id", "cast:String")])
    assert [r["provider id"] for r in records(as_string)] == ["10011", "10005", "INC", "20"]


def test_project_keeps_only_values_of_the_type(providers):
    projected = providers.resolveChoice(specs=[("provider id", "project:long")])
    assert [r["provider id"] for r in records(projected)] == [10011, 10005, None, None]
    projected = providers.resolveChoice(specs=[("provider id", "project:string")])
    assert [r["provider id"] for r in records(projected)] == [None, None, "INC", "20"]


def test_make_cols_and_make_struct(providers):
    cols = providers.resolveChoice(specs=[("provider id", "make_cols")])
    assert [(f.name, f.dataType.typeName()) for f in cols.schema()] == [
        ("name", "string"),
        ("provider id_long", "long"),
        ("provider id_string", "string"),
    ]
    assert records(cols)[0] == {"name": "A", "provider id_long": 10011, "provider id_string": None}
    struct = providers.resolveChoice(choice="make_struct")
    assert struct.schema().getField("provider id").dataType == G.StructType(
        [G.Field("long", G.LongType()), G.Field("string", G.StringType())]
    )
    assert records(struct)[3]["provider id"] == {"long": None, "string": "20"}


def test_one_choice_for_every_choice_leaves_plain_fields_alone(providers, people):
    resolved = providers.resolveChoice(choice="cast:double")
    assert [(f.name, f.dataType.typeName()) for f in resolved.schema()] == [
        ("name", "string"),
        ("provider id", "double"),
    ]
    # Glue Studio's scripts resolve every choice with make_struct: plain data passes unchanged.
    assert records(
        ResolveChoice.apply(frame=people, choice="make_struct", transformation_ctx="r")
    ) == records(people)
    assert people.resolveChoice(choice="MAKE_COLS").schema() == people.schema()


def test_specs_on_plain_fields_cast_and_project(people):
    cast = people.resolveChoice(specs=[("age", "cast:string"), ("location.state", "cast:int")])
    assert records(cast)[0]["age"] == "23" and records(cast)[0]["location"] == {
        "state": None,
        "county": "Fremont",
    }
    assert cast.schema().getField("age").dataType == G.StringType()
    assert records(people.resolveChoice(specs=("age", "project:int")))[0]["age"] == 23
    assert records(people.resolveChoice(specs=[("age", "project:string")]))[0]["age"] is None
    assert records(people.resolveChoice(specs=[("age", "make_cols")])) == records(people)


def test_array_paths_with_brackets_reach_each_element(make_frame):
    # The page's example: myList holds prices as numbers and as strings.
    frame = make_frame([(1,)], "id int").map(
        lambda rec: {**rec, "myList": [{"price": 100.0}, {"price": "$100.00"}, {"price": "7"}]}
    )
    element = frame.schema().getField("myList").dataType.elementType
    assert element.getField("price").dataType == G.ChoiceType([G.DoubleType(), G.StringType()])
    resolved = frame.resolveChoice(specs=[("myList[].price", "cast:double")])
    assert records(resolved)[0]["myList"] == [{"price": 100.0}, {"price": None}, {"price": 7.0}]
    everywhere = frame.resolveChoice(choice="project:string")
    assert records(everywhere)[0]["myList"] == [
        {"price": None},
        {"price": "$100.00"},
        {"price": "7"},
    ]


def test_match_catalog_casts_choices_to_the_catalog_s_types(providers, glue_ctx):
    glue_ctx.catalog[("payments", "medicare")] = T.StructType(
        [T.StructField("name", T.StringType()), T.StructField("provider id", T.LongType())]
    )
    resolved = ResolveChoice.apply(
        frame=providers, choice="MATCH_CATALOG", database="payments", table_name="medicare"
    )
    assert resolved.schema().getField("provider id").dataType == G.LongType()
    assert [r["provider id"] for r in records(resolved)] == [10011, 10005, None, 20]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, Exception, "Parameter specs and option are both missing, add one."),
        (
            {"specs": [("a", "make_cols")], "choice": "make_cols"},
            Exception,
            "both specified, choose one.",
        ),
        ({"specs": [("age", "cast")]}, ValueError, "needs a type after the colon"),
        ({"specs": [("age", "cast:integr")]}, ValueError, "'integr' is not a Glue type name"),
        (
            {"specs": [("age", "flatten")]},
            ValueError,
            "'flatten' is not a ResolveChoice action; actions: cast:<type>",
        ),
        ({"specs": [("age", "match_catalog")]}, ValueError, "match_catalog goes in choice="),
        ({"choice": "match_catalog"}, ValueError, "needs database and table_name"),
        ({"specs": ["age"]}, TypeError, "must be \\(path, action\\) tuples"),
        (
            {"specs": {"age": "cast:int"}},
            TypeError,
            "must be a list of \\(path, action\\) tuples, got dict",
        ),
        ({"specs": [("age", 5)]}, TypeError, "must be a string such as 'cast:long', got int"),
        (
            {"choice": "match_catalog", "database": 5, "table_name": "t"},
            TypeError,
            "database must be a string",
        ),
    ],
)
def test_bad_resolutions_say_what_is_wrong(people, kwargs, error, message):
    with pytest.raises(error, match=message):
        people.resolveChoice(**kwargs)


def test_a_spec_for_a_missing_field_is_skipped_with_a_warning(people):
    with pytest.warns(MissingFieldWarning, match="resolveChoice: the frame has no field 'agee'"):
        assert people.resolveChoice(specs=[("agee", "cast:int")]).schema() == people.schema()


def test_to_df_resolves_with_resolve_options(providers):
    kept = providers.toDF([ResolveOption("provider id", "KeepAsStruct")])
    assert kept.schema["provider id"].dataType == T.StructType(
        [T.StructField("long", T.LongType()), T.StructField("string", T.StringType())]
    )
    assert kept.schema["provider id"].metadata == {}
    projected = providers.toDF([ResolveOption("provider id", "Project", G.LongType())])
    assert [row["provider id"] for row in projected.collect()] == [10011, 10005, None, None]


def test_a_catalog_table_given_without_match_catalog_is_not_read(people, glue_ctx):
    resolved = people.resolveChoice(choice="make_cols", database="nowhere", table_name=None)
    assert resolved.schema() == people.schema()
