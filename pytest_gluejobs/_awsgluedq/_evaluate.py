"""DQDL rules evaluated over a Spark DataFrame, as AWS Glue Data Quality evaluates them.

Each rule becomes aggregate expressions and, where Glue gives row-level results, a per-row
boolean (true: the row passed, false: it failed, null: skipped — outside the ``where`` clause, or a
rule with no per-row meaning such as ``RowCount``). Every aggregate of a ruleset runs in one Spark
job; ``IsUnique``, ``Uniqueness`` and ``IsPrimaryKey`` add a window count per set of columns.

Semantics follow AWS's rule pages ("DQDL rule type reference",
https://docs.aws.amazon.com/glue/latest/dg/dqdl-rule-types.html) and, where they are silent, the
engine AWS published as compatible with Glue's (awslabs/deequ, ``com.amazon.deequ.dqdl``):
metric names (``Column.<col>.Completeness``, ``Dataset.*.RowCount``), failure reasons
(``Value: 0.5 does not meet the constraint requirement!``), ``between`` excluding its ends, a
ratio or statistic over no rows failing the rule, population standard deviation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pyspark.sql import Column, DataFrame, Row, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ._dqdl import Composite, Condition, Keyword, Node, Number, Rule, Ruleset, Text
from .errors import DOCS, RuleNotEvaluatedError

Judged = tuple[bool, "str | None", dict[str, float]]

_NUMERIC = (T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.FloatType, T.DoubleType, T.DecimalType)
# Rules whose rows do not count in a composite rule's row-level result (rules-config.json).
_NOT_PER_ROW_IN_COMPOSITES = frozenset({"Completeness", "Uniqueness"})


@dataclass
class Outcome:
    """One rule's result: a row of ``ruleOutcomes`` and its column of row-level results."""

    rule: str
    passed: bool
    reason: str | None
    metrics: dict[str, float]
    per_row: Column | None = None
    in_composite_rows: bool = True


def refuse_unevaluated(ruleset: Ruleset) -> None:
    """`RuleNotEvaluatedError` for the first rule or section the stand-in does not evaluate."""
    for section in ruleset.unevaluated:
        raise RuleNotEvaluatedError(
            f"The ruleset's {section.removeprefix('the ')} is not evaluated by pytest-gluejobs; "
            f"{DOCS} lists the DQDL it evaluates."
        )
    for node in ruleset.rules:
        for part in _nodes(node):
            reason = part.unevaluated
            if reason:
                what = (
                    f"{reason} are not part of the DQDL it evaluates"
                    if reason.endswith(" rules")
                    else f"it uses {reason}, which is not part of the DQDL it evaluates"
                )
                raise RuleNotEvaluatedError(
                    f"Data quality rule '{node}' is not evaluated by pytest-gluejobs: {what} ({DOCS})."
                )


def _nodes(node: Node) -> list[Node]:
    if isinstance(node, Composite):
        return [node, *(n for part in node.parts for n in _nodes(part))]
    return [node]


def evaluate(df: DataFrame, ruleset: Ruleset, by_row: bool) -> tuple[list[Outcome], DataFrame]:
    """The outcome of each rule (in ruleset order, a rule written twice once) and the frame the
    per-row expressions are over (``df`` with any window columns added)."""
    refuse_unevaluated(ruleset)
    unique: dict[str, Node] = {}
    for node in ruleset.rules:
        unique.setdefault(str(node), node)
    plan = _Plan(df)
    judges = [plan.node(node, by_row) for node in unique.values()]
    frame = plan.frame()
    values = frame.agg(*plan.aggregates).first() if plan.aggregates else None
    return [judge(values) for judge in judges], frame


def _quoted(name: str) -> Column:
    return F.col("`" + name.replace("`", "``") + "`")


def _reason(value: float | None) -> str:
    return f"Value: {_shown(value)} does not meet the constraint requirement!"


def _shown(value: float | None) -> str:
    """A metric as AWS's engine (on the JVM) prints a double: ``0.75``, ``4.0``, ``NaN``."""
    if value is None:
        return "NULL"
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return repr(number)


def _empty(analyzer: str) -> str:
    return f"Empty state for analyzer {analyzer}, all input values were NULL."


