"""A concept's page: term, aliases, summary, the definitions compared, related and contrasts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from citegloss.model import Concept, Definition
from citegloss.render.crossref import ContrastView, CrossReferences
from citegloss.render.html import Links, Prose, paragraphs, text

BIBLIOGRAPHY = "bibliography.md"

#: Facet vocabulary in the schema's order, so levels read from narrow to wide.
LEVELS = ("individual", "team", "organization", "interorganizational")
NATURES = {
    "process": "a process",
    "outcome": "an outcome",
    "capability": "a capability",
    "form-of-organization": "a form of organization",
    "practice": "a practice",
    "discipline": "a discipline",
    "knowledge": "knowledge",
    "structure": "a structure",
}


def concept_src(concept_id: str) -> str:
    """The source path of a concept's page."""
    return f"concepts/{concept_id}.md"


def definition_anchor(number: int) -> str:
    """The id of the n-th definition's row (1-based, in year order): the year axis links it."""
    return f"definition-{number}"


def by_year(definitions: Sequence[Definition]) -> list[Definition]:
    return sorted(definitions, key=lambda d: (d.claim.year, d.claim.author.casefold()))


def how_they_differ(definitions: Sequence[Definition]) -> str:
    """One sentence from the facets, e.g. "3 treat it as a process, 2 as a form of
    organization; levels: individual to interorganizational". "" when no facets are given."""
    natures = Counter(d.facets.nature for d in definitions if d.facets.nature)
    order = list(NATURES)
    ranked = sorted(
        natures.items(),
        key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else len(order)),
    )
    parts = []
    for i, (nature, count) in enumerate(ranked):
        phrase = NATURES.get(nature, nature)
        verb = ("treats" if count == 1 else "treat") + " it as " if i == 0 else "as "
        parts.append(f"{count} {verb}{phrase}")
    sentence = ", ".join(parts)
    levels = {level for d in definitions for level in d.facets.levels}
    ordered = [level for level in LEVELS if level in levels] + sorted(levels - set(LEVELS))
    if ordered:
        span = ordered[0] if len(ordered) == 1 else f"{ordered[0]} to {ordered[-1]}"
        label = "level" if len(ordered) == 1 else "levels"
        sentence = f"{sentence}; {label}: {span}" if sentence else f"{label}: {span}"
    return sentence


def short_definition(concept: Concept, limit: int = 180) -> str:
    """A tooltip's text: the summary's first sentence, or the earliest definition, cut short."""
    source = concept.summary or (
        by_year(concept.definitions)[0].text if concept.definitions else ""
    )
    source = " ".join(source.split())
    end = source.find(". ")
    if 0 < end < limit:
        return source[: end + 1]
    return source if len(source) <= limit else source[: limit - 1].rsplit(" ", 1)[0] + "…"


def _pages(pages: str) -> str:
    if not pages:
        return ""
    return f"pp. {text(pages)}" if any(c in pages for c in "-–,") else f"p. {text(pages)}"


def _definition_row(
    here: str, number: int, definition: Definition, links: Links, prose: Prose
) -> str:
    claim = definition.claim
    cite = links.href(here, BIBLIOGRAPHY, claim.cite)
    if definition.is_quote:
        body = f'<q class="cg-quote">{prose(definition.quote)}</q>'
    else:
        body = prose(definition.paraphrase)
    if definition.note:
        body += (
            f'<span class="cg-note"><strong>Editors’ note:</strong> {prose(definition.note)}</span>'
        )
    facets = ""
    if definition.facets.nature:
        facets = f'<span class="cg-chip">{text(definition.facets.nature)}</span>'
    if definition.facets.levels:
        levels = ", ".join(definition.facets.levels)
        facets += f'<span class="cg-levels">{text(levels)}</span>'
    return (
        f'<tr id="{definition_anchor(number)}">'
        f'<td><a class="cg-cite" href="{cite}">{text(claim.author)}</a></td>'
        f"<td>{claim.year}</td>"
        f"<td>{body}</td>"
        f"<td>{facets}</td>"
        f"<td>{_pages(definition.pages)}</td></tr>"
    )


