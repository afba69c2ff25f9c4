"""`audit extract` on hostile documents: bounded, no traceback, and drafts the audit format takes.

Each case runs the command in a subprocess under the 500 MB cap of tests/bounded.py. The three
inputs below once made the extractor quadratic (the reference-list heading search over blank
lines, the tail of every reference entry, counting lines from the start for every citation);
their times are measured and printed by `-s`, and asserted only against the hang ceiling.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bounded import MEMORY_CAP, run_bounded
from citegloss.schema import is_valid

BIB = """\
@book{senge2006fifth,
  author = {Senge, Peter M.},
  title = {The Fifth Discipline},
  year = {2006},
  publisher = {Doubleday},
}
"""


def _blank_lines() -> str:
    """A citation, then 200,000 whitespace-only lines and no heading: the search for a
    "References" heading once ran from every line to the end of the text."""
    return "Intro (Senge, 2006).\n" + " \n\t \n" * 100_000 + "end\n"


def _entry_tails() -> str:
    """5,000 reference entries with no blank line between them: every tail ran to the end."""
    entries = "".join(f"Smith, J. ({1900 + i % 100}). Title {i}. Press.\n" for i in range(5_000))
    return "References\n" + entries + "More text without a blank line.\n" * 20_000


def _citations_at_the_end() -> str:
    """500,000 lines, then 5,000 citations: each counted its line from the start."""
    return "x\n" * 500_000 + "Senge (2006) and Huber 1991. " * 2_500


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def _extract(tmp_path: Path, bib: Path, text: str) -> tuple[list[dict[str, object]], str]:
    document = tmp_path / "document.txt"
    document.write_text(text, encoding="utf-8")
    out = tmp_path / "audits" / "document.yaml"
    run = run_bounded(
        ["audit", "extract", str(document), "-o", str(out), "--bib", str(bib)], tmp_path
    )
    assert run.returncode == 0, run.output[-3000:]
    assert "Traceback" not in run.output
    assert run.peak_rss_bytes < MEMORY_CAP
    print(f"\n{len(text):,} characters: {run.seconds:.2f} s, {run.peak_rss_bytes >> 20} MB")
    parts = [out, *sorted(out.parent.glob("document-*.yaml"), key=lambda p: int(p.stem[9:]))]
    assert len(parts) == len(list(out.parent.iterdir()))
    drafts = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in parts]
    return drafts, run.stderr


@pytest.mark.parametrize(
    ("make", "citations"),
    [(_blank_lines, 1), (_entry_tails, 5_000), (_citations_at_the_end, 5_000)],
    ids=["blank-lines", "entry-tails", "citations-at-the-end"],
)
def test_once_quadratic_inputs_are_bounded(
    tmp_path: Path, bib: Path, make: object, citations: int
) -> None:
    drafts, _ = _extract(tmp_path, bib, make())  # type: ignore[operator]
    assert sum(len(d["citations"]) for d in drafts) == citations
    assert all(is_valid("audit", d) for d in drafts)


def test_a_draft_too_long_for_one_file_is_split_and_says_so(tmp_path: Path, bib: Path) -> None:
    drafts, stderr = _extract(tmp_path, bib, "Senge (2006) said it. " * 4_500)
    assert [len(d["citations"]) for d in drafts] == [2000, 2000, 500]
    assert all(is_valid("audit", d) for d in drafts)
    assert "Part 3 of 3: citations 4001 to 4500 of 4500" in drafts[2]["document"]["note"]
    assert "split into 3 files" in stderr


def test_overlong_names_are_cut_to_what_the_format_takes(tmp_path: Path, bib: Path) -> None:
    name = "Q" + "u" * 5_000
    drafts, _ = _extract(tmp_path, bib, f"As {name} (2006) wrote.")
    (draft,) = drafts
    assert is_valid("audit", draft)
    (citation,) = draft["citations"]
    assert len(citation["as_written"]) == 2000
    assert "`as_written` cut to 2000 characters" in citation["note"]
    assert "`author` cut to 300 characters" in citation["note"]
