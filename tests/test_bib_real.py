"""What real bibliographies hold, on small entries written here: each pattern of issue 9 that
gave false alarms, and the mistakes the checker must still catch around it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from citegloss.attribution import check_claim
from citegloss.bib import load_bibliography, parse_bibliography
from citegloss.model import Bibliography, Claim, Location

WHERE = Location("glossary/x.yaml", 3, 5)


def bib(*entries: str) -> Bibliography:
    return parse_bibliography("\n".join(entries), "references.bib")


def codes(bibliography: Bibliography, author: str, year: int, key: str = "k") -> list[str]:
    return [f.code for f in check_claim(Claim(author, year, key, WHERE), bibliography)]


def entry(author: str, year: str = "2000", key: str = "k", kind: str = "article") -> str:
    return f"@{kind}{{{key},\n  author = {{{author}}},\n  title = {{A title}},\n  year = {{{year}}}\n}}\n"


@pytest.mark.parametrize(
    ("author", "claimed"),
    [
        (
            "{Centers for Disease Control and Prevention}",
            "Centers for Disease Control and Prevention",
        ),
        (
            "{Centers for Disease Control and Prevention}",
            "Centers for Disease Control & Prevention",
        ),
        ("{Department of Culture, Media and Sport}", "Department of Culture, Media and Sport"),
        ("{U.S. Food and Drug Administration}", "U.S. Food and Drug Administration"),
        ("{OECD} and Smith, Jane", "OECD & Smith"),
        (
            "{Department of Culture, Media and Sport} and Smith, Jane",
            "Smith & Department of Culture, Media and Sport",
        ),
        ("Poole, Marshall Scott and {Van de Ven, Andrew H}", "Poole & Van de Ven"),
    ],
)
def test_corporate_authors_are_one_author_whole(author: str, claimed: str) -> None:
    assert codes(bib(entry(author)), claimed, 2000) == []


def test_a_corporate_author_does_not_hide_a_missing_or_extra_coauthor() -> None:
    bibliography = bib(entry("{Centers for Disease Control and Prevention} and Smith, Jane"))
    assert codes(bibliography, "Centers for Disease Control and Prevention", 2000) == [
        "missing-coauthor"
    ]
    alone = bib(entry("{Centers for Disease Control and Prevention}"))
    assert codes(alone, "Centers for Disease Control and Prevention & Jones", 2000) == [
        "extra-coauthor"
    ]


@pytest.mark.parametrize(
    ("author", "claimed", "other"),
    [
        ("谷智馨", "谷智馨", "宋洪波"),
        ("진현 and 장은미", "진현 & 장은미", "예지은"),
        ("山田, 太郎", "山田", "田中"),
        ("Παπαδόπουλος, Γιώργος", "Παπαδόπουλος", "Νικολάου"),
        ("Παπαδόπουλος, Γιώργος", "Παπαδοπουλος", "Νικολάου"),
        ("Иванов, Иван", "Иванов", "Петров"),
        ("الفارابي, أبو نصر", "الفارابي", "ابن سينا"),
    ],
)
def test_names_in_other_scripts_match_themselves_and_only_themselves(
    author: str, claimed: str, other: str
) -> None:
    bibliography = bib(entry(author))
    assert codes(bibliography, claimed, 2000) == []
    assert codes(bibliography, other, 2000) in (["misattributed-author"], ["misspelled-author"])


def test_kana_with_and_without_a_voicing_mark_are_different_names() -> None:
    assert codes(bib(entry("がくと")), "かくと", 2000) != []


@pytest.mark.parametrize(
    ("author", "claimed", "warned"),
    [
        ("King, Jr., Martin Luther", "King", False),
        ("King, Jr, Martin Luther", "King", False),
        ("Martin Luther King Jr", "King", True),
        ("Martin Luther King Jr.", "King", True),
        ("Norman M. Green, Jr.", "Green", True),
        ("Costa Jr, Paul T. and McCrae, Robert R.", "Costa & McCrae", False),
        ("T M {Bartol Jr} and C Bromer", "Bartol & Bromer", False),
        ("Henry Ford II", "Ford", True),
        ("Ford, II, Henry", "Ford", False),
        ("O'Reilly III, Charles A. and Tushman, Michael L.", "O'Reilly & Tushman", False),
    ],
)
def test_name_suffixes(author: str, claimed: str, warned: bool) -> None:
    bibliography = bib(entry(author))
    assert codes(bibliography, claimed, 2000) == []
    warnings = [f for f in bibliography.findings if f.code == "suspicious-name"]
    assert len(warnings) == warned
    if warned:
        assert warnings[0].location.line == 1
        assert "Write it '" in warnings[0].suggestion


def test_the_suspicious_name_suggestion_is_how_bibtex_reads_it_right() -> None:
    (warning,) = bib(entry("James F. Short Jr and Lee Clarke")).findings
    assert "'James F. Short Jr'" in warning.message
    assert "'Jr' as the surname" in warning.message
    assert "Write it 'Short, Jr, James F.'" in warning.suggestion
    fixed = bib(entry("Short, Jr, James F. and Lee Clarke"))
    assert fixed.findings == ()
    assert fixed.references["k"].authors[0].last == "Short"


def test_a_suffix_after_pubmed_initials_keeps_the_surname_first() -> None:
    (warning,) = bib(entry("Sears SF, Jr and Conti, JB")).findings
    assert "Write it 'Sears, Jr, SF'" in warning.suggestion
    assert codes(bib(entry("Sears SF, Jr and Conti, JB")), "Sears & Conti", 2000) == []


def test_one_letter_surnames_are_surnames() -> None:
    bibliography = bib(entry("C, Varun Perumal and Wigdor, Daniel"))
    assert codes(bibliography, "C & Wigdor", 2000) == []
    assert codes(bib(entry("Mackay, Wendy and C, Varun Perumal")), "Mackay & C", 2000) == []
    assert codes(bibliography, "Wigdor", 2000) == ["missing-coauthor"]
    assert codes(bib(entry("Senge, Peter")), "Senge, P.", 2000) == []  # an initial after a comma


@pytest.mark.parametrize("year", ["[1893] 1984", "1984 [1893]", "{[1893] 1984}"])
def test_reprint_years_accept_either_year(year: str) -> None:
    bibliography = bib(entry("Durkheim, Émile", year=year))
    assert codes(bibliography, "Durkheim", 1984) == []
    assert codes(bibliography, "Durkheim", 1893) == []
    assert codes(bibliography, "Durkheim", 1990) == ["wrong-year"]
    assert bibliography.references["k"].year == 1984


def test_and_others_makes_et_al_right_whatever_the_number_listed() -> None:
    two = bib(entry("Bonhoeffer, T and Grinvald, A and others"))
    assert codes(two, "Bonhoeffer et al.", 2000) == []
    assert codes(bib(entry("Bonhoeffer, T and others")), "Bonhoeffer et al.", 2000) == []
    assert codes(two, "Grinvald et al.", 2000) == ["missing-coauthor"]  # the first author is not


@pytest.mark.parametrize(
    ("author", "claimed"),
    [
        (r"{\emph{Wired} Magazine}", "Wired Magazine"),
        (r"{\textsc{Unesco}}", "Unesco"),
        (r"Or{\v{s}}i{\'c}, Marin", "Oršić"),
        (r"Kr{\u{a}}l, Jan", "Krăl"),
        (r"\c{C}elik, Ali", "Çelik"),
        (r"Garc{\'{\i}}a, Ana", "García"),
        (r"Ng{\~{\^{e}}}n, Minh", "Ngễn"),
        (r"{\'{\^{A}}}lvarez, Ana", "Ấlvarez"),
        (r"A.\! v.\! d.\! Oord", "Oord"),
        (r"\noopsort{b}Smith, Jane", "Smith"),
    ],
)
def test_latex_in_names_is_decoded(author: str, claimed: str) -> None:
    assert codes(bib(entry(author)), claimed, 2000) == []


CROSSREF = """
@incollection{chapter,
  author    = {Levitt, Barbara and March, James G.},
  title     = {Organizational Learning},
  crossref  = {volume},
  pages     = {516--540}
}
@book{volume,
  editor    = {Cohen, Michael D. and Sproull, Lee S.},
  title     = {Organizational Learning},
  publisher = {Sage},
  year      = {1996}
}
"""


def test_a_chapter_takes_year_editors_and_book_title_from_its_crossref() -> None:
    bibliography = bib(CROSSREF)
    chapter = bibliography.references["chapter"]
    assert (chapter.year, chapter.fields["booktitle"], chapter.fields["publisher"]) == (
        1996,
        "Organizational Learning",
        "Sage",
    )
    assert [p.last for p in chapter.editors] == ["Cohen", "Sproull"]
    assert codes(bibliography, "Levitt & March", 1996, "chapter") == []
    assert codes(bibliography, "Levitt & March", 1988, "chapter") == ["wrong-year"]


def test_a_chapter_without_authors_is_cited_by_its_volume_s_editors() -> None:
    bibliography = bib(
        CROSSREF.replace("  author    = {Levitt, Barbara and March, James G.},\n", "")
    )
    assert codes(bibliography, "Cohen & Sproull", 1996, "chapter") == []


LATIN_1 = "@book{k,\n  author = {Schön, Donald A.},\n  title = {The Reflective Practitioner},\n  year = {1983}\n}\n"


def test_a_latin_1_bib_is_read_with_a_warning_that_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(LATIN_1.encode("latin-1"))
    bibliography = load_bibliography(path)
    (warning,) = bibliography.findings
    assert (warning.code, warning.location.line, warning.location.column) == ("bib-encoding", 2, 16)
    assert "read as cp1252" in warning.message
    assert codes(bibliography, "Schön", 1983) == []
    assert path.read_bytes() == LATIN_1.encode("latin-1")  # never rewritten


def test_a_declared_encoding_is_used(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(
        ("% Encoding: ISO-8859-15\n" + LATIN_1.replace("Schön", "Sch€n")).encode("iso-8859-15")
    )
    bibliography = load_bibliography(path)
    assert "read as ISO-8859-15" in bibliography.findings[0].message
    assert bibliography.references["k"].authors[0].last == "Sch€n"


def test_an_encoding_named_is_used_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(LATIN_1.encode("latin-1"))
    bibliography = load_bibliography(path, "latin-1")
    assert bibliography.findings == ()
    assert bibliography.references["k"].authors[0].last == "Schön"


def _plugin_files(tmp_path: Path, **options: str) -> Files:
    (tmp_path / "docs").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "references.bib").write_bytes(LATIN_1.encode("latin-1"))
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "t", "docs_dir": str(tmp_path / "docs"), "plugins": [{"citegloss": options}]}
    )
    assert config.validate() == ([], [])
    return config.plugins.on_files(Files([]), config=config)


def test_the_plugin_reports_an_encoding_that_does_not_fit_as_a_plugin_error(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"references\.bib.* is not utf-8 text.*bib_encoding"):
        _plugin_files(tmp_path, bib_encoding="utf-8")


def test_the_plugin_reads_a_latin_1_bib_with_the_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        _plugin_files(tmp_path)
    assert "bib-encoding" in caplog.text
