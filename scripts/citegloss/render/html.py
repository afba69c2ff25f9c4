"""Escaping and linking, the two things every rendered page needs and must get right.

Text from YAML and BibTeX is data: it reaches a page only through `text()` (HTML-escaped, on
one line, so a Markdown processor sees it inside a raw HTML block and leaves it alone).
Links between pages are worked out here from source paths ("concepts/x.md"), so the renderer
needs no site generator to know where a page will land.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from citegloss.invisible import displayable

_WHITESPACE = re.compile(r"\s+")


def text(value: str) -> str:
    """Escaped for HTML text and attributes, whitespace folded onto one line, without the
    bidi controls and invisible characters that would reorder or hide what a reader sees.

    One line matters: a blank line would end the raw HTML block and hand the rest of the
    text to Markdown, where `[x](javascript:...)` is a link.
    """
    return html.escape(_WHITESPACE.sub(" ", displayable(value)).strip(), quote=True)


_CELL_END = re.compile(r"</(td|th|li|dt|dd|p|span|q)><")


def spaced(markup: str) -> str:
    """A space after each cell, item and paragraph, so text extracted from the HTML (search
    indexes strip tags) keeps words apart: "p. 89 Crossan", not "p. 89Crossan"."""
    return _CELL_END.sub(r"</\1> <", markup)


#: Escapes a text field for a page; `TermIndex.prose` also links the glossary terms in it.
Prose = Callable[[str], str]


def paragraphs(value: str, prose: Prose = text) -> str:
    """A text field as `<p>` elements, one per blank-line-separated paragraph, escaped."""
    parts = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(f"<p>{prose(p)}</p>" for p in parts)


def title_text(value: str) -> str:
    """A page title for front matter. Themes print titles unescaped in places (`<title>`
    after `striptags`, which unescapes), so a `<` cannot be trusted to stay text: it becomes
    a look-alike, and the rest is escaped."""
    return text(value.replace("<", "\u2039"))


def doi_url(doi: str) -> str:
    """`https://doi.org/<doi>`, whatever the .bib wrote (`doi:10.1/x`, a full URL or bare)."""
    bare = re.sub(
        r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", displayable(doi).strip(), flags=re.I
    )
    return "https://doi.org/" + quote(bare, safe="/:;()._-")


def safe_url(url: str) -> str:
    """The URL when it is http(s), else "" (never a `javascript:` or `data:` link)."""
    url = url.strip()
    return url if re.match(r"^https?://[^\s\"'<>]+$", url, flags=re.I) else ""


def slug(value: str) -> str:
    """An HTML id from free text: lowercase ASCII letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


@dataclass(frozen=True, slots=True)
class Links:
    """Where pages land. `directory_urls` is MkDocs' `use_directory_urls`: `a/b.md` becomes
    `a/b/` rather than `a/b.html`. Links are relative, so the site works from file://."""

    directory_urls: bool = False

    def url(self, src: str) -> str:
        """The site-relative URL of the page written at source path `src`."""
        stem = src[: -len(".md")] if src.endswith(".md") else src
        if stem == "index" or stem.endswith("/index"):
            folder = stem[: -len("index")]
            return folder + ("" if self.directory_urls else "index.html")
        return stem + "/" if self.directory_urls else stem + ".html"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link from page `from_src` to page `to_src` (and `#anchor` on it)."""
        link = _relative_link(self.url(from_src), self.url(to_src))
        return f"{link}#{html.escape(anchor, quote=True)}" if anchor else link

    def file_href(self, from_src: str, path: str) -> str:
        """A relative link from page `from_src` to a file published as it is (`data/x.json`)."""
        return _relative_link(self.url(from_src), path)


@lru_cache(maxsize=65536)
def _relative_link(here: str, there: str) -> str:
    """Cached: a site links every page to a few hundred others, from a few folders."""
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    target = posixpath.relpath(there or ".", base or ".")
    if (there == "" or there.endswith("/")) and not target.endswith("/"):
        target += "/"
    return html.escape(target, quote=True)