def definitions_table(
    here: str, definitions: Sequence[Definition], links: Links, prose: Prose = text
) -> str:
    rows = "".join(
        _definition_row(here, n, d, links, prose) for n, d in enumerate(by_year(definitions), 1)
    )
    return (
        '<table class="cg-definitions"><thead><tr><th>Author</th>'
        "<th>Year</th><th>Definition</th><th>Facets</th><th>Pages</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _contrast(
    this: Concept, view: ContrastView, xref: CrossReferences, links: Links, prose: Prose
) -> str:
    here, other = concept_src(this.id), xref.glossary.concepts[view.other]
    other_link = f'<a href="{links.href(here, concept_src(other.id))}">{text(other.term)}</a>'
    rows = []
    for point in view.points:
        cite = links.href(here, BIBLIOGRAPHY, point.claim.cite)
        pages = f", {_pages(point.pages)}" if point.pages else ""
        rows.append(
            f'<tr><td data-label="Aspect">{text(point.aspect)}</td>'
            f'<td data-label="{text(this.term)}">{prose(point.this)}</td>'
            f'<td data-label="{text(other.term)}">{prose(point.other)}</td>'
            f'<td data-label="Source"><a class="cg-cite" href="{cite}">{text(point.claim.author)}'
            f" ({point.claim.year})</a>{pages}</td></tr>"
        )
    return (
        f'<h3 class="cg-contrast-title">{text(this.term)} versus {other_link}</h3>'
        '<div class="cg-table-wrap"><table class="cg-contrast"><thead><tr><th>Aspect</th>'
        f"<th>{text(this.term)}</th><th>{text(other.term)}</th><th>Source</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def concept_page(
    concept: Concept,
    xref: CrossReferences,
    links: Links,
    prose: Prose = text,
    *,
    figure: str = "",
    timeline: str = "",
    tail: Sequence[str] = (),
) -> str:
    """The page's Markdown: fixed headings in Markdown, everything from YAML as escaped HTML.

    Parameters:
        prose: Escapes the free-text fields (summary, definitions, notes, contrast points);
            `TermIndex.prose` also links the glossary terms they mention.
        figure: HTML shown after the summary (the neighbourhood map).
        timeline: HTML shown above the definitions table (the year axis).
        tail: HTML blocks closing the page (the data links, the embedded JSON-LD).
    """
    here = concept_src(concept.id)
    blocks = [f'<h1 class="cg-term">{text(concept.term)}</h1>']
    if concept.aliases:
        aliases = ", ".join(f'<span class="cg-alias">{text(a)}</span>' for a in concept.aliases)
        blocks.append(f'<p class="cg-aliases">Also called: {aliases}</p>')
    if concept.summary:
        blocks.append(f'<div class="cg-summary">{paragraphs(concept.summary, prose)}</div>')
    if figure:
        blocks.append(figure)
    count = len(concept.definitions)
    blocks.append(f"## Definitions ({count})")
    differ = how_they_differ(concept.definitions)
    if differ and count > 1:
        blocks.append(f'<p class="cg-differ"><strong>How they differ:</strong> {text(differ)}.</p>')
    elif differ:
        blocks.append(f'<p class="cg-differ"><strong>Facets:</strong> {text(differ)}.</p>')
    if timeline:
        blocks.append(timeline)
    blocks.append(definitions_table(here, concept.definitions, links, prose))
    related = xref.related.get(concept.id, ())
    if related:
        blocks.append("## Related concepts")
        items = "".join(
            f'<li><a class="cg-related" href="{links.href(here, concept_src(rid))}">'
            f"{text(xref.glossary.concepts[rid].term)}</a></li>"
            for rid in related
        )
        blocks.append(f'<ul class="cg-related-list">{items}</ul>')
    views = xref.contrasts.get(concept.id, ())
    if views:
        blocks.append("## Contrasts")
        blocks.extend(_contrast(concept, view, xref, links, prose) for view in views)
    blocks.extend(tail)
    return "\n\n".join(blocks) + "\n"
