"""The CI job that verifies references.bib: it passes zizmor's offline audits and runs when it should."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "verify.yml"


def zizmor() -> str:
    installed = Path(sys.executable).with_name("zizmor")
    found = str(installed) if installed.exists() else shutil.which("zizmor")
    if found is None:
        pytest.skip("zizmor is not installed (it is in requirements.lock)")
    return found


def test_the_verify_workflow_passes_zizmor_offline() -> None:
    done = subprocess.run(
        [zizmor(), "--offline", str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_it_runs_on_bibliography_changes_and_weekly_with_a_response_cache() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "references.bib" in triggers["pull_request"]["paths"]
    assert triggers["schedule"][0]["cron"]
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["verify"]["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    uses = [s["uses"] for s in steps if "uses" in s]
    assert all("@" in u and len(u.split("@")[1]) == 40 for u in uses)  # pinned to commits
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/citegloss"
    command = next(s["run"] for s in steps if "citegloss verify" in s.get("run", ""))
    assert "--format github" in command and '--summary "$GITHUB_STEP_SUMMARY"' in command
