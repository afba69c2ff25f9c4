"""The extractor reads citations the way a careful reader does, on text written for these tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from citegloss.attribution import BibIndex
from citegloss.audit_extract import FoundCitation, extract_citations
from citegloss.audit_match import draft_audit, match_citation, title_score
from citegloss.bib import load_bibliography
from citegloss.model import Bibliography
from conftest import FIXTURES


def found(text: str) -> list[tuple[str, str, int]]:
    """(as written, author, year) of each citation in the text."""
    return [(c.as_written, c.author, c.year) for c in extract_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As Senge (2006) argues, ...", [("Senge (2006)", "Senge", 2006)]),
        ("... strong response (Senge, 2014).", [("(Senge, 2014)", "Senge", 2014)]),
        (
            "Argyris & Schon (1978) define it.",
            [("Argyris & Schon (1978)", "Argyris & Schon", 1978)],
        ),
        ("Crossan & White (1999) see", [("Crossan & White (1999)", "Crossan & White", 1999)]),
        (
            "(Levitt and March 1988; Huber 1991)",
            [
                ("Levitt and March 1988", "Levitt & March", 1988),
                ("Huber 1991", "Huber", 1991),
            ],
        ),
        ("learning (Garvin& Gino, 2008), for", [("(Garvin& Gino, 2008)", "Garvin & Gino", 2008)]),
        (
            "And Argyris& Schén(1997)pointed out",
            [("Argyris& Schén(1997)", "Argyris & Schén", 1997)],
        ),
        ("Örtenblad (2001) asks", [("Örtenblad (2001)", "Örtenblad", 2001)]),
        (
            "as García-Morales and Llorens-Montes (2006) show",
            [
                (
                    "García-Morales and Llorens-Montes (2006)",
                    "García-Morales & Llorens-Montes",
                    2006,
                )
            ],
        ),
        ("(Nonaka et al. 2000)", [("(Nonaka et al. 2000)", "Nonaka et al.", 2000)]),
        (
            "Crossan, Lane and White (1999)",
            [("Crossan, Lane and White (1999)", "Crossan, Lane & White", 1999)],
        ),
        (
            "(Spicer, & Sadler-Smith, 2006)",
            [("(Spicer, & Sadler-Smith, 2006)", "Spicer & Sadler-Smith", 2006)],
        ),
        ("after Van de Ven (1986)", [("Van de Ven (1986)", "Van de Ven", 1986)]),
        (
            "Martin de Holan and Phillips (2004)",
            [("Martin de Holan and Phillips (2004)", "Martin de Holan & Phillips", 2004)],
        ),
        (
            "O'Reilly and Tushman (2004)",
            [("O'Reilly and Tushman (2004)", "O'Reilly & Tushman", 2004)],
        ),
        (
            "Senge (2006a) and Senge (2006b)",
            [("Senge (2006a)", "Senge", 2006), ("Senge (2006b)", "Senge", 2006)],
        ),
        ("by Argyris & Schon in 1978", [("Argyris & Schon in 1978", "Argyris & Schon", 1978)]),
        (
            "professors Argyris\n& Schon, In 1977, they",
            [("Argyris & Schon, In 1977", "Argyris & Schon", 1977)],
        ),
        (
            "scholars include Marquardt, 2002; 1996; Garvin, 1993 and so on",
            [
                ("Marquardt, 2002; 1996", "Marquardt", 2002),
                ("Marquardt, 2002; 1996", "Marquardt", 1996),
                ("Garvin, 1993", "Garvin", 1993),
            ],
        ),
        (
            "Marquardt (2002, 1996)",
            [
                ("Marquardt (2002, 1996)", "Marquardt", 2002),
                ("Marquardt (2002, 1996)", "Marquardt", 1996),
            ],
        ),
        ("(Cyert and March 1992)", [("(Cyert and March 1992)", "Cyert & March", 1992)]),
        ("exploration (March 1991)", [("(March 1991)", "March", 1991)]),
        ("(Nelson and Winter 1982)", [("(Nelson and Winter 1982)", "Nelson & Winter", 1982)]),
        ("knowledge.Field(2020) is", [("Field(2020)", "Field", 2020)]),
        (
            "Additionally, Holsapple and Joshi (2010) say",
            [("Holsapple and Joshi (2010)", "Holsapple & Joshi", 2010)],
        ),
        (
            "**Senge (2006)** and [Garvin (1993)](https://example.org/1995)",
            [("Senge (2006)", "Senge", 2006), ("Garvin (1993)", "Garvin", 1993)],
        ),
        ("Scho\u0308n (1983) reflects", [("Schön (1983)", "Schön", 1983)]),
        (
            "Nonaka and Takeuchi’s (1995) model",
            [("Nonaka and Takeuchi’s (1995)", "Nonaka & Takeuchi", 1995)],
        ),
        ("as in (Senge, 2006, p. 3).", [("(Senge, 2006, p. 3)", "Senge", 2006)]),
    ],
)
def test_every_citation_form(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a new management theory that emerged in the 1990s.",
        "The meeting in March 2003 was short; by May 2010 it was over.",
        "[Accessed on 09th August 2023]",
        "Organization Studies,  Jan, 2003  by Mikael Holmqvist",
        "See https://example.org/Senge-2006 and www.example.com/Huber 1991x",
        "Vol. 1 No. 1, pp. 6-14; 36(2), 215-243; issn=00225428",
        "In 1977, they published an article.",
        "Dr. Senge, a professor at the Massachusetts Institute of Technology",
        "Table 2003 and Figure 1999 show it.",
    ],
)
def test_what_is_not_a_citation(text: str) -> None:
    assert found(text) == []


def test_lines_are_counted_from_one() -> None:
    text = "First line.\n\nAs Kim (1993) wrote,\nand Huber\n(1991) too."
    assert [(c.as_written, c.line) for c in extract_citations(text)] == [
        ("Kim (1993)", 3),
        ("Huber (1991)", 4),
    ]


REFERENCE_LIST = """\
Some running text citing Riege (2005) and Wiig (1997).

