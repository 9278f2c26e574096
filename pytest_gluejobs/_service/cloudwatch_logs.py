"""The runs' logs as CloudWatch Logs shows them: Glue's log groups, a stream per run.

A run logs what its code printed (``run_code``, ``run_scripts``) or the lines its job's
``run_states`` gave, to the groups its JobRun's ``LogGroupName`` names with ``/output`` (standard
output) and ``/error`` (standard error) added: ``/aws-glue/jobs/...`` for Spark (and Ray) runs,
which also print to the continuous-logging group (``/aws-glue/jobs/logs-v2``, or the job's
``--continuous-log-logGroup``), and ``/aws-glue/python-jobs/...`` for Python shell runs. A stream
is named by the run id; a run's output streams exist from the moment it starts (empty until it
prints), its error stream once it holds a line. Every event of a run carries the time its code
began (or, for given lines, the time it started), in milliseconds: the fake has no finer account
of when a line was written.

Requests are first held to botocore's ``logs`` model: a member of the wrong JSON type is a
SerializationException in the words of CloudWatch Logs' JSON reader ("STRING_VALUE can not be
converted to a Long", aws/aws-sdk-js-v3#4080), a value outside the model's bounds an
InvalidParameterException in AWS's validation wording.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _json_string
from typing import Any

from botocore.loaders import create_loader
from botocore.model import ListShape, ServiceModel, Shape

from .._data.errors import GlueError
from .._data.shapes import Encoded, Params, Response, Run
from .._data.store import RegionStore, Store
from .log_patterns import compile_pattern
from .model import IsValid, validity_of
from .rules import PYTHON_SHELL_LOG_GROUP, SPARK_LOG_GROUP

OUTPUT_GROUP = f"{SPARK_LOG_GROUP}/output"
ERROR_GROUP = f"{SPARK_LOG_GROUP}/error"
CONTINUOUS_GROUP = f"{SPARK_LOG_GROUP}/logs-v2"
_GLUE_GROUPS = frozenset(
    (OUTPUT_GROUP, ERROR_GROUP, CONTINUOUS_GROUP, f"{PYTHON_SHELL_LOG_GROUP}/output", f"{PYTHON_SHELL_LOG_GROUP}/error")
)
_CUSTOM_GROUP_ARGUMENT = "--continuous-log-logGroup"
OPERATIONS = ("FilterLogEvents", "GetLogEvents", "DescribeLogStreams")
_MAX_EVENTS = 10_000  # FilterLogEvents' and GetLogEvents' limit (the API reference)
_MAX_STREAMS = 50  # DescribeLogStreams' limit
_NUMBERS = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also takes '²'


@dataclass
class _Stream:
    name: str
    run: Run
    messages: tuple[str, ...]

    @property
    def at(self) -> int:
        began = self.run.running_since if self.run.running_since is not None else self.run.started_on
        return int(began * 1000)


def group_name(params: Params) -> str | None:
    """The log group a request names: ``logGroupName``, or the name in ``logGroupIdentifier``."""
    name = params.get("logGroupName")
    if name is None:
        identifier = params.get("logGroupIdentifier")
        if isinstance(identifier, str):
            # An ARN ends ":log-group:<name>" (optionally ":*"); otherwise it is the name.
            name = identifier.split(":log-group:", 1)[-1].removesuffix(":*")
    return name if isinstance(name, str) else None


def is_glue_group(store: RegionStore, group: str) -> bool:
    """Whether the fake answers for ``group``: Glue's own groups and the jobs' custom ones."""
    if group in _GLUE_GROUPS:
        return True
    return any(_custom_group(runs_job, run) == group for runs_job, run in _runs(store))


def answer(data: Store, store: RegionStore, operation: str, params: Params) -> Response:
    _check(operation, params)
    group = group_name(params)
    assert group is not None
    if operation == "GetLogEvents":  # one stream, named: the others need not be gathered
        return _get_log_events(group, _streams(data, store, group, params.get("logStreamName")), params)
    streams = _streams(data, store, group)
    if operation == "FilterLogEvents":
        return _filter_log_events(group, streams, params)
    return _describe_log_streams(data, store, group, streams, params)


# -- where the lines come from -------------------------------------------------------------------


def _runs(store: RegionStore) -> Iterator[tuple[dict[str, Any], Run]]:
    for name, runs in store.runs.items():
        job = store.jobs.get(name, {})
        for run in runs.runs:
            yield job, run


def _run_named(store: RegionStore, run_id: str) -> Iterator[tuple[dict[str, Any], Run]]:
    """The run (with its job) whose id is ``run_id``, if there is one: found by id, job by job."""
    for name, runs in store.runs.items():
        run = runs.by_id.get(run_id)
        if run is not None:
            yield store.jobs.get(name, {}), run
            return


def _custom_group(job: dict[str, Any], run: Run) -> str | None:
    arguments = {**(job.get("DefaultArguments") or {}), **(run.settings.get("Arguments") or {})}
    arguments.update(job.get("NonOverridableArguments") or {})
    group = arguments.get(_CUSTOM_GROUP_ARGUMENT)
    return group if isinstance(group, str) else None


def _lines(data: Store, run: Run) -> tuple[tuple[str, ...], tuple[str, ...]]:
    logs = data.code_logs.get(run.id)
    if logs is not None:
        output, error = logs()
        return tuple(output.splitlines()), tuple(error.splitlines())
    if run.code is not None:  # its code has not begun
        return (), ()
    script = data.scripts.get(run.job_name)
    return (script.output, script.error) if script is not None else ((), ())


def _stream_kind(group: str, job: dict[str, Any], run: Run) -> str | None:
    """'output' or 'error' when ``run`` logs to ``group``, else None."""
    base = run.settings.get("LogGroupName", SPARK_LOG_GROUP)
    if group == f"{base}/output":
        return "output"
    if group == f"{base}/error":
        return "error"
    if base == SPARK_LOG_GROUP and group in (CONTINUOUS_GROUP, _custom_group(job, run)):
        return "output"  # continuous logging is Spark's
    return None


def _streams(data: Store, store: RegionStore, group: str, only: str | None = None) -> dict[str, _Stream]:
    """The group's streams, by name (the run id), oldest run first: a started run's output
    stream, empty or not; an error stream once it holds a line. With ``only``, just the stream of
    that name, if it exists."""
    streams = {}
    for job, run in _runs(store) if only is None else _run_named(store, only):
        kind = _stream_kind(group, job, run)
        if kind is None:
            continue
        output, error = _lines(data, run)
        messages = output if kind == "output" else error
        if messages or (kind == "output" and run.running_since is not None):
            streams[run.id] = _Stream(run.id, run, messages)
    return streams


# -- the operations ------------------------------------------------------------------------------


def _invalid(message: str) -> GlueError:
    return GlueError("InvalidParameterException", message)


def _limit(params: Params, maximum: int) -> int:
    limit: int = params.get("limit", maximum)  # within the model's bounds: _check saw to it
    return int(limit)


def _no_stream(group: str, name: str) -> GlueError:
    return GlueError(
        "ResourceNotFoundException",
        "The specified log stream does not exist.",
        explanation=f"no run of this fake logged to stream {name!r} of log group {group!r}",
    )


def _offset(token: object, prefix: str) -> int:
    if token is None:
        return 0
    if isinstance(token, str) and token.startswith(prefix) and _NUMBERS.fullmatch(token[len(prefix) :]):
        return int(token[len(prefix) :])
    raise _invalid(f"The specified nextToken is invalid: {token!r}")


def _filter_log_events(group: str, streams: dict[str, _Stream], params: Params) -> Response:
    names, prefix = params.get("logStreamNames"), params.get("logStreamNamePrefix")
    if names is not None and prefix is not None:
        raise _invalid("logStreamNames and logStreamNamePrefix are mutually exclusive")
    limit = _limit(params, _MAX_EVENTS)
    if names is not None:
        for name in names:
            if name not in streams:
                raise _no_stream(group, name)
        chosen = [streams[name] for name in streams if name in names]
    else:
        chosen = [stream for name, stream in streams.items() if name.startswith(prefix or "")]
    start, end = params.get("startTime"), params.get("endTime")
    matches = compile_pattern(params.get("filterPattern") or "")
    events: list[dict[str, Any]] = [
        {
            "logStreamName": stream.name,
            "timestamp": stream.at,
            "message": message,
            "ingestionTime": stream.at,
            "eventId": f"{stream.run.number:020d}{index:016d}",
        }
        for stream in chosen
        if (start is None or stream.at >= start) and (end is None or stream.at <= end)
        for index, message in enumerate(stream.messages)
        if matches(message)
    ]
    events.sort(key=lambda event: event["timestamp"])  # stable: a stream's lines keep their order
    offset = _offset(params.get("nextToken"), "pytest-gluejobs/filter/")
    page = events[offset : offset + limit]
    response: Response = {
        "events": page,
        "searchedLogStreams": [{"logStreamName": stream.name, "searchedCompletely": True} for stream in chosen],
    }
    if offset + limit < len(events):
        response["nextToken"] = f"pytest-gluejobs/filter/{offset + limit}"
    return response


def _get_log_events(group: str, streams: dict[str, _Stream], params: Params) -> Response:
    name = params["logStreamName"]
    stream = streams.get(name)
    if stream is None:
        raise _no_stream(group, name)
    limit = _limit(params, _MAX_EVENTS)
    start, end = params.get("startTime"), params.get("endTime")
    at = stream.at
    inside = (start is None or at >= start) and (end is None or at < end)
    messages = stream.messages if inside else ()
    token = params.get("nextToken")
    if token is None:
        forward = bool(params.get("startFromHead", False))
        position = 0 if forward else len(messages)
    elif isinstance(token, str) and token[:2] in ("f/", "b/") and _NUMBERS.fullmatch(token[2:]):
        forward, position = token[0] == "f", min(int(token[2:]), len(messages))
    else:
        raise _invalid(f"The specified nextToken is invalid: {token!r}")
    first, last = (position, min(position + limit, len(messages))) if forward else (max(0, position - limit), position)
    return {
        "events": events_json(at, messages[first:last]),
        "nextForwardToken": f"f/{last}",
        "nextBackwardToken": f"b/{first}",
    }


def events_json(at: int, messages: Sequence[str]) -> Encoded:
    """GetLogEvents' events, each ``{"timestamp": at, "message": ..., "ingestionTime": at}``, as
    the JSON text the response encoder would make of them: written directly, at a third of the
    cost of making the dicts and encoding them (a test holds the two to the same text)."""
    before, after = f'{{"timestamp":{at},"message":', f',"ingestionTime":{at}}}'
    return Encoded("[" + ",".join([before + _json_string(message) + after for message in messages]) + "]")


def _describe_log_streams(
    data: Store, store: RegionStore, group: str, streams: dict[str, _Stream], params: Params
) -> Response:
    order = params.get("orderBy", "LogStreamName")
    prefix = params.get("logStreamNamePrefix")
    if order == "LastEventTime" and prefix is not None:
        raise _invalid("Cannot order by LastEventTime with a logStreamNamePrefix.")
    limit = _limit(params, _MAX_STREAMS)
    chosen = [stream for name, stream in streams.items() if name.startswith(prefix or "")]
    if order == "LastEventTime":
        chosen.sort(key=lambda stream: (stream.at, stream.run.number))
    else:
        chosen.sort(key=lambda stream: stream.name)
    if params.get("descending", False):
        chosen.reverse()
    offset = _offset(params.get("nextToken"), "pytest-gluejobs/streams/")
    page = chosen[offset : offset + limit]
    arn = f"arn:aws:logs:{store.region}:{data.settings.account_id}:log-group:{group}:log-stream:"
    response: Response = {"logStreams": [_described(stream, arn) for stream in page]}
    if offset + limit < len(chosen):
        response["nextToken"] = f"pytest-gluejobs/streams/{offset + limit}"
    return response


def _described(stream: _Stream, arn: str) -> dict[str, Any]:
    described: dict[str, Any] = {"logStreamName": stream.name, "creationTime": stream.at}
    if stream.messages:  # an empty stream has no events to date
        described.update(firstEventTimestamp=stream.at, lastEventTimestamp=stream.at, lastIngestionTime=stream.at)
    described.update(arn=arn + stream.name, storedBytes=0)
    return described


# -- the request against botocore's logs model ---------------------------------------------------

_JSON_KINDS = {str: "STRING_VALUE", bool: "BOOLEAN_VALUE", int: "NUMBER_VALUE", float: "NUMBER_VALUE", list: "START_ARRAY", dict: "START_OBJECT"}
_TYPE_NAMES = {"string": "a String", "integer": "an Integer", "long": "a Long", "boolean": "a Boolean", "list": "a List"}
_INTEGER_BITS = {"integer": 32, "long": 64}


@functools.cache
def _input(operation: str) -> tuple[dict[str, Shape], tuple[str, ...], IsValid]:
    """The members and required members of a logs operation's request (the model loads once),
    and the quick test of the whole request against every constraint of its shape."""
    model = ServiceModel(create_loader().load_service_model("logs", "service-2"), "logs")
    shape: Any = model.operation_model(operation).input_shape
    return dict(shape.members), tuple(shape.required_members), validity_of(shape)


def _check(operation: str, params: Params) -> None:
    """SerializationException for a member of the wrong JSON type; InvalidParameterException
    listing every value outside the model's bounds."""
    # The quick test is stricter than judging (no null, no unknown member, ASCII \w): a request
    # it passes has nothing to say, and one it fails is judged member by member.
    if not _input(operation)[2](params):
        _judge(operation, params)


