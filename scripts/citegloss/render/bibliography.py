"""The bibliography page and the author index: every work once, every author once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citegloss.model import Reference
from citegloss.names import fold_text, normalize_surname
from citegloss.render.bibstyle import format_reference
from citegloss.render.concept import BIBLIOGRAPHY, concept_src
from citegloss.render.crossref import AuthorEntry, CrossReferences
from citegloss.render.html import Links, Prose, doi_url, safe_url, slug, text
from citegloss.render.verification import Records, verification_note

AUTHORS = "authors.md"


def reference_sort_key(reference: Reference) -> tuple[tuple[str, ...], int, str]:
    """APA order: by the surnames of all authors in turn (so a single author's works precede
    that author's co-authored ones), then year, then title."""
    names = tuple(normalize_surname(p.last) for p in reference.creators)
    return (
        names or (normalize_surname(reference.title),),
        reference.year or 0,
        fold_text(reference.title),
    )


def _letter(name: str) -> str:
    initial = normalize_surname(name)[:1].upper()
    return initial if initial.isalpha() else ("0–9" if initial.isdigit() else "Other")


def _link_out(reference: Reference) -> str:
    if reference.doi:
        url = doi_url(reference.doi)
        return f' <a class="cg-doi" href="{text(url)}">{text(url)}</a>'
    url = safe_url(reference.fields.get("url", ""))
    return f' <a class="cg-url" href="{text(url)}">{text(url)}</a>' if url else ""


def bibliography_page(
    xref: CrossReferences,
    links: Links,
    cited_elsewhere: Mapping[str, Sequence[tuple[str, str]]],
    verification: Records | None = None,
) -> str:
    """Entries sorted by first author, each with its key as anchor and links to the concepts
    that cite it, then to the other pages that do (`cited_elsewhere`: key -> (label, src)),
    and how it was confirmed (`verification`: the record of references.verified.yaml)."""
    here = BIBLIOGRAPHY
    concepts = xref.glossary.concepts
    blocks = [
        "<h1>Bibliography</h1>",
        f'<p class="cg-lead">{len(xref.bibliography.references)} works, '
        "in the author–year style of APA. Each entry lists the concepts and audits that cite it.</p>",
    ]
    letter = ""
    for reference in sorted(xref.bibliography.references.values(), key=reference_sort_key):
        first = reference.creators[0].last if reference.creators else reference.title
        if _letter(first) != letter:
            letter = _letter(first)
            blocks.append(f"## {letter}")
        cited = [
            f'<a class="cg-backlink" href="{links.href(here, concept_src(cid))}">'
            f"{text(concepts[cid].term)}</a>"
            for cid in xref.cited_in.get(reference.key, ())
        ] + [
            f'<a class="cg-backlink" href="{links.href(here, src)}">{text(label)}</a>'
            for label, src in cited_elsewhere.get(reference.key, ())
        ]
        cited_in = (
            f'<p class="cg-cited-in">Cited in: {", ".join(cited)}</p>'
            if cited
            else '<p class="cg-cited-in">Not cited anywhere.</p>'
        )
        blocks.append(
            f'<div class="cg-ref" id="{text(reference.key)}">'
            f'<p class="cg-ref-text">{format_reference(reference)}{_link_out(reference)}</p>'
            f"{cited_in}{verification_note(reference, verification)}</div>"
        )
    return "\n\n".join(blocks) + "\n"


def author_anchor(entry: AuthorEntry) -> str:
    return slug(f"{entry.person.last} {entry.person.first}")


def _author_block(entry: AuthorEntry, links: Links, prose: Prose) -> str:
    here = AUTHORS
    items = []
    for concept, definition, reference in sorted(
        entry.definitions, key=lambda t: (t[1].claim.year, t[0].term.casefold())
    ):
        concept_link = links.href(here, concept_src(concept.id))
        cite = links.href(here, BIBLIOGRAPHY, reference.key)
        quote = (
            f'<q class="cg-quote">{prose(definition.quote)}</q>'
            if definition.is_quote
            else prose(definition.paraphrase)
        )
        items.append(
            f'<li><a class="cg-concept-link" href="{concept_link}">{text(concept.term)}</a> '
            f'(<a class="cg-cite" href="{cite}">{text(definition.claim.author)}, '
            f"{definition.claim.year}</a>): {quote}</li>"
        )
    count = len(entry.definitions)
    return (
        f'<div class="cg-author" id="{author_anchor(entry)}">'
        f'<p class="cg-author-name"><strong>{text(entry.person.display)}</strong> '
        f'<span class="cg-count">{count} definition{"" if count == 1 else "s"}</span></p>'
        f'<ul class="cg-author-definitions">{"".join(items)}</ul></div>'
    )


def authors_page(xref: CrossReferences, links: Links, prose: Prose = text) -> str:
    """Each author once, however the .bib spelled them, with every definition they gave."""
    blocks = [
        "<h1>Authors</h1>",
        f'<p class="cg-lead">{len(xref.authors)} authors whose works define a concept, '
        "with every definition they gave, across concepts.</p>",
    ]
    letter = ""
    for entry in xref.authors:
        if _letter(entry.person.last) != letter:
            letter = _letter(entry.person.last)
            blocks.append(f"## {letter}")
        blocks.append(_author_block(entry, links, prose))
    return "\n\n".join(blocks) + "\n"
