"""The README's examples are tests a user can copy: every Python block with tests must pass.

A ``# conftest.py`` block or a ``# pytest.ini`` block goes with the test block that follows it.
Plain blocks all run in one pytest subprocess (one interpreter start instead of one per block),
each as its own test module, and each block's outcome is then checked on its own; a block with an
ini file needs a run of its own, since pytest reads one ini file per run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


@dataclass
class Example:
    test: str
    conftest: str | None = None
    ini: str | None = None


def _examples() -> list[Example]:
    examples = []
    setup: dict[str, str] = {}
    for language, body in re.findall(r"```(python|ini)\n(.*?)```", README.read_text(), re.S):
        first_line = body.split("\n", 1)[0].strip()
        if language == "python" and first_line == "# conftest.py":
            setup["conftest"] = body
        elif language == "ini" and first_line.startswith("# pytest.ini"):
            setup["ini"] = body
        elif language == "python" and "def test_" in body:
            examples.append(Example(body, **setup))
            setup = {}
    return examples


EXAMPLES = _examples()
IDS = [f"block-{index}" for index in range(len(EXAMPLES))]


def _run_pytest(folder: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-rA", "-p", "no:cacheprovider", "--rootdir", str(folder), str(folder)],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=600,
        # Module-scoped callers run before the autouse cleanup: leave AWS settings out here too.
        env={name: value for name, value in os.environ.items() if not name.startswith("AWS_")},
    )
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def readme_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    """The output that shows each example's outcome, by example."""
    shared = tmp_path_factory.mktemp("readme")
    outputs: dict[int, str] = {}
    for index, example in enumerate(EXAMPLES):
        folder = shared / f"block_{index}"
        if example.ini is not None:
            folder = tmp_path_factory.mktemp(f"readme_ini_{index}")
            (folder / "pytest.ini").write_text(example.ini)
        folder.mkdir(exist_ok=True)
        (folder / f"test_block_{index}.py").write_text(example.test)
        if example.conftest is not None:
            (folder / "conftest.py").write_text(example.conftest)
        if example.ini is not None:
            outputs[index] = _run_pytest(folder)
    shared_output = _run_pytest(shared)
    return {index: outputs.get(index, shared_output) for index in range(len(EXAMPLES))}


def test_the_readme_has_runnable_examples() -> None:
    assert len(EXAMPLES) >= 2
    assert any(example.conftest for example in EXAMPLES)
    assert any(example.ini for example in EXAMPLES)


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=IDS)
def test_readme_example_passes(readme_runs: dict[int, str], index: int) -> None:
    output = readme_runs[index]
    module = f"test_block_{index}.py::"
    assert re.search(rf"PASSED \S*{re.escape(module)}", output), output
    assert not re.search(rf"(FAILED|ERROR) \S*{re.escape(module)}", output), output
