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

from citegloss import limits
from citegloss.audit_match import draft_audit, draft_limits, draft_parts
from citegloss.audit_verdicts import (
    VERDICTS,
    counts,
    document_reference_findings,
    is_about_audit_file,
    judge_audit,
)
from citegloss.audits import load_audits
from citegloss.inputs import CannotRun, cannot_read, read_bibliography, require_file, require_folder
from citegloss.options import EXIT_CLEAN, EXIT_FINDINGS, add_input_options, add_output_options, emit
from citegloss.paths import UnsafeWrite, display_path, refuse_symlinks, write_text_atomically
from citegloss.report import printable

#: libyaml's emitter when PyYAML has it: the pure-Python one takes seconds on a long draft.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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


def run_audit(args: argparse.Namespace) -> int:
    folder: Path = args.audits or args.glossary / "audits"
    require_folder(folder, "audits folder", "use --audits DIR")
    bibliography = read_bibliography(args.bib)
    try:
        audits, findings = load_audits(folder)
    except OSError as exc:
        raise cannot_read(exc, folder) from exc
    except limits.BadLimit as exc:
        raise CannotRun(str(exc)) from exc
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
            print(printable(f"{s['file']}: {s['citations']} citations: {tally or 'none'}"))
    broken = [
        f for f in findings if is_about_audit_file(f) or f.code in ("bib-error", "duplicate-key")
    ]
    return EXIT_FINDINGS if broken or (args.strict and findings) else EXIT_CLEAN


def _slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "document"


def _read_document(path: Path) -> str:
    require_file(path, "document", "")
    try:
        data = limits.read_limited(path, str(path), limits.SOURCE)
    except (limits.FileTooLarge, limits.BadLimit) as exc:
        raise CannotRun(str(exc)) from exc
    except OSError as exc:
        raise cannot_read(exc, path) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CannotRun(f"'{path}' is not UTF-8 text ({exc.reason}): save it as UTF-8") from exc


def run_extract(args: argparse.Namespace) -> int:
    text = _read_document(args.file)
    output: Path = args.output or args.glossary / "audits" / f"{_slug(args.file.stem)}.yaml"
    to_stdout = str(output) == "-"
    exists = f"'{output}' exists; use --force to overwrite it, or -o OUT"
    if not to_stdout:
        try:
            refuse_symlinks(output)  # before the work of extracting, and again as it writes
        except UnsafeWrite as exc:
            raise CannotRun(str(exc)) from exc
        if output.exists() and not args.force:
            raise CannotRun(exists)
    bibliography = read_bibliography(args.bib)
    draft = draft_audit(text, bibliography, source=display_path(args.file), title=args.title)
    parts = draft_parts(draft)
    # more citations than one audit file holds: OUT, OUT-2, OUT-3, ... (each says which part)
    outputs = [output] + [
        output.with_name(f"{output.stem}-{n}{output.suffix}") for n in range(2, len(parts) + 1)
    ]
    if not to_stdout and not args.force and (taken := [o for o in outputs[1:] if o.exists()]):
        raise CannotRun(f"'{taken[0]}' exists; use --force to overwrite it, or -o OUT")
    header = (
        f"# Draft audit of {display_path(args.file)}, written by `citegloss audit extract`.\n"
        "# Check every citation against the document, and every `cite` against references.bib.\n"
    )
    for out, part in zip(outputs, parts, strict=True):
        body = yaml.dump(part, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
        if to_stdout:
            sys.stdout.write(("---\n" if out is not output else "") + header + body)
            continue
        try:
            write_text_atomically(out, header + body, overwrite=args.force)
        except UnsafeWrite as exc:
            raise CannotRun(str(exc)) from exc
        except FileExistsError as exc:  # it appeared while the draft was made
            raise CannotRun(f"'{out}' exists; use --force to overwrite it, or -o OUT") from exc
        except OSError as exc:
            raise CannotRun(f"cannot write '{out}': {exc.strerror}") from exc
        citations: list[dict[str, Any]] = part["citations"]  # type: ignore[assignment]
        matched = sum(1 for c in citations if c["cite"])
        print(
            printable(
                f"Wrote {display_path(out)}: {len(citations)} citations, {matched} matched to "
                f"references.bib, {len(citations) - matched} to identify by hand."
            ),
            file=sys.stderr,
        )
    if len(parts) > 1:
        print(
            f"An audit file holds at most {draft_limits()[0]} citations: the draft is split into "
            f"{len(parts)} files, each saying in its note which part it is.",
            file=sys.stderr,
        )
    return EXIT_CLEAN