class _Plan:
    """The aggregates and window columns a ruleset needs, and one judge per rule."""

    def __init__(self, df: DataFrame) -> None:
        self.df = df
        self.fields = {f.name.lower(): f for f in df.schema.fields}
        self.aggregates: list[Column] = []
        self.windows: dict[tuple[tuple[str, ...], str], tuple[str, Column]] = {}
        self.counts: dict[str, int] = {}

    def frame(self) -> DataFrame:
        if not self.windows:
            return self.df
        return self.df.select("*", *(window.alias(name) for name, window in self.windows.values()))

    def aggregate(self, column: Column) -> Callable[[Row | None], Any]:
        index = len(self.aggregates)
        self.aggregates.append(column.alias(f"__dq_{index}"))
        return lambda values: None if values is None else values[index]

    def rows(self, where: str, scope: Column) -> Callable[[Row | None], int]:
        """The number of rows the rule looks at (those its ``where`` clause keeps)."""
        if where not in self.counts:
            self.counts[where] = len(self.aggregates)
            self.aggregate(F.count(F.when(scope, 1)))
        index = self.counts[where]
        return lambda values: 0 if values is None else int(values[index])

    def key_count(self, columns: tuple[str, ...], where: str, scope: Column) -> Column:
        """Per row: how many rows in scope share its values of ``columns``."""
        key = (tuple(c.lower() for c in columns), where)
        if key not in self.windows:
            name = f"__dq_key_{len(self.windows)}"
            window = Window.partitionBy(*(_quoted(c) for c in columns))
            self.windows[key] = (name, F.count(F.when(scope, 1)).over(window))
        return _quoted(self.windows[key][0])

    # ---- rules

    def node(self, node: Node, by_row: bool) -> Callable[[Row | None], Outcome]:
        if isinstance(node, Rule):
            return self.rule(node)
        parts = [self.node(part, by_row) for part in node.parts]
        text = str(node)
        if by_row:
            return self.composite_by_row(node, parts)

        def judge(values: Row | None) -> Outcome:
            outcomes = [part(values) for part in parts]
            combine = all if node.operator == "and" else any
            passed = combine(o.passed for o in outcomes)
            reasons = [o.reason for o in outcomes if o.reason]
            metrics = {k: v for o in outcomes for k, v in o.metrics.items()}
            return Outcome(text, passed, None if passed else "\n".join(reasons) or None, metrics,
                           _joined(node.operator, outcomes))

        return judge

    def composite_by_row(self, node: Composite, parts: list[Callable[[Row | None], Outcome]]) -> Callable[[Row | None], Outcome]:
        """``compositeRuleEvaluation.method`` ROW: the joined rule must hold in every row."""
        probe = [part(None) for part in parts]
        per_row = _joined(node.operator, probe)
        if per_row is None:
            raise RuleNotEvaluatedError(
                f"Data quality rule '{node}' is not evaluated by pytest-gluejobs with "
                "compositeRuleEvaluation.method ROW: one of its rules has no per-row result "
                f"({', '.join(str(p.rule) for p in probe if p.per_row is None or not p.in_composite_rows)}); {DOCS}."
            )
        failed = self.aggregate(F.count(F.when(~per_row, 1)))
        seen = self.aggregate(F.count(per_row))

        def judge(values: Row | None) -> Outcome:
            metrics = {k: v for part in parts for k, v in part(values).metrics.items()}
            rows = seen(values) or 0
            if rows == 0:
                return Outcome(str(node), False, _empty("Compliance"), metrics, per_row)
            compliance = (rows - failed(values)) / rows
            passed = compliance == 1.0
            return Outcome(str(node), passed, None if passed else _reason(compliance), metrics, per_row)

        return judge

    def rule(self, rule: Rule) -> Callable[[Row | None], Outcome]:
        text = str(rule)
        missing = [c for c in rule.columns if c.lower() not in self.fields]
        if rule.type == "ColumnExists":
            found = not missing
            reason = None if found else f"Input data does not include column {rule.columns[0]}!"
            return lambda values: Outcome(text, found, reason, {})
        if missing:
            failure = Outcome(text, False, f"Input data does not include column {missing[0]}!", {})
            return lambda values: failure
        columns = tuple(self.fields[c.lower()].name for c in rule.columns)
        where = rule.where or ""
        scope: Column = F.lit(True)
        if rule.where is not None:
            try:
                scope = F.expr(rule.where)
                self.df.where(scope)
            except Exception as error:  # Spark's parse and analysis errors
                first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                failure = Outcome(text, False, f"The provided where clause is invalid: {first}", {})
                return lambda values: failure
        build = _RULES[rule.type]
        judge = build(self, rule, columns, where, scope)

        def outcome(values: Row | None) -> Outcome:
            result = judge(values)
            if isinstance(result, Outcome):
                result.rule = text
                return result
            passed, reason, metrics = result
            return Outcome(text, passed, reason, metrics)

        return outcome

    def field(self, column: str) -> T.StructField:
        return self.fields[column.lower()]

    def typed(self, column: str, kinds: tuple[type, ...], wanted: str) -> str | None:
        data_type = self.field(column).dataType
        if isinstance(data_type, kinds):
            return None
        return f"Expected type of column {column} to be {wanted}, but found {data_type.simpleString()} instead!"


