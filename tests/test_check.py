"""Each fixture holds one mistake; each gives exactly the finding a contributor should see."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from citegloss.model import Finding

Checked = Callable[[str], list[Finding]]
CONCEPT = "glossary/organizational-learning.yaml"

# scenario folder -> (code, file, line, words the message must contain)
ONE_MISTAKE = {
    "yaml-error": ("yaml-error", CONCEPT, 5, "not valid YAML"),
    "schema-error-unknown-field": ("schema-error", CONCEPT, 7, "unknown field 'autor'"),
    "schema-error-duplicate-key": (
        "schema-error",
        CONCEPT,
        5,
        "'year' appears twice in definitions[1]",
    ),
    "schema-error-file-name": (
        "schema-error",
        "glossary/Organizational_Learning.yaml",
        1,
        "not a concept id",
    ),
    "schema-error-empty-file": ("schema-error", "glossary/empty.yaml", 1, "empty"),
    "schema-error-mistyped": ("schema-error", CONCEPT, 8, "must be integer"),
    "bib-error": ("bib-error", "references.bib", 8, "never closed"),
    "duplicate-key": ("duplicate-key", "references.bib", 27, "'senge2006fifth' is used again"),
    "unknown-key": ("unknown-key", CONCEPT, 13, "'senge2006fith'"),
    "misattributed-author": ("misattributed-author", CONCEPT, 11, "by Senge"),
    "misspelled-author": ("misspelled-author", CONCEPT, 3, "'Schén' is spelled 'Schön'"),
    "missing-coauthor": ("missing-coauthor", CONCEPT, 7, "leaves out Lane"),
    "extra-coauthor": ("extra-coauthor", CONCEPT, 3, "'Putnam'"),
    "wrong-year": ("wrong-year", CONCEPT, 8, "from 1999, not 2005"),
    "quote-without-pages": ("quote-without-pages", CONCEPT, 3, "has no pages"),
    "unknown-related": ("unknown-related", CONCEPT, 2, "'learning-organisation'"),
    "unused-entry": ("unused-entry", "references.bib", 27, "'garvin2000learning'"),
    "duplicate-work": ("duplicate-work", "references.bib", 27, "same title and year"),
    "reserved-id": ("reserved-id", "glossary/index.yaml", 1, "'index' cannot be an id"),
    "invisible-character": (
        "invisible-character",
        CONCEPT,
        9,
        "cite 'senge2006<U+200B>fifth' contains an invisible",
    ),
}

#: The codes the checker documents; each must be reachable from a fixture above.
CODES = {
    "yaml-error",
    "schema-error",
    "bib-error",
    "duplicate-key",
    "unknown-key",
    "misattributed-author",
    "misspelled-author",
    "missing-coauthor",
    "extra-coauthor",
    "wrong-year",
    "quote-without-pages",
    "unknown-related",
    "unused-entry",
    "duplicate-work",
    "invisible-character",
    "reserved-id",
}


@pytest.mark.parametrize("scenario", sorted(ONE_MISTAKE))
def test_one_mistake_gives_exactly_its_finding(scenario: str, checked: Checked) -> None:
    code, file, line, words = ONE_MISTAKE[scenario]
    findings = checked(scenario)
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [(code, file, line)]
    assert words in findings[0].message


def test_every_code_has_a_fixture() -> None:
    assert {code for code, *_ in ONE_MISTAKE.values()} == CODES


def test_valid_glossary_gives_nothing(checked: Checked) -> None:
    assert checked("valid") == []


def test_tricky_but_correct_attributions_give_nothing(checked: Checked) -> None:
    """Accents, ASCII and German spellings, case, particles, hyphens, et al., corporate authors,
    editors of an edited volume, another order, and the original year of a later edition."""
    assert checked("tricky-but-correct") == []


@pytest.mark.parametrize(
    ("scenario", "suggestion"),
    [
        ("schema-error-unknown-field", "Did you mean 'author'?"),
        ("misspelled-author", "Write 'Schön'."),
        ("missing-coauthor", "Write 'Crossan, Lane & White', or 'Crossan et al.'."),
        ("extra-coauthor", "Remove 'Putnam': write 'Argyris & Schön'."),
        ("unknown-key", "Did you mean 'senge2006fifth'?"),
        ("wrong-year", "Write `year: 1999`."),
        ("duplicate-work", "cite 'crossan1999organizational' everywhere"),
        ("invisible-character", "Delete it: write 'senge2006fifth'."),
    ],
)
def test_suggestion_names_the_fix(scenario: str, suggestion: str, checked: Checked) -> None:
    assert suggestion in checked(scenario)[0].suggestion


def test_every_code_is_documented() -> None:
    page = (Path(__file__).parents[1] / "docs" / "codes.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"\n## {code}\n" in page
        assert f"[`{code}`](#{code})" in page


def test_an_entry_an_audit_cites_is_not_unused(monkeypatch: pytest.MonkeyPatch) -> None:
    from citegloss.cli import main

    monkeypatch.chdir(Path(__file__).parent / "fixtures" / "unused-entry-cited-by-audit")
    assert main(["check", "--strict"]) == 0
    monkeypatch.chdir(Path(__file__).parent / "fixtures" / "unused-entry")
    assert main(["check", "--strict"]) == 1


def test_a_bib_surname_without_letters_gives_findings_not_a_crash() -> None:
    from citegloss.attribution import check_claim
    from citegloss.bib import parse_bibliography
    from citegloss.model import Claim, Location

    bib = parse_bibliography(
        "@book{k, author = {{--} and Senge, Peter}, title = {T}, year = 1990}", "r.bib"
    )
    claim = Claim("Sengé & Garvin", 1990, "k", Location("g.yaml", 3, 5))
    assert [f.code for f in check_claim(claim, bib)] == ["extra-coauthor", "missing-coauthor"]
