"""The Data Catalog through moto: tables read and written where their location says, in their
format; sinks that create and update tables; what happens without moto."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

pyspark = pytest.importorskip("pyspark")

from pytest_gluejobs import GlueJobs, NotFakedError  # noqa: E402

JSON_SERDE = {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"}


@pytest.fixture
def glue(aws: None, glue_jobs: GlueJobs) -> Any:
    """A Glue client while both the fake and moto are active, with the database ``sales``."""
    client = boto3.client("glue", region_name="us-east-1")
    client.create_database(DatabaseInput={"Name": "sales"})
    return client


def table(glue: Any, name: str, location: str, columns: list[tuple[str, str]], **extra: Any) -> None:
    storage = {"Location": location, "Columns": [{"Name": n, "Type": t} for n, t in columns], "SerdeInfo": JSON_SERDE}
    storage.update(extra.pop("storage", {}))
    glue.create_table(DatabaseName="sales", TableInput={"Name": name, "StorageDescriptor": storage, **extra})


def values(frame: Any, *columns: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(row[column] for column in columns) for row in frame.toDF().collect())


def test_a_partitioned_table_reads_its_partitions_and_prunes_with_the_predicate(
    glue_context: Any, glue: Any, put: Callable[..., None]
) -> None:
    put("orders/year=2023/a.json", '{"id": 1}\n')
    put("orders/year=2024/b.json", '{"id": 2}\n{"id": 3}\n')
    put("orders/year=2025/c.json", '{"id": 4}\n')  # no partition in the catalog: not read, as in Glue
    table(glue, "orders", "s3://lake/orders/", [("id", "bigint")], PartitionKeys=[{"Name": "year", "Type": "int"}])
    for year in ("2023", "2024"):
        glue.create_partition(DatabaseName="sales", TableName="orders", PartitionInput={
            "Values": [year], "StorageDescriptor": {"Location": f"s3://lake/orders/year={year}/", "SerdeInfo": JSON_SERDE},
        })

    everything = glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="orders")
    recent = glue_context.create_dynamic_frame_from_catalog(
        database="sales", table_name="orders", push_down_predicate="year >= 2024", transformation_ctx="orders"
    )

    assert values(everything, "id", "year") == [(1, 2023), (2, 2024), (3, 2024)]
    assert values(recent, "id", "year") == [(2, 2024), (3, 2024)]


def test_a_csv_table_reads_with_its_serde_header_names_and_types(glue_context: Any, glue: Any, put: Callable[..., None]) -> None:
    put("people/people.tsv", "id\tname\n1\tAnn\nx\tBob\n")
    table(
        glue, "people", "s3://lake/people/", [("person id", "bigint"), ("name", "string")],
        Parameters={"classification": "csv", "skip.header.line.count": "1"},
        storage={"SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                               "Parameters": {"field.delim": "\t"}}},
    )

    people = glue_context.create_data_frame.from_catalog(database="sales", table_name="people")

    assert people.columns == ["person id", "name"]
    assert sorted((tuple(row) for row in people.collect()), key=str) == [(1, "Ann"), (None, "Bob")]


def test_a_table_moto_does_not_have_fails_with_its_entity_not_found(glue_context: Any, glue: Any) -> None:
    with pytest.raises(glue.exceptions.EntityNotFoundException):
        glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="missing")


def test_without_moto_a_catalog_read_raises_not_faked(glue_context: Any, glue_jobs: GlueJobs) -> None:
    with pytest.raises(NotFakedError, match="GetTable is not faked"):
        glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="orders")


def test_a_table_on_jdbc_is_not_served(glue_context: Any, glue: Any) -> None:
    table(glue, "remote", "jdbc:postgresql://db/orders", [("id", "int")], Parameters={"classification": "postgresql"})

    with pytest.raises(NotImplementedError, match=r"table sales\.remote is at jdbc:postgresql://db/orders: only tables on S3"):
        glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="remote")


def test_write_from_catalog_writes_at_the_tables_location_in_its_format(
    glue_context: Any, glue: Any, keys: Callable[..., list[str]]
) -> None:
    table(glue, "daily", "s3://lake/daily/", [("id", "bigint")],
          Parameters={"classification": "parquet"}, PartitionKeys=[{"Name": "day", "Type": "string"}])
    frame = glue_context.create_dynamic_frame_from_rdd([(1, "2024-05-01"), (2, "2024-05-02")], "daily", ["id", "day"])

    glue_context.write_dynamic_frame.from_catalog(frame=frame, database="sales", table_name="daily", transformation_ctx="out")

    written = keys("daily/")
    assert [key.rsplit("/", 1)[0] for key in written] == ["daily/day=2024-05-01", "daily/day=2024-05-02"]
    assert all(key.endswith("-snappy.parquet") for key in written)
    # Without enableUpdateCatalog the catalog is not touched.
    assert glue.get_partitions(DatabaseName="sales", TableName="daily")["Partitions"] == []


def test_a_sink_with_update_catalog_creates_the_table_and_adds_partitions(
    glue_context: Any, glue: Any, keys: Callable[..., list[str]]
) -> None:
    frame = glue_context.create_dynamic_frame_from_rdd([(1, 2.5, "DE"), (2, 1.0, "FR")], "orders", ["id", "amount", "country"])

    sink = glue_context.getSink(
        path="s3://lake/curated/orders/", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=["country"], enableUpdateCatalog=True, transformation_ctx="sink",
    )
    sink.setCatalogInfo(catalogDatabase="sales", catalogTableName="orders")
    sink.setFormat("glueparquet", compression="snappy")
    sink.writeFrame(frame)

    created = glue.get_table(DatabaseName="sales", Name="orders")["Table"]
    assert created["StorageDescriptor"]["Location"] == "s3://lake/curated/orders/"
    assert created["StorageDescriptor"]["Columns"] == [{"Name": "id", "Type": "bigint"}, {"Name": "amount", "Type": "double"}]
    assert created["PartitionKeys"] == [{"Name": "country", "Type": "string"}]
    assert created["Parameters"]["classification"] == "parquet"
    partitions = glue.get_partitions(DatabaseName="sales", TableName="orders")["Partitions"]
    assert sorted((p["Values"], p["StorageDescriptor"]["Location"]) for p in partitions) == [
        (["DE"], "s3://lake/curated/orders/country=DE/"), (["FR"], "s3://lake/curated/orders/country=FR/"),
    ]
    back = glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="orders", push_down_predicate="country = 'FR'")
    assert values(back, "id", "country") == [(2, "FR")]


@pytest.mark.parametrize(("behavior", "columns"), [
    ("UPDATE_IN_DATABASE", [{"Name": "id", "Type": "bigint"}, {"Name": "note", "Type": "string"}]),
    ("LOG", [{"Name": "id", "Type": "bigint"}]),
])
def test_update_behavior_decides_whether_the_columns_change(
    glue_context: Any, glue: Any, behavior: str, columns: list[dict[str, str]]
) -> None:
    table(glue, "notes", "s3://lake/notes/", [("id", "bigint")], Parameters={"classification": "json"})
    frame = glue_context.create_dynamic_frame_from_rdd([(1, "hello")], "notes", ["id", "note"])

    glue_context.write_dynamic_frame.from_catalog(
        frame=frame, database="sales", table_name="notes",
        additional_options={"enableUpdateCatalog": True, "updateBehavior": behavior},
    )

    assert glue.get_table(DatabaseName="sales", Name="notes")["Table"]["StorageDescriptor"]["Columns"] == columns


def test_update_catalog_refuses_partition_keys_that_differ_from_the_tables(
    glue_context: Any, glue: Any, keys: Callable[..., list[str]]
) -> None:
    table(glue, "daily", "s3://lake/daily/", [("id", "bigint")], Parameters={"classification": "json"},
          PartitionKeys=[{"Name": "day", "Type": "string"}])
    frame = glue_context.create_dynamic_frame_from_rdd([(1, "2024-05-01", "x")], "daily", ["id", "day", "shop"])
    sink = glue_context.getSink(connection_type="s3", path="s3://lake/daily/", enableUpdateCatalog=True, partitionKeys=["shop"])
    sink.setCatalogInfo(catalogDatabase="sales", catalogTableName="daily")
    sink.setFormat("json")

    with pytest.raises(ValueError, match=r"partitionKeys \['shop'\] do not match the partition keys of table sales.daily, \['day'\]"):
        sink.writeFrame(frame)


def test_update_catalog_without_catalog_info_is_refused_before_writing(glue_context: Any, glue: Any, keys: Callable[..., list[str]]) -> None:
    frame = glue_context.create_dynamic_frame_from_rdd([(1,)], "one", ["id"])
    sink = glue_context.getSink(connection_type="s3", path="s3://lake/x/", enableUpdateCatalog=True)
    sink.setFormat("json")

    with pytest.raises(ValueError, match="enableUpdateCatalog needs the table to update: call setCatalogInfo"):
        sink.writeFrame(frame)
    assert keys("x/") == []


def test_catalog_schema_as_spark_schema(glue_context: Any, glue: Any) -> None:
    table(glue, "orders", "s3://lake/orders/", [("id", "bigint"), ("tags", "array<string>")],
          PartitionKeys=[{"Name": "day", "Type": "date"}])

    schema = glue_context.get_catalog_schema_as_spark_schema(database="sales", table_name="orders")

    assert schema.simpleString() == "struct<id:bigint,tags:array<string>,day:date>"