def _joined(operator: str, outcomes: Sequence[Outcome]) -> Column | None:
    """The per-row result of rules joined with and/or (SQL's three values: null is skipped);
    none when a part has no per-row result."""
    rows = [o.per_row for o in outcomes if o.per_row is not None and o.in_composite_rows]
    if len(rows) < len(outcomes):
        return None
    joined = rows[0]
    for row in rows[1:]:
        joined = (joined & row) if operator == "and" else (joined | row)
    return joined


# ---- one builder per rule type: (plan, rule, columns, where text, scope) -> judge

_Builder = Callable[[_Plan, Rule, tuple[str, ...], str, Column], Callable[[Row | None], "Judged | Outcome"]]


def _row_count(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Judged]:
    rows = plan.rows(where, scope)
    condition = _condition(rule)

    def judge(values: Row | None) -> Judged:
        count = float(rows(values))
        passed = condition.holds(count)
        return passed, None if passed else _reason(count), {"Dataset.*.RowCount": count}

    return judge


def _column_count(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Judged]:
    count = float(len(plan.df.columns))
    passed = _condition(rule).holds(count)
    judged: Judged = (passed, None if passed else _reason(count), {"Dataset.*.ColumnCount": count})
    return lambda values: judged


def _completeness(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Outcome]:
    (column,) = columns
    present = _quoted(column).isNotNull()
    rows = plan.rows(where, scope)
    complete = plan.aggregate(F.count(F.when(scope & present, 1)))
    condition = rule.condition
    name = f"Column.{column}.Completeness"

    def judge(values: Row | None) -> Outcome:
        per_row = F.when(scope, present)
        total = rows(values)
        if total == 0:
            return Outcome("", False, _empty("Completeness"), {}, per_row, rule.type not in _NOT_PER_ROW_IN_COMPOSITES)
        ratio = complete(values) / total
        passed = condition.holds(ratio) if condition is not None else ratio == 1.0
        return Outcome("", passed, None if passed else _reason(ratio), {name: ratio}, per_row,
                       rule.type not in _NOT_PER_ROW_IN_COMPOSITES)

    return judge


def _uniqueness(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Outcome]:
    present = F.lit(False)
    for column in columns:
        present = present | _quoted(column).isNotNull()
    once = present & (plan.key_count(columns, where, scope) == 1)
    rows = plan.rows(where, scope)
    unique = plan.aggregate(F.count(F.when(scope & once, 1)))
    name = f"Column.{columns[0]}.Uniqueness" if len(columns) == 1 else f"Multicolumn.{','.join(columns)}.Uniqueness"
    condition = rule.condition
    in_composites = rule.type not in _NOT_PER_ROW_IN_COMPOSITES

    def judge(values: Row | None) -> Outcome:
        per_row = F.when(scope, once)
        total = rows(values)
        if total == 0:
            return Outcome("", False, _empty("Uniqueness"), {}, per_row, in_composites)
        ratio = unique(values) / total
        passed = condition.holds(ratio) if condition is not None else ratio == 1.0
        return Outcome("", passed, None if passed else _reason(ratio), {name: ratio}, per_row, in_composites)

    return judge


def _primary_key(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Outcome]:
    uniqueness = _uniqueness(plan, rule, columns, where, scope)
    complete = F.lit(True)
    completeness = []
    for column in columns:
        complete = complete & _quoted(column).isNotNull()
        completeness.append(_completeness(plan, Rule("IsComplete", (), None), (column,), where, scope))
    key_once = plan.key_count(columns, where, scope) == 1

    def judge(values: Row | None) -> Outcome:
        parts = [uniqueness(values), *(part(values) for part in completeness)]
        passed = all(p.passed for p in parts)
        reasons = [p.reason for p in parts if p.reason]
        metrics = {k: v for p in parts for k, v in p.metrics.items()}
        return Outcome("", passed, None if passed else "\n".join(reasons), metrics,
                       F.when(scope, complete & key_once))

    return judge


