"""Every install line of README.md, CONTRIBUTING.md and docs/ works as written today.

The lines are found where a reader copies them from: the commands of ``bash``/``console`` blocks
and of inline code (``pip install``, ``python -m pip install``, ``uv pip install``, ``uv add``,
``pip wheel``). Each thing such a line installs is checked against what the project can vouch for,
without the network:

- the project from a clone (``.``, ``-e .``), with extras that pyproject.toml declares;
- the wheel ``pip wheel``/``python -m build`` put in ``dist/``, under the name they give it for
  this version, with declared extras (quoted, as a shell needs brackets to be);
- the package by name only once a release is dated in CHANGELOG.md (it is not on PyPI before);
- other packages only if pyproject.toml declares them (with extras it names), so no line can
  send a reader to a name that does not exist.
"""

from __future__ import annotations

import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the test extra installs tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
SHELL_BLOCK = re.compile(r"^```(?:bash|console|sh|shell)[ \t]*\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL)
ANY_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(?<!`)`(?P<code>[^`\n]+(?:\n[^`\n]+)?)`(?!`)")
INSTALLER = re.compile(
    r"\b(python3?\s+-m\s+pip\s+(install|wheel)|pip3?\s+(install|wheel)|uv\s+(pip\s+install|add)"
    r"|python3?\s+-m\s+build)\b"
)
# pip's options that take no value and change nothing about what is installed.
HARMLESS_FLAGS = {
    "-q", "--quiet", "-U", "--upgrade", "--no-cache-dir", "--no-deps", "--disable-pip-version-check",
    "--pre", "--user", "--force-reinstall",
}


@dataclass(frozen=True)
class Line:
    page: str
    number: int
    command: str

    def __str__(self) -> str:
        return f"{self.page}:{self.number}: {self.command}"


@dataclass(frozen=True)
class Project:
    """What the project can vouch for, read from its own files."""

    name: str
    version: str
    extras: frozenset[str]
    dependencies: dict[str, frozenset[str]]  # a declared dependency's name -> extras named for it
    released: bool

    @property
    def wheel(self) -> str:
        return f"{self.name.replace('-', '_')}-{self.version}-py3-none-any.whl"


