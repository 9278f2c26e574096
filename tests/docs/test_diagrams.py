"""The diagrams of the docs are drawn from their sources, and shown.

Each ``docs/diagrams/*.dot`` is rendered by Graphviz to the ``.svg`` beside it
(``python docs/diagrams/render.py``) and both are committed, so the site builds without Graphviz.
An SVG records the hash of its source: a source edited without rendering again fails here. Where
``dot`` is installed, the SVG must also draw what ``dot`` draws from the source now — the same
nodes, edges and labels (positions may differ between Graphviz releases and fonts).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIAGRAMS = ROOT / "docs" / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _load_render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_diagrams", DIAGRAMS / "render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _load_render()
SOURCES = render.sources()


def drawn(svg: str) -> list[str]:
    """What an SVG of dot's shows, positions aside: each node's and edge's title, and every text."""
    tree = ElementTree.fromstring(svg.encode())
    titles = [element.text or "" for element in tree.iter(f"{SVG}title")]
    texts = [element.text or "" for element in tree.iter(f"{SVG}text")]
    return sorted(titles) + sorted(texts)


def test_there_are_diagrams_and_every_svg_has_its_source() -> None:
    assert {source.stem for source in SOURCES} >= {"run-lifecycle", "request-path", "seeding"}
    assert {svg.stem for svg in DIAGRAMS.glob("*.svg")} == {source.stem for source in SOURCES}


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_the_svg_was_rendered_from_the_source_as_it_is(source: Path) -> None:
    svg = source.with_suffix(".svg").read_text(encoding="utf-8")

    assert render.recorded_digest(svg) == render.digest(source), (
        f"{source.name} changed since {source.stem}.svg was rendered: run python docs/diagrams/render.py"
    )


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_the_svg_draws_what_dot_draws_from_the_source(source: Path) -> None:
    committed = source.with_suffix(".svg").read_text(encoding="utf-8")

    assert drawn(committed) == drawn(render.render(source))


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_the_svg_fetches_nothing(source: Path) -> None:
    tree = ElementTree.fromstring(source.with_suffix(".svg").read_bytes())
    links = [
        value
        for element in tree.iter()
        for name, value in element.attrib.items()
        if name in ("href", XLINK_HREF) or "url(" in value
    ]
    assert links == []
    assert not list(tree.iter(f"{SVG}image"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.name)
def test_every_diagram_is_shown_on_a_page(source: Path) -> None:
    shown = re.compile(rf"!\[[^\]]+\]\(diagrams/{re.escape(source.stem)}\.svg\)")
    pages = [page.name for page in (ROOT / "docs").glob("*.md") if shown.search(page.read_text(encoding="utf-8"))]
    assert pages, f"no page of docs/ shows diagrams/{source.stem}.svg with alt text"


def test_a_changed_source_is_caught(tmp_path: Path) -> None:
    source = tmp_path / "example.dot"
    source.write_text("digraph example { a -> b; }\n")
    rendered = render.render(source) if shutil.which("dot") else f"<!-- source: example.dot sha256:{render.digest(source)} -->"

    source.write_text("digraph example { a -> c; }\n")

    assert render.recorded_digest(rendered) not in (None, render.digest(source))
