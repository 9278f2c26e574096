"""What each run of a job executes, running it when its run gets a slot, and the runs' logs.

At StartJobRun the fake plans a run's code under the store's lock: the job's ``run_code`` handler,
else — unless ``run_states`` scripted the job — the local script its ScriptLocation maps to. After
the call that gives the run a slot is answered and logged, the code runs outside the lock, in that
call's thread and in a room of its own (``room``), while the run shows RUNNING; its outcome
settles the run. Code that starts runs nests their code inside its own; deep nesting goes on on a
fresh thread's stack, so Python's recursion limit is never what ends it.
"""

from __future__ import annotations

import contextvars
import inspect
import io
import os
import sys
import threading
import traceback
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from .._data.shapes import Job, Params, Run
from .._service.operations import GlueJobsService
from .._spark.run import JobRun
from .._spark.script_run import script_run
from .room import Room
from .scripts import LocalScript, ScriptMap, run_script

#: A ``run_code`` handler: called with the run's arguments, by name without the leading ``--``.
Handler = Callable[[dict[str, str]], object]
_RESERVED = ("JOB_NAME", "JOB_RUN_ID")
_OWN_MODULES = ("pytest_gluejobs.", "runpy")
# How many levels of runs' code this context is inside (code that starts runs nests theirs).
_nesting: ContextVar[int] = ContextVar("pytest_gluejobs_run_nesting", default=0)
# sys.exit's int argument as the C long the interpreter turns into the process's exit status.
_C_LONG = (-(2**63), 2**63 - 1)


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


class _Kept(io.StringIO):
    """A run's stdout or stderr: code that closes its ``sys.stdout`` leaves its logs readable."""

    def close(self) -> None:
        pass


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
        if _is_async(handler):
            raise TypeError(
                f"run_code({job_name!r}, ...): the handler is a coroutine function ({handler!r}); "
                "run_code calls a plain function, handler(args: dict[str, str]), which may run "
                "async code itself, e.g. lambda args: asyncio.run(main(args))"
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

    def run_due(self) -> bool:
        """Run the code of every run that is due, in the order the runs got their slots; whether
        there was any.

        In a copy of the caller's context: the Glue calls the code makes must not change the
        context variables of the call that is still being answered.
        """
        if not self.due.runs:
            return False
        context = contextvars.copy_context()
        if _nesting.get() and _stack_depth() > sys.getrecursionlimit() // 2:
            self._run_due_on_a_fresh_stack(context)
        else:
            context.run(self._run_due)
        return True

    def _run_due_on_a_fresh_stack(self, context: contextvars.Context) -> None:
        """The due runs' code on a new thread, while this one waits: its stack starts empty, so
        runs nest on without meeting the recursion limit. Due runs are each thread's own, so they
        go over to it, and those it left come back; what it raises is raised here."""
        due = self.due.runs
        handed = list(due)
        left: list[tuple[str, Run]] = []
        due.clear()
        raised: list[BaseException] = []

        def run() -> None:
            self.due.runs.extend(handed)
            try:
                context.run(self._run_due)
            except BaseException as error:
                raised.append(error)
            left.extend(self.due.runs)

        thread = threading.Thread(target=run, name="pytest-gluejobs: nested runs")
        thread.start()
        thread.join()
        due.extend(left)
        if raised:
            raise raised[0]

    def _run_due(self) -> None:
        _nesting.set(_nesting.get() + 1)
        while True:
            begun = self.service.begin_code()
            if begun is None:
                return
            region, run = begun
            plan = run.code
            assert isinstance(plan, Plan)
            logs = _Logs(run.job_name, region, run, _Kept(), _Kept())
            with self._logs_lock:
                self._logs[run.id] = logs
            self.service.keep_code_logs(run.id, logs.text)
            process = os.getpid()
            try:
                state, message = self._execute(region, run, plan, logs)
            except BaseException as error:
                _end_forked_child(process, 1)
                # pytest.fail, KeyboardInterrupt: the run fails, and the test sees the exception.
                self.service.end_code(region, run, "FAILED", _described(error))
                raise
            _end_forked_child(process, 0 if state == "SUCCEEDED" else 1)
            self.service.end_code(region, run, state, message)

    def _execute(self, region: str, run: Run, plan: Plan, logs: _Logs) -> tuple[str, str | None]:
        if plan.script is not None:
            missing = plan.script.missing()
            if missing is not None:
                logs.error.write(missing + "\n")
                return "FAILED", missing
        try:
            # The run (and, for a glueetl job, a scope of the one Spark) around the room: Spark
            # that starts for this run stays started for the runs after it.
            with script_run(self._job_run(region, run, plan), plan.command == "glueetl"):
                if plan.handler is not None:
                    with Room(logs.output, logs.error):
                        returned = plan.handler(_handler_arguments(plan.arguments, run))
                    if inspect.isawaitable(returned):
                        return _not_awaited(run, returned, logs)
                else:
                    assert plan.script is not None
                    run_script(plan.script, _argv(plan.script, plan.arguments, run), logs.output, logs.error)
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


def _end_forked_child(process: int, status: int) -> None:
    """A process the run's code forked (``os.fork``) ends where the code ends in it, with the
    code's outcome as its status: it must not go on to run the rest of the test session."""
    if os.getpid() != process:
        os._exit(status)


def _is_async(handler: Callable[..., object]) -> bool:
    call = type(handler).__call__  # an object's own async __call__ (handler is callable)
    return any(
        inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)
        for function in (handler, call)
    )


