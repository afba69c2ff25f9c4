"""`citegloss init DIR`: a new glossary for another field that builds and checks at once, from
the installed package alone (a wheel in a fresh virtual environment), with none of this
glossary's content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from citegloss.bib import load_bibliography

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=ENV
    )


def build_and_check(python: Path | str, citegloss: list[str | Path], project: Path) -> None:
    """What a scholar does first in a new project: build the site, check the citations."""
    built = run(python, "-m", "mkdocs", "build", "--strict", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "site" / "concepts" / "paradigm.html").is_file()
    assert "Kuhn" in (project / "site" / "bibliography.html").read_text(encoding="utf-8")
    checked = run(*citegloss, "check", "--strict", cwd=project)
    assert (checked.returncode, checked.stdout.strip()) == (0, "No problems found.")


def test_init_makes_a_project_that_builds_and_checks(tmp_path: Path) -> None:
    made = run(sys.executable, "-m", "citegloss", "init", "history-of-science", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "history-of-science"
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()) == [
        ".github/workflows/site.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "README.md",
        "docs/contributing.md",
        "docs/index.md",
        "glossary/paradigm.yaml",
        "mkdocs.yml",
        "references.bib",
        "requirements.txt",
    ]
    assert 'site_name: "History of science glossary"' in (project / "mkdocs.yml").read_text()
    build_and_check(sys.executable, [sys.executable, "-m", "citegloss"], project)


def test_init_copies_nothing_of_this_glossary(tmp_path: Path) -> None:
    run(sys.executable, "-m", "citegloss", "init", "p", cwd=tmp_path)
    ours = {p.stem for p in (ROOT / "glossary").glob("*.yaml")}
    theirs = {p.stem for p in (tmp_path / "p" / "glossary").glob("*.yaml")}
    assert theirs and not theirs & ours
    our_keys = set(load_bibliography(ROOT / "references.bib").references)
    their_keys = set(load_bibliography(tmp_path / "p" / "references.bib").references)
    assert their_keys and not their_keys & our_keys


def test_init_never_overwrites(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("mine\n", encoding="utf-8")
    result = run(sys.executable, "-m", "citegloss", "init", "p", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "citegloss: error: 'p' already has docs/index.md; nothing was written\n"
    assert [p.name for p in project.rglob("*") if p.is_file()] == ["index.md"]
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == "mine\n"


def test_the_new_projects_workflow_passes_zizmor(tmp_path: Path) -> None:
    run(sys.executable, "-m", "citegloss", "init", "p", cwd=tmp_path)
    zizmor = Path(sys.executable).with_name("zizmor")
    result = run(zizmor, "--offline", "--no-progress", ".github/workflows", cwd=tmp_path / "p")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built from its pyproject, README and sources alone, without network."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "scripts",
        source / "scripts",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    dist = tmp_path_factory.mktemp("dist")
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", dist, source, cwd=source,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = dist.glob("citegloss-*.whl")
    return found


def test_the_wheel_holds_what_the_plugin_and_init_read(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "citegloss/concept.schema.json",
        "citegloss/audit.schema.json",
        "citegloss/render/citegloss.css",
        "citegloss/render/iframe-worker-shim.js",
        "citegloss/templates/project/dot-github/workflows/site.yml",
        "citegloss/templates/project/dot-pre-commit-config.yaml",
        "citegloss/templates/project/glossary/paradigm.yaml",
    ):
        assert needed in names


def test_a_wheel_in_a_fresh_venv_starts_and_builds_a_project(tmp_path: Path, wheel: Path) -> None:
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
    )
    # The dependencies (not citegloss) come from this environment, as an offline index would.
    (Path(purelib.stdout.strip()) / "dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    installed = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
        cwd=tmp_path,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    where = run(
        python, "-c", "import citegloss.mkdocs_plugin as m; print(m.__file__)", cwd=tmp_path
    )
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    made = run(venv / "bin" / "citegloss", "init", "glossary-of-optics", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    build_and_check(python, [venv / "bin" / "citegloss"], tmp_path / "glossary-of-optics")