def read_project(root: Path = ROOT) -> Project:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*pyproject["dependencies"], *(r for rs in pyproject["optional-dependencies"].values() for r in rs)]
    dependencies: dict[str, frozenset[str]] = {}
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        dependencies[name] = dependencies.get(name, frozenset()) | frozenset(requirement.extras)
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return Project(
        name=canonicalize_name(pyproject["name"]),
        version=pyproject["version"],
        extras=frozenset(pyproject["optional-dependencies"]),
        dependencies=dependencies,
        released=re.search(r"^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE) is not None,
    )


def install_lines(page: Path) -> list[Line]:
    """The commands of the page that install or build something, with their line numbers."""
    text = page.read_text(encoding="utf-8")
    name = str(page.relative_to(ROOT))
    found: list[Line] = []
    for block in SHELL_BLOCK.finditer(text):
        first = text.count("\n", 0, block.start("body")) + 1
        for offset, command in _commands(block["body"]):
            found.append(Line(name, first + offset, command))
    prose = ANY_BLOCK.sub(lambda block: "\n" * block[0].count("\n"), text)
    for code in INLINE_CODE.finditer(prose):
        number = prose.count("\n", 0, code.start()) + 1
        found += [Line(name, number, command) for _, command in _commands(code["code"].replace("\n", " "))]
    return [line for line in found if _installs(line.command)]


def _installs(command: str) -> bool:
    """A command that installs or builds: ``pip install`` named in a sentence is not one."""
    verb = INSTALLER.search(command)
    return verb is not None and (verb[0].endswith("build") or bool(command[verb.end() :].strip()))


def _commands(body: str) -> list[tuple[int, str]]:
    """Each command of a shell snippet, prompts and continuations undone, split at && ; |."""
    commands: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, raw in enumerate(body.splitlines()):
        line = raw.strip()
        line = line[2:] if line.startswith("$ ") else line
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = (pending + line).split(" #")[0].strip()
        pending = ""
        if whole and not whole.startswith("#"):
            commands += [(start, part.strip()) for part in re.split(r"&&|;|\|\|?", whole) if part.strip()]
    return commands


def problems(command: str, project: Project) -> list[str]:
    """What is wrong with one command; nothing for a command that works as written."""
    try:
        words = shlex.split(command, posix=False)
    except ValueError as error:
        return [f"not a shell command ({error})"]
    verb = INSTALLER.search(command)
    assert verb is not None
    tail = words[len(shlex.split(command[: verb.end()], posix=False)) :]
    if verb[0].split()[-1] == "build":
        return [] if all(word.startswith("-") or word == "." for word in tail) else [f"python -m build of {tail}: build the clone, '.'"]
    found: list[str] = []
    wheel_dir = None
    index = 0
    while index < len(tail):
        word = tail[index]
        index += 1
        if word in ("-w", "--wheel-dir"):
            wheel_dir = tail[index] if index < len(tail) else None
            index += 1
            continue
        if word in ("-e", "--editable"):
            if index >= len(tail):
                found.append("-e without a path")
            elif _unquote(tail[index]).partition("[")[0] != ".":
                found.append(f"-e {tail[index]}: the editable install is of the clone, '.'")
            continue
        if word.startswith("-"):
            if word not in HARMLESS_FLAGS:
                found.append(f"option {word} is not one a reader needs here")
            continue
        found += _requirement_problems(word, project)
    if verb[0].split()[-1] == "wheel" and wheel_dir not in ("dist", "dist/"):
        found.append("pip wheel must write to dist/ (-w dist), where the install lines look")
    return found


def _unquote(word: str) -> str:
    return shlex.split(word)[0] if word[:1] in "'\"" else word


def _requirement_problems(word: str, project: Project) -> list[str]:
    quoted = word[:1] in "'\""
    text = _unquote(word)
    if "[" in text and not quoted:
        return [f"{text}: brackets must be quoted, or a shell (zsh) takes them for a pattern"]
    target, _, extras_text = text.partition("[")
    extras = {extra.strip() for extra in extras_text.rstrip("]").split(",") if extra.strip()}
    if target == "." or "/" in target or target.endswith(".whl"):
        return _path_problems(target, extras, quoted, project)
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return [f"{text}: neither a path nor a package requirement"]
    name = canonicalize_name(requirement.name)
    if name == project.name:
        if not project.released:
            return [f"{text}: {project.name} is not on PyPI before its first release; install the built wheel"]
        return _extras_problems(text, set(requirement.extras), project.extras)
    if name not in project.dependencies:
        return [f"{text}: {requirement.name} is not a package pyproject.toml declares, so nothing vouches for it"]
    return _extras_problems(text, set(requirement.extras), project.dependencies[name])


def _path_problems(target: str, extras: set[str], quoted: bool, project: Project) -> list[str]:
    if target == ".":
        return _extras_problems(".", extras, project.extras)
    path = PurePosixPath(target)
    if path.parent.name != "dist" or not path.name.endswith(".whl"):
        return [f"{target}: not the wheel the project builds (dist/{project.wheel}) nor the clone ('.')"]
    if any(char in path.name for char in "*?"):
        if quoted or extras:
            return [f"{target}: a pattern only matches unquoted and without extras; name the wheel: dist/{project.wheel}"]
        if not PurePosixPath(project.wheel).match(path.name):
            return [f"{target}: matches no wheel the build makes ({project.wheel})"]
        return []
    if path.name != project.wheel:
        return [f"{target}: the build makes dist/{project.wheel}"]
    return _extras_problems(target, extras, project.extras)


def _extras_problems(what: str, extras: set[str], known: frozenset[str]) -> list[str]:
    unknown = sorted(extras - known)
    return [f"{what}: no extra {', '.join(unknown)} (there are: {', '.join(sorted(known)) or 'none'})"] if unknown else []


PROJECT = read_project()
LINES = [line for page in PAGES for line in install_lines(page)]


def test_the_pages_install_lines_are_found() -> None:
    commands = {(line.page, line.command) for line in LINES}
    assert ("README.md", "pip wheel --no-deps -w dist .") in commands
    assert ("README.md", "pip install -e '.[test]'") in commands
    assert ("docs/recipes/airflow.md", f"pip install 'dist/{PROJECT.wheel}[airflow]'") in commands
    assert any(line.page == "docs/development.md" and "/tmp/v/bin/pip install" in line.command for line in LINES)


@pytest.mark.parametrize("line", LINES, ids=str)
def test_the_install_line_works_as_written(line: Line) -> None:
    assert problems(line.command, PROJECT) == []


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("pip install pytest-gluejobs", "not on PyPI before its first release"),
        ("pip install 'pytest-gluejobs[aio]'", "not on PyPI before its first release"),
        ("pip install apache-airflow-providers-amazon-glue", "not a package pyproject.toml declares"),
        ("pip install 'moto[s3,ec2]'", "no extra ec2"),
        ("pip install '.[nope]'", "no extra nope"),
        ("pip install -e .[test]", "brackets must be quoted"),
        ("pip install dist/pytest_gluejobs-*.whl[aio]", "brackets must be quoted"),
        ("pip install 'dist/pytest_gluejobs-*.whl[aio]'", "a pattern only matches unquoted"),
        ("pip install 'dist/pytest_gluejobs-9.9.9-py3-none-any.whl'", "the build makes dist/"),
        ("pip install 'build/pytest_gluejobs-0.1.0-py3-none-any.whl'", "not the wheel the project builds"),
        ("pip install /path/to/pytest-gluejobs", "not the wheel the project builds"),
        ("pip install -e ../other", "the editable install is of the clone"),
        ("pip install --index-url https://example.org/simple pytest", "option --index-url"),
        ("pip wheel --no-deps .", "must write to dist/"),
        ("uv pip install nonexistent", "not a package pyproject.toml declares"),
    ],
)
def test_what_would_fail_for_a_reader_is_caught(command: str, problem: str) -> None:
    project = Project(
        name="pytest-gluejobs", version="0.1.0", extras=frozenset({"aio", "test"}),
        dependencies={"moto": frozenset({"s3", "glue"}), "pytest": frozenset()}, released=False,
    )
    assert any(problem in found for found in problems(command, project)), problems(command, project)


@pytest.mark.parametrize(
    "command",
    [
        "pip install 'dist/pytest_gluejobs-0.1.0-py3-none-any.whl[aio]'",
        "pip install dist/pytest_gluejobs-*.whl",
        "python -m pip install --no-cache-dir -e '.[test]'",
        "uv pip install 'moto[s3]' pytest",
        "python -m build",
    ],
)
def test_what_works_is_let_through(command: str) -> None:
    project = Project(
        name="pytest-gluejobs", version="0.1.0", extras=frozenset({"aio", "test"}),
        dependencies={"moto": frozenset({"s3", "glue"}), "pytest": frozenset()}, released=False,
    )
    assert problems(command, project) == []


def test_after_a_release_the_name_alone_installs(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2027-01-15\n")
    released = read_project(tmp_path)

    assert problems("pip install 'pytest-gluejobs[aio]'", released) == []
    assert problems("pip install 'pytest-gluejobs[nope]'", released) != []
