"""The built site in a real browser (Debian's headless Chromium, driven by Playwright): a
reader goes home -> a concept, follows a citation to the bibliography and back, sees a
tooltip, finds a concept by author through search; a page built from payloads runs nothing.

Screenshots of a concept page at laptop and phone widths land in build/screenshots/.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from test_site_build import ROOT, build_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = ROOT / "build" / "screenshots"

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs chromium (make browser)")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The basic and payload sites, each served on 127.0.0.1 from a thread."""
    urls, servers = {}, []
    for fixture in ("site-basic", "site-payload"):
        build = build_site(fixture, tmp_path_factory.mktemp(fixture))
        assert build.returncode == 0, build.log
        handler = functools.partial(_QuietHandler, directory=str(build.site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[fixture] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def test_home_to_concept_to_bibliography_and_back(served: dict[str, str], page: object) -> None:
    p = page  # type: ignore[assignment]
    p.goto(served["site-basic"])
    assert p.locator(".cg-counts").inner_text().split() == [
        "3", "concepts", "6", "definitions", "6", "works", "8", "authors",
    ]  # fmt: skip
    p.locator(".cg-concept-list").get_by_role("link", name="Organizational learning").click()
    p.wait_for_url("**/concepts/organizational-learning.html")
    assert p.locator("h1").inner_text() == "Organizational learning"
    assert p.locator("table.cg-definitions tbody tr").count() == 3
    p.locator("table.cg-definitions a.cg-cite", has_text="Huber").click()
    p.wait_for_url("**/bibliography.html#huber1991organizational")
    entry = p.locator("#huber1991organizational")
    assert "Huber, G. P. (1991)." in entry.inner_text()
    assert entry.is_visible()
    entry.get_by_role("link", name="Organizational learning").click()
    p.wait_for_url("**/concepts/organizational-learning.html")
    assert p.title().startswith("Organizational learning")


def test_a_term_in_the_text_shows_a_tooltip(served: dict[str, str], page: object) -> None:
    p = page  # type: ignore[assignment]
    p.goto(served["site-basic"] + "concepts/learning-organization.html")
    term = p.locator("a.cg-term", has_text="organizational learnings")
    term.hover()
    tooltip = p.get_by_text("The ways an organization, as distinct from any single employee")
    tooltip.first.wait_for(state="visible")
    term.click()
    p.wait_for_url("**/concepts/organizational-learning.html")


@pytest.mark.parametrize(
    ("query", "concept"),
    [("Crossan", "Organizational learning"), ("Garvin", "Learning organization"),
     ("OL", "Organizational learning"), ("double-loop", "Double-loop learning")],
)  # fmt: skip
def test_search_finds_a_concept_by_author_alias_and_term(
    served: dict[str, str], page: object, query: str, concept: str
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(served["site-basic"])
    search = p.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=30)
    p.locator(".md-search-result__item").first.wait_for(state="visible")
    assert concept in p.locator(".md-search-result__list").inner_text()


def test_a_page_built_from_payloads_runs_nothing(served: dict[str, str], page: object) -> None:
    p = page  # type: ignore[assignment]
    dialogs: list[str] = []
    p.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("concepts/payload.html", "concepts/ordinary.html", "bibliography.html"):
        p.goto(served["site-payload"] + path)
        p.wait_for_load_state("load")
        title = p.title()
        p.locator("a.cg-term, a.cg-cite, a.cg-backlink").first.hover()
        p.wait_for_timeout(300)
        assert p.title() == title != "pwned"
        assert (
            p.evaluate(
                "document.querySelectorAll('article script:not([type$=json]), article iframe').length"
            )
            == 0
        )
        article = p.locator("article")
        for selector in (
            "script:not([type='application/ld+json'])",
            "iframe",
            "img[src='x']",
            "svg[onload]",
            "[onerror]",
            "[onload]",
            "[onmouseover]",
            "[onclick]",
            "a[href^='javascript:']",
        ):
            assert article.locator(selector).count() == 0, (path, selector)
    p.goto(served["site-payload"] + "concepts/payload.html")
    assert p.title().startswith("‹script>document.title='pwned';alert(7)‹/script>Payload")
    search = p.locator("input.md-search__input")  # search results show the payload too
    search.click()
    search.press_sequentially("onerror", delay=30)
    p.locator(".md-search-result__item").first.wait_for(state="visible")
    p.wait_for_timeout(300)
    assert p.locator("img[src='x'], iframe, [onerror], [onload]").count() == 0
    assert p.title().startswith("‹script>document.title='pwned'")
    assert p.locator("h1.cg-term").inner_text().startswith("<script>document.title='pwned'")
    assert dialogs == []


#: In the whole document (theme included): elements with a handler, links that run script.
_ACTIVE = """() => [...document.querySelectorAll('*')].flatMap(e => [
    ...[...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + '[' + a.name + ']'),
    ...(['href', 'src', 'action', 'formaction', 'xlink:href'].some(n =>
        (e.getAttribute(n) || '').replace(/[\\s\\x00-\\x20]/g, '').toLowerCase().startsWith('javascript:'))
        ? [e.tagName + ' javascript:'] : []),
])"""
#: Each payload page and a text of its data that must show, as text, on it.
PAYLOAD_PAGES = {
    "concepts/astral.html": "𝑥 Astral 🎉 term [x](javascript:alert(20)){: onmouseover=alert(21) }",
    "concepts/emoji.html": "🎉",
    "concepts/payload.html": "<script>document.title='pwned';alert(7)</script>Payload",
    "concepts/ordinary.html": "Ordinary",
    "concepts/index.html": "🎉 alias {: onclick=alert(22) }",
    "audits/index.html": "𝑥 Audit 🎉 [a](javascript:alert(40)){: onmouseover=alert(41) }",
    "audits/astral-audit.html": "Evil (2020) 𝑥 [d](javascript:alert(46)){: onclick=alert(47) }",
    "bibliography.html": "[h](javascript:alert(62))",
    "authors.html": "𝑥ve reversed Zoë [g](javascript:alert(60))",
    "index.html": "𝑥 Astral 🎉 term",
}


@pytest.mark.parametrize("path", PAYLOAD_PAGES)
def test_astral_bidi_and_markdown_payloads_run_nothing_and_show_as_text(
    served: dict[str, str], page: object, path: str
) -> None:
    p = page  # type: ignore[assignment]
    dialogs: list[str] = []
    p.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    p.goto(served["site-payload"] + path)
    p.wait_for_load_state("load")
    for link in p.locator("article a").all()[:40]:  # tooltips open; handlers would fire
        link.hover()
    p.wait_for_timeout(300)
    assert p.evaluate(_ACTIVE) == []
    assert dialogs == []
    shown = p.locator("article").inner_text()
    assert PAYLOAD_PAGES[path] in " ".join(shown.split())
    assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b") & set(shown)
    assert "title:" not in shown.split("Also called", 1)[0]  # no front matter shown as text


def test_a_tooltip_built_from_astral_and_bidi_text_shows_it_as_text(
    served: dict[str, str], page: object
) -> None:
    p = page  # type: ignore[assignment]
    dialogs: list[str] = []
    p.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    p.goto(served["site-payload"] + "concepts/ordinary.html")
    term = p.locator("a.cg-term", has_text="reversed alias")
    term.hover()
    tooltip = p.get_by_text("𝑥 Astral 🎉 term [x](javascript:alert(20)){: onmouseover=alert(21) }:")
    tooltip.first.wait_for(state="visible")
    assert "\u202e" not in tooltip.first.inner_text()
    assert p.evaluate(_ACTIVE) == [] and dialogs == []


def test_the_site_works_from_file_urls(
    tmp_path_factory: pytest.TempPathFactory, page: object
) -> None:
    """Opened from disk: links resolve, and search runs (through the vendored worker shim)."""
    build = build_site("site-basic", tmp_path_factory.mktemp("file"))
    assert build.returncode == 0, build.log
    p = page  # type: ignore[assignment]
    p.goto((build.site / "index.html").as_uri())
    p.locator(".cg-concept-list").get_by_role("link", name="Learning organization").click()
    p.wait_for_url("**/concepts/learning-organization.html")
    assert p.locator("table.cg-definitions tbody tr").count() == 2
    search = p.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Garvin", delay=30)
    p.locator(".md-search-result__item").first.wait_for(state="visible")
    assert "Learning organization" in p.locator(".md-search-result__list").inner_text()


@pytest.mark.parametrize(("name", "width", "height"), [("laptop", 1366, 800), ("phone", 390, 844)])
def test_screenshots_of_a_concept_page(
    served: dict[str, str], browser: object, name: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto(served["site-basic"] + "concepts/organizational-learning.html")
    p.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SCREENSHOTS / f"concept-{name}.png"), full_page=True)
    p.locator("figure.cg-figure-map").screenshot(path=str(SCREENSHOTS / f"map-{name}.png"))
    overflow = p.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"


def test_a_map_node_click_opens_the_concept_and_labels_do_not_overlap(
    served: dict[str, str], page: object
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(served["site-basic"] + "map.html")
    boxes = p.evaluate(
        "[...document.querySelectorAll('svg.cg-glossary-map a text')].map(t => {"
        "const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    p.goto(served["site-basic"] + "concepts/organizational-learning.html")
    p.locator("svg.cg-map a.cg-node").first.focus()  # a keyboard reaches the nodes
    assert p.evaluate("document.activeElement.closest('svg.cg-map') !== null")
    p.locator("svg.cg-map a.cg-node", has_text="Learning organization").first.click()
    p.wait_for_url("**/concepts/learning-organization.html")
    assert p.locator("h1").inner_text() == "Learning organization"
    p.locator("svg.cg-years a.cg-year-mark").first.click()
    assert p.evaluate("location.hash") == "#definition-1"
