"""BibTeX names -> model.Person, read as their authors meant them, not only as BibTeX splits them.

BibTeX's rules are strict: "James F. Short Jr" has the surname "Jr", and "Norman M. Green, Jr."
has the given name "Jr.". A careful reader cites both as Short and Green, so the checker must
too; and since BibTeX styles will print such names wrongly, the entry gets a suspicious-name
warning saying how to write them. Corporate authors in braces stay one name, whole.
"""

from __future__ import annotations

import re
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


#: Initials written after a surname, as PubMed does: "Sears SF".
_TRAILING_INITIALS = re.compile(r"[A-Z]{1,3}")


def _surname_and_given(name: str) -> tuple[str, str]:
    """A name without its suffix, split as its author meant: "James F. Short", "Sears SF"."""
    words = name.split()
    if len(words) > 1 and _TRAILING_INITIALS.fullmatch(words[-1]):
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def _misread(
    written: str, misread: str, name: str, suffix: str
) -> tuple[Person, tuple[str, str, str]]:
    last, first = _surname_and_given(name)
    fix = f"{last}, {suffix}, {first}" if first else f"{last}, {suffix}"
    return Person(last=last, first=first, lineage=suffix), (written, misread, fix)


def read_person(person: PybtexPerson) -> ReadPerson:
    """One BibTeX name: surname with its particles, given names, suffix, corporate or not."""
    last_words = [*person.prelast_names, *person.last_names]
    first_words = [*person.first_names, *person.middle_names]
    lineage = [*person.lineage_names]
    raw_last = " ".join(last_words)
    corporate = not first_words and len(person.last_names) == 1 and raw_last.startswith("{")
    last, first = decode_latex(raw_last), decode_latex(" ".join(first_words))
    words = last.split()
    if not corporate and len(words) > 1 and is_suffix(words[-1]):
        last, lineage = " ".join(words[:-1]), [words[-1], *lineage]  # "{Bartol Jr}", "Costa Jr"
    elif is_suffix(last) and first:  # "James F. Short Jr": BibTeX reads the surname "Jr"
        return ReadPerson(*_misread(f"{first} {last}", f"'{last}' as the surname", first, last))
    elif is_suffix(first) and len(words) > 1 and not lineage:  # "Norman M. Green, Jr."
        return ReadPerson(
            *_misread(f"{last}, {first}", f"'{first}' as the given name", last, first)
        )
    return ReadPerson(
        Person(
            last=last,
            first=first,
            lineage=decode_latex(" ".join(lineage)),
            corporate=corporate,
        )
    )
