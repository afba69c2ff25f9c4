"""Each citation form of real texts, on small texts written for these tests (names invented)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citegloss.audit_extract import FoundCitation, extract_citations
from citegloss.audit_match import draft_audit
from citegloss.audit_verdicts import judge_audit
from citegloss.audits import load_audits
from citegloss.bib import load_bibliography
from citegloss.extract.text import prepare
from citegloss.schema import is_valid


def cited(text: str) -> list[tuple[tuple[str, ...], str, bool]]:
    """(surnames, year as written, in a reference list) of each citation."""
    return [(c.surnames, c.year_text, c.in_reference_list) for c in extract_citations(text)]


def entry(text: str) -> FoundCitation:
    (found,) = extract_citations("References\n\n" + text + "\n")
    assert found.in_reference_list
    return found


# --- reference entries --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surnames", "year", "title"),
    [
        (
            "Okafor, Adaeze. 1987. Ledgers of the Harbour. Lagos: Tide Press.",
            ("Okafor",),
            1987,
            "Ledgers of the Harbour",
        ),
        (
            "Lindqvist, Maja, and Tomas Berg. 2012. “Quiet Rooms.” Nordic Review 4 (1): 7–19.",
            ("Lindqvist", "Berg"),
            2012,
            "Quiet Rooms",
        ),
        ("Abara, K., and C. Moss. 1975. Fields. Leeds: Moor.", ("Abara", "Moss"), 1975, "Fields"),
        (
            "Ferro, Ana, Lund, Ida, Sato, Ken. 2006. Atlas of Speech. Kyoto: Kamo.",
            ("Ferro", "Lund", "Sato"),
            2006,
            "Atlas of Speech",
        ),
        (
            "Noor, Ulla H., and Paz Díaz Vela. 2020. Songs. Quito: Ande.",
            ("Noor", "Vela"),
            2020,
            "Songs",
        ),
        ("Baird [Kemp], Ella. 1974. Norms. Hull: Humber.", ("Baird",), 1974, "Norms"),
        ("Graf, Otto von. 1993. Bees. Bonn: Rhein.", ("Graf",), 1993, "Bees"),
        ("Ruiz, Lena R.. 1997. “Care,” Health 2 (920-921).", ("Ruiz",), 1997, "Care"),
        (
            "Ivers, Dana (1987). The Revival. Social Quarterly, 50(1).",
            ("Ivers",),
            1987,
            "The Revival",
        ),
    ],
    ids=[
        "asa",
        "chicago-two",
        "initials-and",
        "all-inverted",
        "given-first",
        "bracket",
        "particle",
        "double-stop",
        "paren-no-stop",
    ],
)
def test_asa_and_chicago_entries(
    text: str, surnames: tuple[str, ...], year: int, title: str
) -> None:
    found = entry(text)
    assert (found.surnames, found.year, found.title) == (surnames, year, title)


@pytest.mark.parametrize(
    ("text", "year", "original"),
    [
        ("Durand, É. (1984 [1893]). The Division of Tasks. Paris: Seuil.", 1984, 1893),
        ("Hale, Robert. 1949 [1911]. Parties. Glencoe: Free Press.", 1949, 1911),
        ("Oduya, Ena, and Brandt, Lea. (1984) 2001. “Stories.” In A Reader.", 2001, 1984),
    ],
)
def test_reprints_give_both_years(text: str, year: int, original: int) -> None:
    found = entry(text)
    assert (found.year, found.orig_year) == (year, original)


def test_a_corporate_entry_is_one_author() -> None:
    assert entry("Harbour Research Center. (2012). “Fact Sheet.” Retrieved from x.").surnames == (
        "Harbour Research Center",
    )
    assert entry("Society of Tide Studies. 2018. “Waves.” Daily.").surnames == (
        "Society of Tide Studies",
    )


@pytest.mark.parametrize(
    ("undated", "year"),
    [("n.d.", "n.d."), ("n. d.", "n.d."), ("forthcoming", "forthcoming"), ("in press", "in press")],
)
def test_entries_without_a_year(undated: str, year: str) -> None:
    found = entry(f"Mora, L., & Chen, S. ({undated}). Customer roles. MIS Quarterly.")
    assert (found.surnames, found.year, found.year_text) == (("Mora", "Chen"), 0, year)


def test_a_title_in_the_author_place() -> None:
    found = entry("“Words of the Year: Glosses.” 2018. Wordbook.com.")
    assert (found.surnames, found.year) == (("Words of the Year: Glosses",), 2018)


def test_an_entry_without_a_year_is_not_a_citation() -> None:
    assert cited("References\n\nAllard, K. Social Worlds. Thousand Oaks, CA: Pine.\n") == []


def test_each_reference_list_ends_at_the_next_heading() -> None:
    text = (
        "# One\n\nText (Moss 1990).\n\n### References\n\nMoss, Ann. 1990. Fields. Hull.\n\n"
        "# Two\n\nMoss, Ann. 1990. Fields. Hull.\n"
    )
    assert cited(text) == [(("Moss",), "1990", False), (("Moss",), "1990", True)]


# --- running text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("as reported (Northwind Research Institute, 2019).", "Northwind Research Institute"),
        ("in R (R Core Team, 2022) and", "R Core Team"),
        (
            "(Harbour Safety & Health\nAdministration, 2014).",
            "Harbour Safety & Health Administration",
        ),
        ("a survey (Lakeside Stiftung,\n2023), which", "Lakeside Stiftung"),
        ("concerns (e.g., Deutscher Wasserrat, 2023; Hall, 2001)", "Deutscher Wasserrat"),
        ("The Federal Bureau of\nLedgers (n.d.) says", "Federal Bureau of Ledgers"),
        ("R Studio (Posit team, 2022) across", "Posit team"),
        ("Pew Research Center, 2019 shows", "Pew Research Center"),
    ],
)
def test_corporate_authors_are_found_whole(text: str, author: str) -> None:
    assert extract_citations(text)[0].surnames == (author,)


def test_people_are_not_corporate_authors() -> None:
    text = "Sociologist Amira Etzel (1975) and Following Brophy (2006), (Vale & Moor, 2001)"
    assert [c.surnames for c in extract_citations(text)] == [
        ("Etzel",),
        ("Brophy",),
        ("Vale", "Moor"),
    ]


@pytest.mark.parametrize(
    ("text", "surnames", "year"),
    [
        ("(Brakel & Uuk, n.d.; Hutton, 2023)", ("Brakel", "Uuk"), "n.d."),
        ("(Mora & Chen, forthcoming).", ("Mora", "Chen"), "forthcoming"),
        ("as Vale (in press) shows", ("Vale",), "in press"),
        ("The Tide Office (n.d.) says", ("Tide Office",), "n.d."),
    ],
)
def test_no_year_in_place_of_a_year(text: str, surnames: tuple[str, ...], year: str) -> None:
    found = extract_citations(text)[0]
    assert (found.surnames, found.year, found.year_text) == (surnames, 0, year)


def test_html_entities_and_table_cells() -> None:
    text = "<table><tr><td>Goals</td><td>Align (Fenwick &amp; Marlow, 2014).</td></tr></table>"
    (found,) = extract_citations(text)
    assert (found.surnames, found.as_written) == (("Fenwick", "Marlow"), "(Fenwick & Marlow, 2014)")


def test_given_names_before_the_surnames_of_several_authors() -> None:
    text = "Theorists Mara J. Quill and Otto T. Brandt (1994) note"
    assert [c.surnames for c in extract_citations(text)] == [("Quill", "Brandt")]


def test_a_list_of_names_without_and_is_not_one_citation() -> None:
    text = "With colleagues Ann Lowe and Wim Parkes, Baugh (1999) compared"
    assert [c.surnames for c in extract_citations(text)] == [("Baugh",)]


def test_a_bracketed_other_name() -> None:
    assert [c.surnames for c in extract_citations("(Baird [Kemp] 1974, Kulik 1992)")] == [
        ("Baird",),
        ("Kulik",),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Alfred Kessler-Brown (1881–1955), a social anthropologist, and Blum (1900-1987)",
        "a lecture given in June 1972 at the institute",
        "papers published between 2000 and March 2022 were read",
        "Organization Science 2, Issue 1 (May-June 2002)",
        "### Power and Speech\n\nIn 2018, the word was added.",
        "### Repression and Revival\n\nIn 1993, a woman dreamt.",
        "### Kira Vale1962-\n\nKira Vale studied",
        "doi:10.1109/ TSE.2017.2730870. and https://doi.org/10. 1016/j.jsis.2011.03.001",
        "Handbook, 2010–2011 Edition.",
        "Correspondingly, the review (2022) says",
    ],
)
def test_what_is_not_a_citation(text: str) -> None:
    assert cited(text) == []


def test_title_words_before_a_year_credit_the_author_after_it() -> None:
    text = (
        "In her book Speech and Power (1975), Robin Quade argues that talk ranks people.\n\n"
        "References\n\nQuade, Robin. 1975. Speech and Power. New York: Harper.\n"
    )
    assert cited(text)[0] == (("Quade",), "1975", False)


def test_a_detached_year_goes_to_the_author_the_sentence_names() -> None:
    text = (
        "Sociologist Erwin Talbot states that prisons are total institutions (1961). "
        "A total institution controls life.\n\n"
        "References\n\nTalbot, Erwin. 1961. Asylums of Stone. Chicago: Aldine.\n"
    )
    found = extract_citations(text)[0]
    assert (found.surnames, found.year, found.as_written, found.line) == (
        ("Talbot",),
        1961,
        "(1961)",
        1,
    )


def test_a_detached_year_with_no_author_cited_elsewhere_is_left() -> None:
    assert cited("Sociologist Erwin Talbot states that prisons are total (1961).") == []


def test_a_title_in_the_author_place_in_running_text() -> None:
    assert cited("the definition (“Words of the Year” 2018).") == [
        (("Words of the Year",), "2018", False)
    ]


@pytest.mark.parametrize(
    ("text", "surnames"),
    [
        ("* [[Dutton Thomas and Butler 1984]]", ("Dutton", "Thomas", "Butler")),
        ("* [[de Holan and Phillips 2004]], 1606", ("de Holan", "Phillips")),
        ("* [[Maslach et al 2018]]", ("Maslach",)),
        ("* [[Miner & Anderson 1999b]]", ("Miner", "Anderson")),
        ("studies ([Dutton and Thomas 1984]]).", ("Dutton", "Thomas")),
    ],
)
def test_wiki_links_need_no_separators(text: str, surnames: tuple[str, ...]) -> None:
    assert [c.surnames for c in extract_citations(text)] == [surnames]


def test_an_image_link_is_not_a_citation() -> None:
    assert cited("[[resources/March-1991-Fig-1.png|Figure 1|width = 550px]]") == []


# --- PDF text -------------------------------------------------------------------------------

#: A PDF text dump: every line ends with a space, as pdftotext writes it.
PDF = "".join(
    f"{line} \n"
    for line in [
        "Efforts are growing (e.g.,",
        "Foster et al., 2024). Zawack-",
        "i-Richter et al. (2019) identified four areas. Corre-",
        "spondingly, Okafor et al. (2016) found it. Others (Vincent-Lancrin",
        "& van der Vlies, 2020) agree. Neither observers nor",
        "T. Author et al.",
        "Journal of Tests 9 (2025) 100",
        "",
        "--- Page 2 ---",
        "",
        "pupils can say so (Page et al., 2021).",
        "T. Author et al.",
        "Journal of Tests 9 (2025) 100",
        "",
        "--- Page 3 ---",
        "",
    ]
)


def test_pdf_text_hyphenation_broken_citations_and_running_heads() -> None:
    assert [(c.surnames, c.year, c.line) for c in extract_citations(PDF)] == [
        (("Foster",), 2024, 2),
        (("Zawacki-Richter",), 2019, 2),
        (("Okafor",), 2016, 4),
        (("Vincent-Lancrin", "van der Vlies"), 2020, 4),
        (("Page",), 2021, 11),
    ]


def test_page_alone_is_still_not_a_surname() -> None:
    assert cited("See Page 2021 of the report, and page 12.") == []


# --- drafts and audits with no year ----------------------------------------------------------


def test_an_undated_citation_drafts_and_loads_without_a_wrong_year(tmp_path: Path) -> None:
    bib_file = tmp_path / "references.bib"
    bib_file.write_text(
        "@misc{brakel2021act, author = {Brakel, Mark and Uuk, Risto}, title = {Act}, year = {2021}}\n",
        encoding="utf-8",
    )
    bib = load_bibliography(bib_file)
    draft = draft_audit("As the law says (Brakel & Uuk, n.d.).", bib, source="x.txt")
    (item,) = draft["citations"]  # type: ignore[misc]
    assert (item["year"], item["cite"]) == ("n.d.", "brakel2021act")
    assert is_valid("audit", draft)
    folder = tmp_path / "audits"
    folder.mkdir()
    (folder / "x.yaml").write_text(
        "document: {title: X}\ncitations:\n"
        "- {as_written: '(Brakel & Uuk, n.d.)', author: Brakel & Uuk, year: n.d., cite: brakel2021act}\n",
        encoding="utf-8",
    )
    (audit,), findings = load_audits(folder)
    assert findings == []
    (verdict,) = judge_audit(audit, bib)
    assert [f.code for f in verdict.findings] == []


def test_running_heads_and_page_markers_are_blanked_and_lines_kept() -> None:
    prepared = prepare(PDF).split("\n")
    assert len(prepared) == len(PDF.split("\n"))
    assert [i + 1 for i, line in enumerate(prepared) if "Author et al." in line] == []
    assert [i + 1 for i, line in enumerate(prepared) if "Page" in line] == [11]
    assert prepared[1].startswith("Foster et al., 2024). Zawacki-Richter")


#: Pieces of every form above, for texts that mix them at random.
PIECES = [
    "Senge",
    "(",
    ")",
    "2006",
    "n.d.",
    "&amp;",
    "<td>",
    "[[",
    "]]",
    "[",
    "]",
    ",",
    ";",
    " ",
    "\n",
    "\n\n",
    "-\n",
    "et al.",
    "and",
    "&",
    "### References\n",
    "--- Page 2 ---\n",
    "Page",
    "van",
    "Team",
    "team",
    "Center",
    "R",
    "J.",
    "É.",
    "“",
    "”",
    "forthcoming",
    "in press",
    "1984 [1893]",
    "(1984)",
    "Smith, J.",
    "Etzioni, Amitai.",
    "1975.",
    "e.g.,",
    "doi:10.1/x",
    "1881–1955",
    "May-June",
    "*",
    "#",
    "|",
    "’s",
    "Correspondingly,",
    "the",
    "of",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
def test_any_mix_of_forms_gives_named_citations_on_real_lines(text: str) -> None:
    lines = text.count("\n") + 1
    for found in extract_citations(text):
        assert found.surnames and all(any(ch.isalpha() for ch in s) for s in found.surnames)
        assert 1 <= found.line <= lines
        assert found.author
