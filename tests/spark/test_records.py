"""Map and Filter see DynamicRecords, leave failing records as error records, and Map's schema is
computed from the records it returns (aws-glue-libs issue 44: a field seen as int and string is a
choice; a small Python int is an ``int``)."""

from __future__ import annotations

import decimal

import pytest
from pyspark.sql import types as T
from support.frames import records

from pytest_gluejobs._awsglue import gluetypes as G
from pytest_gluejobs._awsglue.transforms import Filter, Map


def test_filter_keeps_what_the_predicate_accepts_and_reads_attributes(people):
    kept = Filter.apply(
        frame=people, f=lambda rec: rec["age"] > 30 and rec.location.state in ("NE", "NY")
    )
    assert [r["name"] for r in records(kept)] == ["Varun", "George"]
    assert kept.schema() == people.schema()
    # Sheila has no location: None.state is an AttributeError, so her record is an error record.
    assert kept.errorsCount() == 1


def test_filter_leaves_out_records_raising_key_value_or_type_errors(people):
    # A missing key only leaves the record out: "a missing field means filtered out".
    by_key = people.filter(lambda rec: rec["nickname"] == "x")
    assert by_key.count() == 0 and by_key.errorsCount() == 0
    by_type = people.filter(lambda rec: rec["age"] + "x")
    assert by_type.count() == 0 and by_type.errorsCount() == 0
    by_value = people.filter(lambda rec: int(rec["name"]) > 0)
    assert by_value.count() == 0 and by_value.errorsCount() == 0


def test_filter_makes_an_error_record_of_any_other_exception(people):
    kept = people.filter(
        lambda rec: rec.location.state == "NY", transformation_ctx="filter1", info="by state"
    )
    assert [r["name"] for r in records(kept)] == ["George"]
    assert (kept.errorsCount(), kept.stageErrorsCount()) == (1, 1)
    error = records(kept.errorsAsDynamicFrame())[0]
    assert error["errorMessage"] == "'NoneType' object has no attribute 'state'"
    assert '"name": "Sheila"' in error["record"]
    assert (error["transformation_ctx"], error["info"]) == ("filter1", "by state")


def test_map_follows_aws_merge_address_example(make_frame):
    frame = make_frame(
        [("SACRAMENTO", "CA", "95819", "1 Main St")],
        "`Provider City` string, `Provider State` string, `Provider Zip Code` string, `Provider Street Address` string",
    )

    def merge_address(rec):
        rec["Address"] = {}
        rec["Address"]["Street"] = rec["Provider Street Address"]
        rec["Address"]["City"] = rec["Provider City"]
        rec["Address"]["State"] = rec["Provider State"]
        rec["Address"]["Zip.Code"] = rec["Provider Zip Code"]
        rec["Address"]["Array"] = [rec["Provider Street Address"], rec["Provider City"]]
        del rec["Provider Street Address"]
        del rec["Provider City"]
        del rec["Provider State"]
        del rec["Provider Zip Code"]
        return rec

    mapped = Map.apply(frame=frame, f=merge_address)
    address = mapped.schema().getField("Address").dataType
    assert [(f.name, f.dataType.typeName()) for f in address] == [
        ("Street", "string"),
        ("City", "string"),
        ("State", "string"),
        ("Zip.Code", "string"),
        ("Array", "array"),
    ]
    assert records(mapped) == [
        {
            "Address": {
                "Street": "1 Main St",
                "City": "SACRAMENTO",
                "State": "CA",
                "Zip.Code": "95819",
                "Array": ["1 Main St", "SACRAMENTO"],
            }
        }
    ]


def test_map_makes_choices_of_mixed_types_as_glue_does(make_frame):
    # aws-glue-libs issue 44: payload.id is an int in one record and a string in another.
    frame = make_frame([(1,), (2,)], "id long")

    def creator(rec):
        rec["payload"] = {"foo": "bar", "id": 1} if rec["id"] == 1 else {"id": "string..."}
        return rec

    mapped = frame.map(creator)
    assert mapped.schema() == G.StructType(
        [
            G.Field("id", G.LongType()),
            G.Field(
                "payload",
                G.StructType(
                    [
                        G.Field("foo", G.StringType()),
                        G.Field("id", G.ChoiceType([G.IntegerType(), G.StringType()])),
                    ]
                ),
            ),
        ]
    )
    # toDF shows the choice as a struct of its types, as Glue's toDF does.
    assert records(mapped)[1] == {
        "id": 2,
        "payload": {"foo": None, "id": {"int": None, "string": "string..."}},
    }
    assert mapped.toDF().schema["payload"].dataType["id"].dataType == T.StructType(
        [T.StructField("int", T.IntegerType()), T.StructField("string", T.StringType())]
    )


def test_map_makes_a_list_of_mixed_values_an_array_of_choices(make_frame):
    mapped = make_frame([(1,), (2,)], "id int").map(
        lambda rec: {**rec, "tags": [rec["id"], "x"] if rec["id"] == 1 else []}
    )
    assert mapped.schema().getField("tags").dataType == G.ArrayType(
        G.ChoiceType([G.IntegerType(), G.StringType()])
    )
    assert [r["tags"] for r in records(mapped)] == [
        [{"int": 1, "string": None}, {"int": None, "string": "x"}],
        [],
    ]
    as_strings = mapped.resolveChoice(specs=[("tags[]", "cast:string")])
    assert [r["tags"] for r in records(as_strings)] == [["1", "x"], []]
    assert [r["tags"] for r in records(mapped.resolveChoice(choice="project:int"))] == [
        [1, None],
        [],
    ]


