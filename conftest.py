"""Every Python block of README.md and docs/ runs as a test, so the documentation cannot drift.

Sybil finds the blocks. A block that defines ``test_*`` functions is what a user would save as a
test module, so it runs as one: written to a fresh folder and run by pytest (in-process, through
``pytester``), where markers, fixtures and the plugin behave exactly as in the user's suite; the
block passes when every test in it passes. A block starting ``# conftest.py`` (Python) or
``# pytest.ini`` (ini) is a file the next test block of the page needs, so it is written beside
it (found by looking back from the test block, so it works when pytest-xdist splits a page).
Any other Python block is a script, run as Sybil runs Python. ``<!-- skip: next -->`` before a
block leaves it out.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import pytest
from sybil import Example, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, SkipParser

pytest_plugins = ["pytester"]

# The first line that marks a block as a file for the next test block, and that file's name.
SETUP_FILES = {"# conftest.py": "conftest.py", "# pytest.ini": "pytest.ini"}
_run_script = PythonEvaluator()


@pytest.fixture(scope="session")
def _doc_libraries() -> None:
    """Import what the blocks use once, before any pytester snapshot of ``sys.modules``.

    pytester forgets modules imported during a run; importing moto or aiobotocore again for
    every block would be slow, and these libraries expect to be imported once per process.
    """
    import boto3  # noqa: F401
    import freezegun  # noqa: F401
    import moto  # noqa: F401
    import time_machine  # noqa: F401

    import pytest_gluejobs._fake  # noqa: F401 - the fake, with its compiled model

    with contextlib.suppress(ImportError):  # the aio extra needs Python 3.10+
        import aiobotocore.session  # noqa: F401


def _setup_file_name(source: str) -> str | None:
    first_line = source.partition("\n")[0]
    return next((name for mark, name in SETUP_FILES.items() if first_line.startswith(mark)), None)


def _check_setup_file(example: Example) -> None:
    """A setup block does nothing by itself: the test block after it uses it."""
    if _setup_file_name(str(example.parsed)) is None:
        raise ValueError(f"{example.path}:{example.line}: an ini block must start '# pytest.ini'")


def _setup_files_before(example: Example) -> dict[str, str]:
    """The setup blocks right before this block on the page, by file name."""
    files: dict[str, str] = {}
    earlier = [region for start, region in example.document.regions if start < example.region.start]
    for region in reversed(earlier):
        source = region.parsed if isinstance(region.parsed, str) else ""
        name = _setup_file_name(source)
        if name is None:
            break
        files.setdefault(name, source)
    return files


def _skipped(example: Example) -> bool:
    """Whether ``<!-- skip: next -->`` comes right before this block.

    Sybil skips by state its skip region leaves when it runs; under pytest-xdist that region may
    run on another worker than the block, so the block looks back for it itself.
    """
    earlier = [region for start, region in example.document.regions if start < example.region.start]
    return bool(earlier) and earlier[-1].parsed == ("next", None)


def _run_block(example: Example) -> None:
    __tracebackhide__ = True
    source = str(example.parsed)
    if _setup_file_name(source) is not None or _skipped(example):
        return
    if "def test_" not in source:
        _run_script(example)
        return
    pytester: pytest.Pytester = example.namespace["pytester"]
    _without_aws_settings(example.namespace["monkeypatch"], pytester.path)
    for name, text in _setup_files_before(example).items():
        (pytester.path / name).write_text(text)
    # Padded so that line numbers in a failure are the page's line numbers.
    padded = "\n" * (example.line + example.parsed.line_offset) + source
    module = f"test_{Path(example.path).stem.lower()}_line_{example.line}.py"
    (pytester.path / module).write_text(padded)
    # Only the plugins a reader of the docs has: this one, and time-machine's fixture.
    example.namespace["monkeypatch"].setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_inprocess(
        "-p", "pytest_gluejobs.plugin", "-p", "time_machine", "-p", "no:cacheprovider", module
    )
    outcomes = result.parseoutcomes()
    if result.ret != 0 or set(outcomes) - {"passed", "warnings"}:
        pytest.fail(
            f"The tests of the block at {Path(example.path).name}:{example.line} did not all "
            "pass; pytest's output for them is under 'Captured stdout call'.",
            pytrace=False,
        )


def _without_aws_settings(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Run the block as on a fresh machine: no AWS variables, config files or credentials."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    empty = folder / "empty-aws-config"
    empty.touch()
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))


pytest_collect_file: Any = Sybil(
    parsers=[
        SkipParser(),
        CodeBlockParser(language="python", evaluator=_run_block),
        CodeBlockParser(language="ini", evaluator=_check_setup_file),
    ],
    patterns=["README.md", "docs/*.md"],
    fixtures=["_doc_libraries", "pytester", "monkeypatch"],
).pytest()
