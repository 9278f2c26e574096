"""How Glue calls reach the active fake: botocore event handlers on every session and client.

Per call: ``choose-signer`` answers UNSIGNED (no credentials needed), ``before-sign`` notes the
client's region for the call, and ``before-send`` answers with real JSON 1.1 bytes, so botocore
parses them, raises its modeled exceptions and applies its own retry logic. Handlers are installed
once per process, on first activation; with no fake active they return None and change nothing,
unless Glue calls are refused then (``require_fake``).

While any fake is active nothing reaches for credentials on the network or runs a credential
program for a Glue client: a Glue client made then resolves its credentials only when it first
signs (never, while a fake answers it), the instance-metadata provider of every session answers
nothing, and ``AWS_EC2_METADATA_DISABLED`` is set for sessions made meanwhile — restored when the
last active fake stops, whatever order fakes start and stop in.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from types import ModuleType
from typing import Any

import botocore
import botocore.endpoint
from botocore.awsrequest import AWSPreparedRequest
from botocore.client import BaseClient
from botocore.credentials import Credentials, InstanceMetadataProvider
from botocore.exceptions import NoCredentialsError
from botocore.hooks import BaseEventHooks
from botocore.retries.bucket import TokenBucket
from botocore.session import Session

from .._data.errors import NoFakeActiveError, NotFakedError
from .._service.cloudwatch_logs import OPERATIONS as LOGS_OPERATIONS
from .._service.operations import OPERATIONS, TABLE
from . import aio, moto
from .endpoint import Endpoint
from .wire import WireResponse

_HANDLER_ID = "pytest-gluejobs"

# The fakes active in this process, innermost last: the last one answers.
_active: list[Endpoint] = []
_install_lock = threading.Lock()
_installed = False
# Glue calls while no fake is active: refused (True) or sent wherever they would go (False).
_require_fake = False
# Creating a client with no credentials would otherwise probe the EC2 metadata endpoint.
_IMDS_SWITCH = "AWS_EC2_METADATA_DISABLED"
# The switch's value before the first of the active fakes started (None: it was unset).
_imds_before: str | None = None
# True while a Glue client is made under a fake: no credential provider may use the network.
_making_glue_client: ContextVar[bool] = ContextVar("pytest_gluejobs_making_glue_client", default=False)
# True from the fake's answer to the end of that call, so its retries skip their sleep. A context
# variable, not a thread-local: concurrent asyncio tasks on one thread each keep their own.
_faked_call: ContextVar[bool] = ContextVar("pytest_gluejobs_faked_call", default=False)
# The client's region, noted when botocore signs a Glue request and taken when the fake answers
# it, in the same thread or task (cheaper than a header on the request: no header parsing).
_call_region: ContextVar[str | None] = ContextVar("pytest_gluejobs_call_region", default=None)


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
        _install()
    previous, _require_fake = _require_fake, required
    return previous


def is_active(endpoint: Endpoint) -> bool:
    return endpoint in _active


def _choose_signer(**_: Any) -> Any:
    # Unsigned also when a call will be refused: looking for credentials first could probe.
    return botocore.UNSIGNED if _active or _require_fake else None


def _note_region(region_name: str, **_: Any) -> None:
    if _active:
        _call_region.set(region_name)


def _answer(request: AWSPreparedRequest, event_name: str, **_: Any) -> WireResponse | None:
    if not _active:
        if _require_fake and not moto.mock_active():
            _refuse_unfaked(event_name.rpartition(".")[2])
        return None
    endpoint = _active[-1]
    operation = event_name.rpartition(".")[2]
    if operation not in TABLE:
        if moto.mock_active():
            # moto answers what the fake does not: the Data Catalog, crawlers, workflows, ...
            _call_region.set(None)
            return None
        raise NotFakedError(
            f"pytest-gluejobs: Glue operation {operation} is not faked, and a fake is active, so "
            f"it was not sent to AWS. Faked operations: {', '.join(OPERATIONS)}. Run the code "
            "inside moto's mock_aws too and moto answers the operations the fake does not."
        )
    region = _call_region.get()
    _call_region.set(None)  # a request that was never signed cannot take another's region
    if _late_patches:
        _patch_late_imports()
    # The retry context tells which attempt this is, and which client call its attempts share.
    # botocore sets ``context`` on every prepared request; the stubs do not declare it.
    retries = request.context.get("retries")  # type: ignore[attr-defined]
    # Marked faked only once answered: the code of a run this call executes does not inherit the
    # mark, and nothing raised meanwhile (a KeyboardInterrupt, pytest.fail) can leave it set, so
    # other services' retries keep their sleeps.
    _faked_call.set(False)
    answer = endpoint.answer(operation, request.body, region or endpoint.default_region, retries)
    _faked_call.set(True)
    return answer


# In a CloudWatch Logs request's context: (the fake that answers it, the client's region). Set only
# for requests about Glue's log groups, so every other Logs call goes where it would without a fake.
LOGS_CLAIM = "pytest_gluejobs_logs"


def _claim_logs(params: Any, model: Any, context: dict[str, Any], **_: Any) -> None:
    if not _active or model.name not in LOGS_OPERATIONS or not isinstance(params, dict):
        return
    endpoint = _active[-1]
    region = context.get("client_region") or endpoint.default_region
    if endpoint.service.answers_logs(params, region):
        context[LOGS_CLAIM] = (endpoint, region)


def _choose_logs_signer(context: dict[str, Any] | None = None, **_: Any) -> Any:
    return botocore.UNSIGNED if context and LOGS_CLAIM in context else None


def _answer_logs(request: AWSPreparedRequest, event_name: str, **_: Any) -> WireResponse | None:
    claim = request.context.get(LOGS_CLAIM)  # type: ignore[attr-defined]
    if claim is None:
        return None
    endpoint, region = claim
    operation = event_name.rpartition(".")[2]
    body = request.body
    params = json.loads(body if isinstance(body, (bytes, str)) and body else "{}")
    answer: WireResponse = endpoint.answer_logs(operation, params, region)
    return answer


def answers_logs_request(request: Any) -> bool:
    """Whether a fake answers this CloudWatch Logs request (one about Glue's log groups)."""
    context = getattr(request, "context", None)
    return isinstance(context, dict) and LOGS_CLAIM in context


def _refuse_unfaked(operation: str) -> None:
    raise NoFakeActiveError(
        f"pytest-gluejobs: Glue {operation} was called while no fake was active, and "
        "glue_jobs_require_fake = true keeps Glue calls from reaching AWS, so it was not sent. "
        "Activate the fake for this code: request the glue_jobs (or glue_client) fixture, mark "
        "the test @pytest.mark.glue_job(...), or run it inside `with fake_glue_jobs():`."
    )


def _call_done(**_: Any) -> None:
    _faked_call.set(False)


def answering_faked_call() -> bool:
    """Whether the call running in this thread or asyncio task is being answered by a fake."""
    return _faked_call.get()


def any_fake_active() -> bool:
    return bool(_active)


def fake_answers(operation: str) -> bool:
    """Whether an active fake answers this Glue operation (moto may answer the others)."""
    return bool(_active) and operation in TABLE


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
    limit = TokenBucket.acquire

    def acquire(self: TokenBucket, amount: int = 1, block: bool = True) -> bool:
        if answering_faked_call():
            return True
        result: bool = limit(self, amount, block)
        return result

    TokenBucket.acquire = acquire  # type: ignore[method-assign]


# Libraries that also hook botocore, adapted once they are imported; looked for lazily, because
# importing aiobotocore costs ~180 ms that a sync-only test run should not pay.
_late_patches: dict[str, Callable[[ModuleType], None]] = {
    "aiobotocore.endpoint": lambda module: aio.skip_faked_sleeps(module, answering_faked_call),
    "aiobotocore.retries.bucket": lambda module: aio.skip_faked_rate_limit(
        module, answering_faked_call
    ),
    "moto.core.botocore_stubber": lambda module: moto.keep_off_faked_glue(
        module, fake_answers, answers_logs_request
    ),
}


def _patch_late_imports() -> None:
    if _late_patches.keys().isdisjoint(sys.modules.keys()):  # in C: this runs on every call
        return
    with _install_lock:
        for name in [name for name in _late_patches if name in sys.modules]:
            _late_patches.pop(name)(sys.modules[name])


# (event, handler, must run before botocore's own handlers of that event)
_HANDLERS: tuple[tuple[str, Callable[..., Any], bool], ...] = (
    ("choose-signer.glue", _choose_signer, True),
    ("before-sign.glue", _note_region, False),
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


class _CredentialsWhenSigning(Credentials):
    """A Glue client's credentials, resolved by its session only when a request is first signed.

    A fake never signs, so while it answers no provider runs; once the client signs, the
    session resolves them exactly as it would have when the client was made.
    """

    def __init__(self, resolve: Callable[[], Any]) -> None:  # no super(): nothing is known yet
        self._resolve = resolve
        self.method = "pytest-gluejobs-deferred"

    def _resolved(self) -> Credentials:
        credentials = self._resolve()
        if credentials is None:
            raise NoCredentialsError()
        return credentials  # type: ignore[no-any-return]

    access_key = property(lambda self: self._resolved().access_key)
    secret_key = property(lambda self: self._resolved().secret_key)
    token = property(lambda self: self._resolved().token)
    account_id = property(lambda self: self._resolved().account_id)

    def get_frozen_credentials(self) -> Any:
        return self._resolved().get_frozen_credentials()

    def get_deferred_property(self, property_name: str) -> Callable[[], Any]:
        return lambda: getattr(self._resolved(), property_name, None)


def _keep_credentials_off_the_network() -> None:
    """No credential provider runs a program or reaches the network for a Glue client made under
    a fake, and no session reaches the instance-metadata endpoint while one is active.

    botocore resolves a session's credentials when it creates a client: a profile's
    ``credential_process`` (an SSO or MFA helper) runs then, and the container and
    instance-metadata providers ask their endpoints. A Glue client made while a fake is active
    takes the session's credentials as they are if it holds some, and otherwise credentials the
    session resolves when the client first signs a request (``_CredentialsWhenSigning``), which
    happens only once no fake answers it. A session made before the fake holds an
    instance-metadata provider built while ``AWS_EC2_METADATA_DISABLED`` was unset: while a fake is
    active it answers nothing, for any client.
    """
    create_client = Session.create_client
    resolve = Session.get_credentials
    from_metadata = InstanceMetadataProvider.load

    def create_client_off_the_network(self: Session, service_name: str, *args: Any, **kwargs: Any) -> Any:
        if service_name != "glue" or not (_active or _require_fake):
            return create_client(self, service_name, *args, **kwargs)
        token = _making_glue_client.set(True)
        try:
            return create_client(self, service_name, *args, **kwargs)
        finally:
            _making_glue_client.reset(token)

    def credentials_when_signing(self: Session) -> Any:
        if _making_glue_client.get() and self._credentials is None:  # type: ignore[attr-defined]
            return _CredentialsWhenSigning(lambda: resolve(self))
        return resolve(self)

    def metadata_unless_faked(self: InstanceMetadataProvider) -> Any:
        if _active or _making_glue_client.get():
            return None
        return from_metadata(self)

    Session.create_client = create_client_off_the_network  # type: ignore[method-assign]
    Session.get_credentials = credentials_when_signing  # type: ignore[method-assign]
    InstanceMetadataProvider.load = metadata_unless_faked  # type: ignore[method-assign]


def _faking() -> bool:
    return bool(_active or _require_fake)


_aio_credentials_deferred = False


def _defer_aio_credentials() -> None:
    """aiobotocore's session resolves credentials with its own provider classes: the same
    deferral for its Glue clients, once ``aiobotocore.session`` is imported."""
    global _aio_credentials_deferred
    module = sys.modules.get("aiobotocore.session")
    if module is None or _aio_credentials_deferred:
        return
    with _install_lock:
        if not _aio_credentials_deferred:
            aio.defer_glue_credentials(module, _faking)
            _aio_credentials_deferred = True


def _install() -> None:
    """Reach every session made from now on, and, once, every session and client already made."""
    global _installed
    with _install_lock:
        if _installed:
            return
        original_init = Session.__init__

        def init(self: Session, *args: Any, **kwargs: Any) -> None:
            original_init(self, *args, **kwargs)
            register(self.get_component("event_emitter"))
            if not _aio_credentials_deferred:
                _defer_aio_credentials()

        Session.__init__ = init  # type: ignore[method-assign]
        _keep_credentials_off_the_network()
        # One scan per process (25-36 ms) for clients made before the first fake, e.g. at import.
        for obj in gc.get_objects():
            # By type, not isinstance: a dead weak proxy (PySpark keeps some) raises on isinstance.
            kind = type(obj)
            if issubclass(kind, Session):
                register(obj.get_component("event_emitter"))
            elif issubclass(kind, BaseClient) and obj.meta.service_model.service_name in ("glue", "logs"):
                register(obj.meta.events)
        botocore.endpoint.time = _TimeForEndpoint()  # type: ignore[attr-defined]
        _skip_rate_limiter_for_faked_calls()
        _installed = True
    _defer_aio_credentials()
