"""One root cause, one finding: a concept file that cannot be read is not reported again by
every concept that relates to it (unknown-related), nor by the entries only it cites (unused-entry)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from citegloss.bib import load_bibliography
from citegloss.check import check
from citegloss.glossary import load_glossary
from citegloss.model import Finding

ROOT = Path(__file__).resolve().parents[1]


def test_unreadable_files_give_only_their_own_findings(
    checked: Callable[[str], list[Finding]],
) -> None:
    findings = checked("broken-related")
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [
        ("schema-error", "glossary/learning-organization.yaml", 1),
        ("yaml-error", "glossary/organizational-learning.yaml", 5),
        ("unknown-related", "glossary/single-loop-learning.yaml", 2),
    ]
    assert "'team-learning'" in findings[-1].message  # a real unknown id is still reported


def test_one_broken_concept_of_the_real_glossary_gives_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    monkeypatch.chdir(tmp_path)
    target = Path("glossary/organizational-learning.yaml")
    related_to_it = [
        p for p in Path("glossary").glob("*.yaml") if p != target and target.stem in p.read_text()
    ]
    assert len(related_to_it) > 5  # the cascade this guards against would be that many errors
    target.write_text("term: [Organizational learning\n", encoding="utf-8")
    findings = check(load_glossary(Path("glossary")), load_bibliography(Path("references.bib")))
    assert [(f.code, f.location.file) for f in findings] == [
        ("yaml-error", "glossary/organizational-learning.yaml")
    ]
