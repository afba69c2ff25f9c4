"""The plugin's configuration and hooks, and the pure rendering helpers, without a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

from citegloss.bib import parse_bibliography
from citegloss.mkdocs_plugin import CiteglossPlugin
from citegloss.model import Bibliography, Claim, Concept, Definition, Facets, Glossary, Location
from citegloss.render import Links, Page, render_site
from citegloss.render.bibstyle import format_reference
from citegloss.render.concept import how_they_differ, short_definition
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import doi_url, safe_url, text
from citegloss.render.terms import TermIndex, singular, tooltip_text

HERE = Location("glossary/x.yaml")


def definition(nature: str = "", *levels: str, year: int = 2000) -> Definition:
    return Definition(
        claim=Claim("Someone", year, "key", HERE),
        paraphrase="words",
        facets=Facets(levels=tuple(levels), nature=nature),
    )


def concept(cid: str, term: str, *aliases: str, summary: str = "") -> Concept:
    return Concept(cid, term, (definition(),), HERE, aliases=aliases, summary=summary)


def test_the_plugin_config_validates_with_its_options(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({
        "site_name": "t", "docs_dir": str(tmp_path / "docs"),
        "plugins": [{"citegloss": {"glossary_dir": "g", "bib_file": "b.bib"}}],
    })  # fmt: skip
    assert config.validate() == ([], [])
    plugin = config.plugins["citegloss"]
    assert isinstance(plugin, CiteglossPlugin)
    assert (plugin.config.glossary_dir, plugin.config.bib_file) == ("g", "b.bib")


def test_serve_watches_the_glossary_and_the_bibliography(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "t", "docs_dir": str(tmp_path / "docs"), "plugins": ["citegloss"]}
    )
    assert config.validate() == ([], [])
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["citegloss"].on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert watched == [str(tmp_path / "glossary"), str(tmp_path / "references.bib")]


def test_how_definitions_differ_in_one_sentence() -> None:
    definitions = [
        definition("process", "individual"),
        definition("process", "organization"),
        definition("process", "team"),
        definition("form-of-organization", "interorganizational"),
        definition("form-of-organization", "organization"),
    ]
    assert how_they_differ(definitions) == (
        "3 treat it as a process, 2 as a form of organization; "
        "levels: individual to interorganizational"
    )
    assert how_they_differ([definition("outcome", "team")]) == (
        "1 treats it as an outcome; level: team"
    )
    assert how_they_differ([definition()]) == ""


def test_a_short_definition_is_the_summary_s_first_sentence() -> None:
    c = concept("a", "A", summary="First sentence here. Second one.")
    assert short_definition(c) == "First sentence here."


@pytest.mark.parametrize(
    ("directory_urls", "src", "dest", "expected"),
    [
        (False, "index.md", "concepts/x.md", "concepts/x.html"),
        (False, "concepts/x.md", "bibliography.md", "../bibliography.html"),
        (False, "concepts/x.md", "concepts/y.md", "y.html"),
        (True, "concepts/x.md", "bibliography.md", "../../bibliography/"),
        (True, "concepts/x.md", "index.md", "../../"),
    ],
)
def test_links_are_relative(directory_urls: bool, src: str, dest: str, expected: str) -> None:
    assert Links(directory_urls).href(src, dest) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("routines", "routine"), ("processes", "process"), ("process", "process"),
     ("capabilities", "capability"), ("analysis", "analysis"), ("OLs", "OL"), ("its", "its")],
)  # fmt: skip
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_terms_match_plurals_and_case_and_acronyms_only_in_capitals() -> None:
    index = TermIndex([concept("ol", "Organizational learning", "OL"), concept("it", "IT")])
    found = [(t[2].concept_id, "x") for t in index.find("Organizational Learnings and OLs")]
    assert found == [("ol", "x"), ("ol", "x")]
    assert index.find("it is what it is") == []
    assert [t[2].concept_id for t in index.find("the IT department")] == ["it"]
    assert index.find("organizational&amp; learning") == []


def test_term_links_skip_headings_links_and_code_and_link_once() -> None:
    index = TermIndex([concept("ol", "Organizational learning", "OL")])
    html = (
        "<h2>OL</h2><p><a href='x'>OL</a> <code>OL</code> OL and OL</p>"
        "<pre><code>OL</code></pre><!-- OL -->"
    )
    linked = index.link_terms(html, "index.md", Links())
    assert linked.count('class="cg-term"') == 1
    assert (
        '<p><a href=\'x\'>OL</a> <code>OL</code> <a class="cg-term" href="concepts/ol.html"'
        in linked
    )
    assert index.link_terms(html, "concepts/ol.md", Links(), own_id="ol") == html


def test_escaping_helpers() -> None:
    assert text('<a href="x">\n\n y') == "&lt;a href=&quot;x&quot;&gt; y"
    assert tooltip_text("<img src=x onerror=alert(1)>") == "‹img src=x onerror=alert(1)›"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert doi_url("doi:10.1/x y") == "https://doi.org/10.1/x%20y"
    assert doi_url("https://doi.org/10.1/x") == "https://doi.org/10.1/x"


def extra_section(xref: CrossReferences, links: Links) -> list[Page]:
    return [Page(src="audits/index.md", markdown=f"# Audits\n\n{len(xref.concepts)} concepts\n")]


def test_more_sections_plug_in_as_page_makers() -> None:
    glossary = Glossary("glossary", {"a": concept("a", "A")})
    site = render_site(
        glossary, Bibliography("b.bib", {}), links=Links(), extra_pages=[extra_section]
    )
    page = next(p for p in site.pages if p.src == "audits/index.md")
    assert page.markdown == "# Audits\n\n1 concepts\n"


def test_extra_pages_are_named_as_module_and_function(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({
        "site_name": "t", "docs_dir": str(tmp_path / "docs"),
        "plugins": [{"citegloss": {"extra_pages": ["citegloss.render:render_site"]}}],
    })  # fmt: skip
    assert config.validate() == ([], [])
    assert config.plugins["citegloss"].config.extra_pages == ["citegloss.render:render_site"]


def test_references_are_formatted_apa_like_even_when_incomplete() -> None:
    bib = parse_bibliography(
        """
        @article{a, author={Argyris, Chris and Sch{\\"o}n, Donald A.}, title={T}, journal={J},
                 year={1978}, volume={5}, number={2}, pages={1--20}}
        @techreport{b, author={{World Bank}}, title={Report}, institution={WB}, year={2010}}
        @book{c, editor={Easterby-Smith, Mark and Lyles, Marjorie A.}, title={Handbook},
              year={2011}, edition={2}, publisher={Wiley}}
        @incollection{d, author={Zed, Q}, title={Chapter}}
        @article{e, author={X, Y}}
        """,
        "x.bib",
    )
    formatted = {key: format_reference(ref) for key, ref in bib.references.items()}
    assert formatted == {
        "a": "Argyris, C., &amp; Schön, D. A. (1978). T. <em>J</em>, <em>5</em>(2), 1–20.",
        "b": "World Bank. (2010). <em>Report</em>. WB.",
        "c": "Easterby-Smith, M., &amp; Lyles, M. A. (Eds.). (2011). <em>Handbook</em> "
        "(2nd ed.). Wiley.",
        "d": "Zed, Q. (n.d.). Chapter.",
        "e": "X, Y. (n.d.).",
    }


def a_second_concepts_index(xref: CrossReferences, links: Links) -> list[Page]:
    return [Page(src="concepts/index.md", markdown="<p>another index</p>\n")]


def test_two_generated_pages_at_one_path_stop_the_build(tmp_path: Path) -> None:
    """Never one page silently hiding another (the misleading 'docs/... is hidden' of old)."""
    import yaml
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files

    from test_site_build import site_config

    config_file = site_config("site-basic", tmp_path)
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "citegloss" in plugin:
            plugin["citegloss"]["extra_pages"] = ["test_site_plugin:a_second_concepts_index"]
    config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    config = load_config(str(config_file))
    with pytest.raises(PluginError, match=r"two generated pages would be docs/concepts/index\.md"):
        config.plugins.on_files(Files([]), config=config)
