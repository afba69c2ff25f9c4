"""The command line: `citegloss check`. Exit 0 clean, 1 errors (or warnings with --strict), 2 cannot run."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from citegloss import __version__
from citegloss.audits import audits_citing
from citegloss.bib import load_bibliography
from citegloss.check import check
from citegloss.glossary import load_glossary
from citegloss.model import Bibliography, Finding, Glossary
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citegloss", description=__doc__)
    parser.add_argument("--version", action="version", version=f"citegloss {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check_parser = commands.add_parser(
        "check", help="check the glossary's citations against references.bib"
    )
    add_input_options(check_parser)
    add_output_options(check_parser)
    check_parser.set_defaults(run=run_check)
    from citegloss.audit_cli import add_audit_command  # imports this module: import it late

    add_audit_command(commands)
    from citegloss.pages_cli import add_page_commands  # imports this module: import it late

    add_page_commands(commands)
    return parser


#: A bibliography this large is parsed in a second process while the glossary loads: pybtex and
#: PyYAML each hold one core, and below this size starting a process costs more than it saves.
PARALLEL_FROM_BYTES = 256 * 1024


def load_inputs(glossary_dir: Path, bib_file: Path) -> tuple[Glossary, Bibliography]:
    """Load both inputs, turning what makes the tool unable to run into CannotRun."""
    if not glossary_dir.is_dir():
        raise CannotRun(f"the glossary folder '{glossary_dir}' does not exist (use --glossary DIR)")
    if not bib_file.is_file():
        raise CannotRun(f"the bibliography '{bib_file}' does not exist (use --bib FILE)")
    try:
        if bib_file.stat().st_size < PARALLEL_FROM_BYTES:
            return load_glossary(glossary_dir), load_bibliography(bib_file)
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
            bibliography = pool.submit(load_bibliography, bib_file)
            return load_glossary(glossary_dir), bibliography.result()
    except UnicodeDecodeError as exc:
        raise CannotRun(f"'{bib_file}' is not UTF-8 text ({exc.reason}): save it as UTF-8") from exc
    except OSError as exc:
        raise CannotRun(f"cannot read '{exc.filename or glossary_dir}': {exc.strerror}") from exc


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


def run_check(args: argparse.Namespace) -> int:
    from citegloss.pipeline import former_id_findings  # the pipeline renders: load it late

    glossary, bibliography = load_inputs(args.glossary, args.bib)
    findings = check(glossary, bibliography, frozenset(audits_citing(args.glossary / "audits")))
    findings += former_id_findings(glossary)
    emit(findings, args)
    return exit_status(findings, args.strict)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_CANNOT_RUN
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_CANNOT_RUN
    try:
        status: int = args.run(args)
        return status
    except CannotRun as exc:
        print(f"citegloss: error: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except BrokenPipeError:  # `citegloss check | head`: the reader left; nothing is wrong
        sys.stderr.close()
        return EXIT_FINDINGS
    except Exception as exc:  # a bug of ours: say so plainly rather than with a traceback
        print(
            f"citegloss: internal error: {exc!r}. Please report it with the input that caused it.",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
