"""moto in the same process: while a fake is active, moto's ``mock_aws`` never sees a Glue call
the fake answers; the operations the fake does not answer (the Data Catalog, crawlers, workflows…)
are left to moto.

moto answers at the same ``before-send`` event, for every service. botocore runs every handler of
that event and keeps the first answer, which is the fake's (its handler is registered on the more
specific ``before-send.glue``). Without this guard moto would still process each Glue request the
fake answered, changing its own Glue state and possibly raising, for an answer that is thrown away.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_GLUE_SEND = "before-send.glue."


def mock_active() -> bool:
    """moto's ``mock_aws`` is active: it answers AWS calls in-process, so nothing would leave."""
    models = sys.modules.get("moto.core.models")
    return bool(getattr(getattr(models, "botocore_stubber", None), "enabled", False))


def keep_off_faked_glue(
    stubber_module: ModuleType, fake_answers: Callable[[str], bool], faked_logs: Callable[[Any], bool]
) -> None:
    """Make moto's stubber pass on the Glue requests an active fake answers, and on the CloudWatch
    Logs requests a fake answers (about Glue's log groups); others are unchanged."""
    stubber_class = getattr(stubber_module, "BotocoreStubber", None)
    if stubber_class is None:
        return
    answer = stubber_class.__call__

    def answer_unless_faked(stubber: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if event_name.startswith(_GLUE_SEND):
            if fake_answers(event_name[len(_GLUE_SEND):]):
                return None
        elif faked_logs(request):
            return None
        return answer(stubber, event_name, request, **kwargs)

    stubber_class.__call__ = answer_unless_faked
