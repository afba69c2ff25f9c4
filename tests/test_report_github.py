"""`--format github` on a pull request with many findings: every one reaches the job summary,
and the annotations stop at GitHub's limit with a notice saying how many more there are."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from citegloss.model import Finding, Location
from citegloss.report_github import markdown_cell, step_summary

ERRORS, WARNINGS = 48, 12


@pytest.fixture
def sixty_findings(tmp_path: Path) -> Path:
    """A glossary whose one concept cites 48 entries with the wrong year; 12 entries unused."""
    entries = [
        f"@book{{k{i},\n  author = {{Doe, Jane}},\n  title = {{Work {i}}},\n  year = {{2000}}\n}}\n"
        for i in range(ERRORS + WARNINGS)
    ]
    (tmp_path / "references.bib").write_text("\n".join(entries), encoding="utf-8")
    definitions = "".join(
        f"  - author: Doe\n    year: 1999\n    cite: k{i}\n    paraphrase: Point {i}.\n"
        for i in range(ERRORS)
    )
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "many.yaml").write_text(
        f"term: Many\ndefinitions:\n{definitions}", encoding="utf-8"
    )
    return tmp_path


def run_github(*args: str, cwd: Path, summary: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(
        [sys.executable, "-m", "citegloss", *args, "--format", "github"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )


def test_sixty_findings_all_in_the_summary_and_twenty_annotated(sixty_findings: Path) -> None:
    summary = sixty_findings / "summary.md"
    summary.write_text("Earlier step's summary.\n", encoding="utf-8")
    result = run_github("check", cwd=sixty_findings, summary=summary)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    notices = [line for line in lines if line.startswith("::notice ")]
    assert notices == [
        "::notice title=citegloss findings not shown::40 more findings are not shown as "
        "annotations: GitHub shows 10 errors and 10 warnings per step; all 60 are in the job summary."
    ]
    assert len(lines) == 21
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Earlier step's summary.\n")  # appended, never overwritten
    assert "### citegloss check\n\nFound 48 errors and 12 warnings.\n" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + ERRORS + WARNINGS  # the header and every finding
    for i in range(ERRORS):
        assert re.search(rf"\| error wrong\\-year \| 'k{i}' is from 2000, not 1999 \|", text)


def test_without_a_summary_the_notice_says_how_to_see_them_all(sixty_findings: Path) -> None:
    result = run_github("check", cwd=sixty_findings, summary=None)
    assert result.stdout.splitlines()[-1].endswith("run `citegloss check` to see them all.")


def test_few_findings_are_all_annotated_and_no_notice(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "misspelled-author"
    summary = tmp_path / "summary.md"
    result = run_github("check", cwd=fixture, summary=summary)
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["::error"]
    assert "| glossary/organizational\\-learning\\.yaml\\:3 | error misspelled\\-author |" in (
        summary.read_text(encoding="utf-8")
    )


def test_audit_github_output_also_writes_the_summary(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "audit-verdicts"
    summary = tmp_path / "summary.md"
    result = run_github("audit", cwd=fixture, summary=summary)
    assert result.stdout.count("\n::") < 21
    assert summary.read_text(encoding="utf-8").startswith("### citegloss audit\n")


def test_a_cell_cannot_break_the_table_or_carry_markup() -> None:
    cell = markdown_cell(
        "a | b <script>x</script> [link](javascript:x) **bold** $x$ :+1: @you\nnext"
    )
    assert "|" not in cell.replace("\\|", "")
    assert "<" not in cell.replace("\\<", "").replace("<br>", "")
    for escaped in (r"\[link\]", r"\*\*bold\*\*", r"\$x\$", r"\:\+1\:", r"\@you"):
        assert escaped in cell
    assert cell.endswith("<br>next")
    finding = Finding.error("wrong-year", Location("glossary/a|b.yaml", 3), "x | y", "")
    row = step_summary([finding], "citegloss check").strip().splitlines()[-1]
    assert row.count(" | ") == 3 and row.startswith("| ") and row.endswith(" |")  # four cells
