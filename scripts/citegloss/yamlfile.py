"""YAML files -> plain data that remembers where each value was written.

Built on PyYAML's C loader: containers record the marks of their items while they are
constructed, and repeated keys (which PyYAML silently resolves to the last) are kept for
findings. Any reading or parsing failure becomes a finding naming file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from citegloss.model import Finding, Location

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

YamlPath = tuple[str | int, ...]
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
    duplicate_keys: list[tuple[YamlPath, str, int, int]] = field(default_factory=list)

    def location(self, file: str, path: YamlPath, *, key: bool = False) -> Location:
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

    def path_of(self, container: Any) -> YamlPath:
        """The path from the root to a container, for messages about it."""

        def walk(node: Any, path: YamlPath) -> YamlPath | None:
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


def read_yaml_file(path: Path, shown: str) -> tuple[YamlDocument | None, list[Finding]]:
    """Read and compose one file; any failure becomes a finding naming file, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            Finding.error(
                "yaml-error",
                Location(shown, 1, 1),
                f"the file is not UTF-8 text ({exc.reason})",
                "Save it as UTF-8.",
            )
        ]
    except OSError as exc:
        return None, [
            Finding.error("yaml-error", Location(shown), f"the file cannot be read: {exc.strerror}")
        ]
    if not text.strip():
        return None, [
            Finding.error(
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
            Finding.error(
                "yaml-error",
                Location(shown, line, column),
                f"not valid YAML: {problem}{context}",
                "Check indentation, colons and quotes; quote text that contains ': ' or '#'.",
            )
        ]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [Finding.error("yaml-error", Location(shown, 1, 1), f"not valid YAML: {exc}")]
