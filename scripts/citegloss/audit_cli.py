"""`citegloss audit` and `citegloss audit extract FILE`: the command line of audits.

Exit status of `citegloss audit`: 0 when the audits ran, whatever the audited documents got
wrong (their findings describe them, not the glossary); 1 when an audit file itself is broken
(yaml-error, schema-error, or a `cite` that is not a key of references.bib) or references.bib
cannot be parsed, or, with --strict, when any audited document has a finding; 2 when the tool
cannot run.
`citegloss audit extract` never overwrites a file without --force.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from citegloss.audit_match import draft_audit
from citegloss.audit_verdicts import (
    VERDICTS,
    counts,
    document_reference_findings,
    is_about_audit_file,
    judge_audit,
)
from citegloss.audits import load_audits
from citegloss.bib import load_bibliography
from citegloss.cli import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    CannotRun,
    add_input_options,
    add_output_options,
    emit,
)
from citegloss.model import Bibliography
from citegloss.paths import display_path


def add_audit_command(commands: Any) -> None:
    """Add `audit` (and its `extract`) to the subcommands of `citegloss`."""
    audit = commands.add_parser(
        "audit",
        help="check the citations of audited documents (glossary/audits/*.yaml)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(audit)
    add_output_options(audit)
    for action in audit._actions:  # argparse has no public way to reword a shared option
        if action.dest == "strict":
            action.help = "exit 1 when any audited document has a finding"
    audit.add_argument(
        "--audits",
        type=Path,
        metavar="DIR",
        help="folder of audit files (default: GLOSSARY/audits)",
    )
    audit.set_defaults(run=run_audit)
    sub = audit.add_subparsers(dest="audit_command", metavar="[extract]")
    extract = sub.add_parser(
        "extract", help="find a document's citations and write a draft audit file"
    )
    extract.add_argument(
        "file", type=Path, metavar="FILE", help="the document, as plain text or Markdown"
    )
    extract.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="where to write the draft (default: GLOSSARY/audits/<file name>.yaml; '-' for stdout)",
    )
    extract.add_argument("--title", default="", help="the document's title, for the draft")
    extract.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_input_options(extract)
    extract.set_defaults(run=run_extract)


def _bibliography(path: Path, encoding: str | None) -> Bibliography:
    if not path.is_file():
        raise CannotRun(f"the bibliography '{path}' does not exist (use --bib FILE)")
    try:
        return load_bibliography(path, encoding)
    except UnicodeDecodeError as exc:
        raise CannotRun(
            f"'{path}' is not {exc.encoding} text ({exc.reason}): fix --encoding"
        ) from exc
    except LookupError as exc:
        raise CannotRun(f"unknown encoding '{encoding}' (use --encoding NAME)") from exc
    except OSError as exc:
        raise CannotRun(f"cannot read '{path}': {exc.strerror}") from exc


def run_audit(args: argparse.Namespace) -> int:
    folder: Path = args.audits or args.glossary / "audits"
    if not folder.is_dir():
        raise CannotRun(f"the audits folder '{folder}' does not exist (use --audits DIR)")
    bibliography = _bibliography(args.bib, args.encoding)
    try:
        audits, findings = load_audits(folder)
    except OSError as exc:
        raise CannotRun(f"cannot read '{exc.filename or folder}': {exc.strerror}") from exc
    findings += bibliography.findings
    summaries: list[dict[str, Any]] = []
    for audit in audits:
        verdicts = judge_audit(audit, bibliography)
        findings += document_reference_findings(audit, bibliography)
        findings += [f for v in verdicts for f in v.findings]
        summaries.append(
            {
                "id": audit.id,
                "file": audit.location.file,
                "title": audit.document.title or audit.document.cite,
                "citations": len(verdicts),
                "verdicts": counts(verdicts),
            }
        )
    findings.sort(key=lambda f: (f.location.file, f.location.line, f.location.column))
    emit(findings, args, audits=summaries)
    if args.format == "text":
        for s in summaries:
            tally = ", ".join(f"{n} {VERDICTS.get(c, c)}" for c, n in s["verdicts"].items() if n)
            print(f"{s['file']}: {s['citations']} citations: {tally or 'none'}")
    broken = [
        f for f in findings if is_about_audit_file(f) or f.code in ("bib-error", "duplicate-key")
    ]
    return EXIT_FINDINGS if broken or (args.strict and findings) else EXIT_CLEAN


def _slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "document"


def _read_document(path: Path) -> str:
    if path.is_dir():
        raise CannotRun(f"'{path}' is a folder: give the document's text file")
    if not path.is_file():
        raise CannotRun(f"the document '{path}' does not exist")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CannotRun(f"'{path}' is not UTF-8 text ({exc.reason}): save it as UTF-8") from exc
    except OSError as exc:
        raise CannotRun(f"cannot read '{path}': {exc.strerror}") from exc


def run_extract(args: argparse.Namespace) -> int:
    text = _read_document(args.file)
    output: Path = args.output or args.glossary / "audits" / f"{_slug(args.file.stem)}.yaml"
    to_stdout = str(output) == "-"
    if not to_stdout and output.exists() and not args.force:
        raise CannotRun(f"'{output}' exists; use --force to overwrite it, or -o OUT")
    bibliography = _bibliography(args.bib, args.encoding)
    draft = draft_audit(text, bibliography, source=display_path(args.file), title=args.title)
    header = (
        f"# Draft audit of {display_path(args.file)}, written by `citegloss audit extract`.\n"
        "# Check every citation against the document, and every `cite` against references.bib.\n"
    )
    body = yaml.safe_dump(draft, sort_keys=False, allow_unicode=True, width=100)
    if to_stdout:
        sys.stdout.write(header + body)
        return EXIT_CLEAN
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(header + body, encoding="utf-8")
    except OSError as exc:
        raise CannotRun(f"cannot write '{output}': {exc.strerror}") from exc
    citations: list[dict[str, Any]] = draft["citations"]  # type: ignore[assignment]
    matched = sum(1 for c in citations if c["cite"])
    print(
        f"Wrote {display_path(output)}: {len(citations)} citations, {matched} matched to "
        f"references.bib, {len(citations) - matched} to identify by hand.",
        file=sys.stderr,
    )
    return EXIT_CLEAN
