"""The bounded, piece-by-piece reader gives what pybtex gives on everything pybtex reads cleanly.

bibparse has a fast path for plain entries and its own scanner steps; pybtex is the reference.
"""

from __future__ import annotations

import os
from pathlib import Path

import pybtex.errors
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, Person
from pybtex.database.input.bibtex import Parser

from citegloss.bibfast import PLAIN_NAME, plain_person
from citegloss.bibparse import parse_pieces

#: The corpus's real bibliographies (CITEGLOSS_CORPUS points elsewhere, as in a worktree).
_CORPUS = Path(
    os.environ.get("CITEGLOSS_CORPUS", Path(__file__).parents[1] / ".." / "shared" / "corpus")
)
CORPUS_BIBS = sorted((_CORPUS / "bib").glob("*.bib"))


def pybtex_reads(text: str) -> tuple[BibliographyData, int]:
    """pybtex's entries, and how many errors it reports (a repeated key is a finding of its own)."""
    pybtex.errors.set_strict_mode(False)
    with pybtex.errors.capture() as errors:
        data = Parser().parse_string(text)
    return data, sum("repeated bibliography entry" not in str(e) for e in errors)


def summary(entries: dict) -> dict:  # type: ignore[type-arg]
    return {
        key.lower(): (
            entry.type,
            entry.key,
            dict(entry.fields),
            {role.lower(): [str(p) for p in people] for role, people in entry.persons.items()},
        )
        for key, entry in entries.items()
    }


def assert_same_as_pybtex(text: str) -> None:
    data, errors = pybtex_reads(text)
    parsed = parse_pieces(text)
    assert summary(parsed.entries) == summary(data.entries)
    assert len(parsed.errors) == errors


@pytest.mark.parametrize(
    "text",
    [
        "@article{a, author = {Senge, Peter and Kim, D.}, title = {T {A} B}, year = 2004}",
        '@article{a, title = "Quoted {with "inner" quotes}", year = {1990},}',
        "@article{a, month = nov, year = 2004}\n@book{b, month = Jan}",
        '@string{acm = "ACM Press"}\n@book{a, publisher = acm # " (NY)"}\n@book{b, publisher = acm}',
        "@article(a, title = {Parentheses}, year = 2000)",
        "junk text between\n@article{a, title = {x}}\nmore junk\n@misc{b,}",
        "@article{a,\n  title = {Spread\n   over   lines},\n  note = {  spaces  }\n}",
        '@comment{jabref-meta: groups}\n@preamble{"\\newcommand{\\x}{y}"}\n@article{a, title={t}}',
        "@article{A, title = {one}}\n@article{a, title = {two}}",
        "@article{a, title = {x}, title = {y}}",
        "@article{a, author = {Carlton, D., Perloff, J.}}",
        "@article{a, author = {Carlton, D., Perloff, J.}}\n@article{b, author = {Carlton, D., Perloff, J.}}",
        "@article{a, author = {{World Bank} and others}, year = {2001}}",
        "@article{a, title = " + "{" * 101 + "x" + "}" * 101 + "}",
        "@article{a, title = {x} # {y}, year = 2000 # 1}",
        "@article{a, note = undefinedmacro}",
        "@article{a title = {no comma after the key}}",
        "% contact: me@example.org\n@article{a, title = {x}}",
    ],
)
def test_same_entries_and_errors_as_pybtex(text: str) -> None:
    assert_same_as_pybtex(text)


def test_an_unclosed_entry_loses_nothing_after_it() -> None:
    """Where pybtex would read the next entry into the broken one, each stands alone here."""
    text = "@article{a, title = {x}\n@article{b, title = {y}}\n@article{c, title = {z\n@book{d,}"
    parsed = parse_pieces(text)
    assert list(parsed.entries) == ["a", "b", "c", "d"]
    assert [line for line, _, _ in parsed.errors] == [1, 3]


_PIECES = st.sampled_from(
    [
        "@article{k1, ",
        "@book{K2,",
        "@misc(k3, ",
        "@string{m = {macro}}\n",
        "author = {A, B and C D}",
        'title = "T {x}"',
        "year = 2004",
        "month = nov",
        "note = m",
        " # ",
        ", ",
        "}\n",
        ")\n",
        "{",
        '"',
        "\n",
        "text ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_clean_texts_read_as_pybtex_reads_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    _, errors = pybtex_reads(text)
    if errors == 0:  # a broken text is recovered differently, on purpose
        assert_same_as_pybtex(text)


def _parts(person: Person) -> tuple[list[str], ...]:
    return (
        person.first_names,
        person.middle_names,
        person.prelast_names,
        person.last_names,
        person.lineage_names,
    )


#: Words as names are written, with the cases that decide a "von" word: lower, upper, digits,
#: no letter at all, an uncased letter first, a Roman numeral (upper case, yet no letter).
_NAME_WORDS = st.sampled_from(
    ["Senge", "von", "de", "la", "Van", "Jr.", "III", "d'Arcy", "O'Neil", "1st", "-", "Ⅻ",
     "ß", "Łukasz", "é", "Ünal", "日本", "al-Farabi", "J.", "A.-M.", "_x", "X"]
)  # fmt: skip
_SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", ",", ", ", " , ", "\u00a0", "\u2003", ""])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_NAME_WORDS, _SEPARATORS), max_size=7))
def test_a_plain_name_is_read_as_pybtex_reads_it(words: list[tuple[str, str]]) -> None:
    name = "".join(word + separator for word, separator in words)
    assume(name.count(",") <= 2)
    assert _parts(plain_person(name)) == _parts(Person(name))


@pytest.mark.skipif(not CORPUS_BIBS, reason="../shared/corpus/bib is not here")
def test_every_plain_name_of_the_corpus_is_read_as_pybtex_reads_it() -> None:
    names = set()
    for path in CORPUS_BIBS:
        pybtex.errors.set_strict_mode(False)
        with pybtex.errors.capture():
            data = Parser(person_fields=()).parse_string(
                path.read_text(encoding="utf-8", errors="replace")
            )
        for entry in data.entries.values():
            for role in ("author", "editor"):
                names.update(split_name_list(entry.fields.get(role, "")))
    plain = [name for name in names if PLAIN_NAME.fullmatch(name)]
    assert len(plain) > 1000, "the corpus should hold thousands of plain names"
    assert [_parts(plain_person(n)) for n in plain] == [_parts(Person(n)) for n in plain]
