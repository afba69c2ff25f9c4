"""Plain text (or Markdown) -> the author–year citations it makes, matched to references.bib.

The stages live in citegloss/extract/: the text is prepared (text.py: HTML entities and tags,
URLs, PDF hyphenation and running heads), reference lists are read entry by entry (entries.py:
APA, ASA, Chicago), and running text by its patterns (running.py). Here they are put together,
with two forms that need the rest of the document: a wiki link's names without separators
("[[Dutton Thomas and Butler 1984]]"), and a year standing alone in parentheses, credited to
the author its sentence names when the document cites that author elsewhere ("Goffman states
... (1961)"). Matching the citations to references.bib is the next stage: audit_match.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from citegloss.extract.entries import Entry, read_entry, reference_sections, title_and_venue
from citegloss.extract.found import FoundCitation, clean, read_year
from citegloss.extract.running import NUMBER_YEAR, PARTICLE, WORD, YEAR, running_citations
from citegloss.extract.text import TextIndex, prepare
from citegloss.names import fold_text, normalize_surname

__all__ = ["FoundCitation", "extract_citations"]

#: "[[Dutton Thomas and Butler 1984]]": a wiki link's names need no separators.
_WIKI = re.compile(rf"\[\[?(?P<names>[^\[\]|\n]{{1,200}}?)[ \t,]+(?P<year>{NUMBER_YEAR})\]\]")
_WIKI_WORD = re.compile(rf"(?:{WORD}|{PARTICLE}|and|&|et|al\.?)")
#: A year in parentheses with no name before it: "total institutions (1961)".
_BARE_YEAR = re.compile(rf"\(\s*(?P<year>{NUMBER_YEAR})\s*\)")
#: ("Words We’re Watching" 2018): a title in the author's place.
_TITLE_CITATION = re.compile(
    rf"\(\s*[“\"](?P<title>[^”\"\n]{{2,150}})[”\"],?\s+(?P<year>{YEAR})\s*\)"
)
_SENTENCE_START = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z])|\n[ \t]*\n")
#: "(1975), Robin Lakoff argues": the name after a year.
_NAME_AFTER = re.compile(rf"\s*,\s*(?:{WORD}\s+){{1,2}}(?P<name>{WORD})")
_NAME_WORDS = re.compile(WORD)
_HAS_LETTER = re.compile(r"[^\W\d_]")
#: How far back a detached year's sentence may reach, and how much of an entry is its tail.
_REACH = 400
_TAIL = 1000


def extract_citations(text: str) -> list[FoundCitation]:
    """Every author–year citation in the text, in reading order."""
    text = prepare(text)
    index = TextIndex(text)
    entries, entry_spans, list_lines = _entries(text, index)
    masked = _blank(text, entry_spans)
    wiki = _wiki_links(masked, index)
    masked = _blank(masked, [(c.offset, _end(masked, c)) for c in wiki])
    running = list(running_citations(masked, index, list_lines))
    cited = Counter(normalize_surname(s) for c in (*entries, *wiki, *running) for s in c.surnames)
    running = [_named_after(masked, c, cited) for c in running]
    known = set(cited)
    masked = _blank(masked, [(c.offset, _end(masked, c)) for c in running])
    found = [*entries, *wiki, *running, *_titles(masked, index), *_detached(masked, index, known)]
    found = [c for c in found if c.surnames and all(map(_HAS_LETTER.search, c.surnames))]
    found.sort(key=lambda c: c.offset)
    return _with_reference_details(found)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span blanked, its newlines kept."""
    parts, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end <= start:
            continue
        parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def _end(text: str, c: FoundCitation) -> int:
    """Where a found citation ends in the text (its closing parenthesis, when it has one)."""
    reach = c.offset + len(c.as_written) + 40
    close = text.find(")", c.offset, reach)
    bracket = text.find("]]", c.offset, reach)
    ends = [e + 1 for e in (close,) if e != -1] + [e + 2 for e in (bracket,) if e != -1]
    return min(ends) if ends else c.offset + len(c.as_written)


