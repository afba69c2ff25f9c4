"""The checker on eight real bibliographies: no false alarms on correct attributions, and
planted mistakes of every kind found.

The glossary is generated here, from the .bib text, the way a careful person cites each entry:
"Surname", "A & B", "A et al." for three or more (or when the entry ends in "and others"), and
the year of the edition. The reading below is deliberately simple and independent of
citegloss's own name code: it splits the BibTeX name list itself and only borrows pybtex for the
entry boundaries, @string macros and the fields. The corpus is never copied into the project.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import pybtex.errors
import pytest
from pybtex.database.input.bibtex import Parser
from rapidfuzz import fuzz

from citegloss.bib import load_bibliography
from citegloss.check import check
from citegloss.glossary import load_glossary
from citegloss.model import Finding

#: `../shared/corpus` from the repository root; CITEGLOSS_CORPUS points elsewhere (a worktree).
CORPUS = (
    Path(os.environ.get("CITEGLOSS_CORPUS", Path(__file__).parents[1] / ".." / "shared" / "corpus"))
    / "bib"
)
FILES = sorted(CORPUS.glob("*.bib")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="the shared corpus is not here")

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"}
PER_FILE = 200  # definitions per concept file: the schema's maximum


@dataclass(frozen=True)
class Entry:
    """One usable entry as a careful reader cites it."""

    key: str
    surnames: tuple[str, ...]
    others: bool  # the name list ends in "and others"
    year: int
    years: frozenset[int]  # every year the entry names (edition, original, reprint)
    inherited: bool = False  # the year comes from the crossref parent

    @property
    def attribution(self) -> str:
        if self.others or len(self.surnames) >= 3:
            return f"{self.surnames[0]} et al."
        return " & ".join(self.surnames)


def _decode(text: str) -> str:
    text = re.sub(r"\\(?:emph|textsc|textit|textbf|textrm|textsf|mbox|textup)\s*(?={)", "", text)
    with contextlib.suppress(ValueError, TypeError, IndexError, KeyError):
        text = str(codecs.decode(text, "ulatex")) if "\\" in text else text  # type: ignore[call-overload]
    text = re.sub(r"\\(?:[a-zA-Z]+|[^a-zA-Z\s])\s*", "", text)  # an accent latexcodec left: drop it
    return " ".join(text.replace("{", "").replace("}", "").split())


def _words(text: str) -> list[str]:
    """Whitespace- and comma-separated words at brace depth 0 (commas kept as words)."""
    words, word, depth = [], "", 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if depth == 0 and (char.isspace() or char == ","):
            if word:
                words.append(word)
            word = ""
            if char == ",":
                words.append(",")
        else:
            word += char
    return [*words, word] if word else words


def _surname(name: list[str]) -> str:
    """The surname a careful reader cites for one BibTeX name, as words."""
    if len(name) == 1 and name[0].startswith("{") and name[0].endswith("}"):
        return _decode(name[0])  # {World Bank}: one author, whole
    parts: list[list[str]] = [[]]
    for word in name:
        if word == ",":
            parts.append([])
        else:
            parts[-1].append(word)
    if len(parts) == 2 and [w.lower() for w in parts[1]] in ([s] for s in SUFFIXES):
        parts = [parts[0]]  # "Norman M. Green, Jr.": a suffix after the comma, not a given name
    words = parts[0] if len(parts) > 1 else [w for w in parts[0] if w.lower() not in SUFFIXES]
    if len(parts) == 1 and words:
        words = words[-1:]
    text = _decode(" ".join(words))
    kept = text.split()
    while len(kept) > 1 and kept[-1].lower() in SUFFIXES:
        kept.pop()  # {Bartol Jr}
    return " ".join(kept)


def _creators(field: str) -> tuple[tuple[str, ...], bool]:
    names: list[list[str]] = [[]]
    for word in _words(field):
        if word.lower() == "and":
            names.append([])
        else:
            names[-1].append(word)
    others = bool(names[-1]) and names[-1] == ["others"]
    surnames = tuple(_surname(n) for n in (names[:-1] if others else names))
    return surnames, others


def _year(fields: dict[str, str]) -> tuple[int | None, frozenset[int]]:
    text = fields.get("year") or fields.get("date") or ""
    edition = re.sub(r"\[\d{4}\]", "", text)  # "[1893] 1984": the edition cited is 1984
    found = re.search(r"\d{4}", edition)
    every = " ".join(fields.get(f, "") for f in ("year", "date", "origdate", "origyear"))
    return (int(found.group()) if found else None), frozenset(
        int(y) for y in re.findall(r"\d{4}", every)
    )


def _pieces(text: str) -> list[str]:
    starts = [m.start() for m in re.finditer(r"^[ \t]*@", text, re.MULTILINE)]
    return [text[a:b] for a, b in zip([0, *starts], [*starts, len(text)], strict=True)]


def usable_entries(path: Path) -> list[Entry]:
    """The entries a careful reader can cite: parsed, with a key, creators and a year."""
    pybtex.errors.set_strict_mode(False)
    parser = Parser(person_fields=())
    raw: dict[str, dict[str, str]] = {}
    keys: Counter[str] = Counter()
    for piece in _pieces(path.read_text(encoding="utf-8")):
        before = set(parser.data.entries)
        with pybtex.errors.capture() as errors:
            try:
                parser.parse_string(piece)
            except Exception as exc:  # a broken piece is simply not usable
                errors.append(exc)
        head = re.match(r"\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", piece)
        if head and head.group(1).lower() not in {"comment", "string", "preamble"}:
            keys[head.group(2).lower()] += 1
        new = set(parser.data.entries) - before
        if errors or len(new) != 1:
            continue
        (key,) = new
        raw[key] = {k.lower(): str(v) for k, v in parser.data.entries[key].fields.items()}
    lowered = {k.lower(): f for k, f in raw.items()}
    entries = []
    for key, fields in raw.items():
        parent = lowered.get(fields.get("crossref", "").strip().lower(), {})
        fields = {**parent, **fields}  # BibTeX and biber: a field the chapter lacks comes from it
        creators = fields.get("author") or fields.get("editor") or ""
        surnames, others = _creators(creators)
        year, years = _year(fields)
        if keys[key.lower()] > 1 or not re.fullmatch(r"[^\s,{}]{1,100}", key):
            continue  # a repeated key is ambiguous; a key with a space cannot be cited
        if year is None or not 1000 <= year <= 2100 or not surnames or not all(surnames):
            continue
        inherited = "year" not in raw[key] and "date" not in raw[key]
        entries.append(Entry(key, surnames, others, year, years, inherited))
    return entries


def _concept(lines: list[str], claims: list[tuple[str, int, str]]) -> None:
    for author, year, key in claims:
        lines += [
            f"  - author: {json.dumps(author, ensure_ascii=False)}",
            f"    year: {year}",
            f"    cite: {json.dumps(key, ensure_ascii=False)}",
            '    paraphrase: "A generated attribution."',
        ]


def write_glossary(root: Path, name: str, claims: list[tuple[str, int, str]]) -> dict[str, int]:
    """Concept files holding these claims, PER_FILE each; returns file -> index of its first."""
    first_of = {}
    for start in range(0, len(claims), PER_FILE):
        concept_id = f"{name}-{start // PER_FILE}"
        lines = [f"term: {concept_id}", "definitions:"]
        _concept(lines, claims[start : start + PER_FILE])
        path = root / f"{concept_id}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        first_of[path.name] = start
    return first_of


def claim_index(finding: Finding, first_of: dict[str, int]) -> int | None:
    """Which generated claim a finding is about: each takes four lines after two of header."""
    start = first_of.get(Path(finding.location.file).name)
    return None if start is None else start + (finding.location.line - 3) // 4


def _other_surname(entry: Entry, pool: list[Entry], rng: random.Random) -> str:
    """A real surname from another entry, far from every name of this one."""
    while True:
        name = rng.choice(rng.choice(pool).surnames)
        if (
            name.isascii()
            and name.isalpha()
            and len(name) > 3
            and all(fuzz.ratio(name.lower(), s.lower()) < 50 for s in entry.surnames)
        ):
            return name


def _misspell(name: str) -> str | None:
    """Two neighbouring letters swapped inside a long ASCII surname: "Crossan" -> "Crosasn"."""
    if not (name.isascii() and name.isalpha() and len(name) >= 7):
        return None
    for i in range(2, len(name) - 2):
        if name[i].lower() != name[i + 1].lower() and "e" not in name[i : i + 2].lower():
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return None


def plant(
    entries: list[Entry], rng: random.Random, per_kind: int
) -> list[tuple[str, str, int, str]]:
    """(expected code, author, year, key): one mistake each, as contributors make them."""
    planted: list[tuple[str, str, int, str]] = []
    shuffled = rng.sample(entries, len(entries))
    counts: Counter[str] = Counter()

    def add(code: str, author: str, year: int, key: str) -> None:
        if counts[code] < per_kind:
            counts[code] += 1
            planted.append((code, author, year, key))

    def wrong_year(e: Entry) -> int:
        return next(y for y in [*range(e.year + 7, 2101), *range(1000, e.year)] if y not in e.years)

    for e in [e for e in shuffled if e.inherited][:per_kind]:
        planted.append(("wrong-year", e.attribution, wrong_year(e), e.key))  # crossref's year
    for e in shuffled:
        add("wrong-year", e.attribution, wrong_year(e), e.key)
        if len(e.surnames) == 2 and not e.others:
            add("missing-coauthor", e.surnames[0], e.year, e.key)
        if len(e.surnames) == 1 and not e.others:
            add(
                "extra-coauthor",
                f"{e.surnames[0]} & {_other_surname(e, entries, rng)}",
                e.year,
                e.key,
            )
        if len(e.surnames) <= 2 and (wrong := _misspell(e.surnames[0])):
            add("misspelled-author", " & ".join((wrong, *e.surnames[1:])), e.year, e.key)
        if len(e.surnames) == 1:
            add("misattributed-author", _other_surname(e, entries, rng), e.year, e.key)
    return planted


KINDS = {
    "wrong-year",
    "missing-coauthor",
    "extra-coauthor",
    "misspelled-author",
    "misattributed-author",
}


@pytest.mark.parametrize("bib", FILES, ids=[p.stem for p in FILES])
def test_real_bibliography(bib: Path, tmp_path: Path) -> None:
    entries = usable_entries(bib)
    assert len(entries) > 40, "the oracle reads too little of the file to test anything"
    rng = random.Random(bib.name)
    correct = [(e.attribution, e.year, e.key) for e in entries]
    planted = plant(entries, rng, per_kind=20)
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    first_correct = write_glossary(glossary, "correct", correct)
    first_planted = write_glossary(glossary, "planted", [p[1:] for p in planted])
    findings = check(load_glossary(glossary), load_bibliography(bib))
    alarms = [
        (correct[i], f)
        for f in findings
        if f.is_error and (i := claim_index(f, first_correct)) is not None
    ]
    found = {
        (i, f.code)
        for f in findings
        if f.is_error and (i := claim_index(f, first_planted)) is not None
    }
    missed = [p for i, p in enumerate(planted) if (i, p[0]) not in found]
    print(
        f"\n{bib.name}: {len(entries)} entries, {len(alarms)} false alarms, "
        f"{len(planted) - len(missed)}/{len(planted)} planted mistakes found"
    )
    on_bib = Counter(f.code for f in findings if f.location.file.endswith(".bib"))
    print("  findings on the .bib:", dict(sorted(on_bib.items())))
    for claim, finding in alarms[:15]:
        print(f"  false alarm {claim}: {finding.code} {finding.message}")
    for mistake in missed[:15]:
        print(f"  missed {mistake}")
    assert not alarms
    assert {p[0] for p in planted} == KINDS
    assert not missed
