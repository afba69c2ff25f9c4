"""Reference-list entries: the names before the year, in APA, ASA and Chicago author-date style.

The title and venue after the year are read too. A reference list starts at a heading ("References", "Bibliography", "Suggested Readings",
"Works Cited", "Citation", ...) and runs to the next heading or `* * *`. Each of its lines that
opens with names and a year is an entry:

    Senge, P. M. (2006). The fifth discipline ...                APA
    Etzioni, Amitai. 1975. A Comparative Analysis ...            ASA, Chicago
    Alim, H. Samy, and Geneva Smitherman. 2012. ...              first name inverted only
    Durkheim, É. (1984 [1893]). ...   Michels, Robert. 1949 [1911]. ...   (1984) 2001.   reprints
    Pew Research Center. (2012). ...  Hurst, A. (n.d.) ...         corporate authors, no date
    “Words We’re Watching: Mansplaining.” 2018. ...              a title in the author's place
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citegloss.extract.found import clean

#: The words of a reference-list heading, once "#", "*", ":" and case are stripped.
HEADINGS = frozenset(
    {
        "references",
        "reference list",
        "bibliography",
        "works cited",
        "literature",
        "literature cited",
        "sources",
        "citation",
        "citations",
        "suggested readings",
        "suggested reading",
        "further reading",
        "further readings",
    }
)
#: A line that may be a reference-list heading: "### References", "**Bibliography:**".
_HEADING = re.compile(r"[ \t#*_]*(?P<words>[A-Za-z][A-Za-z \t]{5,30}?)[ \t*_:]*$")
_HEADING_LINE = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*\n]+\*\*\s*$|\* \* \*|-{3,}\s*$|_{3,}\s*$)")
_UNDATED = r"n\.\s?d\.|forthcoming|in press"
_YEAR = rf"(?:1[5-9]\d\d|20\d\d)[a-h]?|{_UNDATED}"
#: The year of an entry, after its names: "(2006).", ". 1975.", "(1984 [1893]).", "(1984) 2001."
ENTRY = re.compile(
    r"(?P<lead>[ \t>*•\-]*(?:\d{1,3}[.)]\s+|\[\d{1,3}\]\s+)?)"
    r"(?P<names>[^\s\d(][^\n\d()]{0,300}?)[\s.,]*"
    rf"(?:(?:\(\s*(?P<orig1>\d{{4}})\s*\)\s*)?(?P<year1>{_YEAR})(?:\s*\[\s*(?P<orig2>\d{{4}})\s*\])?"
    r"(?=[.,:;]|\s*$)"
    rf"|\(\s*(?P<year2>{_YEAR})(?:\s*\[\s*(?P<orig3>\d{{4}})\s*\])?\s*\))"
)
_CONNECTOR = r"(?:and|&|of|for|the|on|in|at|von|van|de|der|den|del|da|di|du|la|le|ter|et|al\.?)"
#: Every word of an entry's names is capitalised, an initial, a particle or a connector.
_NAME_WORD = rf"(?:[^\W\d_a-z]\S*|\[[^\]\s]+\],?|{_CONNECTOR}[,.]?|[\"“”‘’']\S*)"
_NAMES_WORDS = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*")
_SPLIT = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.\s*-?\s*)+$|^[A-Z]{1,3}$")
_PARTICLE = re.compile(r"^(?:van|von|de|der|den|del|da|di|du|la|le|ter)$")
_QUOTED = re.compile(r"^[\"“‘'](?P<title>.+?)[.,]?[\"”’']$")


@dataclass(frozen=True, slots=True)
class Entry:
    """The names and year of one reference-list entry."""

    start: int
    #: Where the year (with its parentheses) ends: the title follows.
    end: int
    surnames: tuple[str, ...]
    et_al: bool
    year: str
    original: str


def reference_sections(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) 0-based line numbers of each reference list, under its heading."""
    sections: list[tuple[int, int]] = []
    start = -1
    for i, line in enumerate(lines):
        heading = _HEADING.match(line) if len(line) <= 120 else None
        if heading and " ".join(heading.group("words").lower().split()) in HEADINGS:
            if start >= 0:
                sections.append((start, i - 1))
            start = i + 1
        elif start >= 0 and _HEADING_LINE.match(line):
            sections.append((start, i - 1))
            start = -1
    if start >= 0:
        sections.append((start, len(lines) - 1))
    return sections


