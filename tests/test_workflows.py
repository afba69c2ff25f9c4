"""The GitHub workflows: zizmor finds nothing in them offline (least permissions, no persisted
credentials, actions pinned to commit SHAs: .github/zizmor.yml), and the test job's own script
runs the suite exactly when scripts/ or tests/ changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GIT_ENV

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def change_detector() -> str:
    """The `run` script of the test job's "did the code change?" step."""
    workflow = yaml.safe_load((WORKFLOWS / "site.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["test"]["steps"] if s.get("id") == "changes"]
    script: str = step["run"]
    return script


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
@pytest.mark.parametrize(
    ("changed", "event", "runs"),
    [
        ("scripts/citegloss/x.py", "pull_request", True),
        ("tests/test_x.py", "push", True),
        ("glossary/x.yaml", "pull_request", False),
        ("docs/x.md", "push", False),
        ("docs/x.md", "workflow_dispatch", True),
    ],
)
def test_the_suite_runs_when_code_or_tests_change(
    tmp_path: Path, changed: str, event: str, runs: bool
) -> None:
    env = GIT_ENV

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True, text=True
        )
        return done.stdout.strip()

    git("init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("x\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")
    (tmp_path / changed).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / changed).write_text("x\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "change")
    output, summary = tmp_path / "output", tmp_path / "summary"
    subprocess.run(
        ["bash", "-e", "-c", change_detector()],
        cwd=tmp_path,
        env={
            **env,
            "EVENT": event,
            "BASE": base,
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
        },
        check=True,
    )
    assert output.read_text(encoding="utf-8") == f"code={'true' if runs else 'false'}\n"
