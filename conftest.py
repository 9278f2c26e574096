"""Every Python block of README.md and docs/ runs as a test, so the documentation cannot drift.

Sybil finds the blocks. A block that defines ``test_*`` functions is what a user would save as a
test module, so it runs as one: written to a fresh folder and run by pytest (in-process, through
``pytester``), where markers, fixtures and the plugin behave exactly as in the user's suite; the
block passes when every test in it passes. A block starting ``# conftest.py`` (Python) or
``# pytest.ini`` (ini) is a file the next test block of the page needs, so it is written beside
it (found by looking back from the test block, so it works when pytest-xdist splits a page).
Any other Python block is a script, run as Sybil runs Python. ``<!-- skip: next -->`` before a
block leaves it out. ``<!-- fails: next -->`` before a test block shows a mistake: its tests must
fail (or not even be collected), and each line of the ``text`` block right after it must be in
pytest's output, in that order, so the page shows what the mistake really prints. A block whose
first line is ``# needs the spark extra …`` is skipped where PySpark is not installed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
from pathlib import Path
from typing import Any

import pytest
from sybil import Example, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, SkipParser

pytest_plugins = ["pytester"]

# The first line that marks a block as a file for the next test block, and that file's name.
SETUP_FILES = {"# conftest.py": "conftest.py", "# pytest.ini": "pytest.ini"}
# A block whose first line says so runs only where the spark extra is installed.
NEEDS_SPARK = "# needs the spark extra"
SPARK = importlib.util.find_spec("pyspark") is not None
_run_script = PythonEvaluator()
FAILS = "<!-- fails: next -->"
_OUTPUT_BLOCK = re.compile(r"\s*```text\n(?P<lines>.*?)^```", re.DOTALL | re.MULTILINE)
# A rule of pytest's output (`____ name ____`, `---- glue calls ----`): its width is the terminal's.
# A block starting `# test_first.py` is saved under that name, as the page tells the reader to.
_MODULE_NAME = re.compile(r"# (test_\w+\.py)\n")
_RULE = re.compile(r"^[-=_]{3,} (?P<title>.*?) [-=_]{3,}$")


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

    import pytest_gluejobs._fake  # the fake, with its compiled model

    with contextlib.suppress(ImportError):  # without the aio extra
        import aiobotocore.session  # noqa: F401
    if SPARK:
        # pytester would forget a PySpark imported inside a block, while its JVM lives on.
        import pyspark.sql  # noqa: F401

        import pytest_gluejobs._awsglue.context
        import pytest_gluejobs._awsglue.transforms  # noqa: F401


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
    if source.startswith(NEEDS_SPARK) and not SPARK:
        pytest.skip("needs the spark extra (PySpark and Java 17): pip install 'pytest-gluejobs[spark]'")
    if "def test_" not in source:
        _run_script(example)
        return
    pytester: pytest.Pytester = example.namespace["pytester"]
    _without_aws_settings(example.namespace["monkeypatch"], pytester.path)
    for name, text in _setup_files_before(example).items():
        (pytester.path / name).write_text(text)
    # Padded so that line numbers in a failure are the page's line numbers.
    padded = "\n" * (example.line + example.parsed.line_offset) + source
    named = _MODULE_NAME.match(source)
    module = named[1] if named else f"test_{Path(example.path).stem.lower()}_line_{example.line}.py"
    (pytester.path / module).write_text(padded)
    # Only the plugins a reader of the docs has: this one, and time-machine's fixture.
    example.namespace["monkeypatch"].setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_inprocess(
        "-p", "pytest_gluejobs.plugin", "-p", "time_machine", "-p", "no:cacheprovider", module
    )
    if _shows_a_mistake(example):
        _check_mistake(example, result)
        return
    outcomes = result.parseoutcomes()
    if result.ret != 0 or set(outcomes) - {"passed", "warnings"}:
        pytest.fail(
            f"The tests of the block at {Path(example.path).name}:{example.line} did not all "
            "pass; pytest's output for them is under 'Captured stdout call'.",
            pytrace=False,
        )


def _shows_a_mistake(example: Example) -> bool:
    return example.document.text[: example.region.start].rstrip().endswith(FAILS)


def _check_mistake(example: Example, result: pytest.RunResult) -> None:
    """A block showing a mistake fails, and prints what the page's ``text`` block after it says."""
    __tracebackhide__ = True
    where = f"{Path(example.path).name}:{example.line}"
    shown = _OUTPUT_BLOCK.match(example.document.text, example.region.end)
    if shown is None:
        raise ValueError(f"{where}: a block after {FAILS} must be followed by a ```text block")
    if result.ret == 0:
        pytest.fail(f"The block at {where} shows a mistake, but its tests passed.", pytrace=False)
    output = [_without_rule(line) for line in result.outlines]
    position = 0
    for expected in filter(None, (_without_rule(line) for line in shown["lines"].splitlines())):
        found = next((i for i in range(position, len(output)) if expected in output[i]), None)
        if found is None:
            pytest.fail(
                f"The output shown after the block at {where} has a line pytest did not print "
                f"(after the lines before it):\n  {expected}\npytest's output is under "
                "'Captured stdout call'.",
                pytrace=False,
            )
        position = found + 1


def _without_rule(line: str) -> str:
    """A line as compared: spaces collapsed, a rule reduced to its title."""
    line = " ".join(line.split())
    rule = _RULE.match(line)
    return rule["title"] if rule else line


def _without_aws_settings(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Run the block as on a fresh machine: no AWS settings, config files or credentials."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    empty = folder / "empty-aws-config"
    empty.touch()
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    # A block showing a Glue call made without a fake must not probe the instance-metadata
    # endpoint for credentials: no test reaches the network.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


pytest_collect_file: Any = Sybil(
    parsers=[
        SkipParser(),
        CodeBlockParser(language="python", evaluator=_run_block),
        CodeBlockParser(language="ini", evaluator=_check_setup_file),
    ],
    patterns=["README.md", "docs/*.md"],
    fixtures=["_doc_libraries", "pytester", "monkeypatch"],
).pytest()
