"""One pipeline for every front end: load everything once, check it, render it.

The MkDocs plugin and `citegloss pages` both call `load` and `render_inputs`, so the glossary,
the bibliography and the audit files are each read once per build, and both front ends publish
the same pages, data files and redirects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from citegloss.aside import Aside
from citegloss.audits import Audit, citing_audits, load_audits
from citegloss.check import check
from citegloss.inputs import CannotRun, cannot_read, load_inputs
from citegloss.model import Bibliography, Finding, Glossary
from citegloss.render import Links, PageMaker, Site, render_site
from citegloss.render.audit import audit_src
from citegloss.render.identifiers import DEFAULT_BASE_URI, Identifiers
from citegloss.render.verification import Records
from citegloss.verify.record import RecordError, load_records, record_path


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a stage builds objects that all live on.

    Loading a 60,000-entry .bib makes millions of objects that survive; the collector, run
    every 700 new ones, walked them again and again: 1.5 s of a 4.5 s parse. Loading and
    checking make no garbage cycles to speak of (the peak memory is the same with the collector
    off, and PyYAML's loaders are disposed of), so the collector waits until the stage ends.
    It is restored as it was, so the MkDocs process that runs the plugin keeps its own setting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a build reads, loaded once."""

    glossary: Glossary
    bibliography: Bibliography
    audits: tuple[Audit, ...] = ()
    #: The audit files' own problems (yaml-error, schema-error), for the audit pages to report.
    audit_findings: tuple[Finding, ...] = ()
    #: The verification record (references.verified.yaml); None when the project keeps none.
    records: Records | None = None

    @property
    def citing(self) -> dict[str, list[Audit]]:
        """Bib key -> the audits citing it."""
        return citing_audits(self.audits)


def load(
    glossary_dir: Path,
    bib_file: Path,
    hints: tuple[str, str] = ("use --glossary DIR", "use --bib FILE"),
    *,
    parallel: bool = True,
    encoding: str | None = None,
) -> Inputs:
    """Read the glossary, references.bib, its verification record and glossary_dir/audits/.

    Raises CannotRun for what makes a build impossible (a missing folder, an unreadable file,
    a broken verification record), as `citegloss check` reports it.
    """
    with collector_paused():
        glossary, bibliography = load_inputs(
            glossary_dir, bib_file, hints, parallel=parallel, encoding=encoding
        )
        try:
            records = load_records(record_path(bib_file))
        except RecordError as exc:
            raise CannotRun(str(exc)) from exc
        folder = glossary_dir / "audits"
        audits: list[Audit] = []
        audit_findings: list[Finding] = []
        if folder.is_dir():
            try:
                audits, audit_findings = load_audits(folder)
            except OSError as exc:
                raise cannot_read(exc, folder) from exc
    return Inputs(glossary, bibliography, tuple(audits), tuple(audit_findings), records)


def check_inputs(inputs: Inputs) -> list[Finding]:
    """The checker's findings on the loaded inputs, as `citegloss check` prints them."""
    with collector_paused():
        return check(inputs.glossary, inputs.bibliography, frozenset(inputs.citing), inputs.records)


def render_inputs(
    inputs: Inputs,
    *,
    directory_urls: bool,
    glossary_path: str = "glossary",
    bib_path: str = "references.bib",
    link_terms: bool = True,
    extra_pages: Sequence[PageMaker] = (),
    base_uri: str = DEFAULT_BASE_URI,
    fork: bool = False,
) -> Site:
    """Every generated page and published file, from the loaded inputs; `fork` makes the
    concept pages and their pictures on a second core (a host with threads of its own passes
    False)."""
    with collector_paused():  # the pages, fragments and tooltips all live until the build ends
        return render_site(
            inputs.glossary,
            inputs.bibliography,
            links=Links(directory_urls=directory_urls),
            glossary_path=glossary_path,
            bib_path=bib_path,
            link_terms=link_terms,
            extra_pages=extra_pages,
            cited_elsewhere={
                key: [(f"Audit: {a.document.title or a.id}", audit_src(a.id)) for a in audits]
                for key, audits in inputs.citing.items()
            },
            audits=inputs.audits,
            audit_findings=inputs.audit_findings,
            base_uri=base_uri,
            verification=inputs.records,
            fork=fork,
        )


def write_files(folder: Path, files: dict[str, str]) -> None:
    for path, content in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(content, encoding="utf-8")


def write_downloads(site: Site, base_uri: str, folder: Path) -> None:
    """Every data download of a rendered site (JSON, CSL-JSON, SKOS), written into `folder`."""
    # Imported here: rdflib takes half a second to import, and the site builds without it
    # while the forked process that runs this makes the files.
    from citegloss.export.files import data_files, rdf_files

    write_files(folder, data_files(site.xref))
    write_files(folder, rdf_files(site.xref, Identifiers(base_uri, site.links)))


def start_downloads(site: Site, base_uri: str, folder: Path, *, fork: bool) -> Aside[None]:
    """`write_downloads`, with `fork` in a forked process: the data files (seconds of work for
    a large glossary, a file per concept) are made on the second core while the site generator
    builds the pages, which link them but do not read them. Without, they are made when the
    result is asked for."""
    return Aside(lambda: write_downloads(site, base_uri, folder), fork=fork)