def _judge(operation: str, params: Params) -> None:
    """``_check``, member by member."""
    members, required, _ = _input(operation)
    checked = [(name, members[name], value) for name, value in params.items() if name in members and value is not None]
    for _, shape, value in checked:
        _typed(shape, value)
        if isinstance(shape, ListShape):
            for item in value:
                _typed(shape.member, item)
    problems = [f"Value null at '{name}' failed to satisfy constraint: Member must not be null" for name in required if params.get(name) is None]
    for name, shape, value in checked:
        problems += _bounds(name, shape, value)
        if isinstance(shape, ListShape):
            for index, item in enumerate(value, 1):
                problems += _bounds(f"{name}.{index}.member", shape.member, item)
    if problems:
        count = f"{len(problems)} validation error{'s' if len(problems) > 1 else ''}"
        raise _invalid(f"{count} detected: " + "; ".join(problems))


def _typed(shape: Shape, value: Any) -> None:
    kind = shape.type_name
    if kind == "string":
        wrong = not isinstance(value, str)
    elif kind == "boolean":
        wrong = not isinstance(value, bool)
    elif kind == "list":
        wrong = not isinstance(value, list)
    elif kind in _INTEGER_BITS:
        bound = 2 ** (_INTEGER_BITS[kind] - 1)
        wrong = (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (isinstance(value, float) and not value.is_integer())
            or not -bound <= value < bound
        )
    else:
        wrong = False
    if wrong:
        raise GlueError(
            "SerializationException",
            f"{_JSON_KINDS.get(type(value), 'VALUE')} can not be converted to {_TYPE_NAMES.get(kind, kind)}",
        )