def _statistic(analyzer: str, function: Callable[[Column], Column]) -> _Builder:
    def build(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Judged]:
        (column,) = columns
        wrong = plan.typed(column, _NUMERIC, "numeric")
        condition = _condition(rule)
        value = None if wrong else plan.aggregate(function(F.when(scope, _quoted(column))))

        def judge(values: Row | None) -> Judged:
            if wrong or value is None:
                return False, wrong, {}
            result = value(values)
            if result is None:
                return False, _empty(analyzer), {}
            number = float(result)
            passed = condition.holds(number)
            return passed, None if passed else _reason(number), {f"Column.{column}.{analyzer}": number}

        return judge

    return build


def _distinct_values(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Judged]:
    (column,) = columns
    distinct = plan.aggregate(F.countDistinct(F.when(scope, _quoted(column))))
    condition = _condition(rule)

    def judge(values: Row | None) -> Judged:
        count = float(distinct(values) or 0)
        passed = condition.holds(count)
        return passed, None if passed else _reason(count), {f"Column.{column}.DistinctValuesCount": count}

    return judge


def _column_length(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Outcome]:
    (column,) = columns
    condition = _condition(rule)
    wrong = plan.typed(column, (T.StringType,), "string")
    if wrong:
        return lambda values: Outcome("", False, wrong, {})
    length = F.length(F.coalesce(_quoted(column), F.lit("")))  # NULL is a string of length 0
    holds = _number_test(condition, length, null_passes=False)
    rows = plan.rows(where, scope)
    shortest = plan.aggregate(F.min(F.when(scope, length)))
    longest = plan.aggregate(F.max(F.when(scope, length)))
    failing = plan.aggregate(F.count(F.when(scope & ~holds, 1)))
    by_compliance = condition.operator in ("in", "not in", "not between")

    def judge(values: Row | None) -> Outcome:
        per_row = F.when(scope, holds)
        total = rows(values)
        if total == 0:
            return Outcome("", False, _empty("MinimumLength"), {}, per_row)
        low, high = float(shortest(values)), float(longest(values))
        metrics = {f"Column.{column}.MaximumLength": high, f"Column.{column}.MinimumLength": low}
        compliance = (total - failing(values)) / total
        if by_compliance:
            metrics[f"Column.{column}.LengthCompliance"] = compliance
        passed = compliance == 1.0
        if passed:
            return Outcome("", True, None, metrics, per_row)
        shown = compliance if by_compliance else next((v for v in (low, high) if not condition.holds(v)), compliance)
        return Outcome("", False, _reason(shown), metrics, per_row)

    return judge


def _column_values(plan: _Plan, rule: Rule, columns: tuple[str, ...], where: str, scope: Column) -> Callable[[Row | None], Outcome]:
    (column,) = columns
    condition = _condition(rule)
    value = _quoted(column)
    nulls_only = all(o == Keyword("NULL") for o in condition.operands)
    if nulls_only:
        holds = value.isNull() if condition.operator in ("=", "in") else value.isNotNull()
    elif condition.numeric():
        wrong = plan.typed(column, _NUMERIC, "numeric")
        if wrong:
            return lambda values: Outcome("", False, wrong, {})
        holds = _number_test(condition, value, null_passes=condition.operator in ("!=", "not in"))
    else:
        text = value if isinstance(plan.field(column).dataType, T.StringType) else value.cast("string")
        regex = _regex_problem(plan, condition)
        if regex:
            return lambda values: Outcome("", False, regex, {})
        holds = _text_test(condition, text)
    rows = plan.rows(where, scope)
    failing = plan.aggregate(F.count(F.when(scope & ~holds, 1)))
    null_failing = plan.aggregate(F.count(F.when(scope & value.isNull() & ~holds, 1)))
    wanted: tuple[str, ...] = ()
    if rule.threshold is None and not nulls_only and condition.numeric():
        wanted = {">": ("Minimum",), ">=": ("Minimum",), "<": ("Maximum",), "<=": ("Maximum",),
                  "=": ("Minimum", "Maximum")}.get(condition.operator, ())
    extremes = {
        name: plan.aggregate((F.min if name == "Minimum" else F.max)(F.when(scope, value)))
        for name in wanted
    }
    compliance_name = f"Column.{column}.ColumnValues.Compliance"

    def judge(values: Row | None) -> Outcome:
        per_row = F.when(scope, holds)
        total = rows(values)
        if total == 0:
            return Outcome("", False, _empty("Compliance" if not extremes else next(iter(extremes))), {}, per_row)
        compliance = (total - failing(values)) / total
        if rule.threshold is not None:
            passed = rule.threshold.holds(compliance)
            return Outcome("", passed, None if passed else _reason(compliance), {compliance_name: compliance}, per_row)
        passed = compliance == 1.0
        if not extremes:
            return Outcome("", passed, None if passed else _reason(compliance), {compliance_name: compliance}, per_row)
        metrics = {f"Column.{column}.{name}": float(v) for name, read in extremes.items() if (v := read(values)) is not None}
        if passed:
            return Outcome("", True, None, metrics, per_row)
        wrong = next((v for v in metrics.values() if not condition.holds(v)), None)
        if wrong is None and null_failing(values):
            return Outcome("", False, _reason(None), metrics, per_row)
        return Outcome("", False, _reason(wrong if wrong is not None else compliance), metrics, per_row)

    return judge


