"""Findings as one HTML file a person opens in a browser (`--format html -o report.html`).

Self-contained: its style is inline and its Content-Security-Policy forbids loading anything,
so it shows the same from a CI artifact, an e-mail or `file://`. Every text from the findings
is escaped: a message quotes what a contributor wrote, and that is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from citegloss.model import Finding
from citegloss.render.html import text
from citegloss.report import summary

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;font-family:ui-monospace,monospace}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
th{background:#f4f4f6}td.where{white-space:nowrap;font-family:ui-monospace,monospace}
.error{color:#b00020;font-weight:600}.warning{color:#8a5a00;font-weight:600}
code{font-family:ui-monospace,monospace}.suggestion{color:#44474f}.ok{color:#1b6e20;font-weight:600}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _row(f: Finding) -> str:
    where = f"{f.location.line}:{f.location.column}" if f.location.line else ""
    written = f"<br>As written: <q>{text(f.as_written)}</q>" if f.as_written else ""
    return (
        f'<tr><td class="where">{where}</td>'
        f'<td><span class="{f.severity.value}">{f.severity.value}</span> <code>{text(f.code)}</code></td>'
        f"<td>{text(f.message)}{written}</td>"
        f'<td class="suggestion">{text(f.suggestion)}</td></tr>'
    )


def format_html(findings: Sequence[Finding], title: str) -> str:
    """A whole page: the counts, then a table per file of its findings in line order."""
    counts = summary(findings)
    if findings:
        verdict = f"{counts['errors']} errors and {counts['warnings']} warnings."
    else:
        verdict = '<span class="ok">No problems found.</span>'
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.location.file, []).append(f)
    sections = []
    for file, group in by_file.items():
        rows = "".join(_row(f) for f in group)
        sections.append(
            f"<h2>{text(file)}</h2><table><thead><tr><th>Line</th><th>Code</th>"
            f"<th>Message</th><th>Suggestion</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{_STYLE}</style></head>\n"
        f"<body><h1>{text(title)}</h1><p>{verdict}</p>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )
