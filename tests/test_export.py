"""Open data: SKOS, CSL-JSON, JSON and the schema.org description each concept page embeds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from citegloss.cli import main
from citegloss.export.csl import csl_json
from citegloss.export.files import exporters
from citegloss.pipeline import load, render_inputs
from citegloss.render import Links
from citegloss.render.audit import audit_pages
from citegloss.render.crossref import CrossReferences
from citegloss.render.identifiers import Identifiers
from citegloss.schema import read_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def project() -> CrossReferences:
    inputs = load(ROOT / "glossary", ROOT / "references.bib")
    return CrossReferences.build(inputs.glossary, inputs.bibliography)


@pytest.mark.parametrize(
    ("name", "rdf_format"), [("skos-ttl", "turtle"), ("skos-jsonld", "json-ld")]
)
def test_skos_parses_back_into_the_glossary_s_concepts_labels_and_definitions(
    project: CrossReferences, name: str, rdf_format: str
) -> None:
    text = exporters(project, Identifiers("https://example.test/", Links()))[name]()
    graph = Graph().parse(data=text, format=rdf_format)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(project.concepts)
    assert len(list(graph.triples((None, SKOS.prefLabel, None)))) == len(project.concepts)
    aliases = sum(len(c.aliases) for c in project.concepts)
    assert len(list(graph.triples((None, SKOS.altLabel, None)))) == aliases
    assert len(list(graph.triples((None, SKOS.definition, None)))) == project.definition_count
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1
    ol = next(s for s in concepts if str(s).endswith("/concepts/organizational-learning.html"))
    definition = next(graph.objects(ol, SKOS.definition))
    source = graph.value(definition, Graph().namespace_manager.expand_curie("dcterms:source"))
    assert source is not None and "/bibliography.html#" in str(source)


def test_the_turtle_and_the_json_ld_are_the_same_graph(project: CrossReferences) -> None:
    made = exporters(project, Identifiers("https://example.test/", Links()))
    turtle = Graph().parse(data=made["skos-ttl"](), format="turtle")
    json_ld = Graph().parse(data=made["skos-jsonld"](), format="json-ld")
    assert len(turtle) > 1000 and isomorphic(turtle, json_ld)


def test_csl_json_validates_against_the_csl_data_schema(project: CrossReferences) -> None:
    schema = json.loads((FIXTURES / "csl-schema" / "csl-data.json").read_text("utf-8"))
    items = csl_json(project.bibliography)
    jsonschema.Draft7Validator(schema).validate(items)
    assert len(items) == len(project.bibliography.references)
    huber = next(i for i in items if i["id"] == "huber1991organizational")
    assert huber["type"] == "article-journal" and huber["issued"] == {"date-parts": [[1991]]}
    assert huber["author"] == [{"family": "Huber", "given": "George P."}]


def test_the_glossary_json_resolves_each_definition_s_reference(project: CrossReferences) -> None:
    data = json.loads(exporters(project, Identifiers("https://x/", Links()))["json"]())
    assert len(data["concepts"]) == len(project.concepts)
    ol = next(c for c in data["concepts"] if c["id"] == "organizational-learning")
    first = ol["definitions"][0]
    assert first["anchor"] == "definition-1" and first["reference"]["key"] == first["cite"]
    assert "learning-organization" in ol["related"]


def test_every_concept_page_embeds_a_defined_term_naming_its_concept() -> None:
    site = render_inputs(load(ROOT / "glossary", ROOT / "references.bib"), directory_urls=False)
    pages = [p for p in site.pages if p.concept_id]
    assert len(pages) == len(site.xref.concepts) == len(list((ROOT / "glossary").glob("*.yaml")))
    for page in pages:
        (script,) = SCRIPT.findall("".join(page.html_blocks))
        term = json.loads(script)
        concept = site.xref.glossary.concepts[page.concept_id]
        assert term["@type"] == "DefinedTerm" and term["name"] == concept.term
        assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
        assert term["url"].endswith(f"concepts/{concept.id}.html")


def test_a_payload_cannot_close_the_json_ld_script() -> None:
    fixture = FIXTURES / "site-payload"
    site = render_inputs(
        load(fixture / "glossary", fixture / "references.bib"), directory_urls=False
    )
    page = next(p for p in site.pages if p.concept_id == "payload")
    html = "".join(page.html_blocks)
    (script,) = SCRIPT.findall(html)
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["name"] == "<script>document.title='pwned';alert(7)</script>Payload"


def test_citegloss_export_writes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "refs.json"
    assert main(["export", "--format", "csl-json", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text("utf-8"))) == len(
        load(ROOT / "glossary", ROOT / "references.bib").bibliography.references
    )


def test_identifiers_do_not_depend_on_where_the_glossary_sits(tmp_path: Path) -> None:
    moved = tmp_path / "somewhere" / "else" / "glossary"
    shutil.copytree(ROOT / "glossary", moved)
    texts = []
    for folder in (ROOT / "glossary", moved):
        inputs = load(folder, ROOT / "references.bib")
        xref = CrossReferences.build(inputs.glossary, inputs.bibliography)
        texts.append(exporters(xref, Identifiers("https://x/", Links()))["skos-ttl"]())
    assert texts[0] == texts[1]


def test_the_pipeline_reads_each_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin and `citegloss pages` share it: audits are no longer read a second time."""
    reads: list[str] = []
    original = read_document

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        reads.append(Path(path).name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    for module in ("citegloss.glossary", "citegloss.audits"):
        monkeypatch.setattr(f"{module}.read_document", counting)
    inputs = load(ROOT / "glossary", ROOT / "references.bib")
    render_inputs(inputs, directory_urls=False, extra_pages=[audit_pages])
    assert len(reads) == len(set(reads)) == len(inputs.glossary.concepts) + len(inputs.audits)
