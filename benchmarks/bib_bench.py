"""How long reading a .bib takes, against pybtex's own lenient parse; and hostile .bib files.

Run by hand (`python benchmarks/bib_bench.py [--no-hostile] [FILE.bib ...]`); not a test. For
each file (by default the real bibliographies in ../shared/corpus/bib/, when present) it prints
the CPU time, best of three fresh interpreters (CPU time, as the machine is shared): pybtex's
lenient parse of the whole file, and citegloss's `load_bibliography` (parse entry by entry,
names, years, crossrefs, findings). Target: within 1.5x pybtex on a file with a few broken
entries (zotero-bbt-papers3.bib has 23). Before this benchmark, the re-parse after any pybtex
error took 4-8x pybtex's time.

Then it runs `citegloss check` on each hostile .bib of tests/test_hostile_bib.py (the unclosed
brace in 60,000 entries, as issue 8 measured) in a subprocess under the 500 MB cap, and prints
time and peak memory. Target: under 5 s and 500 MB each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from citegloss.bib import load_bibliography

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CITEGLOSS_CORPUS", ROOT / ".." / "shared" / "corpus")) / "bib"
sys.path.insert(0, str(ROOT / "tests"))

from bounded import run_bounded  # noqa: E402  (the tests' helper, from tests/)
from test_hostile_bib import CASES, CONCEPT, GOOD_ENTRY, unclosed_early  # noqa: E402

#: One timed read in a fresh interpreter (no warm caches), printing its CPU seconds.
_TIMED = """
import sys, time
from pathlib import Path
path, which = Path(sys.argv[1]), sys.argv[2]
if which == "pybtex":
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser
    pybtex.errors.set_strict_mode(False)
    def read():
        with pybtex.errors.capture():
            Parser().parse_string(path.read_text(encoding="utf-8"))
else:
    from citegloss.bib import load_bibliography
    def read():
        load_bibliography(path)
start = time.process_time()
read()
print(time.process_time() - start)
"""


def _cpu(path: Path, which: str, runs: int = 3) -> float:
    """Best of `runs` fresh interpreters: CPU time, as the machine is shared."""
    command = [sys.executable, "-c", _TIMED, str(path), which]
    return min(
        float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    )


def bench_files(paths: list[Path]) -> None:
    print(f"{'file':28} {'entries':>7} {'errors':>6} {'pybtex':>8} {'citegloss':>9} {'ratio':>6}")
    for path in paths:
        pybtex_s, ours = _cpu(path, "pybtex"), _cpu(path, "citegloss")
        bib = load_bibliography(path)
        errors = sum(f.code == "bib-error" for f in bib.findings)
        print(
            f"{path.name:28} {len(bib.references):7} {errors:6} {pybtex_s:7.2f}s "
            f"{ours:8.2f}s {ours / pybtex_s:6.2f}"
        )


def bench_hostile() -> None:
    cases = {
        **{n: make for n, (make, _) in CASES.items()},
        "unclosed-brace-60000": lambda: unclosed_early(60_000),
    }
    print(f"\n{'hostile .bib':28} {'seconds':>8} {'peak MB':>8} exit")
    for name, make in cases.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "glossary").mkdir()
            (root / "glossary" / "learning.yaml").write_text(CONCEPT, encoding="utf-8")
            (root / "references.bib").write_text(GOOD_ENTRY + make(), encoding="utf-8")
            run = run_bounded(["check"], root)
        print(f"{name:28} {run.seconds:8.2f} {run.peak_rss_bytes / 2**20:8.0f} {run.returncode}")


def main(argv: list[str]) -> int:
    hostile = "--no-hostile" not in argv
    files = [Path(a) for a in argv if a != "--no-hostile"]
    paths = files or (sorted(CORPUS.glob("*.bib")) if CORPUS.is_dir() else [])
    if paths:
        bench_files(paths)
    if hostile:
        bench_hostile()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
