"""`citegloss check` and the verification record: bad-identifier, unverified-entry, suspect-entry."""

from __future__ import annotations

import datetime
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from citegloss.bib import parse_bibliography
from citegloss.cli import main
from citegloss.verify.checks import verification_findings
from citegloss.verify.model import Difference, Provider, Verdict
from citegloss.verify.record import fingerprint, load_records, save_records
from conftest import FIXTURES

TODAY = datetime.date(2026, 12, 1)


def findings_for(entry: str) -> list[str]:
    bib = parse_bibliography(entry, "references.bib")
    return [f"{f.code}: {f.message}" for f in verification_findings(bib, None, TODAY)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("doi = {10.1234}", "the DOI '10.1234' is not DOI syntax (10.NNNN/suffix)"),
        ("doi = {doi.org/10.1287/orsc.2.1.71}", "is not DOI syntax"),
        ("isbn = {0-19-509269-5}", "its check digit is wrong (ISBN-10)"),
        ("isbn = {978-0-19-509269-2}", "its check digit is wrong (ISBN-13)"),
        ("isbn = {12345}", "it is neither 10 nor 13 digits long"),
        ("issn = {0001-8393}", "the ISSN '0001-8393' is not valid: its check digit is wrong"),
        ("year = {2031}", "the year 2031 is in the future"),
        ("pages = {125--115}", "the page range 125–115 runs backwards"),
    ],
)
def test_bad_identifiers(fields: str, message: str) -> None:
    year = "" if "year" in fields else "year = {1990}, "
    found = findings_for(f"@book{{k, author = {{A, B}}, title = {{T}}, {year}{fields}}}")
    assert len(found) == 1 and found[0].startswith("bad-identifier: 'k': ")
    assert message in found[0]


def test_good_identifiers_pass() -> None:
    entry = (
        "@article{k, author = {A, B}, title = {T}, year = {2026}, pages = {115--125}, "
        "doi = {https://doi.org/10.1002/(SICI)1097-0266(199708)18:7<509::AID-SMJ882>3.0.CO;2-Z}, "
        "isbn = {0-19-509269-4, 978-0-19-509269-1}, issn = {0363-7425}}"
    )
    assert findings_for(entry) == []


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def keys() -> list[str]:
    bib = parse_bibliography(Path("references.bib").read_text(), "references.bib")
    return list(bib.references)


def test_strict_check_fails_until_a_new_entry_is_verified(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    *verified, new = keys()  # the last entry stands for one just added
    assert main(["check", "--strict"]) == 0  # no record kept yet: nothing to say
    assert main(["verify", "--by-hand", *verified, "--source", "the publisher's page"]) == 0
    capsys.readouterr()
    assert main(["check", "--strict"]) == 1
    out = capsys.readouterr().out
    assert f"warning unverified-entry '{new}' has no verification record" in out
    assert f"citegloss verify --by-hand {new}" in out
    assert main(["check"]) == 0  # a warning: only --strict fails on it
    main(["verify", "--by-hand", new, "--source", "Library of Congress catalogue"])
    assert main(["check", "--strict"]) == 0


def test_an_entry_edited_after_verification_is_unverified_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["verify", "--by-hand", *keys(), "--source", "the journal's page"])
    text = Path("references.bib").read_text()
    Path("references.bib").write_text(text.replace("year    = {1999}", "year    = {2000}", 1))
    capsys.readouterr()
    assert main(["check", "--strict"]) == 1
    assert "unverified-entry 'crossan1999organizational' changed since it was verified on" in (
        capsys.readouterr().out
    )


def test_reformatting_an_entry_keeps_its_fingerprint() -> None:
    tidy = parse_bibliography(
        "@book{k, author = {Senge, Peter M.}, title = {The Fifth Discipline}, year = {1990}}", "b"
    )
    messy = parse_bibliography(
        "@BOOK{k,\n  title={The  Fifth\n Discipline},\n  year=1990,\n  author={Peter M. Senge}\n}",
        "b",
    )
    assert fingerprint(tidy.references["k"]) == fingerprint(messy.references["k"])
    assert len(fingerprint(tidy.references["k"])) == 16


def record_all_then_change(key: str, **changes: object) -> None:
    """Every entry confirmed by hand, then one record changed as a provider might have left it."""
    main(["verify", "--by-hand", *keys(), "--source", "a catalogue"])
    path = Path("references.verified.yaml")
    records = load_records(path)
    assert records is not None
    records[key] = replace(records[key], **changes)
    save_records(path, records)


def test_a_record_saying_differs_is_a_suspect_entry(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_all_then_change(
        "crossan1999organizational",
        verdict=Verdict.DIFFERS,
        provider=Provider.CROSSREF,
        differences=(Difference("year", "1999", "2000"),),
    )
    capsys.readouterr()
    assert main(["check"]) == 1
    assert (
        "error suspect-entry 'crossan1999organizational' is differs by Crossref "
        f"({datetime.date.today().isoformat()}): year (entry: '1999', record: '2000')"
    ) in capsys.readouterr().out


def test_by_hand_records_many_keys_from_a_file(project: Path) -> None:
    Path("evidence.tsv").write_text(
        "# key<TAB>where it was seen\n"
        + "".join(f"{key}\tcatalogue record of {key}\n" for key in keys())
    )
    assert main(["verify", "--by-hand-from", "evidence.tsv"]) == 0
    records = load_records(Path("references.verified.yaml"))
    assert records is not None and set(records) == set(keys())
    first = records[keys()[0]]
    assert (first.provider.value, first.source) == ("by-hand", f"catalogue record of {keys()[0]}")
    assert first.date == datetime.date.today().isoformat()


def test_by_hand_without_a_source_or_for_an_unknown_key_cannot_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "--by-hand", keys()[0]]) == 2
    assert main(["verify", "--by-hand", "nosuchkey", "--source", "x"]) == 2
    err = capsys.readouterr().err
    assert '--by-hand needs --source "where you saw the work"' in err
    assert "not keys in references.bib: nosuchkey" in err
    assert not Path("references.verified.yaml").exists()


def test_a_broken_record_file_stops_check_with_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("references.verified.yaml").write_text("entries:\n  k: [unclosed\n")
    assert main(["check"]) == 2
    assert "cannot read 'references.verified.yaml'" in capsys.readouterr().err


def test_a_not_found_record_is_still_unverified(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = keys()[0]
    record_all_then_change(key, verdict=Verdict.NOT_FOUND, provider=Provider.CROSSREF, source="")
    capsys.readouterr()
    assert main(["check", "--strict"]) == 1
    assert f"unverified-entry '{key}' was not found by Crossref on " in capsys.readouterr().out


@pytest.mark.parametrize("code", ["bad-identifier", "unverified-entry", "suspect-entry"])
def test_the_new_codes_are_documented(code: str) -> None:
    page = (Path(__file__).parents[1] / "docs" / "codes.md").read_text(encoding="utf-8")
    assert f"\n## {code}\n" in page and f"[`{code}`](#{code})" in page
