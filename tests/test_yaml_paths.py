"""The two ways a YAML file is composed (PyYAML's C composer, or the guarded one in Python) give
the same document, and text that could crash the C composer never reaches it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bounded import run_bounded
from citegloss.yamlfile import YamlDocument, parse_yaml
from citegloss.yamlguard import RefusedYaml, needs_guard

ROOT = Path(__file__).parents[1]
FILES = sorted((ROOT / "glossary").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures").rglob("*.yaml")
)


def _shape(doc: YamlDocument) -> tuple[object, ...]:
    """What a document holds, positions included, independent of object identities."""

    def walk(node: object) -> object:
        if isinstance(node, dict):
            return {
                k: (walk(v), doc.values[id(node)][k], doc.keys[id(node)][k])
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [(walk(v), doc.values[id(node)][i]) for i, v in enumerate(node)]
        return node

    return walk(doc.data), tuple(doc.duplicate_keys)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_c_and_guarded_composers_build_the_same_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        fast = parse_yaml(text)
    except Exception as exc:  # a broken fixture: the guarded path must fail the same way
        with pytest.raises(type(exc)):
            parse_yaml(text, guarded=True)
        return
    assert _shape(fast) == _shape(parse_yaml(text, guarded=True))


def test_the_real_glossary_takes_the_c_path() -> None:
    """The speed of `citegloss check` rests on ordinary concept files needing no guard."""
    taken = [
        p.name
        for p in sorted((ROOT / "glossary").glob("*.yaml"))
        if needs_guard(p.read_text("utf-8"))
    ]
    assert taken == []


@pytest.mark.parametrize(
    "value",
    ["[" * 100_000 + "]" * 100_000, '[x, "]", ' * 60_000, "{a: " * 3_000 + "b" + "}" * 3_000],
    ids=["deep", "deep-behind-quoted-closers", "deep-mappings"],
)
def test_deep_flow_nesting_is_refused_not_a_crash(tmp_path: Path, value: str) -> None:
    """PyYAML's C composer segfaults at 100,000 levels; the guard refuses them at their line."""
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "deep.yaml").write_text(f"term: Deep\nrelated: {value}\n")
    (tmp_path / "references.bib").write_text("")
    run = run_bounded(["check"], tmp_path)
    run.assert_clean_failure("yaml-error", "glossary/deep.yaml:2:")
    assert "nested more than" in run.output


_PIECES = st.sampled_from(
    ["a", "b: ", "- ", "  ", "\n", "&x ", "*x", "!", "!!int ", "[", "]", "{", "}", ", ", "'", '"',
     "? ", "1" * 31, "0x" + "f" * 30, "1978", "Schön & Argyris", "#", "|\n  ", ">-\n  "]
)  # fmt: skip


@settings(max_examples=int(os.environ.get("CITEGLOSS_EXAMPLES", "400")), deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_text_cleared_for_the_c_composer_reads_as_the_guard_reads_it(text: str) -> None:
    """Whatever the text, the C path never lets through what the guard refuses: a refusal made
    while composing (anchors, tags, depth) never reaches it, one made while constructing (a long
    number) is made on both paths, with the same message."""
    if needs_guard(text):
        return
    try:
        guarded = _shape(parse_yaml(text, guarded=True))
    except yaml.YAMLError as exc:
        with pytest.raises(yaml.YAMLError) as fast:
            parse_yaml(text)
        if isinstance(exc, RefusedYaml):
            assert isinstance(fast.value, RefusedYaml), (text, exc)
            assert "digits" in exc.problem, (text, exc)  # only the constructor's refusal
            assert str(fast.value) == str(exc)
        return
    assert _shape(parse_yaml(text)) == guarded
