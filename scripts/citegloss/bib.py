"""references.bib -> model.Bibliography: with bibparse, bibfast and bibpeople, the .bib reader.

A bad .bib becomes findings (bib-error, duplicate-key, suspicious-name, bib-encoding), never a
crash: the entries after a broken or repeated one are still read, a file that is not UTF-8 is
still read in the encoding it declares or in Windows-1252, and a chapter takes what it lacks
(year, editors, book title) from the entry its `crossref` names, as BibTeX and biber do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pybtex.database import Entry
from pybtex.database import Person as PybtexPerson
from pybtex.exceptions import PybtexError

from citegloss import limits
from citegloss.bibencoding import decode_bib
from citegloss.bibparse import parse_pieces
from citegloss.bibpeople import read_person
from citegloss.latex import decode_latex
from citegloss.model import Bibliography, Finding, Location, Person, Reference
from citegloss.paths import display_path

#: `@article{key,` at the start of a line; `@comment`, `@string` and `@preamble` are not entries.
_ENTRY_START = re.compile(
    r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE
)
_NOT_ENTRIES = {"comment", "string", "preamble"}
_YEAR = re.compile(r"\d{4}")
#: A reprint's original year in brackets: `[1893] 1984`, `1984 [1893]`.
_BRACKETED = re.compile(r"\[[^\]]*\]")
#: The fields read into the model: those styles print or the checks compare. The rest (abstract,
#: file, keywords, annote, tools' own fields) are never shown, and decoding their LaTeX would
#: cost more than the whole parse.
BIBLIOGRAPHIC_FIELDS = frozenset(
    [
        "address",
        "booktitle",
        "chapter",
        "crossref",
        "date",
        "doi",
        "edition",
        "eid",
        "eprint",
        "howpublished",
        "institution",
        "isbn",
        "issn",
        "issue",
        "journal",
        "journaltitle",
        "location",
        "month",
        "note",
        "number",
        "organization",
        "origdate",
        "origyear",
        "pages",
        "publisher",
        "school",
        "series",
        "subtitle",
        "title",
        "type",
        "url",
        "urldate",
        "volume",
        "year",
    ]
)
#: Fields that hold identifiers, not text: never decoded as LaTeX.
_VERBATIM = frozenset({"doi", "url", "eprint"})
#: Fields a chapter takes from its crossref parent when it has none of its own.
_INHERITED = ("year", "date", "origdate", "origyear", "publisher", "address")


def _is_others(person: PybtexPerson) -> bool:
    """BibTeX's `and others`, which stands for authors the entry does not list."""
    return person.last_names == ["others"] and not person.first_names


def _years(value: str) -> tuple[int | None, int | None]:
    """The edition's year, and the original's when a reprint gives it in brackets."""
    bracketed = _YEAR.search(" ".join(_BRACKETED.findall(value)))
    edition = _YEAR.search(_BRACKETED.sub("", value))
    if edition is None:
        return (int(bracketed.group()) if bracketed else None), None
    return int(edition.group()), int(bracketed.group()) if bracketed else None


def _entry_lines(text: str) -> list[tuple[str, int]]:
    """Each entry's key and 1-based line, in file order, duplicates included."""
    found, line, counted = [], 1, 0
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match.group(1).lower() not in _NOT_ENTRIES:
            found.append((match.group(2), line))
    return found


def _decoded(entry: Entry) -> dict[str, str]:
    wanted = ((name.lower(), value) for name, value in entry.fields.items())
    return {
        name: _verbatim(str(value)) if name in _VERBATIM else decode_latex(str(value))
        for name, value in wanted
        if name in BIBLIOGRAPHIC_FIELDS
    }


def _verbatim(value: str) -> str:
    """A URL or DOI as written: `~` and `--` in it are characters, not LaTeX."""
    return value.replace("{", "").replace("}", "").replace("\\_", "_").strip()


def _fields(entry: Entry, parent: Entry | None) -> dict[str, str]:
    fields = _decoded(entry)
    if parent is not None:
        inherited = _decoded(parent)
        for name in _INHERITED:
            if name in inherited and not fields.get(name):
                fields[name] = inherited[name]
        if not fields.get("booktitle"):
            book = inherited.get("booktitle") or inherited.get("title")
            if book:
                fields["booktitle"] = book
    return fields


