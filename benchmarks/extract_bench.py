"""Time `extract_citations` on the inputs that once made it quadratic, at doubling sizes.

A linear extractor roughly doubles its time when the input doubles; the quadratic one it replaced
took 3.6 s on 5,000 whitespace lines, 14 s on 10,000 and 61 s on 20,000. Also times the six
texts of the shared corpus when it is here (or at $CITEGLOSS_CORPUS). Run: `.venv/bin/python benchmarks/extract_bench.py`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from citegloss.audit_extract import extract_citations

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CITEGLOSS_CORPUS", ROOT / ".." / "shared" / "corpus")) / "texts"


def blank_lines(n: int) -> str:
    """A citation, then n whitespace-only lines and no reference-list heading."""
    return "Intro (Senge, 2006).\n" + " \n\t \n" * (n // 2) + "end\n"


def entry_tails(n: int) -> str:
    """n reference entries with no blank line between them."""
    return "References\n" + "".join(f"Smith, J. ({1900 + i % 100}). Title {i}.\n" for i in range(n))


def citations_at_the_end(n: int) -> str:
    """100 lines per citation, then n citations on the last line."""
    return "x\n" * (100 * n) + "Senge (2006) and Huber 1991. " * (n // 2)


def seconds(make: Callable[[int], str], n: int) -> tuple[float, int]:
    text = make(n)
    started = time.perf_counter()
    found = extract_citations(text)
    return time.perf_counter() - started, len(found)


def main() -> None:
    for make, sizes in (
        (blank_lines, (50_000, 100_000, 200_000)),
        (entry_tails, (2_500, 5_000, 10_000)),
        (citations_at_the_end, (2_500, 5_000, 10_000)),
    ):
        for n in sizes:
            took, found = seconds(make, n)
            print(f"{make.__name__:22} n={n:>7,}: {took:6.2f} s ({found:,} citations)")
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        found = extract_citations(text)
        took = time.perf_counter() - started
        print(f"{path.name:40} {took:6.3f} s ({len(found)} citations)")


if __name__ == "__main__":
    main()
