"""references.bib -> model.Bibliography. The only module that imports pybtex's parser.

A bad .bib becomes findings (bib-error, duplicate-key), never a crash: pybtex's errors are
captured, and the entries after a broken or repeated one are still read.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pybtex.errors
from pybtex.database import Entry
from pybtex.database import Person as PybtexPerson
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PrematureEOF, PybtexSyntaxError

from citegloss import limits
from citegloss.model import Bibliography, Finding, Location, Person, Reference, Severity
from citegloss.names import decode_latex
from citegloss.paths import display_path

#: `@article{key,` at the start of a line; `@comment`, `@string` and `@preamble` are not entries.
_ENTRY_START = re.compile(
    r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE
)
_NOT_ENTRIES = {"comment", "string", "preamble"}
_YEAR = re.compile(r"\d{4}")


def _decode_person(person: PybtexPerson) -> Person:
    raw_last = " ".join(person.prelast_names + person.last_names)
    corporate = (
        not person.first_names
        and len(person.last_names) == 1
        and raw_last.startswith("{")
        and raw_last.endswith("}")
    )
    return Person(
        last=decode_latex(raw_last),
        first=decode_latex(" ".join(person.first_names + person.middle_names)),
        lineage=decode_latex(" ".join(person.lineage_names)),
        corporate=corporate,
    )


def _is_others(person: PybtexPerson) -> bool:
    """BibTeX's `and others`, which stands for authors the entry does not list."""
    return str(person) == "others"


def _year(value: str) -> int | None:
    match = _YEAR.search(value)
    return int(match.group()) if match else None


def _entry_lines(text: str) -> list[tuple[str, int]]:
    """Each entry's key and 1-based line, in file order, duplicates included."""
    found, line, counted = [], 1, 0
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if match.group(1).lower() not in _NOT_ENTRIES:
            found.append((match.group(2), line))
    return found


def _to_reference(key: str, entry: Entry, location: Location) -> Reference:
    fields = {name.lower(): decode_latex(str(value)) for name, value in entry.fields.items()}
    year = _year(fields.get("year", "") or fields.get("date", ""))
    orig_year = _year(fields.get("origdate", "") or fields.get("origyear", ""))
    authors, editors = entry.persons.get("author", []), entry.persons.get("editor", [])
    return Reference(
        key=key,
        entry_type=entry.type.lower(),
        authors=tuple(_decode_person(p) for p in authors if not _is_others(p)),
        editors=tuple(_decode_person(p) for p in editors if not _is_others(p)),
        more_creators=any(_is_others(p) for p in authors or editors),
        year=year,
        orig_year=orig_year,
        fields=fields,
        location=location,
    )


def _error_line(error: BaseException) -> int:
    line = getattr(error, "lineno", None)
    return line if isinstance(line, int) else 0


_COMMAND_START = re.compile(r"^[ \t]*@", re.MULTILINE)


def _chunks(text: str) -> list[tuple[int, str]]:
    """The text cut before every line that opens an @-command, with each piece's first line.

    A broken entry (an unclosed brace) swallows the rest of the file in one parse; parsed
    piece by piece, the entries after it are still read and the error names its own entry.
    """
    starts = [m.start() for m in _COMMAND_START.finditer(text)] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    bounds = [*starts, len(text)]
    return [(text.count("\n", 0, a) + 1, text[a:b]) for a, b in pairwise(bounds)]


def _parse(parser: Parser, text: str, first_line: int) -> list[tuple[int, str]]:
    """Parse into `parser.data`; return the (line, message) of each error pybtex reported."""
    with pybtex.errors.capture() as captured:
        try:
            parser.parse_string(text)
        except (PybtexError, ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
            captured.append(exc)
    return [_locate(e, first_line) for e in captured if "repeated bibliography entry" not in str(e)]


def _locate(error: BaseException, first_line: int) -> tuple[int, str]:
    """An error's line in the whole file and its message without pybtex's chunk-relative line."""
    if isinstance(error, PrematureEOF):
        return first_line, "this entry is never closed: a closing brace or quote is missing"
    message = PybtexError.__str__(error) if isinstance(error, PybtexError) else str(error)
    if isinstance(error, PybtexSyntaxError):
        message = f"syntax error: {message}"
    return max(_error_line(error), 1) + first_line - 1, message


def parse_bibliography(text: str, path: str) -> Bibliography:
    """Parse BibTeX text; `path` is only used to locate findings."""
    pybtex.errors.set_strict_mode(False)
    parser = Parser()
    errors = _parse(parser, text, 1)
    if errors:
        parser = Parser()
        errors = [err for line, chunk in _chunks(text) for err in _parse(parser, chunk, line)]
    findings = [
        Finding(
            "bib-error",
            Severity.ERROR,
            Location(path, line, 1),
            f"references.bib cannot be parsed: {message}",
            "Check this entry's braces, commas, quotes and the @type{key, opening.",
        )
        for line, message in errors
    ]
    lines: dict[str, int] = {}
    folded: dict[str, int] = {}
    for key, line in _entry_lines(text):
        first = folded.get(key.lower())
        if first is not None:
            findings.append(
                Finding(
                    "duplicate-key",
                    Severity.ERROR,
                    Location(path, line, 1),
                    f"the key '{key}' is used again; the first entry with it is on line {first}",
                    "Give this entry a key of its own, or delete it if it is the same work.",
                )
            )
        else:
            lines[key] = folded[key.lower()] = line
    references = {}
    for key, entry in parser.data.entries.items():
        location = Location(path, lines.get(key, 0), 1)
        try:
            references[key] = _to_reference(key, entry, location)
        except PybtexError as exc:
            findings.append(
                Finding(
                    "bib-error",
                    Severity.ERROR,
                    location,
                    f"entry '{key}' cannot be read: {exc}",
                    "Check the names in its author and editor fields.",
                )
            )
    return Bibliography(path=path, references=references, findings=tuple(findings))


def load_bibliography(path: Path) -> Bibliography:
    """Read and parse references.bib. Raises OSError/UnicodeDecodeError when it cannot be read,
    limits.FileTooLarge when it is larger than CITEGLOSS_MAX_BIB_BYTES."""
    limits.check_size(path, display_path(path), limits.BIB)
    return parse_bibliography(path.read_text(encoding="utf-8"), display_path(path))
