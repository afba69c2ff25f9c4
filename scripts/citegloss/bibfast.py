"""A fast reader for the plain entries that make up nearly every .bib; pybtex for the rest.

pybtex's scanner spends most of a parse on one regex match per token; a plain entry
(`@type{key, name = {value}, name = "value", name = 2004, month = nov}`) can be cut with a few
searches instead. Whatever is not plain (an @string, a `#`, parentheses, an unknown macro, a
repeated field, anything broken) makes `plain_entries` answer None, and bibparse gives that
text to pybtex, so the result is always pybtex's: the entries it builds are pybtex's own
(`Entry`, `Person`), from the same values, whitespace normalized as pybtex does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.textutils import normalize_whitespace

#: `@type{key,` (braces only; `@type(key,` is left to pybtex).
_HEAD = re.compile(r"\s*@\s*([A-Za-z][A-Za-z0-9_-]*)\s*\{\s*([^\s,{}()\"#%'=\\]+)\s*,")
#: `name =` and what opens its value.
_FIELD = re.compile(
    r"\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:([{\"])|([0-9]+)|([A-Za-z][A-Za-z0-9_-]*))"
)
_AFTER_VALUE = re.compile(r"\s*([,}])")
_CLOSE = re.compile(r"\s*\}")
_BRACES = re.compile(r"[{}]")
_QUOTED = re.compile(r'[{}"]')
_NOT_PLAIN = ("string", "preamble", "comment")
PERSON_ROLES = ("author", "editor")
#: pybtex's limit on nested braces (its parse_string's max_level).
_MAX_DEPTH = 100


def _braced_end(text: str, start: int, quoted: bool) -> int | None:
    """Where the value opened just before `start` closes (the index of its delimiter)."""
    depth = 0
    for match in (_QUOTED if quoted else _BRACES).finditer(text, start):
        char = match.group()
        if char == "{":
            depth += 1
            if depth > _MAX_DEPTH:
                return None
        elif char == "}":
            if depth == 0:
                return None if quoted else match.start()
            depth -= 1
        elif depth == 0:  # a quote outside braces ends a quoted value
            return match.start()
    return None


def _fields(
    text: str, pos: int, macros: Mapping[str, str]
) -> tuple[list[tuple[str, str]], int] | None:
    fields: list[tuple[str, str]] = []
    while True:
        match = _FIELD.match(text, pos)
        if match is None:
            close = _CLOSE.match(text, pos)
            return (fields, close.end()) if close else None
        name, opener, number, macro = match.groups()
        if opener:
            end = _braced_end(text, match.end(), opener == '"')
            if end is None:
                return None
            value, pos = text[match.end() : end], end + 1
        elif number:
            value, pos = number, match.end()
        elif macro in macros:
            value, pos = macros[macro], match.end()
        else:
            return None
        fields.append((name, value))
        after = _AFTER_VALUE.match(text, pos)
        if after is None:
            return None
        pos = after.end()
        if after.group(1) == "}":
            return fields, pos


def _person(name: str) -> Person:
    """pybtex's reading of one name. A name with three commas or more makes pybtex report
    "Too many commas", so it is read afresh each time and the report is never lost."""
    return Person(name) if name.count(",") >= 3 else _known_person(name)


@lru_cache(maxsize=65536)
def _known_person(name: str) -> Person:
    """The same author recurs across a bibliography's entries; nothing changes a Person."""
    return plain_person(name) if PLAIN_NAME.fullmatch(name) else Person(name)


#: A name of plain words: no brace, backslash or tie (`~`), so pybtex's brace scanner has
#: nothing to find in it; at most two commas (three make pybtex report an error).
PLAIN_NAME = re.compile(r"[^{}\\~,]*(?:,[^{}\\~,]*){0,2}")


def plain_person(name: str) -> Person:
    """The Person pybtex makes of a name of plain words (`PLAIN_NAME`), by the same rules
    (BibTeX's "First von Last", "von Last, First", "von Last, Jr, First") without its brace
    scanner, which splits each name nine times and took a fifth of a large .bib's parse.
    tests/test_bibparse.py holds it to Person(name) on every plain name of the corpus and on
    random ones.
    """
    person = Person.__new__(Person)  # Person() would split five empty strings with the scanner
    person.first_names, person.middle_names, person.prelast_names = [], [], []
    person.last_names, person.lineage_names = [], []
    name = name.strip()
    if not name:
        return person
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 1:  # First von Last
        words = name.split()
        von_at = next((i for i, word in enumerate(words) if _is_von(word)), len(words))
        first, von_last = words[:von_at], words[von_at:]
        if not von_last:
            von_last = [first.pop()]
    else:  # von Last, First; von Last, Jr, First
        von_last, first = parts[0].split(), parts[-1].split()
        if len(parts) == 3:
            person.lineage_names.extend(parts[1].split())
    person.first_names.extend(first[:1])
    person.middle_names.extend(first[1:])
    if von_last:
        # the last word is always a surname; before it, "von" runs to the last von word
        before = von_last[:-1]
        von_end = next((i + 1 for i in range(len(before) - 1, -1, -1) if _is_von(before[i])), 0)
        person.prelast_names.extend(before[:von_end])
        person.last_names.extend(before[von_end:])
        person.last_names.append(von_last[-1])
    return person


def _is_von(word: str) -> bool:
    """pybtex's test for a "von" word, on a word without braces: its first letter is lower case."""
    if word[0].isupper():
        return False
    if word[0].islower():
        return True
    return next((char.islower() for char in word if char.isalpha()), False)


def _entry(entry_type: str, fields: list[tuple[str, str]]) -> Entry | None:
    """pybtex's Entry from the fields, as its Parser.process_entry builds it; None on an error."""
    entry = Entry(entry_type)
    seen: set[str] = set()
    for name, raw in fields:
        if name.lower() in seen:
            return None  # a repeated field: pybtex reports it
        seen.add(name.lower())
        value = normalize_whitespace(raw)
        if name.lower() in PERSON_ROLES:
            try:
                for person in split_name_list(value):
                    entry.add_person(_person(person), name)
            except PybtexError:
                return None
        else:
            entry.fields[name] = value
    return entry


def plain_entries(text: str, macros: Mapping[str, str]) -> list[tuple[str, Entry]] | None:
    """The entries of a text made only of plain entries (and text between them), or None.

    None too when pybtex reports anything while reading a name ("Too many commas"), so that
    the pybtex parse reports it on its line.
    """
    with pybtex.errors.capture() as reported:
        entries = _plain_entries(text, macros)
    return None if reported else entries


def _plain_entries(text: str, macros: Mapping[str, str]) -> list[tuple[str, Entry]] | None:
    entries: list[tuple[str, Entry]] = []
    pos = text.find("@")
    while pos != -1:
        head = _HEAD.match(text, pos)
        if head is None or head.group(1).lower() in _NOT_PLAIN:
            return None
        read = _fields(text, head.end(), macros)
        if read is None:
            return None
        fields, pos = read
        entry = _entry(head.group(1), fields)
        if entry is None:
            return None
        entry.key = head.group(2)
        entries.append((entry.key, entry))
        pos = text.find("@", pos)
    return entries
