"""What a failing test's report says about Glue: the ``glue calls`` section (each call and how it
ended, the calls refused, the triggers' fires), the ``glue run logs`` section, or, for a test
without a fake, what its Glue calls met instead; and the plugin's errors shown from the user's line.

Imports no botocore: the fake's parts are imported when a report of a test with a fake is made.
"""

from __future__ import annotations

import datetime
from types import TracebackType
from typing import TYPE_CHECKING

import pytest

from ._data.errors import EndlessPollingError, NoFakeActiveError, NoFakeActiveWarning, NotFakedError
from ._edge import unfaked

if TYPE_CHECKING:
    from ._doubles.calls import Call
    from ._fake import GlueJobs

SECTION = "glue calls"
RUN_LOGS_SECTION = "glue run logs"
_fake_of_test = pytest.StashKey["GlueJobs"]()
_reported = pytest.StashKey[bool]()
# A failing test's report lists the first and the last calls, and counts those between.
_HEAD, _TAIL = 10, 40
# The params that say which job, run or resource a call was about.
_KEY_PARAMS = ("Name", "JobName", "RunId", "JobRunId", "JobRunIds", "JobNames", "ResourceArn")
# The plugin's errors about a Glue call, raised from inside botocore's handling of it: the frames
# between the user's call and the raise are botocore's and the plugin's, pages of them saying
# nothing the message does not. FakeInternalError keeps them: it reports a bug in the plugin.
_RAISED_IN_A_CALL = (NotFakedError, NoFakeActiveError, NoFakeActiveWarning, EndlessPollingError)


def attach(item: pytest.Item, fake: GlueJobs) -> None:
    """The fake whose calls the report of a failing ``item`` lists."""
    item.stash[_fake_of_test] = fake


def add_sections(item: pytest.Item, report: pytest.TestReport) -> None:
    """The sections of the first failing report of a test (setup, call or teardown)."""
    if not report.failed or item.stash.get(_reported, False):
        return
    fake = item.stash.get(_fake_of_test, None)
    if fake is not None:
        item.stash[_reported] = True
        report.sections.append((SECTION, calls_report(fake)))
        logs = fake.failed_run_logs()
        if logs:
            report.sections.append((RUN_LOGS_SECTION, logs))
        return
    unanswered = unfaked.report_lines()
    if unanswered:
        item.stash[_reported] = True
        report.sections.append((SECTION, _no_fake_report(unanswered)))


def lead_to_the_users_line(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """Show such an error from the user's line: botocore's and the plugin's frames are unlinked
    from its traceback (``--fulltrace`` keeps them)."""
    excinfo = call.excinfo
    if excinfo is None or not isinstance(excinfo.value, _RAISED_IN_A_CALL):
        return
    if item.config.getoption("fulltrace", False):
        return
    # Relinked in place, not filtered in pytest's copy: pytest cuts its traceback at the test
    # function by following the raw links again.
    kept: list[TracebackType] = []
    frame: TracebackType | None = excinfo.tb
    while frame is not None:
        if not kept or not unfaked.in_libraries(frame.tb_frame.f_globals):
            kept.append(frame)
        frame = frame.tb_next
    for outer, inner in zip(kept, [*kept[1:], None]):
        outer.tb_next = inner
    excinfo.traceback = type(excinfo.traceback)(excinfo.tb)


def _no_fake_report(unanswered: list[str]) -> str:
    """The ``glue calls`` section of a test that had no fake: what its Glue calls met instead."""
    went = unfaked.any_sent()
    return "\n".join(
        [
            "No fake was active in this test, so pytest-gluejobs answered none of its Glue calls"
            + (": they went to AWS." if went else "."),
            *unanswered,
            f"To answer them from the fake, {unfaked.WAYS}.",
        ]
    )


def calls_report(fake: GlueJobs) -> str:
    """The ``glue calls`` section: each client call, what identifies it, and how it ended, then the
    calls refused (an operation the fake does not implement)."""
    from ._doubles.calls import client_calls

    calls = fake.calls
    groups = client_calls(calls)
    refused = unfaked.report_lines()
    lines = []
    if calls.dropped:
        lines.append(f"({calls.dropped:,} earlier calls dropped: the log keeps the last {fake.max_calls:,})")
    if not groups:
        lines.append("No Glue call was answered." if refused else "No Glue calls were made.")
    shown = list(enumerate(groups, calls.dropped + 1))
    if len(shown) > _HEAD + _TAIL:
        hidden = len(shown) - _HEAD - _TAIL
        shown = [*shown[:_HEAD], (0, []), *shown[-_TAIL:]]
    for number, group in shown:
        if not group:
            lines.append(f"  ... {hidden:,} calls not shown ...")
            continue
        lines.append(f"{number:>4}. " + _report_line(group))
    if refused:
        lines += ["Not answered by the fake:", *refused]
    lines.extend(_fire_lines(fake))
    return "\n".join(lines)


def _fire_lines(fake: GlueJobs) -> list[str]:
    """Which trigger started which run: the triggers' fires, oldest first."""
    fires = fake.service.fires()
    if not fires:
        return []
    lines = ["Triggers fired:"]
    for fire in fires[-(_HEAD + _TAIL) :]:
        when = datetime.datetime.fromtimestamp(fire.at, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        started = ", ".join(f"run {run_id} of job {job}" for job, run_id in fire.started) or "no run"
        line = f"  {fire.trigger} ({fire.reason}, {when} UTC, {fire.region}) -> {started}"
        line += "".join(f"; not {job}: {why}" for job, why in fire.not_started)
        if fire.left_out:
            line += f" ({fire.left_out:,} earlier fire times left out: max_catch_up is {fake.max_catch_up:,})"
        lines.append(line)
    return lines


def _report_line(group: list[Call]) -> str:
    first = group[0]
    params = first.params
    keys = ", ".join(f"{key}={_short(params[key])}" for key in _KEY_PARAMS if key in params)
    head = f"{first.operation}({keys}) in {first.region}"
    if len(group) == 1:
        again = f" (attempt {first.attempt})" if first.attempt > 1 else ""
        return f"{head} -> {_outcome(first)}{again}"
    attempts = "".join(f"\n        attempt {call.attempt}: {_outcome(call)}" for call in group)
    return f"{head} -> {group[-1].error or 'ok'} after {len(group)} attempts:{attempts}"


def _outcome(call: Call) -> str:
    if call.error is None:
        return "ok"
    said = call.explanation or call.message
    return f"{call.error}: {said}" if said else call.error


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
