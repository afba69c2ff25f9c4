"""The extractor on six real texts, scored against hand annotations (tests/corpus_annotations/).

The texts are in the shared corpus, not in this repository (their licences forbid copying);
the test is skipped when the corpus is absent. The matching rule is in the annotations' README.
Run with `-s` to see recall and precision per text, and every missed or spurious citation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from citegloss.audit_extract import FoundCitation, extract_citations
from citegloss.names import normalize_surname

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CITEGLOSS_CORPUS", ROOT / ".." / "shared" / "corpus"))
ANNOTATIONS = ROOT / "tests" / "corpus_annotations"
#: How many lines apart an annotation and an extracted citation may be (a broken citation).
LINE_SLACK = 1
#: The targets of the issue, overall.
MIN_RECALL = 0.95
MIN_PRECISION = 0.95


@dataclass(frozen=True)
class Annotated:
    """One hand-annotated citation."""

    line: int
    first_author: str
    years: tuple[str, ...]
    in_reference_list: bool


@dataclass(frozen=True)
class Score:
    text: str
    annotated: int
    extracted: int
    matched: int
    missed: tuple[Annotated, ...]
    spurious: tuple[FoundCitation, ...]

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0


def _year_key(year: object) -> str:
    """The four digits of a year ("1972b" -> "1972"), or the word ("n.d.") folded."""
    text = str(year).strip().lower()
    return text[:4] if text[:4].isdigit() else text.replace(" ", "")


def _annotations(path: Path) -> list[Annotated]:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))["citations"]
    return [
        Annotated(
            line=r["line"],
            first_author=normalize_surname(str(r["authors"][0])),
            years=tuple(_year_key(y) for y in (r["year"], r.get("original")) if y is not None),
            in_reference_list=r["kind"] == "reference",
        )
        for r in records
    ]


def _found_year(found: FoundCitation) -> str:
    return _year_key(getattr(found, "year_text", "") or found.year)


def _fits(a: Annotated, f: FoundCitation) -> bool:
    return (
        a.in_reference_list == f.in_reference_list
        and abs(a.line - f.line) <= LINE_SLACK
        and bool(f.surnames)
        and normalize_surname(f.surnames[0]) == a.first_author
        and _found_year(f) in a.years
    )


def score(text_path: Path, annotation_path: Path) -> Score:
    """Match annotations to extracted citations one to one, nearest line first."""
    annotated = _annotations(annotation_path)
    found = extract_citations(text_path.read_text(encoding="utf-8"))
    free = set(range(len(found)))
    missed = []
    for a in annotated:
        fitting = [i for i in free if _fits(a, found[i])]
        if not fitting:
            missed.append(a)
            continue
        free.remove(min(fitting, key=lambda i: (abs(found[i].line - a.line), i)))
    return Score(
        text=text_path.name,
        annotated=len(annotated),
        extracted=len(found),
        matched=len(annotated) - len(missed),
        missed=tuple(missed),
        spurious=tuple(found[i] for i in sorted(free)),
    )


def _report(s: Score) -> str:
    lines = [
        f"{s.text}: recall {s.recall:.3f} ({s.matched}/{s.annotated}), "
        f"precision {s.precision:.3f} ({s.matched}/{s.extracted})"
    ]
    lines += [
        f"    missed line {a.line}: {a.first_author} {'/'.join(a.years)}"
        f"{' (reference)' if a.in_reference_list else ''}"
        for a in s.missed
    ]
    lines += [
        f"    spurious line {f.line}: {f.as_written!r}"
        f"{' (reference)' if f.in_reference_list else ''}"
        for f in s.spurious
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    texts = CORPUS / "texts"
    if not texts.is_dir():
        pytest.skip(f"the shared corpus is not here ({texts})")
    return [
        score(texts / f"{path.stem}.txt", path)
        for path in sorted(ANNOTATIONS.glob("*.yaml"))
        if (texts / f"{path.stem}.txt").is_file()
    ]


def test_every_corpus_text_is_annotated(scores: list[Score]) -> None:
    texts = sorted(p.stem for p in (CORPUS / "texts").glob("*.txt"))
    assert sorted(Path(s.text).stem for s in scores) == texts


def test_recall_and_precision_on_the_corpus(scores: list[Score]) -> None:
    annotated = sum(s.annotated for s in scores)
    extracted = sum(s.extracted for s in scores)
    matched = sum(s.matched for s in scores)
    recall, precision = matched / annotated, matched / extracted
    print()
    for s in scores:
        print(_report(s))
    print(
        f"overall: recall {recall:.3f} ({matched}/{annotated}), "
        f"precision {precision:.3f} ({matched}/{extracted})"
    )
    assert recall >= MIN_RECALL
    assert precision >= MIN_PRECISION
