"""DynamicFrame's own members: construction, toDF, count, schema, printing, partitions, errors
API on a clean frame, and what it says for members it does not have or does not run."""

from __future__ import annotations

import datetime
import decimal

import pytest
from support.frames import records

from pytest_gluejobs._awsglue import gluetypes as G
from pytest_gluejobs._awsglue.dynamicframe import (
    DynamicFrame,
    DynamicFrameCollection,
    ResolveOption,
)


def test_from_df_wraps_the_dataframe_and_to_df_gives_it_back(spark, glue_ctx):
    df = spark.createDataFrame([(1, "a")], "id long, v string")
    frame = DynamicFrame.fromDF(df, glue_ctx, "things")
    assert (frame.name, frame.glue_ctx) == ("things", glue_ctx)
    assert frame.toDF() is df
    assert frame.count() == 1
    assert DynamicFrame.fromDF(df, glue_ctx).name == ""


def test_construction_refuses_what_glue_would_fail_on(spark, glue_ctx):
    df = spark.createDataFrame([(1,)], "id long")
    with pytest.raises(TypeError, match=r"fromDF needs a pyspark.sql.DataFrame, got list"):
        DynamicFrame.fromDF([1, 2], glue_ctx, "x")  # type: ignore[arg-type, unused-ignore]
    with pytest.raises(TypeError, match="needs a GlueContext as glue_ctx, got None"):
        DynamicFrame.fromDF(df, None, "x")
    with pytest.raises(TypeError, match="name must be a string, got int"):
        DynamicFrame.fromDF(df, glue_ctx, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"use DynamicFrame.fromDF"):
        DynamicFrame(df.rdd, glue_ctx, "x")


def test_schema_is_glue_types(make_frame):
    frame = make_frame(
        [
            (
                1,
                2,
                "a",
                1.5,
                True,
                decimal.Decimal("1.20"),
                datetime.date(2024, 1, 2),
                datetime.datetime(2024, 1, 2, 3, 4),
                [1],
                {"k": 1},
                (1, "x"),
            )
        ],
        "i int, l bigint, s string, d double, b boolean, m decimal(5,2), day date, ts timestamp, "
        "arr array<int>, mp map<string,int>, st struct<a: int, b: string>",
    )
    schema = frame.schema()
    assert isinstance(schema, G.StructType)
    assert [(f.name, f.dataType.typeName()) for f in schema] == [
        ("i", "int"),
        ("l", "long"),
        ("s", "string"),
        ("d", "double"),
        ("b", "boolean"),
        ("m", "decimal"),
        ("day", "date"),
        ("ts", "timestamp"),
        ("arr", "array"),
        ("mp", "map"),
        ("st", "struct"),
    ]
    assert schema.getField("m").dataType == G.DecimalType(5, 2)
    assert schema.getField("arr").dataType == G.ArrayType(G.IntegerType())
    assert schema.getField("mp").dataType == G.MapType(G.IntegerType())
    assert schema.getField("st").dataType == G.StructType(
        [G.Field("a", G.IntegerType()), G.Field("b", G.StringType())]
    )
    assert frame.schema() is schema


def test_print_schema_prints_glue_s_tree_without_nullability(people, capsys):
    people.printSchema()
    assert capsys.readouterr().out == (
        "root\n"
        "|-- name: string\n"
        "|-- age: int\n"
        "|-- location: struct\n"
        "|    |-- state: string\n"
        "|    |-- county: string\n"
        "|-- friends: array\n"
        "|    |-- element: struct\n"
        "|    |    |-- name: string\n"
        "|    |    |-- age: int\n"
        "\n"
    )


def test_show_prints_records_as_json_lines(people, capsys):
    people.show(2)
    assert capsys.readouterr().out.splitlines() == [
        '{"name": "Sally", "age": 23, "location": {"state": "WY", "county": "Fremont"}, "friends": []}',
        '{"name": "Varun", "age": 34, "location": {"state": "NE", "county": "Douglas"}, "friends": [{"name": "Arjun", "age": 3}]}',
    ]
    people.show()
    assert len(capsys.readouterr().out.splitlines()) == 5
    with pytest.raises(TypeError, match="num_rows must be a whole number"):
        people.show("5")


def test_partitions(people):
    assert people.repartition(3).getNumPartitions() == 3
    assert people.repartition(3).coalesce(1).getNumPartitions() == 1
    assert people.coalesce(4, shuffle=True).getNumPartitions() == 4
    assert people.repartition(2).count() == 5
    for bad in (0, -1):
        with pytest.raises(ValueError, match="num_partitions must be 1 or more"):
            people.repartition(bad)
    with pytest.raises(TypeError, match="num_partitions must be a whole number, got str"):
        people.coalesce("2")
    with pytest.raises(TypeError, match="shuffle must be True or False"):
        people.coalesce(2, shuffle="yes")


