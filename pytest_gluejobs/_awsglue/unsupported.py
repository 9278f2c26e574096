"""How the stand-in answers for what it does not run, so a script fails at once and says why.

A member of AWS Glue's library that the stand-in leaves out raises ``NotImplementedError`` naming
the member and the page listing what works; it stays an attribute (``hasattr`` is true, as in
Glue), so only calling it fails. A name Glue's library does not have either raises
``AttributeError`` as Python would, with the nearest real names, so a misspelt member is caught
here as it would be on Glue. No PySpark here: every stand-in module may import this one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

DOCS_PAGE = "docs/etl.md"


def not_supported(owner: str, member: str, reason: str = "") -> NotImplementedError:
    """The error for ``owner.member``, a member of AWS Glue's library the stand-in does not run."""
    why = f" ({reason})" if reason else ""
    return NotImplementedError(
        f"{owner}.{member} is part of AWS Glue's awsglue library, but pytest-gluejobs does not "
        f"run it{why}; {DOCS_PAGE} lists the members that work."
    )


def unsupported(owner: str, member: str, reason: str = "") -> Callable[..., NoReturn]:
    """A stand-in for a method of ``owner`` that is not run: calling it raises `not_supported`.

    Assign it in the class body, ``mergeDynamicFrame = unsupported("DynamicFrame",
    "mergeDynamicFrame")``; any arguments are accepted, so the error names the member whatever
    the call looked like.
    """

    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        raise not_supported(owner, member, reason)

    refuse.__name__ = refuse.__qualname__ = member
    refuse.__doc__ = f"Not run by pytest-gluejobs: raises NotImplementedError (see {DOCS_PAGE})."
    return refuse


def no_such_attribute(
    owner: str, name: str, known: Iterable[str], hint: str = ""
) -> AttributeError:
    """Python's ``AttributeError`` for a name Glue's ``owner`` lacks too, with the nearest names."""
    public = sorted({member for member in known if not member.startswith("_")})
    close = difflib.get_close_matches(name, public, n=3, cutoff=0.6)
    if not close:
        lowered = {member.lower().replace("_", ""): member for member in public}
        match = lowered.get(name.lower().replace("_", ""))
        close = [match] if match else []
    suggestion = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    extra = f" {hint}" if hint else ""
    return AttributeError(f"'{owner}' object has no attribute '{name}'{suggestion}{extra}")
