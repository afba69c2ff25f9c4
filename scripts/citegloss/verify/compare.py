"""An entry against a provider's record: which fields disagree, and the verdict. Pure.

Authors go through the checker's own matcher (`attribution.check_attribution`), so accents,
particles, initials and order are forgiven here exactly as in citations: the record's authors are
read as a claim about the entry. Titles forgive case, punctuation and a missing subtitle; years a
print/online difference of one, and `origdate`.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from citegloss.attribution import BibIndex, check_attribution
from citegloss.model import Bibliography, Claim, Finding, Location, Reference
from citegloss.names import fold_text, format_surnames
from citegloss.verify.identifiers import normalize_doi
from citegloss.verify.model import Difference, Verdict, Verification, Work

#: How alike (0-100) two folded titles must be to be the same title written differently.
TITLE_SIMILARITY = 90
_NOISE = re.compile(r"[^a-z0-9]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def fold_title(title: str) -> str:
    return _NOISE.sub(" ", fold_text(title)).strip()


def same_title(entry: str, record: str) -> bool:
    """Equal once folded, or one is the other's main title (a subtitle left out)."""
    a, b = fold_title(entry), fold_title(record)
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= TITLE_SIMILARITY:
        return True
    main_a, main_b = fold_title(entry.split(":")[0]), fold_title(record.split(":")[0])
    return main_a in (b, main_b) or main_b in (a, main_a)


def _venue(text: str) -> str:
    return _LEADING_ARTICLE.sub("", fold_title(text.replace("&", " and ")))


def _range(text: str) -> str:
    return re.sub(r"\s*[-\u2013\u2014]+\s*", "-", text.strip())


def author_findings(reference: Reference, work: Work) -> list[Finding]:
    """The matcher's findings for the record's authors read as a claim about the entry."""
    if not reference.creators or not work.authors:
        return []
    claim = Claim(
        author=" & ".join(p.last for p in work.authors),
        year=work.year or reference.year or 0,
        cite=reference.key,
        location=Location(""),
    )
    index = BibIndex(Bibliography(path="", references={reference.key: reference}))
    return check_attribution(claim, reference, index)


def same_work(reference: Reference, work: Work) -> bool:
    """Close enough to be the entry's work: the same title, and some author in common."""
    if not same_title(reference.title, work.title):
        return False
    return not any(f.code == "misattributed-author" for f in author_findings(reference, work))


def year_fits(reference: Reference, work: Work) -> bool:
    if reference.year is None or not work.years:
        return True
    wanted = {reference.year, *((reference.orig_year,) if reference.orig_year else ())}
    return any(abs(w - y) <= 1 for w in wanted for y in work.years)


def differences(reference: Reference, work: Work) -> list[Difference]:
    found = []
    if author_findings(reference, work):
        found.append(
            Difference(
                "authors", format_surnames(reference.creators), format_surnames(work.authors)
            )
        )
    if not same_title(reference.title, work.title):
        found.append(Difference("title", reference.title, work.title))
    if not year_fits(reference, work):
        found.append(Difference("year", str(reference.year), str(work.year)))
    venue = reference.fields.get("journal") or reference.fields.get("booktitle", "")
    if venue and work.venue and work.provider == "crossref" and _venue(venue) != _venue(work.venue):
        found.append(Difference("venue", venue, work.venue))
    for field, theirs in (("volume", work.volume), ("number", work.issue), ("pages", work.pages)):
        ours = reference.fields.get(field, "")
        if ours and theirs and _range(ours).lower() != _range(theirs).lower():
            found.append(Difference(field, ours, theirs))
    if reference.doi and work.doi and normalize_doi(reference.doi) != work.doi:
        found.append(Difference("doi", reference.doi, work.doi))
    return found


def judge(reference: Reference, work: Work) -> Verification:
    """The verdict for an entry and the record found for it."""
    diffs = tuple(differences(reference, work))
    if work.retracted:
        verdict, message = Verdict.RETRACTED, f"the record marks {work.describe()} as retracted"
    elif diffs:
        verdict = Verdict.DIFFERS
        fields = ", ".join(d.field for d in diffs)
        message = f"a real work, but the entry differs from the record in: {fields}"
    else:
        verdict, message = Verdict.CONFIRMED, f"matches {work.describe()}"
    return Verification(
        key=reference.key,
        verdict=verdict,
        provider=work.provider,
        identifier=work.identifier,
        differences=diffs,
        message=message,
    )


def doi_mismatch(reference: Reference, work: Work) -> Verification:
    return Verification(
        key=reference.key,
        verdict=Verdict.DOI_MISMATCH,
        provider=work.provider,
        identifier=work.identifier,
        differences=(Difference("title", reference.title, work.title),),
        message=f"the DOI {reference.doi} belongs to another work: {work.describe()}",
    )
