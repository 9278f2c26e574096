"""DQDL read as AWS Glue Data Quality reads it (awslabs/dqdl's grammar), without Spark: what it
accepts, how rules are written back, what it refuses and in whose words, and what parses but is
marked as not evaluated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_gluejobs._awsgluedq._dqdl import (
    Composite,
    Condition,
    Keyword,
    Number,
    Rule,
    Text,
    parse,
)
from pytest_gluejobs._awsgluedq.errors import DQDLSyntaxError

STUDIO_DEFAULT = """
    # Default ruleset used by all target nodes with data quality enabled
    Rules = [
        ColumnCount > 0
    ]
"""


def only(text: str) -> Rule | Composite:
    (rule,) = parse(f"Rules = [ {text} ]").rules
    return rule


def test_glue_studios_default_ruleset_is_one_column_count_rule() -> None:
    ruleset = parse(STUDIO_DEFAULT)

    assert ruleset.rules == (Rule("ColumnCount", (), Condition(">", (Number(0.0, "0"),))),)
    assert ruleset.unevaluated == ()


@pytest.mark.parametrize(
    ("written", "back"),
    [
        ('IsComplete  "order-id"', 'IsComplete "order-id"'),
        ('IsPrimaryKey colA "colB" "colC"', 'IsPrimaryKey colA "colB" "colC"'),
        ("RowCount between 1 and 2000", "RowCount between 1 and 2000"),
        ("RowCount not between -5 and 5.5", "RowCount not between -5 and 5.5"),
        ('Completeness "First_Name" > 0.95 where "weightinkgs > 10"', 'Completeness "First_Name" > 0.95 where "weightinkgs > 10"'),
        ('ColumnValues "Country" in [ "US", "CA", NULL, EMPTY, whitespaces_only ]', 'ColumnValues "Country" in ["US","CA",NULL,EMPTY,WHITESPACES_ONLY]'),
        ('ColumnValues "Age" != 21', 'ColumnValues "Age" != 21'),
        ('ColumnValues "Age" not in [21, 22, NULL]', 'ColumnValues "Age" not in [21,22,NULL]'),
        ('ColumnValues "First_Name" matches "[a-zA-Z]*"', 'ColumnValues "First_Name" matches "[a-zA-Z]*"'),
        ('ColumnValues "code" in ["a", "b"] with threshold > 0.8', 'ColumnValues "code" in ["a","b"] with threshold > 0.8'),
        ('ColumnValues "g" in ["F"] where "w < 10" with threshold >= 0.5', 'ColumnValues "g" in ["F"] where "w < 10" with threshold >= 0.5'),
        ('(IsComplete "id") and (IsUnique "id")', '(IsComplete "id") and (IsUnique "id")'),
        ('(Mean "a" > 3) AND (Mean "b" > 5) AND (IsComplete "c")', '(Mean "a" > 3) and (Mean "b" > 5) and (IsComplete "c")'),
        ('(RowCount > 0) or ((IsComplete "colA") and (IsUnique "colA"))', '(RowCount > 0) or ((IsComplete "colA") and (IsUnique "colA"))'),
    ],
)
def test_rules_are_written_back_as_glue_writes_them(written: str, back: str) -> None:
    assert str(only(written)) == back
    assert str(only(back)) == back  # and what is written back reads the same


def test_and_binds_tighter_than_or_as_in_the_grammar() -> None:
    rule = only('(IsComplete "a") or (IsComplete "b") and (IsComplete "c")')

    assert isinstance(rule, Composite) and rule.operator == "or"
    assert str(rule.parts[1]) == '(IsComplete "b") and (IsComplete "c")'


def test_comments_line_breaks_and_escapes() -> None:
    ruleset = parse('# checks\nRules = [\n  ColumnValues "q" in ["say \\"hi\\"", "a\\\\b"], # quoted\n  RowCount > 0\n]')

    first = ruleset.rules[0]
    assert isinstance(first, Rule) and first.condition is not None
    assert first.condition.operands == (Text('say "hi"'), Text("a\\b"))
    assert len(ruleset.rules) == 2


@pytest.mark.parametrize(
    ("metric", "condition", "holds"),
    [
        (5.0, "between 1 and 10", True),
        (1.0, "between 1 and 10", False),  # between excludes its ends, as Glue's DQDL does
        (10.0, "between 1 and 10", False),
        (1.0, "not between 1 and 10", True),
        (3.0, "in [1, 2, 3]", True),
        (4.0, "not in [1, 2, 3]", True),
        (0.5, ">= 0.5", True),
        (0.5, "> 0.5", False),
        (2.0, "!= 2", False),
        (2.0, "= 2.0", True),
    ],
)
def test_numeric_conditions(metric: float, condition: str, holds: bool) -> None:
    rule = only(f"RowCount {condition}")
    assert isinstance(rule, Rule) and rule.condition is not None

    assert rule.condition.holds(metric) is holds


@pytest.mark.parametrize(
    ("ruleset", "message"),
    [
        ("Rules = []", "Parsing Error: No rules or analyzers provided."),
        ("", "Parsing Error: No rules or analyzers provided."),
        ('Rules = [ IsCompelte "x" ]', "Parsing Error: Rule Type: IsCompelte is not valid (did you mean IsComplete?)"),
        ('rules = [ IsComplete "x" ]', "Parsing Error: line 1:10 unexpected input 'IsComplete', expecting a quoted string or a list of them as a variable's value (the list of rules is named Rules, capitalised)"),
        ('Rules = [ IsComplete "x"', "Parsing Error: line 1:24 unexpected input '<EOF>', expecting ',' or ']' after the rule"),
        ('Rules = [ IsComplete "x" ] Rules', "Parsing Error: line 1:27 unexpected input 'Rules', expecting the end of the ruleset"),
        ('Rules = [ RowCount "id" > 100 ]', "Parsing Error: Unexpected number of parameters: RowCount takes 0, got 1"),
        ("Rules = [ IsUnique ]", "Parsing Error: VarArgs needs at least one parameter: IsUnique"),
        ('Rules = [ IsComplete "x" > 3 ]', "Parsing Error: Unexpected condition for rule of type IsComplete with boolean return type"),
        ('Rules = [ Completeness "x" ]', "Parsing Error: Error while parsing condition for rule with rule type: Completeness"),
        ('Rules = [ Mean "x" matches "a" ]', "Parsing Error: Unexpected condition for rule of type Mean with number return type"),
        ('Rules = [ ColumnCount > 0 where "a > 1" ]', "Parsing Error: Where clause is not supported for rule type: ColumnCount"),
        ('Rules = [ IsComplete "x" where "" ]', "Parsing Error: Empty where condition provided for rule type: IsComplete"),
        ("Rules = [ RowCount > 0 with threshold > 0.5 ]", "Parsing Error: Threshold condition not supported for rule type: RowCount"),
        ('Rules = [ ColumnValues "a" in ["x"] with threshold > 0.5 with threshold > 0.6 ]', "Parsing Error: Only one threshold condition at a time is supported."),
        ('Rules = [ ColumnValues "a" in [1, "b"] ]', "Parsing Error: Error while parsing condition for rule with rule type: ColumnValues (numbers and strings mixed)"),
        ('Rules = [ IsComplete "a" and IsComplete "b" ]', "Parsing Error: Unexpected number of parameters: IsComplete takes 1, got 3"),
        ('Rules = [ (IsComplete "a") and IsUnique "a" ]', "Parsing Error: line 1:31 unexpected input 'IsUnique', each rule joined with 'and' must be in parentheses"),
        ("Rules = [ RowCount between 1 5 ]", "Parsing Error: line 1:29 unexpected input '5', expecting 'and' between the two ends of 'between'"),
        ("Rules = [ RowCount <> 1 ]", "Parsing Error: line 1:20 unexpected input '>', expecting a number"),
        ("Rules = [ RowCount > 0 ] ;", "Parsing Error: line 1:25 token recognition error at: ';'"),
        ('Rules = [ IsComplete "never closed ]', "Parsing Error: line 1:21 token recognition error at: '\"never closed ]'"),
        ('Rules = [\n  IsComplete "a",\n  RowCount >\n]', "Parsing Error: line 4:0 unexpected input ']', expecting a number"),
    ],
)
def test_what_glues_parser_refuses_is_a_syntax_error_in_its_words(ruleset: str, message: str) -> None:
    with pytest.raises(DQDLSyntaxError) as raised:
        parse(ruleset)

    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("ruleset", [None, 42, b"Rules = [ RowCount > 0 ]", ["RowCount > 0"]])
def test_a_ruleset_that_is_not_a_string_is_a_type_error(ruleset: object) -> None:
    with pytest.raises(TypeError, match="ruleset must be a DQDL string, got"):
        parse(ruleset)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ('CustomSql "select count(*) from primary" between 10 and 20', "CustomSql rules"),
        ('ReferentialIntegrity "id" "ref.{id}" = 1.0', "ReferentialIntegrity rules"),
        ('DataFreshness "Order_Date" <= 24 hours', "DataFreshness rules"),
        ('Completeness "colA" between min(last(5)) - 1 and max(last(5)) + 1', "a dynamic rule (function call)"),
        ('RowCount > 5 * 2', "a dynamic rule (arithmetic on values)"),
        ('RowCount > avg(last(10))', "a dynamic rule (function call)"),
        ('ColumnValues "Load_Date" > (now() - 3 days)', "a date condition (now())"),
        ('ColumnValues "d" = "2024-01-31"', "a date or time condition"),
        ('ColumnValues "c" in $allowed', "a variable"),
        ('IsComplete $column', "a variable"),
        ('IsComplete "a" labels=["team"="x"]', "labels"),
        ('RowCount = NULL', "NULL in a numeric condition"),
    ],
)
def test_what_glue_reads_but_is_not_evaluated_is_marked(rule: str, why: str) -> None:
    parsed = only(rule)

    assert parsed.unevaluated == why


def test_sections_and_declarations_other_than_rules_parse_and_are_marked() -> None:
    ruleset = parse(
        'Metadata = { "Version": "1.0" }\n'
        'DataSources = { "Primary": "orders", "AdditionalDataSources": [ "ref" ] }\n'
        'allowed = ["a", "b"]\n'
        'Rules = [ ColumnValues "c" in $allowed ]\n'
        'Analyzers = [ Completeness "c" ]'
    )

    assert ruleset.unevaluated == ("the Metadata section", "the DataSources section", "the variable allowed", "the Analyzers section")


def test_keywords_and_numbers_are_read_in_either_case_the_grammar_allows() -> None:
    rule = only('(ColumnValues "c" = null) OR (ColumnValues "c" in [EMPTY, "x"])')

    assert isinstance(rule, Composite) and rule.operator == "or"
    second = rule.parts[1]
    assert isinstance(second, Rule) and second.condition is not None
    assert second.condition.operands == (Keyword("EMPTY"), Text("x"))


def test_nesting_deeper_than_any_ruleset_needs_is_refused_not_a_recursion_error() -> None:
    assert str(only("(" * 60 + "RowCount > 0" + ")" * 60)) == "RowCount > 0"
    with pytest.raises(DQDLSyntaxError, match="rules nested more than 100 parentheses deep"):
        parse("Rules = [ " + "(" * 5000 + "RowCount > 0" + ")" * 5000 + " ]")
    with pytest.raises(DQDLSyntaxError, match="values nested more than 100 parentheses deep"):
        parse("Rules = [ RowCount > " + "(" * 5000 + "1" + ")" * 5000 + " ]")


_PIECES = st.sampled_from([
    "Rules", "=", "[", "]", "(", ")", ",", "and", "or", "not", "in", "between", "matches", "where", "with",
    "threshold", "labels", "IsComplete", "RowCount", "ColumnValues", "CustomSql", '"a"', '"2024-01-01"', "0.5",
    "-3", ">", ">=", "!", "NULL", "EMPTY", "$v", "avg(last(3))", "now()", "3 days", "#c\n", "\n", "{", "}", ":",
])


@given(st.lists(_PIECES, max_size=25).map(" ".join) | st.text(max_size=60))
def test_any_text_is_a_ruleset_or_a_syntax_error_never_a_crash(text: str) -> None:
    try:
        ruleset = parse(text)
    except DQDLSyntaxError as error:
        message = str(error)
    else:
        assert ruleset.rules or ruleset.unevaluated
        return
    assert message.startswith("Parsing Error: ")
