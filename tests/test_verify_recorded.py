"""The providers' parsers on responses they really sent (fixtures/verify/recorded/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from citegloss.bib import parse_bibliography
from citegloss.verify import crossref, openlibrary
from citegloss.verify.compare import judge, same_title
from citegloss.verify.model import Provider, Verdict
from fake_providers import RECORDED, recorded


def test_a_crossref_work_record_reads_into_the_compared_fields() -> None:
    work = crossref.parse_work_response(recorded("crossref-work-pone.0033693.json"))
    assert work is not None
    assert (work.provider, work.doi, work.year, work.venue) == (
        Provider.CROSSREF,
        "10.1371/journal.pone.0033693",
        2012,
        "PLoS ONE",
    )
    assert (work.volume, work.issue, work.pages) == ("7", "3", "e33693")
    assert [p.last for p in work.authors] == ["Sadasivan", "Pond", "Pani", "Qu", "Jiao", "Smeyne"]
    assert work.authors[1].first == "Brooks B."


def test_a_correction_in_updated_by_is_not_a_retraction() -> None:
    message = recorded("crossref-work-pone.0033693.json")["message"]
    assert message["updated-by"][0]["type"] == "correction"
    assert not crossref.is_retracted(message)


def test_a_retraction_in_updated_by_or_in_place_is() -> None:
    message = recorded("crossref-work-pone.0033693.json")["message"]
    by_notice = {**message, "updated-by": [{**message["updated-by"][0], "type": "retraction"}]}
    in_place = {
        **message,
        "updated-by": [],
        "update-to": [{"DOI": message["DOI"].upper(), "type": "retraction", "label": "Retraction"}],
    }
    other = {**in_place, "update-to": [{"DOI": "10.1/elsewhere", "type": "retraction"}]}
    assert crossref.is_retracted(by_notice) and crossref.is_retracted(in_place)
    assert not crossref.is_retracted(other)  # a notice retracting another work is not retracted


def test_a_crossref_query_response_gives_its_items() -> None:
    works = crossref.parse_query_response(recorded("crossref-query-boettiger.json"))
    assert [(w.title, w.year, w.pages) for w in works] == [("The forecast trap", 2022, "1655-1664")]
    assert works[0].authors[0].last == "Boettiger"


def test_the_not_found_answer_is_plain_text() -> None:
    assert (RECORDED / "crossref-not-found.txt").read_text() == "Resource not found."


def test_an_open_library_search_gives_works_with_every_edition_year() -> None:
    works = openlibrary.parse_search_response(recorded("openlibrary-search-denver.json"))
    assert [w.title for w in works] == ["Denver, Co", "Denver Co Deluxe Flip Map"]
    assert works[1].authors[0].last == "Ryder" and works[1].authors[0].first == "Laura"
    assert (works[1].years, works[1].identifier) == ((2003,), "/works/OL4437736W")


def test_an_entry_written_with_latex_and_other_case_is_confirmed_by_the_record() -> None:
    bib = parse_bibliography(
        "@article{s, author = {Sadasivan, S. and Pond, B. B. and Pani, A. K. and Qu, C. and "
        "Jiao, Y. and Smeyne, R. J.}, title = {Methylphenidate exposure induces dopamine neuron "
        "loss and activation of microglia in the basal ganglia of mice}, journal = {{PLoS} One}, "
        "year = {2013}, volume = {7}, number = {3}, pages = {e33693}}",
        "references.bib",
    )
    work = crossref.parse_work_response(recorded("crossref-work-pone.0033693.json"))
    assert work is not None
    result = judge(bib.references["s"], work)
    assert (result.verdict, result.differences) == (Verdict.CONFIRMED, ())  # 2013: one year off


def test_titles_forgive_case_punctuation_and_a_missing_subtitle() -> None:
    assert same_title("The Fifth Discipline", "The fifth discipline: the art & practice")
    assert same_title("What's Your Strategy?", "Whats your strategy")
    assert not same_title("The Forecast Trap", "The Poverty Trap")


def test_recorded_sources_are_documented() -> None:
    sources = (RECORDED / "SOURCES.md").read_text()
    for path in Path(RECORDED).iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in sources
