"""BibTeX names -> model.Person, read as their authors meant them, not only as BibTeX splits them.

BibTeX's rules are strict: "James F. Short Jr" has the surname "Jr", and "Norman M. Green, Jr."
has the given name "Jr.". A careful reader cites both as Short and Green, so the checker must
too; and since BibTeX styles will print such names wrongly, the entry gets a suspicious-name
warning saying how to write them. Corporate authors in braces stay one name, whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from pybtex.database import Person as PybtexPerson

from citegloss.latex import decode_latex
from citegloss.model import Person

#: Name suffixes (BibTeX's "lineage"), folded to lower case without the final dot.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "4th"})


def is_suffix(word: str) -> bool:
    return word.lower().rstrip(".") in SUFFIXES


@dataclass(frozen=True, slots=True)
class ReadPerson:
    """A person as read, and how BibTeX itself misreads the name, when it does."""

    person: Person
    #: The name as written, what BibTeX makes of the suffix, and how to write the name so
    #: that BibTeX reads it right; None when BibTeX reads it right already.
    misread: tuple[str, str, str] | None = None


def _suggestion(last: str, first: str, suffix: str) -> str:
    return f"{last}, {suffix}, {first}" if first else f"{last}, {suffix}"


def read_person(person: PybtexPerson) -> ReadPerson:
    """One BibTeX name: surname with its particles, given names, suffix, corporate or not."""
    last_words = [*person.prelast_names, *person.last_names]
    first_words = [*person.first_names, *person.middle_names]
    lineage = [*person.lineage_names]
    raw_last = " ".join(last_words)
    corporate = not first_words and len(person.last_names) == 1 and raw_last.startswith("{")
    last, first = decode_latex(raw_last), decode_latex(" ".join(first_words))
    misread = None
    words = last.split()
    if not corporate and len(words) > 1 and is_suffix(words[-1]):
        last, lineage = " ".join(words[:-1]), [words[-1], *lineage]  # "{Bartol Jr}", "Costa Jr"
    elif is_suffix(last) and first:  # "James F. Short Jr": BibTeX reads the surname "Jr"
        *given, surname = first.split()
        written = f"{first} {last}"
        misread = (written, f"'{last}' as the surname", _suggestion(surname, " ".join(given), last))
        last, first, lineage = surname, " ".join(given), [last, *lineage]
    elif is_suffix(first) and len(words) > 1 and not lineage:  # "Norman M. Green, Jr."
        written = f"{last}, {first}"
        misread = (
            written,
            f"'{first}' as the given name",
            _suggestion(words[-1], " ".join(words[:-1]), first),
        )
        last, first, lineage = words[-1], " ".join(words[:-1]), [first]
    return ReadPerson(
        Person(
            last=last,
            first=first,
            lineage=decode_latex(" ".join(lineage)),
            corporate=corporate,
        ),
        misread,
    )
