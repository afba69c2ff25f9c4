"""Every download the site publishes under data/.

The same functions serve `citegloss export` (one file) and the site (all of them), so the
files a reader downloads are the files the command line writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from citegloss.export.csl import csl_json
from citegloss.export.records import concept_record, glossary_record
from citegloss.export.skos import json_ld, skos_triples, turtle
from citegloss.render.crossref import CrossReferences
from citegloss.render.identifiers import (
    CSL_JSON,
    GLOSSARY_JSON,
    SKOS_JSON_LD,
    SKOS_TURTLE,
    Identifiers,
    concept_data,
)


def _json(data: object) -> str:
    """Compact: without `indent` the json module uses its C encoder, 10 times faster."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def exporters(xref: CrossReferences, ids: Identifiers) -> dict[str, Callable[[], str]]:
    """`citegloss export --format` name -> the file's text, made on demand."""
    return {
        "json": lambda: _json(glossary_record(xref)),
        "csl-json": lambda: _json(csl_json(xref.bibliography)),
        "skos-ttl": lambda: turtle(list(skos_triples(xref, ids))),
        "skos-jsonld": lambda: json_ld(list(skos_triples(xref, ids))),
    }


def data_files(xref: CrossReferences) -> dict[str, str]:
    """Site path -> text of the JSON downloads: one per concept, the glossary, CSL-JSON."""
    files = {
        GLOSSARY_JSON: _json(glossary_record(xref)),
        CSL_JSON: _json(csl_json(xref.bibliography)),
    }
    for concept in xref.concepts:
        files[concept_data(concept.id)] = _json(concept_record(concept, xref))
    return files


def rdf_files(xref: CrossReferences, ids: Identifiers) -> dict[str, str]:
    """Site path -> text of the SKOS downloads (the slow ones: the site makes them aside)."""
    triples = list(skos_triples(xref, ids))
    return {SKOS_TURTLE: turtle(triples), SKOS_JSON_LD: json_ld(triples)}
