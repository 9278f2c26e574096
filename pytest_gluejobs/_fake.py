"""The object users hold: one fake Glue Jobs service, active inside a ``with`` block or a test."""

from __future__ import annotations

import json
import os
import re
import warnings
from types import TracebackType
from typing import Any

from botocore.exceptions import InvalidRegionError
from botocore.utils import validate_region_name

from ._code.runner import CodeRunner, Handler, RunLogs
from ._doubles import calls as call_log
from ._doubles.calls import Call, CallLog, operation_name
from ._doubles.faults import Fault, Faults
from ._edge import handlers
from ._edge.endpoint import Endpoint
from ._seed import SeedPath, read_jobs
from ._service import GlueJobsService
from ._service.model import parse_output
from ._service.runs import check_finish, make_script
from ._service.tags import job_arn

PLACEHOLDER_ROLE = "arn:aws:iam::123456789012:role/pytest-gluejobs"
DEFAULT_REGION = "us-east-1"
_IMDS_SWITCH = "AWS_EC2_METADATA_DISABLED"
_ACCOUNT_ID = re.compile(r"\d{12}")


class GlueJobsDeprecationWarning(DeprecationWarning):
    """A pytest-gluejobs name that will go; the message names its replacement (docs: Job runs)."""


class GlueJobs:
    """An in-memory Glue Jobs service that answers every Glue client while it is active."""

    def __init__(self, *, region: str | None = None) -> None:
        self.service = GlueJobsService()
        self._calls = CallLog()
        self._faults = Faults()
        self._code = CodeRunner(self.service)
        default_region = region or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
        self._endpoint = Endpoint(
            self.service, self._calls, self._faults, default_region, self._code.run_due
        )
        self._imds_before: str | None = None

    # -- activation -------------------------------------------------------------------------

    def __enter__(self) -> GlueJobs:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Answer every Glue client in the process from now on."""
        # Creating a client with no credentials would otherwise probe the EC2 metadata endpoint.
        self._imds_before = os.environ.get(_IMDS_SWITCH)
        os.environ[_IMDS_SWITCH] = "true"
        handlers.activate(self._endpoint)

    def stop(self) -> None:
        """Stop answering; Glue clients talk to whatever answered before."""
        handlers.deactivate(self._endpoint)
        if self._imds_before is None:
            os.environ.pop(_IMDS_SWITCH, None)
        else:
            os.environ[_IMDS_SWITCH] = self._imds_before

    @property
    def active(self) -> bool:
        return handlers.is_active(self._endpoint)

    @property
    def default_region(self) -> str:
        """The region of seeding, ``jobs()``, ``runs()`` and ``glue_client`` when none is given."""
        return self._endpoint.default_region

    @default_region.setter
    def default_region(self, value: str) -> None:
        self._endpoint.default_region = value

    # -- state ------------------------------------------------------------------------------

    @property
    def max_jobs(self) -> int:
        """The jobs quota per region (AWS default 1,000): CreateJob beyond it fails."""
        return self.service.settings.max_jobs

    @max_jobs.setter
    def max_jobs(self, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"max_jobs must be a whole number of jobs >= 0, got {value!r}")
        self.service.settings.max_jobs = value

    def jobs(self, region: str | None = None) -> dict[str, dict[str, Any]]:
        """Every job of a region by name, as GetJob returns it (copies: changing them changes nothing)."""
        wire_jobs = self.service.jobs(region or self.default_region)
        return {job["Name"]: job for job in _as_botocore_returns(wire_jobs)}

    def add_job(self, name: str, *, region: str | None = None, **fields: Any) -> dict[str, Any]:
        """Create a job by CreateJob's rules and defaults; Role and Command may be left out.

        Returns the job as GetJob returns it. Invalid input raises GlueError with the message
        CreateJob would answer with.
        """
        if "Name" in fields:
            raise TypeError(
                f"add_job({name!r}, Name={fields['Name']!r}): give the job name once, as the first "
                "argument"
            )
        check_region(region, f"add_job({name!r})")
        params: dict[str, Any] = {
            "Name": name,
            "Role": PLACEHOLDER_ROLE,
            "Command": {"Name": "glueetl", "ScriptLocation": f"s3://pytest-gluejobs/scripts/{name}.py"},
            **fields,
        }
        # A JSON round trip is what the wire would do: the caller's objects are never shared.
        try:
            params = json.loads(json.dumps(params))
        except (TypeError, ValueError):
            member, value = next(item for item in fields.items() if not _is_json(item[1]))
            raise TypeError(
                f"add_job({name!r}): {member}={value!r} is not JSON data (str, int, float, "
                "bool, list or dict), so no request could carry it"
            ) from None
        created = self.service.create_job(region or self.default_region, params)
        return _as_botocore_returns([created])[0]

    def load(self, path: SeedPath, *, region: str | None = None) -> dict[str, dict[str, Any]]:
        """Seed the jobs of a file as ``aws glue get-jobs`` / ``batch-get-jobs`` printed them.

        Returns the loaded jobs by name, as GetJob returns them. A bad file, a name already taken
        or the quota raises SeedFileError naming the file and the job, and loads nothing.
        """
        check_region(region, f"load({str(path)!r})")
        jobs = read_jobs(path)
        self.service.seed(region or self.default_region, jobs, str(path))
        return {job["Name"]: job for job in _as_botocore_returns(jobs)}

    @property
    def account_id(self) -> str:
        """The account the fake's ARNs name (default 123456789012); settable."""
        return self.service.settings.account_id

    @account_id.setter
    def account_id(self, value: str) -> None:
        if not isinstance(value, str) or _ACCOUNT_ID.fullmatch(value) is None:
            raise ValueError(f"account_id must be 12 digits, as AWS account ids are; got {value!r}")
        self.service.settings.account_id = value

    def job_arn(self, name: str, *, region: str | None = None) -> str:
        """The ARN TagResource, UntagResource and GetTags take for job ``name``."""
        return job_arn(region or self.default_region, self.service.settings.account_id, name)

    # -- job runs ---------------------------------------------------------------------------

    def run_states(
        self, job_name: str, *states: str, error_message: str | None = None, required: bool = True
    ) -> None:
        """Make the runs of ``job_name`` show ``states`` on successive reads, the last one sticking.

        Each run counts its own reads (GetJobRun, or GetJobRuns returning it): its first read
        shows ``states[0]``, its second ``states[1]``, and so on. A finished state (SUCCEEDED,
        FAILED, STOPPED, TIMEOUT, ERROR, EXPIRED) settles the run for good; ``error_message``
        becomes its ErrorMessage when it ends other than SUCCEEDED. Applies to the job's runs in
        every region, those already started included, which start over at ``states[0]``;
        replaces earlier states. Unless ``required=False``, states no run ever showed fail the
        test at teardown (a misspelt job name, a job that never ran).
        """
        script = make_script(job_name, states, error_message, required=required)
        self.service.run_states(job_name, script)

    def script_runs(self, job_name: str, *states: str, error_message: str | None = None) -> None:
        """Deprecated: ``run_states(job_name, *states, error_message=..., required=False)``."""
        warnings.warn(
            "glue_jobs.script_runs() is deprecated and will be removed: use "
            f"glue_jobs.run_states({job_name!r}, ...), which also fails the test when no run "
            "used the states (pass required=False to allow that). See docs/runs.md.",
            GlueJobsDeprecationWarning,
            stacklevel=2,
        )
        script = make_script(job_name, states, error_message, required=False, method="script_runs")
        self.service.run_states(job_name, script)

    def unused_states(self) -> list[str]:
        """Required ``run_states`` no run ever showed: the fixture fails the test at teardown on them."""
        return [
            f"glue_jobs.run_states({name!r}, {', '.join(map(repr, script.states))}): no run of "
            f"job {name!r} showed them" + self._why_unused(name)
            for name, script in self.service.unused_scripts()
        ]

    def _why_unused(self, job_name: str) -> str:
        if self._code.has_handler(job_name):
            return " (its runs executed run_code's handler, which wins over run_states)"
        return ""

    def run_code(self, job_name: str, handler: Handler) -> None:
        """Make each run attempt of ``job_name`` call ``handler(args)`` while it shows RUNNING.

        ``args`` holds the job's DefaultArguments, the run's Arguments over them and the job's
        NonOverridableArguments over both, by name without the leading ``--``, with ``JOB_NAME``
        and ``JOB_RUN_ID``. Returning ends the run SUCCEEDED; raising ends it FAILED with
        ErrorMessage ``"<ExceptionType>: <message>"`` (retried as MaxRetries says). The handler
        runs in the thread of the call that started the run, after that call is answered, and
        may call Glue. Replaces an earlier handler of the job.
        """
        self._code.run_code(job_name, handler)

    def run_scripts(self, mapping: Any) -> None:
        """Run local scripts for ScriptLocations: ``{"s3://bucket/jobs/": "jobs/"}``.

        Keys are ScriptLocation URIs or prefixes ending in ``/``; values local files or folders.
        A run of a job whose ``Command.ScriptLocation`` maps to a file executes it in-process as
        ``__main__``, with Glue's arguments in ``sys.argv``; ``awsglue.utils.getResolvedOptions``
        works in it. Adds to earlier mappings, replacing equal keys.
        """
        self._code.run_scripts(mapping)

    def run_logs(self, run_id: str) -> RunLogs:
        """What the code of a run printed: ``.output`` (stdout), ``.error`` (stderr, traceback)."""
        return self._code.logs(run_id)

    def finish_run(self, run_id: str, state: str, *, error_message: str | None = None) -> None:
        """Settle one run now in ``state`` (a finished state), whatever its script says."""
        check_finish(run_id, state, error_message)
        self.service.finish_run(run_id, state, error_message)
        self._code.run_due()  # a retry, or a queued run that got the slot

    def runs(self, job_name: str | None = None, region: str | None = None) -> list[dict[str, Any]]:
        """The runs of one job (or of every job) of a region, newest first, as GetJobRun returns them.

        Looking does not count as a read: no run moves along its script, though timeouts and
        queued runs taking free slots are brought up to now.
        """
        wire_runs = self.service.runs(region or self.default_region, job_name)
        if self._code.due:  # queued runs that got a slot run their code first
            self._code.run_due()
            wire_runs = self.service.runs(region or self.default_region, job_name)
        return _as_botocore_returns(wire_runs, "GetJobRuns", "JobRuns")

    # -- calls and assertions ---------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every request answered so far, oldest first; each retry attempt is its own call.

        Seeding (``add_job``, ``load``, markers, hooks) sends nothing, so it is not a call.
        """
        return self._calls.snapshot()

    def assert_called(self, operation: str, **params: Any) -> None:
        """Assert at least one call of ``operation`` sent these top-level params (others may differ)."""
        __tracebackhide__ = True
        call_log.assert_called(self.calls, operation_name(operation), params)

    def assert_called_once(self, operation: str, **params: Any) -> None:
        """Assert exactly one call of ``operation`` sent these top-level params."""
        __tracebackhide__ = True
        call_log.assert_called_once(self.calls, operation_name(operation), params)

    def assert_not_called(self, operation: str | None = None) -> None:
        """Assert no call of ``operation`` was made, or, with None, no Glue call at all."""
        __tracebackhide__ = True
        name = None if operation is None else operation_name(operation)
        call_log.assert_not_called(self.calls, name)

    # -- faults -----------------------------------------------------------------------------

    def fail(
        self,
        operation: str,
        code: str,
        *,
        message: str | None = None,
        times: int = 1,
        required: bool = True,
    ) -> None:
        """Make the next ``times`` calls of ``operation`` answer the error ``code``.

        ``code`` is one of the operation's modeled errors or a general AWS error (see the
        README); anything else raises ValueError at once. botocore retries the answer exactly as
        it would AWS's, without sleeping; every attempt takes one of the ``times``. A required
        fault not used up fails the test at teardown.
        """
        self._faults.add(operation, code, message=message, times=times, required=required)

    def unused_faults(self) -> list[Fault]:
        """Required faults still holding answers: the fixture fails the test at teardown on them."""
        return self._faults.unused()

    def failed_run_logs(self) -> str:
        """The logs of runs whose code ran and that FAILED, as a failing test's report shows them."""
        return self._code.failed_logs()


def fake_glue_jobs(*, region: str | None = None) -> GlueJobs:
    """A fake to use as a context manager outside pytest fixtures: ``with fake_glue_jobs() as g:``."""
    return GlueJobs(region=region)


def _as_botocore_returns(
    wire_items: list[dict[str, Any]], operation: str = "BatchGetJobs", member: str = "Jobs"
) -> list[dict[str, Any]]:
    """Jobs (or runs) as a client returns them: botocore's own parser makes the datetimes."""
    items: list[dict[str, Any]] = parse_output(operation, json.dumps({member: wire_items}).encode())[member]
    return items


def check_region(region: str | None, caller: str) -> None:
    """A region no client could name would hold jobs no test can reach: refuse it at once."""
    if region is None:
        return
    try:
        validate_region_name(region)
    except InvalidRegionError:
        raise ValueError(f"{caller}: region={region!r} is not a valid region name (e.g. us-east-1)") from None


def _is_json(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True
