"""glossary/*.yaml -> model.Glossary: every concept, with the line of each claim.

The JSON Schema in concept.schema.json is the one statement of the format: editors validate
against it as people type, and this loader enforces it. A file with schema errors still yields
what it can, so its claims are checked and count as citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from citegloss.model import (
    Claim,
    Concept,
    Contrast,
    ContrastPoint,
    Definition,
    Facets,
    Finding,
    Glossary,
    Location,
)
from citegloss.paths import display_path, yaml_files
from citegloss.schema import read_document
from citegloss.yamlfile import YamlDocument, YamlPath

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: File names whose page would take the place of a generated one (concepts/index is the index
#: of concepts, audits/index the overview of audits): such a file is reported, not loaded.
RESERVED_IDS = frozenset({"index"})


def reserved_id(path: Path, shown: str, folder: str, page: str) -> Finding | None:
    """`reserved-id` when the file's id would give it the address of the generated `page`."""
    if path.stem not in RESERVED_IDS:
        return None
    return Finding.error(
        "reserved-id",
        Location(shown, 1, 1),
        f"'{path.stem}' cannot be an id: {folder}/{path.stem} is the site's {page}",
        f"Rename the file: the id is its name, e.g. {path.parent.name}/{path.stem}-1.yaml.",
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def _claim(item: dict[str, Any], path: YamlPath, doc: YamlDocument, shown: str) -> Claim | None:
    author, year, cite = item.get("author"), item.get("year"), item.get("cite")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)  # already a schema-error; still check the claim so it counts as a citation
    if not (
        isinstance(author, str)
        and isinstance(year, int)
        and not isinstance(year, bool)
        and isinstance(cite, str)
    ):
        return None
    return Claim(
        author=author,
        year=year,
        cite=cite,
        location=doc.location(shown, path),
        cite_location=doc.location(shown, (*path, "cite")),
        year_location=doc.location(shown, (*path, "year")),
        author_location=doc.location(shown, (*path, "author")),
    )


def _dicts(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        yield from ((i, item) for i, item in enumerate(value) if isinstance(item, dict))


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _definitions(data: dict[str, Any], doc: YamlDocument, shown: str) -> tuple[Definition, ...]:
    found = []
    for i, item in _dicts(data.get("definitions")):
        claim = _claim(item, ("definitions", i), doc, shown)
        if claim is None:
            continue
        facets: dict[str, Any] = item["facets"] if isinstance(item.get("facets"), dict) else {}
        found.append(
            Definition(
                claim=claim,
                pages=_text(item.get("pages")),
                quote=_text(item.get("quote")),
                paraphrase=_text(item.get("paraphrase")),
                note=_text(item.get("note")),
                facets=Facets(
                    levels=_strings(facets.get("levels")), nature=_text(facets.get("nature"))
                ),
            )
        )
    return tuple(found)


def _contrasts(data: dict[str, Any], doc: YamlDocument, shown: str) -> tuple[Contrast, ...]:
    found = []
    for i, item in _dicts(data.get("contrasts")):
        if not isinstance(item.get("with"), str):
            continue
        points = []
        for j, point in _dicts(item.get("points")):
            claim = _claim(point, ("contrasts", i, "points", j), doc, shown)
            if claim is not None:
                points.append(
                    ContrastPoint(
                        aspect=_text(point.get("aspect")),
                        this=_text(point.get("this")),
                        other=_text(point.get("other")),
                        claim=claim,
                        pages=_text(point.get("pages")),
                    )
                )
        found.append(
            Contrast(
                other=item["with"],
                points=tuple(points),
                location=doc.location(shown, ("contrasts", i, "with")),
            )
        )
    return tuple(found)


def build_concept(concept_id: str, doc: YamlDocument, shown: str) -> Concept | None:
    """Everything usable in a document, even one with schema errors, so its claims still get checked."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("term"), str):
        return None
    related = _strings(data.get("related"))
    return Concept(
        id=concept_id,
        term=data["term"].strip(),
        aliases=_strings(data.get("aliases")),
        summary=_text(data.get("summary")),
        related=related,
        related_locations=tuple(doc.location(shown, ("related", i)) for i in range(len(related))),
        definitions=_definitions(data, doc, shown),
        contrasts=_contrasts(data, doc, shown),
        location=Location(shown, 1, 1),
        former_ids=_strings(data.get("former_ids")),
    )


def load_concept_file(path: Path, shown: str = "") -> tuple[Concept | None, list[Finding]]:
    """One concept and its loading findings; `shown` is the path findings name (default: relative)."""
    shown = shown or display_path(path)
    findings = []
    if not SLUG.match(path.stem):
        findings.append(
            Finding.error(
                "schema-error",
                Location(shown, 1, 1),
                f"the file name '{path.name}' is not a concept id: use lowercase words joined by hyphens",
                f"Rename it to glossary/{_slugify(path.stem)}.yaml.",
            )
        )
    if path.suffix != ".yaml":
        findings.append(
            Finding.error(
                "schema-error",
                Location(shown, 1, 1),
                f"concept files end in .yaml, not {path.suffix}",
                f"Rename it to {path.stem}.yaml.",
            )
        )
    if reserved := reserved_id(path, shown, "concepts", "index of all concepts"):
        return None, [*findings, reserved]
    doc, read_findings = read_document(path, shown, "concept")
    findings += read_findings
    if doc is None:
        return None, findings
    return build_concept(path.stem, doc, shown), findings


def _slugify(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "concept"


def load_glossary(root: Path, files: Sequence[Path] | None = None) -> Glossary:
    """Load every concept file, or only `files` (a share of them, for a second process to load:
    `join_glossaries` puts the shares together). Raises OSError when the folder itself cannot be
    read."""
    concepts: dict[str, Concept] = {}
    findings: list[Finding] = []
    unreadable: set[str] = set()
    shown_root = display_path(root)
    for path in yaml_files(root) if files is None else files:  # audits/ is another format
        concept, file_findings = load_concept_file(path, f"{shown_root}/{path.name}")
        findings += file_findings
        if concept is not None:
            concepts[concept.id] = concept
        else:
            unreadable.add(path.stem)
    return Glossary(
        root=shown_root,
        concepts=concepts,
        findings=tuple(findings),
        unreadable=frozenset(unreadable - set(concepts)),
    )


def join_glossaries(first: Glossary, second: Glossary) -> Glossary:
    """Two shares of one folder's files, in file order: what loading them all at once gives."""
    concepts = {**first.concepts, **second.concepts}
    return Glossary(
        root=first.root,
        concepts=concepts,
        findings=first.findings + second.findings,
        unreadable=(first.unreadable | second.unreadable) - set(concepts),
    )
