"""awsglue.gluetypes as Glue's library defines it: type names, JSON form, merging, records."""

from __future__ import annotations

import copy

import pytest

from pytest_gluejobs._awsglue import gluetypes as G


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (G.IntegerType(), "int"),
        (G.LongType(), "long"),
        (G.StringType(), "string"),
        (G.DoubleType(), "double"),
        (G.BooleanType(), "boolean"),
        (G.NullType(), "null"),
        (G.DecimalType(), "decimal"),
        (G.DateType(), "date"),
        (G.TimestampType(), "timestamp"),
        (G.TimestampNTZType(), "timestampntz"),
        (G.BinaryType(), "binary"),
        (G.ByteType(), "byte"),
        (G.ShortType(), "short"),
        (G.FloatType(), "float"),
        (G.UnknownType(), "unknown"),
        (G.EnumType(["a"]), "enum"),
        (G.ArrayType(G.IntegerType()), "array"),
        (G.SetType(G.IntegerType()), "set"),
        (G.MapType(G.IntegerType()), "map"),
        (G.StructType([]), "struct"),
        (G.ChoiceType([]), "choice"),
    ],
)
def test_type_names_are_the_class_name_without_type_and_int_for_integer(kind, name):
    assert kind.typeName() == name
    assert type(kind).typeName() == name


def test_decimal_defaults_to_glue_ten_two_not_spark_ten_zero():
    assert (G.DecimalType().precision, G.DecimalType().scale) == (10, 2)
    assert G.DecimalType().jsonValue() == {
        "dataType": "decimal",
        "properties": {},
        "precision": 10,
        "scale": 2,
    }


def test_schema_json_round_trips():
    schema = G.StructType(
        [
            G.Field("id", G.LongType()),
            G.Field("tags", G.ArrayType(G.StringType())),
            G.Field("attrs", G.MapType(G.DoubleType())),
            G.Field("price", G.ChoiceType([G.LongType(), G.StringType()])),
            G.Field("amount", G.DecimalType(5, 1)),
            G.Field("who", G.StructType([G.Field("name", G.StringType(), {"comment": "x"})])),
        ]
    )
    text = G._serialize_schema(schema)
    assert G._deserialize_json_string(text) == schema
    assert schema.jsonValue()["fields"][0] == {
        "name": "id",
        "container": {"dataType": "long", "properties": {}},
        "properties": {},
    }


def test_unknown_type_in_json_is_named():
    with pytest.raises(ValueError, match="unknown Glue type 'integer'"):
        G._deserialize_json_string('{"dataType": "integer"}')


def test_struct_lookup_and_add_do_not_share_state_between_instances():
    one, two = G.StructType(), G.StructType()
    one.add(G.Field("a", G.IntegerType()))
    assert one.hasField("a") and not two.hasField("a")
    assert one.getField("a").dataType == G.IntegerType()
    with pytest.raises(KeyError):
        one.getField("b")
    assert [f.name for f in one] == ["a"]


def test_wrong_types_are_refused_with_the_type_named():
    with pytest.raises(TypeError, match="got str"):
        G.Field("a", "string")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a string, got int"):
        G.Field(1, G.StringType())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="list of Field"):
        G.StructType(["a"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="elementType"):
        G.ArrayType("int")  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError):
        G.EntityType()


def test_choice_keeps_one_type_per_name():
    choice = G.ChoiceType([G.IntegerType(), G.StringType()])
    assert sorted(choice.choices) == ["int", "string"]
    with pytest.raises(ValueError, match="duplicate choice"):
        choice.add(G.IntegerType())
    choice.merge(G.StructType([G.Field("a", G.IntegerType())]))
    choice.merge(G.StructType([G.Field("b", G.IntegerType())]))
    struct = choice.choices["struct"]
    assert isinstance(struct, G.StructType)
    assert [f.name for f in struct] == ["a", "b"]
    assert repr(choice).startswith("ChoiceType([IntegerType({}),StringType({}),StructType(")


@pytest.mark.parametrize(
    ("one", "two", "merged"),
    [
        (G.NullType(), G.LongType(), G.LongType()),
        (G.LongType(), G.UnknownType(), G.LongType()),
        (G.IntegerType(), G.IntegerType(), G.IntegerType()),
        (G.IntegerType(), G.StringType(), G.ChoiceType([G.StringType(), G.IntegerType()])),
        (G.ArrayType(G.IntegerType()), G.ArrayType(G.NullType()), G.ArrayType(G.IntegerType())),
        (
            G.MapType(G.IntegerType()),
            G.MapType(G.LongType()),
            G.MapType(G.ChoiceType([G.IntegerType(), G.LongType()])),
        ),
    ],
)
def test_merging_follows_glue(one, two, merged):
    assert G.mergeDataTypes(one, two) == merged


def test_merging_structs_keeps_the_fields_of_both_in_order():
    left = G.StructType([G.Field("a", G.IntegerType()), G.Field("b", G.NullType())])
    right = G.StructType([G.Field("b", G.StringType()), G.Field("c", G.LongType())])
    merged = G.mergeDataTypes(left, right)
    assert isinstance(merged, G.StructType)
    assert [(f.name, f.dataType.typeName()) for f in merged] == [
        ("a", "int"),
        ("b", "string"),
        ("c", "long"),
    ]


def test_dynamic_record_reads_keys_as_attributes_and_a_missing_one_is_a_key_error():
    record = G._create_dynamic_record(
        {"name": "Ann", "address": {"city": {"zip": "1"}}, "tags": [{"a": 1}]}
    )
    assert record.name == "Ann"
    assert record.address.city == {"zip": "1"}
    record.age = 3
    assert record["age"] == 3
    with pytest.raises(KeyError):
        _ = record.missing
    # Only the record and its direct dict values are wrapped, as in Glue.
    assert isinstance(record.address, G.DynamicRecord)
    assert type(record.address["city"]) is dict
    assert type(record.tags[0]) is dict
    # getattr with a default cannot hide it either: Glue's record raises KeyError for dunders too.
    with pytest.raises(KeyError):
        copy.deepcopy(record)


def test_revert_to_dict_makes_plain_dicts_and_lists():
    record = G._create_dynamic_record({"a": {"b": 1}, "c": [G.DynamicRecord({"d": 2})]})
    plain = G._revert_to_dict(record)
    assert plain == {"a": {"b": 1}, "c": [{"d": 2}]}
    assert type(plain) is dict and type(plain["a"]) is dict and type(plain["c"][0]) is dict