def _to_reference(
    key: str, entry: Entry, parent: Entry | None, location: Location, findings: list[Finding]
) -> Reference:
    fields = _fields(entry, parent)
    year, bracketed = _years(fields.get("year", "") or fields.get("date", ""))
    orig_year = _years(fields.get("origdate", "") or fields.get("origyear", ""))[0] or bracketed
    people = {}
    for role in ("author", "editor"):
        listed = entry.persons.get(role) or (parent.persons.get(role, []) if parent else [])
        people[role] = list(listed)
    read = {
        role: [read_person(p) for p in listed if not _is_others(p)]
        for role, listed in people.items()
    }
    for role, persons in read.items():
        for person in persons:
            if person.misread:
                findings.append(_suspicious_name(key, role, location, *person.misread))
    authors: tuple[Person, ...] = tuple(r.person for r in read["author"])
    editors: tuple[Person, ...] = tuple(r.person for r in read["editor"])
    return Reference(
        key=key,
        entry_type=entry.type.lower(),
        authors=authors,
        editors=editors,
        more_creators=any(_is_others(p) for p in people["author"] or people["editor"]),
        year=year,
        orig_year=orig_year if orig_year != year else None,
        fields=fields,
        location=location,
    )


def _suspicious_name(
    key: str, role: str, location: Location, written: str, misread: str, fix: str
) -> Finding:
    return Finding.warning(
        "suspicious-name",
        location,
        f"BibTeX reads the {role} '{written}' of '{key}' with {misread}",
        f"Write it '{fix}' (surname, suffix, given names), so that styles print it right.",
    )


def parse_bibliography(text: str, path: str) -> Bibliography:
    """Parse BibTeX text; `path` is only used to locate findings."""
    parsed = parse_pieces(text)
    findings = [
        Finding.error(
            "bib-error",
            Location(path, line, 1),
            f"references.bib cannot be parsed: {message}",
            "Shorten the value, or check the @string macros it uses."
            if too_large
            else "Check this entry's braces, commas, quotes and the @type{key, opening.",
        )
        for line, message, too_large in parsed.errors
    ]
    lines: dict[str, int] = {}
    folded: dict[str, int] = {}
    for key, line in _entry_lines(text):
        first = folded.get(key.lower())
        if first is not None:
            findings.append(
                Finding.error(
                    "duplicate-key",
                    Location(path, line, 1),
                    f"the key '{key}' is used again; the first entry with it is on line {first}",
                    "Give this entry a key of its own, or delete it if it is the same work.",
                )
            )
        else:
            lines[key] = folded[key.lower()] = line
    by_folded_key = {key.lower(): entry for key, entry in parsed.entries.items()}
    references = {}
    for key, entry in parsed.entries.items():
        location = Location(path, lines.get(key, folded.get(key.lower(), 0)), 1)
        parent = by_folded_key.get(str(entry.fields.get("crossref", "")).strip().lower())
        try:
            references[key] = _to_reference(key, entry, parent, location, findings)
        except PybtexError as exc:
            findings.append(
                Finding.error(
                    "bib-error",
                    location,
                    f"entry '{key}' cannot be read: {exc}",
                    "Check the names in its author and editor fields.",
                )
            )
    return Bibliography(path=path, references=references, findings=tuple(findings))


def load_bibliography(path: Path, encoding: str | None = None) -> Bibliography:
    """Read and parse references.bib. Raises OSError when it cannot be read, limits.FileTooLarge
    when it is larger than CITEGLOSS_MAX_BIB_BYTES, and with `encoding` UnicodeDecodeError or
    LookupError when it is not in that encoding."""
    shown = display_path(path)
    data = limits.read_limited(path, shown, limits.BIB)
    text, findings = decode_bib(data, shown, encoding)
    bibliography = parse_bibliography(text, shown)
    return replace(bibliography, findings=(*findings, *bibliography.findings))
