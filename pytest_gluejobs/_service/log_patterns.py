"""CloudWatch Logs filter patterns for unstructured log events, as its "Filter pattern syntax" page
describes them, compiled into a test of one message.

- Terms are case-sensitive and match anywhere in the message (``ERROR`` matches ``ERRORCODE``);
  every term must occur. A term that holds anything but letters, digits and ``_`` is quoted:
  ``"rows: 42"``.
- ``?term`` terms: the message matches when any of them occurs.
- ``-term`` excludes messages holding it (``ERROR -Exiting``, or ``"ERROR" - "Exiting"``).
- ``%regular expression%``: the page's subset (no ``(``, ``)``), searched in the message.

JSON patterns (``{ $.level = "ERROR" }``), space-delimited patterns (``[ip, user, ...]``) and
patterns that mix ``?``-terms or a regular expression with other terms are refused with
NotFakedError naming the syntax: answering them with no events would look like an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .._data.errors import GlueError, NotFakedError

Test = Callable[[str], bool]
_REGEX_SYMBOLS = set(":_#=@/;,-^$?[]{}|\\*+.")
_INTERPRETED = (
    'terms, "quoted phrases", ?-terms (any of them), -terms (excluded) and one %regular expression%'
)


def _invalid(why: str) -> GlueError:
    return GlueError("InvalidParameterException", why)


def compile_pattern(pattern: str) -> Test:
    """A test of one message for ``pattern``; InvalidParameterException for a malformed one,
    NotFakedError for syntax the fake does not interpret."""
    text = pattern.strip()
    if not text:
        return lambda message: True
    if text[0] in "{[":
        kind = "a JSON filter pattern" if text[0] == "{" else "a space-delimited filter pattern"
        raise _not_interpreted(pattern, f"is {kind}")
    tokens = _tokens(text)
    regexes = [term for operator, term, regex in tokens if regex]
    if regexes:
        if len(tokens) > 1:
            raise _not_interpreted(pattern, "mixes a regular expression with other terms")
        search = _regex(regexes[0]).search
        return lambda message: search(message) is not None
    operators = {operator for operator, _, _ in tokens}
    if "?" in operators:
        if operators != {"?"}:
            raise _not_interpreted(pattern, "mixes ?-terms with other terms")
        anyof = [term for _, term, _ in tokens]
        return lambda message: any(term in message for term in anyof)
    required = [term for operator, term, _ in tokens if operator == ""]
    excluded = [term for operator, term, _ in tokens if operator == "-"]
    return lambda message: all(term in message for term in required) and not any(
        term in message for term in excluded
    )


def _not_interpreted(pattern: str, why: str) -> NotFakedError:
    return NotFakedError(
        f"pytest-gluejobs: CloudWatch Logs FilterLogEvents filterPattern {pattern!r} {why}, which "
        f"the fake does not interpret; it answers patterns of {_INTERPRETED}. Nothing was sent to "
        "AWS."
    )


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(operator: '', '?' or '-', term, whether the term is a regular expression), in order."""
    tokens = []
    at = 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        operator = ""
        if text[at] in "?-":
            operator = text[at]
            at += 1
            while at < len(text) and text[at].isspace():
                at += 1
            if at == len(text):
                raise _invalid(f"Invalid filter pattern: '{operator}' must be followed by a term")
        term, at, regex = _term(text, at)
        tokens.append((operator, term, regex))
    return tokens


def _term(text: str, at: int) -> tuple[str, int, bool]:
    """The term starting at ``at``, the position after it, and whether it is a regex."""
    opening = text[at]
    if opening in "\"%":
        end = text.find(opening, at + 1)
        if end < 0:
            what = "quoted term" if opening == '"' else "regular expression"
            raise _invalid(f"Invalid filter pattern: unterminated {what}")
        term = text[at + 1 : end]
        if not term:
            raise _invalid(f"Invalid character(s) in term '{opening * 2}'")
        return term, end + 1, opening == "%"
    end = at
    while end < len(text) and not text[end].isspace():
        end += 1
    term = text[at:end]
    if not all(character.isalnum() or character == "_" for character in term):
        raise _invalid(f"Invalid character(s) in term '{term}'")
    return term, end, False


def _regex(expression: str) -> re.Pattern[str]:
    for character in expression:
        if not (character.isascii() and character.isalnum()) and character not in _REGEX_SYMBOLS:
            raise _invalid(
                f"Invalid filter pattern: the regular expression uses {character!r}, which filter "
                "patterns do not support"
            )
    try:
        return re.compile(expression)
    except re.error as error:
        raise _invalid(f"Invalid filter pattern: {error}") from None
