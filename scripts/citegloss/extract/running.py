"""Citations in running text: "Senge (2006)", "(Senge, 2014)", "Levitt and March 1988".

A surname starts with a capital and may carry accents, particles ("van de", "De") and hyphens,
and given names may come before it ("Nancy J. Herman"); names are joined by ",", "&" or "and"
(spaces optional: "Argyris& Schén"), and may end in "et al."; the year ("2006a", "n.d.",
"forthcoming", "in press") follows in parentheses, after a comma or a space, or after "in"
("Argyris & Schon in 1978"). Capitalised words before the last name are one corporate author
when one of them says so ("Pew Research Center", "Occupational Safety & Health Administration")
or when they alone fill a parenthesis ("(Robert Bosch Stiftung, 2023)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citegloss.extract.found import FoundCitation, clean, read_year
from citegloss.extract.text import TextIndex
from citegloss.names import parse_attribution

_UPPER = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
_LETTER = r"[^\W\d_]"
WORD = rf"[{re.escape(_UPPER)}]{_LETTER}*(?:['’]{_LETTER}+)?(?:-{_LETTER}+)*"
PARTICLE = (
    r"(?:van|von|de|der|den|del|della|da|di|du|dos|das|le|la|ter|ten|Van|Von|De|Del|Da|Di|Du|Le|La)"
)
#: Capitalised words that open sentences or dates, never surnames (unless "et al." follows:
#: "Page et al."). ("March", "May", "Winter" and "Summer" are surnames too: a date is told from
#: them by the word before, see _is_date.)
STOP = (
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
    r"Following|Based|Using|Recent|Early|Classic|Prior|Previous|Other|Such|Until|Since|"
    r"Correspondingly|Consistently|Surprisingly|Relatedly|Collectively|Together|Broadly|"
    r"Essentially|Admittedly|Evidently|Crucially|Critically|Accordingly)\b"
)
_MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Spring",
        "Summer",
        "Autumn",
        "Fall",
        "Winter",
    ]
)
_DATE_WORDS = {"March", "May", "June", "Summer", "Winter"}
_BEFORE_DATE = re.compile(
    r"(?:\b(?:in|on|of|since|until|by|from|during|the|early|late|mid|last|next)"
    r"|\d(?:st|nd|rd|th)?|\d{4}\s+(?:and|to|until))\s+$",
    re.IGNORECASE,
)
_SURNAME = (
    rf"(?<![\w'’-])(?!{STOP}(?!\s+et\s*al))(?:{WORD}\s+(?={PARTICLE}\s))?(?:{PARTICLE}\s+){{0,3}}"
    rf"(?:{WORD}|(?<=[^\W\d_] )(?:team|group)\b)"
)
#: Given-name initials after a surname: ", K.M.", ", C. W.", ",G.", " J.-C.". Every pattern below
#: can match a stretch of text in one way only, so a long run of names without a year fails fast.
INITIALS = r"(?:,?\s*[A-Z]\.(?:[\s-]*[A-Z]\.)*)"
#: A given name and middle initials before a surname: "Nancy J. Herman", "Larry T. Reynolds".
_GIVEN = rf"(?:{WORD}\s+(?:[A-Z]\.\s*){{1,3}}(?=[A-Z]))"
_GIVEN_PREFIX = re.compile(rf"^{WORD}\s+(?:[A-Z]\.\s*){{1,3}}(?=[A-Z])")
#: "Keenan [Ochs]": a name the author also went by.
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")
_PERSON = rf"{_GIVEN}?{_SURNAME}{INITIALS}?(?:\s*\[{WORD}\])?"
_SEP = r"\s*(?:,\s*(?:(?:&|and\b)\s*)?|(?:&|\band\b)\s*)"
_ET_AL = r"(?:,?\s+et\s*al\.?)"
#: At most this many names in one citation (a longer run is not a citation, and is not tried).
MAX_NAMES = 12
_NAMES = rf"(?P<names>{_PERSON}(?:{_SEP}{_PERSON}){{0,{MAX_NAMES - 1}}}{_ET_AL}?)"
NUMBER_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-h]?(?![\w])(?!\s*[–—-]\s*\d)"
UNDATED = r"(?:n\.\s?d\.|forthcoming|in\s+press)"
YEAR = rf"(?:{NUMBER_YEAR}|{UNDATED})"
#: Where a name can start: a capital, a particle, "team" (checked first: most text is neither).
_CAN_START = rf"(?=[{re.escape(_UPPER)}]|{PARTICLE}\s|team\b|group\b)"
CITATION = re.compile(
    rf"{_CAN_START}{_NAMES}(?:"
    rf"(?P<narrative>\s*\(\s*(?P<nyear>{YEAR})(?P<nmore>(?:\s*[,;]\s*{YEAR})*)[^()\n]{{0,30}}?\))"
    rf"|(?P<inword>,?\s+[Ii]n\s+(?P<iyear>{NUMBER_YEAR}))"
    rf"|(?P<plain>(?:\s*,\s*(?P<pyear>{YEAR})|\s+(?P<pnum>{NUMBER_YEAR}))))"
)
_MORE_YEAR = re.compile(rf"\s*[;,]\s*({NUMBER_YEAR})")
#: "Senge's (2006) discipline": the citation is of Senge.
_POSSESSIVE = re.compile(r"['’]s\b")
#: What may stand before a reference entry on its line: bullets, numbers, quote marks.
_ENTRY_LEAD = " \t>*•-[]0123456789."
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: Words that make a run of capitalised words one corporate author ("Pew Research Center").
_CORPORATE_WORDS = (
    "team group center centre council commission administration association society institute "
    "institution university department office agency foundation stiftung organization "
    "organisation bureau ministry board manufacturing inc ltd corporation company college school "
    "committee service services parliament union nations academy authority government project "
    "network trust fund bank court consortium federation alliance laboratory library museum "
    "secretariat "
)
_CORPORATE = frozenset(_CORPORATE_WORDS.split())
_ORG_TOKEN = re.compile(r"(?:[^\W\d_a-z][\w.’'|\[\]&-]*|\[\S+|of|for|the|and|on|&|für|de|des|du)")
_LEADING = frozenset(["the", "of", "and", "&", "for", "on", "in", "a", "an"])
#: How far back a corporate author's name may reach.
_REACH = 300


def running_citations(text: str, index: TextIndex, list_lines: set[int]) -> Iterator[FoundCitation]:
    """Every running-text citation (and APA entry outside a reference list) in reading order."""
    for match in CITATION.finditer(text):
        if _BLANK_LINE.search(match.group()):
            continue  # a heading's words and the next paragraph's year
        names = match.group("names")
        attribution = parse_attribution(clean(_POSSESSIVE.sub("", names)))
        surnames = tuple(_BRACKETED.sub("", _GIVEN_PREFIX.sub("", s)) for s in attribution.surnames)
        if match.group("inword") and len(surnames) < 2:
            continue  # "Review in 1999" is not a citation; "Argyris & Schon in 1978" is
        if not surnames or _is_date(text, match.start(), surnames):
            continue
        start, end = match.start(), match.end()
        narrative = bool(match.group("narrative"))
        if (
            narrative
            and len(surnames) > 1
            and not attribution.et_al
            and not re.search(r"&|\band\b", names)
        ):
            # "William Idsardi, Baugh (1999)": a list of names needs "and"; the citation is Baugh's
            start = match.start() + names.rfind(surnames[-1])
            surnames = surnames[-1:]
        corporate = _corporate(text, start, surnames, bool(attribution.et_al))
        if corporate:
            start, surnames = corporate
        elif surnames[-1] in ("team", "group"):
            continue  # "the team, 2022"
        year_texts = [match.group(g) for g in ("nyear", "iyear", "pyear", "pnum") if match.group(g)]
        if match.group("nmore"):
            year_texts += re.findall(YEAR, match.group("nmore"))
        more = _MORE_YEAR.match(text, end)
        if more and not narrative:  # "Marquardt, 2002; 1996"
            year_texts.append(more.group(1))
            end = more.end()
        line_start = index.line_start(start)
        at_line_start = not text[line_start:start].strip(_ENTRY_LEAD)
        has_initials = bool(re.search(INITIALS + r"(?:$|[,&\s])", names))
        line = index.line_of(start)
        in_list = at_line_start and (line in list_lines or has_initials)
        shown = text[start:end]
        if not in_list and start > 0 and text[start - 1] == "(":
            close = text.find(")", end, end + 30)
            if close != -1 and "(" not in text[end:close] and ";" not in text[end:close]:
                shown = text[start - 1 : close + 1]  # "(Senge, 2014)": the whole parenthesis
        for year_text in year_texts:
            year, written = read_year(year_text)
            yield FoundCitation(
                as_written=clean(shown),
                surnames=surnames,
                et_al=attribution.et_al,
                year=year,
                line=line,
                in_reference_list=in_list,
                year_text=written,
                offset=start,
            )


def _is_date(text: str, start: int, surnames: tuple[str, ...]) -> bool:
    """ "in March 2003" and "(May-June 2002)" are dates; "(March 1991)" and "Cyert and March
    1992" are citations."""
    if len(surnames) != 1:
        return False
    parts = surnames[0].split("-")
    if len(parts) > 1 and all(p in _MONTHS for p in parts):
        return True
    return surnames[0] in _DATE_WORDS and bool(_BEFORE_DATE.search(text, max(0, start - 20), start))


