"""Glue ETL scripts on Spark: each module skips without PySpark (the ``spark`` extra).

The plugin's one Spark serves every test here, started by the first that needs it. Fixtures:
moto's ``mock_aws`` with a bucket ``lake``, its S3 client, and a writer of local files.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

REGION = "us-east-1"


@pytest.fixture
def aws() -> Iterator[None]:
    """moto's mock_aws, with the bucket ``lake``."""
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(Bucket="lake")
        yield


@pytest.fixture
def s3(aws: None) -> Any:
    return boto3.client("s3", region_name=REGION)


@pytest.fixture
def put(s3: Any) -> Callable[..., None]:
    """put("key", "text" or bytes, bucket="lake"): an object in moto's S3."""

    def put_object(key: str, body: str | bytes, bucket: str = "lake") -> None:
        s3.put_object(Bucket=bucket, Key=key, Body=body.encode() if isinstance(body, str) else body)

    return put_object


@pytest.fixture
def keys(s3: Any) -> Callable[..., list[str]]:
    """keys("prefix/"): the keys under a prefix of ``lake``, sorted."""

    def listed(prefix: str = "", bucket: str = "lake") -> list[str]:
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    return listed


def write(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code))
    return path
