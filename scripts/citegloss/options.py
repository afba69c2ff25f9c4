"""What every command of `citegloss` shares: exit codes, input and output options, printing findings.

Command modules (`cli`, `audit_cli`, ...) import from here and from the core, never from each
other, so `cli` can register every command without an import circle.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from citegloss.inputs import CannotRun
from citegloss.model import Finding
from citegloss.report import format_json, format_text
from citegloss.report_github import limited_annotations, step_summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "json", "github", "html"],
        default="text",
        help="text for people (default), json for tools, github for pull requests "
        "(annotations, and every finding in the job summary), html for a browser",
    )
    parser.add_argument(
        "-o",
        "--output",
        dest="report",
        type=Path,
        metavar="FILE",
        help="write the report to FILE instead of standard output",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text output (default: only on a terminal)",
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        type=Path,
        default=Path("glossary"),
        metavar="DIR",
        help="folder of concept files (default: glossary)",
    )
    parser.add_argument(
        "--bib",
        type=Path,
        default=Path("references.bib"),
        metavar="FILE",
        help="the bibliography (default: references.bib)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the bibliography's encoding (default: UTF-8, else what it declares, else "
        "Windows-1252, with a bib-encoding warning)",
    )


def _write_step_summary(findings: Sequence[Finding], title: str) -> bool:
    """Append every finding to GitHub's job summary when the step has one; say if it did."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    try:
        with open(path, "a", encoding="utf-8") as summary_file:
            summary_file.write(step_summary(findings, title))
    except OSError as exc:
        print(f"citegloss: cannot write the job summary '{path}': {exc.strerror}", file=sys.stderr)
        return False
    return True


def render(findings: Sequence[Finding], args: argparse.Namespace, **extra: object) -> str:
    """The report in the chosen format (for github, also the job summary as a side effect)."""
    title = f"citegloss {getattr(args, 'command', None) or 'check'}"
    if args.format == "json":
        return format_json(findings, **extra)
    if args.format == "github":
        return limited_annotations(findings, summary_written=_write_step_summary(findings, title))
    if args.format == "html":
        from citegloss.report_html import format_html  # it imports the site's renderer

        return format_html(findings, title)
    colour = args.report is None and (
        args.color == "always"
        or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    )
    return format_text(findings, colour=colour)


def emit(findings: Sequence[Finding], args: argparse.Namespace, **extra: object) -> None:
    """Print the report, or write it to `--output FILE`."""
    report = render(findings, args, **extra)
    if args.report is None:
        if report:
            print(report)
        return
    try:
        args.report.write_text(report + "\n", encoding="utf-8")
    except OSError as exc:
        raise CannotRun(f"cannot write '{args.report}': {exc.strerror}") from exc


def exit_status(findings: Sequence[Finding], strict: bool) -> int:
    failing = [f for f in findings if f.is_error or strict]
    return EXIT_FINDINGS if failing else EXIT_CLEAN
