"""Glue Studio jobs with data quality nodes, run end to end as job runs: the Evaluate Data Quality
node with its "fail the job" action (an assert Studio writes into the script), the default ruleset
Studio evaluates before writing a target, row-level outcomes routed to a quarantine, and a rule the
stand-in does not evaluate failing the run by name."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest

pytest.importorskip("pyspark")

from pytest_gluejobs import GlueJobs

# As Glue Studio generates it (2024): source, Evaluate Data Quality with "Fail job when data
# quality fails", its ruleOutcomes and rowLevelOutcomes, a router on the row-level result, and two
# S3 targets each with the default data quality ruleset enabled.
STUDIO_SCRIPT = '''
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsgluedq.transforms import EvaluateDataQuality

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Default ruleset used by all target nodes with data quality enabled
DEFAULT_DATA_QUALITY_RULESET = """
    Rules = [
        ColumnCount > 0
    ]
"""

# Script generated for node Raw orders
Raworders_node1716800000001 = glueContext.create_dynamic_frame.from_options(format_options={"multiline": False}, connection_type="s3", format="json", connection_options={"paths": ["s3://lake/raw/"], "recurse": True}, transformation_ctx="Raworders_node1716800000001")

# Script generated for node Evaluate Data Quality
EvaluateDataQuality_node1716800000002_ruleset = """
    # Example rules: Completeness "colA" between 0.4 and 0.8, ColumnCount > 10
    Rules = [
        IsComplete "order_id",
        IsUnique "order_id",
        RowCount > 0
    ]
"""

EvaluateDataQuality_node1716800000002 = EvaluateDataQuality().process_rows(frame=Raworders_node1716800000001, ruleset=EvaluateDataQuality_node1716800000002_ruleset, publishing_options={"dataQualityEvaluationContext": "EvaluateDataQuality_node1716800000002", "enableDataQualityCloudWatchMetrics": True, "enableDataQualityResultsPublishing": True}, additional_options={"observations.scope":"ALL","performanceTuning.caching":"CACHE_NOTHING"})

assert EvaluateDataQuality_node1716800000002[EvaluateDataQuality.DATA_QUALITY_RULE_OUTCOMES_KEY].filter(lambda x: x["Outcome"] == "Failed").count() == 0, "The job failed due to failing DQ rules for node: Raworders_node1716800000001"

# Script generated for node rowLevelOutcomes
rowLevelOutcomes_node1716800000003 = SelectFromCollection.apply(dfc=EvaluateDataQuality_node1716800000002, key="rowLevelOutcomes", transformation_ctx="rowLevelOutcomes_node1716800000003")

# Script generated for node Evaluate amounts
Evaluateamounts_node1716800000004_ruleset = """
    Rules = [
        ColumnValues "status" in ["PAID", "NEW"],
        ColumnValues "amount" > 0
    ]
