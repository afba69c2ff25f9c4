"""The attribution matcher: does a claim's "who, when" fit the entry it cites?

Shared by the glossary check and the audits of other documents. Pure functions over the model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from citegloss.model import Bibliography, Claim, Finding, Person, Reference
from citegloss.names import (
    claimed_keys,
    format_surnames,
    normalize_surname,
    parse_attribution,
    surname_keys,
)

#: How alike (0-100) two folded surnames must be to call one a misspelling of the other.
MISSPELLING_SIMILARITY = 75


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
        scored = [
            (max((fuzz.ratio(key, k) for k in surname_keys(p)), default=0.0), p) for p in left
        ]
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
            Finding.error(
                "misattributed-author",
                where,
                f"'{claim.author}' is not an author of '{reference.key}', which is by {real}",
                hint,
            )
        ]
    findings = [
        Finding.error(
            "misspelled-author",
            where,
            f"'{name}' is spelled '{person.last}' in '{reference.key}'",
            f"Write '{person.last}'.",
        )
        for name, person in misspelled
    ]
    findings += [
        Finding.error(
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
            Finding.error(
                "missing-coauthor",
                where,
                f"'{claim.author}' leaves out {missing}: '{reference.key}' is by {real}",
                f"Write '{real}'"
                + (f", or '{people[0].last} et al.'." if len(people) >= 3 else "."),
            )
        ]
    if len(people) < 3:
        return [
            Finding.error(
                "missing-coauthor",
                where,
                f"'et al.' stands for {missing}, but it is for three or more authors; "
                f"'{reference.key}' has {len(people)}",
                f"Write '{real}'.",
            )
        ]
    if people[0] not in named:
        return [
            Finding.error(
                "missing-coauthor",
                where,
                f"'{claim.author}' leaves out the first author, {people[0].last}, of '{reference.key}'",
                f"Write '{people[0].last} et al.' or '{real}'.",
            )
        ]
    return []


def check_year(claim: Claim, reference: Reference) -> list[Finding]:
    """A wrong year, unless either side has none (an audit's "n.d." is year 0)."""
    if reference.year is None or not claim.year or reference.accepts_year(claim.year):
        return []
    years = str(reference.year) + (
        f" (first published {reference.orig_year})" if reference.orig_year else ""
    )
    return [
        Finding.error(
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
    return Finding.error(
        "unknown-key",
        claim.cite_location or claim.location,
        f"'{claim.cite}' is not a key in references.bib",
        suggestion,
    )
