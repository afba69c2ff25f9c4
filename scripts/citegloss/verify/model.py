"""The frozen data verification passes between its stages."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from citegloss.model import Person


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    DIFFERS = "differs"
    DOI_MISMATCH = "doi-mismatch"
    NOT_FOUND = "not-found"
    RETRACTED = "retracted"
    UNREACHABLE = "unreachable"

    @property
    def is_suspect(self) -> bool:
        """The record contradicts the entry: the build must not pass silently."""
        return self in (Verdict.DIFFERS, Verdict.DOI_MISMATCH, Verdict.RETRACTED)


class Provider(StrEnum):
    CROSSREF = "crossref"
    OPENLIBRARY = "openlibrary"
    BY_HAND = "by-hand"

    @property
    def display(self) -> str:
        return {"crossref": "Crossref", "openlibrary": "Open Library", "by-hand": "by hand"}[self]


@dataclass(frozen=True, slots=True)
class Work:
    """One work as a provider records it, reduced to the fields an entry is compared on."""

    provider: Provider
    #: How to find it again: a DOI, or an Open Library work key ("/works/OL45883W").
    identifier: str
    title: str
    authors: tuple[Person, ...]
    #: Every year the record gives (issued, print, online; each edition's for a book).
    years: tuple[int, ...]
    venue: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    #: The record marks the work as retracted (or withdrawn, or removed).
    retracted: bool = False

    @property
    def year(self) -> int | None:
        return min(self.years) if self.years else None

    def describe(self) -> str:
        """ "Sadasivan et al. (2012), 'Methylphenidate Exposure ...'": how a message names it."""
        names = [p.last for p in self.authors]
        who = names[0] + " et al." if len(names) > 2 else " & ".join(names) or "no author"
        return f"{who} ({self.year or 'n.d.'}), {self.title!r}"


@dataclass(frozen=True, slots=True)
class Difference:
    """A field on which the entry and the record disagree."""

    field: str
    entry: str
    record: str


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome for one entry: what `citegloss verify` prints and the record file keeps."""

    key: str
    verdict: Verdict
    provider: Provider | None = None
    identifier: str = ""
    differences: tuple[Difference, ...] = ()
    message: str = ""
