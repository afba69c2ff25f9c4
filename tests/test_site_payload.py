"""Text from YAML and BibTeX is data: markup in a term, summary, quote, note, contrast, audit or
bib field shows as text and never becomes an element, an attribute or a link, whatever its
characters (outside the BMP, bidi controls, zero-width); the strict build passes."""

from __future__ import annotations

import json
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
    build = build_site("site-payload", tmp_path_factory.mktemp("payload"), strict=True)
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize(
    "page",
    [
        "concepts/payload.html",
        "concepts/ordinary.html",
        "concepts/astral.html",
        "concepts/emoji.html",
        "audits/index.html",
        "audits/astral-audit.html",
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


#: Bidirectional controls and zero-width characters: no page may carry one.
INVISIBLE = (
    "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def article(page: str) -> str:
    return page.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "concepts/astral.html",
            "𝑥 Astral 🎉 term [x](javascript:alert(20)){: onmouseover=alert(21) }",
        ),
        ("concepts/emoji.html", "🎉"),
        (
            "audits/astral-audit.html",
            "Audit: 𝑥 Audit 🎉 [a](javascript:alert(40)){: onmouseover=alert(41) }",
        ),
    ],
)
def test_characters_outside_the_bmp_keep_the_title_and_no_front_matter_shows(
    payload: Build, page: str, title: str
) -> None:
    html = payload.page(page)
    assert f"<title>{title} - citegloss</title>" in html
    assert "<p>title:" not in article(html) and "\\ud83" not in html  # no front matter as text
    assert "<hr" not in article(html)


def test_markdown_in_astral_text_stays_text(payload: Build) -> None:
    page = article(payload.page("concepts/astral.html"))
    assert (
        '<h1 class="cg-term">𝑥 Astral 🎉 term [x](javascript:alert(20)){: onmouseover=alert(21) }</h1>'
        in page
    )
    assert "𝑥 summary [y](javascript:alert(23)) {: onmouseover=alert(24) }" in page
    assert "𝑥 quote {: onclick=alert(26) } isolate" in page
    assert "𝑥 other {: onmouseover=alert(30) }" in page
    assert "&lt;!-- citegloss:block 0 --&gt;" in page
    audit = article(payload.page("audits/astral-audit.html"))
    assert "Evil (2020) 𝑥 [d](javascript:alert(46)){: onclick=alert(47) }" in audit
    assert "𝑥 reason [f](javascript:alert(50))" in audit
    bibliography = article(payload.page("bibliography.html"))
    assert "𝑥 Title" in bibliography and "[h](javascript:alert(62))" in bibliography


@pytest.mark.parametrize(
    "page",
    ["concepts/astral.html", "concepts/ordinary.html", "concepts/index.html", "audits/index.html",
     "audits/astral-audit.html", "bibliography.html", "authors.html", "index.html",
     "search/search_index.json"],
)  # fmt: skip
def test_no_bidi_control_or_zero_width_character_reaches_a_page(payload: Build, page: str) -> None:
    html = payload.page(page)
    assert [f"U+{ord(c):04X}" for c in INVISIBLE if c in html] == []
    if page.endswith(".json"):
        assert all(f"\\u{ord(c):04x}" not in html.lower() for c in INVISIBLE)
    else:
        assert "desrever" in html or "astral" not in page  # the text around them stays


def test_search_settings_arrive_without_front_matter(payload: Build) -> None:
    index = json.loads(payload.page("search/search_index.json"))
    boosts = {doc["location"].split("#")[0]: doc.get("boost") for doc in index["docs"]}
    assert boosts["concepts/astral.html"] == boosts["concepts/emoji.html"] == 2
    assert "concepts/index.html" not in boosts and "authors.html" not in boosts
    assert boosts["bibliography.html"] is None
