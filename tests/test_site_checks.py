"""The build runs the checker: errors fail `mkdocs build`, warnings fail `mkdocs build --strict`,
and the log shows each finding as `citegloss check` prints it (file, line, column, key)."""

from __future__ import annotations

from pathlib import Path

from test_site_build import build_site


def test_a_broken_citation_fails_the_build_naming_file_line_and_key(tmp_path: Path) -> None:
    build = build_site("site-broken-citation", tmp_path)
    assert build.returncode == 1
    assert (
        "glossary/organizational-learning.yaml:5:11: error unknown-key "
        "'huber1991organisational' is not a key in references.bib"
    ) in build.log
    assert "Did you mean 'huber1991organizational'?" in build.log
    assert "Found 1 error and 1 warning." in build.log
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_warning_passes_a_plain_build_and_fails_a_strict_one(tmp_path: Path) -> None:
    plain = build_site("site-unused-entry", tmp_path / "plain")
    assert plain.returncode == 0, plain.log
    assert "references.bib:13:1: warning unused-entry no claim cites 'polanyi1966tacit'" in (
        plain.log
    )
    strict = build_site("site-unused-entry", tmp_path / "strict", strict=True)
    assert strict.returncode == 1
    assert "unused-entry" in strict.log
    assert "Aborted with 1 warnings in strict mode!" in strict.log
