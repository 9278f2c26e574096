"""The states a job's runs show on successive reads (``run_states``), and the checks of what a test
asks a run to show or end in (``finish_run``).

Data the runs read; ``runs`` moves them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._data.shapes import EXECUTING_STATES, FINISHED_STATES, Script

# A script may show these; WAITING belongs to queuing and is never scripted.
SCRIPTABLE_STATES = (*EXECUTING_STATES, *FINISHED_STATES)
DEFAULT_SCRIPT = Script(("RUNNING", "SUCCEEDED"))


def make_script(
    job_name: str,
    states: Iterable[str],
    error_message: str | None,
    *,
    required: bool = True,
    method: str = "run_states",
    output: object = None,
    error: object = None,
) -> Script:
    """A Script, or ValueError saying what is wrong with the states asked for."""
    if not isinstance(job_name, str) or not job_name:
        raise ValueError(f"{method} needs a job name, got {job_name!r}")
    states = tuple(states)
    where = f"{method}({job_name!r}, ...)"
    if not states:
        raise ValueError(
            f"{where}: give at least one state, e.g. {method}({job_name!r}, 'RUNNING', 'SUCCEEDED')"
        )
    if not isinstance(required, bool):
        raise ValueError(f"{where}: required must be True or False, got {required!r}")
    for index, state in enumerate(states):
        if state == "WAITING":
            raise ValueError(
                f"{where}: WAITING cannot be scripted; runs wait when the job's MaxConcurrentRuns "
                "slots are taken and JobRunQueuingEnabled is true"
            )
        if state not in SCRIPTABLE_STATES:
            raise ValueError(
                f"{where}: {state!r} is not a job run state; use one of {', '.join(SCRIPTABLE_STATES)}"
            )
        if state in FINISHED_STATES and index != len(states) - 1:
            raise ValueError(
                f"{where}: {state} finishes the run, so the states after it "
                f"({', '.join(states[index + 1 :])}) would never show; end the script with it"
            )
    if error_message is not None:
        if not isinstance(error_message, str):
            raise ValueError(f"{where}: error_message must be a string, got {error_message!r}")
        if states[-1] not in FINISHED_STATES or states[-1] == "SUCCEEDED":
            raise ValueError(
                f"{where}: error_message is the ErrorMessage of a run that ends FAILED, ERROR, "
                f"TIMEOUT, STOPPED or EXPIRED, but this script ends {states[-1]}"
            )
    return Script(states, error_message, required, _lines(where, "output", output), _lines(where, "error", error))


def _lines(where: str, name: str, given: object) -> tuple[str, ...]:
    """Log lines a test gives: a string (split at line ends) or strings, one a line."""
    if given is None:
        return ()
    if isinstance(given, str):
        return tuple(given.splitlines())
    if isinstance(given, (list, tuple)) and all(isinstance(line, str) for line in given):
        return tuple(given)
    raise ValueError(f"{where}: {name} must be a string or a list of strings (lines), got {given!r}")


def default_error_message(state: str) -> str | None:
    if state in ("FAILED", "ERROR"):
        return f"pytest-gluejobs: the test made this run end {state} (no error_message was given)"
    return None


def check_finish(run_id: str, state: str, error_message: str | None) -> None:
    """The arguments of ``finish_run`` as ValueError, before any run is looked up."""
    if state not in FINISHED_STATES:
        raise ValueError(
            f"finish_run({run_id!r}, {state!r}): a run finishes in one of "
            f"{', '.join(FINISHED_STATES)}"
        )
    if error_message is not None and (not isinstance(error_message, str) or state == "SUCCEEDED"):
        raise ValueError(
            f"finish_run({run_id!r}, {state!r}): error_message must be a string, and a SUCCEEDED "
            f"run has none; got {error_message!r}"
        )
