"""How Glue calls reach the active fake: botocore event handlers on every session and client.

Per call: ``choose-signer`` answers UNSIGNED (no credentials needed) and ``before-send`` answers
with real JSON 1.1 bytes, in the region of the client (botocore's request context names it), so
botocore parses them, raises its modeled exceptions and applies its own retry logic. Handlers are
installed once per process; with no fake active they change nothing, but the running test's first
Glue call warns that it goes to AWS, or is refused when the suite requires a fake
(``require_fake``): see ``unfaked``.

Importing this module imports no botocore, so loading the plugin costs a suite that never calls
AWS nothing. The handlers are installed the moment botocore is first imported, by anyone (the
code under test, a conftest.py: see ``hook_botocore``), or when a fake first activates; ``_install``
is the one place botocore is imported, and reaches every session and client made before it.

While any fake is active nothing reaches for credentials on the network or runs a credential
program for a Glue client: a Glue client made then resolves its credentials only when it first
signs (never, while a fake answers it), the instance-metadata provider of every session answers
nothing (``credentials``), and ``AWS_EC2_METADATA_DISABLED`` is set for sessions made meanwhile —
restored when the last active fake stops, whatever order fakes start and stop in.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .._data.errors import NotFakedError
from . import aio, moto, unfaked, watch

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest
    from botocore.hooks import BaseEventHooks

    from .endpoint import Endpoint
    from .wire import WireResponse

_HANDLER_ID = "pytest-gluejobs"

# The fakes active in this process, innermost last: the last one answers.
_active: list[Endpoint] = []
_install_lock = threading.Lock()
# The botocore Session class the handlers are installed on (a new one if botocore is imported anew).
_installed_on: type | None = None
# botocore.UNSIGNED, taken when the handlers are installed: no handler runs before that.
_UNSIGNED: Any = None
# Glue calls while no fake is active: refused (True) or sent wherever they would go (False).
_require_fake = False
# Creating a client with no credentials would otherwise probe the EC2 metadata endpoint.
_IMDS_SWITCH = "AWS_EC2_METADATA_DISABLED"
# The switch's value before the first of the active fakes started (None: it was unset).
_imds_before: str | None = None
# True from the fake's answer to the end of that call, so its retries skip their sleep. A context
# variable, not a thread-local: concurrent asyncio tasks on one thread each keep their own.
_faked_call: ContextVar[bool] = ContextVar("pytest_gluejobs_faked_call", default=False)


def activate(endpoint: Endpoint) -> None:
    global _imds_before
    _install()
    with _install_lock:
        if not _active:
            _imds_before = os.environ.get(_IMDS_SWITCH)
            os.environ[_IMDS_SWITCH] = "true"
        _active.append(endpoint)


def deactivate(endpoint: Endpoint) -> None:
    with _install_lock:
        if endpoint not in _active:
            return
        _active.remove(endpoint)
        if not _active:
            # Only the last fake to stop restores the switch: fakes may stop in any order.
            if _imds_before is None:
                os.environ.pop(_IMDS_SWITCH, None)
            else:
                os.environ[_IMDS_SWITCH] = _imds_before


def require_fake(required: bool) -> bool:
    """Refuse (True) or let through (False) Glue calls made while no fake is active.

    Returns the previous setting, so a nested pytest run can put it back.
    """
    global _require_fake
    if required:
        hook_botocore()
    previous, _require_fake = _require_fake, required
    return previous


def is_active(endpoint: Endpoint) -> bool:
    return endpoint in _active


def _choose_signer(event_name: str, context: Any = None, **_: Any) -> Any:
    # Unsigned also when a call will be refused: looking for credentials first could probe.
    if _active or _require_fake:
        return _UNSIGNED
    # Before signing, so a call that would fail for want of credentials still warns.
    if not moto.mock_active():
        region = context.get("client_region") if isinstance(context, dict) else None
        unfaked.sent_without_fake(event_name.rpartition(".")[2], region)
    return None


def _answer(request: AWSPreparedRequest, event_name: str, **_: Any) -> WireResponse | None:
    if not _active:
        if _require_fake and not moto.mock_active():
            region = request.context.get("client_region")  # type: ignore[attr-defined]
            raise unfaked.refusal(event_name.rpartition(".")[2], region)
        return None
    endpoint = _active[-1]
    # botocore's request context (the stubs do not declare it) names the client's region, and its
    # retry context tells which attempt this is and which client call its attempts share.
    context = request.context  # type: ignore[attr-defined]
    operation = event_name.rpartition(".")[2]
    region = context.get("client_region") or endpoint.default_region
    # Marked faked only once answered: the code of a run this call executes does not inherit the
    # mark, and nothing raised meanwhile (a KeyboardInterrupt, pytest.fail) can leave it set, so
    # other services' retries keep their sleeps. (Only a retry finds it set: reading is cheaper.)
    if _faked_call.get():
        _faked_call.set(False)
    try:
        answer = endpoint.answer(operation, request.body, region, context.get("retries"))
    except NotFakedError:
        if moto.mock_active():
            # moto answers what the fake does not: the Data Catalog, crawlers, workflows, ...
            return None
        unfaked.refused(operation, region, "NotFakedError")
        raise
    _faked_call.set(True)
    return answer


# In a CloudWatch Logs request's context: (the fake that answers it, the client's region). Set only
# for requests about Glue's log groups, so every other Logs call goes where it would without a fake.
LOGS_CLAIM = "pytest_gluejobs_logs"


def _claim_logs(params: Any, model: Any, context: dict[str, Any], **_: Any) -> None:
    if not _active or not isinstance(params, dict):
        return
    endpoint = _active[-1]
    region = context.get("client_region") or endpoint.default_region
    if endpoint.answers_logs(model.name, params, region):
        context[LOGS_CLAIM] = (endpoint, region)


def _choose_logs_signer(context: dict[str, Any] | None = None, **_: Any) -> Any:
    return _UNSIGNED if context and LOGS_CLAIM in context else None


def _answer_logs(request: AWSPreparedRequest, event_name: str, **_: Any) -> WireResponse | None:
    claim = request.context.get(LOGS_CLAIM)  # type: ignore[attr-defined]
    if claim is None:
        return None
    endpoint, region = claim
    body = request.body
    text = body.decode() if type(body) is bytes else body if isinstance(body, str) else ""
    answer: WireResponse = endpoint.answer_logs(event_name.rpartition(".")[2], text, region)
    return answer


def answers_logs_request(request: Any) -> bool:
    """Whether a fake answers this CloudWatch Logs request (one about Glue's log groups)."""
    context = getattr(request, "context", None)
    return isinstance(context, dict) and LOGS_CLAIM in context


def _call_done(**_: Any) -> None:
    _faked_call.set(False)


def answering_faked_call() -> bool:
    """Whether the call running in this thread or asyncio task is being answered by a fake."""
    return _faked_call.get()


def any_fake_active() -> bool:
    return bool(_active)


def fake_answers(operation: str) -> bool:
    """Whether an active fake answers this Glue operation (moto may answer the others)."""
    return bool(_active) and _active[-1].answers(operation)


class _TimeForEndpoint:
    """botocore.endpoint's ``time``: retries of calls the fake answered don't sleep."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    def sleep(self, seconds: float) -> None:
        if answering_faked_call():
            return
        time.sleep(seconds)


def _skip_rate_limiter_for_faked_calls() -> None:
    """Adaptive retry mode's client rate limiter waits (seconds, after a throttle) before sending.

    Its ``before-send`` handler runs after the fake's, so a faked call is known by then: it takes
    no token and never waits. Every other call is limited exactly as before.
    """
    from botocore.retries.bucket import TokenBucket

    limit = TokenBucket.acquire

    def acquire(self: TokenBucket, amount: int = 1, block: bool = True) -> bool:
        if answering_faked_call():
            return True
        result: bool = limit(self, amount, block)
        return result

    TokenBucket.acquire = acquire  # type: ignore[method-assign]


# Libraries that also hook botocore, adapted as they are imported (never imported here: importing
# aiobotocore costs ~180 ms that a sync-only test run should not pay).
_ADAPTERS: dict[str, Callable[[ModuleType], None]] = {
    "aiobotocore.endpoint": lambda module: aio.skip_faked_sleeps(module, answering_faked_call),
    "aiobotocore.retries.bucket": lambda module: aio.skip_faked_rate_limit(
        module, answering_faked_call
    ),
    "moto.core.botocore_stubber": lambda module: moto.keep_off_faked_glue(
        module, fake_answers, answers_logs_request
    ),
    # aiobotocore's session resolves credentials with its own provider classes.
    "aiobotocore.session": lambda module: aio.defer_glue_credentials(module, _faking),
}


_ADAPTED = "_pytest_gluejobs_adapted"


def _adapt(module: ModuleType) -> None:
    """Adapt one of those libraries' modules, once (a module imported anew is adapted anew)."""
    if not getattr(module, _ADAPTED, False):
        _ADAPTERS[module.__name__](module)
        setattr(module, _ADAPTED, True)


def _adapt_libraries() -> None:
    for name in _ADAPTERS:
        loaded = sys.modules.get(name)
        if loaded is not None:
            _adapt(loaded)
        watch.after_import(name, _adapt)


# (event, handler, must run before botocore's own handlers of that event)
_HANDLERS: tuple[tuple[str, Callable[..., Any], bool], ...] = (
    ("choose-signer.glue", _choose_signer, True),
    ("before-send.glue", _answer, True),
    ("after-call.glue", _call_done, False),
    ("after-call-error.glue", _call_done, False),
    # CloudWatch Logs: only requests about Glue's log groups are claimed; the others pass.
    ("before-parameter-build.logs", _claim_logs, False),
    ("choose-signer.logs", _choose_logs_signer, True),
    ("before-send.logs", _answer_logs, True),
)


def register(events: BaseEventHooks) -> None:
    """Route one session's or client's Glue events to the active fake (idempotent)."""
    for event, handler, first in _HANDLERS:
        add = events.register_first if first else events.register
        add(event, handler, unique_id=f"{_HANDLER_ID}-{event}")


def unregister(events: BaseEventHooks) -> None:
    """Take the handlers off one session's or client's events: botocore alone, as the benchmark's
    floor measures it."""
    for event, _, _ in _HANDLERS:
        events.unregister(event, unique_id=f"{_HANDLER_ID}-{event}")


def _faking() -> bool:
    """Whether a Glue client made now is answered by a fake, or refused: it needs no credentials."""
    return bool(_active or _require_fake)


def _carry_request_context() -> None:
    """Give every prepared request its request's context, as botocore does from 1.43.68 on.

    The handlers read the client's region and the retry attempt from it at ``before-send``; older
    botocore releases leave it on the unprepared request only. Nothing changes on newer ones.
    """
    from botocore.awsrequest import AWSRequest

    if hasattr(AWSRequest(method="GET", url="https://glue.us-east-1.amazonaws.com").prepare(), "context"):
        return
    prepare = AWSRequest.prepare

    def prepare_with_context(self: AWSRequest) -> Any:
        prepared = prepare(self)
        prepared.context = self.context  # type: ignore[attr-defined]
        return prepared

    AWSRequest.prepare = prepare_with_context  # type: ignore[method-assign]


def hook_botocore() -> None:
    """Install the handlers now if botocore is loaded, else the moment it is first imported."""
    if "botocore.session" in sys.modules:
        _install()
    else:
        watch.after_import("botocore.session", _install_on_import)


def _install_on_import(_: ModuleType) -> None:
    _install(scan=False)  # botocore.session has just executed: no session or client exists yet


def _install(scan: bool = True) -> None:
    """Reach every session made from now on and, unless botocore was only just imported, every
    session and client already made."""
    global _installed_on, _UNSIGNED
    loaded = sys.modules.get("botocore.session")
    if loaded is not None and getattr(loaded, "Session", None) is _installed_on:
        return  # every activation asks: answered without an import statement
    import botocore
    import botocore.endpoint
    from botocore.client import BaseClient
    from botocore.session import Session

    with _install_lock:
        if _installed_on is Session:
            return
        original_init = Session.__init__

        def init(self: Session, *args: Any, **kwargs: Any) -> None:
            original_init(self, *args, **kwargs)
            register(self.get_component("event_emitter"))

        Session.__init__ = init  # type: ignore[method-assign]
        _UNSIGNED = botocore.UNSIGNED
        _carry_request_context()
        from . import credentials

        credentials.keep_off_the_network(_faking, any_fake_active)
        if scan:
            # One scan per process (25-36 ms) for sessions and clients made before, e.g. at import.
            for obj in gc.get_objects():
                # By type, not isinstance: a dead weak proxy (PySpark keeps some) raises on isinstance.
                kind = type(obj)
                if issubclass(kind, Session):
                    register(obj.get_component("event_emitter"))
                elif issubclass(kind, BaseClient) and obj.meta.service_model.service_name in ("glue", "logs"):
                    register(obj.meta.events)
        botocore.endpoint.time = _TimeForEndpoint()  # type: ignore[attr-defined]
        _skip_rate_limiter_for_faked_calls()
        _adapt_libraries()
        _installed_on = Session
