"""What each run of a job executes, running it when its run gets a slot, and the runs' logs.

At StartJobRun the fake plans a run's code under the store's lock: the job's ``run_code`` handler,
else — unless ``run_states`` scripted the job — the local script its ScriptLocation maps to. After
the call that gives the run a slot is answered and logged, the code runs outside the lock, in that
call's thread, while the run shows RUNNING; its outcome settles the run.
"""

from __future__ import annotations

import contextvars
import io
import threading
import traceback
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from .._data.shapes import Job, Params, Run
from .._service.operations import GlueJobsService
from .._spark.run import JobRun
from .._spark.script_run import script_run
from .scripts import LocalScript, ScriptMap, run_script

#: A ``run_code`` handler: called with the run's arguments, by name without the leading ``--``.
Handler = Callable[[dict[str, str]], object]
_RESERVED = ("JOB_NAME", "JOB_RUN_ID")
_OWN_MODULES = ("pytest_gluejobs.", "runpy")


@dataclass(frozen=True)
class RunLogs:
    """What a run's code wrote, as ``glue_jobs.run_logs(run_id)`` returns it; read-only."""

    output: str
    """What the code printed to stdout."""
    error: str
    """What the code printed to stderr, then the traceback of an exception it raised."""


@dataclass(frozen=True)
class Plan:
    """What one run executes: a handler or a local script, with the arguments of its start."""

    handler: Handler | None
    script: LocalScript | None
    arguments: dict[str, str]  # DefaultArguments, then the run's Arguments, then NonOverridable
    command: str = ""  # the job's Command.Name: a glueetl job's code runs on Spark


@dataclass
class _Logs:
    job_name: str
    region: str
    run: Run
    output: io.StringIO
    error: io.StringIO

    def text(self) -> tuple[str, str]:
        return self.output.getvalue(), self.error.getvalue()


