"""Hostile input, security classes: writes through symlinks, invisible characters in names, ids
that collide with generated pages, broken symlinks in the glossary.

Each case runs the real command in a subprocess under the memory cap (`run_bounded`) and asserts
what a user sees: exit code, finding code, the file named, no traceback.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bounded import MEMORY_CAP, BoundedRun, run_bounded
from conftest import FIXTURES


def _bounded(args: list[str], cwd: Path) -> BoundedRun:
    run = run_bounded(args, cwd)
    assert run.peak_rss_bytes < MEMORY_CAP, run.peak_rss_bytes
    return run


def _extract_project(tmp_path: Path) -> Path:
    tmp_path.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "audit-extract" / "references.bib", tmp_path / "references.bib")
    shutil.copy(FIXTURES / "audit-extract" / "article.md", tmp_path / "article.md")
    (tmp_path / "glossary" / "audits").mkdir(parents=True)
    return tmp_path


# --- audit extract never writes through a symlink -------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_extract_refuses_a_dangling_symlink_as_output(tmp_path: Path, force: bool) -> None:
    project = _extract_project(tmp_path / "project")
    outside = tmp_path / "outside.yaml"
    (project / "draft.yaml").symlink_to(outside)
    args = ["audit", "extract", "article.md", "-o", "draft.yaml", *(["--force"] if force else [])]
    run = _bounded(args, project)
    run.assert_clean_failure("symbolic link", "draft.yaml", exit_code=2)
    assert not outside.exists()
    assert (project / "draft.yaml").is_symlink()


def test_extract_refuses_a_symlink_to_an_existing_file_even_with_force(tmp_path: Path) -> None:
    project = _extract_project(tmp_path / "project")
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    (project / "glossary" / "audits" / "article.yaml").symlink_to(outside)
    run = _bounded(["audit", "extract", "article.md", "--force"], project)
    run.assert_clean_failure("symbolic link", "glossary/audits/article.yaml", exit_code=2)
    assert outside.read_text(encoding="utf-8") == "keep me\n"


def test_extract_refuses_a_symlinked_folder_on_the_way(tmp_path: Path) -> None:
    project = _extract_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(project / "glossary" / "audits")
    (project / "glossary" / "audits").symlink_to(elsewhere, target_is_directory=True)
    run = _bounded(["audit", "extract", "article.md"], project)
    run.assert_clean_failure("symbolic link", "glossary/audits", exit_code=2)
    assert list(elsewhere.iterdir()) == []


def test_extract_overwrites_with_force_by_replacing_the_file_whole(tmp_path: Path) -> None:
    project = _extract_project(tmp_path)
    target = project / "glossary" / "audits" / "article.yaml"
    target.write_text("# my careful edits\n", encoding="utf-8")
    target.chmod(0o640)
    kept = _bounded(["audit", "extract", "article.md"], project)
    kept.assert_clean_failure("use --force", "glossary/audits/article.yaml", exit_code=2)
    assert target.read_text(encoding="utf-8") == "# my careful edits\n"
    before = target.stat().st_ino
    done = _bounded(["audit", "extract", "article.md", "--force"], project)
    assert done.returncode == 0, done.output
    assert "citations:" in target.read_text(encoding="utf-8")
    assert target.stat().st_ino != before  # a new file renamed over the old one
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert sorted(p.name for p in target.parent.iterdir()) == ["article.yaml"]  # no temp left


def test_a_new_draft_gets_the_usual_permissions(tmp_path: Path) -> None:
    project = _extract_project(tmp_path)
    done = _bounded(["audit", "extract", "article.md"], project)
    assert done.returncode == 0, done.output
    mode = (project / "glossary" / "audits" / "article.yaml").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
