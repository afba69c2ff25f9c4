"""Generated pages lift their HTML out of the Markdown and put it back after conversion: the
page a reader gets holds every block once, in order, whatever Markdown does with the markers."""

from __future__ import annotations

import re

import markdown

from citegloss.render import LATE_BLOCKS, Page, expand_html, hoist_html

EXTENSIONS = ["toc", "admonition", "attr_list", "tables"]  # the project's mkdocs.yml


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


BLOCKS = [
    '<h1 class="cg-term">Term</h1>',
    '<p class="cg-aliases">Also called: <span>T</span></p>',
    '<figure class="cg-figure-map"><svg><title>Map</title></svg></figure>',
    '<table class="cg-definitions"><tr><td>Senge</td></tr></table>',
    '<p class="cg-data"><strong>Data:</strong> <a href="x.json">JSON</a></p>',
    '<script type="application/ld+json">{"@type":"DefinedTerm"}</script>',
]
MARKDOWN = "\n\n".join([*BLOCKS[:3], "## Definitions (1)", BLOCKS[3], "## Data", *BLOCKS[4:]])


def test_blocks_in_a_row_come_back_once_each_and_in_order() -> None:
    page = hoist_html(Page(src="concepts/term.md", markdown=MARKDOWN))
    assert page.html_blocks == tuple(BLOCKS)
    assert "<table" not in page.markdown and "<svg" not in page.markdown
    html = expand_html(convert(page.markdown), page)
    positions = [html.index(block) for block in BLOCKS]
    assert positions == sorted(positions)
    assert all(html.count(block) == 1 for block in BLOCKS)
    assert html.index("Definitions (1)") < html.index(BLOCKS[3])
    assert "citegloss:block" not in html


def test_late_blocks_wait_for_the_second_expansion() -> None:
    page = hoist_html(Page(src="concepts/term.md", markdown=MARKDOWN))
    first = expand_html(convert(page.markdown), page, keep_figures=True)
    late = [b for b in BLOCKS if b.startswith(LATE_BLOCKS)]
    assert len(late) == 3 and not any(block in first for block in late)
    assert len(re.findall(r"<!-- citegloss:block \d+ -->", first)) == 3
    assert expand_html(first, page) == expand_html(convert(page.markdown), page)
