"""The shapes the fake's data takes: requests and responses, stored jobs, job runs and scripts.

Jobs are kept exactly as the wire carries them (JSON-ready, timestamps as epoch seconds), so a
response is JSON text and nothing a caller mutates can reach the store. A stored job is read-only
and keeps its JSON text once made: reading jobs costs no encoding after the first read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any, NoReturn

#: A request's parameters as botocore sent them (decoded JSON).
Params = dict[str, Any]
#: A response before it is encoded: JSON-ready, stored jobs inside it as they are.
Response = dict[str, Any]
#: A job definition in wire form.
Job = dict[str, Any]

# botocore's JobRunState enum, in the model's order (a test checks it against the model).
RUN_STATES = (
    "STARTING",
    "RUNNING",
    "STOPPING",
    "STOPPED",
    "SUCCEEDED",
    "FAILED",
    "TIMEOUT",
    "ERROR",
    "WAITING",
    "EXPIRED",
)
FINISHED_STATES = ("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED")
# States that hold one of the job's MaxConcurrentRuns slots; WAITING holds a place in the queue.
EXECUTING_STATES = ("STARTING", "RUNNING", "STOPPING")
UNFINISHED_STATES = (*EXECUTING_STATES, "WAITING")

def _not_json(value: object) -> NoReturn:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _compact_encoder() -> Callable[[Any], str]:
    """JSON text, compact as AWS sends it, from the C encoder ``json.dumps`` uses, made once here
    (``json.dumps`` makes one per call). Without the C accelerator, the plain encoder."""
    if c_make_encoder is None:
        return json.JSONEncoder(separators=(",", ":")).encode
    # No circular-reference markers: a response is a tree the fake built.
    chunks = c_make_encoder(None, _not_json, encode_basestring_ascii, None, ":", ",", False, False, True)
    return lambda value: "".join(chunks(value, 0))


_to_json = _compact_encoder()


class StoredJob(dict[str, Any]):
    """A job (or a trigger) as the store holds it: never changed in place (an update stores a new one)."""

    # No __init__ of its own: made as dict makes itself (``StoredJob(job)``), with no Python frame,
    # on every CreateJob, UpdateJob and CreateTrigger. ``_json`` is unset until first asked for.
    __slots__ = ("_json",)
    _json: str

    def json(self) -> str:
        """The job's JSON text, made on first use: the job cannot change afterwards."""
        try:
            return self._json
        except AttributeError:
            self._json = text = _to_json(self)
            return text

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a stored job or trigger is read-only: store a new one")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type[StoredJob], tuple[Job]]:
        # copy and pickle rebuild it from a plain dict, never through the refused __setitem__.
        return (StoredJob, (dict(self),))


class Encoded(str):
    """A response member that is JSON text already: written where that costs less than encoding
    it (the many small records of a page of log events), and put into the response as it is."""

    __slots__ = ()


def wire_json(response: Response) -> str:
    """A response's JSON text; stored jobs in it, alone or in a list, reuse their own text, and
    ``Encoded`` members are their own text.

    A response without either (runs, tags, names) is encoded in one call, and one of a single
    string member (what most calls that change something answer) is written directly. The
    top-level keys are the model's member names (plain ASCII), so they need no escaping.
    """
    if len(response) == 1:
        ((key, value),) = response.items()
        if type(value) is str:
            return f'{{"{key}":{encode_basestring_ascii(value)}}}'
    for value in response.values():
        if isinstance(value, StoredJob) or type(value) is Encoded or (type(value) is list and value and isinstance(value[0], dict)):
            break  # it may hold stored jobs: member by member
    else:
        return _to_json(response)
    members = []
    for key, value in response.items():
        text: str
        if type(value) is Encoded:
            text = value
        elif isinstance(value, StoredJob):
            text = value.json()
        elif _holds_stored_jobs(value):
            items = [item.json() if isinstance(item, StoredJob) else _to_json(item) for item in value]
            text = "[" + ",".join(items) + "]"
        else:
            text = _to_json(value)
        members.append(f'"{key}":{text}')
    return "{" + ",".join(members) + "}"


