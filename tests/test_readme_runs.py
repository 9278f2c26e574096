"""The README's job-run and tag examples run as written and pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def section(title: str) -> str:
    """The README from the heading ``## title`` up to the next ``## `` heading."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


def test_the_polling_loop_and_tags_examples_pass(pytester: pytest.Pytester) -> None:
    (polling,) = python_blocks(section("Job runs"))
    (tagging,) = python_blocks(section("Tags"))
    assert polling.startswith("# test_glue_polling.py\n")
    pytester.makepyfile(test_glue_polling=polling, test_tagging=tagging)

    # A broken timeout would make the example's polling loop spin forever: bound it.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=300)

    result.assert_outcomes(passed=4)
