"""Whatever the data says, a rendered page only has the markup the renderer writes."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from citegloss.model import (
    Bibliography,
    Claim,
    Concept,
    Contrast,
    ContrastPoint,
    Definition,
    Facets,
    Glossary,
    Location,
    Person,
    Reference,
)
from citegloss.render import Links, render_site
from conftest import Tags

#: Every tag a generated page may contain, and every attribute.
TAGS = {"h1", "h3", "p", "span", "strong", "q", "div", "table", "thead", "tbody", "tr", "th",
        "td", "a", "ul", "li", "dl", "dt", "dd", "em", "code", "h2", "figure", "script",
        # the maps' SVG
        "svg", "title", "desc", "g", "rect", "circle", "path", "text", "tspan"}  # fmt: skip
ATTRIBUTES = {"class", "href", "id", "title", "data-label", "type",
              "xmlns", "viewbox", "width", "height", "aria-labelledby", "aria-current", "x", "y",
              "dy", "cx", "cy", "r", "rx", "d", "fill", "stroke", "stroke-dasharray",
              "font-size", "text-anchor"}  # fmt: skip

TOKENS = [
    *"<>&\"'`=/\\ \n[]()*_#!-:;{}abcXYZ",
    "javascript:",
    "onerror=",
    "--8<--",
    "<script>",
    "𝑥",
    "🎉",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\ud800",
    "{: onclick=x }",
    "---\n",
]
#: The headings a page's Markdown may hold: fixed words, or an A-Z letter (one letter's capital).
HEADING = re.compile(
    r"## (?:Definitions \(\d+\)|Related concepts|Contrasts|[^\W\d_]{1,3}|0–9|Other)"
)
BLOCK = "<!-- citegloss:block "
#: Bidi controls, zero-width characters and lone surrogates: never on a page.
INVISIBLE = set("\u202e\u2066\u200b\ufeff\ud800")
nasty = (
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30)
    .map("".join)
    .map(lambda s: s if s.strip() else "x")
)


@settings(max_examples=60, deadline=None)
# Found once: a term with a blank line put the blank line into tooltip titles.
@example(term="<\n\n", alias="<", summary="<", quote="<", note="b", author="<", title="<",
         point="<", pages="<")  # fmt: skip
@given(term=nasty, alias=nasty, summary=nasty, quote=nasty, note=nasty, author=nasty,
       title=nasty, point=nasty, pages=nasty)  # fmt: skip
def test_generated_pages_contain_only_the_renderer_s_markup(
    term: str, alias: str, summary: str, quote: str, note: str, author: str, title: str,
    point: str, pages: str,
) -> None:  # fmt: skip
    here = Location("glossary/a.yaml")
    claim = Claim(author, 2000, "k", here)
    a = Concept(
        "a", term, (Definition(claim, pages=pages, quote=quote, note=note, facets=Facets((note, "team"), point)),),
        here, aliases=(alias,), summary=summary, related=("b",),
        contrasts=(Contrast("b", (ContrastPoint("stance", point, point, claim, pages),), here),),
    )  # fmt: skip
    b = Concept("b", f"{term} b", (Definition(claim, paraphrase=f"{summary} {term}"),), here)
    reference = Reference(
        "k", "article", (Person(author, author),), (), 2000, None,
        {"title": title, "journal": title, "doi": title, "url": title}, here,
    )  # fmt: skip
    site = render_site(
        Glossary("glossary", {"a": a, "b": b}), Bibliography("x.bib", {"k": reference}),
        links=Links(),
    )  # fmt: skip
    for page in site.pages:
        parser = Tags()
        for block in page.html_blocks:
            parser.feed(block)
        for tag, attributes in parser.seen:
            assert tag in TAGS, (page.src, tag)
            if tag == "script":  # data only: the schema.org description
                assert '<script type="application/ld+json">' in "".join(page.html_blocks)
            assert set(attributes) <= ATTRIBUTES, (page.src, tag, attributes)
        for line in page.markdown.splitlines():
            # Outside the HTML blocks only the renderer's headings and block markers remain.
            assert line == "" or HEADING.fullmatch(line) or line.startswith(BLOCK), line
        assert not INVISIBLE & set(page.markdown + "".join(page.html_blocks)), page.src
        assert "<" not in page.meta["title"] and not INVISIBLE & set(page.meta["title"])
