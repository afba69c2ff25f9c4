"""`citegloss audit` and `citegloss audit extract` as editors and CI run them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURES
from test_cli import run


def test_audit_findings_do_not_fail_the_build() -> None:
    result = run("audit", cwd=FIXTURES / "audit-verdicts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "glossary/audits/sample-article.yaml:13:13: error misattributed-author "
        "“Stubruch (2006)”: 'Stubruch' is not an author of 'senge2006fifth', which is by Senge"
    )
    assert "Found 6 errors and 1 warning." in lines
    assert lines[-1] == (
        "glossary/audits/sample-article.yaml: 9 citations: 2 correct, 1 misattributed author, "
        "1 missing co-author, 1 extra co-author, 1 misspelled author, 1 wrong year, "
        "1 wrong venue, 1 unidentifiable"
    )


def test_strict_fails_on_any_finding_about_the_document() -> None:
    assert run("audit", "--strict", cwd=FIXTURES / "audit-verdicts").returncode == 1


def test_json_findings_carry_the_citation_as_written() -> None:
    result = run("audit", "--format", "json", cwd=FIXTURES / "audit-verdicts")
    report = json.loads(result.stdout)
    first = report["findings"][0]
    assert first["as_written"] == "Stubruch (2006)"
    assert first["code"] == "misattributed-author"
    assert {f["as_written"] for f in report["findings"]} >= {"Riege (2005)", "(Jackson, 2000)"}
    assert report["audits"] == [
        {
            "id": "sample-article",
            "file": "glossary/audits/sample-article.yaml",
            "title": "A sample article with every kind of mistake",
            "citations": 9,
            "verdicts": {
                "correct": 2,
                "misattributed-author": 1,
                "missing-coauthor": 1,
                "extra-coauthor": 1,
                "misspelled-author": 1,
                "wrong-year": 1,
                "wrong-venue": 1,
                "unidentifiable": 1,
            },
        }
    ]


def test_github_format() -> None:
    result = run("audit", "--format", "github", cwd=FIXTURES / "audit-verdicts")
    assert result.stdout.startswith(
        "::error file=glossary/audits/sample-article.yaml,line=13,col=13,"
        "title=citegloss misattributed-author::“Stubruch (2006)”"
    )


def test_broken_audit_files_fail_with_exit_1() -> None:
    for scenario in ("audit-bad-yaml", "audit-schema-error", "audit-unknown-key"):
        result = run("audit", cwd=FIXTURES / scenario)
        assert result.returncode == 1, scenario
        assert "Traceback" not in result.stderr


def test_cannot_run_exits_2_with_a_plain_message(tmp_path: Path) -> None:
    result = run("audit", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "citegloss: error: the audits folder 'glossary/audits' does not exist (use --audits DIR)\n"
    )


def _project(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "audit-extract" / "references.bib", tmp_path / "references.bib")
    shutil.copy(FIXTURES / "audit-extract" / "article.md", tmp_path / "article.md")
    return tmp_path


def test_extract_writes_a_draft_that_audits_cleanly(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = run("audit", "extract", "article.md", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "Wrote glossary/audits/article.yaml: 10 citations, 8 matched to references.bib, "
        "2 to identify by hand.\n"
    )
    draft = (project / "glossary" / "audits" / "article.yaml").read_text(encoding="utf-8")
    assert draft.startswith("# Draft audit of article.md, written by `citegloss audit extract`.")
    audited = run("audit", "--format", "json", cwd=project)
    assert audited.returncode == 0
    codes = json.loads(audited.stdout)["audits"][0]["verdicts"]
    assert codes["missing-coauthor"] == 2  # Crossan & White; Garvin & Gino
    assert codes["wrong-venue"] == 1  # Riege in "Management Learning"
    assert codes["unidentifiable"] == 2


def test_extract_never_overwrites_without_force(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = project / "glossary" / "audits" / "article.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("# my careful edits\n", encoding="utf-8")
    result = run("audit", "extract", "article.md", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        "citegloss: error: 'glossary/audits/article.yaml' exists; "
        "use --force to overwrite it, or -o OUT\n"
    )
    assert target.read_text(encoding="utf-8") == "# my careful edits\n"
    assert run("audit", "extract", "article.md", "--force", cwd=project).returncode == 0
    assert "citations:" in target.read_text(encoding="utf-8")


def test_extract_to_stdout_and_bad_documents(tmp_path: Path) -> None:
    project = _project(tmp_path)
    shown = run("audit", "extract", "article.md", "-o", "-", cwd=project)
    assert shown.returncode == 0
    assert "as_written: Crossan & White (1999)" in shown.stdout
    assert not (project / "glossary").exists()
    missing = run("audit", "extract", "nothing.txt", cwd=project)
    assert (missing.returncode, missing.stderr) == (
        2,
        "citegloss: error: the document 'nothing.txt' does not exist\n",
    )
    (project / "latin1.txt").write_bytes("Sch\xf6n (1983)".encode("latin-1"))
    latin = run("audit", "extract", "latin1.txt", cwd=project)
    assert latin.returncode == 2
    assert latin.stderr.startswith("citegloss: error: 'latin1.txt' is not UTF-8 text")
