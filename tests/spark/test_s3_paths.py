"""s3:// paths through Spark's own readers and writers: a mapped folder, else moto's S3, else an
error naming the path and both ways to serve it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pyspark = pytest.importorskip("pyspark")

from pytest_gluejobs import GlueJobs  # noqa: E402
from pytest_gluejobs._spark.errors import S3PathNotServedError  # noqa: E402


def test_spark_reads_and_writes_moto_s3(glue_context: Any, put: Callable[..., None], keys: Callable[..., list[str]], s3: Any) -> None:
    spark = glue_context.spark_session
    put("raw/orders/a.json", '{"id": 1, "country": "DE"}\n{"id": 2, "country": "FR"}\n')

    orders = spark.read.json("s3://lake/raw/orders/")
    orders.write.partitionBy("country").parquet("s3://lake/curated/orders/")

    assert sorted(row.id for row in orders.collect()) == [1, 2]
    written = keys("curated/orders/")
    assert written[0] == "curated/orders/_SUCCESS"
    assert [key.rsplit("/", 1)[0] for key in written[1:]] == ["curated/orders/country=DE", "curated/orders/country=FR"]
    assert all(key.endswith(".snappy.parquet") for key in written[1:])
    assert spark.read.parquet("s3a://lake/curated/orders/").count() == 2
    # What Spark names the rows' files: the S3 names, not a local folder.
    assert orders.inputFiles() == ["s3://lake/raw/orders/a.json"]


def test_an_overwrite_replaces_the_objects_and_a_later_read_sees_changes_in_moto(
    glue_context: Any, put: Callable[..., None], keys: Callable[..., list[str]], s3: Any
) -> None:
    spark = glue_context.spark_session
    spark.range(3).write.parquet("s3://lake/out/")
    first = keys("out/")
    spark.range(5).write.mode("overwrite").parquet("s3://lake/out/")

    assert not set(first[1:]) & set(keys("out/"))
    assert spark.read.parquet("s3://lake/out/").count() == 5
    s3.delete_objects(Bucket="lake", Delete={"Objects": [{"Key": key} for key in keys("out/")]})
    put("out/again.json", '{"n": 1}\n')
    assert spark.read.json("s3://lake/out/").count() == 1


def test_rdds_and_globs_are_served_too(glue_context: Any, put: Callable[..., None], keys: Callable[..., list[str]]) -> None:
    sc = glue_context.spark_session.sparkContext
    put("logs/2024-01-01.txt", "a\nb\n")
    put("logs/2024-01-02.txt", "c\n")
    put("logs/notes.md", "not a log\n")

    assert sorted(sc.textFile("s3://lake/logs/2024-*.txt").collect()) == ["a", "b", "c"]
    sc.parallelize(["x", "y"], 1).saveAsTextFile("s3://lake/copied/")
    assert keys("copied/") == ["copied/_SUCCESS", "copied/part-00000"]


def test_a_mapped_folder_serves_its_prefix_and_moto_the_rest(
    glue_context: Any, glue_jobs: GlueJobs, put: Callable[..., None], tmp_path: Path, keys: Callable[..., list[str]]
) -> None:
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / "rows.json").write_text('{"id": 7}\n')
    glue_jobs.run_scripts({"s3://lake/local/": tmp_path})
    put("remote/rows.json", '{"id": 8}\n')
    spark = glue_context.spark_session

    assert spark.read.json("s3://lake/local/input/").first().id == 7
    assert spark.read.json("s3://lake/remote/").first().id == 8
    spark.range(1).write.json("s3://lake/local/output/")

    assert any(path.name.startswith("part-00000") for path in (tmp_path / "output").iterdir())
    assert keys("local/") == []  # a mapped prefix is the folder's, not moto's


def test_without_moto_only_mapped_folders_serve_paths(glue_context: Any, glue_jobs: GlueJobs, tmp_path: Path) -> None:
    (tmp_path / "rows.json").write_text('{"id": 1}\n')
    glue_jobs.run_scripts({"s3://lake/": tmp_path})
    spark = glue_context.spark_session

    assert spark.read.json("s3://lake/rows.json").count() == 1
    with pytest.raises(S3PathNotServedError) as caught:
        spark.read.json("s3://elsewhere/rows.json")
    message = str(caught.value)
    assert message.startswith("s3://elsewhere/rows.json is not served")
    assert "glue_jobs.run_scripts({'s3://elsewhere/': folder})" in message
    assert "mock_aws" in message


@pytest.mark.parametrize("path", ["s3://lake/../etc/passwd", "s3://lake/a/./b"])
def test_a_key_that_would_climb_out_of_its_folder_is_refused(glue_context: Any, glue_jobs: GlueJobs, tmp_path: Path, path: str) -> None:
    glue_jobs.run_scripts({"s3://lake/": tmp_path})

    with pytest.raises(S3PathNotServedError, match=r"'\.' or '\.\.' segments"):
        glue_context.spark_session.read.json(path)


def test_a_bucket_moto_does_not_have_is_named(glue_context: Any, s3: Any) -> None:
    with pytest.raises(S3PathNotServedError, match="moto's S3 has no bucket 'missing'"):
        glue_context.spark_session.read.json("s3://missing/x.json")
