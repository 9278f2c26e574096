"""The plugin's ini options: declared, checked when pytest starts, read for each test's fake.

Imports no botocore: a suite that never calls Glue pays nothing for its options being checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ._data.options import (
    CURRENT,
    DEFAULT_MAX_CALLS,
    DEFAULT_MAX_FINAL_READS,
    DOCUMENTED,
    check_max_calls,
    check_max_final_reads,
    is_region_name,
)
from ._edge import handlers

REGION = "glue_jobs_region"
MAX_CALLS = "glue_jobs_max_calls"
MAX_FINAL_READS = "glue_jobs_max_final_reads"
REQUIRE_FAKE = "glue_jobs_require_fake"
DEFAULTS = "glue_jobs_defaults"
SPARK_SETTINGS = "glue_jobs_spark"
_settings = pytest.StashKey["Settings"]()
# The setting before this run's, put back when it ends (pytester runs pytest inside pytest).
_required_before = pytest.StashKey[bool]()


def declare(parser: pytest.Parser) -> None:
    parser.addini(
        REGION,
        "pytest-gluejobs: default region for seeding, glue_jobs.jobs() and glue_client "
        "(default: AWS_DEFAULT_REGION, else us-east-1)",
        default="",
    )
    parser.addini(
        MAX_CALLS,
        f"pytest-gluejobs: how many calls each test's call log keeps, the latest (default "
        f"{DEFAULT_MAX_CALLS})",
        default="",
    )
    parser.addini(
        MAX_FINAL_READS,
        "pytest-gluejobs: reads in a row of a finished job run allowed before a read raises "
        f"EndlessPollingError (default {DEFAULT_MAX_FINAL_READS}; 0 turns the guard off)",
        default="",
    )
    parser.addini(
        SPARK_SETTINGS,
        "pytest-gluejobs: Spark settings for Glue ETL scripts, one key=value a line, e.g. "
        "spark.master=spark://host:7077 (default: local[2], no UI, 2 shuffle partitions)",
        type="linelist",
        default=[],
    )
    parser.addini(
        REQUIRE_FAKE,
        "pytest-gluejobs: a Glue call made while no fake is active raises NoFakeActiveError "
        "instead of going to AWS (default: false)",
        type="bool",
        default=False,
    )
    parser.addini(
        DEFAULTS,
        "pytest-gluejobs: whose defaults CreateJob fills in: documented (Glue's API reference: "
        "GlueVersion 0.9, Timeout 2880) or current (today's documentation: GlueVersion 5.1, "
        "Timeout 480 from Glue 5.0, the newer worker types) (default: documented)",
        default="",
    )


@dataclass(frozen=True)
class Settings:
    """What the ini options set on every test's fake."""

    region: str | None
    max_calls: int
    max_final_reads: int
    defaults: str


def configure(config: pytest.Config) -> None:
    """Check every option when pytest starts, so a mistake is a usage error before any test runs;
    with ``glue_jobs_require_fake``, refuse Glue calls no fake answers from now on."""
    settings(config)
    if config.getini(REQUIRE_FAKE):
        config.stash[_required_before] = handlers.require_fake(True)


def unconfigure(config: pytest.Config) -> None:
    if _required_before in config.stash:
        handlers.require_fake(config.stash[_required_before])


def settings(config: pytest.Config) -> Settings:
    """The options every test's fake follows, read and checked once per pytest run."""
    if _settings not in config.stash:
        config.stash[_settings] = Settings(
            region=_region(config),
            max_calls=_count(
                config,
                MAX_CALLS,
                DEFAULT_MAX_CALLS,
                lambda value: check_max_calls(value, MAX_CALLS),
                f"a whole number of calls >= 1 (default {DEFAULT_MAX_CALLS})",
            ),
            max_final_reads=_count(
                config,
                MAX_FINAL_READS,
                DEFAULT_MAX_FINAL_READS,
                check_max_final_reads,
                f"a whole number of reads >= 0 (default {DEFAULT_MAX_FINAL_READS}; 0 turns the guard off)",
            ),
            defaults=_defaults(config),
        )
    return config.stash[_settings]


def _region(config: pytest.Config) -> str | None:
    value = str(config.getini(REGION)).strip() or None
    if value is not None and not is_region_name(value):
        raise pytest.UsageError(
            f"pytest-gluejobs: ini option {REGION} = {value!r} is not a valid region name (e.g. us-east-1)"
        )
    return value


def _count(config: pytest.Config, name: str, default: int, check: Callable[[int], int], rule: str) -> int:
    """A count option, checked as the fake's own setting checks it; empty is the default."""
    value = str(config.getini(name)).strip()
    if not value:
        return default
    try:
        return check(int(value))
    except ValueError:
        raise pytest.UsageError(f"pytest-gluejobs: ini option {name} = {value!r} must be {rule}") from None


def _defaults(config: pytest.Config) -> str:
    value = str(config.getini(DEFAULTS)).strip() or DOCUMENTED
    if value not in (DOCUMENTED, CURRENT):
        raise pytest.UsageError(
            f"pytest-gluejobs: ini option {DEFAULTS} = {value!r} must be documented (Glue's API "
            "reference, the default) or current (today's documentation)"
        )
    return value


def no_region_configured() -> bool:
    """No region in the environment or in the profile of the config file, where botocore looks.

    Read straight from the file: a botocore session would also ask the instance-metadata endpoint.
    """
    import botocore.configloader

    if os.environ.get("AWS_DEFAULT_REGION"):
        return False
    path = os.path.expanduser(os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config")
    profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE") or "default"
    try:
        profiles = botocore.configloader.load_config(path).get("profiles", {})
    except Exception:  # missing or unreadable: botocore finds no region there either
        return True
    return not profiles.get(profile, {}).get("region")
