"""Audit pages on the site: counts per verdict, each citation linked to its bibliography entry."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citegloss.audits import Audit, AuditedDocument, Citation, load_audits
from citegloss.bib import load_bibliography
from citegloss.model import Bibliography, Claim, Location, Person, Reference
from citegloss.render.audit import audit_page, judge_documents, overview_page
from citegloss.render.html import Links
from conftest import FIXTURES, Tags
from test_site_build import Build, build_site, site_config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site("audit-site", tmp_path_factory.mktemp("audits"), strict=True)
    assert build.returncode == 0, build.log
    return build


def test_the_overview_counts_verdicts_per_document(site: Build) -> None:
    page = site.page("audits/index.html")
    row = page.split('href="sample-post.html">', 1)[1].split("</tr>", 1)[0]
    assert row.startswith("A sample post &lt;on learning&gt;</a>")
    assert row.split("<td>")[1].startswith("4<")
    chips = re.findall(r'cg-verdict-([a-z-]+)">([^<]+)<', row)
    assert chips == [
        ("correct", "1 correct"),
        ("missing-coauthor", "1 missing co-author"),
        ("wrong-venue", "1 wrong venue"),
        ("unidentifiable", "1 unidentifiable"),
    ]
    assert 'href="../audits.html">How audits work' in page


def test_a_document_page_links_each_citation_to_the_bibliography(site: Build) -> None:
    page = site.page("audits/sample-post.html")
    crossan = page.split('id="citation-2"', 1)[1].split("</tr>", 1)[0]
    assert "cg-verdict-missing-coauthor" in crossan
    counts = re.findall(
        r'cg-figure">(\d+)<', page.split('cg-verdict-counts">', 1)[1].split("</ul>")[0]
    )
    assert counts == ["1", "0", "1", "0", "0", "0", "1", "1"]
    assert (
        'href="../bibliography.html#crossan1999organizational">Crossan, Lane &amp; White (1999)'
        in crossan
    )
    assert "leaves out Lane" in crossan
    assert 'id="crossan1999organizational"' in site.page("bibliography.html")
    huber = page.split('id="citation-3"', 1)[1].split("</tr>", 1)[0]
    assert "Huber (1991) &lt;b&gt;" in huber and "<b>" not in huber
    assert "cg-verdict-wrong-venue" in huber
    jackson = page.split('id="citation-4"', 1)[1].split("</tr>", 1)[0]
    assert "unidentifiable" in jackson and "not in references.bib" in jackson


def test_a_broken_audit_file_fails_the_strict_build(tmp_path: Path) -> None:
    config = site_config("audit-site", tmp_path)
    audit = tmp_path / "glossary" / "audits" / "sample-post.yaml"
    audit.write_text(
        audit.read_text(encoding="utf-8").replace("senge2006fifth", "senge2006fith"),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "glossary/audits/sample-post.yaml:10:11: error unknown-key" in done.stderr
    assert "Traceback" not in done.stderr


def test_pages_render_without_a_site_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "audit-verdicts")
    audits, _ = load_audits(Path("glossary/audits"))
    (document,) = judge_documents(audits, load_bibliography(Path("references.bib")))
    page = audit_page(document, Links(directory_urls=True))
    assert page.count('<tr id="citation-') == 9
    assert 'href="../../bibliography/#fiol1985organizational"' in page
    overview = overview_page([document], Links())
    assert (
        '<a href="sample-article.html">A sample article with every kind of mistake</a>' in overview
    )
    assert "No audit is published yet." in overview_page([], Links())


TAGS = {"h1", "p", "span", "strong", "div", "table", "thead", "tbody", "tr", "th", "td", "a",
        "ul", "li", "code"}  # fmt: skip
ATTRIBUTES = {"class", "href", "id"}
TOKENS = [
    *"<>&\"'`=/\\ \n[]()*_#!-:;{}abcXYZ“”",
    "javascript:",
    "onerror=",
    "<script>",
    "Senge",
    "𝑥",
    "🎉",
    "\u202e",
    "\u200b",
    "{: onclick=x }",
    "---\n",
]
nasty = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map("".join)


@settings(max_examples=60, deadline=None)
@given(written=nasty, author=nasty, title=nasty, venue=nasty, note=nasty, reason=nasty,
       doc_title=nasty, url=nasty, source=nasty)  # fmt: skip
def test_audit_pages_contain_only_the_renderer_s_markup(
    written: str, author: str, title: str, venue: str, note: str, reason: str,
    doc_title: str, url: str, source: str,
) -> None:  # fmt: skip
    here = Location("glossary/audits/a.yaml", 3, 5)
    reference = Reference(
        "k", "article", (Person("Senge", "Peter"),), (), 2000, None,
        {"title": title, "journal": venue + "x"}, here,
    )  # fmt: skip
    citations = tuple(
        Citation(
            written,
            Claim(author, 2001, cite, here, here, here, here),
            line=4,
            title=title,
            venue=venue,
            reason=reason,
            note=note,
        )
        for cite in ("k", "", "missing")
    )
    document = AuditedDocument(title=doc_title, cite="k", author=author, year=2020, url=url,
                               source=source, note=note)  # fmt: skip
    audit = Audit("a", document, citations, here)
    (judged,) = judge_documents([audit], Bibliography("x.bib", {"k": reference}))
    for html in (audit_page(judged, Links()), overview_page([judged], Links())):
        parser = Tags()
        parser.feed(html)
        for tag, attributes in parser.seen:
            assert tag in TAGS, tag
            assert set(attributes) <= ATTRIBUTES, (tag, attributes)
        for block in html.split("\n\n"):
            assert block.startswith(("<", "## ")), block
        assert "\u202e" not in html and "\u200b" not in html


def test_the_bibliography_links_back_to_the_audits_citing_an_entry(site: Build) -> None:
    entry = site.page("bibliography.html").split('id="crossan1999organizational"', 1)[1]
    cited_in = entry.split('class="cg-cited-in"', 1)[1].split("</p>", 1)[0]
    assert 'href="audits/sample-post.html">Audit: A sample post &lt;on learning&gt;</a>' in cited_in
