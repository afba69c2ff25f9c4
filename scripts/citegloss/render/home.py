"""The home page's live parts (counts, the list of concepts) and the concepts index page."""

from __future__ import annotations

from citegloss.render.concept import concept_src, short_definition
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import Links, text

CONCEPTS_INDEX = "concepts/index.md"


def _letter(term: str) -> str:
    initial = term.strip()[:1].upper()
    return initial if initial.isalpha() else ("0–9" if initial.isdigit() else "Other")


def counts(xref: CrossReferences) -> str:
    """The live counts, as one HTML block."""
    figures = (
        (len(xref.concepts), "concepts"),
        (xref.definition_count, "definitions"),
        (len(xref.bibliography.references), "works"),
        (len(xref.authors), "authors"),
    )
    items = "".join(
        f'<li><span class="cg-figure">{n}</span> <span class="cg-figure-label">{label}</span></li>'
        for n, label in figures
    )
    return f'<ul class="cg-counts">{items}</ul>'


def concept_list(xref: CrossReferences, here: str, links: Links) -> str:
    """Every concept as a compact A–Z list of links (the home page's)."""
    groups: dict[str, list[str]] = {}
    for concept in xref.concepts:
        link = f'<a href="{links.href(here, concept_src(concept.id))}">{text(concept.term)}</a>'
        groups.setdefault(_letter(concept.term), []).append(link)
    rows = "".join(
        f"<dt>{text(letter)}</dt><dd>{' · '.join(items)}</dd>" for letter, items in groups.items()
    )
    return f'<dl class="cg-concept-list">{rows}</dl>'


def concepts_index_page(xref: CrossReferences, links: Links) -> str:
    """All concepts A–Z with aliases, how many definitions, and a short definition."""
    here = CONCEPTS_INDEX
    blocks = [
        "<h1>Concepts</h1>",
        f'<p class="cg-lead">{len(xref.concepts)} concepts, A–Z. Each page compares '
        "how authors define the concept.</p>",
    ]
    letter, rows = "", list[str]()

    def flush() -> None:
        if rows:
            blocks.append(
                '<table class="cg-index"><thead><tr><th>Concept</th><th>Also called'
                "</th><th>Definitions</th><th>In short</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
            rows.clear()

    for concept in xref.concepts:
        if _letter(concept.term) != letter:
            flush()
            letter = _letter(concept.term)
            blocks.append(f"## {letter}")
        href = links.href(here, concept_src(concept.id))
        rows.append(
            f'<tr><td><a href="{href}">{text(concept.term)}</a></td>'
            f"<td>{text(', '.join(concept.aliases))}</td>"
            f"<td>{len(concept.definitions)}</td>"
            f"<td>{text(short_definition(concept))}</td></tr>"
        )
    flush()
    return "\n\n".join(blocks) + "\n"
