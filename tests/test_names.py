"""Reading attributions and folding names: what a careful reader treats as the same name."""

from __future__ import annotations

import pytest

from citegloss.latex import decode_latex
from citegloss.model import Person
from citegloss.names import (
    normalize_surname,
    parse_attribution,
    person_key,
    surname_keys,
)


@pytest.mark.parametrize(
    ("written", "surnames", "et_al"),
    [
        ("Senge", ("Senge",), False),
        ("Argyris & Schön", ("Argyris", "Schön"), False),
        ("Argyris and Schön", ("Argyris", "Schön"), False),
        ("Argyris& Schén", ("Argyris", "Schén"), False),
        ("Crossan, Lane & White", ("Crossan", "Lane", "White"), False),
        ("Crossan, Lane, and White", ("Crossan", "Lane", "White"), False),
        ("Nonaka et al.", ("Nonaka",), True),
        ("Nonaka, et al", ("Nonaka",), True),
        ("Senge, P. M.", ("Senge",), False),
        ("Van de Ven & Poole", ("Van de Ven", "Poole"), False),
        ("World Bank", ("World Bank",), False),
        ("OECD", ("OECD",), False),
    ],
)
def test_parse_attribution(written: str, surnames: tuple[str, ...], et_al: bool) -> None:
    attribution = parse_attribution(written)
    assert (attribution.surnames, attribution.et_al) == (surnames, et_al)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Schön", "Schon"),
        ("Schön", "Schoen"),
        ("SCHÖN", "schön"),
        ("García-Morales", "Garcia Morales"),
        ("Ødegaard", "Odegaard"),
        ("Van de Ven", "van de ven"),
    ],
)
def test_spellings_a_reader_treats_as_one(one: str, other: str) -> None:
    assert normalize_surname(one) == normalize_surname(other)


@pytest.mark.parametrize(
    ("one", "other"), [("Schön", "Schén"), ("Holmqvist", "Holmquist"), ("March", "Marsh")]
)
def test_different_spellings_stay_different(one: str, other: str) -> None:
    assert normalize_surname(one) != normalize_surname(other)


def test_latex_markup_decodes_to_unicode() -> None:
    assert decode_latex(r"Sch{\"o}n") == "Schön"
    assert decode_latex(r"Garc{\'\i}a-Morales") == "García-Morales"
    assert decode_latex("{World Bank}") == "World Bank"
    assert decode_latex("Broken \\macro{") == "Broken \\macro"


def test_particles_and_compound_names_can_be_cited_in_part() -> None:
    assert {"vandeven", "ven"} <= surname_keys(Person(last="Van de Ven", first="Andrew H."))
    assert {"garciamorales", "garcia"} <= surname_keys(
        Person(last="García-Morales", first="Víctor J.")
    )
    assert surname_keys(Person(last="World Bank", corporate=True)) == {"worldbank"}


def test_one_person_however_the_bib_spells_them() -> None:
    assert person_key(Person("Schön", "Donald A.")) == person_key(Person("Schon", "Donald"))
    assert person_key(Person("Schön", "Donald A.")) != person_key(Person("Schön", "Peter"))
