"""The errors of the ``awsgluedq`` stand-in. No PySpark here: a ruleset is judged before Spark runs."""

from __future__ import annotations

DOCS = 'docs/etl.md, "Data quality"'


class DQDLSyntaxError(ValueError):
    """A ruleset AWS Glue Data Quality would refuse to parse.

    The message starts ``Parsing Error:``, as Glue's parser words it, and gives the line and
    column (from 0) of each problem.
    """


class RuleNotEvaluatedError(NotImplementedError):
    """A rule (or a part of DQDL) that Glue evaluates but the stand-in does not.

    Raised before any rule runs, so a job never passes on a rule nobody checked; in a job run the
    run fails with this message.
    """
