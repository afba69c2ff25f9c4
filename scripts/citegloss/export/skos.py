"""The concepts as a SKOS concept scheme, in Turtle or JSON-LD, as rdflib terms.

Each concept has its term as `skos:prefLabel`, aliases as `skos:altLabel`, the editors' summary
as `skos:scopeNote` and `skos:related` links both ways. Each author's definition is its own
resource, as Skosmos shows definitions with their sources: the text as `rdf:value`,
`dct:source` the cited work, `dct:creator` the author as cited and `dct:date` the year. Its
IRI is the definition's row on the concept's page, so every identifier here can be opened.

The triples are rdflib terms, and rdflib writes every term (`n3()`, which escapes literals);
the files are written straight from the triples rather than through an rdflib `Graph`, whose
store and serializers took 8 s for 1,000 concepts against 0.5 s this way. Tests parse both
files back with rdflib and compare the graphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD
from rdflib.term import Node

from citegloss.model import Reference
from citegloss.render.bibstyle import apa_name
from citegloss.render.concept import by_year, definition_anchor
from citegloss.render.crossref import CrossReferences
from citegloss.render.identifiers import Identifiers

Triple = tuple[URIRef, URIRef, Node]
#: Prefixes of the vocabularies used, for JSON-LD's compact keys.
CONTEXT = {"skos": str(SKOS), "dct": str(DCTERMS), "rdf": str(RDF), "xsd": str(XSD)}


def _work(iri: URIRef, reference: Reference) -> Iterator[Triple]:
    yield iri, RDF.type, DCTERMS.BibliographicResource
    if reference.title:
        yield iri, DCTERMS.title, Literal(reference.title)
    for person in reference.creators:
        yield iri, DCTERMS.creator, Literal(apa_name(person))
    if reference.year is not None:
        yield iri, DCTERMS.issued, Literal(str(reference.year), datatype=XSD.gYear)
    if reference.doi:
        yield iri, DCTERMS.identifier, Literal(f"doi:{reference.doi}")


def skos_triples(
    xref: CrossReferences, ids: Identifiers, title: str = "citegloss"
) -> Iterator[Triple]:
    """The whole glossary as one `skos:ConceptScheme`."""
    scheme = URIRef(ids.base)
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, DCTERMS.title, Literal(title, lang="en")
    cited: set[str] = set()
    for concept in xref.concepts:
        iri = URIRef(ids.concept(concept.id))
        yield iri, RDF.type, SKOS.Concept
        yield iri, SKOS.inScheme, scheme
        yield scheme, SKOS.hasTopConcept, iri
        yield iri, SKOS.notation, Literal(concept.id)
        yield iri, SKOS.prefLabel, Literal(concept.term, lang="en")
        for alias in concept.aliases:
            yield iri, SKOS.altLabel, Literal(alias, lang="en")
        if concept.summary:
            yield iri, SKOS.scopeNote, Literal(concept.summary, lang="en")
        for other in xref.related.get(concept.id, ()):
            yield iri, SKOS.related, URIRef(ids.concept(other))
        for number, definition in enumerate(by_year(concept.definitions), 1):
            claim, node = definition.claim, URIRef(f"{iri}#{definition_anchor(number)}")
            yield iri, SKOS.definition, node
            yield node, RDF.value, Literal(definition.text, lang="en")
            yield node, DCTERMS.creator, Literal(claim.author)
            yield node, DCTERMS.date, Literal(str(claim.year), datatype=XSD.gYear)
            if claim.cite in xref.bibliography.references:
                yield node, DCTERMS.source, URIRef(ids.work(claim.cite))
                cited.add(claim.cite)
    for key in sorted(cited):
        yield from _work(URIRef(ids.work(key)), xref.bibliography.references[key])


def turtle(triples: list[Triple]) -> str:
    """Turtle in its N-Triples form (one triple a line, full IRIs; every N-Triples document is
    Turtle), lines sorted: the same glossary, the same bytes."""
    lines = {f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples}
    return "".join(sorted(lines))


def _compact(iri: str) -> str:
    for prefix, namespace in CONTEXT.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _value(node: Node) -> dict[str, str]:
    if isinstance(node, Literal):
        value = {"@value": str(node)}
        if node.language:
            value["@language"] = node.language
        elif node.datatype:
            value["@type"] = _compact(str(node.datatype))
        return value
    return {"@id": str(node)}


def json_ld(triples: list[Triple]) -> str:
    """JSON-LD: one node object per subject, `rdf:type` as `@type`, keys as compact IRIs."""
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in triples:
        node = nodes.setdefault(str(s), {"@id": str(s)})
        if p == RDF.type:
            node.setdefault("@type", []).append(_compact(str(o)))
        else:
            node.setdefault(_compact(str(p)), []).append(_value(o))
    document = {"@context": CONTEXT, "@graph": list(nodes.values())}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
