"""What a suite may set (ini options, the fake's settings): the defaults and the checks of each.

Imports nothing of botocore, so the plugin checks its ini options when pytest starts without
loading botocore: a suite that never calls Glue pays nothing for them.
"""

from __future__ import annotations

import re

DEFAULT_MAX_CALLS = 10_000
#: Whose defaults CreateJob fills in: Glue's API reference, or today's documentation.
DOCUMENTED, CURRENT = "documented", "current"
# Reads in a row of a run that shows a finished state before the next read raises: far more than
# any loop that stops needs, few enough that a loop that never stops fails fast.
DEFAULT_MAX_FINAL_READS = 100

# A region name is a DNS host label, as botocore requires of one (botocore.utils
# validate_region_name): letters, digits and hyphens, at most 63, not all digits, no hyphen at
# either end. Unlike botocore's check, neither an empty name nor a trailing newline passes.
_REGION_NAME = re.compile(r"(?![0-9]+\Z)(?!-)[A-Za-z0-9-]{1,63}(?<!-)\Z")
# ASCII digits: \d would take any script's, which no ARN carries.
_ACCOUNT_ID = re.compile(r"[0-9]{12}")


def is_region_name(value: object) -> bool:
    """Whether ``value`` is a name a client could use as its region."""
    return isinstance(value, str) and _REGION_NAME.match(value) is not None


def check_max_calls(value: object, where: str) -> int:
    """A call log bound: a whole number of calls >= 1, else ValueError naming ``where``."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(
            f"{where} must be a whole number of calls >= 1 (default {DEFAULT_MAX_CALLS:,}), got {value!r}"
        )
    return value


def check_max_final_reads(value: object) -> int:
    """A polling guard count: a whole number of reads >= 0 (0 turns the guard off), else ValueError."""
    __tracebackhide__ = True
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(
            "max_final_reads must be a whole number of reads >= 0 (0 turns the guard off), "
            f"got {value!r}"
        )
    return value


def check_count(name: str, value: object, least: int) -> int:
    """A quota or bound: a whole number >= ``least``, else ValueError naming the setting."""
    __tracebackhide__ = True
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise ValueError(f"{name} must be a whole number >= {least}, got {value!r}")
    return value


def check_account_id(value: object) -> str:
    """An account id the fake's ARNs can name: 12 digits, else ValueError."""
    __tracebackhide__ = True
    if not isinstance(value, str) or _ACCOUNT_ID.fullmatch(value) is None:
        raise ValueError(f"account_id must be 12 digits, as AWS account ids are; got {value!r}")
    return value


def check_defaults(value: object) -> str:
    """A defaults setting: "documented" or "current", else ValueError naming both."""
    __tracebackhide__ = True
    if value not in (DOCUMENTED, CURRENT):
        raise ValueError(
            f"defaults must be 'documented' (Glue's API reference) or 'current' (today's "
            f"documentation), got {value!r}"
        )
    return str(value)
