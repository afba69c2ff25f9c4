"""Random mutations of valid concept, audit and .bib files through `check`, `audit` and the site.

Each iteration breaks one file of a small valid project (tests/fixtures/audit-site) with a few byte
and token mutations, then runs, in this process, what the commands run: `citegloss check` and
`citegloss audit` (their parsers and run functions, output to a strict UTF-8 stream), and, when the
checker passes as the plugin requires, the site renderer with the audit pages. A crash is any
exception but CannotRun (the clean exit 2). A few full `mkdocs build --strict` runs of mutated
projects close it; a crash there is a traceback in its output.

    python tests/fuzz.py [--iterations 5000] [--seed 1] [--builds 3]   (make fuzz)

The pytest suite runs a few hundred iterations with a fixed seed (test_hostile_input.py).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from contextlib import chdir, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from citegloss.cli import build_parser
from citegloss.inputs import CannotRun
from citegloss.pipeline import check_inputs, load, render_inputs
from citegloss.render.audit import audit_pages

FIXTURE = Path(__file__).parent / "fixtures" / "audit-site"
#: The files mutated, by kind.
TARGETS = {
    "concept": "glossary/organizational-learning.yaml",
    "audit": "glossary/audits/sample-post.yaml",
    "bib": "references.bib",
}
#: What an attacker or a slip of the keyboard inserts: YAML and BibTeX syntax, huge numbers,
#: invisible and astral characters, markup.
TOKENS = [
    b"&a ", b"*a", b"<<: ", b"!!str ", b"!!binary ", b"!x ", b"? ", b": ", b"- ", b"---\n",
    b"...\n", b"[", b"]", b"{", b"}", b",", b"#", b"|", b">", b"'", b'"', b"\\", b"\t", b"\n",
    b"\r", b"\x00", b"\x1b", b"\xff", b"\xc3", b"\xe2\x80\xae", b"\xe2\x80\x8b", b"\xef\xbb\xbf",
    b"\xf0\x9d\x91\xa5", b"0x" + b"f" * 400, b"9" * 5000, b"1:2:3", b"2001-13-45", b"~", b"null",
    b"yes", b".inf", b"-.nan", b"<script>alert(1)</script>", b"[x](javascript:alert(1))",
    b"{: onmouseover=alert(1) }", b"@", b"@string{s = {x}}", b"@comment{", b" # ", b"%",
    b"{\\\"o}", b"and others", b"et al.", b"~\\cite{x}", b"$x$", b"\\",
]  # fmt: skip


#: Values of another type or shape, put where a field's value was: what the loaders must survive.
VALUES = [
    b"[]", b"{}", b"~", b"0", b"-1", b"99999", b"3.5", b"true", b"''", b'""', b"[a, [b, {c: d}]]",
    b"{a: [1, 2]}", b"[[]]", b"2001-01-01", b"'" + b"x" * 3000 + b"'", b"{year: 1990}",
    b"[{author: A, year: 2000, cite: k}]", b"- x", b"|\n  block\n", b"{{x}}", b"{\\\\}",
]  # fmt: skip


def _replace_a_value(data: bytearray, rng: random.Random) -> bytearray:
    """The value after a random `key: ` (YAML) or `field = ` (BibTeX) replaced by another."""
    separator = rng.choice([b": ", b" = "])
    starts = [i + len(separator) for i in range(len(data)) if data.startswith(separator, i)]
    if not starts:
        return data
    start = rng.choice(starts)
    end = data.find(b"\n", start)
    end = len(data) if end < 0 else end
    if separator == b" = ":  # keep BibTeX's trailing comma
        end = max(start, end - data[start:end].endswith(b",") * 1)
    return data[:start] + bytearray(rng.choice(VALUES)) + data[end:]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """1 to 4 random edits: a byte changed, a token inserted, a slice cut, repeated or moved, a
    value of another type put in a field."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        choice = rng.randrange(8)
        if choice == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif choice == 1:
            out[at:at] = rng.choice(TOKENS)
        elif choice == 2:
            del out[at : at + rng.randint(1, 40)]
        elif choice == 3:
            piece = out[at : at + rng.randint(1, 200)]
            out[at:at] = piece * rng.randint(1, 50)
        elif choice == 4:
            lines = out.split(b"\n")
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
            out = bytearray(b"\n".join(lines))
        elif choice == 5:
            del out[at:]
        else:
            out = _replace_a_value(out, rng)
    return bytes(out)