def _holds_stored_jobs(value: object) -> bool:
    if isinstance(value, StoredJob):
        return True
    return (
        type(value) is list
        and bool(value)
        and isinstance(value[0], dict)
        and any(isinstance(item, StoredJob) for item in value)
    )


class FinishedRun(StoredJob):
    """A finished run as GetJobRun returns it: it no longer changes, so its JSON text is made once
    for every later read (polling loops read finished runs most of all)."""

    __slots__ = ("key",)

    def __init__(self, run: dict[str, Any], key: tuple[object, ...]) -> None:
        super().__init__(run)
        #: What it was made from; a run settled again (finish_run) is made anew.
        self.key = key


@dataclass(frozen=True)
class Script:
    """The states a job's runs show on successive reads, the last one sticking."""

    states: tuple[str, ...]
    error_message: str | None = None
    required: bool = True  # a script no run ever read fails the test at teardown
    # What its runs log to CloudWatch Logs: the output (stdout) and error (stderr) lines.
    output: tuple[str, ...] = ()
    error: tuple[str, ...] = ()

    def state_on_read(self, index: int) -> str:
        return self.states[min(index, len(self.states) - 1)]


@dataclass
class Run:
    """One job run; ``settings`` holds the JobRun members fixed when it started."""

    id: str
    number: int  # creation order across the fake: newest first, and the paging cursor
    job_name: str
    attempt: int
    root_id: str  # the run whose automatic retries are named <root_id>_attempt_<n>
    previous_run_id: str | None
    settings: dict[str, Any]
    max_retries: int
    started_on: float
    state: str
    last_modified_on: float
    running_since: float | None  # when it got a slot: the Timeout clock and ExecutionTime start
    state_detail: str | None = None
    completed_on: float | None = None
    error_message: str | None = None
    reads: int = 0  # script states shown so far
    # Reads in a row that showed it finished: the guard against loops that never see it as final.
    final_reads: int = 0
    stop_requested: bool = False
    stop_shown: bool = False
    # Whether its arguments enable job bookmarks: a SUCCEEDED run then moves the job's bookmark.
    bookmarked: bool = False
    # Its code called ``job.init``: the bookmark then moves only if the code also committed.
    commits_bookmark: bool = False
    # What ``job.commit()`` recorded (JobBookmark JSON), for the bookmark to take on at success.
    bookmark_state: str | None = None
    # What the run executes (a handler or a local script, planned by the fake at StartJobRun), or
    # None for a run that follows its states. Opaque here: only the fake that planned it runs it.
    code: object = None
    # None for a run StartJobRun started; for a run a trigger started, its step in the chain of
    # fires: 0 from a scheduled or on-demand trigger, n from the nth conditional trigger after it.
    chain_step: int | None = None
    _finished_wire: FinishedRun | None = field(default=None, repr=False, compare=False)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    def deadline(self) -> float | None:
        timeout = self.settings.get("Timeout")
        if timeout is None or self.running_since is None:
            return None
        return float(self.running_since + timeout * 60)

    def execution_time(self, now: float) -> int:
        if self.running_since is None:
            return 0
        end = self.completed_on if self.completed_on is not None else now
        return max(0, int(end - self.running_since))

    def wire(self, now: float) -> dict[str, Any]:
        """The run as GetJobRun returns it (JSON-ready, epoch-second timestamps).

        It shares the nested values of ``settings``, which never change once the run started:
        every caller encodes it as JSON at once (a response, or ``glue_jobs.runs()``'s copies).
        A finished run is made once, with its JSON text, while it stays as it finished.
        """
        if self.state in FINISHED_STATES:
            key = (self.state, self.last_modified_on, self.completed_on, self.error_message)
            made = self._finished_wire
            if made is None or made.key != key:
                made = self._finished_wire = FinishedRun(self._wire(now), key)
            return made
        return self._wire(now)

    def _wire(self, now: float) -> dict[str, Any]:
        run: dict[str, Any] = {"Id": self.id, "Attempt": self.attempt}
        if self.previous_run_id is not None:
            run["PreviousRunId"] = self.previous_run_id
        run["JobName"] = self.job_name
        run["StartedOn"] = self.started_on
        run["LastModifiedOn"] = self.last_modified_on
        if self.completed_on is not None:
            run["CompletedOn"] = self.completed_on
        run["JobRunState"] = self.state
        if self.error_message is not None:
            run["ErrorMessage"] = self.error_message
        run["PredecessorRuns"] = []
        run["ExecutionTime"] = self.execution_time(now)
        if self.state == "WAITING" and self.state_detail is not None:
            run["StateDetail"] = self.state_detail
        run.update(self.settings)
        return run


