"""The glossary checks: pure functions from the model to findings. No I/O, no YAML, no pybtex."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz import process

from citegloss.attribution import BibIndex, check_claim
from citegloss.invisible import invisible_identifier
from citegloss.model import Bibliography, Concept, Finding, Glossary, Location, Reference
from citegloss.names import fold_text
from citegloss.verify.checks import verification_findings
from citegloss.verify.record import EntryRecord


def quotes_without_pages(concept: Concept) -> list[Finding]:
    return [
        Finding.error(
            "quote-without-pages",
            d.claim.location,
            f"the quote from {d.claim.author} ({d.claim.year}) has no pages",
            "Add `pages:` with the page of the quote, or turn it into a paraphrase.",
        )
        for d in concept.definitions
        if d.is_quote and not d.pages
    ]


def unknown_related(concept: Concept, ids: set[str]) -> list[Finding]:
    findings = []
    named = [
        *zip(concept.related, concept.related_locations, strict=True),
        *((c.other, c.location) for c in concept.contrasts),
    ]
    for other, location in named:
        if other not in ids:
            close = process.extractOne(other, sorted(ids), score_cutoff=85) if ids else None
            findings.append(
                Finding.error(
                    "unknown-related",
                    location,
                    f"there is no concept '{other}'",
                    f"Did you mean '{close[0]}'?"
                    if close
                    else f"Create glossary/{other}.yaml, or remove it.",
                )
            )
    return findings


def unused_entries(
    glossary: Glossary, bibliography: Bibliography, cited_elsewhere: frozenset[str] = frozenset()
) -> list[Finding]:
    cited = {claim.cite for concept in glossary.concepts.values() for claim in concept.claims}
    cited |= cited_elsewhere
    return [
        Finding.warning(
            "unused-entry",
            r.location,
            f"no claim cites '{r.key}'",
            "Cite it from a definition or an audit, or remove it from references.bib.",
        )
        for r in bibliography.references.values()
        if r.key not in cited
    ]


_TITLE_NOISE = re.compile(r"[^a-z0-9]+")


def duplicate_works(bibliography: Bibliography) -> list[Finding]:
    """One work under two keys: the same DOI (ignoring case), or the same title and year."""
    first: dict[tuple[str, str], Reference] = {}
    findings = []
    for reference in bibliography.references.values():
        identities = []
        if reference.doi:
            identities.append(
                ("DOI", reference.doi.strip().lower().removeprefix("https://doi.org/"))
            )
        if reference.title and reference.year:
            title = _TITLE_NOISE.sub(" ", fold_text(reference.title)).strip()
            identities.append(("title and year", f"{title}|{reference.year}"))
        for kind, identity in identities:
            earlier = first.setdefault((kind, identity), reference)
            if earlier is not reference:
                findings.append(
                    Finding.warning(
                        "duplicate-work",
                        reference.location,
                        f"'{reference.key}' has the same {kind} as '{earlier.key}' (line {earlier.location.line})",
                        f"Keep one entry and cite '{earlier.key}' everywhere.",
                    )
                )
                break
    return findings


def check(
    glossary: Glossary,
    bibliography: Bibliography,
    cited_elsewhere: frozenset[str] = frozenset(),
    records: Mapping[str, EntryRecord] | None = None,
) -> list[Finding]:
    """All findings for a glossary and its bibliography, loading findings included, in file order.

    `cited_elsewhere`: keys other files cite (the audits), so their entries are not unused.
    `records`: the verification record (references.verified.yaml), None when there is none.
    """
    index = BibIndex(bibliography)
    ids = set(glossary.concepts) | glossary.unreadable  # an unreadable file has its own finding
    findings = [*glossary.findings, *bibliography.findings]
    for reference in bibliography.references.values():
        if found := invisible_identifier(reference.key, reference.location, "key"):
            findings.append(found)
    for concept in glossary.concepts.values():
        for claim in concept.claims:
            if not invisible_identifier(claim.cite, claim.location, "cite"):  # reported on loading
                findings += check_claim(claim, bibliography, index)
        findings += quotes_without_pages(concept)
        findings += unknown_related(concept, ids)
    if not glossary.unreadable:  # unknowable while a file is unreadable: it may cite any entry
        findings += unused_entries(glossary, bibliography, cited_elsewhere)
    findings += duplicate_works(bibliography)
    findings += verification_findings(bibliography, records)
    findings += former_id_findings(glossary)
    return sort_findings(findings)


def former_id_findings(glossary: Glossary) -> list[Finding]:
    """A former id that a concept now has, or that two concepts both claim, cannot redirect."""
    findings, claimed = [], dict[str, str]()
    for concept in sorted(glossary.concepts.values(), key=lambda c: c.id):
        for old in concept.former_ids:
            owner = old if old in glossary.concepts else claimed.get(old, "")
            if owner:
                findings.append(
                    Finding.error(
                        "former-id-taken",
                        Location(concept.location.file, 1, 1),
                        f"former id '{old}' is also the id of '{owner}': its old address "
                        "cannot redirect here",
                        f"Remove '{old}' from former_ids, or rename one of the concepts.",
                    )
                )
            claimed.setdefault(old, concept.id)
    return findings


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(
        findings, key=lambda f: (f.location.file, f.location.line, f.location.column, f.code)
    )
