"""Hostile BibTeX: every input answers within the memory cap, with a finding naming the file.

Each case is generated in tmp_path (some are megabytes) and run in a subprocess by
`run_bounded`, which caps memory at 500 MB and reaps the child for its peak memory and time.
The time is printed for the benchmark record, never asserted tightly (a shared machine).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bounded import MEMORY_CAP, run_bounded
from citegloss.bibparse import MAX_VALUE_CHARS

CONCEPT = """\
term: Learning
definitions:
  - author: Senge
    year: 1990
    cite: senge1990
    paraphrase: Learning that makes an organization able to create its future.
"""
GOOD_ENTRY = "@book{senge1990,\n  author = {Senge, Peter},\n  title = {The Fifth Discipline},\n  year = {1990}\n}\n"


def _doubling_macros(count: int = 40) -> str:
    """@string macros that double each other: the last one is 2**40 characters."""
    lines = ['@string{m0 = "ab"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, count)]
    return (
        "\n".join(lines)
        + f"\n@article{{big, author = {{A, B}}, title = m{count - 1}, year = 2000}}\n"
    )


def _doubling_in_a_field() -> str:
    """The growth inside one field: a long macro joined to itself hundreds of times."""
    macro = '@string{m = "' + "abcdefgh" * 250 + '"}\n'
    return (
        macro
        + "@article{big, author = {A, B}, year = 2000, title = "
        + " # ".join(["m"] * 900)
        + "}\n"
    )


def _concatenation_chain(parts: int = 200_000) -> str:
    """`"a" # "a" # ...`: pybtex searches to the end of the entry for every part."""
    return (
        "@article{chain, author = {A, B}, year = 2000, title = "
        + " # ".join(['"a"'] * parts)
        + "}\n"
    )


def unclosed_early(entries: int = 20_000) -> str:
    """One unclosed brace near the top of a big file (benchmarks/bib_bench.py runs 60,000 entries): every entry after it is lost."""
    broken = "@article{broken,\n  author = {A, B,\n  title = {Open},\n  year = 2000\n}\n"
    body = "".join(
        f"@article{{k{i},\n  author = {{Author{i}, A.}},\n  title = {{T{i}}},\n  year = {{2000}}\n}}\n"
        for i in range(entries)
    )
    return broken + body


def _many_broken(entries: int = 10_000) -> str:
    """Every entry left unclosed: the recovery must stay linear in the number of errors."""
    return "".join(
        f"@article{{k{i},\n  author = {{Author{i}, A.{'' if i % 2 else ','}\n  title = {{T{i}}},\n  year = {{2000}}\n}}\n"
        for i in range(entries)
    )


def _deep_braces(depth: int = 200_000) -> str:
    return (
        "@article{deep, author = {A, B}, year = 2000, title = " + "{" * depth + "}" * depth + "}\n"
    )


#: The @string whose value first passes the length cap: m{i} holds 2 ** (i + 1) characters.
FIRST_TOO_LONG = next(i for i in range(64) if 2 ** (i + 1) > MAX_VALUE_CHARS)

CASES: dict[str, tuple[Callable[[], str], int]] = {
    # name: (the .bib after the good entry, the line the finding must name)
    "doubling-macros": (_doubling_macros, 6 + FIRST_TOO_LONG),
    "doubling-in-a-field": (_doubling_in_a_field, 7),
    "concatenation-chain": (_concatenation_chain, 6),
    "unclosed-brace-early": (unclosed_early, 6),
    "many-broken-entries": (_many_broken, 6),
    "deep-braces": (_deep_braces, 6),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_bib_is_bounded(name: str, tmp_path: Path) -> None:
    make, line = CASES[name]
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "learning.yaml").write_text(CONCEPT, encoding="utf-8")
    (tmp_path / "references.bib").write_text(GOOD_ENTRY + make(), encoding="utf-8")
    run = run_bounded(["check"], tmp_path)
    print(f"\n{name}: {run.seconds:.2f} s, {run.peak_rss_bytes / 2**20:.0f} MB")
    run.assert_clean_failure("bib-error", f"references.bib:{line}:")
    assert run.peak_rss_bytes < MEMORY_CAP
    assert "unknown-key" not in run.output  # the good entry before the hostile part was read


def test_entries_after_an_unclosed_brace_are_still_checked(tmp_path: Path) -> None:
    """The recovery reads the entries after the broken one, so a claim on them is checked."""
    (tmp_path / "glossary").mkdir()
    concept = CONCEPT.replace("senge1990", "k19999").replace("1990", "1999")
    (tmp_path / "glossary" / "learning.yaml").write_text(concept, encoding="utf-8")
    (tmp_path / "references.bib").write_text(unclosed_early(), encoding="utf-8")
    run = run_bounded(["check"], tmp_path)
    run.assert_clean_failure("wrong-year", "glossary/learning.yaml:4:")
    assert "misattributed-author" in run.output  # Senge did not write k19999
    assert run.output.count("bib-error") == 1