def _condition(rule: Rule) -> Condition:
    assert rule.condition is not None  # the parser makes sure of it for rules that need one
    return rule.condition


def _number_test(condition: Condition, value: Column, null_passes: bool) -> Column:
    """Per row, whether a number meets the condition; NULL fails unless ``null_passes`` (!= and
    not in) or the list names NULL."""
    numbers = [o.value for o in condition.operands if isinstance(o, Number)]
    listed_null = Keyword("NULL") in condition.operands
    op = condition.operator
    if op == "between":
        test = (value > numbers[0]) & (value < numbers[1])
    elif op == "not between":
        test = (value <= numbers[0]) | (value >= numbers[1])
    elif op in ("in", "not in"):
        test = value.isin(numbers) if numbers else F.lit(False)
        if op == "not in":
            test = ~test
    else:
        test = {
            ">": value > numbers[0], ">=": value >= numbers[0], "<": value < numbers[0],
            "<=": value <= numbers[0], "=": value == numbers[0], "!=": value != numbers[0],
        }[op]
    if op == "in" and listed_null:
        return value.isNull() | F.coalesce(test, F.lit(False))
    if op == "not in" and listed_null:
        return value.isNotNull() & F.coalesce(test, F.lit(False))
    return F.coalesce(test, F.lit(null_passes))


def _text_test(condition: Condition, text: Column) -> Column:
    """Per row, whether a value meets a string condition. NULL fails, except with != and not in,
    whose NULL passes unless NULL is one of the values."""
    op = condition.operator
    if op.endswith("matches"):
        pattern = condition.operands[0]
        assert isinstance(pattern, Text)
        found = text.isNotNull() & text.rlike(f"^(?:{pattern.value})$")
        return F.coalesce(found if op == "matches" else text.isNotNull() & ~found, F.lit(False))
    matched = F.lit(False)
    for operand in condition.operands:
        matched = matched | _is(operand, text)
    return ~matched if op in ("!=", "not in") else matched


def _is(operand: object, text: Column) -> Column:
    if operand == Keyword("NULL"):
        return text.isNull()
    if operand == Keyword("EMPTY"):
        return F.coalesce(text == "", F.lit(False))
    if operand == Keyword("WHITESPACES_ONLY"):
        return F.coalesce(text.rlike(r"^\s+$"), F.lit(False))
    assert isinstance(operand, Text)
    return F.coalesce(text == operand.value, F.lit(False))


def _regex_problem(plan: _Plan, condition: Condition) -> str | None:
    """Spark's regular expressions are Java's: a pattern Java refuses fails the rule, not the job."""
    if not condition.operator.endswith("matches"):
        return None
    pattern = condition.operands[0]
    assert isinstance(pattern, Text)
    jvm: Any = plan.df.sparkSession.sparkContext._jvm
    try:
        jvm.java.util.regex.Pattern.compile(pattern.value)
    except Exception as error:
        message = str(error).strip().splitlines()
        detail = next((line for line in message if "PatternSyntaxException" in line), message[0] if message else "")
        return f"The pattern {pattern} is not a valid regular expression: {detail.split(': ', 1)[-1]}"
    return None


_RULES: dict[str, _Builder] = {
    "RowCount": _row_count,
    "ColumnCount": _column_count,
    "Completeness": _completeness,
    "IsComplete": _completeness,
    "Uniqueness": _uniqueness,
    "IsUnique": _uniqueness,
    "IsPrimaryKey": _primary_key,
    "Mean": _statistic("Mean", F.avg),
    "Sum": _statistic("Sum", F.sum),
    "StandardDeviation": _statistic("StandardDeviation", F.stddev_pop),
    "Variance": _statistic("Variance", F.var_pop),
    "DistinctValuesCount": _distinct_values,
    "ColumnLength": _column_length,
    "ColumnValues": _column_values,
}
