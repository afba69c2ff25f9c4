"""The frozen data model every stage shares: load builds it, check reads it, render shows it.

Nothing here knows of YAML, pybtex or MkDocs, so each stage can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a thing was written, so a finding can point at it."""

    #: Path as given to the loader (relative to where the user ran the tool, when possible).
    file: str
    #: 1-based line; 0 when unknown.
    line: int = 0
    #: 1-based column; 0 when unknown.
    column: int = 0


#: The longest message, suggestion or quoted citation a finding keeps.
MAX_MESSAGE_CHARACTERS = 300


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem the checker reports. `code` is a stable name documented on the site."""

    code: str
    severity: Severity
    location: Location
    message: str
    suggestion: str = ""
    #: For audits: the citation exactly as the audited document wrote it.
    as_written: str = ""

    def __post_init__(self) -> None:
        # whatever value a message repeats (a 50,000-character key), a finding stays readable
        for name in ("message", "suggestion", "as_written"):
            value = getattr(self, name)
            if len(value) > MAX_MESSAGE_CHARACTERS:
                object.__setattr__(self, name, f"{value[: MAX_MESSAGE_CHARACTERS - 1]}…")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @classmethod
    def error(cls, code: str, location: Location, message: str, suggestion: str = "") -> Finding:
        return cls(code, Severity.ERROR, location, message, suggestion)

    @classmethod
    def warning(cls, code: str, location: Location, message: str, suggestion: str = "") -> Finding:
        return cls(code, Severity.WARNING, location, message, suggestion)


@dataclass(frozen=True, slots=True)
class Person:
    """An author or editor of a bibliography entry, already decoded from LaTeX to Unicode."""

    #: Surname as printed, with particles: "Van de Ven", "García-Morales", "Schön".
    last: str
    #: Given names as printed: "Donald A.".
    first: str = ""
    #: "Jr", "III".
    lineage: str = ""
    #: A corporate author written in braces in the .bib: `{World Bank}`.
    corporate: bool = False

    @property
    def display(self) -> str:
        """Surname-first display, as bibliographies list names."""
        if self.corporate or not self.first:
            return self.last
        tail = f", {self.lineage}" if self.lineage else ""
        return f"{self.last}, {self.first}{tail}"


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of references.bib, converted from pybtex at the edge (bib.py)."""

    key: str
    entry_type: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    #: Year of the edition cited; None when the entry has no usable year.
    year: int | None
    #: biblatex `origdate`: the year of first publication, when a later edition is cited.
    orig_year: int | None
    #: The bibliographic fields, decoded to Unicode (title, journal, volume, number, pages, doi,
    #: ...: see bib.BIBLIOGRAPHIC_FIELDS); notes for the owner (abstract, file) are left out.
    fields: dict[str, str] = field(hash=False, compare=False)
    location: Location = Location("")
    #: The .bib lists its authors as "... and others": the list is not complete.
    more_creators: bool = False

    @property
    def creators(self) -> tuple[Person, ...]:
        """Who a reader names when citing: the authors, or the editors of an edited volume."""
        return self.authors or self.editors

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def doi(self) -> str:
        return self.fields.get("doi", "")

    def accepts_year(self, year: int) -> bool:
        return year in (self.year, self.orig_year)


@dataclass(frozen=True, slots=True)
class Bibliography:
    """references.bib as loaded: entries by key, and the findings loading produced."""

    path: str
    references: dict[str, Reference] = field(hash=False)
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """An attribution somebody wrote: `author` (as a reader cites it), `year`, and the key meant."""

    author: str
    year: int
    cite: str
    location: Location
    #: Where the `cite` value itself stands, so an unknown key points at it.
    cite_location: Location | None = None
    #: Where the `year` value stands.
    year_location: Location | None = None
    #: Where the `author` value stands.
    author_location: Location | None = None


@dataclass(frozen=True, slots=True)
class Facets:
    """Controlled vocabulary for comparing definitions (see concept.schema.json)."""

    levels: tuple[str, ...] = ()
    nature: str = ""


@dataclass(frozen=True, slots=True)
class Definition:
    claim: Claim
    pages: str = ""
    quote: str = ""
    paraphrase: str = ""
    facets: Facets = Facets()
    note: str = ""

    @property
    def text(self) -> str:
        return self.quote or self.paraphrase

    @property
    def is_quote(self) -> bool:
        return bool(self.quote)


@dataclass(frozen=True, slots=True)
class ContrastPoint:
    aspect: str
    #: How the concept that declares the contrast stands on `aspect`.
    this: str
    #: How the concept named in `with` stands on `aspect`.
    other: str
    claim: Claim
    pages: str = ""


@dataclass(frozen=True, slots=True)
class Contrast:
    other: str
    points: tuple[ContrastPoint, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Concept:
    #: The file name without .yaml: a lowercase slug.
    id: str
    term: str
    definitions: tuple[Definition, ...]
    location: Location
    aliases: tuple[str, ...] = ()
    summary: str = ""
    related: tuple[str, ...] = ()
    contrasts: tuple[Contrast, ...] = ()
    #: Where each related id was written, for unknown-related findings.
    related_locations: tuple[Location, ...] = ()
    #: Ids this concept had before it was renamed; each keeps a redirect page at its old address.
    former_ids: tuple[str, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every cited claim in the concept: its definitions and its contrast points."""
        return tuple(d.claim for d in self.definitions) + tuple(
            p.claim for c in self.contrasts for p in c.points
        )


@dataclass(frozen=True, slots=True)
class Glossary:
    """All concepts that loaded, and the findings loading produced (yaml-error, schema-error)."""

    root: str
    concepts: dict[str, Concept] = field(hash=False)
    findings: tuple[Finding, ...] = ()
    #: Ids of concept files that could not be read into a concept (their yaml-error or
    #: schema-error is the finding): what relates to them is not reported as unknown too.
    unreadable: frozenset[str] = frozenset()
