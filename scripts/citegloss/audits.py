"""Audit files (glossary/audits/<id>.yaml) -> Audit: a document and the citations it makes.

An audit file lists the citations one document makes, each with the work it must mean; the
format is audit.schema.json. Like the glossary loader, this one turns every problem of the file
(yaml-error, schema-error) into a finding naming file and line, and keeps what is usable.
Judging the citations is the next stage: audit_verdicts.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citegloss.glossary import SLUG, reserved_id
from citegloss.model import Claim, Finding, Location
from citegloss.paths import display_path, yaml_files
from citegloss.schema import read_document
from citegloss.yamlfile import YamlDocument, YamlPath

#: What a citation may give in place of a year (its claim's year is then 0).
UNDATED = ("n.d.", "forthcoming", "in press")


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


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _citation(
    item: dict[str, Any], path: YamlPath, doc: YamlDocument, shown: str
) -> Citation | None:
    author, year, cite = item.get("author"), item.get("year"), item.get("cite")
    if year in UNDATED:
        year = 0  # "n.d.", "forthcoming", "in press": no year to compare
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
        as_written=_text(item.get("as_written")) or f"{author} ({item.get('year')})",
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
    if reserved := reserved_id(path, shown, "audits", "overview of all audits"):
        return None, [*findings, reserved]
    doc, read_findings = read_document(path, shown, "audit")
    findings += read_findings
    if doc is None:
        return None, findings
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


def load_audits(folder: Path) -> tuple[list[Audit], list[Finding]]:
    """Every audit in the folder. Raises OSError when the folder cannot be read."""
    audits, findings = [], []
    shown_root = display_path(folder)
    for path in yaml_files(folder):
        audit, file_findings = load_audit_file(path, f"{shown_root}/{path.name}")
        findings += file_findings
        if audit is not None:
            audits.append(audit)
    return audits, findings


def citing_audits(audits: Sequence[Audit]) -> dict[str, list[Audit]]:
    """Bib key -> the audits that cite it (as a citation or as the audited document itself)."""
    citing: dict[str, list[Audit]] = {}
    for audit in audits:
        keys = {c.claim.cite for c in audit.citations} | {audit.document.cite}
        for key in sorted(keys - {""}):
            citing.setdefault(key, []).append(audit)
    return citing