def _entries(
    text: str, index: TextIndex
) -> tuple[list[FoundCitation], list[tuple[int, int]], set[int]]:
    """The entries of every reference list, the spans they cover, and the lines of the lists."""
    lines = text.split("\n")
    read: list[Entry] = []
    list_lines: set[int] = set()
    for first, last in reference_sections(lines):
        list_lines.update(range(first + 1, last + 2))
        for i in range(first, last + 1):
            if lines[i].strip():
                start = index.line_offset(i)
                entry = read_entry(text, start, start + len(lines[i]))
                read += [entry] if entry else []
    found, spans = [], []
    for n, entry in enumerate(read):
        tail_end = min(index.paragraph_end(entry.end), entry.end + _TAIL)
        if n + 1 < len(read):
            tail_end = min(tail_end, read[n + 1].start)
        spans.append((index.line_start(entry.start), tail_end))
        year, written = read_year(entry.year)
        title, venue = title_and_venue(text[entry.end : tail_end])
        found.append(
            FoundCitation(
                as_written=clean(text[entry.start : entry.end]),
                surnames=entry.surnames,
                et_al=entry.et_al,
                year=year,
                line=index.line_of(entry.start),
                in_reference_list=True,
                title=title,
                venue=venue,
                year_text=written,
                orig_year=int(entry.original) if entry.original else 0,
                offset=entry.start,
            )
        )
    return found, spans, list_lines


def _wiki_names(words: list[str]) -> list[str]:
    """["de", "Holan", "and", "Phillips"] -> ["de Holan", "Phillips"]."""
    names: list[str] = []
    pending = ""
    for word in words:
        if word in ("and", "And", "&"):
            continue
        if re.fullmatch(PARTICLE, word):
            pending += word + " "
            continue
        names.append(pending + word)
        pending = ""
    return names


def _wiki_links(text: str, index: TextIndex) -> list[FoundCitation]:
    found = []
    for match in _WIKI.finditer(text):
        words = clean(match.group("names")).split()
        if (
            not words
            or not all(_WIKI_WORD.fullmatch(w) for w in words)
            or not words[0][0].isalpha()
        ):
            continue
        et_al = words[-2:] in (["et", "al"], ["et", "al."])
        names = _wiki_names(words[:-2] if et_al else words)
        if not names or not all(n[-1].isalpha() for n in names):
            continue
        year, written = read_year(match.group("year"))
        shown = f"{match.group('names')} {match.group('year')}"
        line = index.line_of(match.start("names"))
        found.append(
            FoundCitation(
                clean(shown),
                tuple(names),
                et_al,
                year,
                line,
                year_text=written,
                offset=match.start("names"),
            )
        )
    return found


def _named_after(text: str, c: FoundCitation, cited: Counter[str]) -> FoundCitation:
    """ "Woman’s Place (1975), Robin Lakoff": a title's last word and a year, then the author
    (whom the document cites elsewhere, when the title's word is cited nowhere else)."""
    if c.in_reference_list or any(cited[normalize_surname(s)] > 1 for s in c.surnames):
        return c
    after = _NAME_AFTER.match(text, _end(text, c))
    if after and cited[normalize_surname(after.group("name"))]:
        return replace(c, surnames=(after.group("name"),), as_written=c.as_written)
    return c


def _titles(text: str, index: TextIndex) -> list[FoundCitation]:
    found = []
    for match in _TITLE_CITATION.finditer(text):
        found.append(_year_citation(match, (clean(match.group("title")).rstrip(".,"),), index))
    return found


def _year_citation(match: re.Match[str], names: tuple[str, ...], index: TextIndex) -> FoundCitation:
    """A running-text citation of `names` whose year is the match's `year` group."""
    year, written = read_year(match.group("year"))
    return FoundCitation(
        clean(match.group()),
        names,
        False,
        year,
        index.line_of(match.start()),
        year_text=written,
        offset=match.start(),
    )


def _detached(text: str, index: TextIndex, known: set[str]) -> list[FoundCitation]:
    """Years in parentheses with no name before them, credited to the author their sentence
    names (before the year, else right after it), when the document cites that author too."""
    found = []
    for match in _BARE_YEAR.finditer(text):
        window_start = max(0, match.start() - _REACH)
        window = text[window_start : match.start()]
        sentence = [m.end() for m in _SENTENCE_START.finditer(window)]
        window = window[sentence[-1] :] if sentence else window
        names = [w for w in _NAME_WORDS.findall(window) if normalize_surname(w) in known]
        after = _NAME_AFTER.match(text, match.end())
        if not names and after and normalize_surname(after.group("name")) in known:
            names = [after.group("name")]
        if not names:
            continue
        found.append(_year_citation(match, (names[-1],), index))
    return found


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
