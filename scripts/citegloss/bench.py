"""Benchmark (not a test): `citegloss check` against only parsing the same files.

Generates N concepts x 5 definitions citing M bib entries, then times, each in a fresh
interpreter so start-up counts on both sides: the full `citegloss check`, and a bare parse of
the same files with the fastest loaders (PyYAML's C loader, pybtex). Prints both and the ratio.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = [
    "Argyris",
    "Schön",
    "Senge",
    "March",
    "Nonaka",
    "Takeuchi",
    "Crossan",
    "Lane",
    "White",
    "Huber",
    "Levitt",
    "García-Morales",
    "Van de Ven",
    "von Krogh",
    "Holmqvist",
    "Garvin",
]

PARSE_ONLY = """
import sys, yaml
from pathlib import Path
from pybtex.database.input.bibtex import Parser
root = Path(sys.argv[1])
for path in sorted((root / "glossary").glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
Parser().parse_string((root / "references.bib").read_text(encoding="utf-8"))
"""


def _people(rng: random.Random, index: int) -> list[tuple[str, str]]:
    count = rng.choice([1, 1, 2, 2, 3, 4])
    names = rng.sample(SURNAMES, count)
    return [
        (f"{name}{index % 97 if i == 0 else ''}", f"{chr(65 + i)}. B.")
        for i, name in enumerate(names)
    ]


def generate(root: Path, concepts: int, entries: int, definitions: int = 5, seed: int = 1) -> None:
    """A glossary of the given size in `root`, every attribution correct."""
    rng = random.Random(seed)
    (root / "glossary").mkdir(parents=True)
    bib, works = [], []
    for i in range(entries):
        people = _people(rng, i)
        year = 1950 + i % 70
        authors = " and ".join(f"{last}, {first}" for last, first in people)
        bib.append(
            f"@article{{work{i},\n  author = {{{authors}}},\n  title = {{A study of learning number {i}}},\n"
            f"  journal = {{Journal of Learning}},\n  volume = {{{i % 40}}},\n  pages = {{1--20}},\n"
            f"  year = {{{year}}}\n}}\n"
        )
        lasts = [last for last, _ in people]
        cited = (
            lasts[0] + " et al."
            if len(lasts) > 3
            else " & ".join([", ".join(lasts[:-1]), lasts[-1]] if len(lasts) > 1 else lasts)
        )
        works.append((f"work{i}", cited, year))
    (root / "references.bib").write_text("\n".join(bib), encoding="utf-8")
    for c in range(concepts):
        lines = [
            f"term: Concept {c}",
            f"aliases: [C{c}]",
            f"summary: A generated concept used to measure the checker, number {c}.",
            f"related: [concept-{(c + 1) % concepts}]",
            "definitions:",
        ]
        for d in range(definitions):
            key, author, year = works[(c * definitions + d) % entries]
            lines += [
                f"  - author: {author}",
                f"    year: {year}",
                f"    cite: {key}",
                f'    paraphrase: "Definition {d} of concept {c}, in the editors\' own words."',
                "    facets: {levels: [individual, organization], nature: process}",
            ]
        (root / "glossary" / f"concept-{c}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def _best_of(command: list[str], runs: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        status = subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode
        times.append(time.perf_counter() - start)
    return min(times), status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m citegloss.bench", description=__doc__)
    parser.add_argument("--concepts", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.concepts, args.entries)
        check_cmd = [
            sys.executable,
            "-m",
            "citegloss",
            "check",
            "--glossary",
            str(root / "glossary"),
            "--bib",
            str(root / "references.bib"),
        ]
        check_time, status = _best_of(check_cmd, args.runs)
        parse_time, _ = _best_of([sys.executable, "-c", PARSE_ONLY, str(root)], args.runs)
    print(f"glossary: {args.concepts} concepts x 5 definitions, {args.entries} bib entries")
    print(f"citegloss check: {check_time:6.2f} s (exit {status})")
    print(f"parse only:      {parse_time:6.2f} s (PyYAML CSafeLoader + pybtex)")
    print(f"ratio:           {check_time / parse_time:6.2f} (target <= 1.5)")
    return 0 if status == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
