"""How long the site takes to build, against plain MkDocs building the same number of pages.

Run by hand (`make bench-site`, or `python benchmarks/site_bench.py [SIZES...]`); not a test.
For each size it generates a glossary of that many concepts (3-5 definitions, a summary,
related concepts, some contrasts; about one work cited per concept), builds it with the
project's mkdocs.yml, then builds the same number of hand-written Markdown pages of similar
size (a summary, a definitions table, related links) with the same theme, plugins (less
citegloss) and navigation. Targets: ratio <= 1.3; 2,000 concepts in <= 2.2x the time of 1,000.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "learning",
    "organization",
    "knowledge",
    "routine",
    "memory",
    "process",
    "change",
    "team",
    "member",
    "practice",
    "experience",
    "capability",
    "structure",
    "culture",
    "strategy",
    "performance",
    "behaviour",
    "adaptation",
    "individual",
    "group",
    "collective",
    "theory",
    "action",
    "inquiry",
    "feedback",
    "system",
    "model",
    "norm",
    "value",
]
SURNAMES = [
    "Argyris",
    "Schön",
    "Senge",
    "Huber",
    "March",
    "Levitt",
    "Crossan",
    "Lane",
    "White",
    "Nonaka",
    "Takeuchi",
    "Garvin",
    "Fiol",
    "Lyles",
    "Kolb",
    "Wenger",
    "Lave",
    "Polanyi",
    "Walsh",
    "Ungson",
    "Cohen",
    "Levinthal",
    "Zahra",
    "George",
    "Argote",
    "Miron",
]
NATURES = ("process", "outcome", "capability", "form-of-organization", "practice")
LEVELS = ("individual", "team", "organization", "interorganizational")


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def make_data(n: int, rng: random.Random) -> tuple[list[dict[str, object]], str, list[str]]:
    """n concepts (as YAML data), a .bib of n works, and the works' attributions."""
    works, entries = [], []
    for i in range(n):
        surname = f"{rng.choice(SURNAMES)}{i}"
        year = 1950 + i % 70
        works.append((f"w{i}", surname, year))
        entries.append(
            f"@article{{w{i},\n  author = {{{surname}, Anna}},\n  title = {{{sentence(rng, 8)}}},\n"
            f"  journal = {{Journal of {rng.choice(WORDS).title()}}},\n  year = {{{year}}},\n"
            f"  volume = {{{i % 50 + 1}}},\n  pages = {{1--20}}\n}}\n"
        )
    concepts = []
    for i in range(n):
        cited = [works[i], *rng.sample(works, 3)]
        definitions = []
        for key, surname, year in cited[: rng.randint(3, 4)]:
            definitions.append({
                "author": surname, "year": year, "cite": key,
                "paraphrase": sentence(rng, rng.randint(25, 45)),
                "facets": {"levels": rng.sample(LEVELS, 2), "nature": rng.choice(NATURES)},
            })  # fmt: skip
        concept: dict[str, object] = {
            "term": f"Concept {i} {rng.choice(WORDS)}",
            "aliases": [f"C{i}"],
            "summary": sentence(rng, 60),
            "related": sorted({f"concept-{j}" for j in rng.sample(range(n), 4) if j != i}),
            "definitions": definitions,
        }
        if i % 5 == 0:
            key, surname, year = works[i]
            concept["contrasts"] = [{"with": f"concept-{(i + 1) % n}", "points": [{
                "aspect": "stance", "this": sentence(rng, 8), "other": sentence(rng, 8),
                "author": surname, "year": year, "cite": key,
            }]}]  # fmt: skip
        concepts.append(concept)
    return concepts, "\n".join(entries), [f"{s} ({y})" for _, s, y in works]


def base_config(plugins_keep: bool) -> dict[str, object]:
    config: dict[str, object] = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p for p in config["plugins"] if not (isinstance(p, dict) and "mkdocstrings" in p)]  # type: ignore[attr-defined]
    if not plugins_keep:
        plugins = [p for p in plugins if not (isinstance(p, dict) and "citegloss" in p)]
    for plugin in plugins:  # the concepts are measured, not the project's own audit pages
        if isinstance(plugin, dict) and isinstance(plugin.get("citegloss"), dict):
            plugin["citegloss"].pop("extra_pages", None)
    config["plugins"] = plugins
    config["nav"] = [item for item in config["nav"] if "api.md" not in item.values()]  # type: ignore[attr-defined]
    return config


