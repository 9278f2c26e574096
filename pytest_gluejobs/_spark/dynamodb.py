"""DynamoDB tables as Glue's DynamoDB connection reads and writes them, from moto's ``mock_aws``.

A read scans the whole table (``dynamodb.input.tableName``) and infers one schema over every item,
numbers as whole or decimal numbers, sets as arrays, binary as base64 text. A write puts each row
as an item (``dynamodb.output.tableName``), replacing an item with the same key, as Glue's
DynamoDB sink does. Without moto's ``mock_aws`` active there is no DynamoDB here to use.
"""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import run, s3_paths
from .errors import NotServedError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def _resource() -> Any:
    if not s3_paths.moto_active():
        raise NotServedError(
            "the dynamodb connection type reads and writes DynamoDB as moto's mock_aws serves it, "
            "and mock_aws is not active: run the job inside mock_aws, with the table created there"
        )
    import boto3

    return boto3.resource("dynamodb", region_name=run.region())


def read(spark: SparkSession, table_name: str) -> DataFrame:
    table = _resource().Table(table_name)
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {}
    while True:
        page = table.scan(**params)
        items += page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            break
        params["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    if not items:
        return spark.range(0).select()
    lines = [json.dumps(item, default=_plain) for item in items]
    return spark.read.json(spark.sparkContext.parallelize(lines, 1))


def write(frame: DataFrame, table_name: str) -> int:
    table = _resource().Table(table_name)
    rows = frame.toJSON().collect()
    with table.batch_writer() as batch:
        for line in rows:
            batch.put_item(Item=json.loads(line, parse_float=Decimal))
    return len(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (bytes, bytearray)) or hasattr(value, "value"):
        raw = value.value if hasattr(value, "value") else value
        return base64.b64encode(bytes(raw)).decode()
    raise TypeError(f"a DynamoDB value of type {type(value).__name__} has no JSON form")
