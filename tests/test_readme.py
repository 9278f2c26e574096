"""The README's examples are tests a user can copy: every Python block with tests must pass.

All blocks run in one pytest subprocess (one interpreter start instead of one per block), each
as its own test module, and each block's outcome is then checked on its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"
BLOCKS = [block for block in re.findall(r"```python\n(.*?)```", README.read_text(), re.S) if "def test_" in block]


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("readme")
    for index, block in enumerate(BLOCKS):
        (folder / f"test_block_{index}.py").write_text(block)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-rA", "-p", "no:cacheprovider", "--rootdir", str(folder), str(folder)],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=600,
        # Module-scoped, so it runs before the autouse cleanup: leave AWS settings out here too.
        env={name: value for name, value in os.environ.items() if not name.startswith("AWS_")},
    )
    return result.stdout + result.stderr


def test_the_readme_has_runnable_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=[f"block-{index}" for index in range(len(BLOCKS))])
def test_readme_example_passes(readme_run: str, index: int) -> None:
    module = f"test_block_{index}.py::"
    assert f"PASSED {module}" in readme_run, readme_run
    assert f"FAILED {module}" not in readme_run, readme_run
    assert f"ERROR {module}" not in readme_run, readme_run