def test_with_frame_schema_reports_the_schema_given(people):
    given = G.StructType([G.Field("name", G.StringType())])
    framed = people.with_frame_schema(given)
    assert framed.schema() is given
    assert framed.count() == 5
    with pytest.raises(TypeError, match=r"gluetypes.StructType"):
        people.with_frame_schema("name string")


def test_to_df_options_follow_glue(make_frame):
    frame = make_frame([(1,)], "a int")
    assert frame.toDF([]).columns == ["a"]
    with pytest.raises(Exception, match=r"Missing target type for resolve action Project."):
        frame.toDF([ResolveOption("a", "Project")])
    with pytest.raises(
        ValueError,
        match=r"Invalid resolve action Cast. Action must be one of KeepAsStruct and Project.",
    ):
        frame.toDF([ResolveOption("a", "Cast", G.IntegerType())])
    from pyspark.sql.types import DoubleType

    with pytest.raises(ValueError, match="Target type must be specified with project action"):
        frame.toDF([ResolveOption("a", "Project", DoubleType())])  # type: ignore[arg-type, unused-ignore]
    with pytest.raises(TypeError, match="list of ResolveOption"):
        frame.toDF(ResolveOption("a", "KeepAsStruct"))
    assert records(make_frame([(1,)], "a int")) == [{"a": 1}]
    assert frame.toDF([ResolveOption("a", "Project", G.IntegerType())]).collect()[0].a == 1


def test_a_clean_frame_has_no_errors(people):
    assert people.errorsCount() == 0
    assert people.stageErrorsCount() == 0
    assert people.assertErrorThreshold() is None
    errors = people.errorsAsDynamicFrame()
    assert errors.count() == 0
    assert errors.toDF().columns == ["errorMessage", "record", "transformation_ctx", "info"]


def test_a_name_glue_lacks_is_an_attribute_error_with_the_nearest_names(people):
    with pytest.raises(
        AttributeError, match="has no attribute 'selectFields'; did you mean 'select_fields'"
    ):
        people.selectFields(["name"])
    with pytest.raises(AttributeError, match="did you mean 'printSchema'"):
        people.printschema()
    assert not hasattr(people, "no_such_member")


def test_drop_null_fields_is_not_a_method_in_glue_so_it_fails_as_there_and_points_to_the_transform(
    people,
):
    with pytest.raises(
        AttributeError,
        match=r"no attribute 'drop_null_fields'.*DropNullFields\.apply\(frame=\.\.\.\)",
    ):
        people.drop_null_fields()


@pytest.mark.parametrize(
    "member", ["mapPartitions", "mapPartitionsWithIndex", "unnest_ddb_json", "simplify_ddb_json"]
)
def test_members_not_run_raise_not_implemented_naming_them(people, member):
    assert hasattr(people, member)
    with pytest.raises(
        NotImplementedError, match=rf"DynamicFrame\.{member} is part of AWS Glue.*docs/etl\.md"
    ):
        getattr(people, member)(lambda rows: rows)


def test_write_goes_through_the_glue_context(people, glue_ctx):
    assert people.write("s3", {"path": "s3://b/p"}, "json") == "written"
    assert glue_ctx.writes[-1] == {
        "frame_or_dfc": people,
        "connection_type": "s3",
        "connection_options": {"path": "s3://b/p"},
        "format": "json",
        "format_options": {},
        "accumulator_size": 0,
    }


def test_common_arguments_are_checked(people):
    with pytest.raises(TypeError, match="transformation_ctx must be a string, got int"):
        people.select_fields(["name"], transformation_ctx=1)
    with pytest.raises(ValueError, match="stageThreshold must be 0 \\(no limit\\) or more"):
        people.drop_fields(["age"], stageThreshold=-1)
    with pytest.raises(ValueError, match="totalThreshold must be a whole number, got 'many'"):
        people.unnest(totalThreshold="many")
    with pytest.raises(TypeError, match="info must be a string"):
        people.unnest(info=3)
    assert people.unnest(stageThreshold="5", totalThreshold=2.0).count() == 5


def test_repr_names_the_frame(people):
    assert (
        repr(people) == "DynamicFrame(name='people', fields=['name', 'age', 'location', 'friends'])"
    )
    assert repr(DynamicFrameCollection([people], None)) == "DynamicFrameCollection(['people'])"


def test_the_glue_context_s_reader_and_writer_are_found_here_too_as_in_aws_glue_libs(glue_context):
    import pytest_gluejobs._awsglue.dynamicframe as dynamicframe

    assert type(glue_context.create_dynamic_frame) is dynamicframe.DynamicFrameReader
    assert type(glue_context.write_dynamic_frame) is dynamicframe.DynamicFrameWriter
    with pytest.raises(AttributeError, match="has no attribute 'DynamicFrameReadr'"):
        dynamicframe.DynamicFrameReadr  # type: ignore[attr-defined]  # noqa: B018
