"""Author names: decode them, fold them, and read the attributions people write.

Matching must treat as equal what a careful reader would (Schön = Sch{\\"o}n = Schon = Schoen,
"Van de Ven", "García-Morales", "&" or "and"), and nothing more: false alarms teach contributors
to ignore the checker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
#: Anything but a letter or digit, in any script: 谷智馨 and Παπαδόπουλος are names too.
_NOT_LETTER = re.compile(r"[\W_]+")
#: Accents are folded away only on Latin, Greek and Cyrillic letters; elsewhere (kana, Hangul,
#: Devanagari) a combining mark makes a different letter.
_FOLDED_SCRIPTS_END = "\u0530"


def fold_text(text: str) -> str:
    """Text without accents or case, words kept: for comparing titles and names."""
    if text.isascii():
        return text.lower()
    plain = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    kept, base = [], ""
    for char in plain:
        if not unicodedata.combining(char):
            base = char
        elif base < _FOLDED_SCRIPTS_END:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).lower()


@lru_cache(maxsize=65536)
def normalize_surname(name: str) -> str:
    """A surname reduced to what identifies it: no accents, case, spaces or hyphens.

    `Schön`, `Schon`, `Schoen` and `SCHÖN` give one key; so do `García-Morales` and `Garcia Morales`.
    """
    plain = _TRANSLITERATED_UMLAUT.sub(r"\1", fold_text(name.replace("&", " and ")))
    return _NOT_LETTER.sub("", plain)


def person_key(person: Person) -> str:
    """One identity per person across entries, for the author index: surname and first initial."""
    initial = normalize_surname(person.first)[:1]
    return f"{normalize_surname(person.last)}|{initial}"


def surname_keys(person: Person) -> frozenset[str]:
    """The keys a reader may cite a person by: the full surname, and without its particles.

    "Van de Ven" is cited as "Van de Ven" and sometimes "Ven"; "García-Morales" as written
    or by its first part "García"; a name in braces as a whole, or by what stands before its
    comma (`{Van de Ven, Andrew H}`, an export that braced a whole name).
    """
    keys = {normalize_surname(person.last)}
    words = person.last.split()
    if person.corporate:
        keys.add(normalize_surname(person.last.split(",")[0]))
    elif len(words) > 1:
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
_WORD = re.compile(r"\w+|&")
#: Stands in the text for a name read whole, so the separators inside it do not cut it.
_KEPT = re.compile(r"\x00(\d+)\x00")


def whole_names(people: tuple[Person, ...]) -> tuple[str, ...]:
    """Names that contain a separator and must be read whole: "Department of Culture, Media
    and Sport", longest first."""
    names = {p.last for p in people if _SEPARATORS.search(p.last)}
    return tuple(sorted(names, key=len, reverse=True))


def _word_keys(text: str) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), "and" if m.group() == "&" else normalize_surname(m.group()))
        for m in _WORD.finditer(text)
    ]


def _keep_whole(text: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """The text with each of these names (as words: case, accents, "&" for "and" aside) put
    aside behind a placeholder; and the names as the text wrote them."""
    kept: list[str] = []
    for name in names:
        target = [key for _, _, key in _word_keys(name)]
        words = _word_keys(text)
        keys = [key for _, _, key in words]
        for i in range(len(words) - len(target) + 1):
            if target and keys[i : i + len(target)] == target:
                start, end = words[i][0], words[i + len(target) - 1][1]
                kept.append(text[start:end])
                text = f"{text[:start]}\x00{len(kept) - 1}\x00{text[end:]}"
                break
    return text, kept


@lru_cache(maxsize=65536)
def parse_attribution(text: str, whole: tuple[str, ...] = ()) -> Attribution:
    """Read "Argyris & Schön", "Argyris and Schön", "Nonaka et al." into surnames.

    Given-name initials written after a surname and a comma ("Senge, P. M.") are dropped; a
    lone capital elsewhere is a one-letter surname ("C & Wigdor"). The `whole` names (an
    entry's corporate authors) are read as one name wherever the text has them.
    """
    et_al = bool(_ET_AL.search(text))
    text, kept = _keep_whole(_ET_AL.sub("", text), whole)
    names, separator, start = [], "", 0
    for match in [*_SEPARATORS.finditer(text), None]:
        part = text[start : match.start() if match else len(text)].strip()
        if part and not (separator == "," and _INITIALS.match(part)):
            names.append(_KEPT.sub(lambda m: kept[int(m[1])], part))
        if match:
            separator, start = match.group().strip(), match.end()
    return Attribution(surnames=tuple(names), et_al=et_al)


def format_surnames(people: tuple[Person, ...]) -> str:
    """How a reader cites these people: "Senge", "Argyris & Schön", "Crossan, Lane & White"."""
    names = [p.last for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]