"""

Evaluateamounts_node1716800000004 = EvaluateDataQuality().process_rows(frame=rowLevelOutcomes_node1716800000003, ruleset=Evaluateamounts_node1716800000004_ruleset, publishing_options={"dataQualityEvaluationContext": "Evaluateamounts_node1716800000004", "enableDataQualityCloudWatchMetrics": True, "enableDataQualityResultsPublishing": True}, additional_options={"observations.scope":"ALL","performanceTuning.caching":"CACHE_NOTHING"})

# Script generated for node amountOutcomes
amountOutcomes_node1716800000005 = SelectFromCollection.apply(dfc=Evaluateamounts_node1716800000004, key="rowLevelOutcomes", transformation_ctx="amountOutcomes_node1716800000005")

# Script generated for node Good rows
Goodrows_node1716800000006 = Filter.apply(frame=amountOutcomes_node1716800000005, f=lambda row: (row["DataQualityEvaluationResult"] == "Passed"), transformation_ctx="Goodrows_node1716800000006")

# Script generated for node Bad rows
Badrows_node1716800000007 = Filter.apply(frame=amountOutcomes_node1716800000005, f=lambda row: (row["DataQualityEvaluationResult"] == "Failed"), transformation_ctx="Badrows_node1716800000007")

# Script generated for node Drop Fields
DropFields_node1716800000008 = DropFields.apply(frame=Goodrows_node1716800000006, paths=["DataQualityRulesPass", "DataQualityRulesFail", "DataQualityRulesSkip", "DataQualityEvaluationResult"], transformation_ctx="DropFields_node1716800000008")

# Script generated for node Curated orders
EvaluateDataQuality().process_rows(frame=DropFields_node1716800000008, ruleset=DEFAULT_DATA_QUALITY_RULESET, publishing_options={"dataQualityEvaluationContext": "EvaluateDataQuality_node1716800000010", "enableDataQualityResultsPublishing": True}, additional_options={"dataQualityResultsPublishing.strategy": "BEST_EFFORT", "observations.scope": "ALL"})
Curatedorders_node1716800000009 = glueContext.write_dynamic_frame.from_options(frame=DropFields_node1716800000008, connection_type="s3", format="json", connection_options={"path": "s3://lake/curated/", "partitionKeys": []}, transformation_ctx="Curatedorders_node1716800000009")

# Script generated for node Quarantine
EvaluateDataQuality().process_rows(frame=Badrows_node1716800000007, ruleset=DEFAULT_DATA_QUALITY_RULESET, publishing_options={"dataQualityEvaluationContext": "EvaluateDataQuality_node1716800000012", "enableDataQualityResultsPublishing": True}, additional_options={"dataQualityResultsPublishing.strategy": "BEST_EFFORT", "observations.scope": "ALL"})
Quarantine_node1716800000011 = glueContext.write_dynamic_frame.from_options(frame=Badrows_node1716800000007, connection_type="s3", format="json", connection_options={"path": "s3://lake/quarantine/", "partitionKeys": []}, transformation_ctx="Quarantine_node1716800000011")

job.commit()
'''


@pytest.fixture
def glue(aws: None, glue_jobs: GlueJobs, tmp_path: Path) -> Any:
    (tmp_path / "orders_quality.py").write_text(STUDIO_SCRIPT)
    glue_jobs.run_scripts({"s3://scripts/": tmp_path})
    client = boto3.client("glue", region_name="us-east-1")
    client.create_job(
        Name="orders-quality", Role="arn:aws:iam::123456789012:role/etl", GlueVersion="5.0",
        Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/orders_quality.py"},
    )
    return client


def run(glue: Any, name: str = "orders-quality") -> dict[str, Any]:
    run_id = glue.start_job_run(JobName=name)["JobRunId"]
    job_run: dict[str, Any] = glue.get_job_run(JobName=name, RunId=run_id)["JobRun"]
    return job_run


def rows(s3: Any, keys: Callable[..., list[str]], prefix: str) -> list[dict[str, Any]]:
    found = []
    for key in keys(prefix):
        body = s3.get_object(Bucket="lake", Key=key)["Body"].read().decode()
        found += [json.loads(line) for line in body.splitlines() if line]
    return sorted(found, key=lambda row: row["order_id"])


def test_good_rows_are_curated_and_bad_ones_quarantined_with_the_rules_they_failed(
    glue: Any, put: Callable[..., None], keys: Callable[..., list[str]], s3: Any
) -> None:
    put("raw/a.json", "\n".join(json.dumps(o) for o in [
        {"order_id": "o1", "status": "PAID", "amount": 20.0},
        {"order_id": "o2", "status": "LOST", "amount": 5.0},
        {"order_id": "o3", "status": "NEW", "amount": -1.0},
    ]))

    job_run = run(glue)

    assert job_run["JobRunState"] == "SUCCEEDED", job_run.get("ErrorMessage")
    assert rows(s3, keys, "curated/") == [{"order_id": "o1", "status": "PAID", "amount": 20.0}]
    quarantined = rows(s3, keys, "quarantine/")
    assert [(r["order_id"], r["DataQualityRulesFail"], r["DataQualityEvaluationResult"]) for r in quarantined] == [
        ("o2", ['ColumnValues "status" in ["PAID","NEW"]'], "Failed"),
        ("o3", ['ColumnValues "amount" > 0'], "Failed"),
    ]
    # The first node's row-level columns came along and were judged by the second node.
    assert quarantined[0]["DataQualityRulesPass"] == ['ColumnValues "amount" > 0']


def test_a_failing_rule_fails_the_run_through_studios_assert_before_anything_is_written(
    glue: Any, glue_jobs: GlueJobs, put: Callable[..., None], keys: Callable[..., list[str]]
) -> None:
    put("raw/a.json", '{"order_id": "o1", "status": "PAID", "amount": 1}\n{"order_id": "o1", "status": "PAID", "amount": 2}\n')

    job_run = run(glue)

    assert (job_run["JobRunState"], job_run["ErrorMessage"]) == (
        "FAILED", "AssertionError: The job failed due to failing DQ rules for node: Raworders_node1716800000001",
    )
    assert keys("curated/") == [] and keys("quarantine/") == []
    assert "assert EvaluateDataQuality_node1716800000002[EvaluateDataQuality.DATA_QUALITY_RULE_OUTCOMES_KEY]" in glue_jobs.run_logs(job_run["Id"]).error


def test_a_rule_not_evaluated_here_fails_the_run_naming_it(glue: Any, glue_jobs: GlueJobs, tmp_path: Path, put: Callable[..., None]) -> None:
    (tmp_path / "referential.py").write_text(textwrap.dedent('''
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsgluedq.transforms import EvaluateDataQuality

        glueContext = GlueContext(SparkContext.getOrCreate())
        orders = glueContext.create_dynamic_frame.from_options(connection_type="s3", format="json", connection_options={"paths": ["s3://lake/raw/"]})
        EvaluateDataQuality().process_rows(frame=orders, additional_data_sources={"ref": orders}, ruleset="""Rules = [
            IsComplete "order_id",
            ReferentialIntegrity "order_id" "ref.{order_id}" = 1.0
        ]""")
    '''))
    glue_jobs.add_job("referential", Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/referential.py"})
    put("raw/a.json", '{"order_id": "o1"}\n')

    job_run = run(glue, "referential")

    assert job_run["JobRunState"] == "FAILED"
    assert job_run["ErrorMessage"] == (
        "RuleNotEvaluatedError: Data quality rule 'ReferentialIntegrity \"order_id\" \"ref.{order_id}\" = 1.0' is not evaluated by "
        'pytest-gluejobs: ReferentialIntegrity rules are not part of the DQDL it evaluates (docs/etl.md, "Data quality").'
    )
