"""Hypothesis strategies for Glue Jobs requests.

Two families:

- ``acceptable(shape)``: anything botocore's client-side validation lets through for a shape —
  it checks only required members, Python types and minimums — so values break maximums,
  patterns, enums, 32-bit ranges, finiteness and single-line rules the way a real caller can.
- ``valid_definition()``: job definitions that follow every documented rule, so the fuzzers also
  reach the success paths and can demand that valid input is accepted.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape
from hypothesis import strategies as st

from .wire_shapes import glue_model, java_regex

_DEEPEST = 3  # below this, structures get only their required members (the codegen graph recurses)
_HUGE = 5_000

# Boundaries that only the service's rules know, beside the model's own.
_HOT: dict[str, st.SearchStrategy[Any]] = {
    "Command.Name": st.sampled_from(
        ["glueetl", "gluestreaming", "pythonshell", "glueray", "", "etl", "GLUEETL", "shell"]
    ),
    "Command.Runtime": st.sampled_from(["Ray2.4", "Ray\r2.4", "\u2028", "a" * 64, "a" * 65]),
    "GlueVersion": st.sampled_from(["0.9", "1.0", "2.0", "3.0", "4.0", "5.0", "10.0", "1.2.3"]),
    "NumberOfWorkers": st.sampled_from([-1, 0, 1, 2, 149, 150, 299, 300, 2**31 - 1, 2**31]),
    "MaxCapacity": st.sampled_from(
        [0.0625, 1, 1.0, 2, 2.5, 10.0, 100, 101.0, 0.0, -1.0, 1e308, math.inf, -math.inf, math.nan]
    ),
    "AllocatedCapacity": st.sampled_from([0, 1, 2, 10, 100, 101, -5]),
    "Timeout": st.sampled_from([1, 2880, 10080, 10081, 2**31 - 1, 2**31, 2**63]),
    "MaxRetries": st.sampled_from([-1, 0, 3, 2**31 - 1, 2**31, -(2**31) - 1]),
    "Tags": st.builds(lambda n: {f"k{i}": "v" for i in range(n)}, st.sampled_from([50, 51])),
}
_built: dict[tuple[str, str, int], st.SearchStrategy[Any]] = {}
_CONTROL_TEXT = st.text(alphabet=st.characters(max_codepoint=0x3F), max_size=10)


def _within(low: int, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy.filter(lambda value: value >= low)


def acceptable(shape: Shape, path: str = "", depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of ``shape`` that botocore sends unchecked, biased to the edges of the rules."""
    # JobUpdate carries the same members as CreateJob, and the same edges matter there.
    hot = path.removeprefix("JobUpdate.")
    depth = min(depth, _DEEPEST)
    # Built once per shape and depth: the codegen shapes recurse, and rebuilding is slow.
    key = (shape.name, hot if hot in _HOT or _is_node(path) else "", depth)
    strategy = _built.get(key)
    if strategy is None:
        strategy = st.deferred(lambda: _acceptable(shape, path, depth))
        if hot in _HOT:
            strategy = st.one_of(_HOT[hot], strategy)
        _built[key] = strategy
    return strategy


def _is_node(path: str) -> bool:
    return path.endswith("CodeGenConfigurationNodes[]")


def _acceptable(shape: Shape, path: str, depth: int) -> st.SearchStrategy[Any]:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    kind = shape.type_name
    if isinstance(shape, StructureShape):
        required = set(shape.required_members)

        def child(name: str) -> st.SearchStrategy[Any]:
            return acceptable(shape.members[name], f"{path}.{name}" if path else name, depth + 1)

        if _is_node(path):
            # A node is a tagged union: draw one node type instead of dozens at once.
            return st.sampled_from(sorted(shape.members)).flatmap(
                lambda name: child(name).map(lambda value: {name: value})
            )
        optional = {} if depth >= _DEEPEST else {n: child(n) for n in shape.members if n not in required}
        return st.fixed_dictionaries({n: child(n) for n in required}, optional=optional)
    if isinstance(shape, ListShape):
        member = acceptable(shape.member, f"{path}[]", depth + 1)
        lists = st.lists(member, min_size=low or 0, max_size=max(low or 0, 3))
        if high is not None:
            over = st.builds(lambda item: [item] * (high + 1), member)
            lists = st.one_of(lists, over)
        return lists
    if isinstance(shape, MapShape):
        keys = acceptable(shape.key, f"{path}{{}}", depth + 1)
        values = acceptable(shape.value, f"{path}[]", depth + 1)
        maps = st.dictionaries(keys, values, max_size=3)
        if high is not None:
            key_min = shape.key.metadata.get("min") or 0
            maps = st.one_of(
                maps,
                st.builds(
                    lambda value: {f"k{i}".rjust(key_min, "k"): value for i in range(high + 1)}, values
                ),
            )
        return maps
    if kind == "string":
        return _strings(shape, low or 0, high)
    if kind in ("integer", "long"):
        edges = [0, 1, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, 10**30]
        edges += [bound + step for bound in (low, high) if bound is not None for step in (-1, 0, 1)]
        numbers = st.one_of(st.integers(), st.sampled_from(edges), st.booleans())
        # botocore compares with '<', so True passes a minimum of 1 and False one of 0.
        return numbers if low is None else _within(low, numbers)
    if kind in ("double", "float"):
        numbers = st.one_of(
            st.floats(allow_nan=False), st.integers(-(10**6), 10**6), st.sampled_from([0.0625, 1e308])
        )
        if low is not None:
            numbers = _within(low, numbers)
        # NaN passes botocore's minimum check; infinities pass when no minimum forbids them.
        return st.one_of(numbers, st.just(math.nan), st.just(math.inf))
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.datetimes(timezones=st.just(datetime.timezone.utc))
    raise NotImplementedError(f"no strategy for shape type {kind} at {path}")


