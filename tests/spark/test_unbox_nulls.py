"""Unbox (JSON and CSV in a string field) and DropNullFields (fields null in every record)."""

from __future__ import annotations

import json

import pytest
from pyspark.sql import functions as F
from pyspark.sql import types as T
from support.frames import records

from pytest_gluejobs._awsglue import gluetypes as G
from pytest_gluejobs._awsglue._paths import MissingFieldWarning
from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame
from pytest_gluejobs._awsglue.transforms import DropNullFields, Unbox


@pytest.fixture
def warehouse(make_frame):
    # The Unbox page's example data (its numbers are JSON numbers here; see the differences notes).
    return make_frame(
        [
            ("TX_WAREHOUSE", '{"strawberry":220, "pineapple":560, "mango":350, "pears":null}'),
            ("CA_WAREHOUSE", '{"strawberry":34, "pineapple":123, "mango":42, "pears":null}'),
            ("CO_WAREHOUSE", '{"strawberry":340, "pineapple":180, "mango":2, "pears":null}'),
        ],
        "warehouse_loc string, data string",
        "dyf_warehouse",
    )


def test_unbox_json_as_aws_example(warehouse):
    unboxed = Unbox.apply(frame=warehouse, path="data", format="json")
    assert unboxed.schema().getField("data").dataType == G.StructType(
        [
            G.Field("strawberry", G.IntegerType()),
            G.Field("pineapple", G.IntegerType()),
            G.Field("mango", G.IntegerType()),
            G.Field("pears", G.NullType()),
        ]
    )
    assert records(unboxed)[0] == {
        "warehouse_loc": "TX_WAREHOUSE",
        "data": {"strawberry": 220, "pineapple": 560, "mango": 350, "pears": None},
    }
    # ...and the pages after it: DropNullFields drops pears, UnnestFrame flattens data.
    flattened = DropNullFields.apply(frame=unboxed).unnest()
    assert [f.name for f in flattened.schema()] == [
        "warehouse_loc",
        "data.strawberry",
        "data.pineapple",
        "data.mango",
    ]


def test_unbox_values_of_different_shapes_make_choices_and_bad_ones_error_records(make_frame):
    frame = make_frame(
        [("a", '{"v": 1}'), ("b", '{"v": "one"}'), ("c", "not json"), ("d", None)],
        "k string, payload string",
    )
    unboxed = frame.unbox("payload", "json", transformation_ctx="unbox1")
    assert unboxed.schema().getField("payload").dataType == G.StructType(
        [G.Field("v", G.ChoiceType([G.IntegerType(), G.StringType()]))]
    )
    assert [r["k"] for r in records(unboxed)] == ["a", "b", "d"]
    assert unboxed.errorsCount() == 1
    assert records(unboxed.errorsAsDynamicFrame())[0]["errorMessage"].startswith(
        "unbox: 'payload' does not hold JSON"
    )


def test_unbox_csv_with_options(make_frame):
    frame = make_frame([(("x|1|y",),), (("p|q",),)], "s struct<line: string>")
    assert records(frame.unbox("s.line", "csv", separator="|")) == [
        {"s": {"line": {"col0": "x", "col1": "1", "col2": "y"}}},
        {"s": {"line": {"col0": "p", "col1": "q", "col2": None}}},
    ]
    headed = make_frame([("a,b\n1,2",)], "t string").unbox("t", "CSV", withHeader=True)
    assert records(headed) == [{"t": {"a": "1", "b": "2"}}]
    skipped = make_frame([("junk\n1,2",)], "t string").unbox("t", "csv", skipFirst=True)
    assert records(skipped) == [{"t": {"col0": "1", "col1": "2"}}]


def test_unbox_with_a_schema_given(warehouse, make_frame):
    schema = T.StructType(
        [T.StructField("strawberry", T.LongType()), T.StructField("mango", T.StringType())]
    )
    unboxed = warehouse.unbox("data", "json", withSchema=schema.json())
    assert records(unboxed)[1]["data"] == {"strawberry": 34, "mango": "42"}
    glue_schema = G.StructType([G.Field("a", G.IntegerType()), G.Field("b", G.StringType())])
    csv = make_frame([("1,x",)], "t string").unbox(
        "t", "csv", withSchema=json.dumps(glue_schema.jsonValue())
    )
    assert records(csv) == [{"t": {"a": 1, "b": "x"}}]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"path": "data", "format": "avro"},
            ValueError,
            "format 'avro' is not read by pytest-gluejobs; formats: json, csv",
        ),
        (
            {"path": "data", "format": "json", "seperator": "|"},
            ValueError,
            r"unknown options \['seperator'\]",
        ),
        (
            {"path": "data", "format": "csv", "separator": "||"},
            ValueError,
            "separator must be one character",
        ),
        ({"path": "warehouse_loc.x", "format": "json"}, None, None),
        (
            {"path": "data", "format": "json", "withSchema": "{"},
            ValueError,
            "withSchema is not JSON",
        ),
        (
            {"path": "data", "format": "json", "withSchema": 5},
            TypeError,
            "withSchema must be a JSON string",
        ),
    ],
)
def test_bad_unboxing_says_what_is_wrong(warehouse, kwargs, error, message):
    if error is None:
        with pytest.warns(
            MissingFieldWarning, match="unbox: the frame has no field 'warehouse_loc.x'"
        ):
            warehouse.unbox(**kwargs)
        return
    with pytest.raises(error, match=message):
        warehouse.unbox(**kwargs)


def test_only_strings_unbox(people):
    with pytest.raises(
        ValueError, match="'age' is int; only string and binary fields can be unboxed"
    ):
        people.unbox("age", "json")
    with pytest.raises(ValueError, match="inside an array"):
        people.unbox("friends.name", "json")


def test_drop_null_fields_drops_fields_null_or_missing_in_every_record(make_frame, capsys):
    frame = make_frame(
        [(1, None, (None, "x"), [(None, 1)], None), (2, None, (None, None), [(None, None)], None)],
        "id int, gone string, info struct<empty: string, kept: string>, items array<struct<never: string, n: int>>, "
        "nothing struct<a: string>",
    )
    dropped = DropNullFields.apply(frame=frame, transformation_ctx="dropnullfields3")
    assert (
        capsys.readouterr().out
        == "null_fields ['gone', 'info.empty', 'items.never', 'nothing.a']\n"
    )
    assert records(dropped) == [
        {"id": 1, "info": {"kept": "x"}, "items": [{"n": 1}]},
        {"id": 2, "info": {"kept": None}, "items": [{"n": None}]},
    ]


def test_drop_null_fields_as_aws_example_with_a_null_type_column(people, glue_ctx):
    with_nulls = DynamicFrame.fromDF(
        people.toDF().withColumn("empty_column", F.lit(None).cast(T.NullType())),
        glue_ctx,
        "persons_with_nulls",
    )
    assert with_nulls.schema().getField("empty_column").dataType == G.NullType()
    assert DropNullFields.apply(with_nulls).schema() == people.schema()


def test_drop_null_fields_on_no_records_drops_only_null_typed_fields(make_frame):
    frame = make_frame([], "a string, b void")
    assert [f.name for f in DropNullFields.apply(frame).schema()] == ["a"]


def test_drop_null_fields_keeps_arrays_holding_only_nulls_and_needs_a_frame(make_frame):
    frame = make_frame([([None],), ([],)], "a array<string>")
    assert DropNullFields.apply(frame).schema() == frame.schema()
    with pytest.raises(TypeError, match="frame must be a DynamicFrame, got DataFrame"):
        DropNullFields.apply(frame.toDF())
