"""Findings for GitHub Actions: annotations within GitHub's limits, and all of them in the job summary.

GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and 50 per
job, and silently drops the rest. So a step annotates the first 10 errors and the first 10
warnings, says in one notice how many more there are, and writes every finding to the job
summary (`$GITHUB_STEP_SUMMARY`, a Markdown file GitHub shows on the run's page). A step uses
at most 21 annotations, so two citegloss steps in one job stay within the job's 50.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citegloss.model import Finding
from citegloss.report import format_github, format_text

#: Annotations GitHub shows of each kind in one step.
PER_STEP = 10


def limited_annotations(findings: Sequence[Finding], *, summary_written: bool) -> str:
    """Workflow commands for the findings GitHub will show, and a notice counting the rest."""
    errors = [f for f in findings if f.is_error][:PER_STEP]
    warnings = [f for f in findings if not f.is_error][:PER_STEP]
    chosen = {id(f) for f in errors + warnings}
    shown = [f for f in findings if id(f) in chosen]
    lines = [format_github(shown)] if shown else []
    hidden = len(findings) - len(shown)
    if hidden:
        where = (
            f"all {len(findings)} are in the job summary"
            if summary_written
            else "run `citegloss check` to see them all"
        )
        message = (
            f"{hidden} more {'finding is' if hidden == 1 else 'findings are'} not shown as "
            f"annotations: GitHub shows {PER_STEP} errors and {PER_STEP} warnings per step; {where}."
        )
        lines.append(f"::notice title=citegloss findings not shown::{message}")  # one line, no %
    return "\n".join(lines)


#: What Markdown, GitHub's extensions (emoji :x:, math $x$, @mentions) or HTML would act on.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&:$@])")


def markdown_cell(text: str) -> str:
    """Text as one table cell: every Markdown and HTML character escaped, lines joined by <br>."""
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return "<br>".join(line.strip() for line in escaped.splitlines()) or " "


def step_summary(findings: Sequence[Finding], title: str) -> str:
    """The job summary's section: a count, then a table of every finding."""
    rows = [f"### {title}\n", format_text(findings).splitlines()[-1]]  # "Found 1 error and ..."
    if not findings:
        return "\n".join(rows) + "\n\n"
    rows += [
        "",
        "| File:line | Code | Message | Suggestion |",
        "| --- | --- | --- | --- |",
    ]
    for f in findings:
        where = f"{f.location.file}:{f.location.line}" if f.location.line else f.location.file
        message = f.message + (f"\nAs written: {f.as_written}" if f.as_written else "")
        rows.append(
            f"| {markdown_cell(where)} | {f.severity.value} {markdown_cell(f.code)} "
            f"| {markdown_cell(message)} | {markdown_cell(f.suggestion)} |"
        )
    return "\n".join(rows) + "\n\n"