def _repeated(runs: list[tuple[str, int]]) -> st.SearchStrategy[str]:
    """Long strings made on demand (and shown short when hypothesis prints the strategy)."""
    return st.sampled_from(runs).map(lambda run: run[0] * run[1])


def _strings(shape: Shape, low: int, high: int | None) -> st.SearchStrategy[str]:
    choices: list[st.SearchStrategy[str]] = [
        st.text(min_size=low, max_size=max(low, 40)),
        _CONTROL_TEXT.filter(lambda text: len(text) >= low),
        _repeated([("x", _HUGE), ("\u00e9", 300), ("😀", 200)]).filter(lambda text: len(text) >= low),
    ]
    if high is not None:
        choices.append(_repeated([("a", high), ("a", high + 1), ("😀", high)]))
    enum = shape.enum if isinstance(shape, StringShape) else []
    if enum:
        choices.append(st.sampled_from(enum))
        choices.append(st.sampled_from([value.lower() for value in enum]))
    pattern = shape.metadata.get("pattern")
    if pattern:
        java = java_regex(pattern)
        if re.search(r"\\u|\\S|\[\^|\.\*", pattern):
            # Alphabet-wide classes: from_regex would scan a million code points; text mostly fits.
            # (A lambda, because hypothesis rewrites '.filter(pattern.fullmatch)' into from_regex.)
            matching = st.text(min_size=low, max_size=max(low, 40)).filter(
                lambda text: java.fullmatch(text) is not None
            )
        else:
            # Hypothesis cannot draw non-ASCII literals under re.ASCII; Java's \w and \d need it.
            matching = st.from_regex(re.compile(java.pattern, re.ASCII), fullmatch=True)
        choices.append(matching.filter(lambda text: low <= len(text) <= (high or 255)))
    return st.one_of(choices)


