"""One Spark for the test session: what scripts get, what they cannot break, what does not leak."""

from __future__ import annotations

from typing import Any

import pytest

pyspark = pytest.importorskip("pyspark")

from pyspark import SparkContext  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

from pytest_gluejobs._spark import session  # noqa: E402


def test_every_way_a_script_asks_for_spark_gets_the_one_spark(glue_context: Any) -> None:
    shared = session.shared().sparkContext

    assert SparkContext() is shared
    assert SparkContext.getOrCreate() is shared
    assert glue_context.spark_session.sparkContext is shared
    # The test's own session: what the script builds on is the glue_context's.
    assert SparkSession.builder.getOrCreate() is glue_context.spark_session


def test_the_one_spark_runs_locally_without_ui_and_with_few_shuffle_partitions(glue_context: Any) -> None:
    conf = dict(glue_context.spark_session.sparkContext.getConf().getAll())

    assert conf["spark.master"] == "local[2]"
    assert conf["spark.ui.enabled"] == "false"
    assert glue_context.spark_session.conf.get("spark.sql.shuffle.partitions") == "2"
    assert glue_context.spark_session.conf.get("spark.sql.session.timeZone") == "UTC"


def test_stopping_spark_from_a_script_stops_nothing(glue_context: Any) -> None:
    spark = glue_context.spark_session
    spark.sparkContext.stop()
    SparkContext.getOrCreate().stop()
    spark.stop()
    with SparkSession.builder.getOrCreate():
        pass

    assert spark.range(3).count() == 3
    assert session.shared().sparkContext._jsc is not None


def test_a_test_leaves_views_tables_and_caches_behind_1(glue_context: Any) -> None:
    spark = glue_context.spark_session
    spark.range(3).createOrReplaceTempView("orders")
    spark.range(3).createOrReplaceGlobalTempView("orders_everywhere")
    spark.sql("CREATE TABLE kept USING parquet AS SELECT 1 AS id")
    spark.sql("CREATE DATABASE scratch")
    spark.table("orders").cache().count()
    spark.conf.set("spark.sql.shuffle.partitions", "7")

    assert spark.catalog.isCached("orders")


def test_a_test_leaves_views_tables_and_caches_behind_2(glue_context: Any) -> None:
    """Runs after _1 (file order): nothing of it is left."""
    spark = glue_context.spark_session

    assert [table.name for table in spark.catalog.listTables()] == []
    assert [table.name for table in spark.catalog.listTables("global_temp")] == []
    assert [database.name for database in spark.catalog.listDatabases()] == ["default"]
    assert spark.conf.get("spark.sql.shuffle.partitions") == "2"
    assert spark.sparkContext._jsc.getPersistentRDDs().isEmpty()


def test_a_second_local_master_url_comes_from_the_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
        [pytest]
        glue_jobs_spark =
            spark.master=local[1]
            spark.sql.shuffle.partitions=3
        """
    )
    pytester.makepyfile(
        """
        def test_it(glue_context):
            spark = glue_context.spark_session
            assert spark.sparkContext.master == "local[1]"
            assert spark.conf.get("spark.sql.shuffle.partitions") == "3"
            assert spark.range(4).count() == 4
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_without_java_the_first_use_fails_naming_java_17(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(pytester.path / "no-java"))
    pytester.makepyfile(
        """
        def test_plugin_loads_without_java():
            pass

        def test_spark_is_needed(glue_context):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "*SparkUnavailableError: pytest-gluejobs: Spark needs Java 17 (the Java of Glue 5), and JAVA_HOME is *no-java, which has no bin/java. Install a Java 17 runtime*",
    ])
