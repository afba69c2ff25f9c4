"""A document's text as the citation extractor reads it: markup, PDF artefacts and links removed.

Every change keeps the number of lines: a citation found in the prepared text is on the line
where the document writes it. HTML entities are decoded ("Fichman &amp; Melville") and tags
blanked (citations in table cells); URLs and DOIs are blanked so their digits are never years; a
word hyphenated across a line break is joined on the first line ("Zawack-" + "i-Richter"), and
the page markers and running heads of a PDF text dump are blanked. Finding a line number, or the
end of a paragraph, is a binary search over offsets computed once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>\n]{0,500})?/?>")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s)\]>|]+|\b(?:doi:\s?)?10\.\d{4,9}/\s?[^\s)\]>]+|\bdoi:\s?[^\s)\]>]+"
)
#: "tech-" at a line's end and "nologies" on the next: one word, written on the first line.
_HYPHENATED = re.compile(r"([^\W\d_])-[ \t]*\n([ \t]*)([^\W\d_]\S*)")
#: "--- Page 3 ---", "Page 3 of 12", a form feed.
_PAGE_MARKER = re.compile(
    r"^\s*(?:-{2,}\s*)?(?:page|seite)\s+\d+(?:\s+of\s+\d+)?\s*(?:-{2,})?\s*$|^\f", re.I
)
_MAYBE_MARKER = re.compile(r"^[ \t]*(?:-{2,}[ \t]*)?(?:page|seite)[ \t]+\d|\f", re.I | re.M)
#: How many lines around a page marker may hold a running head or a page footer.
_HEAD_REACH = 4


def _unescape(match: re.Match[str]) -> str:
    decoded = html.unescape(match.group())
    return " " if decoded in ("\n", "\r") or not decoded.isprintable() else decoded


def _join_hyphenated(match: re.Match[str]) -> str:
    first, indent, rest = match.groups()
    hyphen = "-" if rest[0].isupper() else ""  # "Vincent-" + "Lancrin" keeps its hyphen
    return f"{first}{hyphen}{rest}\n{indent}"


def _blank_page_furniture(text: str) -> str:
    """Page markers, and the lines near them that repeat (running heads, journal footers)."""
    if not _MAYBE_MARKER.search(text):
        return text
    lines = text.split("\n")
    markers = [i for i, line in enumerate(lines) if _PAGE_MARKER.match(line)]
    if not markers:
        return text
    counts = Counter(" ".join(line.split()) for line in lines)
    for i in markers:
        lines[i] = ""
        for j in range(max(0, i - _HEAD_REACH), min(len(lines), i + _HEAD_REACH + 1)):
            shown = " ".join(lines[j].split())
            if shown and counts[shown] > 1 and len(shown) <= 200:
                lines[j] = ""
    return "\n".join(lines)


def prepare(text: str) -> str:
    """The text with the same lines, ready for the citation patterns."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ENTITY.sub(_unescape, text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    text = _HYPHENATED.sub(_join_hyphenated, text)
    return _blank_page_furniture(text)


class TextIndex:
    """Line numbers and paragraph ends of one text, each found in O(log n)."""

    def __init__(self, text: str) -> None:
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        #: Where each blank line (a paragraph break) starts.
        self._breaks = [m.start() for m in re.finditer(r"\n[ \t]*(?=\n)", text)]
        self._length = len(text)

    def line_of(self, offset: int) -> int:
        """1-based line of the character at offset."""
        return bisect_left(self._newlines, offset) + 1

    def line_offset(self, line: int) -> int:
        """Offset of the first character of a 0-based line."""
        return self._newlines[line - 1] + 1 if line else 0

    def line_start(self, offset: int) -> int:
        """Offset of the first character of offset's line."""
        i = bisect_left(self._newlines, offset)
        return self._newlines[i - 1] + 1 if i else 0

    def paragraph_end(self, offset: int) -> int:
        """Where the paragraph holding offset ends: its next blank line, or the text's end."""
        i = bisect_right(self._breaks, offset)
        return self._breaks[i] if i < len(self._breaks) else self._length