class CodeRunner:
    """The code of one fake's jobs, and the logs of the runs that executed it."""

    def __init__(self, service: GlueJobsService) -> None:
        self.service = service
        self._handlers: dict[str, Handler] = {}
        self._scripts = ScriptMap()
        self._logs: dict[str, _Logs] = {}
        self._logs_lock = threading.Lock()
        self.due = service.data.due

    # -- what the test gives -----------------------------------------------------------------

    def run_code(self, job_name: str, handler: Handler) -> None:
        if not isinstance(job_name, str) or not job_name:
            raise ValueError(f"run_code needs a job name, got {job_name!r}")
        if not callable(handler):
            raise TypeError(
                f"run_code({job_name!r}, ...): the handler must be callable, as "
                f"handler(args: dict[str, str]); got {type(handler).__name__} {handler!r}"
            )
        with self.service.lock:
            self._handlers[job_name] = handler
        self.service.plan_code(self._plan)

    def run_scripts(self, mapping: object) -> None:
        with self.service.lock:
            self._scripts.add(mapping)
        self.service.plan_code(self._plan)

    def data_folders(self) -> dict[str, Path]:
        """The ``s3://`` prefixes run_scripts maps to folders, which serve data as well as scripts."""
        return self._scripts.folders()

    def has_handler(self, job_name: str) -> bool:
        return job_name in self._handlers

    def logs(self, run_id: str) -> RunLogs:
        with self._logs_lock:
            logs = self._logs.get(run_id)
        if logs is None:
            raise ValueError(
                f"run_logs({run_id!r}): no run with this id executed a handler or a script; logs "
                "exist only for runs of jobs given run_code or mapped by run_scripts"
                + (f" (those runs: {', '.join(self._logs)})" if self._logs else "")
            )
        return RunLogs(logs.output.getvalue(), logs.error.getvalue())

    def failed_logs(self) -> str:
        """The logs of every run that executed code and FAILED, for a failing test's report."""
        with self._logs_lock:
            executed = list(self._logs.values())
        sections = []
        for logs in executed:
            if self.service.run_state(logs.region, logs.run) != "FAILED":
                continue
            message = logs.run.error_message or ""
            sections.append(
                f"run {logs.run.id} of job {logs.job_name} ({logs.region}) FAILED: {message}\n"
                f"--- output ---\n{logs.output.getvalue()}--- error ---\n{logs.error.getvalue()}"
            )
        return "\n".join(sections)

    # -- planning, under the store's lock ----------------------------------------------------

    def _plan(self, job_name: str, job: Job, params: Params) -> Plan | None:
        handler = self._handlers.get(job_name)
        script = None
        if handler is None:
            # run_states for a job beats the location mapping, which may be the whole suite's.
            if job_name in self.service.data.scripts or not self._scripts:
                return None
            location = (job.get("Command") or {}).get("ScriptLocation")
            script = self._scripts.find(location) if isinstance(location, str) else None
            if script is None:
                return None
        arguments = {
            **job.get("DefaultArguments", {}),
            **params.get("Arguments", {}),
            **job.get("NonOverridableArguments", {}),
        }
        return Plan(handler, script, arguments, str((job.get("Command") or {}).get("Name", "")))

    # -- running -----------------------------------------------------------------------------

    def run_due(self) -> None:
        """Run the code of every run that is due, in the order the runs got their slots.

        In a copy of the caller's context: the Glue calls the code makes must not change the
        context variables of the call that is still being answered.
        """
        if self.due:
            contextvars.copy_context().run(self._run_due)

    def _run_due(self) -> None:
        while True:
            begun = self.service.begin_code()
            if begun is None:
                return
            region, run = begun
            plan = run.code
            assert isinstance(plan, Plan)
            logs = _Logs(run.job_name, region, run, io.StringIO(), io.StringIO())
            with self._logs_lock:
                self._logs[run.id] = logs
            self.service.keep_code_logs(run.id, logs.text)
            try:
                state, message = self._execute(region, run, plan, logs)
            except BaseException as error:
                # pytest.fail, KeyboardInterrupt: the run fails, and the test sees the exception.
                self.service.end_code(region, run, "FAILED", _described(error))
                raise
            self.service.end_code(region, run, state, message)

    def _execute(self, region: str, run: Run, plan: Plan, logs: _Logs) -> tuple[str, str | None]:
        if plan.script is not None:
            missing = plan.script.missing()
            if missing is not None:
                logs.error.write(missing + "\n")
                return "FAILED", missing
        try:
            job_run = self._job_run(region, run, plan)
            with redirect_stdout(logs.output), redirect_stderr(logs.error), script_run(job_run, plan.command == "glueetl"):
                if plan.handler is not None:
                    plan.handler(_handler_arguments(plan.arguments, run))
                else:
                    assert plan.script is not None
                    run_script(plan.script.path, _argv(plan.script, plan.arguments, run))
        except SystemExit as exit_:
            return _exited(exit_, logs)
        except Exception as error:
            logs.error.write("".join(traceback.format_exception(type(error), error, _user_frames(error.__traceback__))))
            return "FAILED", _described(error)
        return "SUCCEEDED", None


    def _job_run(self, region: str, run: Run, plan: Plan) -> JobRun:
        """What the ``awsglue`` stand-in may know of the run, and hand back (``job.commit()``)."""
        service = self.service
        return JobRun(
            job_name=run.job_name,
            run_id=run.id,
            region=region,
            arguments=dict(plan.arguments),
            bookmark_of=lambda run_id: service.bookmark_state(region, run.job_name, run_id),
            job_started=lambda: service.commits_bookmark(run),
            commit=lambda state: service.commit_bookmark(run, state),
        )


def _handler_arguments(arguments: dict[str, str], run: Run) -> dict[str, str]:
    named = {key[2:] if key.startswith("--") else key: value for key, value in arguments.items()}
    named.update(JOB_NAME=run.job_name, JOB_RUN_ID=run.id)
    return named


def _argv(script: LocalScript, arguments: dict[str, str], run: Run) -> list[str]:
    """Glue's command line: the script, its job name and run id, then ``--KEY value`` pairs."""
    argv = [str(script.path), "--JOB_NAME", run.job_name, "--JOB_RUN_ID", run.id]
    for key, value in arguments.items():
        name = key[2:] if key.startswith("--") else key
        if name not in _RESERVED:
            argv += [f"--{name}", value]
    return argv


def _exited(exit_: SystemExit, logs: _Logs) -> tuple[str, str | None]:
    """``sys.exit``: 0 or None succeeds; another number fails with it; anything else is printed,
    as Python prints it, and fails with code 1."""
    code: Any = exit_.code
    if code is None or code == 0:
        return "SUCCEEDED", None
    if not isinstance(code, int):
        logs.error.write(f"{code}\n")
        code = 1
    return "FAILED", f"Command failed with exit code {code}"


def _described(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _user_frames(trace: TracebackType | None) -> TracebackType | None:
    """The traceback from the first frame of the user's code: ours and runpy's are dropped."""
    while trace is not None and str(trace.tb_frame.f_globals.get("__name__")).startswith(_OWN_MODULES):
        trace = trace.tb_next
    return trace
