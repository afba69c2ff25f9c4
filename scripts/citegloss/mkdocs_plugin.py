"""The MkDocs glue: run the checker, add the generated pages, link terms, watch the data.

Everything else lives in `citegloss.render`, which knows nothing of MkDocs, so moving to
another generator means rewriting only this file. Generated pages are virtual
(`File.generated`): nothing is written into docs/.
"""

from __future__ import annotations

import importlib
import os
import posixpath
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from citegloss.aside import Aside
from citegloss.inputs import CannotRun
from citegloss.model import Finding
from citegloss.pipeline import check_inputs, load, render_inputs, start_downloads
from citegloss.render import Page as RenderedPage
from citegloss.render import PageMaker, Site, expand_html, fill_markers
from citegloss.render.concept import concept_src
from citegloss.render.identifiers import DEFAULT_BASE_URI
from citegloss.render.problems import problems_banner, unreadable_page
from citegloss.report import format_text, printable
from citegloss.verify.record import record_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("citegloss")  # "mkdocs.plugins.citegloss"
CSS = "assets/citegloss.css"
#: Material's offline plugin loads this shim from a CDN; the site serves its own copy.
SHIM = "assets/javascripts/iframe-worker-shim.js"
#: How to name other inputs, in the plugin's words.
HINTS = (
    "set glossary_dir under plugins: citegloss in mkdocs.yml",
    "set bib_file under plugins: citegloss in mkdocs.yml",
)


class CiteglossConfig(Config):  # type: ignore[no-untyped-call]
    #: The folder of concept files, relative to mkdocs.yml.
    glossary_dir = c.Type(str, default="glossary")
    #: The bibliography, relative to mkdocs.yml.
    bib_file = c.Type(str, default="references.bib")
    #: The bibliography's encoding; empty: UTF-8, else detected, with a bib-encoding warning.
    bib_encoding = c.Type(str, default="")
    #: Link glossary terms in every page's text to their concept, with a tooltip.
    link_terms = c.Type(bool, default=True)
    #: More generated sections: "module:function" names of `citegloss.render.PageMaker`s
    #: (functions of the cross-references and link style returning pages), e.g. audits.
    extra_pages = c.ListOfItems(c.Type(str), default=[])
    #: Where the site is published: the base of the concepts' identifiers in the data files.
    #: Empty: MkDocs' `site_url`, else citegloss's default.
    base_uri = c.Type(str, default="")


def log_findings(findings: list[Finding]) -> int:
    """Log each finding as `citegloss check` prints it; return how many are errors."""
    for finding in findings:
        lines = format_text([finding]).splitlines()[:-1]  # without the "Found ..." count
        (log.error if finding.is_error else log.warning)("\n".join(lines))
    return sum(f.is_error for f in findings)


