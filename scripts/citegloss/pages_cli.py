"""`citegloss export` and `citegloss pages`: the site's data and pages as plain files.

`export` writes one of the data files the site publishes (SKOS, CSL-JSON, JSON); `pages` writes
every generated page as Markdown with the files it needs (stylesheet, data, redirects), and
the hand-written pages with their markers filled, so a site generator that runs no citegloss
plugin builds the same site. Both go through the pipeline the MkDocs plugin uses.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from citegloss.export.files import exporters
from citegloss.options import EXIT_CLEAN, EXIT_FINDINGS, add_input_options
from citegloss.pipeline import (
    Inputs,
    check_inputs,
    load,
    render_inputs,
    write_downloads,
    write_files,
)
from citegloss.render import expand_html, fill_markers
from citegloss.render.audit import audit_pages
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import Links
from citegloss.render.identifiers import DEFAULT_BASE_URI, Identifiers
from citegloss.report import format_text

FORMATS = ("skos-ttl", "skos-jsonld", "csl-json", "json")
CSS = "assets/citegloss.css"


def add_page_commands(commands: Any) -> None:
    export = commands.add_parser("export", help="write the glossary as SKOS, CSL-JSON or JSON")
    add_input_options(export)
    export.add_argument("--format", choices=FORMATS, required=True, help="what to write")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.add_argument("--base-uri", default=DEFAULT_BASE_URI, help="base of the identifiers")
    export.set_defaults(run=run_export)
    pages = commands.add_parser(
        "pages", help="write every generated page as Markdown, for any site generator"
    )
    add_input_options(pages)
    pages.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write")
    pages.add_argument(
        "--docs", type=Path, metavar="DIR", help="hand-written pages to copy with markers filled"
    )
    pages.add_argument("--directory-urls", action="store_true", help="links as a/b/, not a/b.html")
    pages.add_argument("--base-uri", default=DEFAULT_BASE_URI, help="base of the identifiers")
    pages.set_defaults(run=run_pages)


def _checked(args: argparse.Namespace) -> Inputs:
    """The loaded inputs; errors are printed and stop the command, like a failed build."""
    inputs = load(
        args.glossary, args.bib, encoding=args.encoding
    )  # CannotRun: exit 2, as for `citegloss check`
    findings = check_inputs(inputs)
    if any(f.is_error for f in findings):
        print(format_text(findings), file=sys.stderr)
        raise SystemExit(EXIT_FINDINGS)
    return inputs


def run_export(args: argparse.Namespace) -> int:
    inputs = _checked(args)
    xref = CrossReferences.build(inputs.glossary, inputs.bibliography)
    content = exporters(xref, Identifiers(args.base_uri, Links()))[args.format]()
    if args.output:
        args.output.write_text(content, encoding="utf-8")
    else:
        sys.stdout.write(content)
    return EXIT_CLEAN


def run_pages(args: argparse.Namespace) -> int:
    inputs = _checked(args)
    site = render_inputs(
        inputs,
        directory_urls=args.directory_urls,
        extra_pages=[audit_pages],
        base_uri=args.base_uri,
        fork=True,
    )
    out: Path = args.out
    written = 0
    for page in site.pages:
        pictures = site.pictures(page.concept_id)
        _write(
            out / page.src, _title(page.meta) + expand_html(page.markdown, page, pictures=pictures)
        )
        written += 1
    write_files(out, dict(site.files))
    write_downloads(site, args.base_uri, out)
    _write(
        out / CSS, resources.files("citegloss.render").joinpath("citegloss.css").read_text("utf-8")
    )
    if args.docs:
        generated = {page.src for page in site.pages}
        for source in sorted(args.docs.rglob("*")):
            relative = source.relative_to(args.docs).as_posix()
            if source.is_dir() or relative in generated:
                continue
            if source.suffix == ".md":
                markdown = source.read_text(encoding="utf-8")
                _write(out / relative, fill_markers(markdown, relative, site.fragments))
            else:
                (out / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, out / relative)
            written += 1
    print(f"citegloss pages: wrote {written} pages and {len(site.files) + 1} files to {out}")
    return EXIT_CLEAN


def _title(meta: Mapping[str, Any]) -> str:
    """Front matter with the page's title, for engines that take titles only from there.

    Only letters, digits, spaces and the punctuation of escaped text are kept, JSON-quoted: a
    title no YAML loader can misread (the plugin hands MkDocs its metadata as data instead).
    """
    title = re.sub(r"[^\w\s.,;:()'&#/-]", "", str(meta.get("title", ""))).strip()
    return f"---\ntitle: {json.dumps(title)}\n---\n\n" if title else ""


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
