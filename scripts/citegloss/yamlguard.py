"""What concept and audit files never need from YAML, refused while composing, before anything
is built.

The files are untrusted, and their formats need nothing beyond plain mappings, lists and scalars,
so the composer refuses what only an attacker or a mistake would write: anchors and aliases (a few
lines of aliases expand to billions of values), explicit tags (`!!python/...`, `!!binary`,
`!!bool maybe`), nesting deeper than any concept, more values than any file holds, and numbers too
long to be a year or a page. Each refusal is a RefusedYaml at the line it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent

#: Deeper than any concept or audit file nests (five levels), shallow enough for the recursion.
MAX_DEPTH = 40
#: More values (scalars, lists and mappings) than any file holds: an audit at its schema's 2,000
#: citations has under 40,000. Past it, reading and checking would only cost time, linearly
#: (500,000 took 20 s to read). Callers pass a lower bound for smaller formats.
MAX_NODES = 50_000
#: Longer than any year, page or line number: the text of an int longer than this is refused
#: (Python will not even print a decimal of more than 4,300 digits).
MAX_NUMBER_CHARACTERS = 30


#: Four block indicators in a row (`- - - - x`): deep nesting on one line.
_INDICATORS_IN_A_ROW = re.compile(r"[-?:][ \t]+[-?:][ \t]+[-?:][ \t]+[-?:][ \t]")
#: Indentation past MAX_DEPTH, after each kind of line break (a literal first searches fast).
_DEEP_INDENTS = tuple(re.compile(f"{start}[ \t]{{{MAX_DEPTH}}}") for start in ("^", "\n", "\r"))
#: What may stand before a node's anchor or tag: a line start, space, a flow or block indicator.
_BEFORE_A_NODE = frozenset(" \t\r\n[]{},:?-")
_BRACKETS = re.compile(r"[\[\]{}]")
#: PyYAML's C composer recurses once per nesting level and crashes the process (a segmentation
#: fault, seen at 100,000 levels; 10,000 are read): text with more flow openers than this is
#: composed by the guard, whatever its depth seems to be.
MAX_FLOW_OPENERS_IN_C = 2_000


def needs_guard(text: str, max_nodes: int = MAX_NODES) -> bool:
    """False only when `text` cannot hold anything the guarded composer refuses, so that PyYAML's
    C composer may build it: no anchor, alias or tag, no deep nesting, and fewer lines and commas
    than a quarter of the values allowed (a line or a comma holds at most four). Long numbers
    need no guard: both loaders construct ints with `construct_bounded_int`.

    Each test is a plain search for a character or a literal, as one regex alternation that
    began with any whitespace took a fifth of the time of loading a glossary.
    """
    if text.count("\n") + text.count(",") >= max_nodes // 4:
        return True
    if text.count("[") + text.count("{") > MAX_FLOW_OPENERS_IN_C:
        return True  # the sure bound: flow nesting is never deeper than its openers
    return (
        any(_may_open_a_node(text, sigil) for sigil in "&*!")
        or _INDICATORS_IN_A_ROW.search(text) is not None
        or any(indent.search(text) for indent in _DEEP_INDENTS)
        or _flow_depth(text) > 4
    )


def _may_open_a_node(text: str, sigil: str) -> bool:
    """Whether `sigil` (& anchor, * alias, ! tag) stands anywhere a node may start: after a line
    start, a space or an indicator, and (for & and *) before a name. Erring towards yes."""
    at = text.find(sigil)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + 1 : at + 2]
        if (before in _BEFORE_A_NODE or before.isspace()) and (
            sigil == "!" or (after and not after.isspace())
        ):
            return True
        at = text.find(sigil, at + 1)
    return False


def _flow_depth(text: str) -> int:
    """How deep flow brackets nest, taking quoted brackets as real ones: a quoted `]` may hide
    depth, which is why `needs_guard` also bounds the number of openers."""
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket[0] in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


class RefusedYaml(yaml.MarkedYAMLError):
    """Valid YAML that these files never need and must not expand: where, what, and what to do."""

    def __init__(self, mark: Any, problem: str, suggestion: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.suggestion = suggestion


def _tag_as_written(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class GuardedComposer(Composer):
    """PyYAML's composer (over any parser's events) with the refusals. A loader built on it also
    registers the two constructors below for its int and timestamp tags."""

    peek_event: Callable[[], Any]  # the parser's

    def __init__(self, max_nodes: int = MAX_NODES) -> None:
        Composer.__init__(self)
        self._max_nodes = max_nodes
        self._depth = self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
            raise RefusedYaml(
                event.start_mark,
                f"an anchor or alias ('{'*' if isinstance(event, AliasEvent) else '&'}"
                f"{event.anchor}'): these files do not use them",
                "Write the value out where it is needed.",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise RefusedYaml(
                event.start_mark,
                f"an explicit YAML tag ({_tag_as_written(tag)}): these files do not use tags",
                "Remove the tag; quote the value if it is text.",
            )
        self._nodes += 1
        if self._nodes > self._max_nodes:
            raise RefusedYaml(
                event.start_mark,
                f"more than {self._max_nodes:,} values (texts, numbers, lists and mappings)",
                "No concept or audit file needs as many: split it.",
            )
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise RefusedYaml(
                    event.start_mark,
                    f"lists and mappings nested more than {MAX_DEPTH} deep",
                    "Concept and audit files nest a few levels at most: close the brackets.",
                )
        try:
            node = super().compose_node(parent, index)
        finally:
            if isinstance(event, CollectionStartEvent):
                self._depth -= 1
        return node


def construct_bounded_int(loader: Any, node: yaml.ScalarNode) -> Any:
    """An int of at most MAX_NUMBER_CHARACTERS, or a refusal (no 5,000-digit year reaches str())."""
    if len(node.value) > MAX_NUMBER_CHARACTERS:
        raise RefusedYaml(
            node.start_mark,
            f"a number of {len(node.value):,} digits",
            "Years, pages and line numbers are short: write the real number, "
            "or quote the value if it is text.",
        )
    return SafeConstructor.construct_yaml_int(loader, node)


def construct_lenient_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """A date that is no date (2001-13-45) stays text, for the schema to explain at its line."""
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value