def test_map_keeps_a_field_s_type_while_its_values_fit_and_types_new_ints_as_glue(make_frame):
    frame = make_frame([(1, 2.5, [1, 2])], "big long, ratio double, items array<long>")

    def change(rec):
        rec["big"] = rec["big"] + 1
        rec["small"] = 7
        rec["huge"] = 2**40
        rec["vast"] = 10**30
        rec["items"] = rec["items"] + [3]
        return rec

    mapped = frame.map(change)
    assert [(f.name, f.dataType) for f in mapped.schema()] == [
        ("big", G.LongType()),
        ("ratio", G.DoubleType()),
        ("items", G.ArrayType(G.LongType())),
        ("small", G.IntegerType()),
        ("huge", G.LongType()),
        ("vast", G.DecimalType(38, 0)),
    ]
    assert records(mapped) == [
        {
            "big": 2,
            "ratio": 2.5,
            "items": [1, 2, 3],
            "small": 7,
            "huge": 2**40,
            "vast": decimal.Decimal(10**30),
        }
    ]


def test_map_failures_are_error_records_with_glue_s_message(people):
    def failing(rec):
        if rec["name"] == "Sally":
            raise RuntimeError("boom")
        if rec["name"] == "Varun":
            return None
        if rec["name"] == "George":
            return "not a record"
        if rec["name"] == "Haruki":
            rec["when"] = object()
        return rec

    mapped = people.map(failing, transformation_ctx="map1")
    assert [r["name"] for r in records(mapped)] == ["Sheila"]
    assert (mapped.errorsCount(), mapped.stageErrorsCount()) == (4, 4)
    messages = sorted(r["errorMessage"] for r in records(mapped.errorsAsDynamicFrame()))
    assert messages == [
        "User-specified function returned None instead of DynamicRecord",
        "User-specified function returned str instead of DynamicRecord",
        "boom",
        "when holds a object, which a DynamicRecord cannot store (use str, int, float, bool, Decimal, date, datetime, bytes, dict, list or None)",
    ]


def test_error_counts_add_up_across_transforms_and_thresholds_stop_the_job(people):
    first = people.map(lambda rec: rec if rec["age"] > 30 else None)
    assert first.errorsCount() == 2
    second = first.filter(lambda rec: rec.location.state == "NE")
    assert (second.errorsCount(), second.stageErrorsCount()) == (3, 1)
    assert second.select_fields(["name"]).errorsCount() == 3
    assert second.select_fields(["name"]).stageErrorsCount() == 0
    assert records(second.errorsAsDynamicFrame()) and second.errorsAsDynamicFrame().count() == 3
    with pytest.raises(
        RuntimeError,
        match=r"map \(transformation_ctx 'm'\): 2 error records, more than stageThreshold 1",
    ):
        people.map(
            lambda rec: rec if rec["age"] > 30 else None, transformation_ctx="m", stageThreshold=1
        )
    with pytest.raises(RuntimeError, match="3 error records in all, more than totalThreshold 2"):
        first.filter(lambda rec: rec.location.state == "NE", totalThreshold=2)
    assert people.map(lambda rec: rec if rec["age"] > 30 else None, stageThreshold=2).count() == 3


def test_map_and_filter_need_functions(people):
    with pytest.raises(TypeError, match="map: f must be a function of a record, got str"):
        people.map("upper")
    with pytest.raises(TypeError, match="filter: f must be a function"):
        Filter.apply(frame=people, f=None)


def test_map_over_no_records_keeps_the_schema(people):
    empty = people.filter(lambda rec: False).map(lambda rec: rec)
    assert empty.count() == 0 and empty.schema() == people.schema()


def test_a_filter_with_a_threshold_and_a_map_run_the_function_once_per_record(people, spark):
    judged, mapped_calls = spark.sparkContext.accumulator(0), spark.sparkContext.accumulator(0)

    def older(rec):
        judged.add(1)
        return rec["age"] > 30

    def same(rec):
        mapped_calls.add(1)
        return rec

    kept = people.filter(older, stageThreshold=5)  # the errors are counted now, the rows later
    assert [r["name"] for r in records(kept)] == ["Varun", "George", "Sheila"]
    mapped = people.map(same)  # the schema is computed now, the rows later
    assert len(records(mapped)) == 5 and mapped.errorsCount() == 0
    assert (judged.value, mapped_calls.value) == (5, 5)


def test_map_and_filter_take_frames_without_columns_and_columns_of_any_name(make_frame, glue_ctx):
    from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame

    empty = DynamicFrame.fromDF(glue_ctx.spark_session.range(3).select(), glue_ctx, "empty")
    assert empty.filter(lambda rec: rec == {}).count() == 3
    assert records(empty.map(lambda rec: {"n": len(rec) + 1})) == [{"n": 1}] * 3
    odd = make_frame([(1, 2), (3, 4)], "`__gluejobs_outcome` int, `a.b` int")
    assert records(odd.filter(lambda rec: rec["a.b"] == 4)) == [{"__gluejobs_outcome": 3, "a.b": 4}]
    assert records(odd.map(lambda rec: {**rec, "c": rec["__gluejobs_outcome"]}))[0] == {
        "__gluejobs_outcome": 1,
        "a.b": 2,
        "c": 1,
    }


def test_an_error_record_that_json_cannot_hold_is_shown_as_text(people):
    def looping(rec):
        rec["self"] = rec
        raise RuntimeError("no")

    mapped = people.map(looping)
    assert mapped.count() == 0 and mapped.errorsCount() == 5
    error = records(mapped.errorsAsDynamicFrame())[0]
    assert error["errorMessage"] == "no" and "'self': {...}" in error["record"]
