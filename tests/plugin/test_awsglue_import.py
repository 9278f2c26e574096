"""``import awsglue`` (and ``awsgluedq``) where the real library is not installed: the stand-in, one
module per name, usable without PySpark for ``awsglue.utils``; the spark extra named where PySpark
is needed."""

from __future__ import annotations

import importlib
import sys

import pytest
from support import run_inline

from pytest_gluejobs import _awsglue_import
from pytest_gluejobs._spark.session import parse_settings


@pytest.fixture
def without_pyspark(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if PySpark were not installed: the stand-in's Spark modules not imported yet."""
    for name in [name for name in sys.modules if name.startswith(("awsglue.", "awsgluedq.", "pytest_gluejobs._awsglue.", "pytest_gluejobs._awsgluedq.", "pyspark", "py4j"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyspark", None)


def test_awsglue_is_the_stand_in_and_its_utils_need_no_pyspark(without_pyspark: None) -> None:
    import awsglue.utils

    assert _awsglue_import.ours(sys.modules["awsglue"])
    assert awsglue.utils is importlib.import_module("pytest_gluejobs._awsglue.utils")
    assert awsglue.utils.getResolvedOptions(["job.py", "--JOB_NAME", "nightly"], ["JOB_NAME"])["JOB_NAME"] == "nightly"


@pytest.mark.parametrize("statement", [
    "from awsglue import DynamicFrame",
    "from awsglue.context import GlueContext",
    "from awsglue.transforms import ApplyMapping",
    "from awsgluedq.transforms import EvaluateDataQuality",
])
def test_without_pyspark_the_spark_modules_name_the_extra(without_pyspark: None, statement: str) -> None:
    with pytest.raises(ImportError, match=r"needs PySpark, which is not installed: install the spark extra, pip install 'pytest-gluejobs\[spark\]'"):
        exec(statement, {})


def test_awsgluedq_is_the_stand_in_too_and_itself_needs_no_pyspark(without_pyspark: None) -> None:
    import awsgluedq

    assert _awsglue_import.ours(awsgluedq)
    assert awsgluedq.__all__ == []
    with pytest.raises(ModuleNotFoundError, match=r"No module named 'awsgluedq\.nothing_here'"):
        importlib.import_module("awsgluedq.nothing_here")


def test_a_module_or_name_awsglue_lacks_is_missing_as_python_says() -> None:
    import awsglue

    with pytest.raises(ModuleNotFoundError, match=r"No module named 'awsglue\.nothing_here'"):
        importlib.import_module("awsglue.nothing_here")
    with pytest.raises(AttributeError, match="module 'awsglue' has no attribute 'GlueContext'"):
        awsglue.GlueContext  # noqa: B018


def test_installing_the_finders_twice_adds_them_once() -> None:
    before = list(sys.meta_path)

    _awsglue_import.install()
    _awsglue_import.install()

    assert sys.meta_path == before


@pytest.mark.parametrize(
    ("lines", "settings"),
    [
        (["spark.master=local[1]", "  spark.sql.shuffle.partitions = 4  ", "", "# a comment"],
         {"spark.master": "local[1]", "spark.sql.shuffle.partitions": "4"}),
        (["spark.driver.extraJavaOptions=-Da=b -Dc=d"], {"spark.driver.extraJavaOptions": "-Da=b -Dc=d"}),
    ],
)
def test_spark_settings_are_key_value_lines(lines: list[str], settings: dict[str, str]) -> None:
    assert parse_settings(lines) == settings


@pytest.mark.parametrize("line", ["local[2]", "master=local[2]", "spark.master=", "=x"])
def test_a_line_that_is_not_a_spark_setting_is_refused_at_startup(pytester: pytest.Pytester, line: str) -> None:
    pytester.makeini(f"[pytest]\nglue_jobs_spark =\n    {line}\n")
    pytester.makepyfile("def test_nothing(): pass")

    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"ini option glue_jobs_spark: '{line}' is not a Spark setting: give one 'key=value' a line" in result.stderr.str()


@pytest.mark.parametrize("ini", ["glue_jobs_region = not a region", "glue_jobs_spark = local[2]"])
def test_a_nested_run_refused_at_startup_leaves_the_outer_runs_spark_alone(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ini: str
) -> None:
    # The outermost pytest run stops Spark when it ends; a nested run that never started must not
    # count as one ending, or it stops the Spark the outer run's tests are still using.
    from pytest_gluejobs import _spark_lifetime
    from pytest_gluejobs._spark import session

    running = list(_spark_lifetime._runs)
    stopped: list[bool] = []
    monkeypatch.setattr(session, "stop", lambda: stopped.append(True))
    pytester.makeini(f"[pytest]\n{ini}\n")
    pytester.makepyfile("def test_nothing(): pass")

    for _ in range(2):
        assert run_inline(pytester).ret == pytest.ExitCode.USAGE_ERROR

    assert stopped == []
    assert _spark_lifetime._runs == running
