"""YAML files -> plain data that remembers where each value was written.

Built on PyYAML's C parser: containers record the marks of their items while they are
constructed, and repeated keys (which PyYAML silently resolves to the last) are kept for
findings. The composer is yamlguard's, which refuses what these files never need (aliases, tags,
endless nesting) before anything is built. Any reading or parsing failure becomes a finding naming
file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from citegloss.limits import CONCEPT, FileTooLarge, Limit, NotAFile, read_limited
from citegloss.model import Finding, Location
from citegloss.yamlguard import (
    MAX_NODES,
    GuardedComposer,
    RefusedYaml,
    construct_bounded_int,
    construct_lenient_timestamp,
)

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


class _PositionLoader(GuardedComposer, _Loader):
    """PyYAML's C parser and a guarded composer, recording marks and repeated keys as it builds."""

    def __init__(self, text: str, max_nodes: int) -> None:
        _Loader.__init__(self, text)
        GuardedComposer.__init__(self, max_nodes)
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
_PositionLoader.add_constructor("tag:yaml.org,2002:int", construct_bounded_int)
_PositionLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_lenient_timestamp)


def parse_yaml(text: str, max_nodes: int = MAX_NODES) -> YamlDocument:
    """Load one YAML document with positions. Raises yaml.YAMLError."""
    loader = _PositionLoader(text, max_nodes)
    try:
        return loader.load_document()
    finally:
        loader.dispose()


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 text."""
    before = data[:offset].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _decode(data: bytes, shown: str) -> tuple[str | None, list[Finding]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [
            Finding.error(
                "yaml-error",
                Location(shown, *_line_and_column(data, exc.start)),
                f"the file is not UTF-8 text ({exc.reason})",
                "Save it as UTF-8.",
            )
        ]


def read_yaml_file(
    path: Path,
    shown: str,
    limit: Limit = CONCEPT,
    empty_advice: str = "",
    max_nodes: int = MAX_NODES,
) -> tuple[YamlDocument | None, list[Finding]]:
    """Read (within `limit` and `max_nodes`) and compose one file; any failure is a finding naming
    file and line.

    A file with no document (empty, or only comments) gets `empty_advice`.
    """
    try:
        data = read_limited(path, shown, limit)
    except FileTooLarge as exc:
        return None, [exc.finding(shown)]
    except NotAFile as exc:
        return None, [Finding.error("yaml-error", Location(shown), f"{exc}: it cannot be read")]
    except OSError as exc:
        return None, [
            Finding.error("yaml-error", Location(shown), f"the file cannot be read: {exc.strerror}")
        ]
    text, findings = _decode(data, shown)
    if text is None:
        return None, findings
    try:
        doc = parse_yaml(text, max_nodes)
    except yaml.reader.ReaderError as exc:
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        return None, [
            Finding.error(
                "yaml-error",
                Location(shown, *_line_and_column(data, exc.position)),
                f"the file contains the control character {character}, which YAML does not allow",
                "Delete it (editors often show it as nothing at all, or as a box).",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(exc, RefusedYaml):
            message, suggestion = str(exc.problem), exc.suggestion
        else:
            context = f" ({exc.context})" if exc.context else ""
            message = f"not valid YAML: {exc.problem or 'invalid YAML'}{context}"
            suggestion = (
                "Check indentation, colons and quotes; quote text that contains ': ' or '#'."
            )
        return None, [
            Finding.error("yaml-error", Location(shown, line, column), message, suggestion)
        ]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [Finding.error("yaml-error", Location(shown, 1, 1), f"not valid YAML: {exc}")]
    if doc.data is None:
        return None, [
            Finding.error("schema-error", Location(shown, 1, 1), "the file is empty", empty_advice)
        ]
    return doc, []
