"""The command line: `citegloss check`, and the commands other modules add (audit, new, init,
verify, export, pages).

Exit 0 clean, 1 errors (or warnings with --strict), 2 cannot run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from citegloss import __version__
from citegloss.audit_cli import add_audit_command
from citegloss.inputs import CannotRun
from citegloss.new_concept import add_new_command
from citegloss.options import (
    EXIT_CANNOT_RUN,
    EXIT_FINDINGS,
    add_input_options,
    add_output_options,
    emit,
    exit_status,
)
from citegloss.pages_cli import add_page_commands
from citegloss.pipeline import check_inputs, collector_paused, load
from citegloss.report import printable
from citegloss.scaffold import add_init_command
from citegloss.verify.cli import add_verify_command


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
    add_audit_command(commands)
    add_new_command(commands)
    add_init_command(commands)
    add_verify_command(commands)
    add_page_commands(commands)
    return parser


def run_check(args: argparse.Namespace) -> int:
    # The findings of a large bibliography are formatted beside everything loaded: see
    # collector_paused (0.3 s of a 60,000-entry check). Not for every command: `verify` runs
    # for minutes and its HTTP client makes garbage cycles.
    with collector_paused():
        findings = check_inputs(load(args.glossary, args.bib, encoding=args.encoding))
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
        print(f"citegloss: error: {printable(str(exc))}", file=sys.stderr)
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
