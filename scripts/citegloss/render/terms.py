"""Glossary terms in any page's text become links to their concept, with a short definition
as the link's title (the theme shows it as a tooltip).

It works on finished HTML, text run by text run, so it serves hand-written and generated pages
alike and cannot inject markup: a link built here wraps words of already-escaped text, and
nothing else is changed. The HTML is split by one regular expression rather than a parser:
a build links thousands of pages, and `html.parser` cost more than the rest of the build. Terms match whole words, in any case,
singular or plural; an all-capitals alias ("OL") matches only in capitals, so "IT" is not "it".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from citegloss.invisible import displayable
from citegloss.model import Concept
from citegloss.render.concept import concept_src, short_definition
from citegloss.render.html import Links, Prose, text

_WORD = re.compile(r"&#?\w+;|[^\W_]+(?:['’\-][^\W_]+)*")
_PIECE = re.compile(r"[^\W_]+")
#: Comments and elements whose content is never linked are taken whole; then tags; then text.
_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|pre|code|textarea|svg|math)\b[^>]*>.*?</\1\s*>"
    r"|<[a-zA-Z/!][^>]*>|[^<]+|<",
    re.S | re.I,
)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
#: Where a link would be wrong or unwelcome.
_SKIP = frozenset(
    "a abbr button select option title label dt th kbd samp h1 h2 h3 h4 h5 h6".split()  # noqa: SIM905
)
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
_NO_TERMS_CLASS = "cg-noterms"


def singular(word: str) -> str:
    """A crude English singular, applied alike to terms and text: routines -> routine,
    processes -> process, capabilities -> capability, analysis stays, OLs -> OL."""
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return word[:-1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=131072)
def _fold(word: str) -> str:
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        word = word[:-1]  # OLs -> OL
    return singular(word.replace("’", "'").lower())


_CAPS = "\x00caps"


def _is_caps(word: str) -> bool:
    stem = word[:-1] if word.endswith("s") and len(word) > 2 else word
    return len(stem) > 1 and stem.isupper()


def tooltip_text(value: str) -> str:
    """Text safe for a link title even where a theme renders titles as HTML (Material's
    tooltips do): no `<` or `>` survive, so the title can never become markup; on one line,
    since a blank line inside an attribute would end the raw HTML block in Markdown."""
    return " ".join(displayable(value).split()).replace("<", "\u2039").replace(">", "\u203a")


@dataclass(frozen=True, slots=True)
class TermTarget:
    concept_id: str
    term: str
    tooltip: str


class TermIndex:
    """Every term and alias by its folded words; built once, used on every page."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.targets: dict[tuple[str, ...], TermTarget] = {}
        self.first_words: set[str] = set()
        #: Lowercase word pieces that may start a term, plural forms included: a text with
        #: none of them is skipped without folding its words.
        self.triggers: set[str] = set()
        self.longest = 1
        for concept in concepts:
            tooltip = tooltip_text(f"{concept.term}: {short_definition(concept)}")
            target = TermTarget(concept.id, concept.term, tooltip)
            for name in (concept.term, *concept.aliases):
                # as pages show it: "Rev\u202eersed" is the word "Reversed", not two words
                words = [w for w in _WORD.findall(displayable(name)) if not w.startswith("&")]
                if not words:
                    continue
                key = tuple(_fold(w) for w in words)
                if len(words) == 1 and _is_caps(words[0]):
                    key = (_CAPS, *key)
                self.targets.setdefault(key, target)
                self.first_words.add(_fold(words[0]))
                piece = _PIECE.findall(words[0].lower())[0]
                self.triggers.update((piece, piece + "s", piece + "es", piece[:-1] + "ies"))
                self.longest = max(self.longest, len(words))

    def find(self, text: str) -> list[tuple[int, int, TermTarget]]:
        """Matches in text: (start, end, target), longest first, left to right. Entities
        (`&amp;`) are not words, and words of a term must be separated by spaces only."""
        if self.triggers.isdisjoint(_PIECE.findall(text.lower())):
            return []
        words = [m for m in _WORD.finditer(text) if m.group()[0] != "&"]
        folded = [_fold(m.group()) for m in words]
        found, i, count = [], 0, len(words)
        while i < count:
            if folded[i] not in self.first_words:
                i += 1
                continue
            for n in range(min(self.longest, count - i), 0, -1):
                gaps = (text[words[k].end() : words[k + 1].start()] for k in range(i, i + n - 1))
                if any(gap.strip() for gap in gaps):
                    continue
                key = tuple(folded[i : i + n])
                target = None
                if n == 1 and _is_caps(words[i].group()):
                    target = self.targets.get((_CAPS, *key))
                target = target or self.targets.get(key)
                if target:
                    found.append((words[i].start(), words[i + n - 1].end(), target))
                    i += n
                    break
            else:
                i += 1
        return found

    def prose(self, here: str, links: Links, own_id: str = "") -> Prose:
        """An escaper for one generated page's text fields that links each concept's first
        mention on the page (not the page's own). Cheaper than `link_terms` over the HTML:
        only the prose is searched."""
        done = {own_id}

        def escape_and_link(value: str) -> str:
            return self._link_text(text(value), here, links, done)

        return escape_and_link

    def link_terms(self, page_html: str, here: str, links: Links, own_id: str = "") -> str:
        """`page_html` with the first mention of each other concept linked."""
        if not self.targets:
            return page_html
        done = {own_id}
        out: list[str] = []
        stack: list[tuple[str, bool]] = []
        for token in _TOKEN.finditer(page_html):
            chunk = token.group()
            if chunk[0] != "<" or chunk == "<":
                if stack and stack[-1][1]:
                    out.append(chunk)
                else:
                    out.append(self._link_text(chunk, here, links, done))
                continue
            out.append(chunk)
            tag = _TAG_NAME.match(chunk)
            if not tag or token.group(1):
                continue
            name = tag.group(2).lower()
            if tag.group(1):
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif name not in _VOID and not chunk.endswith("/>"):
                skip = (stack and stack[-1][1]) or name in _SKIP or _NO_TERMS_CLASS in chunk
                stack.append((name, bool(skip)))
        return "".join(out)

    def _link_text(self, text: str, here: str, links: Links, done: set[str]) -> str:
        """Escaped `text` with links around the first mention of each concept not yet linked."""
        parts, position = [], 0
        for start, end, target in self.find(text):
            if target.concept_id in done:
                continue
            done.add(target.concept_id)
            href = links.href(here, concept_src(target.concept_id))
            parts.append(text[position:start])
            parts.append(
                f'<a class="cg-term" href="{href}" title="{html.escape(target.tooltip)}">'
                f"{text[start:end]}</a>"
            )
            position = end
        if not parts:
            return text
        parts.append(text[position:])
        return "".join(parts)
