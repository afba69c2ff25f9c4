"""`citegloss check --format html -o report.html`: one file a person opens in a browser, whose
text is escaped (a finding quotes what a contributor wrote) and which loads nothing at all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, Tags

HOSTILE = '<img src=x onerror=alert(1)> & "Schön"'
#: The tags the report is made of; a finding's text can add none.
REPORT_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "span", "table",
    "thead", "tbody", "tr", "th", "td", "code", "q", "br",
}  # fmt: skip


@pytest.fixture
def report(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    concept = tmp_path / "glossary" / "organizational-learning.yaml"
    concept.write_text(
        concept.read_text(encoding="utf-8").replace("author: Senge", f"author: '{HOSTILE}'"),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "citegloss", "check", "--format", "html", "-o", "report.html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    return tmp_path / "report.html"


def test_report_lists_the_finding_escaped(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "<h2>glossary/organizational-learning.yaml</h2>" in page
    assert "misattributed-author" in page
    assert (
        "&#x27;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Schön&quot;&#x27; is not an author"
        in page
    )
    tags = Tags()
    tags.feed(page)
    assert {tag for tag, _ in tags.seen} <= REPORT_TAGS
    attributes = {name for _, names in tags.seen for name in names}
    assert attributes <= {"lang", "charset", "http-equiv", "content", "name", "class"}
    assert "default-src 'none'" in page


def test_a_clean_glossary_reports_no_problems(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "citegloss", "check", "--format", "html", "--output", str(out)],
        cwd=FIXTURES / "valid",
    )
    assert done.returncode == 0
    assert "No problems found." in out.read_text(encoding="utf-8")


def test_an_unwritable_report_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "citegloss",
            "check",
            "--format",
            "html",
            "-o",
            str(tmp_path / "no" / "r.html"),
        ],
        cwd=FIXTURES / "valid",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("citegloss: error: cannot write ")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs chromium (make browser)")
def test_the_browser_loads_only_the_report_and_runs_nothing(report: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(report.as_uri())
        cell = page.locator("td", has_text="is not an author").first.inner_text()
        browser.close()
    assert requested == [report.as_uri()]
    assert dialogs == []
    assert HOSTILE in cell
