"""`citegloss verify` against fake providers on loopback: one entry per verdict, and trouble."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES
from fake_providers import FakeProviders, serving

EXPECTED = {
    "sadasivan2012methylphenidate": "confirmed",
    "ryder2003denver": "confirmed",
    "boettiger2019forecast": "differs",
    "sadasivan2012missing": "differs",
    "smith2012borrowed": "doi-mismatch",
    "sadasivan2012retracted": "retracted",
    "stubruch1993dreaming": "not-found",
    "kellner1961workshop": "not-found",
}


def run(
    env: dict[str, str], *args: str, cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citegloss", "verify", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "NO_COLOR": "1"},
        timeout=timeout,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "verify" / "bibliography" / "references.bib", tmp_path)
    return tmp_path


def test_each_entry_gets_its_verdict(project: Path) -> None:
    with serving(FakeProviders()) as env:
        result = run(env, "--format", "json", "--no-cache", cwd=project)
    assert result.returncode == 1, result.stderr  # differs, doi-mismatch and retracted fail
    report = json.loads(result.stdout)
    assert {e["key"]: e["verdict"] for e in report["entries"]} == EXPECTED
    entries = {e["key"]: e for e in report["entries"]}
    assert entries["boettiger2019forecast"]["differences"] == [
        {"field": "year", "entry": "2019", "record": "2022"}
    ]
    assert entries["sadasivan2012missing"]["differences"][0]["field"] == "authors"
    assert "Smeyne" in entries["sadasivan2012missing"]["differences"][0]["record"]
    assert "Sadasivan et al. (2012)" in entries["smith2012borrowed"]["message"]
    assert entries["ryder2003denver"]["provider"] == "openlibrary"
    assert entries["stubruch1993dreaming"]["message"].startswith("unverified")
    assert "fabricat" not in result.stdout
    assert report["summary"] == {
        "entries": 8,
        "confirmed": 2,
        "differs": 2,
        "doi-mismatch": 1,
        "not-found": 2,
        "retracted": 1,
        "unreachable": 0,
    }
    assert set(entries["smith2012borrowed"]) == {
        "key",
        "verdict",
        "provider",
        "identifier",
        "differences",
        "message",
    }


def test_polite_requests_carry_the_contact_address(project: Path) -> None:
    fake = FakeProviders()
    with serving(fake) as env:
        run(env, "--no-cache", "--key", "sadasivan2012methylphenidate", cwd=project)
    assert fake.requests and all("mailto=maintainer%40example.org" in r for r in fake.requests)


def test_only_suspect_entries_fail_and_strict_fails_not_found(project: Path) -> None:
    with serving(FakeProviders()) as env:
        confirmed = run(env, "--no-cache", "--key", "ryder2003denver", cwd=project)
        not_found = run(env, "--no-cache", "--key", "kellner1961workshop", cwd=project)
        strict = run(env, "--no-cache", "--strict", "--key", "kellner1961workshop", cwd=project)
    assert (confirmed.returncode, not_found.returncode, strict.returncode) == (0, 0, 1)
    assert confirmed.stdout.startswith("references.bib:")
    assert "confirmed ryder2003denver [Open Library /works/OL4437736W]" in confirmed.stdout


def test_github_format_annotates_each_suspect_line(project: Path) -> None:
    with serving(FakeProviders()) as env:
        result = run(
            env, "--no-cache", "--format", "github", "--summary", "summary.md", cwd=project
        )
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::error file=references.bib,line=") and "retracted" in line
        for line in lines
    )
    assert any(line.startswith("::warning ") and "kellner1961workshop" in line for line in lines)
    assert not any("sadasivan2012methylphenidate" in line for line in lines)
    summary = (project / "summary.md").read_text()
    assert "**2** confirmed" in summary and "| `smith2012borrowed` | doi-mismatch |" in summary


def test_a_warm_run_is_answered_from_the_cache(project: Path) -> None:
    fake = FakeProviders()
    with serving(fake) as env:
        first = run(env, "--cache-dir", "cache", cwd=project)
        asked = len(fake.requests)
        second = run(env, "--cache-dir", "cache", cwd=project)
    assert asked > 0 and len(fake.requests) == asked
    assert first.stdout == second.stdout


def test_429_then_500_then_a_hang_is_unreachable_in_bounded_time(project: Path) -> None:
    fake = FakeProviders(script=["429", "500", "hang"], hang_seconds=20)
    started = time.monotonic()
    with serving(fake) as env:
        result = run(
            env,
            "--no-cache",
            "--timeout",
            "1",
            "--retries",
            "2",
            "--concurrency",
            "1",
            "--format",
            "json",
            cwd=project,
        )
    elapsed = time.monotonic() - started
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    verdicts = {e["verdict"] for e in json.loads(result.stdout)["entries"]}
    assert verdicts == {"unreachable"}
    assert len(fake.requests) == 3  # the first try, two retries; then crossref is not asked again
    assert elapsed < 15
    assert "could not verify every entry (crossref:" in result.stderr


def test_no_network_says_so_and_exits_2(project: Path) -> None:
    env = {
        "CITEGLOSS_CROSSREF_URL": "http://127.0.0.1:9",
        "CITEGLOSS_OPENLIBRARY_URL": "http://127.0.0.1:9",
    }
    result = run(env, "--no-cache", "--retries", "0", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot reach crossref at http://127.0.0.1:9: connection refused" in result.stderr


def test_update_writes_the_record_and_never_touches_the_bib(project: Path) -> None:
    bib = (project / "references.bib").read_bytes()
    with serving(FakeProviders()) as env:
        run(env, "--no-cache", "--update", cwd=project)
    assert (project / "references.bib").read_bytes() == bib
    text = (project / "references.verified.yaml").read_text()
    assert text.startswith("# Verification record of references.bib")
    assert "  boettiger2019forecast:\n    fingerprint: " in text
    assert "provider: openlibrary" in text and "identifier: 10.1111/ele.14024" in text
    assert not list(project.glob(".references.verified.yaml.*"))  # no temporary file left