def _person_surname(part: str, inverted: bool) -> str:
    """ "Geneva Smitherman" -> "Smitherman"; "van Heck" and "Di Meglio" stay whole."""
    part = re.sub(r"\s*\[[^\]]*\]", "", part).strip(" .")
    words = part.split()
    if inverted or len(words) < 2 or _PARTICLE.match(words[0]):
        return part
    i = len(words) - 1
    while i > 0 and _PARTICLE.match(words[i - 1]):
        i -= 1
    return " ".join(words[i:])


def read_names(names: str) -> tuple[tuple[str, ...], bool]:
    """The surnames of an entry's names, and whether they end in "et al."."""
    names = names.strip(" .,")
    et_al = bool(re.search(r",?\s*et\s*al\.?$", names))
    names = re.sub(r",?\s*et\s*al\.?$", "", names)
    quoted = _QUOTED.match(names)
    if quoted:
        return (quoted.group("title").strip(" .,"),), et_al
    if not names or names[0].islower():
        return (), et_al
    if "," not in names:
        return (names,), et_al  # "Pew Research Center", "Acoustical Society of America"
    parts = [p for p in _SPLIT.split(names) if p]
    surnames = [_person_surname(parts[0], inverted=True)]
    expect_given = True
    for part in parts[1:]:
        if expect_given and (_INITIALS.match(part) or len(part.split()) <= 3):
            expect_given = False  # "Senge, P. M.", "Etzioni, Amitai", "Frisch, Karl von"
            continue
        if _INITIALS.match(part):
            continue
        surnames.append(_person_surname(part, inverted=len(part.split()) == 1))
        expect_given = len(part.split()) == 1  # "Ash, Sharon": a surname, then its given name
    return tuple(s for s in surnames if s), et_al


def read_entry(text: str, start: int, end: int) -> Entry | None:
    """The entry that the line text[start:end] opens, if it opens with names and a year."""
    match = ENTRY.match(text, start, end)
    if not match or not _NAMES_WORDS.fullmatch(match.group("names").strip()):
        return None
    surnames, et_al = read_names(match.group("names"))
    if not surnames:
        return None
    year = match.group("year1") or match.group("year2")
    original = match.group("orig1") or match.group("orig2") or match.group("orig3") or ""
    return Entry(match.end("lead"), match.end(), surnames, et_al, year, original)


#: "(Rev. ed.)", "(2nd ed.)", "(Vol. 2)" after a title.
_EDITION = re.compile(r"\s*\((?:[^()]*\bed(?:ition)?s?\.?|Vol\.?[^()]*)\)", re.IGNORECASE)


def title_and_venue(tail: str) -> tuple[str, str]:
    """From `"Title." Venue, 36(2)...` or `Title. Venue, 36(2)...` (APA without quotes)."""
    tail = _EDITION.sub("", clean(tail.replace("*", "").replace("_", " ")))
    tail = re.sub(r"^[).,:\s]+", "", tail)
    quoted = re.match(r"[\"“‘'](?P<title>.+?)[\"”’'](?P<rest>.*)", tail)
    if quoted:
        title, rest = quoted.group("title"), quoted.group("rest")
    else:
        parts = re.split(r"(?<=[.?!])\s+", tail, maxsplit=1)
        title, rest = parts[0], parts[1] if len(parts) > 1 else ""
    rest = re.sub(r"^[\s.,:;]+", "", rest)
    rest = re.sub(r"^In\s+.*?\(Eds?\.\),?\s*", "", rest)
    rest = re.sub(r"^In\s+", "", rest)
    venue = re.split(r"[,.(\[]|\s\d", rest, maxsplit=1)[0].strip()
    return title.strip().rstrip(".,;: "), venue if venue and venue[0].isupper() else ""
