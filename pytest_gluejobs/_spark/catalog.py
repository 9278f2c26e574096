"""The Glue Data Catalog as a job sees it: through an ordinary boto3 Glue client.

While a fake is active its edge hands the catalog operations it does not answer to moto's
``mock_aws``, when that is active; without moto they raise NotFakedError, as any unfaked Glue call
does, and a run that makes one FAILS naming it. Tables are read and written where their
``StorageDescriptor.Location`` says, in the format their ``classification`` (or SerDe, or input
format) names; a sink that updates the catalog creates the table or adds its new partitions as
Glue's "update the Data Catalog from a job" describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import run

# Each format's Hive classes, as Glue's crawlers and sinks write them into a table.
_HIVE: dict[str, tuple[str, str, str]] = {
    "parquet": (
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
    ),
    "orc": (
        "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
        "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
        "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
    ),
    "json": (
        "org.apache.hadoop.mapred.TextInputFormat",
        "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "org.openx.data.jsonserde.JsonSerDe",
    ),
    "csv": (
        "org.apache.hadoop.mapred.TextInputFormat",
        "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
    ),
}
# SerDe or input format class (lower-cased, by what it contains) → format.
_BY_CLASS = (
    ("parquet", "parquet"),
    ("orc", "orc"),
    ("jsonserde", "json"),
    ("opencsvserde", "csv"),
    ("lazysimpleserde", "csv"),
    ("avro", "avro"),
)


@dataclass(frozen=True)
class Table:
    """A catalog table as a read or write needs it."""

    database: str
    name: str
    raw: dict[str, Any]

    @property
    def storage(self) -> dict[str, Any]:
        return dict(self.raw.get("StorageDescriptor") or {})

    @property
    def location(self) -> str:
        return str(self.storage.get("Location") or "")

    @property
    def columns(self) -> list[tuple[str, str]]:
        return [(column["Name"], column.get("Type", "string")) for column in self.storage.get("Columns") or []]

    @property
    def partition_keys(self) -> list[tuple[str, str]]:
        return [(key["Name"], key.get("Type", "string")) for key in self.raw.get("PartitionKeys") or []]

    @property
    def parameters(self) -> dict[str, str]:
        return {**(self.storage.get("Parameters") or {}), **(self.raw.get("Parameters") or {})}

    @property
    def serde_parameters(self) -> dict[str, str]:
        return dict((self.storage.get("SerdeInfo") or {}).get("Parameters") or {})

    def format(self) -> str:
        """The table's format: its classification, else what its SerDe or input format names."""
        classification = self.parameters.get("classification")
        if classification:
            return classification.lower()
        classes = " ".join(
            str(value or "").lower()
            for value in (
                (self.storage.get("SerdeInfo") or {}).get("SerializationLibrary"),
                self.storage.get("InputFormat"),
            )
        )
        for fragment, format in _BY_CLASS:
            if fragment in classes:
                return format
        raise ValueError(
            f"table {self.database}.{self.name} names no format: give it Parameters.classification "
            "(json, csv, parquet, orc) or a SerDe such as org.openx.data.jsonserde.JsonSerDe"
        )

    def qualified(self) -> str:
        return f"{self.database}.{self.name}"


def client() -> Any:
    import boto3

    return boto3.client("glue", region_name=run.region())


def _catalog(catalog_id: str | None) -> dict[str, str]:
    return {"CatalogId": catalog_id} if catalog_id else {}


def get_table(database: str, name: str, catalog_id: str | None = None) -> Table:
    """GetTable; its errors (EntityNotFoundException from moto, NotFakedError) reach the caller."""
    answer = client().get_table(DatabaseName=database, Name=name, **_catalog(catalog_id))
    return Table(database, name, answer["Table"])


def find_table(database: str, name: str, catalog_id: str | None = None) -> Table | None:
    glue = client()
    try:
        answer = glue.get_table(DatabaseName=database, Name=name, **_catalog(catalog_id))
    except glue.exceptions.EntityNotFoundException:
        return None
    return Table(database, name, answer["Table"])


def partitions(table: Table, catalog_id: str | None = None, expression: str = "") -> list[dict[str, Any]]:
    """GetPartitions of the table, every page."""
    params: dict[str, Any] = {"DatabaseName": table.database, "TableName": table.name, **_catalog(catalog_id)}
    if expression:
        params["Expression"] = expression
    pages = client().get_paginator("get_partitions").paginate(**params)
    return [partition for page in pages for partition in page.get("Partitions", [])]


def table_input(
    name: str,
    location: str,
    format: str,
    columns: list[tuple[str, str]],
    partition_keys: list[tuple[str, str]],
    separator: str = ",",
) -> dict[str, Any]:
    """A TableInput for data a sink wrote, as Glue's sinks describe it."""
    kind = "parquet" if format == "glueparquet" else format
    input_format, output_format, serde = _HIVE[kind]
    serde_parameters = {"field.delim": separator} if kind == "csv" else {"serialization.format": "1"}
    return {
        "Name": name,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": kind},
        "PartitionKeys": [{"Name": key, "Type": kind_of} for key, kind_of in partition_keys],
        "StorageDescriptor": {
            "Columns": [{"Name": column, "Type": kind_of} for column, kind_of in columns],
            "Location": location,
            "InputFormat": input_format,
            "OutputFormat": output_format,
            "SerdeInfo": {"SerializationLibrary": serde, "Parameters": serde_parameters},
            "Parameters": {"classification": kind},
        },
    }


def create_table(database: str, table: dict[str, Any], catalog_id: str | None = None) -> None:
    client().create_table(DatabaseName=database, TableInput=table, **_catalog(catalog_id))


def update_columns(table: Table, columns: list[tuple[str, str]], catalog_id: str | None = None) -> None:
    """UPDATE_IN_DATABASE: the table's columns become the data's."""
    raw = table.raw
    storage = {**table.storage, "Columns": [{"Name": name, "Type": kind} for name, kind in columns]}
    update: dict[str, Any] = {
        key: raw[key]
        for key in ("Name", "Description", "Owner", "Retention", "PartitionKeys", "TableType", "Parameters")
        if key in raw
    }
    update["StorageDescriptor"] = storage
    client().update_table(DatabaseName=table.database, TableInput=update, **_catalog(catalog_id))


def add_partitions(table: Table, values: list[list[str]], catalog_id: str | None = None) -> None:
    """The partitions a write produced that the table does not have yet."""
    if not values:
        return
    existing = {tuple(partition.get("Values", [])) for partition in partitions(table, catalog_id)}
    keys = [key for key, _ in table.partition_keys]
    storage = table.storage
    new = []
    for row in values:
        if tuple(row) in existing:
            continue
        existing.add(tuple(row))
        folder = "/".join(f"{key}={value}" for key, value in zip(keys, row))
        new.append({
            "Values": list(row),
            "StorageDescriptor": {**storage, "Location": table.location.rstrip("/") + "/" + folder + "/"},
        })
    glue = client()
    for start in range(0, len(new), 100):  # BatchCreatePartition takes up to 100
        glue.batch_create_partition(
            DatabaseName=table.database, TableName=table.name, PartitionInputList=new[start:start + 100], **_catalog(catalog_id)
        )