def _not_awaited(run: Run, returned: Any, logs: _Logs) -> tuple[str, str]:
    """A handler that returned a coroutine (or another awaitable): nothing awaits it here."""
    if inspect.iscoroutine(returned):
        returned.close()  # never run, and no "never awaited" warning
        kind = "a coroutine"
    else:
        kind = f"an awaitable ({type(returned).__name__})"
    message = (
        f"TypeError: the run_code handler of job {run.job_name!r} returned {kind}, which was not "
        "run: give run_code a plain function (run async code inside it with asyncio.run)"
    )
    logs.error.write(message + "\n")
    return "FAILED", message


def _stack_depth() -> int:
    frame: Any = sys._getframe()
    depth = 0
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def _handler_arguments(arguments: dict[str, str], run: Run) -> dict[str, str]:
    named = {key[2:] if key.startswith("--") else key: value for key, value in arguments.items()}
    named.update(JOB_NAME=run.job_name, JOB_RUN_ID=run.id)
    return named


def _argv(script: LocalScript, arguments: dict[str, str], run: Run) -> list[str]:
    """Glue's command line: the script, its job name and run id, then ``--KEY value`` pairs."""
    argv = [str(script.file), "--JOB_NAME", run.job_name, "--JOB_RUN_ID", run.id]
    for key, value in arguments.items():
        name = key[2:] if key.startswith("--") else key
        if name not in _RESERVED:
            argv += [f"--{name}", value]
    return argv


def _exited(exit_: SystemExit, logs: _Logs) -> tuple[str, str | None]:
    """``sys.exit`` as the process Glue starts would exit: None is 0; an int is the exit status
    Linux keeps (its low byte; beyond a C long, -1); anything else is printed, as Python prints
    it, and is status 1. Status 0 succeeds."""
    code: Any = exit_.code
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = (code if _C_LONG[0] <= code <= _C_LONG[1] else -1) % 256
    else:
        logs.error.write(f"{_text(code)}\n")
        status = 1
    if status == 0:
        return "SUCCEEDED", None
    return "FAILED", f"Command failed with exit code {status}"


def _text(value: object) -> str:
    """``str(value)``, or what Python's tracebacks print when that fails."""
    try:
        return str(value)
    except Exception:
        return "<exception str() failed>"


def _described(error: BaseException) -> str:
    text = _text(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _user_frames(trace: TracebackType | None) -> TracebackType | None:
    """The traceback from the first frame of the user's code: ours and runpy's are dropped."""
    while trace is not None and str(trace.tb_frame.f_globals.get("__name__")).startswith(_OWN_MODULES):
        trace = trace.tb_next
    return trace
