"""Audits: the glossary's attribution matcher turned on other people's documents.

An audit file (glossary/audits/<id>.yaml, format in audit.schema.json) lists the citations one
document makes, each with the work it must mean. Each citation gets the same checks as a
glossary claim, plus `wrong-venue`; a citation no work can be found for is `unidentifiable`.
These findings describe the audited document, never the glossary. Problems of the audit file
itself (yaml-error, schema-error, a `cite` that is not a key) are the project's to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from citegloss.attribution import BibIndex, check_claim
from citegloss.model import Bibliography, Claim, Finding, Location, Reference
from citegloss.names import fold_text, format_surnames
from citegloss.paths import display_path
from citegloss.schema import schema_findings, where_in_document
from citegloss.yamlfile import YamlDocument, YamlPath, read_yaml_file

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
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
class AuditedDocument:
    """The audited document's own record."""

    title: str = ""
    cite: str = ""
    author: str = ""
    year: int | None = None
    url: str = ""
    source: str = ""
    note: str = ""
    #: Where `cite` was written, for an unknown key.
    cite_location: Location | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation the document makes. `claim.cite` is "" when the work is unidentifiable."""

    as_written: str
    claim: Claim
    #: Line in the audited text; 0 when not recorded.
    line: int = 0
    title: str = ""
    venue: str = ""
    venue_location: Location | None = None
    reason: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Audit:
    #: The file name without .yaml.
    id: str
    document: AuditedDocument
    citations: tuple[Citation, ...]
    location: Location


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


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _citation(
    item: dict[str, Any], path: YamlPath, doc: YamlDocument, shown: str
) -> Citation | None:
    author, year, cite = item.get("author"), item.get("year"), item.get("cite")
    if not (isinstance(author, str) and isinstance(year, int) and not isinstance(year, bool)):
        return None  # a schema-error already says what is wrong
    claim = Claim(
        author=author,
        year=year,
        cite=cite.strip() if isinstance(cite, str) else "",
        location=doc.location(shown, path),
        cite_location=doc.location(shown, (*path, "cite")),
        year_location=doc.location(shown, (*path, "year")),
        author_location=doc.location(shown, (*path, "author")),
    )
    line = item.get("line")
    return Citation(
        as_written=_text(item.get("as_written")) or f"{author} ({year})",
        claim=claim,
        line=line if isinstance(line, int) and not isinstance(line, bool) else 0,
        title=_text(item.get("title")),
        venue=_text(item.get("venue")),
        venue_location=doc.location(shown, (*path, "venue")),
        reason=_text(item.get("reason")),
        note=_text(item.get("note")),
    )


def build_audit(audit_id: str, doc: YamlDocument, shown: str) -> Audit | None:
    """Whatever is usable in a document, even one with schema errors."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    record: dict[str, Any] = data["document"] if isinstance(data.get("document"), dict) else {}
    year = record.get("year")
    document = AuditedDocument(
        title=_text(record.get("title")),
        cite=_text(record.get("cite")),
        author=_text(record.get("author")),
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        url=_text(record.get("url")),
        source=_text(record.get("source")),
        note=_text(record.get("note")),
        cite_location=doc.location(shown, ("document", "cite")),
    )
    items: list[Any] = data["citations"] if isinstance(data.get("citations"), list) else []
    citations = [
        _citation(item, ("citations", i), doc, shown)
        for i, item in enumerate(items)
        if isinstance(item, dict)
    ]
    return Audit(
        id=audit_id,
        document=document,
        citations=tuple(c for c in citations if c is not None),
        location=Location(shown, 1, 1),
    )


def load_audit_file(path: Path, shown: str = "") -> tuple[Audit | None, list[Finding]]:
    """One audit and the problems of the file itself (yaml-error, schema-error)."""
    shown = shown or display_path(path)
    findings = []
    if not SLUG.match(path.stem) or path.suffix != ".yaml":
        findings.append(
            Finding.error(
                "schema-error",
                Location(shown, 1, 1),
                f"the file name '{path.name}' is not an audit id: use lowercase words joined by hyphens and .yaml",
                "Rename it, e.g. glossary/audits/km-blog-2023.yaml.",
            )
        )
    doc, read_findings = read_yaml_file(path, shown)
    findings += read_findings
    if doc is None:
        return None, findings
    for mapping, key, line, column in doc.duplicate_keys:
        findings.append(
            Finding.error(
                "schema-error",
                Location(shown, line, column),
                f"the key '{key}' appears twice in {where_in_document(mapping)}; YAML would silently keep the last",
                f"Keep one '{key}'.",
            )
        )
    findings += schema_findings("audit", doc, shown)
    record = doc.data.get("document") if isinstance(doc.data, dict) else None
    if isinstance(record, dict) and not (record.get("cite") or record.get("title")):
        findings.append(
            Finding.error(
                "schema-error",
                doc.location(shown, ("document",)),
                "document needs 'cite' (its key in references.bib) or 'title'",
                "Add `cite:` or `title:` (with `url:` and `year:` when known).",
            )
        )
    return build_audit(path.stem, doc, shown), findings


def audit_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def load_audits(folder: Path) -> tuple[list[Audit], list[Finding]]:
    """Every audit in the folder. Raises OSError when the folder cannot be read."""
    audits, findings = [], []
    shown_root = display_path(folder)
    for path in audit_files(folder):
        audit, file_findings = load_audit_file(path, f"{shown_root}/{path.name}")
        findings += file_findings
        if audit is not None:
            audits.append(audit)
    return audits, findings


def cite_as(reference: Reference) -> str:
    """How the entry should be cited: "Crossan, Lane & White (1999)", "Senge et al. (1994)"."""
    people = reference.creators
    names = format_surnames(people) if len(people) <= 3 else f"{people[0].last} et al."
    return f"{names} ({reference.year if reference.year is not None else 'n.d.'})"


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
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    return fuzz.ratio(a, b) >= VENUE_SIMILARITY


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
    return finding.code in ("yaml-error", "schema-error", "unknown-key")


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    """How many citations have each verdict (a citation with two problems counts under both)."""
    tally = dict.fromkeys(VERDICTS, 0)
    for verdict in verdicts:
        for code in verdict.codes:
            tally[code] = tally.get(code, 0) + 1
    return tally