def request(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Whole requests of ``operation`` that botocore lets through."""
    shape = glue_model().operation_model(operation).input_shape
    assert shape is not None
    return acceptable(shape)


def member(operation: str, name: str) -> st.SearchStrategy[Any]:
    """Values for one top-level member of an operation's input, botocore-acceptable."""
    shape = glue_model().operation_model(operation).input_shape
    assert shape is not None
    return acceptable(shape.members[name], name)


# -- valid input --------------------------------------------------------------------------------

SINGLE_LINE = st.characters(
    min_codepoint=0x20, exclude_characters="\ufffe\uffff", exclude_categories=["Cs"]
)
NAMES = st.one_of(
    st.sampled_from(["nightly", "hourly", "etl-1", "a", "Z", "job with space", "ünïcødé", "😀"]),
    st.text(alphabet=st.one_of(SINGLE_LINE, st.just("\t")), min_size=1, max_size=255),
)
DESCRIPTIONS = st.text(
    alphabet=st.one_of(SINGLE_LINE, st.sampled_from("\t\r\n")), max_size=2048
)
_WINDOW = re.compile(r"(Sun|Mon|Tue|Wed|Thu|Fri|Sat):([01]?[0-9]|2[0-3])")
_TAG_KEYS = st.text(alphabet=SINGLE_LINE, min_size=1, max_size=128).filter(
    lambda key: not key.lower().startswith("aws:")
)
TAGS = st.dictionaries(_TAG_KEYS, st.text(max_size=256), max_size=5)


@st.composite
def valid_definition(draw: st.DrawFn) -> dict[str, Any]:
    """A job definition (CreateJob minus Name and Tags, or a JobUpdate) that breaks no rule."""
    kind = draw(st.sampled_from(["spark", "pythonshell", "ray"]))
    job: dict[str, Any] = {"Role": draw(st.sampled_from(["etl-role", "arn:aws:iam::1:role/r"]))}
    script = {"ScriptLocation": f"s3://bucket/{draw(st.text(max_size=20))}.py"}
    if kind == "spark":
        command_name = draw(st.sampled_from(["glueetl", "gluestreaming"]))
        command = {"Name": command_name, **script}
        capacity = draw(st.sampled_from(["workers", "max", "allocated", "default"]))
        if capacity == "workers":
            job["WorkerType"] = draw(st.sampled_from(["G.1X", "G.2X", "G.025X", "G.4X", "G.8X"]))
            job["NumberOfWorkers"] = draw(st.integers(2, {"G.1X": 299, "G.2X": 149, "G.025X": 299}.get(job["WorkerType"], 500)))
        elif capacity == "max":
            job["MaxCapacity"] = draw(st.one_of(st.integers(2, 100), st.integers(2, 100).map(float)))
        elif capacity == "allocated":
            job["AllocatedCapacity"] = draw(st.integers(2, 100))
        # Capacity without workers is accepted at every version, as the service does.
        versions = ["0.9", "1.0", "2.0", "3.0", "4.0", "5.0"]
        version = draw(st.one_of(st.none(), st.sampled_from(versions)))
        effective = version or "0.9"
        classes = ["STANDARD"]
        if command_name == "glueetl" and float(effective) >= 3.0:
            classes.append("FLEX")
        if draw(st.booleans()):
            job["ExecutionClass"] = draw(st.sampled_from(classes))
        if draw(st.booleans()):
            command["PythonVersion"] = draw(st.sampled_from(["2", "3", "3.9"]))
    elif kind == "pythonshell":
        command = {"Name": draw(st.sampled_from(["pythonshell", "custom-command"]))}
        if draw(st.booleans()):
            command.update(script)
        if draw(st.booleans()):
            command["PythonVersion"] = draw(st.sampled_from(["2", "3", "3.9"]))
        choice = draw(st.sampled_from(["max", "allocated", "default"]))
        if choice == "max":
            job["MaxCapacity"] = draw(st.sampled_from([0.0625, 1, 1.0]))
        elif choice == "allocated":
            job["AllocatedCapacity"] = 1
        version = draw(st.one_of(st.none(), st.sampled_from(["0.9", "1.0", "3.0"])))
    else:
        command = {"Name": "glueray", **script, "Runtime": "Ray2.4"}
        job["WorkerType"] = "Z.2X"
        job["NumberOfWorkers"] = draw(st.integers(1, 100))
        version = "4.0"
    job["Command"] = command
    if version is not None:
        job["GlueVersion"] = version
    optional: dict[str, st.SearchStrategy[Any]] = {
        "Description": DESCRIPTIONS,
        "LogUri": st.text(max_size=50),
        "Timeout": st.integers(1, 10080),
        "MaxRetries": st.integers(0, 2**31 - 1),
        "ExecutionProperty": st.fixed_dictionaries({}, optional={"MaxConcurrentRuns": st.integers(1, 2**31 - 1)}),
        "DefaultArguments": st.dictionaries(st.text(max_size=20), st.text(max_size=20), max_size=3),
        "NonOverridableArguments": st.dictionaries(st.text(max_size=20), st.text(max_size=20), max_size=3),
        "Connections": st.fixed_dictionaries(
            {}, optional={"Connections": st.lists(st.text(SINGLE_LINE, max_size=255), max_size=3)}
        ),
        "SecurityConfiguration": st.text(SINGLE_LINE, min_size=1, max_size=255),
        "NotificationProperty": st.fixed_dictionaries(
            {}, optional={"NotifyDelayAfter": st.integers(1, 2**31 - 1)}
        ),
        "JobMode": st.sampled_from(["SCRIPT", "VISUAL", "NOTEBOOK"]),
        "JobRunQueuingEnabled": st.booleans(),
        "MaintenanceWindow": st.from_regex(_WINDOW, fullmatch=True),
        "SourceControlDetails": st.fixed_dictionaries(
            {},
            optional={
                "Provider": st.sampled_from(["GITHUB", "GITLAB", "BITBUCKET", "AWS_CODE_COMMIT"]),
                "Repository": st.text(min_size=1, max_size=512),
                "Branch": st.text(min_size=1, max_size=30),
                "AuthStrategy": st.sampled_from(["PERSONAL_ACCESS_TOKEN", "AWS_SECRETS_MANAGER"]),
            },
        ),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=6))
    for member_name in chosen:
        job[member_name] = draw(optional[member_name])
    return job
