"""Finding and loading the inputs, for every front end: what makes the tool unable to run becomes
CannotRun with one message naming the path, which the CLI prints (exit 2) and the MkDocs plugin
raises as its PluginError, so both say the same thing.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from citegloss import limits
from citegloss.aside import Aside
from citegloss.bib import load_bibliography
from citegloss.glossary import join_glossaries, load_glossary
from citegloss.model import Bibliography, Glossary
from citegloss.paths import kind_of, yaml_files


class CannotRun(Exception):
    """The tool cannot do its job (missing folder, unreadable file): exit 2 with this message."""


def require_folder(path: Path, what: str, hint: str) -> None:
    """`path` is a folder this process may list and enter, or CannotRun says what it is instead."""
    kind = kind_of(path)
    if not kind:
        raise CannotRun(f"the {what} '{path}' does not exist ({hint})")
    if kind != "a folder":
        raise CannotRun(f"the {what} '{path}' is {kind}, not a folder ({hint})")
    if not os.access(path, os.R_OK | os.X_OK):
        raise CannotRun(
            f"cannot read the {what} '{path}': Permission denied "
            "(it needs read and search permission)"
        )


def require_file(path: Path, what: str, hint: str) -> None:
    """`path` is a regular file (never a pipe, which would block), or CannotRun says what it is."""
    kind, how = kind_of(path), f" ({hint})" if hint else ""
    if not kind:
        raise CannotRun(f"the {what} '{path}' does not exist{how}")
    if kind != "a file":
        raise CannotRun(f"the {what} '{path}' is {kind}, not a file{how}")


def cannot_read(exc: OSError, path: Path) -> CannotRun:
    """An OSError as CannotRun, naming the file it happened to (`path` when it names none)."""
    return CannotRun(f"cannot read '{exc.filename or path}': {exc.strerror or exc}")


def read_bibliography(
    path: Path, hint: str = "use --bib FILE", *, encoding: str | None = None
) -> Bibliography:
    """references.bib, loaded, or CannotRun (missing, not a file, too large, not readable, not
    in the `encoding` given; without one, the encoding is detected and a finding says so)."""
    require_file(path, "bibliography", hint)
    try:
        return load_bibliography(path, encoding)
    except (limits.FileTooLarge, limits.BadLimit, limits.NotAFile) as exc:
        raise CannotRun(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise CannotRun(
            f"'{path}' is not {exc.encoding} text ({exc.reason} at byte {exc.start}): "
            "give its real encoding (--encoding NAME, or bib_encoding under plugins: citegloss), "
            "or leave it out to have it detected"
        ) from exc
    except LookupError as exc:
        raise CannotRun(
            f"unknown encoding '{encoding}' (--encoding NAME, or bib_encoding under plugins: "
            "citegloss)"
        ) from exc
    except OSError as exc:
        raise cannot_read(exc, path) from exc


#: What loading costs while both processes run, measured on a 2-core machine: a concept file
#: about 0.6 ms and 0.12 us a byte (2,000 files of 1.2 KB: 0.75 ms each), a .bib about 0.3 us a
#: byte (the median over the corpus's bibliographies and the benchmarks' files: 0.13-0.46).
FILE_SECONDS, FILE_BYTE_SECONDS, BIB_BYTE_SECONDS = 0.6e-3, 0.12e-6, 0.3e-6
#: Below this much glossary work, starting a second process and sending what it loaded back cost
#: more than they save (a 60,000-entry .bib beside a one-concept glossary checks in 6.5 s in one
#: process, 7.5 s in two: its entries are all sent back, and nothing loads meanwhile).
PARALLEL_FROM_SECONDS = 0.25


def _shares(glossary_dir: Path, bib_file: Path) -> tuple[list[Path], list[Path]] | None:
    """The concept files this process loads, and those a second process loads after parsing the
    bibliography, so that both finish together; None when one process is quicker."""
    files = yaml_files(glossary_dir)
    costs = [FILE_SECONDS + FILE_BYTE_SECONDS * _size(path) for path in files]
    if sum(costs) < PARALLEL_FROM_SECONDS:
        return None
    half = (sum(costs) + BIB_BYTE_SECONDS * _size(bib_file)) / 2
    mine = sum(1 for total in itertools.accumulate(costs) if total <= half)
    return files[:mine], files[mine:]


def _size(path: Path) -> int:
    """Its size in bytes; 0 when it cannot be read (the loader reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load_inputs(
    glossary_dir: Path,
    bib_file: Path,
    hints: tuple[str, str] = ("use --glossary DIR", "use --bib FILE"),
    *,
    parallel: bool = True,
    encoding: str | None = None,
) -> tuple[Glossary, Bibliography]:
    """Load the glossary and the bibliography; `hints` say how to name other ones.

    `parallel` loads a large glossary in two processes, the forked one parsing the bibliography
    first (`_shares`); a host with threads of its own (MkDocs serving and watching files) passes
    False, since forking a threaded process can hang.
    """
    for limit in limits.ALL:
        try:
            limit.bytes()
        except limits.BadLimit as exc:
            raise CannotRun(str(exc)) from exc
    require_folder(glossary_dir, "glossary folder", hints[0])
    if kind_of(glossary_dir / "audits"):
        require_folder(glossary_dir / "audits", "audits folder", "its audit files are read too")
    require_file(bib_file, "bibliography", hints[1])
    try:
        shares = _shares(glossary_dir, bib_file) if parallel else None
        if shares is None:
            return load_glossary(glossary_dir), read_bibliography(
                bib_file, hints[1], encoding=encoding
            )
        mine, theirs = shares
        # the second process's share: the bibliography, then the last concept files
        aside = Aside(
            lambda: (
                read_bibliography(bib_file, hints[1], encoding=encoding),
                load_glossary(glossary_dir, theirs),
            ),
            fork=True,
        )
        glossary = load_glossary(glossary_dir, mine)
        bibliography, rest = aside.result()
        return join_glossaries(glossary, rest), bibliography
    except OSError as exc:
        raise cannot_read(exc, glossary_dir) from exc