@dataclass
class Tally:
    """What the fuzz run saw: outcomes by kind, and every crash with its input."""

    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: list[tuple[str, bytes, str]] = field(default_factory=list)


def _command(argv: list[str]) -> str:
    """Run one command as `citegloss` does, up to its error handling; return how it ended."""
    args = build_parser().parse_args(argv)
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    with redirect_stdout(stdout), redirect_stderr(io.StringIO()):
        try:
            status = args.run(args)
        except CannotRun:
            return "cannot-run"
        stdout.flush()  # text that strict UTF-8 cannot encode fails here
    return f"exit-{status}"


def _render(root: Path) -> str:
    """The site as the plugin renders it (the same pipeline), when the checker passes."""
    try:
        inputs = load(root / "glossary", root / "references.bib")
    except CannotRun:
        return "cannot-run"
    if any(f.is_error for f in check_inputs(inputs)):
        return "not-rendered"
    site = render_inputs(inputs, directory_urls=False, extra_pages=[audit_pages])
    return f"rendered-{len(site.pages)}"


def fuzz_once(root: Path, kind: str, data: bytes, tally: Tally) -> None:
    """Write the mutated file into `root` (a copy of the fixture), run everything, restore it."""
    target = root / TARGETS[kind]
    original = target.read_bytes()
    target.write_bytes(data)
    try:
        with chdir(root):
            for name, run in (
                ("check", lambda: _command(["check"])),
                ("audit", lambda: _command(["audit"])),
                ("site", lambda: _render(Path("."))),
            ):
                try:
                    tally.outcomes[f"{kind} {name} {run()}"] += 1
                except Exception:
                    tally.crashes.append((f"{kind} {name}", data, traceback.format_exc()))
    finally:
        target.write_bytes(original)


def fuzz(iterations: int, seed: int) -> Tally:
    """`iterations` mutated inputs (kinds in turn), reproducible from `seed`."""
    rng, tally = random.Random(seed), Tally()
    kinds = sorted(TARGETS)
    # the audit pages log the audit files' problems (what a build shows); here they are expected
    logging.getLogger("mkdocs.plugins.citegloss").addHandler(logging.NullHandler())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(FIXTURE, root)
        seeds = {kind: (root / path).read_bytes() for kind, path in TARGETS.items()}
        for i in range(iterations):
            kind = kinds[i % len(kinds)]
            fuzz_once(root, kind, mutate(seeds[kind], rng), tally)
    return tally


def build_mutated(count: int, seed: int) -> list[str]:
    """`mkdocs build --strict` on `count` mutated projects; the outputs that show a traceback.

    Each build takes the first of a few mutations that the checker passes, so the build renders
    every page (a build that stops at the first finding would test little).
    """
    from test_site_build import site_config  # the tests' way to lay out a buildable project

    rng, crashed = random.Random(seed), []
    for i in range(count):
        with tempfile.TemporaryDirectory() as folder:
            config = site_config("audit-site", Path(folder))
            target = Path(folder) / TARGETS[sorted(TARGETS)[i % len(TARGETS)]]
            original = target.read_bytes()
            for _ in range(50):
                target.write_bytes(mutate(original, rng))
                with chdir(folder):
                    if _render(Path(".")).startswith("rendered"):
                        break
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                cwd=folder,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            log = done.stdout + done.stderr
            print(f"mkdocs build {i + 1} ({target.name}): exit {done.returncode}", file=sys.stderr)
            if "Traceback" in log:
                crashed.append(log)
    return crashed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--builds", type=int, default=3, help="full mkdocs builds at the end")
    options = parser.parse_args()
    started = time.perf_counter()
    tally = fuzz(options.iterations, options.seed)
    seconds = time.perf_counter() - started
    for outcome, count in sorted(tally.outcomes.items()):
        print(f"{count:>6}  {outcome}")
    for where, data, trace in tally.crashes[:20]:
        print(f"\nCRASH in {where}; input {data[:2000]!r}\n{trace}")
    builds = build_mutated(options.builds, options.seed)
    for log in builds:
        print(f"\nCRASH in mkdocs build:\n{log[-3000:]}")
    print(
        f"{options.iterations} mutated inputs ({sum(tally.outcomes.values())} runs of check, "
        f"audit and the renderer) in {seconds:.1f} s, seed {options.seed}: "
        f"{len(tally.crashes)} crashes; {options.builds} mkdocs builds: {len(builds)} crashes."
    )
    return 1 if tally.crashes or builds else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
