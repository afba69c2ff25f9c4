"""Hostile input, security classes: writes through symlinks, invisible characters in names, ids
that collide with generated pages, broken symlinks in the glossary.

Each case runs the real command in a subprocess under the memory cap (`run_bounded`) and asserts
what a user sees: exit code, finding code, the file named, no traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bounded import MEMORY_CAP, BoundedRun, run_bounded
from conftest import FIXTURES
from test_site_build import site_config


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


# --- invisible characters in names: an error that shows them -------------------------------


def _glossary_project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    return tmp_path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CONCEPT = "glossary/organizational-learning.yaml"


@pytest.mark.parametrize(
    ("invisible", "shown"),
    [("\u200b", "<U+200B>"), ("\u202e", "<U+202E>"), ("\u2066", "<U+2066>"),
     ("\ufeff", "<U+FEFF>"), ("\u00ad", "<U+00AD>"), ("\U000e0041", "<U+E0041>")],
)  # fmt: skip
def test_an_invisible_character_in_a_cite_is_shown_where_it_is(
    tmp_path: Path, invisible: str, shown: str
) -> None:
    project = _glossary_project(tmp_path)
    _edit(project / CONCEPT, "cite: senge2006fifth", f"cite: senge2006{invisible}fifth")
    run = _bounded(["check"], project)
    run.assert_clean_failure("invisible-character", f"{CONCEPT}:13:11")
    assert f"cite 'senge2006{shown}fifth' contains an invisible character" in run.stdout
    assert "Delete it: write 'senge2006fifth'." in run.stdout
    assert invisible not in run.output  # the terminal never receives it raw


def test_invisible_characters_in_related_and_with_are_named(tmp_path: Path) -> None:
    project = _glossary_project(tmp_path)
    _write(
        project / "glossary" / "team-learning.yaml",
        "term: Team learning\nrelated: [organizational\u200d-learning]\n"
        "definitions:\n  - author: Senge\n    year: 1990\n    cite: senge2006fifth\n"
        "    paraphrase: Teams thinking together.\n"
        "contrasts:\n  - with: \u2067organizational-learning\n    points:\n"
        "      - aspect: level\n        this: a team\n        other: an organization\n"
        "        author: Senge\n        year: 1990\n        cite: senge2006fifth\n",
    )
    run = _bounded(["check"], project)
    run.assert_clean_failure("invisible-character", "glossary/team-learning.yaml:2:11")
    assert "related 'organizational<U+200D>-learning'" in run.stdout
    assert ":9:11: error invisible-character with '<U+2067>organ" in run.stdout


def test_an_invisible_character_in_a_bib_key_is_an_error_at_its_entry(tmp_path: Path) -> None:
    project = _glossary_project(tmp_path)
    _edit(project / "references.bib", "@book{senge2006fifth,", "@book{senge2006\u200bfifth,")
    run = _bounded(["check"], project)
    run.assert_clean_failure("invisible-character", "references.bib:18:")
    assert "key 'senge2006<U+200B>fifth' contains an invisible character" in run.stdout
    assert "\u200b" not in run.output


def test_an_invisible_character_in_an_audit_cite_fails_the_audit(tmp_path: Path) -> None:
    project = _glossary_project(tmp_path)
    _write(
        project / "glossary" / "audits" / "post.yaml",
        "document:\n  title: A post\n  cite: crossan1999\u2060organizational\n"
        "citations:\n  - as_written: Senge (1990)\n    author: Senge\n    year: 1990\n"
        "    cite: senge2006\u200bfifth\n",
    )
    run = _bounded(["audit"], project)
    run.assert_clean_failure("invisible-character", "glossary/audits/post.yaml:8:11")
    assert ":3:9: error invisible-character cite 'crossan1999<U+2060>" in run.stdout
    assert "\u200b" not in run.output and "\u2060" not in run.output


def test_bidi_controls_in_displayed_text_never_reach_the_terminal(tmp_path: Path) -> None:
    project = _glossary_project(tmp_path)
    _edit(project / CONCEPT, "author: Senge", "author: Seneg\u202e")  # shows as "Senge"
    run = _bounded(["check"], project)
    run.assert_clean_failure("misspelled-author", f"{CONCEPT}:11:13")
    assert "\u202e" not in run.output and "'Seneg<U+202E>'" in run.output


# --- ids that collide with generated pages; broken symlinks in the glossary -----------------


def _audit_text(title: str = "A post") -> str:
    return (
        f"document:\n  title: {title}\ncitations:\n  - as_written: Senge (1990)\n"
        "    author: Senge\n    year: 1990\n    cite: senge2006fifth\n"
    )


def test_a_concept_named_index_is_reserved(tmp_path: Path) -> None:
    project = _glossary_project(tmp_path)
    shutil.copy(project / CONCEPT, project / "glossary" / "index.yaml")
    run = _bounded(["check"], project)
    run.assert_clean_failure("reserved-id", "glossary/index.yaml:1:1")
    assert "concepts/index" in run.stdout


def test_an_audit_named_index_is_reserved(tmp_path: Path) -> None:
    project = _glossary_project(tmp_path)
    (project / "glossary" / "audits").mkdir()
    (project / "glossary" / "audits" / "index.yaml").write_text(_audit_text(), encoding="utf-8")
    run = _bounded(["audit"], project)
    run.assert_clean_failure("reserved-id", "glossary/audits/index.yaml:1:1")


@pytest.mark.parametrize(
    ("folder", "command"), [("glossary", "check"), ("glossary/audits", "audit")]
)
@pytest.mark.parametrize(
    ("target", "words"),
    [("nowhere.yaml", "a symbolic link to 'nowhere.yaml', which does not exist"),
     ("loop.yaml", "a symbolic link that loops")],
)  # fmt: skip
def test_a_broken_symlink_among_the_files_is_reported(
    tmp_path: Path, folder: str, command: str, target: str, words: str
) -> None:
    project = _glossary_project(tmp_path)
    (project / folder).mkdir(exist_ok=True)
    (project / folder / "loop.yaml").symlink_to("loop.yaml")
    if target != "loop.yaml":
        (project / folder / "loop.yaml").unlink()
        (project / folder / "broken.yaml").symlink_to(target)
    name = "loop.yaml" if target == "loop.yaml" else "broken.yaml"
    run = _bounded([command], project)
    run.assert_clean_failure("yaml-error", f"{folder}/{name}")
    assert words in run.stdout


def test_a_symlink_to_a_fifo_is_not_read(tmp_path: Path) -> None:
    """A link to a named pipe would block a reader forever: it is reported, not opened."""
    project = _glossary_project(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    (project / "glossary" / "piped.yaml").symlink_to(tmp_path / "pipe")
    run = _bounded(["check"], project)
    run.assert_clean_failure("yaml-error", "glossary/piped.yaml")
    assert "not a regular file" in run.stdout


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [("index.yaml", None, "glossary/index.yaml:1:1: error reserved-id 'index' cannot be an id"),
     ("audits/index.yaml", _audit_text(),
      "glossary/audits/index.yaml:1:1: error reserved-id 'index' cannot be an id")],
)  # fmt: skip
def test_the_site_build_names_a_reserved_id(
    tmp_path: Path, name: str, text: str | None, message: str
) -> None:
    config = site_config("site-basic", tmp_path)
    target = tmp_path / "glossary" / name
    target.parent.mkdir(exist_ok=True)
    if text is None:
        shutil.copy(tmp_path / "glossary" / "organizational-learning.yaml", target)
    else:
        target.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [*command, "-d", str(tmp_path / "site")], cwd=tmp_path, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_symlink_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    """A pull request may add `glossary/x.yaml -> ~/.config/...`: nothing outside is published."""
    project = _glossary_project(tmp_path / "project")
    secret = tmp_path / "secret.yaml"
    secret.write_text((project / CONCEPT).read_text(encoding="utf-8").replace(
        "term: Organizational learning", "term: SECRET-TOKEN-1234"), encoding="utf-8")  # fmt: skip
    (project / "glossary" / "leak.yaml").symlink_to(secret)
    (project / "glossary" / "inside.yaml").symlink_to("organizational-learning.yaml")
    run = _bounded(["check"], project)
    run.assert_clean_failure("yaml-error", "glossary/leak.yaml")
    assert f"it is a symbolic link to '{secret}', which leads out of '{project}'" in run.stdout
    assert "inside.yaml" not in run.stdout  # a link within the project is read as usual
    assert "SECRET-TOKEN" not in run.output
