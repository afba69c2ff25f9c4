"""Worst time and memory per class of hostile input: `make bench-hostile`.

Runs the hostile regression corpus (tests/test_hostile_*.py) with pytest, which runs every case in a
subprocess under the 500 MB cap (tests/bounded.py), and prints, for each test (one class of hostile
input), how many runs it made and the worst seconds and peak memory of any of them, against the
targets: under 5 s and 500 MB each. Failing tests are counted and shown too, so the same command
measures the code before a fix.

    python benchmarks/hostile_bench.py [pytest options, e.g. -k alias]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS, TARGET_MB = 5.0, 500


class Outcomes:
    """pytest plugin: which tests failed, by their node id without parameters."""

    def __init__(self) -> None:
        self.failed: dict[str, int] = defaultdict(int)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.failed:
            self.failed[report.nodeid.split("[")[0]] += 1


def main(argv: list[str]) -> int:
    outcomes = Outcomes()
    started = time.perf_counter()
    tests = sorted(str(p) for p in (ROOT / "tests").glob("test_hostile_*.py"))
    pytest.main(["-q", "-p", "no:cacheprovider", "--no-header", *tests, *argv], plugins=[outcomes])
    bounded = sys.modules.get("bounded")
    runs = bounded.RUNS if bounded else []
    classes: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for run in runs:
        classes[run.test.split("[")[0]].append((run.seconds, run.peak_rss_bytes / 2**20))
    print(f"\n{'class (test)':<78} {'runs':>4} {'fail':>4} {'worst s':>8} {'worst MB':>8}")
    over = 0
    for name, figures in sorted(classes.items()):
        seconds, mb = max(s for s, _ in figures), max(m for _, m in figures)
        flag = "" if seconds < TARGET_SECONDS and mb < TARGET_MB else "  over target"
        over += bool(flag)
        short = name.removeprefix("tests/")
        print(
            f"{short:<78} {len(figures):>4} {outcomes.failed.get(name, 0):>4} "
            f"{seconds:>8.2f} {mb:>8.0f}{flag}"
        )
    print(
        f"{len(runs)} bounded runs in {time.perf_counter() - started:.0f} s; "
        f"{over} classes over {TARGET_SECONDS:.0f} s or {TARGET_MB} MB; "
        f"{sum(outcomes.failed.values())} failing cases."
    )
    return 1 if over or outcomes.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
