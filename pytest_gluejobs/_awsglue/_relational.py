"""Relationalize: nested records as flat tables joined by generated keys.

AWS ("Relationalize class"; the legislators sample; the Scala class page): structs are flattened
into dotted column names as unnest does; each array becomes a table of its own named
``<root>_<column>`` (``hist_root_contact_details``) with ``id`` (the key now held in the parent's
column), ``index`` (the position in the array) and ``<column>.val`` (or ``<column>.val.<field>``
for struct elements); arrays inside those are pivoted the same way. Keys count up from 1 in each
table, so they are the same on every run over the same rows. Glue stages the array tables as CSV
under the staging path and reads them back; here they stay in Spark and nothing is written there.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import _fields

KEY = "__relationalize_key"


def relationalize(df: DataFrame, root: str) -> dict[str, DataFrame]:
    """The root table and one table per array, by name."""
    tables: dict[str, DataFrame] = {}
    _pivot(df, root, root, tables)
    return tables


def _pivot(df: DataFrame, name: str, root: str, tables: dict[str, DataFrame]) -> None:
    flat = _fields.flatten(df)
    arrays = [field.name for field in flat.schema.fields if isinstance(field.dataType, T.ArrayType)]
    if not arrays:
        tables[name] = flat
        return
    keyed = _numbered(flat)
    key = F.col(KEY)
    columns = [
        F.when(F.col(_fields.spark_name(c)).isNotNull(), key).alias(c)
        if c in arrays
        else F.col(_fields.spark_name(c))
        for c in flat.columns
    ]
    tables[name] = keyed.select(*columns)
    for column in arrays:
        child = keyed.select(
            key.alias("id"),
            F.posexplode(F.col(_fields.spark_name(column))).alias("index", f"{column}.val"),
        )
        _pivot(child, f"{root}_{column}", root, tables)


def _numbered(df: DataFrame) -> DataFrame:
    """The frame with a key column counting its rows from 1."""
    schema = T.StructType([*df.schema.fields, T.StructField(KEY, T.LongType(), False)])
    rows = df.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1))
    return df.sparkSession.createDataFrame(rows, schema)
