"""The checks: pure functions from the model to findings. No I/O, no YAML, no pybtex.

`check_claim` is the attribution matcher shared by the glossary check and the audits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from citegloss.model import (
    Bibliography,
    Claim,
    Concept,
    Finding,
    Glossary,
    Location,
    Person,
    Reference,
    Severity,
)
from citegloss.names import (
    claimed_keys,
    fold_text,
    format_surnames,
    normalize_surname,
    parse_attribution,
    surname_keys,
)

#: How alike (0-100) two folded surnames must be to call one a misspelling of the other.
MISSPELLING_SIMILARITY = 75


def _error(code: str, location: Location, message: str, suggestion: str = "") -> Finding:
    return Finding(code, Severity.ERROR, location, message, suggestion)


def _cite_as(reference: Reference) -> str:
    """The attribution a reader should write for a reference: "Crossan, Lane & White (1999)"."""
    people = reference.creators
    names = format_surnames(people) if len(people) <= 3 else f"{people[0].last} et al."
    year = reference.year if reference.year is not None else "n.d."
    return f"{names} ({year})"


def _describe(reference: Reference) -> str:
    title = f", {reference.title!r}" if reference.title else ""
    return f"'{reference.key}' ({_cite_as(reference)}{title})"


@dataclass(frozen=True)
class BibIndex:
    """Look-ups over one bibliography that many claims share; built once per check."""

    bibliography: Bibliography

    @cached_property
    def by_surname(self) -> dict[str, list[Reference]]:
        index: dict[str, list[Reference]] = defaultdict(list)
        for reference in self.bibliography.references.values():
            for person in reference.creators:
                for key in surname_keys(person):
                    index[key].append(reference)
        return index

    @cached_property
    def keys(self) -> list[str]:
        return list(self.bibliography.references)

    def works_by(self, surnames: Iterable[str], year: int | None = None) -> list[Reference]:
        """Entries with every one of these surnames among their creators, same year first."""
        found: set[str] | None = None
        for name in surnames:
            keys = {r.key for r in self.by_surname.get(normalize_surname(name), [])}
            found = keys if found is None else found & keys
        references = [self.bibliography.references[k] for k in sorted(found or ())]
        return sorted(
            references, key=lambda r: (year is not None and not r.accepts_year(year), r.key)
        )


def _suggest_works(works: list[Reference], limit: int = 3) -> str:
    return "; ".join(f"{_describe(r)}" for r in works[:limit])


def _match_people(
    claimed: tuple[str, ...], people: tuple[Person, ...]
) -> tuple[list[tuple[str, Person]], list[tuple[str, Person]], list[str], list[Person]]:
    """Pair claimed surnames with people: (exact, misspelled, unmatched claimed, unnamed people)."""
    left = list(people)
    exact, unmatched = [], []
    for name in claimed:
        keys = claimed_keys(name)
        person = next((p for p in left if keys & surname_keys(p)), None)
        if person is None:
            unmatched.append(name)
        else:
            exact.append((name, person))
            left.remove(person)
    misspelled, extra = [], []
    for name in unmatched:
        key = normalize_surname(name)
        scored = [(max(fuzz.ratio(key, k) for k in surname_keys(p)), p) for p in left]
        best = max(scored, key=lambda s: s[0], default=None)
        if best and best[0] >= MISSPELLING_SIMILARITY:
            misspelled.append((name, best[1]))
            left.remove(best[1])
        else:
            extra.append(name)
    return exact, misspelled, extra, left


def check_attribution(claim: Claim, reference: Reference, index: BibIndex) -> list[Finding]:
    """Does "who said it" in the claim name the entry's authors (or editors), spelled right?"""
    where = claim.author_location or claim.location
    people = reference.creators
    if not people:
        return []
    attribution = parse_attribution(claim.author)
    exact, misspelled, extra, unnamed = _match_people(attribution.surnames, people)
    real = format_surnames(people)
    if not exact and not misspelled:
        works = [
            w for w in index.works_by(attribution.surnames, claim.year) if w.key != reference.key
        ]
        hint = (
            f"Did you mean {_suggest_works(works)}?"
            if works
            else f"Write '{real}', or cite the work you meant."
        )
        return [
            _error(
                "misattributed-author",
                where,
                f"'{claim.author}' is not an author of '{reference.key}', which is by {real}",
                hint,
            )
        ]
    findings = [
        _error(
            "misspelled-author",
            where,
            f"'{name}' is spelled '{person.last}' in '{reference.key}'",
            f"Write '{person.last}'.",
        )
        for name, person in misspelled
    ]
    findings += [
        _error(
            "extra-coauthor",
            where,
            f"'{name}' is not an author of '{reference.key}', which is by {real}",
            f"Remove '{name}': write '{real}'.",
        )
        for name in extra
    ]
    findings += _missing_coauthors(
        claim, reference, attribution.et_al, unnamed, [p for _, p in exact + misspelled]
    )
    return findings


