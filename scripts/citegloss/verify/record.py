"""The verification record: `references.verified.yaml` beside references.bib, one record per entry.

It keeps the evidence with the bibliography: what each entry was checked against, when, with
what verdict, and a fingerprint of the fields compared, so an entry edited after it was verified
is known to need verifying again. `citegloss verify --update` and `--by-hand` write it (atomically:
a temporary file renamed over the old one); nothing here touches references.bib.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from citegloss.model import Person, Reference
from citegloss.verify.model import Difference, Provider, Verdict, Verification

RECORD_SUFFIX = ".verified.yaml"
#: The fields a verification compares; the fingerprint covers exactly these.
COMPARED_FIELDS = ("title", "journal", "booktitle", "volume", "number", "pages", "doi", "isbn")
_HEADER = (
    "# Verification record of references.bib: how each entry was confirmed.\n"
    "# Written by `citegloss verify --update` and `citegloss verify --by-hand KEY --source ...`;\n"
    "# see docs/verification.md. A fingerprint that no longer matches its entry means: verify again.\n"
)


class RecordError(Exception):
    """The record file cannot be read or is not in the expected shape."""


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """What the file keeps for one entry."""

    key: str
    fingerprint: str
    verdict: Verdict
    provider: Provider
    #: The DOI or Open Library key found; "" for a record by hand.
    identifier: str
    #: ISO date (YYYY-MM-DD) of the verification.
    date: str
    differences: tuple[Difference, ...] = ()
    #: For a record by hand: where the person saw the work.
    source: str = ""

    @property
    def by_hand(self) -> bool:
        return self.provider is Provider.BY_HAND


def record_path(bib: Path) -> Path:
    """references.bib -> references.verified.yaml, beside it."""
    return bib.with_name(bib.stem + RECORD_SUFFIX)


def _people(people: tuple[Person, ...]) -> list[list[str]]:
    return [[p.last, p.first, p.lineage] for p in people]


def fingerprint(reference: Reference) -> str:
    """A short, stable digest of the compared fields: unchanged by reformatting the .bib."""
    compared = {
        "type": reference.entry_type,
        "authors": _people(reference.authors),
        "editors": _people(reference.editors),
        "year": reference.year,
        "origdate": reference.orig_year,
        **{f: " ".join(reference.fields.get(f, "").split()) for f in COMPARED_FIELDS},
    }
    text = json.dumps(compared, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def from_verification(reference: Reference, verification: Verification, date: str) -> EntryRecord:
    return EntryRecord(
        key=reference.key,
        fingerprint=fingerprint(reference),
        verdict=verification.verdict,
        provider=verification.provider or Provider.CROSSREF,
        identifier=verification.identifier,
        date=date,
        differences=verification.differences,
    )


def by_hand(reference: Reference, source: str, date: str) -> EntryRecord:
    return EntryRecord(
        key=reference.key,
        fingerprint=fingerprint(reference),
        verdict=Verdict.CONFIRMED,
        provider=Provider.BY_HAND,
        identifier="",
        date=date,
        source=source,
    )


def _entry(key: str, data: Any) -> EntryRecord:
    if not isinstance(data, dict):
        raise RecordError(f"the record of '{key}' is not a mapping")
    try:
        return EntryRecord(
            key=key,
            fingerprint=str(data["fingerprint"]),
            verdict=Verdict(data["verdict"]),
            provider=Provider(data["provider"]),
            identifier=str(data.get("identifier") or ""),
            date=str(data["date"]),
            differences=tuple(
                Difference(str(d["field"]), str(d["entry"]), str(d["record"]))
                for d in data.get("differences") or []
            ),
            source=str(data.get("source") or ""),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise RecordError(f"the record of '{key}' is incomplete or has a bad value: {exc}") from exc


def load_records(path: Path) -> dict[str, EntryRecord] | None:
    """The records by key; None when there is no record file (verification not started)."""
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RecordError(f"cannot read '{path}': {exc}") from exc
    entries = (data or {}).get("entries") if isinstance(data, dict | None) else None
    if data and not isinstance(entries, dict):
        raise RecordError(f"'{path}' has no `entries:` mapping")
    return {str(key): _entry(str(key), value) for key, value in (entries or {}).items()}


def _dump_entry(record: EntryRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fingerprint": record.fingerprint,
        "verdict": str(record.verdict),
        "provider": str(record.provider),
        "date": record.date,
    }
    if record.identifier:
        data["identifier"] = record.identifier
    if record.source:
        data["source"] = record.source
    if record.differences:
        data["differences"] = [
            {"field": d.field, "entry": d.entry, "record": d.record} for d in record.differences
        ]
    return data


def save_records(path: Path, records: dict[str, EntryRecord]) -> None:
    """Write every record, sorted by key, through a temporary file renamed into place."""
    body = {"entries": {key: _dump_entry(records[key]) for key in sorted(records)}}
    text = _HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
