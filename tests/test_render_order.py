"""The bibliography lists works in APA order, as readers of this field expect."""

from __future__ import annotations

from citegloss.model import Person, Reference
from citegloss.render.bibliography import reference_sort_key


def work(key: str, year: int, *surnames: str) -> Reference:
    return Reference(
        key=key,
        entry_type="article",
        authors=tuple(Person(s, "A.") for s in surnames),
        editors=(),
        year=year,
        orig_year=None,
        fields={"title": key},
    )


def test_single_author_works_precede_coauthored_ones_then_year() -> None:
    works = [
        work("argyris-schon-1974", 1974, "Argyris", "Schön"),
        work("argote-ingram-2000", 2000, "Argote", "Ingram"),
        work("argyris-1991", 1991, "Argyris"),
        work("argote-2013", 2013, "Argote"),
        work("argyris-1977", 1977, "Argyris"),
        work("argyris-schon-1978", 1978, "Argyris", "Schön"),
    ]
    assert [w.key for w in sorted(works, key=reference_sort_key)] == [
        "argote-2013",
        "argote-ingram-2000",
        "argyris-1977",
        "argyris-1991",
        "argyris-schon-1974",
        "argyris-schon-1978",
    ]
