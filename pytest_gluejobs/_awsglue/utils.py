"""``awsglue.utils``: ``getResolvedOptions`` and ``GlueArgumentError``, needing no PySpark.

Written to parse as aws-glue-libs' ``awsglue/utils.py`` does: argparse without abbreviations over
``argv[1:]``, unknown arguments ignored; every name asked for is a required ``--NAME``; the
options Glue itself passes are accepted and reported (``None`` when absent); names Glue reserves
are refused with ``RuntimeError``; an argparse error (a missing required option) is raised as
``GlueArgumentError`` carrying argparse's message, which fails the run as it does in Glue. The
last result is kept in ``_global_args``, where Relationalize finds ``TempDir``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

BOOKMARK = "--job-bookmark-option"
BOOKMARK_CHOICES = ("job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable")
CONTINUATION = "--continuation-option"
# Old names of the bookmark choices, in the same order.
CONTINUATION_CHOICES = ("continuation-enabled", "continuation-readonly", "continuation-ignore")
BOOKMARK_RANGE = ("--job-bookmark-from", "--job-bookmark-to")
# Glue passes these itself; --JOB_NAME is left to the script to ask for.
RUN_IDS = ("--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION")
ENCRYPTION = "--encryption-type"
LINEAGE = "--enable-data-lineage"
TEMP_DIRS = ("RedshiftTempDir", "TempDir")

#: The options the last ``getResolvedOptions`` call returned.
_global_args: dict[str, Any] = {}


class GlueArgumentError(Exception):
    """What ``getResolvedOptions`` raises instead of exiting: argparse's message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise GlueArgumentError(message)


def getResolvedOptions(
    args: Sequence[str], options: Sequence[str], allow_abbrev: bool = False
) -> dict[str, Any]:
    """The job's arguments by name (``args`` is ``sys.argv``; ``options`` the names required)."""
    for reserved in (CONTINUATION, BOOKMARK):
        if reserved[2:] in options:
            raise RuntimeError(f"Using reserved arguments {reserved[2:]}")
    for reserved in BOOKMARK_RANGE:
        if reserved[2:] in options:
            raise RuntimeError(f"Using reserved arguments {reserved}")
    # aws-glue-libs compares these with their leading dashes, so only a name given as "--X" is
    # refused; a plain "JOB_RUN_ID" then clashes in argparse, as it does there.
    for reserved in (*RUN_IDS, ENCRYPTION, LINEAGE):
        if reserved in options:
            raise RuntimeError(f"Using reserved arguments {reserved}")

    parser = _Parser(allow_abbrev=allow_abbrev)
    parser.add_argument(BOOKMARK, choices=BOOKMARK_CHOICES, required=False)
    parser.add_argument(CONTINUATION, choices=CONTINUATION_CHOICES, required=False)
    for name in (*BOOKMARK_RANGE, *RUN_IDS):
        parser.add_argument(name, required=False)
    parser.add_argument(ENCRYPTION, choices=("sse-s3",))
    parser.add_argument(LINEAGE, required=False)
    for name in TEMP_DIRS:
        parser.add_argument(f"--{name}", required=False)
    for name in options:
        if name not in TEMP_DIRS:
            parser.add_argument(f"--{name}", required=True)

    resolved = vars(parser.parse_known_args(list(args)[1:])[0])
    # Either temporary folder stands for the other when only one is given.
    if resolved["TempDir"] is not None:
        resolved["RedshiftTempDir"] = resolved["TempDir"]
    elif resolved["RedshiftTempDir"] is not None:
        resolved["TempDir"] = resolved["RedshiftTempDir"]

    continuation = resolved.pop("continuation_option")
    if resolved["job_bookmark_option"] is None:
        resolved["job_bookmark_option"] = (
            BOOKMARK_CHOICES[CONTINUATION_CHOICES.index(continuation)]
            if continuation is not None
            else "job-bookmark-disable"
        )
    absent = [name for name in BOOKMARK_RANGE if resolved[name[2:].replace("-", "_")] is None]
    if resolved["job_bookmark_option"] == "job-bookmark-pause":
        if len(absent) == 1:
            raise RuntimeError(f"Missing option or value for {absent[0]}")
    elif not absent:
        raise RuntimeError("Invalid option(s)" + " ".join(BOOKMARK_RANGE))
    _global_args.clear()
    _global_args.update(resolved)
    return resolved
