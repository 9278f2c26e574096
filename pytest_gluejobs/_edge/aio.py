"""aiobotocore: no real time passes for retries of calls the fake answered; other calls unchanged;
a Glue client made under a fake resolves no credentials until it signs.

aiobotocore reuses botocore's handlers and events, so the interception answers its clients as it is.
Its waiting is its own: the retry sleep ``AioEndpoint._sleep`` (and ``AnyioEndpoint._sleep`` for the
httpx backend), and adaptive mode's ``AsyncTokenBucket.acquire``, which holds a request back after
throttling. Both run after the fake's ``before-send`` answer, so they can tell. So are its
credential providers (``AioProcessProvider``, ``AioContainerProvider``, ...), which its session
runs when it creates a client.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from types import ModuleType
from typing import Any

Predicate = Callable[[], bool]


def skip_faked_sleeps(endpoint_module: ModuleType, answering_faked_call: Predicate) -> None:
    """Wrap the retry sleep of every endpoint class of ``aiobotocore.endpoint`` that defines one."""
    for class_name in ("AioEndpoint", "AnyioEndpoint"):
        endpoint_class = getattr(endpoint_module, class_name, None)
        if endpoint_class is not None and "_sleep" in vars(endpoint_class):
            endpoint_class._sleep = _sleep_unless_faked(endpoint_class._sleep, answering_faked_call)


def _sleep_unless_faked(
    sleep: Callable[[Any, float], Any], answering_faked_call: Predicate
) -> Callable[[Any, float], Any]:
    async def sleep_unless_faked(endpoint: Any, seconds: float) -> None:
        if not answering_faked_call():
            await sleep(endpoint, seconds)

    return sleep_unless_faked


def skip_faked_rate_limit(bucket_module: ModuleType, answering_faked_call: Predicate) -> None:
    """Faked calls take no token from adaptive mode's bucket (``aiobotocore.retries.bucket``)."""
    bucket_class = getattr(bucket_module, "AsyncTokenBucket", None)
    if bucket_class is None:
        return
    acquire = bucket_class.acquire

    async def acquire_unless_faked(bucket: Any, amount: int = 1, block: bool = True) -> Any:
        if answering_faked_call():
            return True
        return await acquire(bucket, amount=amount, block=block)

    bucket_class.acquire = acquire_unless_faked


# True while an AioSession makes a Glue client under a fake.
_making_glue_client: ContextVar[bool] = ContextVar("pytest_gluejobs_making_aio_glue_client", default=False)


class _CredentialsWhenSigning:
    """An aiobotocore Glue client's credentials, resolved by its session when it first signs."""

    method = "pytest-gluejobs-deferred"

    def __init__(self, resolve: Callable[[], Awaitable[Any]]) -> None:
        self._resolve = resolve

    async def get_frozen_credentials(self) -> Any:
        credentials = await self._resolve()
        if credentials is None:
            from botocore.exceptions import NoCredentialsError  # loaded by then: this signs

            raise NoCredentialsError()
        return await credentials.get_frozen_credentials()

    async def get_account_id(self) -> Any:
        credentials = await self._resolve()
        account_id = None if credentials is None else credentials.get_account_id()
        return await account_id if inspect.isawaitable(account_id) else account_id

    def get_deferred_property(self, property_name: str) -> Callable[[], Awaitable[Any]]:
        # botocore asks for this while making a client; aiobotocore then uses get_account_id.
        async def resolved() -> Any:
            return getattr(await self._resolve(), property_name, None)

        return resolved


def defer_glue_credentials(session_module: ModuleType, faking: Predicate) -> None:
    """``AioSession`` (``aiobotocore.session``): a Glue client made while ``faking()`` takes the
    session's credentials as they are, or credentials resolved when it first signs a request."""
    session_class = session_module.AioSession
    create, resolve = session_class._create_client, session_class.get_credentials

    async def create_client(session: Any, service_name: str, *args: Any, **kwargs: Any) -> Any:
        if service_name != "glue" or not faking():
            return await create(session, service_name, *args, **kwargs)
        token = _making_glue_client.set(True)
        try:
            return await create(session, service_name, *args, **kwargs)
        finally:
            _making_glue_client.reset(token)

    async def get_credentials(session: Any) -> Any:
        if _making_glue_client.get() and session._credentials is None:
            return _CredentialsWhenSigning(lambda: resolve(session))
        return await resolve(session)

    session_class._create_client = create_client
    session_class.get_credentials = get_credentials