References:

 Wiig, K.M. (1997), "Knowledge Management: An Introduction and Perspective", Journal of Knowledge Management, Vol. 1 No. 1, pp. 6-14. [Online] Available at: https://example.org/x [Accessed on 09th August 2023]

Stubruch,G. (1993). "The Fifth Discipline: The Art & Practice of the Learning Organization." Doubleday.

- Holsapple, C. W., & Joshi, K. D. (2010). "An investigation of factors." The Journal of Knowledge Management, 5(1), 34-44.

Riege, A. (2005). Three-dozen knowledge-sharing barriers managers must consider. *Management Learning*, 36(2), 215-243.
"""


def test_reference_list_entries_give_title_and_venue() -> None:
    entries = [c for c in extract_citations(REFERENCE_LIST) if c.in_reference_list]
    assert [(c.as_written, c.author, c.year, c.title, c.venue) for c in entries] == [
        (
            "Wiig, K.M. (1997)",
            "Wiig",
            1997,
            "Knowledge Management: An Introduction and Perspective",
            "Journal of Knowledge Management",
        ),
        (
            "Stubruch,G. (1993)",
            "Stubruch",
            1993,
            "The Fifth Discipline: The Art & Practice of the Learning Organization",
            "Doubleday",
        ),
        (
            "Holsapple, C. W., & Joshi, K. D. (2010)",
            "Holsapple & Joshi",
            2010,
            "An investigation of factors",
            "The Journal of Knowledge Management",
        ),
        (
            "Riege, A. (2005)",
            "Riege",
            2005,
            "Three-dozen knowledge-sharing barriers managers must consider",
            "Management Learning",
        ),
    ]


APA = """\
References