class CiteglossPlugin(BasePlugin[CiteglossConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.generated: dict[str, RenderedPage] = {}
        #: `mkdocs serve`: show a failed check in the pages instead of stopping.
        self.serving = False
        #: The findings of a failed check while serving; every page shows them.
        self.problems: list[Finding] = []
        #: The data downloads, written straight into the site folder (MkDocs has cleaned it
        #: before on_files): made aside while MkDocs builds the pages (`start_downloads`), or,
        #: while serving (a threaded process must not fork), after the build.
        self.downloads: Aside[None] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # MkDocs keeps this instance across rebuilds

    def _base_uri(self, config: MkDocsConfig) -> str:
        """The identifiers' base: the option, else where MkDocs says the site is published."""
        base = self.config.base_uri or config.site_url or DEFAULT_BASE_URI
        return base if base.endswith("/") else base + "/"

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        # not resolved: a symbolic link is reported as one, not as the file it points to
        folder = Path(config.config_file_path or ".").parent.resolve()
        return Path(os.path.normpath(folder / value))

    @event_priority(-100)  # after the offline plugin has added its shim
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(p) else p for p in polyfills]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        glossary_dir = self._path(config, self.config.glossary_dir)
        bib_file = self._path(config, self.config.bib_file)
        try:
            inputs = load(
                glossary_dir,
                bib_file,
                HINTS,
                parallel=not self.serving,  # a served build has threads: it must not fork
                encoding=self.config.bib_encoding or None,
            )
        except CannotRun as exc:  # what `citegloss check` reports with exit 2
            raise PluginError(printable(f"citegloss: {exc}")) from exc
        findings = check_inputs(inputs)
        errors = log_findings(findings)
        self.problems = findings if errors else []
        if errors and not self.serving:
            raise PluginError(
                f"citegloss check: {format_text(findings).splitlines()[-1]} "
                "Fix the errors above (file:line:col) to build the site."
            )
        repo = Path(config.config_file_path or ".").parent.resolve()
        try:
            self.site = render_inputs(
                inputs,
                directory_urls=config.use_directory_urls,
                glossary_path=_relative(glossary_dir, repo),
                bib_path=_relative(bib_file, repo),
                link_terms=self.config.link_terms,
                extra_pages=[_import(name) for name in self.config.extra_pages],
                base_uri=self._base_uri(config),
                fork=not self.serving,
            )
        except Exception as exc:
            if not self.problems:
                raise
            # Serving a glossary with errors: whatever they break, the pages show the findings.
            log.error(f"citegloss: no generated pages until the errors are fixed ({exc!r})")
            self.site = None
        self._add_pages(files, config, repo)
        if self.site is not None:
            for dest, content in self.site.files.items():
                files.append(File.generated(config, dest, content=content))
            self.downloads = start_downloads(
                self.site, self._base_uri(config), Path(config.site_dir), fork=not self.serving
            )
        if self.problems:  # a concept whose file cannot be read keeps its address, with the banner
            for concept_id in sorted(inputs.glossary.unreadable):
                content = unreadable_page(concept_id)
                files.append(
                    File.generated(
                        config,
                        concept_src(concept_id),
                        content=content,
                        inclusion=InclusionLevel.NOT_IN_NAV,
                    )
                )
        assets = resources.files("citegloss.render")
        for dest, name in ((CSS, "citegloss.css"), (SHIM, "iframe-worker-shim.js")):
            files.append(
                File.generated(config, dest, content=assets.joinpath(name).read_text("utf-8"))
            )
        return files

    def _add_pages(self, files: Files, config: MkDocsConfig, repo: Path) -> None:
        docs_dir = Path(config.docs_dir).resolve()
        self.generated = {}
        for page in self.site.pages if self.site else ():
            if page.src in self.generated:  # a page maker's mistake: never drop one silently
                raise PluginError(f"citegloss: two generated pages would be docs/{page.src}")
            if existing := files.get_file_from_path(page.src):
                log.warning(f"docs/{page.src} is hidden by the page citegloss generates there")
                files.remove(existing)
            # Concept pages are reached from the index, links and search, not the nav.
            inclusion = InclusionLevel.NOT_IN_NAV if page.concept_id else InclusionLevel.UNDEFINED
            file = File.generated(config, page.src, content=page.markdown, inclusion=inclusion)
            if page.edit_path:
                file.edit_uri = os.path.relpath(repo / page.edit_path, docs_dir).replace(
                    os.sep, "/"
                )
            files.append(file)
            self.generated[page.src] = page

    @event_priority(100)  # before any plugin reads the metadata
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated:  # its title and search settings come as data, never as front matter
            page.meta = dict(generated.meta)
        if page.edit_url and "/../" in page.edit_url:
            page.edit_url = _resolve_dots(page.edit_url)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        html = self._page_content(html, page)
        return problems_banner(self.problems) + html if self.problems else html

    def _page_content(self, html: str, page: Page) -> str:
        if self.site is None:
            return html
        here = page.file.src_uri
        generated = self.generated.get(here)
        if generated:  # its terms were linked as it was rendered
            return expand_html(html, generated, keep_figures=True)  # see on_post_page
        html = fill_markers(html, here, self.site.fragments)
        if not self.config.link_terms:
            return html
        return self.site.terms.link_terms(html, here, self.site.links)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """The pictures, after the search plugin has indexed the page without them."""
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return output
        pictures = self.site.pictures(generated.concept_id) if self.site else {}
        return expand_html(output, generated, pictures=pictures)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        downloads, self.downloads = self.downloads, None
        if downloads is None:
            return
        try:
            downloads.result()
        except Exception as exc:
            raise PluginError(f"citegloss: writing the data files failed ({exc!r})") from exc

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self._path(config, self.config.glossary_dir)))
        server.watch(str(self._path(config, self.config.bib_file)))
        record = record_path(self._path(config, self.config.bib_file))
        if record.is_file():
            server.watch(str(record))
        return server


def _import(name: str) -> PageMaker:
    module, _, attribute = name.partition(":")
    try:
        maker: PageMaker = getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as exc:
        raise PluginError(f"citegloss: extra_pages: cannot import '{name}': {exc}") from exc
    return maker


def _resolve_dots(url: str) -> str:
    """`.../edit/main/docs/../glossary/x.yaml` -> `.../edit/main/glossary/x.yaml`."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
