"""The object users hold: one fake Glue Jobs service, active inside a ``with`` block or a test."""

from __future__ import annotations

import os
import warnings
from types import TracebackType
from typing import Any

from ._code.runner import CodeRunner, Handler, RunLogs
from ._data.errors import GlueError, GlueJobsDeprecationWarning, SeedFileError
from ._data.options import (
    check_account_id,
    check_count,
    check_defaults,
    check_max_final_reads,
    is_region_name,
)
from ._doubles import calls as call_log
from ._doubles.calls import Call, CallLog, CallsView, operation_name
from ._doubles.faults import Fault, Faults
from ._doubles.matching import Match
from ._edge import handlers
from ._edge.endpoint import Endpoint
from ._seed.arguments import job_request, trigger_request
from ._seed.documents import SeedPath
from ._seed.load import read_seed
from ._service.model import parse_items
from ._service.operations import GlueJobsService
from ._service.run_scripts import check_finish, make_script
from ._service.tags import job_arn, resource_arn
from ._spark import s3_paths

DEFAULT_REGION = "us-east-1"


class GlueJobs:
    """An in-memory Glue Jobs service that answers every Glue client in the process while active.

    The ``glue_jobs`` fixture's value, active for one test; as a context manager (``with
    GlueJobs() as fake:``) it starts on entry and stops on exit, and when the block ended normally,
    required faults and run states not used up raise ``AssertionError`` naming them (an error of
    the block propagates alone).

    Wherever a method takes an ``operation``, it is a wire name (``"CreateJob"``) or a client
    method name (``"create_job"``). The attribute ``service`` holds the fake's internals and is
    not part of the API.

    Args:
        region: The default region; else ``AWS_DEFAULT_REGION``, else ``us-east-1``.
    """

    def __init__(self, *, region: str | None = None) -> None:
        __tracebackhide__ = True
        check_region(region, "GlueJobs()")
        self.service = GlueJobsService()
        self._calls = CallLog()
        self._faults = Faults()
        self._code = CodeRunner(self.service)
        default_region = region or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
        self._endpoint = Endpoint(
            self.service, self._calls, self._faults, default_region, self._code.run_due
        )

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
        __tracebackhide__ = True
        self.stop()
        # Only a block that ended normally is judged: the block's own error must travel alone.
        if exc_type is None:
            message = self._expectations_not_met("the with block")
            if message is not None:
                raise AssertionError(message)

    def start(self) -> None:
        """Answer every Glue client in the process from now on; one ``stop()`` ends it.

        Until the last active fake stops, ``AWS_EC2_METADATA_DISABLED=true`` is set, so no client
        made meanwhile probes the network for credentials, and a Glue client made meanwhile runs
        no credential provider: its credentials are resolved when it first signs a request.

        Raises:
            RuntimeError: For a fake that is already active: a second start would leave it
                answering after the first ``stop()``, in every later test.
        """
        __tracebackhide__ = True
        if self.active:
            raise RuntimeError(
                "pytest-gluejobs: start() on a fake that is already active. Each start() is ended by "
                "one stop(), so starting it again would leave it answering Glue calls after that "
                "stop(), in every later test. The glue_jobs fixture (and the glue_job marker) start "
                "the fake for the test: use it as it is, without start() or `with glue_jobs:`."
            )
        handlers.activate(self._endpoint)
        s3_paths.serve_folders(self._code.data_folders)

    def stop(self) -> None:
        """Stop answering; Glue clients talk to whatever answered before (an outer fake, moto, AWS)."""
        s3_paths.stop_serving(self._code.data_folders)
        handlers.deactivate(self._endpoint)

    @property
    def active(self) -> bool:
        """Whether this fake is answering now."""
        return handlers.is_active(self._endpoint)

    @property
    def default_region(self) -> str:
        """Where seeding, ``jobs()``, ``triggers()``, ``runs()``, ``bookmark()``, ``job_arn()``,
        ``trigger_arn()`` and ``glue_client`` look when given no region: ``region=`` if given, else
        ``AWS_DEFAULT_REGION``, else ``us-east-1`` (the ``glue_jobs_region`` ini option sets it for
        every test). Settable to a region name, else ``ValueError``."""
        return self._endpoint.default_region

    @default_region.setter
    def default_region(self, value: str) -> None:
        __tracebackhide__ = True
        if not is_region_name(value):
            raise ValueError(f"default_region must be a region name such as us-east-1, got {value!r}")
        self._endpoint.default_region = value

    # -- state ------------------------------------------------------------------------------

    @property
    def max_jobs(self) -> int:
        """The jobs quota per region, AWS's default 1,000: CreateJob beyond it fails.

        Settable to a whole number >= 0, else ``ValueError``.
        """
        return self.service.settings.max_jobs

    @max_jobs.setter
    def max_jobs(self, value: int) -> None:
        __tracebackhide__ = True
        self.service.settings.max_jobs = check_count("max_jobs", value, 0)

    @property
    def max_final_reads(self) -> int:
        """Reads in a row of a finished run allowed before the next raises ``EndlessPollingError``.

        Default 100 (or the ``glue_jobs_max_final_reads`` ini option); ``0`` turns the guard off.
        Settable to a whole number >= 0, else ``ValueError``.
        """
        return self.service.settings.max_final_reads

    @max_final_reads.setter
    def max_final_reads(self, value: int) -> None:
        __tracebackhide__ = True
        self.service.settings.max_final_reads = check_max_final_reads(value)

    @property
    def max_triggers(self) -> int:
        """The triggers quota per region, AWS's default 1,000 ("max triggers per account"):
        CreateTrigger beyond it answers ``ResourceNumberLimitExceededException``, and a seed that
        would pass it loads nothing.

        Settable to a whole number >= 0, else ``ValueError``.
        """
        return self.service.settings.max_triggers

    @max_triggers.setter
    def max_triggers(self, value: int) -> None:
        __tracebackhide__ = True
        self.service.settings.max_triggers = check_count("max_triggers", value, 0)

    @property
    def max_catch_up(self) -> int:
        """How many fire times of one scheduled trigger start at one look after the clock jumped,
        the latest (default 1,000); the earlier ones are left out, and the failure report says how
        many.

        Settable to a whole number >= 1, else ``ValueError``.
        """
        return self.service.settings.max_catch_up

    @max_catch_up.setter
    def max_catch_up(self, value: int) -> None:
        __tracebackhide__ = True
        self.service.settings.max_catch_up = check_count("max_catch_up", value, 1)

    def jobs(self, region: str | None = None) -> dict[str, dict[str, Any]]:
        """Every job of a region by name, in name order, as GetJob returns it.

        Timestamps are timezone-aware datetimes. The jobs are copies: changing them changes nothing.
        """
        return _by_name(parse_items("BatchGetJobs", "Jobs", self.service.jobs(region or self.default_region)))

    def add_job(self, name: str, *, region: str | None = None, **fields: Any) -> dict[str, Any]:
        """Create a job by CreateJob's rules and defaults; ``Role`` and ``Command`` may be left out.

        Sends no request, so it is not in ``calls``. Nothing is stored when it raises.

        Args:
            name: The job's name.
            region: The region to create it in; else ``default_region``.
            **fields: CreateJob's members, e.g. ``WorkerType="G.1X", NumberOfWorkers=10``.

        Returns:
            The job as GetJob returns it.

        Raises:
            GlueError: For input CreateJob would refuse, with the message it would answer
                (a misspelt member gets ``did you mean``).
            ValueError: For a number no request could carry (NaN, infinity, beyond the range of
                a double), naming the member; for an invalid region name.
            TypeError: For ``Name=`` among the fields, or a value that is not JSON data.
        """
        __tracebackhide__ = True
        check_region(region, f"add_job({name!r})")
        params = job_request(name, fields)
        try:
            created = self.service.create_job(region or self.default_region, params)
        except GlueError as error:
            # The user's call is where this went wrong: the service's frames would only hide it.
            raise error.with_traceback(None)  # noqa: B904 - the same error, not a new one
        return parse_items("BatchGetJobs", "Jobs", [created])[0]

    def load(
        self,
        path: SeedPath,
        *,
        region: str | None = None,
        parameters: dict[str, Any] | None = None,
        format: str | None = None,
    ) -> dict[str, dict[str, Any]]:
        """Seed the jobs and triggers a file defines: what ``aws glue get-jobs`` or
        ``get-triggers`` printed, a CloudFormation template (JSON or YAML, CDK's and Serverless's
        included) or ``terraform show -json`` output.

        The kind is told from the content; ``format`` ("get-jobs", "get-triggers",
        "cloudformation", "terraform") says it instead. A template's jobs and triggers are created
        by CreateJob's and CreateTrigger's rules with its ``parameters`` (else their defaults), the
        triggers after the jobs, those a deploy starts ACTIVATED; a CDK job whose script is an
        asset of ``<Stack>.assets.json`` runs that local file. All or nothing: when it raises,
        nothing of the file is loaded.

        Args:
            path: The file to read.
            region: The region to seed; else ``default_region``.
            parameters: A CloudFormation template's parameter values, by name.
            format: The kind of file, when its content should not decide.

        Returns:
            The loaded jobs by name, as GetJob returns them; for a file that defines triggers
            and no job (``get-triggers`` output), the loaded triggers by name, as GetTrigger
            returns them. ``triggers()`` lists every trigger.

        Raises:
            SeedFileError: For a file AWS would refuse, listing every problem (file, resource,
                member, rule, value), a name already taken or a quota.
            FileNotFoundError: For a path that does not exist.
            ValueError: For an unknown ``format``, or ``parameters`` for a file that is not a
                CloudFormation template; for an invalid region name.
            TypeError: For ``parameters`` that are not a dict.
        """
        __tracebackhide__ = True
        check_region(region, f"load({str(path)!r})")
        region = region or self.default_region
        try:
            seed = read_seed(
                path, kind=format, parameters=parameters, account_id=self.account_id, region=region, defaults=self.defaults
            )
            jobs, triggers = self.service.seed(region, seed)
        except SeedFileError as error:
            raise error.with_traceback(None)  # noqa: B904 - the same error, not a new one
        if seed.scripts:
            self._code.run_scripts(seed.scripts)
        if triggers and not jobs:
            return _by_name(parse_items("BatchGetTriggers", "Triggers", triggers))
        return _by_name(parse_items("BatchGetJobs", "Jobs", jobs))

    @property
    def defaults(self) -> str:
        """Whose defaults CreateJob fills in: "documented" (Glue's API reference: GlueVersion 0.9,
        Timeout 2,880) or "current" (today's documentation: GlueVersion 5.1, Timeout 480 from
        Glue 5.0, the newer worker types). Settable; jobs already created keep theirs."""
        return self.service.defaults

    @defaults.setter
    def defaults(self, value: str) -> None:
        __tracebackhide__ = True
        self.service.defaults = check_defaults(value)

    @property
    def account_id(self) -> str:
        """The account the fake's ARNs name, default ``"123456789012"``.

        Settable to 12 digits, else ``ValueError``.
        """
        return self.service.settings.account_id

    @account_id.setter
    def account_id(self, value: str) -> None:
        __tracebackhide__ = True
        self.service.settings.account_id = check_account_id(value)

    def job_arn(self, name: str, *, region: str | None = None) -> str:
        """The ARN TagResource, UntagResource and GetTags take for job ``name``.

        The partition follows the region: ``aws-cn`` for ``cn-north-1``, and so on.
        """
        return job_arn(region or self.default_region, self.service.settings.account_id, name)

    def trigger_arn(self, name: str, *, region: str | None = None) -> str:
        """The ARN TagResource, UntagResource and GetTags take for trigger ``name``.

        The partition follows the region, as for ``job_arn``.

        Args:
            name: The trigger's name (it need not exist).
            region: The trigger's region; else ``default_region``.

        Returns:
            ``arn:<partition>:glue:<region>:<account>:trigger/<name>``.
        """
        return resource_arn(region or self.default_region, self.service.settings.account_id, "trigger", name)

    # -- triggers ---------------------------------------------------------------------------

    def add_trigger(self, name: str, *, region: str | None = None, **fields: Any) -> dict[str, Any]:
        """Create a trigger by CreateTrigger's rules; ``Type`` may be left out.

        Sends no request, so it is not in ``calls``. Nothing is stored when it raises. Like
        CreateTrigger, the trigger is ``CREATED`` unless ``StartOnCreation=True`` (SCHEDULED and
        CONDITIONAL only), which makes it ``ACTIVATED``: it fires from now on.

        Args:
            name: The trigger's name.
            region: The region to create it in; else ``default_region``.
            **fields: CreateTrigger's members, e.g. ``Schedule="cron(0 2 * * ? *)"``,
                ``Actions=[{"JobName": "extract"}]``. Without ``Type``: ``SCHEDULED`` with a
                ``Schedule``, ``CONDITIONAL`` with a ``Predicate``, else ``ON_DEMAND``.

        Returns:
            The trigger as GetTrigger returns it.

        Raises:
            GlueError: For input CreateTrigger would refuse (a bad cron expression, a job that
                does not exist, the quota), with the message it would answer.
            ValueError: For a number no request could carry, naming the member; for an invalid
                region name.
            TypeError: For ``Name=`` among the fields, or a value that is not JSON data.
        """
        __tracebackhide__ = True
        check_region(region, f"add_trigger({name!r})")
        params = trigger_request(name, fields)
        try:
            created = self.service.create_trigger(region or self.default_region, params)
        except GlueError as error:
            raise error.with_traceback(None)  # noqa: B904 - the same error, not a new one
        return parse_items("BatchGetTriggers", "Triggers", [created])[0]

    def triggers(self, region: str | None = None) -> dict[str, dict[str, Any]]:
        """Every trigger of a region by name, in name order, as GetTrigger returns it.

        Whatever seeded them (markers, ``add_trigger``, ``load``, the code under test). The
        triggers are copies: changing them changes nothing.

        Args:
            region: The region to read; else ``default_region``.

        Returns:
            The triggers by name, each with its ``State``.
        """
        return _by_name(parse_items("BatchGetTriggers", "Triggers", self.service.triggers(region or self.default_region)))

    def tick(self) -> None:
        """Fire the scheduled triggers whose time came by the clock, then run the code that is due.

        Every fire time of an ``ACTIVATED`` scheduled trigger since the fake last looked starts
        its runs, oldest first (at most ``max_catch_up`` of them per trigger), each run's
        ``StartedOn`` at its fire time; the code of one fire's runs runs before the next fire
        time, so conditional triggers follow. Each Glue call and ``runs()`` do this first by
        themselves: call it when the test moved the clock and wants the runs without making a
        call. Nothing fires in the background.
        """
        self.service.fire_due(self._code.run_due)
        self._code.run_due()

    # -- job runs ---------------------------------------------------------------------------

    def run_states(
        self,
        job_name: str,
        *states: str,
        error_message: str | None = None,
        required: bool = True,
        output: str | list[str] | None = None,
        error: str | list[str] | None = None,
    ) -> None:
        """Make the runs of ``job_name`` show ``states`` on successive reads, the last one sticking.

        Each run counts its own reads (GetJobRun, or GetJobRuns returning it): its first read
        shows ``states[0]``, its second ``states[1]``, and so on. A finished state (SUCCEEDED,
        FAILED, STOPPED, TIMEOUT, ERROR, EXPIRED) settles the run for good; ``error_message``
        becomes its ErrorMessage when it ends other than SUCCEEDED. Applies to the job's runs in
        every region, those already started included, which start over at ``states[0]``;
        replaces earlier states. Unless ``required=False``, states no run ever showed fail the
        test at teardown (a misspelt job name, a job that never ran). ``output`` and ``error``
        (a string, or lines) are what the runs log to CloudWatch Logs, in a stream named by the
        run id of the ``/output`` and ``/error`` groups of the run's LogGroupName
        (``/aws-glue/jobs``; ``/aws-glue/python-jobs`` for a Python shell job).

        Raises:
            ValueError: For states that cannot happen: ``WAITING`` (it comes from queuing), a
                state after a finished one, an ``error_message`` for a run ending SUCCEEDED.
        """
        __tracebackhide__ = True
        script = make_script(job_name, states, error_message, required=required, output=output, error=error)
        self.service.run_states(job_name, script)

    def script_runs(self, job_name: str, *states: str, error_message: str | None = None) -> None:
        """Deprecated: ``run_states(job_name, *states, error_message=..., required=False)``.

        Warns ``GlueJobsDeprecationWarning``.
        """
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
        may call Glue; what it changes in the interpreter is put back when it ends (see "What a
        run may and may not leave behind" in the runs page). Replaces an earlier handler of the job.

        Raises:
            TypeError: For a handler that is not callable, or is a coroutine function (``async
                def``): handlers are plain functions, which may run async code themselves.
            ValueError: For an empty job name.
        """
        self._code.run_code(job_name, handler)

    def run_scripts(self, mapping: Any) -> None:
        """Run local scripts for ScriptLocations: ``{"s3://bucket/jobs/": "jobs/"}``.

        Keys are ScriptLocation URIs or prefixes ending in ``/``; values local files or folders.
        A run of a job whose ``Command.ScriptLocation`` maps to a file executes it in-process as
        ``__main__``, with Glue's arguments in ``sys.argv``; ``awsglue.utils.getResolvedOptions``
        works in it, its folder's modules win over the test process's, and what it changes in the
        interpreter is put back when it ends. A ScriptLocation is an S3 key: under a prefix,
        ``..``, ``.`` and empty segments are literal, and a key naming no file inside the mapped
        folder (through symlinks too) ends the run FAILED, "not found". Adds to earlier mappings,
        replacing equal keys.

        Raises:
            TypeError: For something that is not a mapping, or a value that is not a path.
            ValueError: For a key that is not an ``s3://`` location, or a path that is not an
                existing file (an existing folder, for a key ending in ``/``). Nothing is added.
        """
        self._code.run_scripts(mapping)

    def run_logs(self, run_id: str) -> RunLogs:
        """What the code of a run printed: ``.output`` (stdout), ``.error`` (stderr, traceback).

        Raises:
            ValueError: For the id of no run that executed code, naming it.
        """
        return self._code.logs(run_id)

    def finish_run(self, run_id: str, state: str, *, error_message: str | None = None) -> None:
        """Settle one run, in any region, now in ``state`` (a finished state), whatever its script says.

        Its CompletedOn is now; a FAILED run is retried as MaxRetries says.

        Raises:
            ValueError: For an unknown or finished run, a state that is not a finished one, or an
                ``error_message`` for SUCCEEDED.
        """
        __tracebackhide__ = True
        check_finish(run_id, state, error_message)
        self.service.finish_run(run_id, state, error_message)
        self._code.run_due()  # a retry, or a queued run that got the slot

    def runs(self, job_name: str | None = None, region: str | None = None) -> list[dict[str, Any]]:
        """The runs of one job (or of every job) of a region, newest first, as GetJobRun returns them.

        Looking does not count as a read: no run moves along its script, though timeouts and
        queued runs taking free slots are brought up to now. The runs are copies.
        """
        self.tick()
        wire_runs = self.service.runs(region or self.default_region, job_name)
        if self._code.run_due():  # reading let queued runs take free slots: their code runs first
            wire_runs = self.service.runs(region or self.default_region, job_name)
        return parse_items("GetJobRuns", "JobRuns", wire_runs)

    def bookmark(self, job_name: str, region: str | None = None) -> dict[str, Any] | None:
        """The job's bookmark entry as GetJobBookmark returns it, or None while it has none (or no such job).

        A job's runs move its bookmark when they SUCCEED with ``--job-bookmark-option
        job-bookmark-enable`` in their effective arguments; looking sends no request.
        """
        check_region(region, f"bookmark({job_name!r})")
        return self.service.bookmark(region or self.default_region, job_name)

    # -- calls and assertions ---------------------------------------------------------------

    @property
    def calls(self) -> CallsView:
        """Every request answered so far (the last ``max_calls``), oldest first; each retry
        attempt is its own entry.

        A read-only snapshot that copies nothing: later calls do not change it. Its ``dropped``
        counts the calls the log no longer keeps. Seeding (``add_job``, ``load``, markers, hooks)
        sends nothing, so it is not a call.
        """
        return self._calls.view()

    def calls_of(self, operation: str) -> list[Call]:
        """The calls of one operation (wire or client method name), oldest first, attempts included."""
        name = operation_name(operation)
        return [call for call in self._calls.view() if call.operation == name]

    @property
    def max_calls(self) -> int:
        """How many calls the log keeps, the latest; older ones are dropped and counted.

        Default 10,000 (or the ``glue_jobs_max_calls`` ini option). Settable to a whole number
        >= 1, else ``ValueError``.
        """
        return self._calls.max_calls

    @max_calls.setter
    def max_calls(self, value: int) -> None:
        self._calls.max_calls = value

    @property
    def dropped_calls(self) -> int:
        """How many calls the log dropped because it held ``max_calls`` already."""
        return self._calls.dropped

    def assert_called(self, operation: str, **params: Any) -> None:
        """Assert the code made at least one call of ``operation`` sending these params.

        The params are a subset of those sent, nested dicts too; a value matches by ``==``,
        ``unittest.mock.ANY`` or a callable. botocore's retries of one client call are one call.
        A failure lists the calls made.
        """
        __tracebackhide__ = True
        call_log.assert_called(self._calls.view(), operation_name(operation), params)

    def assert_called_once(self, operation: str, **params: Any) -> None:
        """Assert the code made exactly one call of ``operation`` sending these params (a subset);
        botocore's retries of one client call are one call."""
        __tracebackhide__ = True
        call_log.assert_called_once(self._calls.view(), operation_name(operation), params)

    def assert_not_called(self, operation: str | None = None) -> None:
        """Assert no call of ``operation`` was made, or, with None, no Glue call at all."""
        __tracebackhide__ = True
        name = None if operation is None else operation_name(operation)
        call_log.assert_not_called(self._calls.view(), name)

    # -- faults -----------------------------------------------------------------------------

    def fail(
        self,
        operation: str,
        code: str,
        *,
        message: str | None = None,
        times: int = 1,
        required: bool = True,
        match: Match | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``operation`` answer the error ``code``.

        ``code`` is one of the operation's modeled errors or a general AWS error (listed on
        the page Faults and assertions). botocore retries the answer exactly as it would AWS's,
        without sleeping; every attempt takes one of the ``times``. With ``match`` — a dict of
        expected params (a subset; ``ANY`` and nested dicts allowed) or a callable taking the
        request's params — only matching calls take the fault; the others pass through. A callable
        is called with no lock held, so it may call Glue itself (its own calls are not judged by
        this fault); one that raises makes the call raise RuntimeError naming the fault. A
        required fault not used up fails the test at teardown.

        Raises:
            ValueError: For a code, an operation, ``times`` or a match member that cannot be.
            TypeError: For a ``match`` that is neither a dict nor a callable.
        """
        __tracebackhide__ = True
        self._faults.add(operation, code, message=message, times=times, required=required, match=match)

    def unused_faults(self) -> list[Fault]:
        """Required faults still holding answers: the fixture fails the test at teardown on them.

        Each prints as ``glue_jobs.fail('GetJob', 'ThrottlingException', times=3): used 1 of 3 times``.
        """
        return self._faults.unused()

    def _expectations_not_met(self, where: str) -> str | None:
        """The failure for what the test set up and the code never used by the end of ``where``
        (the test, or the with block), or None when all was used.

        Every kind of expectation (faults, scripted run states, ...) adds its lines here.
        """
        unused = [str(fault) for fault in self._faults.unused()] + self.unused_states()
        if not unused:
            return None
        listed = "\n".join(f"  {line}" for line in unused)
        return (
            f"pytest-gluejobs: {len(unused)} expectation(s) not met by the end of {where}:\n{listed}\n"
            "The code under test made fewer calls or runs than expected, or a job name is misspelt; "
            "if that is fine, pass required=False to glue_jobs.fail() or glue_jobs.run_states() "
            "(docs: 'Faults and assertions', 'Job runs')."
        )

    def failed_run_logs(self) -> str:
        """The logs of runs whose code ran and that FAILED, as a failing test's report shows them."""
        return self._code.failed_logs()


def fake_glue_jobs(*, region: str | None = None) -> GlueJobs:
    """A new fake, to use as a context manager outside pytest fixtures: ``with fake_glue_jobs() as fake:``.

    When the block ends normally, required faults and run states not used up raise
    ``AssertionError`` naming them; when the block raised, its own error propagates alone.

    Args:
        region: The default region; else ``AWS_DEFAULT_REGION``, else ``us-east-1``.
    """
    return GlueJobs(region=region)


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["Name"]: item for item in items}


def check_region(region: str | None, caller: str) -> None:
    """A region no client could name would hold jobs no test can reach: refuse it at once."""
    __tracebackhide__ = True
    if region is not None and not is_region_name(region):
        raise ValueError(f"{caller}: region={region!r} is not a valid region name (e.g. us-east-1)")
