"""Model -> pages: the whole site as Markdown strings, knowing nothing of any site generator.

`render_site` returns every generated page (one per concept, the concepts index, the
bibliography, the author index) and the fragments that fill markers in hand-written pages
(`<!-- citegloss:counts -->` on the home page, `<!-- citegloss:schema -->` on the contributing
page). A generator's glue only has to add the pages, put each one's HTML blocks back after
Markdown (`expand_html`), fill the markers of hand-written pages (`fill_markers`) and link the
glossary terms in those (`TermIndex.link_terms`; generated pages link theirs as they are
rendered). Other sections (audits) plug in through `extra_pages`: functions taking the
cross-references and the link style and returning more `Page`s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from citegloss.aside import Aside
from citegloss.model import Bibliography, Concept, Finding, Glossary
from citegloss.render.bibliography import AUTHORS, authors_page, bibliography_page
from citegloss.render.concept import BIBLIOGRAPHY, concept_page, concept_src
from citegloss.render.crossref import CrossReferences
from citegloss.render.glossary_map import MAP_PAGE, map_page
from citegloss.render.home import CONCEPTS_INDEX, concept_list, concepts_index_page, counts
from citegloss.render.html import Links, Prose, spaced, text, title_text
from citegloss.render.identifiers import DEFAULT_BASE_URI, Identifiers, data_links
from citegloss.render.maps import neighbourhood_svg, timeline_svg
from citegloss.render.redirects import redirect_files
from citegloss.render.schema_doc import AUDIT_SECTIONS, schema_reference
from citegloss.render.schema_org import defined_term, json_ld_script
from citegloss.render.terms import TermIndex
from citegloss.render.verification import Records, verification_counts
from citegloss.schema import load_schema

if TYPE_CHECKING:
    from citegloss.audits import Audit

__all__ = [
    "Links",
    "Page",
    "PageMaker",
    "Site",
    "TermIndex",
    "expand_html",
    "fill_markers",
    "hoist_html",
    "render_site",
]

_MARKER = re.compile(r"<!--\s*citegloss:([a-z-]+)\s*-->")


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A generated page."""

    #: Source path inside the docs, e.g. "concepts/organizational-learning.md".
    src: str
    #: Markdown without front matter (see `meta`); text from the data is escaped HTML.
    markdown: str
    #: The page's metadata (title, search settings), for the generator to set as it reads
    #: the page: never written as front matter, so no text of the data is parsed as YAML.
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: The file, relative to the repository, an editor changes to change this page ("": none).
    edit_path: str = ""
    #: The concept the page shows, so term links skip it ("" for other pages).
    concept_id: str = ""
    #: HTML blocks lifted out of `markdown` (see `hoist_html`), to put back with `expand_html`.
    html_blocks: tuple[str, ...] = ()


PageMaker = Callable[[CrossReferences, Links], Iterable[Page]]


@dataclass(frozen=True, slots=True)
class Site:
    xref: CrossReferences
    links: Links
    pages: tuple[Page, ...]
    terms: TermIndex
    #: Marker name -> HTML for hand-written pages; marker output depends on the page's path.
    fragments: Mapping[str, Callable[[str], str]] = field(hash=False)
    #: Site path -> text of files published as they are (redirect pages; the pipeline adds the
    #: data downloads).
    files: Mapping[str, str] = field(default_factory=dict, hash=False)
    #: The concept pages' pictures, being drawn in a forked process while the site generator
    #: reads the pages (render_site(fork=True)); None when the pages hold them already.
    drawn: Aside[dict[str, dict[str, str]]] | None = field(default=None, hash=False, compare=False)

    def pictures(self, concept_id: str) -> Mapping[str, str]:
        """The page's placeholder figures (`LATER`) -> its pictures, for `expand_html`."""
        return self.drawn.result().get(concept_id, {}) if self.drawn else {}


def page_meta(title: str, *, boost: float = 0, searched: bool = True) -> dict[str, Any]:
    """The title, and how the site search treats the page.

    Front matter would be YAML written from the data and read back by the generator: a
    character its loader rejects (an escaped emoji, once) turned the whole block into Markdown,
    where a term's `[x](javascript:...)` became a link. Metadata handed over as data has no
    such second reading.
    """
    meta: dict[str, Any] = {"title": title_text(title)}
    if boost or not searched:
        meta["search"] = {"boost": boost or 1, "exclude": not searched}
    return meta


