"""The command line as CI and contributors use it: exit status, output formats, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from citegloss.cli import main
from conftest import FIXTURES


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console entry point, in a subprocess, as CI runs it."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "citegloss", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def test_broken_citation_fails_with_exit_1() -> None:
    result = run("check", cwd=FIXTURES / "wrong-year")
    assert result.returncode == 1
    assert result.stdout.startswith(
        "glossary/organizational-learning.yaml:8:11: error wrong-year "
        "'crossan1999organizational' is from 1999, not 2005\n    Write `year: 1999`."
    )
    assert result.stdout.rstrip().endswith("Found 1 error and 0 warnings.")
    assert result.stderr == ""


def test_clean_glossary_exits_0() -> None:
    result = run("check", cwd=FIXTURES / "valid")
    assert (result.returncode, result.stdout.strip()) == (0, "No problems found.")


def test_warnings_pass_unless_strict() -> None:
    assert run("check", cwd=FIXTURES / "unused-entry").returncode == 0
    assert run("check", "--strict", cwd=FIXTURES / "unused-entry").returncode == 1


def test_json_output_has_the_documented_fields() -> None:
    result = run("check", "--format", "json", cwd=FIXTURES / "missing-coauthor")
    report = json.loads(result.stdout)
    assert report["findings"] == [
        {
            "code": "missing-coauthor",
            "severity": "error",
            "file": "glossary/organizational-learning.yaml",
            "line": 7,
            "column": 13,
            "message": "'Crossan & White' leaves out Lane: 'crossan1999organizational' is by Crossan, Lane & White",
            "suggestion": "Write 'Crossan, Lane & White', or 'Crossan et al.'.",
        }
    ]
    assert report["summary"] == {"errors": 1, "warnings": 0, "by_code": {"missing-coauthor": 1}}


def test_github_output_annotates_the_yaml_line() -> None:
    result = run("check", "--format", "github", cwd=FIXTURES / "misspelled-author")
    assert result.stdout.strip() == (
        "::error file=glossary/organizational-learning.yaml,line=3,col=13,"
        "title=citegloss misspelled-author::'Schén' is spelled 'Schön' in "
        "'argyris1978organizational'%0AWrite 'Schön'."
    )


def test_glossary_and_bib_options_point_elsewhere(tmp_path: Path) -> None:
    scenario = FIXTURES / "extra-coauthor"
    result = run(
        "check",
        "--glossary",
        str(scenario / "glossary"),
        "--bib",
        str(scenario / "references.bib"),
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "extra-coauthor" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--glossary", "nowhere"], "the glossary folder 'nowhere' does not exist"),
        (["check", "--bib", "missing.bib"], "the bibliography 'missing.bib' does not exist"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--no-such-flag"], "unrecognized arguments: --no-such-flag"),
        ([], "usage: citegloss"),
    ],
)
def test_cannot_run_exits_2_with_a_message(args: list[str], message: str) -> None:
    result = run(*args, cwd=FIXTURES / "valid")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bib_not_in_the_encoding_given_exits_2(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "references.bib").write_bytes(b"@book{k, title = {\xff\xfe}}")
    result = run("check", "--encoding", "utf-8", cwd=tmp_path)
    assert result.returncode == 2
    assert "'references.bib' is not utf-8 text" in result.stderr
    assert "Traceback" not in result.stderr
    unknown = run("check", "--encoding", "klingon", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "unknown encoding 'klingon'" in unknown.stderr


def test_check_never_writes_to_the_users_files(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario"
    scenario.mkdir()
    for path in (FIXTURES / "yaml-error").rglob("*"):
        target = scenario / path.relative_to(FIXTURES / "yaml-error")
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in scenario.rglob("*") if p.is_file()}
    assert (
        main(
            [
                "check",
                "--glossary",
                str(scenario / "glossary"),
                "--bib",
                str(scenario / "references.bib"),
            ]
        )
        == 1
    )
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in scenario.rglob("*") if p.is_file()}
    assert before == after