def write_common_docs(docs: Path) -> None:
    docs.mkdir(parents=True)
    for name in ("index.md", "contributing.md", "audits.md", "codes.md", "engines.md"):
        source = ROOT / "docs" / name
        text = source.read_text(encoding="utf-8") if source.exists() else f"# {name}\n"
        (docs / name).write_text(text, encoding="utf-8")


def citegloss_site(root: Path, concepts: list[dict[str, object]], bib: str) -> Path:
    (root / "glossary").mkdir(parents=True)
    for i, concept in enumerate(concepts):
        text = yaml.safe_dump(concept, sort_keys=False, allow_unicode=True)
        (root / "glossary" / f"concept-{i}.yaml").write_text(text, encoding="utf-8")
    (root / "references.bib").write_text(bib, encoding="utf-8")
    write_common_docs(root / "docs")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(base_config(True)), encoding="utf-8")
    return root / "mkdocs.yml"


def markdown_site(root: Path, concepts: list[dict[str, object]], cites: list[str]) -> Path:
    """The same pages written by hand: same text, a Markdown table, links, no plugin."""
    docs = root / "docs"
    write_common_docs(docs)
    (docs / "concepts").mkdir()
    index = ["# Concepts", ""]
    for i, concept in enumerate(concepts):
        rows = [
            f"| {d['author']} | {d['year']} | {d['paraphrase']} | {d['facets']['nature']} "
            f"{', '.join(d['facets']['levels'])} | |"
            for d in concept["definitions"]  # type: ignore[attr-defined]
        ]
        related = [f"- [{r}]({r}.md)" for r in concept["related"]]  # type: ignore[attr-defined]
        page = [
            f"# {concept['term']}", "", f"Also called: {', '.join(concept['aliases'])}", "",  # type: ignore[arg-type]
            str(concept["summary"]), "", "## Definitions", "",
            "| Author | Year | Definition | Facets | Pages |", "|---|---|---|---|---|", *rows, "",
            "## Related concepts", "", *related, "",
        ]  # fmt: skip
        (docs / "concepts" / f"concept-{i}.md").write_text("\n".join(page), encoding="utf-8")
        index.append(f"- [{concept['term']}](concept-{i}.md)")
    (docs / "concepts" / "index.md").write_text("\n".join(index), encoding="utf-8")
    (docs / "bibliography.md").write_text(
        "# Bibliography\n\n" + "\n".join(f"- {c}" for c in cites), encoding="utf-8"
    )
    (docs / "authors.md").write_text("# Authors\n\n" + "\n".join(f"- {c}" for c in cites))
    config = base_config(False)
    config["not_in_nav"] = "/concepts/concept-*.md"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root / "mkdocs.yml"


def build_seconds(config: Path) -> float:
    """Wall time of one `mkdocs build` in a fresh process, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = config.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent, env=env, check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def best_of(configs: tuple[Path, Path], repeats: int) -> tuple[float, float]:
    """The best time of each build, the two alternating so that a busy moment of the machine
    slows both rather than one."""
    best = [float("inf"), float("inf")]
    for _ in range(repeats):
        for i, config in enumerate(configs):
            best[i] = min(best[i], build_seconds(config))
    return best[0], best[1]


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv if a.isdigit()] or [1000, 2000]
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    results = {}
    with tempfile.TemporaryDirectory(prefix="citegloss-bench-") as tmp:
        for n in sizes:
            concepts, bib, cites = make_data(n, random.Random(n))
            ours, plain = best_of(
                (citegloss_site(Path(tmp) / f"cg-{n}", concepts, bib),
                 markdown_site(Path(tmp) / f"md-{n}", concepts, cites)),
                repeats,
            )  # fmt: skip
            results[n] = (ours, plain)
            print(f"{n:>6} concepts: citegloss {ours:6.2f} s   plain mkdocs {plain:6.2f} s   "
                  f"ratio {ours / plain:.2f} (target <= 1.3)", flush=True)  # fmt: skip
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        growth = results[large][0] / results[small][0]
        print(f"{large} vs {small} concepts: {growth:.2f}x the time "
              f"(target <= {2.2 * large / small / 2:.1f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