Argyris, C., & Schön, D. A. (1978). Organizational learning: A theory of action perspective. Addison-Wesley.
Senge, P. M. (2006). The fifth discipline: The art and practice of the learning organization (Rev. ed.). Doubleday.
Crossan, M. M., Lane, H. W., & White, R. E. (1999). An organizational learning framework: From intuition to institution. Academy of Management Review, 24(3), 522-537.
"""


def test_apa_entries_without_quotes() -> None:
    assert [(c.author, c.year, c.title, c.venue) for c in extract_citations(APA)] == [
        (
            "Argyris & Schön",
            1978,
            "Organizational learning: A theory of action perspective",
            "Addison-Wesley",
        ),
        (
            "Senge",
            2006,
            "The fifth discipline: The art and practice of the learning organization",
            "Doubleday",
        ),
        (
            "Crossan, Lane & White",
            1999,
            "An organizational learning framework: From intuition to institution",
            "Academy of Management Review",
        ),
    ]


def test_running_text_takes_title_and_venue_from_the_reference_list() -> None:
    riege = extract_citations(REFERENCE_LIST)[0]
    assert (riege.as_written, riege.in_reference_list) == ("Riege (2005)", False)
    assert (riege.title, riege.venue) == (
        "Three-dozen knowledge-sharing barriers managers must consider",
        "Management Learning",
    )


# --- matching --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_bibliography(FIXTURES / "audit-extract" / "references.bib")


def match(bib: Bibliography, author: str, year: int, title: str = "") -> tuple[str | None, str]:
    names = tuple(n.strip() for n in author.replace("&", ",").split(","))
    citation = FoundCitation(author, names, False, year, 1, title=title)
    return match_citation(citation, bib, BibIndex(bib))


def test_match_by_surnames_and_year(bib: Bibliography) -> None:
    assert match(bib, "Argyris & Schon", 1978) == ("argyris1978organizational", "")
    assert match(bib, "Crossan & White", 1999) == ("crossan1999organizational", "")
    assert match(bib, "Ortenblad", 2001) == ("ortenblad2001differences", "")


def test_first_author_and_year_are_enough_without_a_title(bib: Bibliography) -> None:
    """The audit then reports the extra co-author: Argyris wrote the 1977 article alone."""
    assert match(bib, "Argyris & Schon", 1977) == ("argyris1977double", "")


def test_title_identifies_a_misattributed_work(bib: Bibliography) -> None:
    key, _ = match(
        bib,
        "Stubruch",
        1993,
        "The Fifth Discipline: The Art & Practice of the Learning Organization",
    )
    assert key == "senge2006fifth"


def test_another_title_by_the_same_author_is_not_a_match(bib: Bibliography) -> None:
    key, reason = match(bib, "Riege", 2005, "Knowledge-sharing: Another Paper")
    assert key is None
    assert reason.startswith("no work titled 'Knowledge-sharing: Another Paper' in references.bib")
    assert "riege2005three" in reason


def test_unmatched_citations_say_why(bib: Bibliography) -> None:
    assert match(bib, "Jackson", 2000) == (None, "not in references.bib")
    key, reason = match(bib, "Fiol & Lyles", 2005)
    assert key is None
    assert "fiol1985organizational (Fiol & Lyles 1985)" in reason


def test_title_score_keeps_generic_main_titles_apart() -> None:
    assert title_score("The Fifth Discipline", "The Fifth Discipline: The Art and Practice") == 100
    assert (
        title_score(
            "Knowledge Management: An Introduction and Perspective",
            "Knowledge Management: Where Did It Come From and Where Will It Go?",
        )
        < 90
    )


def test_draft_lists_every_citation_with_a_cite_or_a_reason(bib: Bibliography) -> None:
    text = (FIXTURES / "audit-extract" / "article.md").read_text(encoding="utf-8")
    draft = draft_audit(text, bib, source="article.md")
    assert draft["document"] == {
        "title": "Learning organizations, revisited",
        "source": "article.md",
        "note": "Draft by `citegloss audit extract`: check the title and every `cite`.",
    }
    citations = draft["citations"]
    assert isinstance(citations, list)
    assert [(c["as_written"], c["cite"]) for c in citations] == [
        ("(Senge, 2014)", None),
        ("Senge (2006)", "senge2006fifth"),
        ("Argyris & Schon (1978)", "argyris1978organizational"),
        ("Crossan & White (1999)", "crossan1999organizational"),
        ("Levitt and March 1988", "levitt1988organizational"),
        ("Huber 1991", "huber1991organizational"),
        ("(Garvin& Gino, 2008)", "garvin2008yours"),
        ("Argyris& Schén(1997)", None),
        ("Örtenblad (2001)", "ortenblad2001differences"),
        ("Riege, A. (2005)", "riege2005three"),
    ]
    assert all(c.get("reason") for c in citations if c["cite"] is None)


def test_extract_reads_markdown_files(tmp_path: Path) -> None:
    page = tmp_path / "post.md"
    page.write_text("# A post\n\n> As *Senge (2006)* put it.\n", encoding="utf-8")
    assert found(page.read_text(encoding="utf-8")) == [("Senge (2006)", "Senge", 2006)]


@pytest.mark.parametrize(
    "text",
    [
        "Aa, & Bb, & " * 1000,
        "Aa, " * 3000,
        "Senge, P. M., " * 1000,
        "Aa, B.  -  C.   D. , " * 1000,
        "Van de Van de " * 2000,
    ],
)
def test_long_runs_of_names_without_a_year_fail_fast(text: str) -> None:
    """Every pattern matches a stretch one way only: no exponential backtracking."""
    started = time.perf_counter()
    assert extract_citations(text) == []
    assert time.perf_counter() - started < 2