@dataclass
class Trigger:
    """One trigger: its definition as GetTrigger returns it, and what firing it needs.

    ``definition`` is read-only (an update stores a new one). ``schedule`` is the parsed cron
    expression of a SCHEDULED trigger (opaque here); ``checked_until`` the instant up to which
    its fire times were handled. ``seen`` holds, per watched job of a CONDITIONAL trigger, the
    latest run started by a trigger that finished since the trigger last fired:
    job name -> (run id, state, chain step).
    """

    definition: StoredJob
    schedule: object = None
    checked_until: float = 0.0
    seen: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    #: While it is an activated SCHEDULED trigger: its first fire time after ``checked_until``.
    next_fire: float | None = None

    @property
    def name(self) -> str:
        return str(self.definition["Name"])

    @property
    def type(self) -> str:
        return str(self.definition["Type"])

    @property
    def state(self) -> str:
        return str(self.definition["State"])


@dataclass(frozen=True)
class Fire:
    """One firing of a trigger, as the failure report lists it: what it started or could not."""

    trigger: str
    region: str
    at: float
    reason: str  # "StartTrigger", "schedule" or "conditions"
    started: tuple[tuple[str, str], ...]  # (job name, run id)
    not_started: tuple[tuple[str, str], ...] = ()  # (job name, why)
    left_out: int = 0  # fire times before ``at`` left out of a catch-up


@dataclass(frozen=True)
class BookmarkEntry:
    """One state of a job's bookmark: a JobBookmarkEntry without the job's name."""

    version: int  # every change of the bookmark counts one: runs, resets and rewinds
    run: int  # the successful runs since the bookmark began or was reset
    attempt: int
    run_id: str | None = None
    previous_run_id: str | None = None
    # JobBookmark: the JSON of the state elements, one per transformation_ctx, as the run's
    # ``job.commit()`` recorded them ("{}" for a run whose code recorded none).
    state: str = "{}"

    def wire(self, job_name: str) -> dict[str, Any]:
        """The entry as GetJobBookmark and ResetJobBookmark return it."""
        entry: dict[str, Any] = {"JobName": job_name, "Version": self.version, "Run": self.run, "Attempt": self.attempt}
        if self.previous_run_id is not None:
            entry["PreviousRunId"] = self.previous_run_id
        if self.run_id is not None:
            entry["RunId"] = self.run_id
        entry["JobBookmark"] = self.state
        return entry


@dataclass
class JobBookmark:
    """A job's bookmark: its current entry, and the entry each run that moved it left behind."""

    current: BookmarkEntry
    by_run: dict[str, BookmarkEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class Definition:
    """One resource a seed file defines, as the request that would create it, and where it
    came from (``resource NightlyJob (AWS::Glue::Job)``, ``module.etl.aws_glue_job.main``)."""

    origin: str
    params: Params


@dataclass
class Seed:
    """Everything one seed file holds, read but not yet judged: the service checks it all at
    once and stores all of it or nothing.

    ``jobs`` are CreateJob requests (templates, plans); ``returned_jobs`` jobs as the service
    returned them (``aws glue get-jobs`` output), stored as written; ``triggers`` CreateTrigger
    requests (templates, plans), stored after the jobs; ``returned_triggers`` triggers as the
    service returned them (``aws glue get-triggers`` output, ``Tags`` beside); ``problems`` what
    the reader could not turn into a request, one line each; ``scripts`` the local files that
    ScriptLocations stand for (a CDK app's assets).
    """

    source: str
    jobs: list[Definition] = field(default_factory=list)
    returned_jobs: list[Definition] = field(default_factory=list)
    triggers: list[Definition] = field(default_factory=list)
    returned_triggers: list[Definition] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    scripts: dict[str, str] = field(default_factory=dict)
