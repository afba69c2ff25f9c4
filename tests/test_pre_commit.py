"""The pre-commit hook this repository offers (`.pre-commit-hooks.yaml`), run the way another
repository would use it: `pre-commit try-repo` on a glossary with a broken citation fails and
names it, on a good glossary passes, and never changes a file.

pre-commit reads a hook repository from git, so the hooks file is committed to a temporary
repository first (it is all a `language: system` hook repository needs; the hook runs the
`citegloss` of this environment, offline). This repository's own `.pre-commit-config.yaml`
runs the same hook from the checkout; a test keeps the two in step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, GIT_ENV

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="pre-commit needs git")


def git_env(tmp_path: Path) -> dict[str, str]:
    return {
        **GIT_ENV,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }


def git_repo(folder: Path, env: dict[str, str]) -> Path:
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)
    return folder


@pytest.fixture
def hook_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = git_env(tmp_path)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks)
    return git_repo(hooks, env), env


def try_repo(fixture: str, tmp_path: Path, hooks: Path, env: dict[str, str]) -> str:
    glossary = shutil.copytree(FIXTURES / fixture, tmp_path / fixture)
    git_repo(glossary, env)
    result = subprocess.run(
        [BIN / "pre-commit", "try-repo", hooks, "citegloss-check", "--all-files"],
        cwd=glossary, env=env, capture_output=True, text=True,
    )  # fmt: skip
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=glossary, env=env, capture_output=True, text=True
    )
    assert status.stdout == ""  # the hook never changes a file
    return f"{result.returncode}\n{result.stdout}{result.stderr}"


def test_hook_fails_on_a_broken_citation(
    tmp_path: Path, hook_repo: tuple[Path, dict[str, str]]
) -> None:
    output = try_repo("wrong-year", tmp_path, *hook_repo)
    assert output.startswith("1\n"), output
    assert "citegloss check" in output and "Failed" in output
    assert "glossary/organizational-learning.yaml:8:11: error wrong-year" in output


def test_hook_passes_on_a_good_glossary(
    tmp_path: Path, hook_repo: tuple[Path, dict[str, str]]
) -> None:
    output = try_repo("valid", tmp_path, *hook_repo)
    assert output.startswith("0\n"), output
    assert "citegloss check" in output and "Passed" in output


@pytest.mark.parametrize(
    "config_file",
    [".pre-commit-config.yaml", "scripts/citegloss/templates/project/dot-pre-commit-config.yaml"],
)
def test_the_local_hooks_are_the_published_one(config_file: str) -> None:
    """This repository's config, and the one `citegloss init` writes."""
    (published,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / config_file).read_text(encoding="utf-8"))
    (local,) = [h for r in config["repos"] for h in r["hooks"] if h["id"] == published["id"]]
    for key in ("entry", "language", "pass_filenames", "files"):
        assert local[key] == published[key], key
