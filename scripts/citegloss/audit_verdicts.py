"""Audit verdicts: the glossary's attribution matcher turned on other people's documents.

Each citation of an audit gets the same checks as a glossary claim (check_claim), plus
`wrong-venue`; a citation no work can be found for is `unidentifiable`. These findings describe
the audited document, never the glossary. An audit `cite` that is not a key (unknown-key) is the
audit file's mistake, and the project's to fix. Pure functions over the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from citegloss.attribution import BibIndex, check_claim
from citegloss.audits import Audit, Citation
from citegloss.model import Bibliography, Finding, Reference
from citegloss.names import fold_text, format_surnames

#: What the site and reports call each verdict, in the order they are shown.
VERDICTS = {
    "correct": "correct",
    "misattributed-author": "misattributed author",
    "missing-coauthor": "missing co-author",
    "extra-coauthor": "extra co-author",
    "misspelled-author": "misspelled author",
    "wrong-year": "wrong year",
    "wrong-venue": "wrong venue",
    "unidentifiable": "unidentifiable",
}
#: Fields of a .bib entry that name where it appeared.
VENUE_FIELDS = ("journal", "booktitle", "publisher", "series", "school", "institution")
#: How alike (0-100) a venue must be to an entry's to count as the same (typos, not other names).
VENUE_SIMILARITY = 90


@dataclass(frozen=True, slots=True)
class Verdict:
    """A citation with what the checks found; `codes` are keys of VERDICTS."""

    citation: Citation
    findings: tuple[Finding, ...]
    reference: Reference | None

    @property
    def codes(self) -> tuple[str, ...]:
        if not self.citation.claim.cite:
            return ("unidentifiable",)
        found = {f.code for f in self.findings}
        if "unknown-key" in found:
            return ("unknown-key",)  # the audit file is wrong, not the document
        return tuple(code for code in VERDICTS if code in found) or ("correct",)


def cite_as(reference: Reference) -> str:
    """How the entry should be cited: "Crossan, Lane & White (1999)", "Senge et al. (1994)"."""
    people = reference.creators
    names = format_surnames(people) if len(people) <= 3 else f"{people[0].last} et al."
    return f"{names} ({reference.year if reference.year is not None else 'n.d.'})"


#: Words that name no venue alone: "Management" is not "Journal of Knowledge Management".
_GENERIC = frozenset(
    re.findall(
        r"\w+",
        "journal review management press studies science sciences quarterly learning "
        "organization organizational business university international research annals "
        "proceedings handbook knowledge and of the in for on",
    )
)


def _venue_key(venue: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold_text(venue).replace("&", " and ")).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def venues(reference: Reference) -> list[str]:
    return [reference.fields[f] for f in VENUE_FIELDS if reference.fields.get(f)]


def same_venue(given: str, venue: str) -> bool:
    """True for the same name up to case, accents, "&", "The", typos and an imprint's prefix
    ("Doubleday" for "Currency Doubleday")."""
    a, b = _venue_key(given), _venue_key(venue)
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= VENUE_SIMILARITY:
        return True
    shorter, longer = sorted((a, b), key=len)
    distinctive = set(shorter.split()) - _GENERIC
    return bool(distinctive) and f" {shorter} " in f" {longer} "


def wrong_venue(citation: Citation, reference: Reference) -> list[Finding]:
    known = venues(reference)
    if not citation.venue or not known or any(same_venue(citation.venue, v) for v in known):
        return []
    return [
        Finding.error(
            "wrong-venue",
            citation.venue_location or citation.claim.location,
            f"'{reference.key}' did not appear in '{citation.venue}' but in {' / '.join(known)}",
        )
    ]


def _unidentifiable(citation: Citation) -> Finding:
    reason = citation.reason or "the work cannot be identified"
    return Finding.warning(
        "unidentifiable", citation.claim.cite_location or citation.claim.location, reason
    )


def judge(citation: Citation, bibliography: Bibliography, index: BibIndex) -> Verdict:
    """One citation's findings, each naming the citation as written and the entry it means."""
    if not citation.claim.cite:
        findings = [_unidentifiable(citation)]
        reference = None
    else:
        reference = bibliography.references.get(citation.claim.cite)
        findings = check_claim(citation.claim, bibliography, index)
        if reference is not None:
            findings += wrong_venue(citation, reference)
    hint = f"The work: {cite_as(reference)}, '{reference.title}'." if reference else ""
    return Verdict(
        citation=citation,
        reference=reference,
        findings=tuple(
            replace(
                f,
                message=f"“{citation.as_written}”: {f.message}",
                suggestion=hint if reference and f.code != "unknown-key" else f.suggestion,
                as_written=citation.as_written,
            )
            for f in findings
        ),
    )


def judge_audit(audit: Audit, bibliography: Bibliography) -> list[Verdict]:
    index = BibIndex(bibliography)
    return [judge(c, bibliography, index) for c in audit.citations]


def document_reference_findings(audit: Audit, bibliography: Bibliography) -> list[Finding]:
    """The document's own `cite` must be a key too."""
    key = audit.document.cite
    if not key or key in bibliography.references:
        return []
    return [
        Finding.error(
            "unknown-key",
            audit.document.cite_location or audit.location,
            f"the document's own key '{key}' is not a key in references.bib",
            "Fix the key, or give the document's title, URL and year instead.",
        )
    ]


def is_about_audit_file(finding: Finding) -> bool:
    """Findings the project must fix (the audit file is wrong), not the audited document."""
    return finding.code in (
        "yaml-error",
        "schema-error",
        "file-too-large",
        "unknown-key",
        "invisible-character",
        "reserved-id",
    )


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    """How many citations have each verdict (a citation with two problems counts under both)."""
    tally = dict.fromkeys(VERDICTS, 0)
    for verdict in verdicts:
        for code in verdict.codes:
            tally[code] = tally.get(code, 0) + 1
    return tally
