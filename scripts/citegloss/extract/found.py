"""FoundCitation: one citation as the extractor reads it, before it is matched to a work."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoundCitation:
    """One citation in the text, as written, read into surnames and a year."""

    as_written: str
    surnames: tuple[str, ...]
    et_al: bool
    #: The year as a number; 0 for "n.d.", "forthcoming" and "in press".
    year: int
    #: 1-based line of the citation's first character.
    line: int
    in_reference_list: bool = False
    title: str = ""
    venue: str = ""
    #: The year as written: "2006", "1972b", "n.d.", "forthcoming", "in press".
    year_text: str = ""
    #: The first publication's year of a reprint ("1984 [1893]"); 0 when none is given.
    orig_year: int = 0
    #: Offset in the prepared text, for reading order.
    offset: int = 0

    @property
    def author(self) -> str:
        """The attribution in the form the glossary uses: "Argyris & Schén", "Larsson et al."."""
        names = list(self.surnames)
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]
        return f"{joined} et al." if self.et_al else joined


def clean(text: str) -> str:
    """Whitespace folded to single spaces."""
    return " ".join(text.split())


def read_year(text: str) -> tuple[int, str]:
    """(the year as a number, 0 when undated; the year as written, spaces folded)."""
    written = clean(text)
    digits = re.match(r"\d{4}", written)
    if digits:
        return int(digits.group()), written
    return 0, "n.d." if written.startswith("n.") else written  # "n. d." is "n.d."
