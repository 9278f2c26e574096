"""What a release is made of agrees with itself: Pythons, addresses, the changelog's sections.

pyproject.toml holds the version, the supported Pythons and the project's addresses; the tests
workflow, mkdocs.yml and CHANGELOG.md must say the same, so a release cannot claim a Python the
suite does not run on, link to another home, or ship without its section of the changelog.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the test extra installs tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
SECTION = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2}|not yet released)$")


def _classified_pythons() -> list[str]:
    prefix = "Programming Language :: Python :: 3."
    return [f"3.{c[len(prefix):]}" for c in PROJECT["classifiers"] if c.startswith(prefix)]


def _workflow_pythons() -> list[str]:
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    matrix = re.search(r"^\s+python: \[(?P<list>[^\]]*)\]$", workflow, re.MULTILINE)
    assert matrix is not None, "tests.yml has no python matrix"
    return [item.strip().strip("\"'") for item in matrix["list"].split(",")]


def test_the_classified_pythons_are_those_the_tests_run_on() -> None:
    assert _classified_pythons() == _workflow_pythons()


def test_the_oldest_classified_python_is_the_oldest_installable_one() -> None:
    pythons = [Version(python) for python in _classified_pythons()]
    allowed = SpecifierSet(PROJECT["requires-python"])

    assert all(python in allowed for python in pythons)
    assert Version(f"3.{min(pythons).minor - 1}") not in allowed


def test_the_addresses_are_one_home() -> None:
    urls = PROJECT["urls"]
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url: (\S+)$", mkdocs, re.MULTILINE)
    repository = urls["Repository"]

    assert site_url is not None and site_url[1] == urls["Documentation"]
    assert f"link: {repository}\n" in mkdocs
    assert urls["Homepage"] == repository
    assert urls["Issues"].startswith(repository + "/")
    assert urls["Changelog"].startswith(repository + "/")


def test_the_changelog_has_a_section_per_release_newest_first() -> None:
    headings = re.findall(r"^## .*$", CHANGELOG, re.MULTILINE)
    assert headings[0] == "## [Unreleased]"
    sections = [SECTION.match(heading) for heading in headings[1:]]
    assert all(sections), [heading for heading, match in zip(headings[1:], sections) if match is None]
    versions = [Version(match["version"]) for match in sections if match]
    assert versions == sorted(versions, reverse=True)
    assert len(set(versions)) == len(versions)


def test_the_version_is_the_newest_section_of_the_changelog() -> None:
    newest = SECTION.match(re.findall(r"^## \[\d.*$", CHANGELOG, re.MULTILINE)[0])
    assert newest is not None
    assert newest["version"] == PROJECT["version"]
    undated = [m["version"] for m in map(SECTION.match, CHANGELOG.splitlines()) if m and m["date"] == "not yet released"]
    assert undated in ([], [PROJECT["version"]]), "only the version being prepared may be undated"
