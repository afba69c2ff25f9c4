"""glossary/*.yaml -> model.Glossary, keeping the line of every value for findings.

YAML is composed with PyYAML's C parser into nodes (which carry marks) and turned into plain
data here, so duplicate keys are caught (PyYAML silently keeps the last) and every value's
line is known. The JSON Schema in concept.schema.json is the one statement of the format:
editors validate against it as people type, and this loader enforces it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
    Severity,
)
from citegloss.paths import display_path
from citegloss.schema import schema_findings, where_in_document

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_Path = tuple[str | int, ...]
#: (line, column), 1-based.
_Mark = tuple[int, int]


@dataclass(slots=True)
class YamlDocument:
    """Plain data from one YAML file, and where each value and mapping key was written.

    Positions are kept per container (by identity) rather than per path, so loading costs
    little more than PyYAML's own C loader.
    """

    data: Any
    #: id(container) -> {key or index: (line, column) of the value}
    values: dict[int, dict[Any, _Mark]] = field(default_factory=dict)
    #: id(mapping) -> {key: (line, column) of the key}
    keys: dict[int, dict[Any, _Mark]] = field(default_factory=dict)
    #: Keys written twice in one mapping: (the mapping's path, key, line, column).
    duplicate_keys: list[tuple[_Path, str, int, int]] = field(default_factory=list)

    def location(self, file: str, path: _Path, *, key: bool = False) -> Location:
        """Where `path` was written (its key, with key=True), or the nearest container's."""
        node, found = self.data, (1, 1)
        for depth, step in enumerate(path, 1):
            tables = self.keys if key and depth == len(path) else self.values
            table = tables.get(id(node), {})
            if not isinstance(node, dict | list) or step not in table:
                break
            found = table[step]
            node = node[step]  # type: ignore[index]
        return Location(file, *found)

    def path_of(self, container: Any) -> _Path:
        """The path from the root to a container, for messages about it."""

        def walk(node: Any, path: _Path) -> _Path | None:
            if node is container:
                return path
            items = (
                node.items()
                if isinstance(node, dict)
                else enumerate(node)
                if isinstance(node, list)
                else ()
            )
            for step, child in items:
                if (
                    isinstance(child, dict | list)
                    and (found := walk(child, (*path, step))) is not None
                ):
                    return found
            return None

        return walk(self.data, ()) or ()


def _mark(node: yaml.Node) -> _Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _PositionLoader(_Loader):
    """PyYAML's C loader, recording marks and repeated keys as it builds containers."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.document = YamlDocument(data=None)
        self._repeated: list[tuple[dict[str, Any], str, _Mark]] = []

    def construct_positioned_map(self, node: yaml.MappingNode) -> Any:
        data: dict[str, Any] = {}
        yield data
        values, keys = {}, {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key = key if isinstance(key, str) else str(key)
            if key in data:
                self._repeated.append((data, key, _mark(key_node)))
            data[key] = self.construct_object(value_node, deep=True)
            values[key], keys[key] = _mark(value_node), _mark(key_node)
        self.document.values[id(data)] = values
        self.document.keys[id(data)] = keys

    def construct_positioned_seq(self, node: yaml.SequenceNode) -> Any:
        data: list[Any] = []
        yield data
        data.extend(self.construct_object(item, deep=True) for item in node.value)
        self.document.values[id(data)] = {i: _mark(item) for i, item in enumerate(node.value)}

    def load_document(self) -> YamlDocument:
        self.document.data = self.get_single_data()
        self.document.duplicate_keys = [
            (self.document.path_of(mapping), key, *mark) for mapping, key, mark in self._repeated
        ]
        return self.document


_PositionLoader.add_constructor("tag:yaml.org,2002:map", _PositionLoader.construct_positioned_map)
_PositionLoader.add_constructor("tag:yaml.org,2002:seq", _PositionLoader.construct_positioned_seq)


def parse_yaml(text: str) -> YamlDocument:
    """Load one YAML document with positions. Raises yaml.YAMLError."""
    loader = _PositionLoader(text)
    try:
        return loader.load_document()
    finally:
        loader.dispose()


def _error(code: str, location: Location, message: str, suggestion: str = "") -> Finding:
    return Finding(code, Severity.ERROR, location, message, suggestion)


def read_yaml_file(path: Path, shown: str) -> tuple[YamlDocument | None, list[Finding]]:
    """Read and compose one file; any failure becomes a finding naming file, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            _error(
                "yaml-error",
                Location(shown, 1, 1),
                f"the file is not UTF-8 text ({exc.reason})",
                "Save it as UTF-8.",
            )
        ]
    except OSError as exc:
        return None, [
            _error("yaml-error", Location(shown), f"the file cannot be read: {exc.strerror}")
        ]
    if not text.strip():
        return None, [
            _error(
                "schema-error",
                Location(shown, 1, 1),
                "the file is empty",
                "Write a concept: at least `term:` and `definitions:`.",
            )
        ]
    try:
        return parse_yaml(text), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        return None, [
            _error(
                "yaml-error",
                Location(shown, line, column),
                f"not valid YAML: {problem}{context}",
                "Check indentation, colons and quotes; quote text that contains ': ' or '#'.",
            )
        ]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [_error("yaml-error", Location(shown, 1, 1), f"not valid YAML: {exc}")]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def _claim(item: dict[str, Any], path: _Path, doc: YamlDocument, shown: str) -> Claim | None:
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
    )


def load_concept_file(path: Path, shown: str = "") -> tuple[Concept | None, list[Finding]]:
    """One concept and its loading findings; `shown` is the path findings name (default: relative)."""
    shown = shown or display_path(path)
    findings = []
    if not SLUG.match(path.stem):
        findings.append(
            _error(
                "schema-error",
                Location(shown, 1, 1),
                f"the file name '{path.name}' is not a concept id: use lowercase words joined by hyphens",
                f"Rename it to glossary/{_slugify(path.stem)}.yaml.",
            )
        )
    if path.suffix != ".yaml":
        findings.append(
            _error(
                "schema-error",
                Location(shown, 1, 1),
                f"concept files end in .yaml, not {path.suffix}",
                f"Rename it to {path.stem}.yaml.",
            )
        )
    doc, read_findings = read_yaml_file(path, shown)
    findings += read_findings
    if doc is None:
        return None, findings
    for mapping, key, line, column in doc.duplicate_keys:
        where = where_in_document(mapping)
        findings.append(
            _error(
                "schema-error",
                Location(shown, line, column),
                f"the key '{key}' appears twice in {where}; YAML would silently keep the last",
                f"Keep one '{key}'.",
            )
        )
    findings += schema_findings("concept", doc, shown)
    return build_concept(path.stem, doc, shown), findings


def _slugify(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "concept"


def concept_files(root: Path) -> list[Path]:
    """The concept files: *.yaml and *.yml directly in the folder (audits/ is another format)."""
    return sorted(p for p in root.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def load_glossary(root: Path) -> Glossary:
    """Load every concept file. Raises OSError when the folder itself cannot be read."""
    concepts: dict[str, Concept] = {}
    findings: list[Finding] = []
    shown_root = display_path(root)
    for path in concept_files(root):
        concept, file_findings = load_concept_file(path, f"{shown_root}/{path.name}")
        findings += file_findings
        if concept is not None:
            concepts[concept.id] = concept
    return Glossary(root=shown_root, concepts=concepts, findings=tuple(findings))
