"""`citegloss verify`: look references.bib up in the scholarly record; keep the evidence.

Exit 0 nothing wrong, 1 an entry `differs`, `doi-mismatch` or is `retracted` (with --strict also
`not-found`), 2 it cannot run (no such file, a broken record file, a provider that cannot be
reached). Registered from citegloss.cli; imports nothing from it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citegloss.bib import load_bibliography
from citegloss.model import Bibliography, Reference
from citegloss.verify.model import Provider, Verdict, Verification
from citegloss.verify.record import (
    EntryRecord,
    RecordError,
    by_hand,
    fingerprint,
    from_verification,
    load_records,
    record_path,
    save_records,
)
from citegloss.verify.report import format_annotations, format_json, format_markdown, format_text

if TYPE_CHECKING:
    from citegloss.verify.http import Client

DEFAULT_URLS = {"crossref": "https://api.crossref.org", "openlibrary": "https://openlibrary.org"}
ENVIRONMENT = {"crossref": "CITEGLOSS_CROSSREF_URL", "openlibrary": "CITEGLOSS_OPENLIBRARY_URL"}


class VerifyCannotRun(Exception):
    """Exit 2 with this message."""


def add_verify_command(commands: Any) -> None:
    parser = commands.add_parser(
        "verify",
        help="look each entry of references.bib up in Crossref and Open Library",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--bib", type=Path, default=Path("references.bib"), metavar="FILE")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text")
    parser.add_argument("--strict", action="store_true", help="fail on not-found entries too")
    parser.add_argument("--update", action="store_true", help="write the verification record")
    parser.add_argument(
        "--key", action="append", default=[], metavar="KEY", help="only these entries"
    )
    parser.add_argument(
        "--by-hand",
        nargs="+",
        default=[],
        metavar="KEY",
        help='record that a person confirmed these entries (needs --source "where you saw it")',
    )
    parser.add_argument("--source", default="", help="the evidence for --by-hand")
    parser.add_argument(
        "--by-hand-from",
        type=Path,
        metavar="FILE",
        help="by-hand records from a file of `KEY<TAB>source` lines",
    )
    parser.add_argument("--summary", type=Path, metavar="FILE", help="append a Markdown summary")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("CITEGLOSS_CACHE_DIR", ".cache/citegloss")),
        help="where provider responses are cached (default: .cache/citegloss)",
    )
    parser.add_argument("--no-cache", action="store_true", help="ask the providers again")
    parser.add_argument("--rate", type=float, default=5.0, help="requests per second (default 5)")
    parser.add_argument("--concurrency", type=int, default=3, help="requests at once (default 3)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--retries", type=int, default=3, help="retries per request (default 3)")
    parser.set_defaults(run=run_verify)


def _today() -> str:
    return datetime.date.today().isoformat()


def _load(bib: Path) -> tuple[Bibliography, dict[str, EntryRecord] | None]:
    if not bib.is_file():
        raise VerifyCannotRun(f"the bibliography '{bib}' does not exist (use --bib FILE)")
    try:
        return load_bibliography(bib), load_records(record_path(bib))
    except (OSError, UnicodeDecodeError) as exc:
        raise VerifyCannotRun(f"cannot read '{bib}': {exc}") from exc
    except RecordError as exc:
        raise VerifyCannotRun(str(exc)) from exc


def _by_hand_pairs(args: argparse.Namespace) -> list[tuple[str, str]]:
    pairs = [(key, args.source.strip()) for key in args.by_hand]
    if args.by_hand and not args.source.strip():
        raise VerifyCannotRun('--by-hand needs --source "where you saw the work"')
    if args.by_hand_from:
        try:
            lines = args.by_hand_from.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise VerifyCannotRun(f"cannot read '{args.by_hand_from}': {exc}") from exc
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            key, _, source = line.partition("\t")
            if not source.strip():
                raise VerifyCannotRun(
                    f"{args.by_hand_from}:{number}: write KEY, a tab, then the source"
                )
            pairs.append((key.strip(), source.strip()))
    return pairs


def record_by_hand(args: argparse.Namespace) -> int:
    bibliography, records = _load(args.bib)
    pairs = _by_hand_pairs(args)
    unknown = [key for key, _ in pairs if key not in bibliography.references]
    if unknown:
        raise VerifyCannotRun(f"not keys in {args.bib}: {', '.join(unknown)}")
    updated = dict(records or {})
    for key, source in pairs:
        updated[key] = by_hand(bibliography.references[key], source, _today())
    save_records(record_path(args.bib), updated)
    print(f"Recorded {len(pairs)} by-hand confirmation(s) in {record_path(args.bib)}.")
    return 0


def merged(
    records: dict[str, EntryRecord],
    results: Sequence[Verification],
    references: dict[str, Reference],
) -> dict[str, EntryRecord]:
    """New records from the results; a current by-hand record outlives not-found, and nothing is
    written for an entry whose provider could not be asked."""
    updated = dict(records)
    for result in results:
        old = records.get(result.key)
        reference = references[result.key]
        keep_hand = (
            old is not None
            and old.provider is Provider.BY_HAND
            and old.fingerprint == fingerprint(reference)
            and result.verdict is Verdict.NOT_FOUND
        )
        if result.verdict is not Verdict.UNREACHABLE and not keep_hand:
            updated[result.key] = from_verification(reference, result, _today())
    return {key: record for key, record in updated.items() if key in references}


def _client(args: argparse.Namespace) -> Client:
    # Imported here: requests and its cache take a seventh of a second to import, and every
    # other command (`citegloss check` first) starts without them.
    from citegloss.verify.http import Client, Politeness

    politeness = Politeness(
        mailto=os.environ.get("CITEGLOSS_MAILTO", ""),
        rate=min(args.rate, 10.0),
        concurrency=max(1, min(args.concurrency, 3)),
        timeout=args.timeout,
        retries=max(0, args.retries),
        cache_dir=None if args.no_cache else args.cache_dir,
    )
    urls = {name: os.environ.get(ENVIRONMENT[name]) or url for name, url in DEFAULT_URLS.items()}
    return Client(politeness, urls)


def exit_status(results: Sequence[Verification], strict: bool) -> int:
    if any(r.verdict is Verdict.UNREACHABLE for r in results):
        return 2
    failing = [
        r for r in results if r.verdict.is_suspect or (strict and r.verdict is Verdict.NOT_FOUND)
    ]
    return 1 if failing else 0


def verify(args: argparse.Namespace) -> int:
    bibliography, records = _load(args.bib)
    references = bibliography.references
    unknown = [key for key in args.key if key not in references]
    if unknown:
        raise VerifyCannotRun(f"not keys in {args.bib}: {', '.join(unknown)}")
    chosen = [references[k] for k in args.key] if args.key else list(references.values())
    from citegloss.verify.lookup import verify_all  # with the client: see _client

    client = _client(args)
    try:
        results = verify_all(chosen, client)
    finally:
        client.close()
    if args.format == "json":
        print(format_json(results))
    elif args.format == "github":
        annotations = format_annotations(results, references)
        if annotations:
            print(annotations)
    else:
        print(format_text(results, references))
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(format_markdown(results))
    if args.update:
        save_records(record_path(args.bib), merged(records or {}, results, references))
    if client.down:
        reasons = "; ".join(f"{name}: {why}" for name, why in client.down.items())
        print(f"citegloss: error: could not verify every entry ({reasons})", file=sys.stderr)
    return exit_status(results, args.strict)


def run_verify(args: argparse.Namespace) -> int:
    try:
        return record_by_hand(args) if args.by_hand or args.by_hand_from else verify(args)
    except VerifyCannotRun as exc:
        print(f"citegloss: error: {exc}", file=sys.stderr)
        return 2
