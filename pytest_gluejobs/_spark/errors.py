"""The errors of the ``awsglue`` stand-in and its Spark, each naming what to do about it."""

from __future__ import annotations

EXTRA = "pip install 'pytest-gluejobs[spark]'"


class SparkUnavailableError(RuntimeError):
    """Spark cannot start here: no Java, or a Java Spark could not launch. Raised at first use."""


class S3PathNotServedError(RuntimeError):
    """An ``s3://`` path that no local folder maps and no S3 (moto's ``mock_aws``) serves."""


class NotServedError(NotImplementedError):
    """A connection type or format the stand-in does not read or write (JDBC, Redshift, Kafka…)."""


def pyspark_missing(module: str) -> ImportError:
    """What ``import awsglue.context`` and its peers raise where PySpark is not installed."""
    return ImportError(
        f"{module} needs PySpark, which is not installed: install the spark extra, "
        f"{EXTRA} (PySpark 3.5, the Spark of Glue 5; Spark also needs Java 17)",
        name=module,
    )