def _bounds(name: str, shape: Shape, value: Any) -> list[str]:
    metadata = shape.metadata
    low, high = metadata.get("min"), metadata.get("max")
    broken = []  # what the value must do and does not; worded with the value only if any
    if shape.type_name in ("string", "list"):
        if low is not None and len(value) < low:
            broken.append(f"have length greater than or equal to {low}")
        if high is not None and len(value) > high:
            broken.append(f"have length less than or equal to {high}")
    elif shape.type_name in _INTEGER_BITS:
        if low is not None and value < low:
            broken.append(f"have value greater than or equal to {low}")
        if high is not None and value > high:
            broken.append(f"have value less than or equal to {high}")
    enum = metadata.get("enum")
    if enum and value not in enum:
        broken.append(f"satisfy enum value set: [{', '.join(enum)}]")
    pattern = metadata.get("pattern")
    if pattern and isinstance(value, str) and _pattern(pattern).fullmatch(value) is None:
        broken.append(f"satisfy regular expression pattern: {pattern}")
    if not broken:
        return broken
    shown = f"Value '{_java(value)}' at '{name}' failed to satisfy constraint: Member must"
    return [f"{shown} {rule}" for rule in broken]


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _java(value: Any) -> str:
    """A value as the service's messages show it (Java's toString)."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_java, value)) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
