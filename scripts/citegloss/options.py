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

from citegloss.model import Finding
from citegloss.report import format_github, format_json, format_text

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


class CannotRun(Exception):
    """The tool cannot do its job (missing folder, unreadable file): exit 2 with this message."""


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text for people (default), json for tools, github for pull requests",
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


def emit(findings: Sequence[Finding], args: argparse.Namespace, **extra: object) -> None:
    if args.format == "json":
        print(format_json(findings, **extra))
    elif args.format == "github":
        text = format_github(findings)
        if text:
            print(text)
    else:
        colour = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        print(format_text(findings, colour=colour))


def exit_status(findings: Sequence[Finding], strict: bool) -> int:
    failing = [f for f in findings if f.is_error or strict]
    return EXIT_FINDINGS if failing else EXIT_CLEAN
