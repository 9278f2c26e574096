"""aiobotocore: no real time passes for retries of calls the fake answered; other calls unchanged.

aiobotocore reuses botocore's handlers and events, so the interception answers its clients as it is.
Only its waiting is its own: the retry sleep ``AioEndpoint._sleep`` (and ``AnyioEndpoint._sleep``
for the httpx backend), and adaptive mode's ``AsyncTokenBucket.acquire``, which holds a request
back after throttling. Both run after the fake's ``before-send`` answer, so they can tell.
"""

from __future__ import annotations

from collections.abc import Callable
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
