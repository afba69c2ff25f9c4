"""Plain text (or Markdown) -> the author–year citations it makes, matched to references.bib.

A reader's rules, written as patterns: a surname starts with a capital and may carry accents,
particles ("van de", "De") and hyphens; names are joined by ",", "&" or "and" (spaces optional:
"Argyris& Schén"), and may end in "et al."; the year follows in parentheses ("Senge (2006)"),
after a comma or a space ("(Senge, 2014)", "Huber 1991"), or after "in" ("Argyris & Schon in
1978"). A line under a "References" heading, or one that opens with surnames and initials, is a
reference-list entry, and its title and venue are read too. Matching the citations to
references.bib is the next stage: audit_match.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from citegloss.names import fold_text, parse_attribution

_UPPER = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
_LETTER = r"[^\W\d_]"
_WORD = rf"[{re.escape(_UPPER)}]{_LETTER}*(?:['’]{_LETTER}+)?(?:-{_LETTER}+)*"
_PARTICLE = (
    r"(?:van|von|de|der|den|del|della|da|di|du|dos|das|le|la|ter|ten|Van|Von|De|Del|Da|Di|Du|Le|La)"
)
#: Capitalised words that open sentences or dates, never surnames. ("March", "May", "Winter"
#: and "Summer" are surnames too: a date is told from them by the word before, see _is_date.)
_STOP = (
    r"(?:In|The|And|See|Also|For|According|Table|Figure|Fig|Chapter|Section|Vol|No|Dr|Prof|"
    r"Mr|Mrs|Ms|Accessed|Available|Online|Image|Page|Since|From|By|On|At|Of|To|As|With|After|"
    r"Before|During|Until|Between|Retrieved|Copyright|Edition|Ed|Eds|Spring|Autumn|Fall|"
    r"Jan|January|Feb|February|Apr|April|Jun|Jul|July|Aug|August|Sep|Sept|September|Oct|"
    r"October|Nov|November|Dec|December|Additionally|However|Moreover|Furthermore|Similarly|"
    r"Thus|Therefore|Hence|Finally|First|Firstly|Second|Secondly|Third|Thirdly|Lastly|Indeed|"
    r"Recently|Later|Earlier|Here|There|Then|Now|Yet|Still|Likewise|Conversely|Notably|"
    r"Specifically|Overall|Instead|Meanwhile|Again|Nevertheless|Nonetheless|Consequently|"
    r"Accordingly|Besides|Clearly|Interestingly|Importantly|Subsequently|Ultimately|"
    r"Traditionally|Historically|Today|Currently|Originally|Initially|Generally|Typically|"
    r"Alternatively|Further|Among|Some|Many|Most|This|That|These|Those|It|We|They|He|She|His|"
    r"Her|Their|Our|An|When|While|Where|Although|Though|If|But|Or|So|Both|Each|Unlike|Like|"
    r"Following|Based|Using|Recent|Early|Classic|Prior|Previous|Other|Such|Until|Since)\b"
)
_DATE_WORDS = {"March", "May", "June", "Summer", "Winter"}
_BEFORE_DATE = re.compile(
    r"(?:\b(?:in|on|of|since|until|by|from|during|the|early|late|mid|last|next)|\d(?:st|nd|rd|th)?)\s+$",
    re.IGNORECASE,
)
_SURNAME = (
    rf"(?<![\w'’-])(?!{_STOP})(?:{_WORD}\s+(?={_PARTICLE}\s))?(?:{_PARTICLE}\s+){{0,3}}{_WORD}"
)
#: Given-name initials after a surname: ", K.M.", ", C. W.", ",G.", " J.-C.". Every pattern below
#: can match a stretch of text in one way only, so a long run of names without a year fails fast.
_INITIALS = r"(?:,?\s*[A-Z]\.(?:[\s-]*[A-Z]\.)*)"
_PERSON = rf"{_SURNAME}{_INITIALS}?"
_SEP = r"\s*(?:,\s*(?:(?:&|and\b)\s*)?|(?:&|\band\b)\s*)"
_ET_AL = r"(?:,?\s+et\s*al\.?)"
#: At most this many names in one citation (a longer run is not a citation, and is not tried).
MAX_NAMES = 12
_NAMES = rf"(?P<names>{_PERSON}(?:{_SEP}{_PERSON}){{0,{MAX_NAMES - 1}}}{_ET_AL}?)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-h]?(?![\w])"
CITATION = re.compile(
    rf"{_NAMES}(?:"
    rf"(?P<narrative>\s*\(\s*(?P<nyear>{_YEAR})(?P<nmore>(?:\s*[,;]\s*{_YEAR})*)[^()\n]{{0,30}}?\))"
    rf"|(?P<inword>,?\s+[Ii]n\s+(?P<iyear>{_YEAR}))"
    rf"|(?P<plain>\s*,?\s*(?P<pyear>{_YEAR})))"
)
_MORE_YEAR = re.compile(rf"\s*[;,]\s*({_YEAR})")
_YEAR_IN = re.compile(r"(\d{4})([a-h]?)")
_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>]+")
_HEADING = re.compile(
    r"^[#\s*]*(?:references|bibliography|works cited|literature( cited)?|sources)\s*:?\s*\**$",
    re.IGNORECASE | re.MULTILINE,
)
#: "Senge's (2006) discipline": the citation is of Senge.
_POSSESSIVE = re.compile(r"['’]s\b")
#: "(Rev. ed.)", "(2nd ed.)", "(Vol. 2)" after a title.
_EDITION = re.compile(r"\s*\((?:[^()]*\bed(?:ition)?s?\.?|Vol\.?[^()]*)\)", re.IGNORECASE)
_ENTRY_LEAD = re.compile(r"^[\s>*•\-\d.\[\]]*$")


@dataclass(frozen=True, slots=True)
class FoundCitation:
    """One citation in the text, as written, read into surnames and a year."""

    as_written: str
    surnames: tuple[str, ...]
    et_al: bool
    year: int
    #: 1-based line of the citation's first character.
    line: int
    in_reference_list: bool = False
    title: str = ""
    venue: str = ""

    @property
    def author(self) -> str:
        """The attribution in the form the glossary uses: "Argyris & Schén", "Larsson et al."."""
        names = list(self.surnames)
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]
        return f"{joined} et al." if self.et_al else joined


def _clean(text: str) -> str:
    return " ".join(text.split())


def _mask_urls(text: str) -> str:
    return _URL.sub(lambda m: " " * len(m.group()), text)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _references_start(text: str) -> int:
    """Where a "References" heading opens the reference list (len(text) when there is none)."""
    found = list(_HEADING.finditer(text))
    return found[-1].end() if found else len(text)


def _entry_tail(text: str, end: int) -> str:
    """The rest of a reference-list entry after its year: up to a blank line."""
    stop = re.compile(r"\n\s*\n").search(text, end)
    return text[end : stop.start() if stop else len(text)]


def _title_and_venue(tail: str) -> tuple[str, str]:
    """From `"Title." Venue, 36(2)...` or `Title. Venue, 36(2)...` (APA without quotes)."""
    tail = _EDITION.sub("", _clean(tail.replace("*", "").replace("_", " ")))
    tail = re.sub(r"^[).,:\s]+", "", tail)
    quoted = re.match(r"[\"“‘'](?P<title>.+?)[\"”’'](?P<rest>.*)", tail)
    if quoted:
        title, rest = quoted.group("title"), quoted.group("rest")
    else:
        parts = re.split(r"(?<=[.?!])\s+", tail, maxsplit=1)
        title, rest = parts[0], parts[1] if len(parts) > 1 else ""
    rest = re.sub(r"^[\s.,:;]+", "", rest)
    rest = re.sub(r"^In\s+.*?\(Eds?\.\),?\s*", "", rest)
    venue = re.split(r"[,.(\[]|\s\d", rest, maxsplit=1)[0].strip()
    return title.strip().rstrip(".,;: "), venue if venue and venue[0].isupper() else ""


def extract_citations(text: str) -> list[FoundCitation]:
    """Every author–year citation in the text, in reading order."""
    text = _mask_urls(unicodedata.normalize("NFC", text))
    references_from = _references_start(text)
    found: list[FoundCitation] = []
    for match in CITATION.finditer(text):
        names = match.group("names")
        attribution = parse_attribution(_clean(_POSSESSIVE.sub("", names)))
        if match.group("inword") and len(attribution.surnames) < 2:
            continue  # "Review in 1999" is not a citation; "Argyris & Schon in 1978" is
        if not attribution.surnames or _is_date(text, match.start(), attribution.surnames):
            continue
        year_text = match.group("nyear") or match.group("iyear") or match.group("pyear")
        years = [year_text]
        if match.group("nmore"):
            years += re.findall(_YEAR, match.group("nmore"))
        start, end = match.start(), match.end()
        more = _MORE_YEAR.match(text, end)
        if more and not match.group("narrative"):  # "Marquardt, 2002; 1996"
            years.append(more.group(1))
            end = more.end()
        opened = text.rfind("\n", 0, start) + 1
        at_line_start = bool(_ENTRY_LEAD.match(text[opened:start]))
        has_initials = bool(re.search(_INITIALS + r"(?:$|[,&\s])", names))
        in_list = at_line_start and (start >= references_from or has_initials)
        shown = text[start:end]
        if not in_list and start > 0 and text[start - 1] == "(":
            close = text.find(")", end, end + 30)
            if close != -1 and "(" not in text[end:close] and ";" not in text[end:close]:
                shown = text[start - 1 : close + 1]  # "(Senge, 2014)": the whole parenthesis
        title, venue = _title_and_venue(_entry_tail(text, end)) if in_list else ("", "")
        for year in years:
            digits = _YEAR_IN.match(year)
            found.append(
                FoundCitation(
                    as_written=_clean(shown),
                    surnames=attribution.surnames,
                    et_al=attribution.et_al,
                    year=int(digits.group(1)) if digits else 0,
                    line=_line_of(text, start),
                    in_reference_list=in_list,
                    title=title,
                    venue=venue,
                )
            )
    return _with_reference_details(found)


def _is_date(text: str, start: int, surnames: tuple[str, ...]) -> bool:
    """ "in March 2003" is a date; "(March 1991)" and "Cyert and March 1992" are citations."""
    return (
        len(surnames) == 1
        and surnames[0] in _DATE_WORDS
        and bool(_BEFORE_DATE.search(text, max(0, start - 20), start))
    )


def _first(c: FoundCitation) -> tuple[str, int]:
    return (fold_text(c.surnames[0]), c.year)


def _with_reference_details(found: list[FoundCitation]) -> list[FoundCitation]:
    """Running-text citations take the title and venue of their reference-list entry."""
    entries = {_first(c): c for c in found if c.in_reference_list and (c.title or c.venue)}
    return [
        replace(c, title=entries[_first(c)].title, venue=entries[_first(c)].venue)
        if not c.in_reference_list and _first(c) in entries
        else c
        for c in found
    ]
