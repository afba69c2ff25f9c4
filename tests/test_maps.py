"""The pictures: each concept's neighbourhood and year axis, and the whole-glossary map."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from citegloss.model import Bibliography, Claim, Concept, Definition, Glossary, Location
from citegloss.pipeline import load, render_inputs
from citegloss.render import Links, render_site
from citegloss.render.crossref import CrossReferences
from citegloss.render.glossary_map import LABEL_LIMIT, layout_map, map_page
from citegloss.render.maps import WIDTH, neighbourhood
from citegloss.render.svg import Box, overlapping_pairs, wrap

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
NS = "{http://www.w3.org/2000/svg}"


def project_site() -> object:
    return render_inputs(load(ROOT / "glossary", ROOT / "references.bib"), directory_urls=False)


def test_every_concept_page_has_a_map_whose_links_all_open_a_concept() -> None:
    site = project_site()
    pages = {Links().url(p.src) for p in site.pages}  # type: ignore[attr-defined]
    for page in site.pages:  # type: ignore[attr-defined]
        if not page.concept_id:
            continue
        html = "".join(page.html_blocks)
        maps = [s for s in SVG.findall(html) if 'class="cg-svg cg-map"' in s]
        assert len(maps) == 1, page.src
        hrefs = re.findall(r'<a class="cg-node[^"]*" href="([^"]+)"', maps[0])
        assert hrefs, page.src
        here = posixpath.dirname(Links().url(page.src))
        for href in hrefs:
            assert posixpath.normpath(posixpath.join(here, href)) in pages, (page.src, href)


def test_the_year_axis_links_each_mark_to_a_definition_row() -> None:
    site = project_site()
    page = next(p for p in site.pages if p.concept_id == "organizational-learning")  # type: ignore[attr-defined]
    html = "".join(page.html_blocks)
    marks = re.findall(r'<a class="cg-year-mark" href="#([^"]+)"', html)
    rows = re.findall(r'<tr id="(definition-\d+)"', html)
    concept = site.xref.glossary.concepts["organizational-learning"]  # type: ignore[attr-defined]
    assert marks == rows and len(rows) == len(concept.definitions) > 1


def _svg_digest() -> str:
    code = (
        "import hashlib, re; from pathlib import Path; "
        "from citegloss.pipeline import load, render_inputs; "
        f"site = render_inputs(load(Path({str(ROOT / 'glossary')!r}), Path({str(ROOT / 'references.bib')!r})), directory_urls=False); "
        "svgs = [s for p in site.pages for b in p.html_blocks for s in re.findall(r'<svg\\b.*?</svg>', b, re.S)]; "
        "print(len(svgs), hashlib.sha256(''.join(svgs).encode()).hexdigest())"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": os.environ.get("_SEED", "0")},
    ).stdout  # fmt: skip


def test_the_same_glossary_gives_byte_identical_pictures_in_separate_runs() -> None:
    os.environ["_SEED"] = "1"
    first = _svg_digest()
    os.environ["_SEED"] = "2"
    second = _svg_digest()
    os.environ.pop("_SEED")
    assert first == second
    concepts = len(list((ROOT / "glossary").glob("*.yaml")))
    assert int(first.split()[0]) == 2 * concepts + 1  # two per concept and the Map page


def test_no_label_meets_another_on_the_whole_glossary_map() -> None:
    inputs = load(ROOT / "glossary", ROOT / "references.bib")
    xref = CrossReferences.build(inputs.glossary, inputs.bibliography)
    layout = layout_map(xref)
    boxes = layout.label_boxes()
    assert len(boxes) == len(xref.concepts)
    assert overlapping_pairs(boxes) == []
    for members, frame in zip(layout.groups, layout.frames, strict=True):
        for cid in members:
            box = layout.placed[cid].box
            assert frame.x <= box.x and box.x + box.width <= frame.x + frame.width, cid
        assert frame.x + frame.width <= 720


def test_no_label_meets_another_or_leaves_the_picture_on_any_concept_map() -> None:
    inputs = load(ROOT / "glossary", ROOT / "references.bib")
    xref = CrossReferences.build(inputs.glossary, inputs.bibliography)
    for concept in xref.concepts:
        _, boxes = neighbourhood(concept, xref, Links())
        assert overlapping_pairs(boxes) == [], concept.id
        assert all(b.x >= 0 and b.x + b.width <= WIDTH for b in boxes), concept.id


def test_the_families_of_the_field_are_separate_groups() -> None:
    inputs = load(ROOT / "glossary", ROOT / "references.bib")
    page = map_page(CrossReferences.build(inputs.glossary, inputs.bibliography), Links())
    names = re.findall(r'<h2 id="group-\d+">([^<]+)</h2>', page)
    for family in ("Organizational learning", "Learning organization", "Knowledge management"):
        assert f"{family} family" in names


def test_the_overlap_check_finds_overlaps() -> None:
    boxes = [Box(0, 0, 10, 10), Box(20, 0, 5, 5), Box(9, 9, 3, 3), Box(100, 100, 1, 1)]
    assert overlapping_pairs(boxes) == [(0, 2)]
    assert wrap("Intraorganizational learning", 10, 60) == ("Intraorgani…", "learning")
    assert wrap("Deutero-learning", 12, 84) == ("Deutero-", "learning")
    assert wrap("A very long term with many words", 12, 84) == ("A very long", "term with…")


def test_a_payload_term_stays_text_inside_the_svg() -> None:
    site = render_inputs(
        load(FIXTURES / "site-payload" / "glossary", FIXTURES / "site-payload" / "references.bib"),
        directory_urls=False,
    )
    for page in site.pages:
        for svg in SVG.findall("".join(page.html_blocks)):
            root = ET.fromstring(svg)  # well-formed XML, or this raises
            tags = {element.tag.removeprefix(NS) for element in root.iter()}
            assert tags <= {
                "svg",
                "title",
                "desc",
                "a",
                "circle",
                "text",
                "tspan",
                "path",
                "g",
                "rect",
            }
            for element in root.iter():
                assert not any(name.startswith("on") for name in element.attrib), element.attrib
    page = next(p for p in site.pages if p.concept_id == "payload")
    svg = SVG.findall("".join(page.html_blocks))[0]
    title = ET.fromstring(svg).find(f"{NS}title")
    assert title is not None and title.text == (
        "Map of <script>document.title='pwned';alert(7)</script>Payload"
    )


def test_a_large_glossary_map_shows_groups_not_every_label() -> None:
    here = Location("glossary/x.yaml")
    n = LABEL_LIMIT + 50
    concepts = {
        f"c-{i}": Concept(
            f"c-{i}", f"Concept {i}", (Definition(Claim("A", 2000, "k", here), paraphrase="x"),),
            here, related=(f"c-{(i + 1) % n}", f"c-{(i + 7) % n}"),
        )
        for i in range(n)
    }  # fmt: skip
    site = render_site(Glossary("glossary", concepts), Bibliography("x.bib", {}), links=Links())
    page = next(p for p in site.pages if p.src == "map.md")
    picture = "".join(page.html_blocks).split("</svg>", 1)[0]
    assert "Concept 17<" not in picture and "concepts</tspan>" in picture
    assert picture.count('href="#group-') >= 2
