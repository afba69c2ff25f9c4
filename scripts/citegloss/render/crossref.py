"""Who points at whom: the cross-references every page needs, worked out once per build.

Each map is built in one pass over the glossary, so a build stays linear in the number of
concepts: related links in both directions, contrasts seen from either side, the concepts that
cite each work, and every definition an author gave.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from citegloss.model import (
    Bibliography,
    Concept,
    Contrast,
    ContrastPoint,
    Definition,
    Glossary,
    Person,
    Reference,
)
from citegloss.names import normalize_surname, person_key

if TYPE_CHECKING:
    from citegloss.audits import Audit
    from citegloss.model import Finding


@dataclass(frozen=True, slots=True)
class ContrastView:
    """A contrast as one concept's page shows it: `this` is always the page's own concept."""

    #: The concept compared with.
    other: str
    #: The concept whose file declares the contrast (where an editor fixes it).
    declared_in: str
    #: Points with `this`/`other` swapped when the contrast is declared in the other file.
    points: tuple[ContrastPoint, ...]


@dataclass(frozen=True, slots=True)
class AuthorEntry:
    """One person of the author index and each definition that cites one of their works."""

    person: Person
    definitions: list[tuple[Concept, Definition, Reference]] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (normalize_surname(self.person.last), normalize_surname(self.person.first))


def _swap(point: ContrastPoint) -> ContrastPoint:
    return ContrastPoint(
        aspect=point.aspect,
        this=point.other,
        other=point.this,
        claim=point.claim,
        pages=point.pages,
    )


def concept_sort_key(concept: Concept) -> tuple[str, str]:
    return (concept.term.casefold(), concept.id)


@dataclass(frozen=True, slots=True)
class CrossReferences:
    """The maps pages look things up in; build with `CrossReferences.build`."""

    glossary: Glossary
    bibliography: Bibliography
    #: Concepts sorted by term, as lists show them.
    concepts: tuple[Concept, ...]
    #: Concept id -> ids of the concepts it names or that name it, both directions.
    related: dict[str, tuple[str, ...]]
    #: Concept id -> the contrasts its page shows, declared in its file or the other one.
    contrasts: dict[str, tuple[ContrastView, ...]]
    #: Bibliography key -> ids of the concepts that cite it, in term order.
    cited_in: dict[str, tuple[str, ...]]
    #: Person key -> the author and what they defined, sorted by surname.
    authors: tuple[AuthorEntry, ...]
    #: The audit files as the pipeline loaded them, for the audit pages (no second read).
    audits: tuple[Audit, ...] = ()
    #: The audit files' own problems found while loading them (yaml-error, schema-error).
    audit_findings: tuple[Finding, ...] = ()

    @classmethod
    def build(
        cls,
        glossary: Glossary,
        bibliography: Bibliography,
        audits: tuple[Audit, ...] = (),
        audit_findings: tuple[Finding, ...] = (),
    ) -> CrossReferences:
        concepts = tuple(sorted(glossary.concepts.values(), key=concept_sort_key))
        known = glossary.concepts
        related: dict[str, set[str]] = defaultdict(set)
        contrasts: dict[str, list[ContrastView]] = defaultdict(list)
        cited_in: dict[str, list[str]] = defaultdict(list)
        authors: dict[str, AuthorEntry] = {}
        for concept in concepts:
            for other in concept.related:
                if other in known and other != concept.id:
                    related[concept.id].add(other)
                    related[other].add(concept.id)
            for contrast in concept.contrasts:
                _add_contrast(contrasts, concept, contrast, known)
            for key in dict.fromkeys(claim.cite for claim in concept.claims):
                if key in bibliography.references:
                    cited_in[key].append(concept.id)
            for definition in concept.definitions:
                reference = bibliography.references.get(definition.claim.cite)
                if reference is None:
                    continue
                for person in reference.creators:
                    entry = authors.setdefault(person_key(person), AuthorEntry(person))
                    entry.definitions.append((concept, definition, reference))

        def by_term(ids: set[str]) -> tuple[str, ...]:
            return tuple(sorted(ids, key=lambda i: concept_sort_key(known[i])))

        return cls(
            glossary=glossary,
            bibliography=bibliography,
            concepts=concepts,
            related={cid: by_term(ids) for cid, ids in related.items()},
            contrasts={cid: tuple(views) for cid, views in contrasts.items()},
            cited_in={key: tuple(ids) for key, ids in cited_in.items()},
            authors=tuple(sorted(authors.values(), key=lambda a: a.sort_key)),
            audits=audits,
            audit_findings=audit_findings,
        )

    @property
    def definition_count(self) -> int:
        return sum(len(c.definitions) for c in self.concepts)

    @property
    def cited_works(self) -> int:
        return len(self.cited_in)


def _add_contrast(
    views: dict[str, list[ContrastView]],
    concept: Concept,
    contrast: Contrast,
    known: dict[str, Concept],
) -> None:
    if contrast.other not in known or contrast.other == concept.id:
        return
    views[concept.id].append(ContrastView(contrast.other, concept.id, contrast.points))
    swapped = tuple(_swap(p) for p in contrast.points)
    views[contrast.other].append(ContrastView(concept.id, concept.id, swapped))
