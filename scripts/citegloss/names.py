"""Author names: decode them, fold them, and read the attributions people write.

Matching must treat as equal what a careful reader would (Schön = Sch{\\"o}n = Schon = Schoen,
"Van de Ven", "García-Morales", "&" or "and"), and nothing more: false alarms teach contributors
to ignore the checker.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from citegloss.model import Person

#: Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
        "ð": "d",
    }
)
#: German transliterations: Schoen is how Schön is written without the umlaut.
_TRANSLITERATED_UMLAUT = re.compile(r"(?<=[a-z])([aou])e")
_NOT_LETTER = re.compile(r"[^a-z0-9]+")


def decode_latex(text: str) -> str:
    """LaTeX markup to plain Unicode: `Sch{\\"o}n` -> `Schön`. Braces go; bad markup stays as is."""
    if "\\" not in text and "~" not in text and "--" not in text:
        return (
            text.replace("{", "").replace("}", "").strip()
        )  # nothing to decode: skip the slow codec
    try:
        decoded = str(codecs.decode(text, "ulatex"))  # type: ignore[call-overload]
    except (ValueError, TypeError, IndexError, KeyError):
        decoded = text
    return decoded.replace("{", "").replace("}", "").strip()


def fold_text(text: str) -> str:
    """Text without accents or case, words kept: for comparing titles and names."""
    plain = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)
def normalize_surname(name: str) -> str:
    """A surname reduced to what identifies it: no accents, case, spaces or hyphens.

    `Schön`, `Schon`, `Schoen` and `SCHÖN` give one key; so do `García-Morales` and `Garcia Morales`.
    """
    plain = _TRANSLITERATED_UMLAUT.sub(r"\1", fold_text(name))
    return _NOT_LETTER.sub("", plain)


def person_key(person: Person) -> str:
    """One identity per person across entries, for the author index: surname and first initial."""
    initial = normalize_surname(person.first)[:1]
    return f"{normalize_surname(person.last)}|{initial}"


def surname_keys(person: Person) -> frozenset[str]:
    """The keys a reader may cite a person by: the full surname, and without its particles.

    "Van de Ven" is cited as "Van de Ven" and sometimes "Ven"; "García-Morales" as written
    or by its first part "García".
    """
    keys = {normalize_surname(person.last)}
    words = person.last.split()
    if len(words) > 1 and not person.corporate:
        keys.add(normalize_surname(words[-1]))
    if "-" in person.last and not person.corporate:
        keys.add(normalize_surname(person.last.split("-")[0]))
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=65536)
def claimed_keys(name: str) -> frozenset[str]:
    """The keys a written name may stand for: "Peter Senge" may mean the surname "Senge"."""
    words = name.split()
    keys = {normalize_surname(name)}
    if len(words) > 1:
        keys.add(normalize_surname(words[-1]))
    keys.discard("")
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Attribution:
    """An attribution as written, read into surnames: "Crossan, Lane & White" -> 3 names."""

    surnames: tuple[str, ...]
    et_al: bool = False


_ET_AL = re.compile(r"[\s,]*\bet\.?\s*al\b\.?", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:&|;|,|\band\b|\bund\b|\bet\b(?!\s*\.?\s*al))\s*", re.IGNORECASE)
#: Given-name initials: "P.", "P. M.", "J.-C.", or a lone capital.
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*-?)+$|^[A-Z]$")


@lru_cache(maxsize=65536)
def parse_attribution(text: str) -> Attribution:
    """Read "Argyris & Schön", "Argyris and Schön", "Nonaka et al." into surnames.

    Given-name initials written after a surname ("Senge, P. M.") are dropped.
    """
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    parts = (part.strip() for part in _SEPARATORS.split(text))
    names = tuple(part for part in parts if part and not _INITIALS.match(part))
    return Attribution(surnames=names, et_al=et_al)


def format_surnames(people: tuple[Person, ...]) -> str:
    """How a reader cites these people: "Senge", "Argyris & Schön", "Crossan, Lane & White"."""
    names = [p.last for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]
