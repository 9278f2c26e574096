"""The docs site reads without the network, and builds without importing the plugin.

The site is built once (``mkdocs build --strict``, in a subprocess whose imports of botocore, boto3
and the plugin itself fail, so the API reference must come from the source as griffe reads it)
and its pages and stylesheets are searched for anything a browser would fetch from another host:
scripts, stylesheets, fonts, images. Code must be highlighted in the HTML itself, and the search
index built with the site.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# mkdocs run with the imports a reference page must not need made impossible.
BUILD = r"""
import sys


class RefuseImports:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("botocore", "boto3", "pytest_gluejobs"):
            raise ImportError(f"building the docs must not import {name}")


sys.meta_path.insert(0, RefuseImports())
from mkdocs.__main__ import cli

cli()
"""

# Link relations under which a browser fetches the target.
FETCHED_LINKS = {
    "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
    "shortcut", "apple-touch-icon", "manifest",
}
# Elements and the attribute holding what a browser fetches for them.
FETCHED_SOURCES = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "object": "data", "track": "src",
}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)


class _Fetches(HTMLParser):
    """The URLs of another host a browser would fetch to show one page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and FETCHED_LINKS & set(values.get("rel", "").lower().split()):
            self._external(f"<link rel={values['rel']}>", values.get("href", ""))
        attribute = FETCHED_SOURCES.get(tag)
        if attribute is not None:
            self._external(f"<{tag}>", values.get(attribute, ""))
        if tag == "source" and "srcset" in values:
            self._external("<source srcset>", values["srcset"])
        self.found += [f"<{tag} style>: {url}" for url in CSS_URL.findall(values.get("style", ""))]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += [f"<style>: {url}" for url in CSS_URL.findall(data)]

    def _external(self, where: str, url: str) -> None:
        if EXTERNAL.match(url):
            self.found.append(f"{where}: {url}")


def fetched_from_elsewhere(html: str) -> list[str]:
    parser = _Fetches()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("material", reason="the docs site needs the test extra (mkdocs-material)")
    pytest.importorskip("mkdocstrings_handlers.python", reason="the docs site needs mkdocstrings[python]")
    folder = tmp_path_factory.mktemp("site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", BUILD, "build", "--strict", "--quiet", "--site-dir", str(folder)],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return folder


def test_no_page_fetches_anything_from_another_host(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    fetched = {
        str(page.relative_to(site)): found
        for page in pages
        if (found := fetched_from_elsewhere(page.read_text(encoding="utf-8")))
    }
    assert fetched == {}


def test_no_stylesheet_fetches_anything_from_another_host(site: Path) -> None:
    sheets = sorted(site.rglob("*.css"))
    assert sheets
    fetched = {
        str(sheet.relative_to(site)): found
        for sheet in sheets
        if (found := CSS_URL.findall(sheet.read_text(encoding="utf-8")))
    }
    assert fetched == {}


def test_code_is_highlighted_in_the_html(site: Path) -> None:
    page = (site / "getting-started.html").read_text(encoding="utf-8")
    # Pygments' classes: `kn` a keyword of an import, `nf` a function name.
    assert '<span class="kn">import</span>' in page
    assert '<span class="nf">test_starts_the_nightly_job</span>' in page


def test_the_search_index_is_built_with_the_site(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {entry["location"] for entry in index["docs"]}
    assert "getting-started.html" in locations
    assert any("EndlessPollingError" in entry["text"] for entry in index["docs"])


def test_the_reference_is_generated_from_the_docstrings(site: Path) -> None:
    page = (site / "reference.html").read_text(encoding="utf-8")
    assert 'id="pytest_gluejobs.GlueJobs.add_job"' in page
    assert "Create a job by CreateJob" in page  # the first line of add_job's docstring


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="https://unpkg.com/x.js"></script>', ["<script>: https://unpkg.com/x.js"]),
        ('<link rel="stylesheet" href="//cdn.example/x.css">', ["<link rel=stylesheet>: //cdn.example/x.css"]),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["<link rel=preconnect>: https://fonts.gstatic.com"]),
        ("<style>@import 'https://fonts.googleapis.com/css';</style>", ["<style>: https://fonts.googleapis.com/css"]),
        ('<div style="background: url(http://x.example/a.png)"></div>', ["<div style>: http://x.example/a.png"]),
        ('<img src="https://x.example/a.svg">', ["<img>: https://x.example/a.svg"]),
        ('<a href="https://github.com/boto/botocore">botocore</a>', []),
        ('<link rel="canonical" href="https://example.org/page.html">', []),
        ('<script src="assets/javascripts/bundle.js"></script>', []),
    ],
)
def test_what_counts_as_fetched_from_another_host(html: str, found: list[str]) -> None:
    assert fetched_from_elsewhere(html) == found
