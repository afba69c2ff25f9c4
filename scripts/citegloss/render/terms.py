"""Glossary terms in any page's text become links to their concept, with a short definition
as the link's title (the theme shows it as a tooltip).

It works on finished HTML, text node by text node, so it serves hand-written and generated
pages alike and cannot inject markup: text is unescaped by the parser and escaped again on the
way out, and the only markup added is a link built here. Terms match whole words, in any case,
singular or plural; an all-capitals alias ("OL") matches only in capitals, so "IT" is not "it".
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from citegloss.model import Concept
from citegloss.render.concept import concept_src, short_definition
from citegloss.render.html import Links

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
#: Where a link would be wrong or unwelcome.
_SKIP = frozenset(
    [
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "select",
        "option",
        "title",
        "svg",
        "math",
        "label",
        "dt",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_NO_TERMS_CLASS = "cg-noterms"


def singular(word: str) -> str:
    """A crude English singular, applied alike to terms and text: routines -> routine,
    processes -> process, capabilities -> capability, analysis stays."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(words: Iterable[str], caps: bool) -> tuple[str, ...]:
    folded = tuple(singular(w.replace("’", "'").lower()) for w in words)
    return ("\x00caps", *folded) if caps else folded


def tooltip_text(value: str) -> str:
    """Text safe for a link title even where a theme renders titles as HTML (Material's
    tooltips do): no `<` or `>` survive, so the title can never become markup."""
    return value.replace("<", "\u2039").replace(">", "\u203a")


def _is_caps(word: str) -> bool:
    stem = word[:-1] if word.endswith("s") and len(word) > 2 else word
    return len(stem) > 1 and stem.isupper()


@dataclass(frozen=True, slots=True)
class TermTarget:
    concept_id: str
    term: str
    tooltip: str


class TermIndex:
    """Every term and alias by its folded words; built once, used on every page."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.targets: dict[tuple[str, ...], TermTarget] = {}
        self.longest = 1
        for concept in concepts:
            target = TermTarget(
                concept.id,
                concept.term,
                tooltip_text(f"{concept.term}: {short_definition(concept)}"),
            )
            for name in (concept.term, *concept.aliases):
                words = _WORD.findall(name)
                if not words:
                    continue
                caps = len(words) == 1 and _is_caps(words[0])
                self.targets.setdefault(_key(words, caps), target)
                self.longest = max(self.longest, len(words))

    def link_terms(self, page_html: str, here: str, links: Links, own_id: str = "") -> str:
        """`page_html` with the first mention of each other concept linked."""
        if not self.targets:
            return page_html
        linker = _Linker(self, here, links, own_id)
        linker.feed(page_html)
        linker.close()
        return "".join(linker.out)

    def find(self, text: str) -> list[tuple[int, int, TermTarget]]:
        """Matches in plain text: (start, end, target), longest first, left to right."""
        words = list(_WORD.finditer(text))
        found, i = [], 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                span = words[i : i + n]
                if any(text[a.end() : b.start()].strip() for a, b in itertools.pairwise(span)):
                    continue
                tokens = [m.group() for m in span]
                caps = n == 1 and _is_caps(tokens[0])
                target = self.targets.get(_key(tokens, caps)) or (
                    self.targets.get(_key(tokens, False)) if caps else None
                )
                if target:
                    found.append((span[0].start(), span[-1].end(), target))
                    i += n
                    break
            else:
                i += 1
        return found


class _Linker(HTMLParser):
    def __init__(self, index: TermIndex, here: str, links: Links, own_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.index, self.here, self.links = index, here, links
        self.done = {own_id}
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in _VOID:
            return
        classes = " ".join(v or "" for k, v in attrs if k == "class")
        skip = self.skipping or tag in _SKIP or _NO_TERMS_CLASS in classes
        self.stack.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in ("script", "style"):
            self.out.append(data)
            return
        if self.skipping:
            self.out.append(html.escape(data, quote=False))
            return
        position = 0
        for start, end, target in self.index.find(data):
            if target.concept_id in self.done:
                continue
            self.done.add(target.concept_id)
            href = self.links.href(self.here, concept_src(target.concept_id))
            self.out.append(html.escape(data[position:start], quote=False))
            self.out.append(
                f'<a class="cg-term" href="{href}" title="{html.escape(target.tooltip)}">'
                f"{html.escape(data[start:end], quote=False)}</a>"
            )
            position = end
        self.out.append(html.escape(data[position:], quote=False))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")
