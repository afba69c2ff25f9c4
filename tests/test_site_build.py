"""The site, built for real (`mkdocs build` in a subprocess) from small fixture glossaries.

Each fixture under tests/fixtures/site-*/ holds a glossary/ and a references.bib; `build_site`
copies it with the project's docs pages and mkdocs.yml into a temporary folder and builds it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Hand-written pages the tests build with (the API page needs mkdocstrings: tested apart).
DOCS = ("index.md", "contributing.md", "audits.md", "verification.md", "engines.md")


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def site_config(fixture: str, dest: Path) -> Path:
    """A copy of the fixture and the docs pages in `dest`, with an mkdocs.yml to build them."""
    shutil.copytree(FIXTURES / fixture / "glossary", dest / "glossary")
    shutil.copy(FIXTURES / fixture / "references.bib", dest / "references.bib")
    (dest / "docs").mkdir()
    for name in DOCS:
        shutil.copy(ROOT / "docs" / name, dest / "docs" / name)
    (dest / "docs" / "codes.md").write_text("# Finding codes\n", encoding="utf-8")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [
        p for p in config["plugins"] if not (isinstance(p, dict) and "mkdocstrings" in p)
    ]
    config["nav"] = [item for item in config["nav"] if "api.md" not in item.values()]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


def build_site(fixture: str, dest: Path, *, strict: bool = False) -> Build:
    config = site_config(fixture, dest)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        *(["--strict"] if strict else []),
        "-f",
        str(config),
        "-d",
        str(dest / "site"),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=dest, env=env, capture_output=True, text=True, check=False)
    return Build(done.returncode, done.stdout + done.stderr, dest / "site")


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site("site-basic", tmp_path_factory.mktemp("basic"), strict=True)
    assert build.returncode == 0, build.log
    return build


def rows(table_html: str) -> list[str]:
    return re.findall(r"<tr[^>]*>.*?</tr>", table_html.split("<tbody>", 1)[1])


def test_a_concept_page_has_one_row_per_definition_ordered_by_year(basic: Build) -> None:
    page = basic.page("concepts/organizational-learning.html")
    table = page.split('<table class="cg-definitions">', 1)[1].split("</table>", 1)[0]
    years = [re.findall(r"<td>(\d{4})</td>", row)[0] for row in rows(table)]
    assert years == ["1978", "1991", "1999"]
    assert '<q class="cg-quote">An entity learns if' in page
    assert "p. 89" in page
    assert (
        "How they differ:</strong> 3 treat it as a process; levels: individual to organization."
        in page
    )


def test_each_citation_links_to_its_bibliography_entry_and_back(basic: Build) -> None:
    page = basic.page("concepts/organizational-learning.html")
    assert 'href="../bibliography.html#huber1991organizational"' in page
    bibliography = basic.page("bibliography.html")
    entry = bibliography.split('id="huber1991organizational"', 1)[1].split("</div>", 1)[0]
    assert "Huber, G. P. (1991)." in entry
    assert 'href="https://doi.org/10.1287/orsc.2.1.88"' in entry
    assert 'Cited in: <a class="cg-backlink" href="concepts/organizational-learning.html">' in entry


def test_the_bibliography_is_sorted_by_author(basic: Build) -> None:
    bibliography = basic.page("bibliography.html")
    keys = re.findall(r'<div class="cg-ref" id="([^"]+)"', bibliography)
    assert keys == [
        "argyris1978organizational",
        "argyris1996organizational",
        "crossan1999organizational",
        "garvin1993building",
        "huber1991organizational",
        "senge2006fifth",
    ]
    assert "(Original work published 1990)" in bibliography


def test_the_author_index_shows_schoen_once_with_all_his_definitions(basic: Build) -> None:
    authors = basic.page("authors.html")
    assert authors.count("Schön, Donald A.") == 1
    schoen = authors.split("Schön, Donald A.", 1)[1].split("</ul>", 1)[0]
    assert "2 definitions" in schoen
    assert "concepts/organizational-learning.html" in schoen
    assert "concepts/double-loop-learning.html" in schoen


def test_related_concepts_are_linked_in_both_directions(basic: Build) -> None:
    named_by_other = basic.page("concepts/learning-organization.html")
    assert 'class="cg-related" href="organizational-learning.html"' in named_by_other
    names_other = basic.page("concepts/organizational-learning.html")
    assert 'class="cg-related" href="learning-organization.html"' in names_other
    assert 'class="cg-related" href="double-loop-learning.html"' in names_other


def test_a_contrast_shows_on_both_pages_swapped_on_the_other(basic: Build) -> None:
    declaring = basic.page("concepts/organizational-learning.html")
    other = basic.page("concepts/learning-organization.html")
    for page, first in ((declaring, "Descriptive"), (other, "Prescriptive")):
        contrast = page.split('<table class="cg-contrast">', 1)[1]
        cells = re.findall(r'<td data-label="[^"]*">(.*?)</td>', rows(contrast)[0])
        assert cells[1].startswith(first)
        assert 'href="../bibliography.html#argyris1996organizational"' in cells[3]


def test_edit_links_open_the_yaml_file(basic: Build) -> None:
    page = basic.page("concepts/organizational-learning.html")
    assert (
        'href="https://github.com/citegloss/citegloss/edit/main/glossary/'
        'organizational-learning.yaml"'
    ) in page
    assert "edit/main/references.bib" in basic.page("bibliography.html")


def test_terms_in_text_link_to_their_concept_with_a_tooltip(basic: Build) -> None:
    page = basic.page("concepts/learning-organization.html")
    # "organizational learnings": plural and lower case still match.
    assert re.search(
        r'<a class="cg-term" href="organizational-learning.html" '
        r'title="Organizational learning: The ways[^"]*">organizational '
        r"learnings</a>",
        page,
    )
    assert 'class="cg-term" href="learning-organization.html"' not in page


def test_the_home_page_shows_live_counts_and_lists_the_concepts(basic: Build) -> None:
    home = basic.page("index.html")
    counts = re.findall(r'cg-figure">(\d+)</span> <span class="cg-figure-label">(\w+)', home)
    assert counts == [("3", "concepts"), ("6", "definitions"), ("6", "works"), ("8", "authors")]
    assert 'href="concepts/double-loop-learning.html">Double-loop learning</a>' in home


def test_the_contributing_page_documents_the_schema(basic: Build) -> None:
    page = basic.page("contributing.html")
    assert "<code>paraphrase</code>" in page and "<code>facets</code>" in page
    assert "one of <code>individual</code>, <code>team</code>" in page
    assert 'href="codes.html"' in page


def test_the_nav_stays_short_and_nothing_is_written_into_docs(basic: Build) -> None:
    home = basic.page("index.html")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "organizational-learning.html" not in nav
    assert not (basic.site.parent / "docs" / "concepts").exists()


def test_search_indexes_terms_aliases_and_authors(basic: Build) -> None:
    index = (basic.site / "search" / "search_index.js").read_text(encoding="utf-8")
    entry = index.split('"location":"concepts/organizational-learning.html"', 1)[1][:3000]
    for needle in ("Organizational learning", "OL", "Crossan, Lane &amp; White"):
        assert needle in entry


def test_search_leaves_out_pictures_related_lists_data_links_and_json_ld(basic: Build) -> None:
    """They are put back after the search plugin has read the page: on the page, not in search."""
    index = json.loads((basic.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    concept_entries = [d for d in index["docs"] if d["location"].startswith("concepts/")]
    assert concept_entries
    for doc in concept_entries:
        assert "as JSON" not in doc["text"] and "SKOS" not in doc["text"], doc["location"]
        assert "DefinedTerm" not in doc["text"] and "<svg" not in doc["text"], doc["location"]
        assert "cg-related" not in doc["text"], doc["location"]
    related = next(
        d for d in concept_entries
        if d["location"] == "concepts/organizational-learning.html#related-concepts"
    )  # fmt: skip
    assert "Learning organization" not in related["text"]
    page = basic.page("concepts/organizational-learning.html")
    assert '<p class="cg-data">' in page and '"@type":"DefinedTerm"' in page and "<svg" in page
    assert 'class="cg-related" href="learning-organization.html"' in page


def test_nothing_is_loaded_from_another_host(basic: Build) -> None:
    for path in basic.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), (path, tag)


def test_the_project_site_builds_strictly_with_its_api_page(tmp_path: Path) -> None:
    """The real mkdocs.yml, docs/ and glossary: what CI deploys, API reference included."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [*command, "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    api = (tmp_path / "site" / "api.html").read_text(encoding="utf-8")
    assert 'id="citegloss.render"' in api and 'id="citegloss.model"' in api
    assert (tmp_path / "site" / "codes.html").exists()
    for path in (tmp_path / "site").rglob("*.html"):
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", path.read_text("utf-8")):
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), (path, tag)


