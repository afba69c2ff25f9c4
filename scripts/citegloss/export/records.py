"""The glossary as plain JSON: each concept as the model holds it, with its references resolved."""

from __future__ import annotations

from typing import Any

from citegloss.model import Concept, Definition, Person, Reference
from citegloss.render.concept import by_year, definition_anchor
from citegloss.render.crossref import CrossReferences

JsonObject = dict[str, Any]


def person_record(person: Person) -> JsonObject:
    return {
        "last": person.last,
        "first": person.first,
        "lineage": person.lineage,
        "corporate": person.corporate,
    }


def reference_record(reference: Reference) -> JsonObject:
    return {
        "key": reference.key,
        "entry_type": reference.entry_type,
        "authors": [person_record(p) for p in reference.authors],
        "editors": [person_record(p) for p in reference.editors],
        "more_creators": reference.more_creators,
        "year": reference.year,
        "orig_year": reference.orig_year,
        "fields": dict(sorted(reference.fields.items())),
    }


def _definition(number: int, definition: Definition, xref: CrossReferences) -> JsonObject:
    claim = definition.claim
    reference = xref.bibliography.references.get(claim.cite)
    return {
        "anchor": definition_anchor(number),
        "author": claim.author,
        "year": claim.year,
        "cite": claim.cite,
        "reference": reference_record(reference) if reference else None,
        "pages": definition.pages,
        "quote": definition.quote,
        "paraphrase": definition.paraphrase,
        "note": definition.note,
        "facets": {"levels": list(definition.facets.levels), "nature": definition.facets.nature},
    }


def concept_record(concept: Concept, xref: CrossReferences) -> JsonObject:
    """The concept, the concepts it relates to (both directions) and its cited works."""
    return {
        "id": concept.id,
        "term": concept.term,
        "aliases": list(concept.aliases),
        "former_ids": list(concept.former_ids),
        "summary": concept.summary,
        "related": list(xref.related.get(concept.id, ())),
        "contrasts": [
            {
                "with": view.other,
                "declared_in": view.declared_in,
                "points": [
                    {
                        "aspect": p.aspect,
                        "this": p.this,
                        "other": p.other,
                        "author": p.claim.author,
                        "year": p.claim.year,
                        "cite": p.claim.cite,
                        "pages": p.pages,
                    }
                    for p in view.points
                ],
            }
            for view in xref.contrasts.get(concept.id, ())
        ],
        "definitions": [
            _definition(n, d, xref) for n, d in enumerate(by_year(concept.definitions), 1)
        ],
    }


def glossary_record(xref: CrossReferences) -> JsonObject:
    """Every concept in term order and every bibliography entry, in one document."""
    return {
        "concepts": [concept_record(c, xref) for c in xref.concepts],
        "references": [
            reference_record(r) for _, r in sorted(xref.bibliography.references.items())
        ],
    }