#: Below this many concepts, the pages are made quicker than a process starts.
ASIDE_FROM_CONCEPTS = 200


def render_site(
    glossary: Glossary,
    bibliography: Bibliography,
    *,
    links: Links,
    glossary_path: str = "glossary",
    bib_path: str = "references.bib",
    extra_pages: Sequence[PageMaker] = (),
    link_terms: bool = True,
    cited_elsewhere: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    audits: tuple[Audit, ...] = (),
    audit_findings: tuple[Finding, ...] = (),
    base_uri: str = DEFAULT_BASE_URI,
    verification: Records | None = None,
    fork: bool = False,
) -> Site:
    """Every generated page, in one pass over the model.

    Parameters:
        glossary_path: The glossary folder relative to the repository, for edit links.
        bib_path: references.bib relative to the repository, for edit links.
        link_terms: Link the glossary terms mentioned in concept pages' text.
        cited_elsewhere: Bib key -> (label, page src) of other pages citing it (audits), for
            the bibliography's backlinks.
        audits: The audit files as loaded, for the audit pages (`citegloss.render.audit`).
        base_uri: Where the site is published: the base of the concepts' identifiers.
        verification: The verification record (references.verified.yaml), for how each work
            was confirmed; None when the project keeps none.
        fork: Make the concept pages in a forked process (`citegloss.aside`) while this one
            makes the other pages, then draw their pictures in another while the site generator
            reads the pages (`Site.pictures`); False in a host with threads of its own.
    """
    xref = CrossReferences.build(glossary, bibliography, audits, audit_findings)
    ids = Identifiers(base_uri, links)
    terms = TermIndex(xref.concepts)

    def prose(src: str, own_id: str = "") -> Prose:
        return terms.prose(src, links, own_id) if link_terms else text

    concepts = xref.concepts
    aside = fork and len(concepts) >= ASIDE_FROM_CONCEPTS

    def concept_pages() -> list[Page]:
        return [
            _finished(
                Page(
                    src=concept_src(c.id),
                    concept_id=c.id,
                    edit_path=f"{glossary_path.rstrip('/')}/{c.id}.yaml",
                    meta=page_meta(c.term, boost=2),
                    markdown=_concept_page(
                        c, xref, ids, prose, LATER if aside else pictures(c, xref, links)
                    ),
                )
            )
            for c in concepts
        ]

    # With fork: a forked process makes the concept pages, their pictures left for later,
    # while this one makes the others; the pictures are drawn aside after (`Site.pictures`).
    made = Aside(concept_pages, fork=aside)
    pages = [Page(src=MAP_PAGE, meta=page_meta("Map"), markdown=map_page(xref, links))]
    pages.append(
        Page(
            src=CONCEPTS_INDEX,
            meta=page_meta("Concepts", searched=False),
            markdown=concepts_index_page(xref, links),
        )
    )
    pages.append(
        Page(
            src=BIBLIOGRAPHY,
            edit_path=bib_path,
            meta=page_meta("Bibliography"),
            markdown=bibliography_page(xref, links, cited_elsewhere or {}, verification),
        )
    )
    pages.append(
        Page(
            src=AUTHORS,
            edit_path=bib_path,
            # Lists (concepts, authors) repeat what search finds on each concept's page.
            meta=page_meta("Authors", searched=False),
            markdown=authors_page(xref, links, prose(AUTHORS)),
        )
    )
    for make in extra_pages:
        pages.extend(make(xref, links))
    others = [_finished(page) for page in pages]  # before waiting for the forked share
    pages = [*made.result(), *others]
    drawn = (
        Aside(
            lambda: {
                c.id: dict(zip(LATER, pictures(c, xref, links), strict=True)) for c in concepts
            },
            fork=True,
        )
        if aside
        else None
    )
    fragments: dict[str, Callable[[str], str]] = {
        "counts": lambda here: (
            counts(xref) + verification_counts(xref.bibliography.references.values(), verification)
        ),
        "concepts": lambda here: concept_list(xref, here, links),
        "schema": lambda here: schema_reference(load_schema("concept")),
        "audit-schema": lambda here: schema_reference(load_schema("audit"), AUDIT_SECTIONS),
    }
    return Site(
        xref=xref,
        links=links,
        pages=tuple(pages),
        terms=terms,
        fragments=fragments,
        files=redirect_files(xref, links),
        drawn=drawn,
    )


