"""``awsgluedq``'s EvaluateDataQuality on Spark: the Studio snippet unchanged, each rule type
passing and failing with Glue's metrics and reasons, row-level outcomes, composite rules, and the
rulesets and options it refuses."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("pyspark")

from pytest_gluejobs._awsglue.context import GlueContext
from pytest_gluejobs._awsglue.dynamicframe import DynamicFrame
from pytest_gluejobs._awsglue.transforms import SelectFromCollection
from pytest_gluejobs._awsgluedq.errors import DQDLSyntaxError, RuleNotEvaluatedError
from pytest_gluejobs._awsgluedq.transforms import EvaluateDataQuality

ORDERS = [
    # id, name, amount, status, code
    (1, "ann", 10.0, "PAID", "A-1"),
    (2, None, 20.0, "NEW", "B-22"),
    (2, "bo", None, "PAID", "   "),
    (4, "cyd", 40.0, "VOID", ""),
]
SCHEMA = "id int, name string, amount double, status string, code string"


@pytest.fixture(scope="module")
def glue(spark: Any) -> Iterator[GlueContext]:
    from pytest_gluejobs._spark import session

    with session.scope() as scoped:
        yield GlueContext(scoped)


@pytest.fixture(scope="module")
def orders(glue: GlueContext) -> DynamicFrame:
    return DynamicFrame.fromDF(glue.spark_session.createDataFrame(ORDERS, SCHEMA), glue, "orders")


def outcomes(frame: DynamicFrame, *rules: str, **options: Any) -> dict[str, tuple[str, str | None, dict[str, float]]]:
    result = EvaluateDataQuality.apply(frame=frame, ruleset=f"Rules = [ {', '.join(rules)} ]", **options)
    return {row["Rule"]: (row["Outcome"], row["FailureReason"], row["EvaluatedMetrics"]) for row in result.toDF().collect()}


def test_glue_studios_default_node_runs_unchanged(orders: DynamicFrame) -> None:
    code = textwrap.dedent('''
        from awsgluedq.transforms import EvaluateDataQuality

        # Script generated for node Amazon S3
        DEFAULT_DATA_QUALITY_RULESET = """
            Rules = [
                ColumnCount > 0
            ]
        """
        EvaluateDataQuality().process_rows(frame=Orders_node1712345678901, ruleset=DEFAULT_DATA_QUALITY_RULESET, publishing_options={"dataQualityEvaluationContext": "EvaluateDataQuality_node1712345678000", "enableDataQualityResultsPublishing": True}, additional_options={"dataQualityResultsPublishing.strategy": "BEST_EFFORT", "observations.scope": "ALL"})
        result = EvaluateDataQuality().process_rows(frame=Orders_node1712345678901, ruleset=DEFAULT_DATA_QUALITY_RULESET, publishing_options={"dataQualityEvaluationContext": "EvaluateDataQuality_node1712345678000", "enableDataQualityResultsPublishing": True}, additional_options={"dataQualityResultsPublishing.strategy": "BEST_EFFORT", "observations.scope": "ALL"})
    ''')
    from pytest_gluejobs import _awsglue_import

    _awsglue_import.install()
    scope: dict[str, Any] = {"Orders_node1712345678901": orders}

    exec(compile(code, "studio_job.py", "exec"), scope)

    result = scope["result"]
    assert list(result.keys()) == ["originalData", "ruleOutcomes", "rowLevelOutcomes"]
    assert result["originalData"] is orders
    assert [row.asDict() for row in result["ruleOutcomes"].toDF().collect()] == [
        {"Rule": "ColumnCount > 0", "Outcome": "Passed", "FailureReason": None, "EvaluatedMetrics": {"Dataset.*.ColumnCount": 5.0}},
    ]


def test_apply_returns_the_outcomes_with_the_schema_aws_documents(orders: DynamicFrame, capsys: pytest.CaptureFixture[str]) -> None:
    results = EvaluateDataQuality.apply(
        frame=orders,
        ruleset='Rules = [ColumnExists "id", IsComplete "id"]',
        publishing_options={
            "dataQualityEvaluationContext": "legislatorsAreas",
            "enableDataQualityCloudWatchMetrics": True,
            "enableDataQualityResultsPublishing": True,
            "resultsS3Prefix": "amzn-s3-demo-bucket1",
        },
    )

    results.printSchema()
    assert capsys.readouterr().out.splitlines()[:5] == [
        "root", "|-- Rule: string", "|-- Outcome: string", "|-- FailureReason: string", "|-- EvaluatedMetrics: map",
    ]
    assert [tuple(row) for row in results.toDF().collect()] == [
        ('ColumnExists "id"', "Passed", None, {}),
        ('IsComplete "id"', "Passed", None, {"Column.id.Completeness": 1.0}),
    ]
    failed = results.filter(lambda x: x["Outcome"] == "Failed")
    assert failed.count() == 0


# (rule, outcome, FailureReason, EvaluatedMetrics) over ORDERS, each as Glue reports it.
CASES = [
    ("ColumnCount = 5", "Passed", None, {"Dataset.*.ColumnCount": 5.0}),
    ("ColumnCount > 5", "Failed", "Value: 5.0 does not meet the constraint requirement!", {"Dataset.*.ColumnCount": 5.0}),
    ("RowCount between 3 and 5", "Passed", None, {"Dataset.*.RowCount": 4.0}),
    ("RowCount between 4 and 5", "Failed", "Value: 4.0 does not meet the constraint requirement!", {"Dataset.*.RowCount": 4.0}),
    ('RowCount = 2 where "status = \'PAID\'"', "Passed", None, {"Dataset.*.RowCount": 2.0}),
    ('IsComplete "id"', "Passed", None, {"Column.id.Completeness": 1.0}),
    ('IsComplete "name"', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.Completeness": 0.75}),
    ('IsComplete "name" where "id <> 2"', "Passed", None, {"Column.name.Completeness": 1.0}),
    ('Completeness "name" >= 0.75', "Passed", None, {"Column.name.Completeness": 0.75}),
    ('Completeness "name" > 0.75', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.Completeness": 0.75}),
    ('ColumnExists "status"', "Passed", None, {}),
    ('ColumnExists "Status2"', "Failed", "Input data does not include column Status2!", {}),
    ('IsUnique "name"', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.Uniqueness": 0.75}),
    ('IsUnique "status"', "Failed", "Value: 0.5 does not meet the constraint requirement!", {"Column.status.Uniqueness": 0.5}),
    ('IsUnique "id" "name"', "Passed", None, {"Multicolumn.id,name.Uniqueness": 1.0}),
    ('IsUnique "code"', "Passed", None, {"Column.code.Uniqueness": 1.0}),
    ('Uniqueness "id" > 0.4', "Passed", None, {"Column.id.Uniqueness": 0.5}),
    ('Uniqueness "id" > 0.5', "Failed", "Value: 0.5 does not meet the constraint requirement!", {"Column.id.Uniqueness": 0.5}),
    ('IsPrimaryKey "code"', "Passed", None, {"Column.code.Uniqueness": 1.0, "Column.code.Completeness": 1.0}),
    ('IsPrimaryKey "id" "status"', "Passed", None, {"Multicolumn.id,status.Uniqueness": 1.0, "Column.id.Completeness": 1.0, "Column.status.Completeness": 1.0}),
    ('IsPrimaryKey "name"', "Failed", "Value: 0.75 does not meet the constraint requirement!\nValue: 0.75 does not meet the constraint requirement!",
     {"Column.name.Uniqueness": 0.75, "Column.name.Completeness": 0.75}),
    ('Mean "amount" between 23 and 24', "Passed", None, {"Column.amount.Mean": 70 / 3}),
    ('Mean "amount" > 30', "Failed", f"Value: {70 / 3!r} does not meet the constraint requirement!", {"Column.amount.Mean": 70 / 3}),
    ('Sum "amount" = 70', "Passed", None, {"Column.amount.Sum": 70.0}),
    ('Sum "id" < 9', "Failed", "Value: 9.0 does not meet the constraint requirement!", {"Column.id.Sum": 9.0}),
    ('StandardDeviation "id" < 1.1', "Passed", None, {"Column.id.StandardDeviation": pytest.approx(1.0897247358851685)}),
    ('StandardDeviation "id" > 2', "Failed", re.compile(r"Value: 1\.0897247358851\d+ does not meet the constraint requirement!"),
     {"Column.id.StandardDeviation": pytest.approx(1.0897247358851685)}),
    ('Mean "name" > 1', "Failed", "Expected type of column name to be numeric, but found string instead!", {}),
    ('Mean "amount" > 1 where "id > 9"', "Failed", "Empty state for analyzer Mean, all input values were NULL.", {}),
    ('DistinctValuesCount "status" = 3', "Passed", None, {"Column.status.DistinctValuesCount": 3.0}),
    ('DistinctValuesCount "name" in [1, 2]', "Failed", "Value: 3.0 does not meet the constraint requirement!", {"Column.name.DistinctValuesCount": 3.0}),
    ('ColumnLength "status" between 2 and 5', "Passed", None, {"Column.status.MinimumLength": 3.0, "Column.status.MaximumLength": 4.0}),
    ('ColumnLength "status" = 4', "Failed", "Value: 3.0 does not meet the constraint requirement!", {"Column.status.MinimumLength": 3.0, "Column.status.MaximumLength": 4.0}),
    ('ColumnLength "name" > 1', "Failed", "Value: 0.0 does not meet the constraint requirement!", {"Column.name.MinimumLength": 0.0, "Column.name.MaximumLength": 3.0}),
    ('ColumnLength "name" < 4', "Passed", None, {"Column.name.MinimumLength": 0.0, "Column.name.MaximumLength": 3.0}),
    ('ColumnLength "id" > 0', "Failed", "Expected type of column id to be string, but found int instead!", {}),
    ('ColumnValues "status" in ["PAID", "NEW", "VOID"]', "Passed", None, {"Column.status.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "status" in ["PAID", "NEW"]', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.status.ColumnValues.Compliance": 0.75}),
    ('ColumnValues "status" in ["PAID", "NEW"] with threshold >= 0.75', "Passed", None, {"Column.status.ColumnValues.Compliance": 0.75}),
    ('ColumnValues "status" not in ["VOID"] with threshold > 0.75', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.status.ColumnValues.Compliance": 0.75}),
    ('ColumnValues "name" in ["ann", "bo", "cyd"]', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.ColumnValues.Compliance": 0.75}),
    ('ColumnValues "name" in ["ann", "bo", "cyd", NULL]', "Passed", None, {"Column.name.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "name" != "zed"', "Passed", None, {"Column.name.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "name" not in ["zed", NULL]', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.ColumnValues.Compliance": 0.75}),
    ('ColumnValues "name" = NULL', "Failed", "Value: 0.25 does not meet the constraint requirement!", {"Column.name.ColumnValues.Compliance": 0.25}),
    ('ColumnValues "code" in [EMPTY, WHITESPACES_ONLY] with threshold = 0.5', "Passed", None, {"Column.code.ColumnValues.Compliance": 0.5}),
    ('ColumnValues "code" matches "[A-Z]-[0-9]+"', "Failed", "Value: 0.5 does not meet the constraint requirement!", {"Column.code.ColumnValues.Compliance": 0.5}),
    ('ColumnValues "code" not matches "[A-Z]-[0-9]+"', "Failed", "Value: 0.5 does not meet the constraint requirement!", {"Column.code.ColumnValues.Compliance": 0.5}),
    ('ColumnValues "status" matches "PAID|NEW|VOID"', "Passed", None, {"Column.status.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "code" matches "[A-Z"', "Failed", "The pattern \"[A-Z\" is not a valid regular expression: Unclosed character class near index 3", {}),
    ('ColumnValues "id" > 0', "Passed", None, {"Column.id.Minimum": 1.0}),
    ('ColumnValues "id" > 1', "Failed", "Value: 1.0 does not meet the constraint requirement!", {"Column.id.Minimum": 1.0}),
    ('ColumnValues "amount" <= 40', "Failed", "Value: NULL does not meet the constraint requirement!", {"Column.amount.Maximum": 40.0}),
    ('ColumnValues "amount" != 30', "Passed", None, {"Column.amount.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "id" between 0 and 4', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.id.ColumnValues.Compliance": 0.75}),
    ('ColumnValues "id" not between 2 and 4', "Passed", None, {"Column.id.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "id" in [1, 2, 4]', "Passed", None, {"Column.id.ColumnValues.Compliance": 1.0}),
    ('ColumnValues "id" = 2 where "status <> \'VOID\' and id > 1"', "Passed", None, {"Column.id.Minimum": 2.0, "Column.id.Maximum": 2.0}),
    ('ColumnValues "status" > 1', "Failed", "Expected type of column status to be numeric, but found string instead!", {}),
    ('ColumnValues "nope" in ["a"]', "Failed", "Input data does not include column nope!", {}),
    ('IsComplete "NAME"', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.Completeness": 0.75}),
    ('IsComplete "id" where "no_such_column > 1"', "Failed", None, {}),
    ('(IsComplete "id") and (RowCount = 4)', "Passed", None, {"Column.id.Completeness": 1.0, "Dataset.*.RowCount": 4.0}),
    ('(IsComplete "name") and (RowCount = 4)', "Failed", "Value: 0.75 does not meet the constraint requirement!", {"Column.name.Completeness": 0.75, "Dataset.*.RowCount": 4.0}),
    ('(IsComplete "name") or (RowCount = 4)', "Passed", None, {"Column.name.Completeness": 0.75, "Dataset.*.RowCount": 4.0}),
    ('(IsComplete "name") or (RowCount = 5)', "Failed", "Value: 0.75 does not meet the constraint requirement!\nValue: 4.0 does not meet the constraint requirement!",
     {"Column.name.Completeness": 0.75, "Dataset.*.RowCount": 4.0}),
]


@pytest.mark.parametrize(("rule", "outcome", "reason", "metrics"), CASES)
def test_each_rule_type_passes_and_fails_with_glues_metrics_and_reasons(
    rule_outcomes: dict[str, tuple[str, str | None, dict[str, float]]], rule: str, outcome: str, reason: Any, metrics: dict[str, float]
) -> None:
    from pytest_gluejobs._awsgluedq._dqdl import parse

    (parsed,) = parse(f"Rules = [ {rule} ]").rules
    got_outcome, got_reason, got_metrics = rule_outcomes[str(parsed)]

    assert (got_outcome, got_metrics) == (outcome, metrics)
    if rule.endswith('"no_such_column > 1"'):
        assert got_reason is not None and got_reason.startswith("The provided where clause is invalid: ")
    elif isinstance(reason, re.Pattern):
        assert got_reason is not None and reason.fullmatch(got_reason)
    else:
        assert got_reason == reason


@pytest.fixture(scope="module")
def rule_outcomes(orders: DynamicFrame) -> dict[str, tuple[str, str | None, dict[str, float]]]:
    """Every rule of the table above, evaluated in one ruleset (one Spark job)."""
    return outcomes(orders, *(case[0] for case in CASES))


def test_a_rule_written_twice_is_evaluated_and_listed_once(orders: DynamicFrame) -> None:
    result = EvaluateDataQuality.apply(frame=orders, ruleset='Rules = [ IsComplete "id", IsComplete  "id", RowCount > 0 ]')

    assert [row["Rule"] for row in result.toDF().collect()] == ['IsComplete "id"', "RowCount > 0"]


def row_level(frame: DynamicFrame, ruleset: str, **options: Any) -> list[dict[str, Any]]:
    collection = EvaluateDataQuality().process_rows(frame=frame, ruleset=ruleset, **options)
    rows = SelectFromCollection.apply(dfc=collection, key="rowLevelOutcomes").toDF().collect()
    return sorted((row.asDict() for row in rows), key=lambda row: (row["id"], row["name"] or ""))


def test_row_level_outcomes_name_the_rules_each_row_passed_failed_and_skipped(orders: DynamicFrame) -> None:
    rows = row_level(orders, """Rules = [
        IsComplete "name",
        ColumnValues "amount" > 15 where "status = 'PAID'",
        RowCount > 10,
        (IsUnique "id") or (ColumnValues "status" = "NEW")
    ]""")

    complete, paid, count, either = ('IsComplete "name"', "ColumnValues \"amount\" > 15 where \"status = 'PAID'\"", "RowCount > 10",
                                     '(IsUnique "id") or (ColumnValues "status" = "NEW")')
    assert [(r["id"], r["DataQualityRulesPass"], r["DataQualityRulesFail"], r["DataQualityRulesSkip"], r["DataQualityEvaluationResult"]) for r in rows] == [
        (1, [complete, either], [paid], [count], "Failed"),
        (2, [either], [complete], [paid, count], "Failed"),  # name NULL, status NEW
        (2, [complete], [paid, either], [count], "Failed"),  # amount NULL, id not unique
        (4, [complete, either], [], [paid, count], "Passed"),
    ]
    assert list(rows[0])[:5] == ["id", "name", "amount", "status", "code"]


def test_a_frame_of_passing_rows_is_all_passed_even_when_a_whole_frame_rule_fails(orders: DynamicFrame) -> None:
    rows = row_level(orders, 'Rules = [ IsComplete "id", RowCount > 100 ]')

    assert {r["DataQualityEvaluationResult"] for r in rows} == {"Passed"}
    assert {tuple(r["DataQualityRulesSkip"]) for r in rows} == {("RowCount > 100",)}


def test_evaluating_the_row_level_outcomes_again_replaces_their_columns(orders: DynamicFrame, glue: GlueContext) -> None:
    first = EvaluateDataQuality().process_rows(frame=orders, ruleset='Rules = [ IsComplete "name" ]')["rowLevelOutcomes"]

    again = EvaluateDataQuality().process_rows(frame=first, ruleset='Rules = [ IsComplete "id" ]')["rowLevelOutcomes"].toDF()

    assert again.columns == ["id", "name", "amount", "status", "code", "DataQualityRulesPass", "DataQualityRulesFail",
                             "DataQualityRulesSkip", "DataQualityEvaluationResult"]
    assert {tuple(row["DataQualityRulesPass"]) for row in again.collect()} == {('IsComplete "id"',)}


def test_composite_rules_are_judged_per_column_unless_asked_per_row(glue: GlueContext) -> None:
    # AWS's example of "How composite rules work": (2, 1) and (0, 3).
    frame = DynamicFrame.fromDF(glue.spark_session.createDataFrame([(2, 1), (0, 3)], "myCol1 int, myCol2 int"), glue, "d")
    rule = '(ColumnValues "myCol1" > 1) or (ColumnValues "myCol2" > 2)'

    by_column = outcomes(frame, rule)
    by_row = outcomes(frame, rule, additional_options={"compositeRuleEvaluation.method": "ROW"})

    assert by_column[rule][0] == "Failed"
    assert by_row[rule][:2] == ("Passed", None)


def test_composite_rows_are_skipped_when_a_part_has_no_per_row_result(orders: DynamicFrame) -> None:
    rows = row_level(orders, 'Rules = [ (IsComplete "id") and (RowCount > 0), (IsComplete "id") and (Completeness "name" > 0.1) ]')

    assert {tuple(r["DataQualityRulesSkip"]) for r in rows} == {
        ('(IsComplete "id") and (RowCount > 0)', '(IsComplete "id") and (Completeness "name" > 0.1)'),
    }
    with pytest.raises(RuleNotEvaluatedError, match=r"compositeRuleEvaluation.method ROW: one of its rules has no per-row result \(RowCount > 0\)"):
        outcomes(orders, '(IsComplete "id") and (RowCount > 0)', additional_options={"compositeRuleEvaluation.method": "ROW"})


def test_an_empty_frame_fails_the_rules_that_need_rows_as_glues_engine_does(glue: GlueContext) -> None:
    empty = DynamicFrame.fromDF(glue.spark_session.createDataFrame([], SCHEMA), glue, "empty")

    result = outcomes(empty, "ColumnCount > 0", "RowCount = 0", 'IsComplete "id"', 'IsUnique "id"', 'ColumnValues "id" > 0')

    assert {rule: outcome[:2] for rule, outcome in result.items()} == {
        "ColumnCount > 0": ("Passed", None),
        "RowCount = 0": ("Passed", None),
        'IsComplete "id"': ("Failed", "Empty state for analyzer Completeness, all input values were NULL."),
        'IsUnique "id"': ("Failed", "Empty state for analyzer Uniqueness, all input values were NULL."),
        'ColumnValues "id" > 0': ("Failed", "Empty state for analyzer Minimum, all input values were NULL."),
    }


@pytest.mark.parametrize(
    ("ruleset", "error", "message"),
    [
        ("Rules = [ ColumnCount > 0 ", DQDLSyntaxError, r"^Parsing Error: line 1:26 unexpected input '<EOF>'"),
        ('Rules = [ IsComplete "id", CustomSql "select count(*) from primary" > 0 ]', RuleNotEvaluatedError,
         r"^Data quality rule 'CustomSql \"select count\(\*\) from primary\" > 0' is not evaluated by pytest-gluejobs: "
         r"CustomSql rules are not part of the DQDL it evaluates \(docs/etl.md, \"Data quality\"\)\.$"),
        ('Rules = [ (IsComplete "id") or (RowCount > avg(last(3))) ]', RuleNotEvaluatedError,
         r"rule '\(IsComplete \"id\"\) or \(RowCount > avg\(last\(3\)\)\)' is not evaluated by pytest-gluejobs: it uses a dynamic rule \(function call\)"),
        ('Rules = [ RowCount > 0 ]\nAnalyzers = [ Completeness "id" ]', RuleNotEvaluatedError,
         r"^The ruleset's Analyzers section is not evaluated by pytest-gluejobs"),
    ],
)
def test_bad_rulesets_fail_before_any_rule_runs(orders: DynamicFrame, ruleset: str, error: type[Exception], message: str) -> None:
    for call in (EvaluateDataQuality.apply, EvaluateDataQuality().process_rows):
        with pytest.raises(error, match=message):
            call(frame=orders, ruleset=ruleset)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"frame": "orders"}, TypeError, "EvaluateDataQuality.apply: frame must be a DynamicFrame, got str"),
        ({"ruleset": None}, TypeError, "EvaluateDataQuality.apply: ruleset must be a DQDL string, got NoneType: None"),
        ({"publishing_options": "x"}, TypeError, "EvaluateDataQuality.apply: publishing_options must be a dict, got str"),
        ({"publishing_options": {"enableDataQualityCloudWatchMetrics": 1}}, TypeError,
         "EvaluateDataQuality.apply: publishing option enableDataQualityCloudWatchMetrics must be a bool, got int: 1"),
        ({"additional_options": {"observations.scope": 1}}, TypeError, "additional option observations.scope must be a string, got int: 1"),
        ({"additional_options": {"compositeRuleEvaluation.method": "ROWS"}}, ValueError,
         "EvaluateDataQuality.apply: compositeRuleEvaluation.method must be COLUMN or ROW, got 'ROWS'"),
        ({"additional_data_sources": {"ref": "table"}}, TypeError, "additional_data_sources must map aliases to DynamicFrames"),
        ({"publishing_option": {}}, TypeError, "unexpected keyword argument 'publishing_option'"),
    ],
)
def test_wrong_arguments_are_refused_naming_them(orders: DynamicFrame, arguments: dict[str, Any], error: type[Exception], message: str) -> None:
    given = {"frame": orders, "ruleset": "Rules = [ ColumnCount > 0 ]", **arguments}

    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        EvaluateDataQuality.apply(**given)


def test_options_glue_does_not_know_are_warned_about_at_the_callers_line(orders: DynamicFrame) -> None:
    with pytest.warns(UserWarning, match=r"option '.*' is not one") as warned:
        EvaluateDataQuality.apply(frame=orders, ruleset="Rules = [ ColumnCount > 0 ]",
                                  publishing_options={"enableDataQualityResultPublishing": True},
                                  additional_options={"observation.scope": "ALL"})

    assert [str(w.message) for w in warned] == [
        "EvaluateDataQuality.apply: publishing option 'enableDataQualityResultPublishing' is not one AWS documents "
        "(dataQualityEvaluationContext, enableDataQualityCloudWatchMetrics, enableDataQualityResultsPublishing, resultsS3Prefix); it does nothing",
        "EvaluateDataQuality.apply: additional option 'observation.scope' is not one Glue knows (performanceTuning.caching, "
        "observations.scope, compositeRuleEvaluation.method, dataQualityResultsPublishing.strategy); it does nothing",
    ]
    assert {w.filename for w in warned} == {__file__}


def test_the_transform_describes_itself_as_glue_transforms_do() -> None:
    described = EvaluateDataQuality.describe()["transform"]

    assert described["name"] == "EvaluateDataQuality"
    assert [arg["name"] for arg in described["args"]] == ["frame", "ruleset", "publishing_options", "additional_options", "additional_data_sources"]
    assert EvaluateDataQuality.DATA_QUALITY_RULE_OUTCOMES_KEY == "ruleOutcomes"
