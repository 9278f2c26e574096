"""The runs' logs as CloudWatch Logs shows them: Glue's log groups, a stream per run.

A run logs what its code printed (``run_code``, ``run_scripts``) or the lines its job's
``run_states`` gave: standard output to ``/aws-glue/jobs/output`` (and the continuous-logging group,
``/aws-glue/jobs/logs-v2`` or the job's ``--continuous-log-logGroup``), standard error to
``/aws-glue/jobs/error``. A stream is named by the run id and exists once it holds an event. Every
event of a run carries the time its code began (or, for given lines, the time it started), in
milliseconds: the fake has no finer account of when a line was written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .._data.errors import GlueError
from .._data.shapes import Params, Response, Run
from .._data.store import RegionStore, Store

OUTPUT_GROUP = "/aws-glue/jobs/output"
ERROR_GROUP = "/aws-glue/jobs/error"
CONTINUOUS_GROUP = "/aws-glue/jobs/logs-v2"
_CUSTOM_GROUP_ARGUMENT = "--continuous-log-logGroup"
OPERATIONS = ("FilterLogEvents", "GetLogEvents", "DescribeLogStreams")
_MAX_EVENTS = 10_000  # FilterLogEvents' and GetLogEvents' limit (the API reference)
_MAX_STREAMS = 50  # DescribeLogStreams' limit


@dataclass(frozen=True)
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
    if group in (OUTPUT_GROUP, ERROR_GROUP, CONTINUOUS_GROUP):
        return True
    return any(_custom_group(runs_job, run) == group for runs_job, run in _runs(store))


def answer(data: Store, store: RegionStore, operation: str, params: Params) -> Response:
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


def _streams(data: Store, store: RegionStore, group: str, only: object = None) -> dict[str, _Stream]:
    """The group's streams that hold events, by name (the run id), oldest run first; with
    ``only``, just the stream of that name, if it holds events."""
    streams = {}
    for job, run in _runs(store):
        if only is not None and run.id != only:
            continue
        output, error = _lines(data, run)
        if group == ERROR_GROUP:
            messages = error
        elif group in (OUTPUT_GROUP, CONTINUOUS_GROUP) or _custom_group(job, run) == group:
            messages = output
        else:
            continue
        if messages:
            streams[run.id] = _Stream(run.id, run, messages)
    return streams


# -- the operations ------------------------------------------------------------------------------


def _invalid(message: str) -> GlueError:
    return GlueError("InvalidParameterException", message)


def _limit(params: Params, maximum: int) -> int:
    limit = params.get("limit", maximum)
    if not 1 <= limit <= maximum:
        raise _invalid(
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: "
            f"Member must have value less than or equal to {maximum}"
        )
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
    if isinstance(token, str) and token.startswith(prefix) and token[len(prefix) :].isdigit():
        return int(token[len(prefix) :])
    raise _invalid(f"The specified nextToken is invalid: {token!r}")


def _matches(message: str, pattern: str) -> bool:
    """A filter pattern's terms, all of which must occur ("quoted phrases" as one term)."""
    terms: list[str] = []
    for index, part in enumerate(pattern.split('"')):
        terms.extend([part] if index % 2 else part.split())
    return all(term in message for term in terms if term)


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
    pattern = params.get("filterPattern") or ""
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
        if _matches(message, pattern)
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
    inside = (start is None or stream.at >= start) and (end is None or stream.at < end)
    events = [
        {"timestamp": stream.at, "message": message, "ingestionTime": stream.at}
        for message in (stream.messages if inside else ())
    ]
    token = params.get("nextToken")
    if token is None:
        forward = bool(params.get("startFromHead", False))
        position = 0 if forward else len(events)
    elif isinstance(token, str) and token[:2] in ("f/", "b/") and token[2:].isdigit():
        forward, position = token[0] == "f", min(int(token[2:]), len(events))
    else:
        raise _invalid(f"The specified nextToken is invalid: {token!r}")
    first, last = (position, min(position + limit, len(events))) if forward else (max(0, position - limit), position)
    return {
        "events": events[first:last],
        "nextForwardToken": f"f/{last}",
        "nextBackwardToken": f"b/{first}",
    }


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
    response: Response = {
        "logStreams": [
            {
                "logStreamName": stream.name,
                "creationTime": stream.at,
                "firstEventTimestamp": stream.at,
                "lastEventTimestamp": stream.at,
                "lastIngestionTime": stream.at,
                "arn": arn + stream.name,
                "storedBytes": 0,
            }
            for stream in page
        ]
    }
    if offset + limit < len(chosen):
        response["nextToken"] = f"pytest-gluejobs/streams/{offset + limit}"
    return response