def _corporate(
    text: str, start: int, surnames: tuple[str, ...], et_al: bool
) -> tuple[int, tuple[str, ...]] | None:
    """(where it starts, (the whole name,)) when the names end a corporate author's name."""
    if len(surnames) != 1 or et_al:
        return None
    window_start = max(0, start - _REACH)
    tokens = re.findall(r"\S+|\s+", text[window_start:start])
    taken: list[tuple[int, str]] = []
    offset = start
    for token in reversed(tokens):
        offset -= len(token)
        if token.isspace():
            if _BLANK_LINE.search(token):
                break
            continue
        opened = token.startswith("(") and len(token) > 1
        word = token[1:] if opened else token
        if not _ORG_TOKEN.fullmatch(word):
            break
        taken.insert(0, (offset + len(token) - len(word), word))
        if opened:
            break
    while taken and taken[0][1].lower() in _LEADING:
        taken.pop(0)
    if not taken:
        return None
    at = taken[0][0]
    whole = clean(text[at:start] + " " + surnames[0])
    words = {w.strip(".,’'").lower() for w in whole.split()}
    before = text[max(0, at - 8) : at].rstrip()
    parenthesised = before.endswith(("(", ";", "e.g.,", "e.g."))
    joined = bool(re.search(r"&|\band\b|,", whole))
    if words & _CORPORATE or (parenthesised and not joined):
        return at, (whole,)
    return None
