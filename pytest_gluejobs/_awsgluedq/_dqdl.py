"""DQDL, the rule language of AWS Glue Data Quality, read into rules the stand-in can evaluate.

The grammar is AWS's own: ``DataQualityDefinitionLanguage.g4`` and ``CommonLexerRules.g4`` in
awslabs/dqdl, with the rule types of its ``rules-config.json`` (parameters, return type, whether a
``where`` clause or ``with threshold`` is allowed). AWS page: "Data Quality Definition Language
(DQDL) reference" (https://docs.aws.amazon.com/glue/latest/dg/dqdl.html). No PySpark here.

Two kinds of refusal, kept apart on purpose:

- what Glue's parser refuses (a misspelt rule type, a missing bracket, a ``where`` on
  ``ColumnCount``) raises `DQDLSyntaxError` at once, worded as Glue's parser words it;
- what Glue accepts but the stand-in does not evaluate (``CustomSql``, dynamic rules such as
  ``> avg(last(3))``, date conditions, variables, labels, the ``Analyzers`` section) is parsed and
  marked, so evaluating it raises `RuleNotEvaluatedError` naming the rule.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, NoReturn, Union

from .errors import DQDLSyntaxError

# -- Tokens ---------------------------------------------------------------------------------------

# Words the lexer makes keywords: the grammar's literals and the case pairs of CommonLexerRules.
_KEYWORDS = frozenset({
    "and", "AND", "or", "OR", "of", "OF", "null", "NULL", "empty", "EMPTY", "whitespaces_only",
    "WHITESPACES_ONLY", "between", "in", "not", "matches", "with", "where", "labels", "days",
    "hours", "minutes", "B", "KB", "MB", "GB", "TB", "Metadata", "DataSources", "Rules",
    "Analyzers", "DefaultLabels",
})
_STRING_KEYWORDS = ("null", "NULL", "empty", "EMPTY", "whitespaces_only", "WHITESPACES_ONLY")
_WORD = re.compile(r"[A-Za-z0-9_.]+")
_INT = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2} [AP]M|[0-9]{2}:[0-9]{2}")
_PUNCT = (">=", "<=", ">", "<", "=", "!", ",", "[", "]", "(", ")", "{", "}", ":", "$", "-", "+", "*", "/")


class Token(NamedTuple):
    kind: str  # string, date, time, number, word, keyword, punct, end
    text: str  # a string's content without its quotes; otherwise the token as written
    line: int
    column: int


def _lex(text: str) -> list[Token]:
    tokens: list[Token] = []
    line, start, at = 1, 0, 0

    def here(position: int) -> tuple[int, int]:
        return line, position - start

    while at < len(text):
        char = text[at]
        if char in " \t\r\n":
            if char == "\n":
                line, start = line + 1, at + 1
            at += 1
        elif char == "#":  # a comment runs to the end of its line
            end = text.find("\n", at)
            at = len(text) if end < 0 else end
        elif char == '"':
            content, end = _quoted(text, at, here(at))
            kind = "date" if _DATE.fullmatch(content) else "time" if _TIME.fullmatch(content) else "string"
            tokens.append(Token(kind, content, *here(at)))
            line += text.count("\n", at, end)
            if "\n" in text[at:end]:
                start = text.rfind("\n", at, end) + 1
            at = end
        elif char == "n" and text.startswith("now()", at):
            tokens.append(Token("keyword", "now()", *here(at)))
            at += 5
        elif word := _WORD.match(text, at):
            value = word.group()
            kind = (
                "number" if _INT.fullmatch(value) or _DECIMAL.fullmatch(value)
                else "keyword" if value in _KEYWORDS
                else "word"
            )
            tokens.append(Token(kind, value, *here(at)))
            at = word.end()
        else:
            symbol = next((p for p in _PUNCT if text.startswith(p, at)), None)
            if symbol is None:
                _fail([f"line {line}:{at - start} token recognition error at: '{char}'"])
            tokens.append(Token("punct", symbol, *here(at)))
            at += len(symbol)
    tokens.append(Token("end", "<EOF>", *here(at)))
    return tokens


def _quoted(text: str, at: int, where: tuple[int, int]) -> tuple[str, int]:
    """The content of the string opening at ``at`` (``\\"`` and ``\\\\`` kept as written) and the
    position after its closing quote."""
    position = at + 1
    while position < len(text):
        if text.startswith(('\\"', "\\\\"), position):
            position += 2
        elif text[position] == '"':
            return text[at + 1 : position], position + 1
        else:
            position += 1
    _fail([f"line {where[0]}:{where[1]} token recognition error at: '{text[at:at + 20]}'"])


def _fail(messages: list[str]) -> NoReturn:
    raise DQDLSyntaxError("Parsing Error: " + ", ".join(messages))


# -- What a ruleset holds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: float
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Keyword:
    """NULL, EMPTY or WHITESPACES_ONLY."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Text:
    """A quoted string."""

    value: str

    def __str__(self) -> str:
        return f'"{self.value}"'


@dataclass(frozen=True)
class Unevaluated:
    """An operand Glue reads but the stand-in does not evaluate: what it is, and how it was written."""

    what: str
    text: str

    def __str__(self) -> str:
        return self.text


Operand = Union[Number, Keyword, Text, Unevaluated]


@dataclass(frozen=True)
class Condition:
    """``> 5``, ``between 1 and 5``, ``not in ["a", NULL]``, ``matches "[a-z]+"`` …"""

    operator: str  # = != > >= < <= between, not between, in, not in, matches, not matches
    operands: tuple[Operand, ...]

    def __str__(self) -> str:
        if self.operator in ("between", "not between"):
            return f"{self.operator} {self.operands[0]} and {self.operands[1]}"
        if self.operator in ("in", "not in"):
            return f"{self.operator} [{','.join(str(o) for o in self.operands)}]"
        return f"{self.operator} {self.operands[0]}"

    def unevaluated(self) -> str | None:
        return next((o.what for o in self.operands if isinstance(o, Unevaluated)), None)

    def numeric(self) -> bool:
        """Whether every operand is a number (or NULL) and the operator compares numbers."""
        return "matches" not in self.operator and all(
            isinstance(o, Number) or o == Keyword("NULL") or isinstance(o, Unevaluated) for o in self.operands
        )

    def holds(self, metric: float) -> bool:
        """The condition on a number, as Glue's DQDL evaluates it: ``between`` excludes its ends."""
        values = [o.value for o in self.operands if isinstance(o, Number)]
        op = self.operator
        if op == "between":
            return values[0] < metric < values[1]
        if op == "not between":
            return metric <= values[0] or metric >= values[1]
        if op in ("in", "not in"):
            return (metric in values) == (op == "in")
        if op == "=":
            return metric == values[0]
        if op == "!=":
            return metric != values[0]
        return {">": metric > values[0], ">=": metric >= values[0], "<": metric < values[0]}.get(
            op, metric <= values[0]
        )


@dataclass(frozen=True)
class Parameter:
    value: str
    quoted: bool
    connector: str = ""  # "and" or "of", as in ColumnCorrelation "a" and "b"
    variable: bool = False

    def __str__(self) -> str:
        shown = f"${self.value}" if self.variable else f'"{self.value}"' if self.quoted else self.value
        return f"{self.connector} {shown}" if self.connector else shown


@dataclass(frozen=True)
class Rule:
    """One DQDL rule: its type, parameters (the columns), condition, ``where`` clause and
    ``with threshold`` condition; ``unevaluated`` says what in it the stand-in does not evaluate."""

    type: str
    parameters: tuple[Parameter, ...]
    condition: Condition | None = None
    where: str | None = None
    threshold: Condition | None = None
    unevaluated: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(p.value for p in self.parameters)

    def __str__(self) -> str:
        parts = [self.type, *(str(p) for p in self.parameters)]
        if self.condition is not None:
            parts.append(str(self.condition))
        if self.where is not None:
            parts.append(f'where "{self.where}"')
        if self.threshold is not None:
            parts.append(f"with threshold {self.threshold}")
        return " ".join(parts)

    def leaves(self) -> Iterator[Rule]:
        yield self


@dataclass(frozen=True)
class Composite:
    """Rules joined by ``and`` or ``or``; each part is written in parentheses."""

    operator: str  # and, or
    parts: tuple[Node, ...]
    unevaluated: str | None = None

    def __str__(self) -> str:
        return f" {self.operator} ".join(f"({part})" for part in self.parts)

    def leaves(self) -> Iterator[Rule]:
        for part in self.parts:
            yield from part.leaves()


Node = Union[Rule, Composite]


@dataclass(frozen=True)
class Ruleset:
    rules: tuple[Node, ...]
    unevaluated: tuple[str, ...] = field(default=())  # sections and declarations not evaluated


# -- Rule types -------------------------------------------------------------------------------------


class RuleType(NamedTuple):
    parameters: tuple[int, ...]  # the numbers of parameters it takes; with varargs, the least
    varargs: bool
    returns: str  # NUMBER, BOOLEAN, VALUES (ColumnValues), or a type the stand-in does not read
    where: bool
    threshold: bool


def _type(parameters: tuple[int, ...], returns: str, where: bool = False, threshold: bool = False,
          varargs: bool = False) -> RuleType:
    return RuleType(parameters, varargs, returns, where, threshold)


# rules-config.json of awslabs/dqdl, rule by rule.
RULE_TYPES: dict[str, RuleType] = {
    "RowCount": _type((0,), "NUMBER", where=True),
    "RowCountMatch": _type((1,), "NUMBER"),
    "ColumnCount": _type((0,), "NUMBER"),
    "Completeness": _type((1,), "NUMBER", where=True),
    "IsComplete": _type((1,), "BOOLEAN", where=True),
    "ColumnDataType": _type((1,), "STRING", where=True, threshold=True),
    "ColumnNamesMatchPattern": _type((1,), "BOOLEAN"),
    "ColumnExists": _type((1,), "BOOLEAN"),
    "ColumnCorrelation": _type((2,), "NUMBER", where=True),
    "Uniqueness": _type((1,), "NUMBER", where=True, varargs=True),
    "IsUnique": _type((1,), "BOOLEAN", where=True, varargs=True),
    "Mean": _type((1,), "NUMBER", where=True),
    "Sum": _type((1,), "NUMBER", where=True),
    "StandardDeviation": _type((1,), "NUMBER", where=True),
    "Variance": _type((1,), "NUMBER", where=True),
    "Entropy": _type((1,), "NUMBER", where=True),
    "DistinctValuesCount": _type((1,), "NUMBER", where=True),
    "UniqueValueRatio": _type((1,), "NUMBER", where=True),
    "ColumnLength": _type((1,), "NUMBER", where=True),
    "IsPrimaryKey": _type((1,), "BOOLEAN", where=True, varargs=True),
    "ColumnValues": _type((1,), "VALUES", where=True, threshold=True),
    "DataFreshness": _type((1,), "DURATION", where=True),
    "CustomSql": _type((1,), "NUMBER|BOOLEAN", threshold=True),
    "ReferentialIntegrity": _type((2,), "NUMBER"),
    "DatasetMatch": _type((2, 3), "NUMBER"),
    "SchemaMatch": _type((1,), "NUMBER"),
    "AggregateMatch": _type((2,), "NUMBER"),
    "DetectAnomalies": _type((1,), "BOOLEAN", varargs=True),
    "AllStatistics": _type((1,), "NUMBER"),
    "FileMatch": _type((0, 1, 2), "FILE"),
    "FileUniqueness": _type((0, 1), "NUMBER"),
    "FileFreshness": _type((0, 1), "DATE", threshold=True),
    "FileSize": _type((0, 1), "SIZE", threshold=True),
}

# The rule types the stand-in evaluates (the rest parse, and are refused when evaluated).
EVALUATED = frozenset({
    "RowCount", "ColumnCount", "Completeness", "IsComplete", "ColumnExists", "Uniqueness",
    "IsUnique", "IsPrimaryKey", "Mean", "Sum", "StandardDeviation", "Variance",
    "DistinctValuesCount", "ColumnLength", "ColumnValues",
})


# -- The parser -----------------------------------------------------------------------------------


def parse(text: str) -> Ruleset:
    """Read a DQDL ruleset (``Rules = [ ... ]``) into its rules; `DQDLSyntaxError` if Glue would
    refuse it. Raises ``TypeError`` for a ruleset that is not a string."""
    if not isinstance(text, str):
        raise TypeError(f"ruleset must be a DQDL string, got {type(text).__name__}: {text!r}")
    return _Parser(_lex(text)).document()


# Deeper nesting than any ruleset needs is refused rather than left to Python's recursion limit.
_MAX_DEPTH = 100


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    # ---- token helpers
    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.at + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.peek()
        self.at = min(self.at + 1, len(self.tokens) - 1)
        return token

    def sees(self, *texts: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind in ("punct", "keyword") and token.text in texts

    def expect(self, text: str, what: str) -> Token:
        if not self.sees(text):
            self.error(f"expecting {what}")
        return self.take()

    def error(self, expecting: str, token: Token | None = None) -> NoReturn:
        token = token or self.peek()
        found = "<EOF>" if token.kind == "end" else f'"{token.text}"' if token.kind in ("string", "date", "time") else token.text
        _fail([f"line {token.line}:{token.column} unexpected input '{found}', {expecting}"])

    # ---- document: Metadata? DataSources? variables? DefaultLabels? Rules? Analyzers?
    def document(self) -> Ruleset:
        unevaluated: list[str] = []
        rules: tuple[Node, ...] | None = None
        analyzers = False
        while self.peek().kind != "end":
            token = self.peek()
            if self.sees("Rules") and rules is None and not analyzers:
                rules = self.rules()
            elif self.sees("Analyzers") and not analyzers:
                self.take()
                self.expect("=", "'=' after Analyzers")
                analyzers = self.skip_bracketed("[", "]") > 0
                unevaluated.append("the Analyzers section")
            elif self.sees("Metadata", "DataSources") and rules is None:
                self.take()
                self.expect("=", f"'=' after {token.text}")
                self.skip_bracketed("{", "}")
                unevaluated.append(f"the {token.text} section")
            elif self.sees("DefaultLabels") and rules is None:
                self.take()
                self.expect("=", "'=' after DefaultLabels")
                self.skip_bracketed("[", "]")
                unevaluated.append("DefaultLabels")
            elif token.kind == "word" and self.sees("=", ahead=1) and rules is None:
                self.take()
                self.take()
                hint = " (the list of rules is named Rules, capitalised)" if token.text.lower() == "rules" else ""
                if self.sees("["):
                    self.take()
                    self.variable_value(hint)
                    while self.sees(","):
                        self.take()
                        self.variable_value(hint)
                    self.expect("]", "',' or ']' in the list")
                else:
                    self.variable_value(hint)
                unevaluated.append(f"the variable {token.text}")
            else:
                self.error("expecting Rules = [ ... ]" if rules is None else "expecting the end of the ruleset")
        if not rules and not analyzers:
            _fail(["No rules or analyzers provided."])
        return Ruleset(rules or (), tuple(unevaluated))

    def variable_value(self, hint: str) -> None:
        if not (self.peek().kind in ("string", "date", "time") or self.sees(*_STRING_KEYWORDS)):
            self.error(f"expecting a quoted string or a list of them as a variable's value{hint}")
        self.take()

    def skip_bracketed(self, opening: str, closing: str) -> int:
        """Skip a balanced ``[...]`` or ``{...}``; how many tokens it held."""
        self.expect(opening, f"'{opening}'")
        depth, count = 1, 0
        while depth:
            token = self.take()
            if token.kind == "end":
                self.error(f"expecting '{closing}'", token)
            if token.kind == "punct" and token.text == opening:
                depth += 1
            elif token.kind == "punct" and token.text == closing:
                depth -= 1
            count += 1
        return count - 1

    def rules(self) -> tuple[Node, ...]:
        self.take()
        self.expect("=", "'=' after Rules")
        self.expect("[", "'[' to open the list of rules")
        rules: list[Node] = []
        if not self.sees("]"):
            rules.append(self.top())
            while self.sees(","):
                self.take()
                rules.append(self.top())
        self.expect("]", "',' between rules or ']' to close the list (each rule joined with and/or in parentheses)")
        return tuple(rules)

    # ---- composite rules: and binds tighter than or, as in the grammar's order
    def top(self) -> Node:
        return self.joined("or", self.conjunction)

    def conjunction(self) -> Node:
        return self.joined("and", self.primary)

    def joined(self, operator: str, operand: Any) -> Node:
        first = self.peek()
        parts = [operand()]
        bare = [first] if first.kind == "word" else []
        while self.sees(operator, operator.upper()):
            self.take()
            token = self.peek()
            parts.append(operand())
            if token.kind == "word":
                bare.append(token)
        if len(parts) == 1:
            return parts[0]  # type: ignore[no-any-return]
        if bare:
            self.error(f"each rule joined with '{operator}' must be in parentheses, as in (IsComplete \"a\") {operator} (IsUnique \"a\")", bare[0])
        return Composite(operator, tuple(parts))

    def primary(self) -> Node:
        if self.sees("("):
            opening = self.take()
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                _fail([f"line {opening.line}:{opening.column} rules nested more than {_MAX_DEPTH} parentheses deep"])
            inner = self.top()
            self.depth -= 1
            self.expect(")", "')'")
            if self.sees("labels"):
                self.labels()
                return _mark(inner, "labels")
            return inner
        return self.rule()

    # ---- one rule: type, parameters, condition?, where?, labels?, with …*
    def rule(self) -> Rule:
        name = self.peek()
        if name.kind != "word":
            self.error("expecting a rule type, such as IsComplete or RowCount")
        self.take()
        spec = RULE_TYPES.get(name.text)
        if spec is None:
            close = difflib.get_close_matches(name.text, list(RULE_TYPES), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            _fail([f"Rule Type: {name.text} is not valid{hint}"])
        parameters = self.parameters()
        condition = self.condition() if self.starts_condition() else None
        where = None
        if self.sees("where"):
            self.take()
            token = self.peek()
            if token.kind != "string":
                self.error("expecting the where clause as a quoted string")
            self.take()
            if not token.text.strip():
                _fail([f"Empty where condition provided for rule type: {name.text}"])
            if not spec.where:
                _fail([f"Where clause is not supported for rule type: {name.text}"])
            where = token.text
        unevaluated: list[str] = []
        if self.sees("labels"):
            self.labels()
            unevaluated.append("labels")
        threshold = None
        while self.sees("with"):
            self.take()
            tag = self.peek()
            if tag.kind != "word":
                self.error("expecting 'threshold' (or a tag name) after 'with'")
            self.take()
            tagged = self.condition() if self.starts_condition() else self.error(f"expecting a condition after 'with {tag.text}'")
            if tag.text != "threshold":
                unevaluated.append(f"the tag 'with {tag.text}'")
            elif threshold is not None:
                _fail(["Only one threshold condition at a time is supported."])
            elif not spec.threshold:
                _fail([f"Threshold condition not supported for rule type: {name.text}"])
            elif not tagged.numeric():
                _fail([f"Unable to parse threshold condition provided for rule type: {name.text}"])
            else:
                threshold = tagged
        if not self.sees(",", "]", ")", "and", "AND", "or", "OR"):
            self.error("expecting ',' or ']' after the rule")
        rule = Rule(name.text, parameters, condition, where, threshold)
        return _checked(rule, spec, unevaluated)

    def parameters(self) -> tuple[Parameter, ...]:
        found: list[Parameter] = []
        while True:
            connector = ""
            if self.sees("and", "AND", "of", "OF") and self.starts_parameter(ahead=1):
                connector = self.take().text
            if not self.starts_parameter():
                return tuple(found)
            token = self.take()
            if token.kind == "punct":  # $name
                variable = self.peek()
                if variable.kind != "word":
                    self.error("expecting a variable name after '$'")
                self.take()
                found.append(Parameter(variable.text, False, connector, variable=True))
            else:
                found.append(Parameter(token.text, token.kind == "string", connector))

    def starts_parameter(self, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind in ("string", "word") or (token.kind == "punct" and token.text == "$")

    def starts_condition(self) -> bool:
        return self.sees(">", ">=", "<", "<=", "=", "!", "between", "not", "in", "matches")

    def condition(self) -> Condition:
        negated = ""
        if self.sees("not"):
            self.take()
            negated = "not "
            if not self.sees("between", "in", "matches"):
                self.error("expecting 'between', 'in' or 'matches' after 'not'")
        token = self.take()
        if token.text == "!":
            self.expect("=", "'=' after '!'")
            return Condition("!=", (self.value(),))
        if token.text == "between":
            low = self.value()
            self.expect_and()
            return Condition(negated + "between", (low, self.value()))
        if token.text == "in":
            if self.sees("$"):
                self.take()
                name = self.take()
                return Condition(negated + "in", (Unevaluated("a variable", f"${name.text}"),))
            self.expect("[", "'[' to open the list after 'in'")
            values = [self.value()]
            while self.sees(","):
                self.take()
                values.append(self.value())
            self.expect("]", "',' or ']' in the list")
            return Condition(negated + "in", tuple(_unescaped(v) for v in values))
        if token.text == "matches":
            pattern = self.peek()
            if pattern.kind not in ("string", "date", "time"):
                self.error("expecting the pattern as a quoted string after 'matches'")
            self.take()
            return Condition(negated + "matches", (Text(pattern.text),))
        return Condition(token.text, (self.value(),))

    def expect_and(self) -> None:
        if not self.sees("and", "AND"):
            self.error("expecting 'and' between the two ends of 'between'")
        self.take()

    def labels(self) -> None:
        self.take()
        self.expect("=", "'=' after labels")
        self.skip_bracketed("[", "]")

    # ---- operands: numbers, strings, keywords; what else Glue reads is kept as Unevaluated
    def value(self) -> Operand:
        first = self.term()
        operands = [first]
        while self.sees("+", "-", "*", "/"):
            self.take()
            operands.append(self.term())
        if len(operands) == 1:
            return first
        text = " ".join(str(o) for o in operands)
        inner = next((o.what for o in operands if isinstance(o, Unevaluated)), "a dynamic rule (arithmetic on values)")
        return Unevaluated(inner, text)

    def term(self) -> Operand:
        token = self.peek()
        if token.kind == "punct" and token.text == "-":
            self.take()
            number = self.peek()
            if number.kind != "number":
                self.error("expecting a number after '-'")
            self.take()
            return self.unit(Number(-float(number.text), f"-{number.text}"))
        if token.kind == "number":
            self.take()
            return self.unit(Number(float(token.text), token.text))
        if token.kind == "string":
            self.take()
            return Text(token.text)
        if token.kind in ("date", "time"):
            self.take()
            return Unevaluated("a date or time condition", f'"{token.text}"')
        if token.kind == "keyword" and token.text == "now()":
            self.take()
            return Unevaluated("a date condition (now())", "now()")
        if token.kind == "keyword" and token.text.upper() in ("NULL", "EMPTY", "WHITESPACES_ONLY"):
            self.take()
            return Keyword(token.text.upper())
        if token.kind == "punct" and token.text == "$":
            self.take()
            name = self.take()
            return Unevaluated("a variable", f"${name.text}")
        if token.kind == "punct" and token.text == "(":
            self.take()
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                _fail([f"line {token.line}:{token.column} values nested more than {_MAX_DEPTH} parentheses deep"])
            inner = self.value()
            self.depth -= 1
            self.expect(")", "')'")
            if isinstance(inner, Unevaluated):
                return Unevaluated(inner.what, f"({inner.text})")
            return inner
        if token.kind == "word" and self.sees("(", ahead=1):
            self.take()
            self.take()
            arguments: list[str] = []
            if not self.sees(")"):
                arguments.append(str(self.value()))
                while self.sees(","):
                    self.take()
                    arguments.append(str(self.value()))
            self.expect(")", "')' to close the function call")
            return Unevaluated("a dynamic rule (function call)", f"{token.text}({','.join(arguments)})")
        return self.error("expecting a number, a quoted string, NULL, EMPTY or WHITESPACES_ONLY")

    def unit(self, number: Number) -> Operand:
        """A number followed by days/hours/minutes or B/KB/MB/GB/TB is a duration or a size."""
        if self.sees("days", "hours", "minutes"):
            return Unevaluated("a duration", f"{number} {self.take().text}")
        if self.sees("B", "KB", "MB", "GB", "TB"):
            return Unevaluated("a file size", f"{number} {self.take().text}")
        return number


def _unescaped(operand: Operand) -> Operand:
    """Strings in an ``in`` list have ``\\"`` and ``\\\\`` read as ``"`` and ``\\``, as Glue's parser
    does for them (and only for them)."""
    if isinstance(operand, Text):
        return Text(operand.value.replace('\\"', '"').replace("\\\\", "\\"))
    return operand


def _mark(node: Node, what: str) -> Node:
    if isinstance(node, Rule):
        return Rule(node.type, node.parameters, node.condition, node.where, node.threshold, node.unevaluated or what)
    return Composite(node.operator, node.parts, node.unevaluated or what)


def _checked(rule: Rule, spec: RuleType, unevaluated: list[str]) -> Rule:
    """The checks Glue's parser makes once a rule is read: parameters and the condition's kind."""
    count = len(rule.parameters)
    if spec.varargs and count < spec.parameters[0]:
        _fail([f"VarArgs needs at least one parameter: {rule.type}"])
    if not spec.varargs and count not in spec.parameters:
        wanted = " or ".join(str(n) for n in spec.parameters)
        _fail([f"Unexpected number of parameters: {rule.type} takes {wanted}, got {count}"])
    condition = rule.condition
    if spec.returns == "BOOLEAN" and condition is not None:
        _fail([f"Unexpected condition for rule of type {rule.type} with boolean return type"])
    if spec.returns == "NUMBER":
        if condition is None:
            _fail([f"Error while parsing condition for rule with rule type: {rule.type} (it needs a condition, such as > 0)"])
        if not condition.numeric():
            _fail([f"Unexpected condition for rule of type {rule.type} with number return type"])
    if spec.returns == "VALUES" and condition is None:
        _fail([f"Error while parsing condition for rule with rule type: {rule.type} (it needs a condition, such as in [\"a\", \"b\"] or > 0)"])
    if rule.type not in EVALUATED:
        return Rule(rule.type, rule.parameters, rule.condition, rule.where, rule.threshold, f"{rule.type} rules")
    reasons = list(unevaluated)
    if any(p.variable for p in rule.parameters):
        reasons.append("a variable")
    for part in (condition, rule.threshold):
        if part is not None and part.unevaluated():
            reasons.append(str(part.unevaluated()))
    if condition is not None and rule.type != "ColumnValues" and Keyword("NULL") in condition.operands:
        reasons.append("NULL in a numeric condition")
    if condition is not None and rule.type == "ColumnValues" and not reasons:
        kinds = {type(o) for o in condition.operands} - {Keyword}
        if not condition.numeric() and Number in kinds:
            _fail([f"Error while parsing condition for rule with rule type: {rule.type} (numbers and strings mixed)"])
    if not reasons:
        return rule
    return Rule(rule.type, rule.parameters, rule.condition, rule.where, rule.threshold, ", ".join(reasons))
