"""`citegloss new`: a contributor starts a concept file, fills it in, and the checker accepts it;
it never overwrites, and refuses ids that are not slugs or are taken. `--from KEY` writes the
attribution the checker accepts, whoever wrote the work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from citegloss.new_concept import scalar, slug_of
from conftest import FIXTURES


def citegloss(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "citegloss", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A glossary whose bibliography has single, two-author, many-author, corporate, edited
    and "and others" works."""
    shutil.copytree(FIXTURES / "tricky-but-correct", tmp_path, dirs_exist_ok=True)
    return tmp_path


def fill_in(path: Path, **values: str) -> None:
    """What a contributor does: replace the TODOs and uncomment a paraphrase."""
    text = path.read_text(encoding="utf-8")
    for field, value in values.items():
        text = text.replace(f"{field}: TODO", f"{field}: {value}")
    text = text.replace(
        "    # paraphrase: >-\n    #   ...\n", "    paraphrase: >-\n      Our words.\n"
    )
    path.write_text(text, encoding="utf-8")


def test_new_file_fails_the_check_until_filled_in(project: Path) -> None:
    made = citegloss("new", "Absorptive capacity", cwd=project)
    assert made.returncode == 0, made.stderr
    assert made.stderr.startswith("Wrote glossary/absorptive-capacity.yaml")
    path = project / "glossary" / "absorptive-capacity.yaml"
    text = path.read_text(encoding="utf-8")
    assert "term: Absorptive capacity\n" in text
    unfilled = citegloss("check", cwd=project)
    assert unfilled.returncode == 1
    assert "glossary/absorptive-capacity.yaml" in unfilled.stdout
    fill_in(path, author="Nonaka & Takeuchi", year="1995", cite="nonaka1995knowledge")
    filled = citegloss("check", "--strict", cwd=project)
    assert (filled.returncode, filled.stdout.strip()) == (0, "No problems found."), filled.stdout


def test_refuses_to_overwrite_a_concept_and_names_its_term(project: Path) -> None:
    path = project / "glossary" / "organizational-learning.yaml"
    before = path.read_bytes()
    result = citegloss("new", "Organizational Learning", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        "citegloss: error: the id 'organizational-learning' is taken: "
        "glossary/organizational-learning.yaml is the concept 'Organizational learning'; "
        "edit that file, or choose another --id\n"
    )
    assert path.read_bytes() == before


def test_a_taken_id_given_with_id_is_refused(project: Path) -> None:
    result = citegloss("new", "OL", "--id", "organizational-learning", cwd=project)
    assert result.returncode == 2
    assert "the concept 'Organizational learning'" in result.stderr


def test_a_yml_file_takes_its_id_too(project: Path) -> None:
    (project / "glossary" / "tacit-knowledge.yml").write_text("term: [broken\n", encoding="utf-8")
    result = citegloss("new", "Tacit knowledge", cwd=project)
    assert result.returncode == 2
    assert "glossary/tacit-knowledge.yml is a concept file" in result.stderr
    assert not (project / "glossary" / "tacit-knowledge.yaml").exists()


@pytest.mark.parametrize("bad", ["Bad_Id", "-lead", "two--hyphens", "ünï", ""])
def test_an_id_that_is_not_a_slug_is_refused(project: Path, bad: str) -> None:
    result = citegloss("new", "Some term", f"--id={bad}", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"citegloss: error: '{bad}' is not a concept id")
    assert sorted(p.name for p in (project / "glossary").iterdir()) == [
        "organizational-learning.yaml"
    ]


def test_an_unknown_key_is_refused_with_the_close_ones(project: Path) -> None:
    result = citegloss("new", "X", "--from", "nonak1995knowledge", cwd=project)
    assert result.returncode == 2
    assert (
        "'nonak1995knowledge' is not a key in references.bib; did you mean 'nonaka1995knowledge'"
        in result.stderr
    )


FROM_CASES = {
    "senge2006fifth": "Senge",  # one author
    "argyris1978organizational": "Argyris & Schön",  # two, LaTeX-accented
    "crossan1999organizational": "Crossan et al.",  # three
    "garciamorales2012transformational": "García-Morales et al.",  # three, hyphenated
    "vonkrogh2000enabling": "von Krogh et al.",  # a surname particle
    "worldbank1999knowledge": "World Bank",  # corporate
    "cohen1996organizational": "Cohen & Sproull",  # editors of an edited volume
    "oecd2000knowledge": "Foray et al.",  # "Foray and others"
}


@pytest.mark.parametrize(("key", "author"), FROM_CASES.items())
def test_from_key_writes_an_attribution_the_checker_accepts(
    project: Path, key: str, author: str
) -> None:
    made = citegloss("new", f"Concept of {key}", "--from", key, cwd=project)
    assert made.returncode == 0, made.stderr
    path = project / "glossary" / f"concept-of-{key}.yaml"
    definition = yaml.safe_load(path.read_text(encoding="utf-8"))["definitions"][0]
    assert (definition["author"], definition["cite"]) == (author, key)
    fill_in(path)
    checked = citegloss("check", cwd=project)
    assert (checked.returncode, checked.stdout.strip()) == (0, "No problems found."), checked.stdout


def test_from_a_work_with_many_authors_of_the_real_bibliography(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "glossary").mkdir()
    shutil.copy(root / "references.bib", tmp_path / "references.bib")
    made = citegloss("new", "Fifth discipline fieldbook", "--from", "senge1994fifth", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    path = tmp_path / "glossary" / "fifth-discipline-fieldbook.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["definitions"][0]["author"] == (
        "Senge et al."
    )
    fill_in(path)
    errors = [
        line for line in citegloss("check", cwd=tmp_path).stdout.splitlines() if " error " in line
    ]
    assert errors == []


def test_slugs_fold_accents_and_punctuation() -> None:
    assert slug_of("Schön's “Reflective practice”") == "schons-reflective-practice"
    assert slug_of("SECI model (Nonaka)") == "seci-model-nonaka"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_any_term_reads_back_as_written(term: str) -> None:
    assert yaml.safe_load(f"term: {scalar(term)}  # comment\n") == {"term": term}
