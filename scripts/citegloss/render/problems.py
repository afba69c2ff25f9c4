"""The findings of a failed check, shown in the page itself while `mkdocs serve` previews.

A contributor who saves a broken file sees what is wrong where they are looking, the browser,
and the banner goes with the next good save. A build (`mkdocs build`) never shows these: it
stops on errors instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from citegloss.model import Finding
from citegloss.render.html import text
from citegloss.report import format_text

#: The banner's class, so a test (or a style) can find it.
BANNER_CLASS = "citegloss-problems"


def problems_banner(findings: Sequence[Finding]) -> str:
    """An admonition listing each finding as `citegloss check` prints it, escaped."""
    items = []
    for f in findings:
        where = f"{f.location.file}:{f.location.line}:{f.location.column}"
        hint = f"<br><em>{text(f.suggestion)}</em>" if f.suggestion else ""
        items.append(
            f"<li><code>{text(where)}</code> {f.severity.value} <code>{text(f.code)}</code> "
            f"{text(f.message)}{hint}</li>"
        )
    count = text(format_text(findings).splitlines()[-1])
    return (
        f'<div class="admonition failure {BANNER_CLASS}" role="alert">'
        f'<p class="admonition-title">The citation check failed. {count} '
        "This preview is out of date until they are fixed; save a fix and it reloads.</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


def unreadable_page(concept_id: str) -> str:
    """The Markdown of a concept page whose file cannot be read, so its address still answers."""
    return (
        f"---\ntitle: {concept_id}\nsearch:\n  exclude: true\n---\n\n# {concept_id}\n\n"
        f"The file of this concept cannot be read: see the findings above.\n"
    )
