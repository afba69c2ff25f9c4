"""The offline findings about verification that `citegloss check` reports. Pure.

`bad-identifier` needs nothing but the entry; `unverified-entry` and `suspect-entry` read the
verification record, and only once the project keeps one (references.verified.yaml exists).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from citegloss.model import Bibliography, Finding, Reference
from citegloss.verify.identifiers import is_doi, isbn_problem, isbns, issn_problem
from citegloss.verify.model import Verdict
from citegloss.verify.record import EntryRecord, fingerprint

_PAGE_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2013\u2014]+\s*(\d+)\s*$")


def _bad(reference: Reference, message: str, suggestion: str) -> Finding:
    return Finding.error(
        "bad-identifier", reference.location, f"'{reference.key}': {message}", suggestion
    )


def identifier_problems(reference: Reference, this_year: int) -> list[Finding]:
    """DOI syntax, ISBN and ISSN check digits, a year not yet come, pages running backwards."""
    found = []
    doi = reference.fields.get("doi", "")
    if doi and not is_doi(doi):
        found.append(
            _bad(
                reference,
                f"the DOI '{doi}' is not DOI syntax (10.NNNN/suffix)",
                "Copy the DOI from the publisher's page, or remove it.",
            )
        )
    for isbn in isbns(reference.fields.get("isbn", "")):
        problem = isbn_problem(isbn)
        if problem:
            found.append(
                _bad(
                    reference,
                    f"the ISBN '{isbn}' is not valid: {problem}",
                    "Copy the ISBN from the book or a library catalogue.",
                )
            )
    issn = reference.fields.get("issn", "")
    if issn and issn_problem(issn):
        found.append(
            _bad(
                reference,
                f"the ISSN '{issn}' is not valid: {issn_problem(issn)}",
                "Copy the ISSN from the journal's page.",
            )
        )
    for year, field in ((reference.year, "year"), (reference.orig_year, "origdate")):
        if year is not None and year > this_year:
            found.append(
                _bad(
                    reference,
                    f"the {field} {year} is in the future",
                    f"Write the year the work appeared (at most {this_year}).",
                )
            )
    pages = _PAGE_RANGE.match(reference.fields.get("pages", ""))
    if pages and int(pages.group(2)) < int(pages.group(1)):
        found.append(
            _bad(
                reference,
                f"the page range {pages.group(0).strip()} runs backwards",
                "Write the first page, then the last: 115--125.",
            )
        )
    return found


def _unverified_because(reference: Reference, record: EntryRecord | None) -> str:
    """Why the entry counts as not verified, or "" when its record is current and conclusive."""
    if record is None:
        return "has no verification record"
    if record.fingerprint != fingerprint(reference):
        return f"changed since it was verified on {record.date}"
    if record.verdict in (Verdict.NOT_FOUND, Verdict.UNREACHABLE):
        return f"was not found by {record.provider.display} on {record.date}: it is unverified"
    return ""


def verification_findings(
    bibliography: Bibliography,
    records: Mapping[str, EntryRecord] | None,
    today: datetime.date | None = None,
) -> list[Finding]:
    """bad-identifier for every entry; unverified-entry and suspect-entry once a record is kept."""
    this_year = (today or datetime.date.today()).year
    findings = []
    for reference in bibliography.references.values():
        findings += identifier_problems(reference, this_year)
        if records is None:
            continue
        record = records.get(reference.key)
        why = _unverified_because(reference, record)
        if why:
            findings.append(
                Finding.warning(
                    "unverified-entry",
                    reference.location,
                    f"'{reference.key}' {why}",
                    "Run `citegloss verify --update`, or `citegloss verify --by-hand "
                    f'{reference.key} --source "where you saw it"`.',
                )
            )
        elif record is not None and record.verdict.is_suspect:
            fields = ", ".join(
                f"{d.field} (entry: {d.entry!r}, record: {d.record!r})" for d in record.differences
            )
            findings.append(
                Finding.error(
                    "suspect-entry",
                    reference.location,
                    f"'{reference.key}' is {record.verdict} by {record.provider.display} ({record.date})"
                    + (f": {fields}" if fields else ""),
                    "Correct the entry from the record (or cite another work), then verify it again.",
                )
            )
    return findings
