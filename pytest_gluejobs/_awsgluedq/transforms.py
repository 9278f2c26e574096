"""``awsgluedq.transforms``: `EvaluateDataQuality`, AWS Glue Data Quality inside an ETL job.

AWS pages: "EvaluateDataQuality class"
(https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-EvaluateDataQuality.html)
for ``apply``, its options and the outcome columns; "Data Quality Definition Language (DQDL)
reference" (https://docs.aws.amazon.com/glue/latest/dg/dqdl.html) for the rules. ``process_rows``
and its keys (``originalData``, ``ruleOutcomes``, ``rowLevelOutcomes``) and the
``DATA_QUALITY_RULE_OUTCOMES_KEY`` constant are what Glue Studio's generated scripts use, and
the row-level columns (``DataQualityRulesPass``, ``DataQualityRulesFail``,
``DataQualityRulesSkip``, ``DataQualityEvaluationResult``) what AWS's engine writes
(awslabs/deequ, ``com.amazon.deequ.dqdl``).

A failed rule does not fail the job: Glue Studio's "fail the job" actions are an ``assert`` that its
code generator writes into the script after the node, which runs here as on Glue.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .._awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from .._awsglue.transforms.transform import GlueTransform
from ._dqdl import parse
from ._evaluate import Outcome, evaluate

__all__ = ["EvaluateDataQuality"]

ORIGINAL_DATA_KEY = "originalData"
RULE_OUTCOMES_KEY = "ruleOutcomes"
ROW_LEVEL_OUTCOMES_KEY = "rowLevelOutcomes"
ROW_COLUMNS = ("DataQualityRulesPass", "DataQualityRulesFail", "DataQualityRulesSkip", "DataQualityEvaluationResult")

_OUTCOMES = T.StructType([
    T.StructField("Rule", T.StringType()),
    T.StructField("Outcome", T.StringType()),
    T.StructField("FailureReason", T.StringType()),
    T.StructField("EvaluatedMetrics", T.MapType(T.StringType(), T.DoubleType())),
])

# "EvaluateDataQuality class": the publishing options and their types.
_PUBLISHING: dict[str, type] = {
    "dataQualityEvaluationContext": str,
    "enableDataQualityCloudWatchMetrics": bool,
    "enableDataQualityResultsPublishing": bool,
    "resultsS3Prefix": str,
}
# Glue's AdditionalOptionKeys (botocore's model) and the strategy Glue Studio writes.
_ADDITIONAL = (
    "performanceTuning.caching",
    "observations.scope",
    "compositeRuleEvaluation.method",
    "dataQualityResultsPublishing.strategy",
)
_METHODS = ("COLUMN", "ROW")


class EvaluateDataQuality(GlueTransform):
    """Evaluates a DQDL ruleset over a DynamicFrame. AWS: "EvaluateDataQuality class".

    ``EvaluateDataQuality.apply(frame=..., ruleset=..., publishing_options=...)`` returns the rule
    outcomes; ``EvaluateDataQuality().process_rows(...)`` returns a DynamicFrameCollection with the
    input (``originalData``), the rule outcomes (``ruleOutcomes``) and the input with its row-level
    results (``rowLevelOutcomes``). Nothing is published: CloudWatch metrics, the Data Quality
    results and ``resultsS3Prefix`` are accepted and left alone.
    """

    DATA_QUALITY_RULE_OUTCOMES_KEY = RULE_OUTCOMES_KEY

    _description = "Evaluate a DQDL ruleset against a DynamicFrame and return the rule outcomes"
    _returns = ("DynamicFrame", "The outcome of each rule: Rule, Outcome, FailureReason, EvaluatedMetrics")
    _args = (
        ("ruleset", "String", "A Data Quality Definition Language (DQDL) ruleset"),
        ("publishing_options", "Dict", "dataQualityEvaluationContext, enableDataQualityCloudWatchMetrics, "
         "enableDataQualityResultsPublishing, resultsS3Prefix"),
        ("additional_options", "Dict", "Options of the evaluation, such as compositeRuleEvaluation.method"),
        ("additional_data_sources", "Dict", "Other DynamicFrames by the alias rules name them with"),
    )

    def __call__(
        self,
        frame: DynamicFrame,
        ruleset: str,
        publishing_options: Mapping[str, Any] | None = None,
        additional_options: Mapping[str, Any] | None = None,
        additional_data_sources: Mapping[str, DynamicFrame] | None = None,
    ) -> DynamicFrame:
        outcomes, _ = _evaluate("apply", frame, ruleset, publishing_options, additional_options, additional_data_sources)
        return DynamicFrame.fromDF(_outcomes(frame, outcomes), frame.glue_ctx, RULE_OUTCOMES_KEY)

    def process_rows(
        self,
        frame: DynamicFrame,
        ruleset: str,
        publishing_options: Mapping[str, Any] | None = None,
        additional_options: Mapping[str, Any] | None = None,
        additional_data_sources: Mapping[str, DynamicFrame] | None = None,
    ) -> DynamicFrameCollection:
        """The input, the rule outcomes and the row-level outcomes, as a DynamicFrameCollection
        keyed ``originalData``, ``ruleOutcomes`` and ``rowLevelOutcomes``.

        Each row of ``rowLevelOutcomes`` is the input row with ``DataQualityRulesPass``,
        ``DataQualityRulesFail`` and ``DataQualityRulesSkip`` (the rules, as written back, it
        passed, failed or was not judged on: outside a rule's ``where`` clause, or a rule about
        the whole frame such as ``RowCount``) and ``DataQualityEvaluationResult`` (``Failed`` when
        it failed a rule, else ``Passed``).
        """
        outcomes, scoped = _evaluate(
            "process_rows", frame, ruleset, publishing_options, additional_options, additional_data_sources
        )
        glue_ctx = frame.glue_ctx
        row_level = DynamicFrame.fromDF(_row_level(frame.toDF(), scoped, outcomes), glue_ctx, ROW_LEVEL_OUTCOMES_KEY)
        # The input's records with outcomes added: they hold the fields the input's records hold.
        row_level._null_fields_absent = frame._null_fields_absent
        return DynamicFrameCollection(
            {
                ORIGINAL_DATA_KEY: frame,
                RULE_OUTCOMES_KEY: DynamicFrame.fromDF(_outcomes(frame, outcomes), glue_ctx, RULE_OUTCOMES_KEY),
                ROW_LEVEL_OUTCOMES_KEY: row_level,
            },
            glue_ctx,
        )


def _evaluate(
    method: str,
    frame: Any,
    ruleset: Any,
    publishing_options: Any,
    additional_options: Any,
    additional_data_sources: Any,
) -> tuple[list[Outcome], DataFrame]:
    if not isinstance(frame, DynamicFrame):
        raise TypeError(f"EvaluateDataQuality.{method}: frame must be a DynamicFrame, got {type(frame).__name__}")
    if not isinstance(ruleset, str):
        raise TypeError(f"EvaluateDataQuality.{method}: ruleset must be a DQDL string, got {type(ruleset).__name__}: {ruleset!r}")
    _publishing(method, publishing_options)
    by_row = _additional(method, additional_options)
    if additional_data_sources is not None and (
        not isinstance(additional_data_sources, Mapping)
        or not all(isinstance(k, str) and isinstance(v, DynamicFrame) for k, v in additional_data_sources.items())
    ):
        raise TypeError(
                f"EvaluateDataQuality.{method}: additional_data_sources must map aliases to DynamicFrames, "
                f"got {additional_data_sources!r}"
            )
    return evaluate(frame.toDF(), parse(ruleset), by_row)


def _options(method: str, name: str, options: Any) -> Mapping[str, Any]:
    if options is None:
        return {}
    if not isinstance(options, Mapping):
        raise TypeError(f"EvaluateDataQuality.{method}: {name} must be a dict, got {type(options).__name__}: {options!r}")
    return options


def _publishing(method: str, options: Any) -> None:
    for key, value in _options(method, "publishing_options", options).items():
        wanted = _PUBLISHING.get(key)
        if wanted is None:
            _warn(f"EvaluateDataQuality.{method}: publishing option {key!r} is not one AWS documents "
                  f"({', '.join(_PUBLISHING)}); it does nothing")
        elif wanted is bool and isinstance(value, str) and value.lower() in ("true", "false"):
            continue
        elif not isinstance(value, wanted):
            raise TypeError(
                f"EvaluateDataQuality.{method}: publishing option {key} must be a {wanted.__name__}, "
                f"got {type(value).__name__}: {value!r}"
            )


def _additional(method: str, options: Any) -> bool:
    """Whether composite rules are judged row by row (``compositeRuleEvaluation.method`` ROW)."""
    given = _options(method, "additional_options", options)
    for key, value in given.items():
        if key not in _ADDITIONAL:
            _warn(f"EvaluateDataQuality.{method}: additional option {key!r} is not one Glue knows "
                  f"({', '.join(_ADDITIONAL)}); it does nothing")
        elif not isinstance(value, str):
            raise TypeError(
                f"EvaluateDataQuality.{method}: additional option {key} must be a string, "
                f"got {type(value).__name__}: {value!r}"
            )
    method_value = given.get("compositeRuleEvaluation.method", "COLUMN")
    if method_value.upper() not in _METHODS:
        raise ValueError(
            f"EvaluateDataQuality.{method}: compositeRuleEvaluation.method must be COLUMN or ROW, "
            f"got {method_value!r}"
        )
    return bool(method_value.upper() == "ROW")


def _warn(message: str) -> None:
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    frame, level = sys._getframe(1), 2  # level 1 is this function, which calls warn
    while frame.f_back is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, UserWarning, stacklevel=level)


def _outcomes(frame: DynamicFrame, outcomes: list[Outcome]) -> DataFrame:
    """One row per rule, built from literals in the JVM: ``createDataFrame`` from Python rows would
    start Python workers to read them, ten times slower for a handful of rows."""
    rows = [
        F.struct(
            F.lit(o.rule).alias("Rule"),
            F.lit("Passed" if o.passed else "Failed").alias("Outcome"),
            F.lit(o.reason).cast("string").alias("FailureReason"),
            F.create_map(*(F.lit(part) for item in o.metrics.items() for part in item))
            .cast(_OUTCOMES["EvaluatedMetrics"].dataType)
            .alias("EvaluatedMetrics"),
        )
        for o in outcomes
    ]
    spark = frame.toDF().sparkSession
    return spark.range(1).select(F.inline(F.array(*rows))).select(*(F.col(f.name).cast(f.dataType) for f in _OUTCOMES.fields))


def _row_level(original: DataFrame, scoped: DataFrame, outcomes: list[Outcome]) -> DataFrame:
    """The input's columns, then the names of the rules each row passed, failed and skipped."""

    def named(pick: str) -> Column:
        names = []
        for outcome in outcomes:
            rule = F.lit(outcome.rule)
            if outcome.per_row is None:
                names.append(rule if pick == "skip" else F.lit(None).cast("string"))
            else:
                test = {"pass": outcome.per_row, "fail": ~outcome.per_row, "skip": outcome.per_row.isNull()}[pick]
                names.append(F.when(test, rule))
        return F.filter(F.array(*names), lambda name: name.isNotNull())

    kept = [c for c in original.columns if c not in ROW_COLUMNS]
    quoted = [F.col("`" + c.replace("`", "``") + "`") for c in kept]
    failed = named("fail")
    return scoped.select(
        *quoted,
        named("pass").alias(ROW_COLUMNS[0]),
        failed.alias(ROW_COLUMNS[1]),
        named("skip").alias(ROW_COLUMNS[2]),
        F.when(F.size(failed) == 0, "Passed").otherwise("Failed").alias(ROW_COLUMNS[3]),
    )