def _finished(page: Page) -> Page:
    return hoist_html(replace(page, markdown=spaced(page.markdown)))


#: A concept page's two pictures before they are drawn: what `Site.pictures` maps to them.
LATER = ('<figure class="cg-figure-map"></figure>', '<figure class="cg-figure-years"></figure>')


def pictures(concept: Concept, xref: CrossReferences, links: Links) -> tuple[str, str]:
    """A concept page's neighbourhood map and year axis, each a figure block."""
    return (
        f'<figure class="cg-figure-map">{neighbourhood_svg(concept, xref, links)}</figure>',
        f'<figure class="cg-figure-years">{timeline_svg(concept)}</figure>',
    )


def _concept_page(
    concept: Concept,
    xref: CrossReferences,
    ids: Identifiers,
    prose: Callable[[str, str], Prose],
    figures: tuple[str, str],
) -> str:
    """A concept's page with its pictures, its data links and its schema.org description."""
    here, links = concept_src(concept.id), ids.links
    term = defined_term(concept, str(ids.concept(concept.id)), ids.base, "citegloss")
    return concept_page(
        concept,
        xref,
        links,
        prose(here, concept.id),
        figure=figures[0],
        timeline=figures[1],
        tail=[data_links(concept, here, links), json_ld_script(term)],
    )


_BLOCK = re.compile(r"<!-- citegloss:block (\d+) -->")


def hoist_html(page: Page) -> Page:
    """Lift the page's HTML blocks out of its Markdown, leaving a marker for each.

    A Markdown processor then reads only front matter, headings and markers (it makes the
    table of contents from the headings), and does not parse thousands of rows of HTML it
    would pass through unchanged: that halved the Markdown time of a concept page. Markers of
    blocks in a row go on lines of their own, not side by side: Python-Markdown moves the second
    of two comments on one line to the end of the page.
    """
    chunks: list[str] = []
    blocks: list[str] = []
    follows_a_block = False
    for chunk in page.markdown.split("\n\n"):
        is_block = chunk.startswith("<") and not chunk.startswith("<!--")
        if is_block:
            marker = f"<!-- citegloss:block {len(blocks)} -->"
            blocks.append(chunk)
            if follows_a_block:  # one line each, one raw HTML block in all: a third quicker
                chunks[-1] += "\n" + marker
            else:
                chunks.append(marker)
        else:
            chunks.append(chunk)
        follows_a_block = is_block
    return replace(page, markdown="\n\n".join(chunks), html_blocks=tuple(blocks))


#: Blocks a generator may put back last (`expand_html(..., keep_figures=True)`), which search
#: results have no use for: the pictures, the list of related concepts (links to other pages,
#: as the navigation is: a term is found on its own page, not in every page that links it; a
#: third of the HTML search read), the data links and the schema.org JSON-LD.
LATE_BLOCKS = (
    "<figure ",
    '<ul class="cg-related-list">',
    '<p class="cg-data">',
    '<script type="application/ld+json">',
)


def expand_html(
    html: str, page: Page, *, keep_figures: bool = False, pictures: Mapping[str, str] = {}
) -> str:
    """The converted page with its HTML blocks back in place of their markers.

    With `keep_figures` the pictures (and the other LATE_BLOCKS) keep their markers, for a
    second call on the finished page: a site search that indexes every page's HTML then never
    parses the maps' SVG (hundreds of tags a page, labels that would only be noise in search
    results), nor "Data: ... as JSON" on every concept. `pictures` (`Site.pictures`) fills
    the figures of a page whose pictures were drawn aside.
    """
    if not page.html_blocks:
        return html

    def block(match: re.Match[str]) -> str:
        markup = page.html_blocks[int(match.group(1))]
        if keep_figures and markup.startswith(LATE_BLOCKS):
            return match.group(0)
        return pictures.get(markup, markup)

    return _BLOCK.sub(block, html)


def fill_markers(html: str, here: str, fragments: Mapping[str, Callable[[str], str]]) -> str:
    """Replace `<!-- citegloss:NAME -->` in a converted page with its HTML fragment.

    Markers pass through Markdown as comments and are filled afterwards, so the Markdown
    processor never parses a fragment (the home page lists every concept). Unknown names
    stay as comments.
    """
    if "citegloss:" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        make = fragments.get(match.group(1))
        return spaced(make(here)) if make else match.group(0)

    return _MARKER.sub(replace, html)
