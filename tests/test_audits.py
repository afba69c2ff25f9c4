"""Audit verdicts: each citation of a small audited document, and what the checks say of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegloss.audit_verdicts import (
    Verdict,
    counts,
    document_reference_findings,
    judge_audit,
    same_venue,
)
from citegloss.audits import load_audit_file, load_audits
from citegloss.bib import load_bibliography
from conftest import FIXTURES

SAMPLE = "glossary/audits/sample-article.yaml"


@pytest.fixture
def verdicts(monkeypatch: pytest.MonkeyPatch) -> list[Verdict]:
    monkeypatch.chdir(FIXTURES / "audit-verdicts")
    audits, findings = load_audits(Path("glossary/audits"))
    assert findings == []
    return judge_audit(audits[0], load_bibliography(Path("references.bib")))


def test_one_verdict_per_kind_of_mistake(verdicts: list[Verdict]) -> None:
    assert [(v.citation.as_written, v.codes) for v in verdicts] == [
        ("Senge (2006)", ("correct",)),
        ("Stubruch (2006)", ("misattributed-author",)),
        ("Crossan & White (1999)", ("missing-coauthor",)),
        ("Argyris & Schon, In 1977", ("extra-coauthor",)),
        ("Argyris& Schén(1978)", ("misspelled-author",)),
        ("Fiol & Lyles (2005)", ("wrong-year",)),
        ("Riege (2005)", ("wrong-venue",)),
        ("(Jackson, 2000)", ("unidentifiable",)),
        ("Ortenblad (2001)", ("correct",)),
    ]


def test_counts_per_verdict(verdicts: list[Verdict]) -> None:
    assert counts(verdicts) == {
        "correct": 2,
        "misattributed-author": 1,
        "missing-coauthor": 1,
        "extra-coauthor": 1,
        "misspelled-author": 1,
        "wrong-year": 1,
        "wrong-venue": 1,
        "unidentifiable": 1,
    }


def test_findings_point_at_the_audit_line_and_carry_the_citation(verdicts: list[Verdict]) -> None:
    findings = [f for v in verdicts for f in v.findings]
    assert [(f.code, f.location.file, f.location.line, f.as_written) for f in findings] == [
        ("misattributed-author", SAMPLE, 13, "Stubruch (2006)"),
        ("missing-coauthor", SAMPLE, 17, "Crossan & White (1999)"),
        ("extra-coauthor", SAMPLE, 21, "Argyris & Schon, In 1977"),
        ("misspelled-author", SAMPLE, 27, "Argyris& Schén(1978)"),
        ("wrong-year", SAMPLE, 32, "Fiol & Lyles (2005)"),
        ("wrong-venue", SAMPLE, 37, "Riege (2005)"),
        ("unidentifiable", SAMPLE, 42, "(Jackson, 2000)"),
    ]
    wrong_year = findings[4]
    assert wrong_year.message == (
        "“Fiol & Lyles (2005)”: 'fiol1985organizational' is from 1985, not 2005"
    )
    assert wrong_year.suggestion == "The work: Fiol & Lyles (1985), 'Organizational Learning'."
    assert findings[5].message == (
        "“Riege (2005)”: 'riege2005three' did not appear in 'Management Learning' "
        "but in Journal of Knowledge Management"
    )
    assert findings[6].message == "“(Jackson, 2000)”: not in references.bib"
    assert not findings[6].is_error


def test_a_verdict_links_the_entry_it_means(verdicts: list[Verdict]) -> None:
    assert [v.reference.key if v.reference else None for v in verdicts][:3] == [
        "senge2006fifth",
        "senge2006fifth",
        "crossan1999organizational",
    ]
    assert verdicts[7].reference is None


@pytest.mark.parametrize(
    ("given", "venue", "same"),
    [
        ("Doubleday", "Currency Doubleday", True),
        ("the Harvard Business Review", "Harvard Business Review", True),
        ("Learning Organization", "The Learning Organization", True),
        ("Acad. of Management Review", "Academy of Management Review", True),
        ("Organisation Studies", "Organization Studies", True),
        ("Human Relations & Society", "Human Relations and Society", True),
        ("Management Learning", "Journal of Knowledge Management", False),
        ("The Journal of Knowledge Management", "Journal of Strategic Information Systems", False),
        ("Organization Science", "Organization Studies", False),
        ("Management", "Journal of Knowledge Management", False),
        ("Review", "Harvard Business Review", False),
        ("Addison-Wesley", "Addison-Wesley Publishing", True),
    ],
)
def test_same_venue(given: str, venue: str, same: bool) -> None:
    assert same_venue(given, venue) is same


# --- broken audit files: the project's mistakes, named by file and line -----------------------


def load(scenario: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, str]]:
    monkeypatch.chdir(FIXTURES / scenario)
    _, findings = load_audits(Path("glossary/audits"))
    return [(f.code, f.location.line, f.message) for f in findings]


def test_invalid_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load("audit-bad-yaml", monkeypatch) == [
        ("yaml-error", 6, "not valid YAML: mapping values are not allowed in this context")
    ]


def test_schema_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load("audit-schema-error", monkeypatch) == [
        ("schema-error", 5, "unknown field 'autor' in citations[1]"),
        ("schema-error", 8, "citations[2] is missing the required field 'reason'"),
        ("schema-error", 10, "citations[2].year must be integer, not text ('2000')"),
        ("schema-error", 2, "document needs 'cite' (its key in references.bib) or 'title'"),
    ]


def test_unknown_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "audit-unknown-key")
    audits, findings = load_audits(Path("glossary/audits"))
    bib = load_bibliography(Path("references.bib"))
    assert findings == []
    own = document_reference_findings(audits[0], bib)
    assert [(f.code, f.location.line) for f in own] == [("unknown-key", 2)]
    (verdict,) = judge_audit(audits[0], bib)
    assert verdict.codes == ("unknown-key",)
    assert "Did you mean 'senge2006fifth'?" in verdict.findings[0].suggestion


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.yaml", "", "the file is empty"),
        ("list.yaml", "- a\n- b\n", "must be a mapping"),
        ("Bad_Name.yaml", "document: {title: x}\ncitations: []\n", "not an audit id"),
        ("latin1.yaml", "document:\n  title: Sch\xf6n\n", "not UTF-8"),
        ("dup.yaml", "document: {title: x}\ncitations: []\ncitations: []\n", "appears twice"),
    ],
)
def test_bad_files_are_findings_not_tracebacks(
    tmp_path: Path, name: str, content: str, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1"))
    audit, findings = load_audit_file(path, f"audits/{name}")
    assert findings, audit
    assert any(words in f.message for f in findings), [f.message for f in findings]
    assert all(f.location.file == f"audits/{name}" and f.location.line >= 1 for f in findings)
