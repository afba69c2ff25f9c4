"""Text from YAML and BibTeX is data: markup in a term, summary, quote, note, contrast or bib
field shows as text and never becomes an element, an attribute or a link."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from test_site_build import Build, build_site

#: The only scripts a page may have: the theme's, loaded from the site's own assets.
THEME_SCRIPT = re.compile(r"^(?:\.\./)*(?:assets/javascripts/|search/search_index\.js)")


class Elements(HTMLParser):
    """Every start tag of a page, as the browser would see it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def injected(html: str) -> list[str]:
    """What the payload would have achieved: event handlers, script links, foreign elements."""
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if any(name.startswith("on") for name in attrs):
            found.append(f"<{tag}> with an event handler")
        if any(
            attrs.get(name, "").strip().lower().startswith("javascript:")
            for name in ("href", "src")
        ):
            found.append(f"<{tag}> with a javascript: link")
        if tag in ("iframe", "svg") and "alert" in str(attrs):
            found.append(f"<{tag}>")
        if tag == "script" and attrs.get("src") and not THEME_SCRIPT.match(attrs["src"]):
            found.append(f"<script src={attrs['src']}>")
        if tag == "img" and attrs.get("src") == "x":
            found.append("<img src=x>")
    return found


@pytest.fixture(scope="module")
def payload(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site("site-payload", tmp_path_factory.mktemp("payload"))
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize(
    "page",
    [
        "concepts/payload.html",
        "concepts/ordinary.html",
        "bibliography.html",
        "authors.html",
        "concepts/index.html",
        "index.html",
        "map.html",
    ],
)
def test_no_page_contains_an_injected_element_or_attribute(payload: Build, page: str) -> None:
    assert injected(payload.page(page)) == []
    # Scripts that run (JSON-LD is data: the payload's text is in it, JSON-escaped).
    assert "alert(" not in "".join(
        re.findall(r"<script\b(?![^>]*ld\+json)[^>]*>(.*?)</script>", payload.page(page), re.S)
    )


def test_the_payload_is_shown_as_text(payload: Build) -> None:
    page = payload.page("concepts/payload.html")
    assert (
        '<h1 class="cg-term">&lt;script&gt;document.title=&#x27;pwned&#x27;;alert(7)&lt;/script&gt;'
        "Payload</h1>"
    ) in page
    assert "a [markdown link](javascript:alert(10))" in page
    assert "--8&lt;-- &quot;/etc/passwd&quot;" in page
    assert "&lt;svg/onload=alert(14)&gt; quoted" in page
    assert "<title>‹script&gt;document.title=&#x27;pwned&#x27;;alert(7)‹/script&gt;Payload" in page


def test_a_tooltip_title_cannot_become_markup(payload: Build) -> None:
    # Material's tooltips render a link's title as HTML: no "<" may survive in it, even escaped.
    page = payload.page("concepts/ordinary.html")
    link = re.search(
        r'<a class="cg-term" href="payload.html" title="([^"]*)">harmless alias</a>', page
    )
    assert link and link.group(1).startswith("‹script›document.title=")
    assert "&lt;" not in link.group(1) and "<" not in link.group(1)


def test_bib_fields_cannot_make_links_of_their_own(payload: Build) -> None:
    bibliography = payload.page("bibliography.html")
    assert "javascript:alert(5)" not in bibliography  # a non-http url is dropped
    assert 'href="https://doi.org/10.1000/%22%3E%3Cscript%3Ealert(4)%3C/script%3E"' in bibliography
    assert "Evil, E. (2020). &lt;script&gt;document.title=" in bibliography
