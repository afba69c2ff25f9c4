"""Loading concept files: every value keeps its line, and format mistakes read as a person would say them."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegloss.glossary import load_concept_file
from citegloss.model import Location
from citegloss.yamlfile import parse_yaml

DEFINITION = """  - author: Senge
    year: 1990
    cite: senge2006fifth
"""


def concept(tmp_path: Path, body: str, name: str = "learning-organization.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def messages(path: Path) -> list[tuple[str, int, str]]:
    _, findings = load_concept_file(path, path.name)
    return [(f.code, f.location.line, f.message) for f in findings]


def test_values_keep_their_line_and_column() -> None:
    doc = parse_yaml("term: X\ndefinitions:\n  - author: Senge\n    year: 1990\n")
    assert doc.location("f", ("definitions", 0, "year")) == Location("f", 4, 11)
    assert doc.location("f", ("definitions", 0, "year"), key=True) == Location("f", 4, 5)
    assert doc.location("f", ("definitions", 5)) == Location("f", 3, 3)  # nearest known


def test_a_loaded_concept_carries_claims_with_locations(tmp_path: Path) -> None:
    path = concept(
        tmp_path, f"term: Learning organization\ndefinitions:\n{DEFINITION}    paraphrase: p\n"
    )
    loaded, findings = load_concept_file(path, "g.yaml")
    assert findings == []
    assert loaded is not None
    claim = loaded.definitions[0].claim
    assert (claim.author, claim.year, claim.cite) == ("Senge", 1990, "senge2006fifth")
    assert claim.cite_location == Location("g.yaml", 5, 11)


def test_both_quote_and_paraphrase(tmp_path: Path) -> None:
    path = concept(
        tmp_path,
        f'term: T\ndefinitions:\n{DEFINITION}    quote: "q"\n    pages: "3"\n    paraphrase: p\n',
    )
    assert messages(path) == [
        ("schema-error", 3, "definitions[1] needs exactly one of 'quote' or 'paraphrase'")
    ]


def test_a_quote_too_long(tmp_path: Path) -> None:
    path = concept(
        tmp_path, f'term: T\ndefinitions:\n{DEFINITION}    quote: "{"x" * 601}"\n    pages: "3"\n'
    )
    assert messages(path) == [
        ("schema-error", 6, "definitions[1].quote is 601 characters long; at most 600 are allowed")
    ]


def test_a_nested_duplicate_key(tmp_path: Path) -> None:
    body = f"term: T\ndefinitions:\n{DEFINITION}    paraphrase: p\n    facets:\n      nature: process\n      nature: outcome\n"
    assert messages(path := concept(tmp_path, body)) == [
        (
            "schema-error",
            9,
            "the key 'nature' appears twice in definitions[1].facets; YAML would silently keep the last",
        )
    ]
    assert path.read_text(encoding="utf-8") == body  # the user's file is never rewritten


def test_a_document_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert messages(concept(tmp_path, "- just\n- a list\n")) == [
        (
            "schema-error",
            1,
            "the document must be a mapping of fields, not list (['just', 'a list'])",
        )
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("x.yml", "concept files end in .yaml, not .yml"),
        (
            "Learning Organization.yaml",
            "the file name 'Learning Organization.yaml' is not a concept id",
        ),
    ],
)
def test_file_names(tmp_path: Path, name: str, message: str) -> None:
    path = concept(tmp_path, f"term: T\ndefinitions:\n{DEFINITION}    paraphrase: p\n", name=name)
    found = messages(path)
    assert len(found) == 1 and found[0][2].startswith(message)


def test_unknown_vocabulary_suggests_the_closest_word(tmp_path: Path) -> None:
    body = (
        f"term: T\ndefinitions:\n{DEFINITION}    paraphrase: p\n    facets: {{levels: [teams]}}\n"
    )
    _, findings = load_concept_file(concept(tmp_path, body), "g.yaml")
    assert [f.suggestion for f in findings] == ["Did you mean 'team'?"]


def test_two_processes_load_what_one_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large glossary loads in two processes (`inputs._shares`): the same concepts, findings
    and unreadable files, in the same order, as one process loading every file."""
    from citegloss import inputs

    glossary = tmp_path / "glossary"
    glossary.mkdir()
    for i in range(40):
        body = f"term: Concept {i}\ndefinitions:\n{DEFINITION}    paraphrase: p\n"
        if i % 7 == 3:
            body = body.replace("year: 1990", "year: soon")  # a schema error
        if i % 11 == 5:
            body = "term: [unclosed\n"  # a YAML error: unreadable
        (glossary / f"concept-{i:02}.yaml").write_text(body, encoding="utf-8")
    (glossary / "concept-01.yml").write_text("term: Twice\n", encoding="utf-8")
    bib = tmp_path / "references.bib"
    bib.write_text("@book{senge2006fifth, author = {Senge, Peter}, year = 2006}\n" * 3)
    one = inputs.load_inputs(glossary, bib, parallel=False)
    monkeypatch.setattr(inputs, "PARALLEL_FROM_SECONDS", 0.0)
    shares = inputs._shares(glossary, bib)
    assert shares is not None and shares[0] and shares[1], "both processes get files"
    two = inputs.load_inputs(glossary, bib, parallel=True)
    assert list(two[0].concepts) == list(one[0].concepts)
    assert two[0] == one[0] and two[0].findings == one[0].findings
    assert two[0].unreadable == one[0].unreadable and two[0].unreadable
    assert two[1].references == one[1].references and two[1].findings == one[1].findings
