"""pybtex's BibTeX parser made linear and bounded, for .bib files anyone may send.

Two things make pybtex unsafe on hostile input. Its scanner searches for each special character
separately, to the end of the text if need be, so a value made of many small pieces
(`"a" # "a" # ...`) costs quadratic time. And `@string` macros that repeat each other grow
without limit: forty lines make a value of 2**40 characters. Here the scanner looks once for
the nearest special character, and a value past `MAX_VALUE_CHARS` characters or
`MAX_VALUE_PARTS` pieces stops with a syntax error on its line, which bib.py reports as a
bib-error. Only bib.py imports this module.
"""

from __future__ import annotations

import itertools
import re
from collections import ChainMap
from dataclasses import dataclass
from functools import cache

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import LowLevelParser, Parser, month_names
from pybtex.exceptions import PybtexError
from pybtex.scanner import Pattern, PrematureEOF, PybtexSyntaxError, Token
from pybtex.utils import CaseInsensitiveDict

from citegloss.bibfast import plain_entries

#: The longest value (a field or an @string, macros expanded) a .bib may hold: far above any
#: real abstract, far below what would exhaust memory.
MAX_VALUE_CHARS = 1_000_000
#: The most pieces one value may join with `#`; real files join two or three.
MAX_VALUE_PARTS = 1_000


class ValueTooLarge(PybtexSyntaxError):  # type: ignore[misc]
    """A value past the limits: reported on its line, the value left empty."""


@cache
def _nearest(patterns: tuple[Pattern, ...]) -> re.Pattern[str]:
    """One regex finding the first of several single-character patterns (the scanner's)."""
    return re.compile("|".join(f"({p.search.__self__.pattern})" for p in patterns))


@cache
def _leading(patterns: tuple[Pattern, ...]) -> re.Pattern[str] | None:
    """Whitespace, then the first of several patterns that matches: one regex for the scanner's
    two steps (None when a pattern has groups of its own, and the alternation would be wrong)."""
    sources = [p.match.__self__ for p in patterns]
    if any(source.groups for source in sources):
        return None
    return re.compile(r"(\s*)(?:" + "|".join(f"({s.pattern})" for s in sources) + ")?")


class _BoundedScanner(LowLevelParser):  # type: ignore[misc]
    text: str
    pos: int
    lineno: int
    end_pos: int

    def get_token(self, patterns: list[Pattern], allow_eof: bool = False) -> Token | None:
        leading = _leading(tuple(patterns))
        if leading is None:
            return super().get_token(patterns, allow_eof)
        match = leading.match(self.text, self.pos)
        assert match is not None  # the pattern matches at least the empty string
        space_end = match.end(1)
        if space_end > self.pos:
            text, pos = self.text, self.pos
            crlf = text.count("\r\n", pos, space_end)
            self.lineno += (
                text.count("\n", pos, space_end) + text.count("\r", pos, space_end) - crlf
            )
            self.pos = space_end
        if self.pos == self.end_pos:
            if allow_eof:
                raise EOFError
            raise PrematureEOF(self)
        group = match.lastindex or 1
        if group == 1:
            return None
        self.pos = match.end()
        return Token(match.group(group), patterns[group - 2])

    def skip_to(self, patterns: list[Pattern]) -> Token | None:
        match = _nearest(tuple(patterns)).search(self.text, self.pos)
        if match is None:
            return None
        value = self.text[self.pos : match.end()]
        self.pos = match.end()
        self.update_lineno(value)
        return Token(value, patterns[(match.lastindex or 1) - 1])

    def parse_value(self) -> None:
        parts: list[str] = []
        size = 0
        while not parts or self.optional([self.HASH]):
            part = self.parse_value_part()
            parts.append(part)
            size += len(part)
            if size > MAX_VALUE_CHARS:
                message = f"a value longer than {MAX_VALUE_CHARS:,} characters (macros that repeat each other?)"
                raise ValueTooLarge(message, self)
            if len(parts) > MAX_VALUE_PARTS:
                message = f"a value joins more than {MAX_VALUE_PARTS:,} pieces with '#'"
                raise ValueTooLarge(message, self)
        self.current_value = parts

    def parse_string_body(self, body_end: object) -> None:
        try:
            super().parse_string_body(body_end)
        except ValueTooLarge:
            self.macros[self.current_field_name] = ""  # so later uses add no errors of their own
            raise


class BoundedParser(Parser):  # type: ignore[misc]
    """pybtex's Parser on the bounded scanner; otherwise the same (this is pybtex's loop)."""

    def parse_string(self, text: str) -> BibliographyData:
        self.unnamed_entry_counter = 1
        self.command_start = 0
        scanner = _BoundedScanner(
            text,
            keyless_entries=self.keyless_entries,
            handle_error=self.handle_error,
            want_entry=self.data.want_entry,
            filename=self.filename,
            macros=self.macros,
        )
        for command, body in scanner:
            if command.lower() == "preamble":
                self.process_preamble(*body)
            elif command.lower() != "string":
                self.process_entry(command, *body)
        return self.data