def test_a_large_glossary_gets_every_picture_drawn_aside(tmp_path: Path) -> None:
    """Past render.ASIDE_FROM_CONCEPTS, concept pages are made and their pictures drawn in
    forked processes: each page still ends with both pictures, none left as a placeholder."""
    from citegloss.render import ASIDE_FROM_CONCEPTS, LATER

    count = ASIDE_FROM_CONCEPTS + 10
    site_config("site-basic", tmp_path)
    shutil.rmtree(tmp_path / "glossary")
    (tmp_path / "glossary").mkdir()
    bib = []
    for i in range(count):
        bib.append(f"@book{{w{i}, author = {{Author{i}, Ann}}, title = {{T{i}}}, year = 1990}}\n")
        (tmp_path / "glossary" / f"concept-{i}.yaml").write_text(
            f"term: Concept {i}\nrelated: [concept-{(i + 1) % count}]\ndefinitions:\n"
            f"  - author: Author{i}\n    year: 1990\n    cite: w{i}\n    paraphrase: Text {i}.\n",
            encoding="utf-8",
        )
    (tmp_path / "references.bib").write_text("".join(bib), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for i in range(count):
        page = (tmp_path / "site" / "concepts" / f"concept-{i}.html").read_text(encoding="utf-8")
        assert '<svg class="cg-svg cg-map"' in page and '<svg class="cg-svg cg-years"' in page, i
        assert f'href="concept-{(i + 1) % count}.html"' in page
        assert not any(placeholder in page for placeholder in LATER), i