def _missing_coauthors(
    claim: Claim, reference: Reference, et_al: bool, unnamed: list[Person], named: list[Person]
) -> list[Finding]:
    people = reference.creators
    if not unnamed or (reference.more_creators and not et_al):
        return []  # a list ending in "and others" cannot be checked for completeness
    where = claim.author_location or claim.location
    real = format_surnames(people)
    missing = format_surnames(tuple(unnamed))
    if not et_al:
        return [
            _error(
                "missing-coauthor",
                where,
                f"'{claim.author}' leaves out {missing}: '{reference.key}' is by {real}",
                f"Write '{real}'"
                + (f", or '{people[0].last} et al.'." if len(people) >= 3 else "."),
            )
        ]
    if len(people) < 3:
        return [
            _error(
                "missing-coauthor",
                where,
                f"'et al.' stands for {missing}, but it is for three or more authors; "
                f"'{reference.key}' has {len(people)}",
                f"Write '{real}'.",
            )
        ]
    if people[0] not in named:
        return [
            _error(
                "missing-coauthor",
                where,
                f"'{claim.author}' leaves out the first author, {people[0].last}, of '{reference.key}'",
                f"Write '{people[0].last} et al.' or '{real}'.",
            )
        ]
    return []


def check_year(claim: Claim, reference: Reference) -> list[Finding]:
    if reference.year is None or reference.accepts_year(claim.year):
        return []
    years = str(reference.year) + (
        f" (first published {reference.orig_year})" if reference.orig_year else ""
    )
    return [
        _error(
            "wrong-year",
            claim.year_location or claim.location,
            f"'{reference.key}' is from {years}, not {claim.year}",
            f"Write `year: {reference.year}`"
            + (f" or `year: {reference.orig_year}`." if reference.orig_year else "."),
        )
    ]


def check_claim(
    claim: Claim, bibliography: Bibliography, index: BibIndex | None = None
) -> list[Finding]:
    """Every attribution check for one claim: the key exists, the people and the year match it."""
    index = index or BibIndex(bibliography)
    reference = bibliography.references.get(claim.cite)
    if reference is None:
        return [unknown_key(claim, index)]
    return check_attribution(claim, reference, index) + check_year(claim, reference)


def unknown_key(claim: Claim, index: BibIndex) -> Finding:
    close = [str(m[0]) for m in process.extract(claim.cite, index.keys, limit=3, score_cutoff=70)]
    works = [
        w
        for w in index.works_by(parse_attribution(claim.author).surnames, claim.year)
        if w.accepts_year(claim.year)
    ]
    hints = []
    if close:
        hints.append("Did you mean " + " or ".join(f"'{k}'" for k in close) + "?")
    if works:
        hints.append(
            f"Works by {claim.author} ({claim.year}) in references.bib: {_suggest_works(works)}."
        )
    suggestion = " ".join(hints) or "Add the work to references.bib, or fix the key."
    return _error(
        "unknown-key",
        claim.cite_location or claim.location,
        f"'{claim.cite}' is not a key in references.bib",
        suggestion,
    )


def quotes_without_pages(concept: Concept) -> list[Finding]:
    return [
        _error(
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
                _error(
                    "unknown-related",
                    location,
                    f"there is no concept '{other}'",
                    f"Did you mean '{close[0]}'?"
                    if close
                    else f"Create glossary/{other}.yaml, or remove it.",
                )
            )
    return findings


def unused_entries(glossary: Glossary, bibliography: Bibliography) -> list[Finding]:
    cited = {claim.cite for concept in glossary.concepts.values() for claim in concept.claims}
    return [
        Finding(
            "unused-entry",
            Severity.WARNING,
            r.location,
            f"no claim cites '{r.key}'",
            "Cite it from a definition, or remove it from references.bib.",
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
                    Finding(
                        "duplicate-work",
                        Severity.WARNING,
                        reference.location,
                        f"'{reference.key}' has the same {kind} as '{earlier.key}' (line {earlier.location.line})",
                        f"Keep one entry and cite '{earlier.key}' everywhere.",
                    )
                )
                break
    return findings


def check(glossary: Glossary, bibliography: Bibliography) -> list[Finding]:
    """All findings for a glossary and its bibliography, loading findings included, in file order."""
    index = BibIndex(bibliography)
    ids = set(glossary.concepts)
    findings = [*glossary.findings, *bibliography.findings]
    for concept in glossary.concepts.values():
        for claim in concept.claims:
            findings += check_claim(claim, bibliography, index)
        findings += quotes_without_pages(concept)
        findings += unknown_related(concept, ids)
    if not any(f.code == "yaml-error" for f in glossary.findings):
        findings += unused_entries(glossary, bibliography)  # unknowable while a file is unreadable
    findings += duplicate_works(bibliography)
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(
        findings, key=lambda f: (f.location.file, f.location.line, f.location.column, f.code)
    )