#: A line that opens an @-command: where one entry's text may be cut from the next.
_COMMAND_START = re.compile(r"^[ \t]*@", re.MULTILINE)
#: How many pieces a piece that never closes is joined with, in case the `@` that cut it
#: stood at the start of a line inside a value (an e-mail address in an abstract).
_REJOIN = 3
#: How many pieces are parsed at once when nothing in them is broken.
_BATCH = 8
#: How a piece that really opens a command begins: `@article{`, `@string(`.
_OPENING = re.compile(r"[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]")


@dataclass(frozen=True)
class ParsedBib:
    """What pybtex read, entry by entry, and the errors it reported, on lines of the file."""

    #: Entries by key, in file order; the first of a repeated key (any case) wins.
    entries: dict[str, Entry]
    #: (line, message, is_size_limit) for each error.
    errors: list[tuple[int, str, bool]]


def _pieces(text: str) -> list[tuple[int, str]]:
    """The text cut before every line that opens an @-command, with each piece's first line."""
    starts = [0, *(m.start() for m in _COMMAND_START.finditer(text) if m.start())]
    pieces, line = [], 1
    for start, end in itertools.pairwise([*starts, len(text)]):
        pieces.append((line, text[start:end]))
        line += text.count("\n", start, end)
    return pieces


def _parse_piece(
    text: str, macros: CaseInsensitiveDict
) -> tuple[BoundedParser, list[BaseException]]:
    """One parse with its own parser; new @string macros go to a layer of their own."""
    parser = BoundedParser()
    parser.macros = ChainMap(CaseInsensitiveDict(), macros)
    with pybtex.errors.capture() as captured:
        try:
            parser.parse_string(text)
        except (PybtexError, ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
            captured.append(exc)
    return parser, [e for e in captured if "repeated bibliography entry" not in str(e)]


def _locate(error: BaseException, first_line: int) -> tuple[int, str, bool]:
    """An error's line in the whole file, and its message without pybtex's piece-relative line."""
    if isinstance(error, PrematureEOF):
        return first_line, "this entry is never closed: a closing brace or quote is missing", False
    message = PybtexError.__str__(error) if isinstance(error, PybtexError) else str(error)
    if isinstance(error, PybtexSyntaxError) and not isinstance(error, ValueTooLarge):
        message = f"syntax error: {message}"
    line = getattr(error, "lineno", None)
    line = line if isinstance(line, int) and line > 0 else 1
    return line + first_line - 1, message, isinstance(error, ValueTooLarge)


def _one_piece(
    pieces: list[tuple[int, str]], index: int, macros: CaseInsensitiveDict
) -> tuple[BoundedParser, list[BaseException], int]:
    """Parse the piece at `index` alone; return the parser, its errors, how many pieces it took."""
    parser, found = _parse_piece(pieces[index][1], macros)
    if any(isinstance(e, PrematureEOF) for e in found):
        following = pieces[index + 1 : index + 1 + _REJOIN]
        inside = len(list(itertools.takewhile(lambda p: not _OPENING.match(p[1]), following)))
        if inside:  # the pieces after it open no command: it may have been cut inside a value
            joined = "".join(p for _, p in pieces[index : index + 1 + inside])
            retry, again = _parse_piece(joined, macros)
            if not again:
                return retry, again, 1 + inside
    return parser, found, 1


def parse_pieces(text: str) -> ParsedBib:
    """Parse BibTeX entry by entry: a broken entry cannot swallow the ones after it.

    Pieces are parsed `_BATCH` at a time; a batch with an error is parsed again piece by piece.
    So the cost stays linear whatever is broken (at most about twice one parse of the file) and
    is one parse when few entries are; macros carry over from piece to piece as in BibTeX.
    """
    pybtex.errors.set_strict_mode(False)
    macros = CaseInsensitiveDict(month_names)
    entries: dict[str, Entry] = {}
    errors: list[tuple[int, str, bool]] = []

    def keep(parser: BoundedParser, found: list[BaseException], line: int) -> None:
        macros.update(parser.macros.maps[0])
        for key, entry in parser.data.entries.items():
            entries.setdefault(key.lower(), entry)
        errors.extend(_locate(e, line) for e in found)

    pieces = _pieces(text)
    index = 0
    while index < len(pieces):
        batch_end = min(index + _BATCH, len(pieces))
        batch = "".join(p for _, p in pieces[index:batch_end])
        plain = plain_entries(batch, macros)
        if plain is not None:
            for key, entry in plain:
                entries.setdefault(key.lower(), entry)
            index = batch_end
            continue
        parser, found = _parse_piece(batch, macros)
        if not found:
            keep(parser, found, pieces[index][0])
            index = batch_end
        while index < batch_end:
            parser, found, taken = _one_piece(pieces, index, macros)
            keep(parser, found, pieces[index][0])
            index += taken
    return ParsedBib({e.key: e for e in entries.values()}, errors)
