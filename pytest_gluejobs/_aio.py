"""aiobotocore: retries of calls the fake answered don't sleep; every other call sleeps as before.

aiobotocore reuses botocore's handlers and events, so the interception answers its clients as it is;
only its retry sleep is its own: ``AioEndpoint._sleep`` (and ``AnyioEndpoint._sleep`` for the httpx
backend), awaited between attempts.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any


def skip_faked_sleeps(endpoint_module: ModuleType, answered_by_fake: Callable[[], bool]) -> None:
    """Wrap the retry sleep of every endpoint class of ``aiobotocore.endpoint`` that defines one."""
    for class_name in ("AioEndpoint", "AnyioEndpoint"):
        endpoint_class = getattr(endpoint_module, class_name, None)
        if endpoint_class is not None and "_sleep" in vars(endpoint_class):
            endpoint_class._sleep = _skipping(endpoint_class._sleep, answered_by_fake)


def _skipping(
    sleep: Callable[[Any, float], Any], answered_by_fake: Callable[[], bool]
) -> Callable[[Any, float], Any]:
    async def sleep_unless_faked(endpoint: Any, seconds: float) -> None:
        if answered_by_fake():
            return
        await sleep(endpoint, seconds)

    return sleep_unless_faked
