"""The published audits of the source documents: valid, keyed to references.bib, and stable."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from citegloss.audit_extract import extract_citations
from citegloss.audit_verdicts import counts, document_reference_findings, judge_audit
from citegloss.audits import load_audits
from citegloss.bib import load_bibliography

ROOT = Path(__file__).resolve().parent.parent
#: The source documents, when this machine has them (they are not in the repository).
SEEDS = Path(os.environ.get("CITEGLOSS_SEEDS", "/work/shared/seeds"))

EXPECTED = {
    "holmqvist-2003-excerpt": {"correct": 16, "misspelled-author": 2, "unidentifiable": 11},
    "km-ol-synergy-blog": {
        "misattributed-author": 2,
        "wrong-year": 4,
        "wrong-venue": 4,
        "unidentifiable": 2,
    },
    "ol-vs-lo-article": {
        "correct": 12,
        "missing-coauthor": 2,
        "extra-coauthor": 1,
        "wrong-year": 2,
        "unidentifiable": 17,
    },
}


@pytest.fixture(scope="module")
def published() -> dict[str, dict[str, int]]:
    audits, findings = load_audits(ROOT / "glossary" / "audits")
    assert findings == []
    bibliography = load_bibliography(ROOT / "references.bib")
    tallies = {}
    for audit in audits:
        assert document_reference_findings(audit, bibliography) == []
        verdicts = judge_audit(audit, bibliography)
        assert not [f for v in verdicts for f in v.findings if f.code == "unknown-key"]
        tallies[audit.id] = {code: n for code, n in counts(verdicts).items() if n}
    return tallies


def test_each_source_document_has_its_audit(published: dict[str, dict[str, int]]) -> None:
    assert published == EXPECTED


def test_every_citation_is_in_its_source_text_at_its_line() -> None:
    audits, _ = load_audits(ROOT / "glossary" / "audits")
    for audit in audits:
        source = SEEDS / Path(audit.document.source).name
        if not source.is_file():
            pytest.skip(f"{source} is not here")
        lines = source.read_text(encoding="utf-8").splitlines()
        for citation in audit.citations:
            # a citation may run over a line break: compare from its line on, spaces folded
            here = " ".join(" ".join(lines[citation.line - 1 : citation.line + 1]).split())
            assert re.sub(r"\s+", " ", citation.as_written) in here, (audit.id, citation)


def test_the_extractor_finds_every_published_citation_and_no_other() -> None:
    """The audits were drafted by `audit extract`; re-extracting finds the same citations."""
    audits, _ = load_audits(ROOT / "glossary" / "audits")
    for audit in audits:
        source = SEEDS / Path(audit.document.source).name
        if not source.is_file():
            pytest.skip(f"{source} is not here")
        found = extract_citations(source.read_text(encoding="utf-8"))
        assert [(c.as_written, c.line, c.claim.year) for c in audit.citations] == [
            (c.as_written, c.line, c.year) for c in found
        ], audit.id
