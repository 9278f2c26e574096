"""moto in the same process: while a fake is active, moto's ``mock_aws`` never sees a Glue call.

moto answers at the same ``before-send`` event, for every service. botocore runs every handler of
that event and keeps the first answer, which is the fake's (its handler is registered on the more
specific ``before-send.glue``). Without this guard moto would still process each Glue request the
fake answered, changing its own Glue state and possibly raising, for an answer that is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

_GLUE_SEND = "before-send.glue."


def keep_off_faked_glue(
    stubber_module: ModuleType, fake_active: Callable[[], bool], faked_logs: Callable[[Any], bool]
) -> None:
    """Make moto's stubber pass on Glue requests while a fake is active, and on the CloudWatch Logs
    requests a fake answers (about Glue's log groups); others are unchanged."""
    stubber_class = getattr(stubber_module, "BotocoreStubber", None)
    if stubber_class is None:
        return
    answer = stubber_class.__call__

    def answer_unless_faked(stubber: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if fake_active() and (event_name.startswith(_GLUE_SEND) or faked_logs(request)):
            return None
        return answer(stubber, event_name, request, **kwargs)

    stubber_class.__call__ = answer_unless_faked
