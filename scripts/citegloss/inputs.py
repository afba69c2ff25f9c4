"""Finding and loading the inputs, for every front end: what makes the tool unable to run becomes
CannotRun with one message naming the path, which the CLI prints (exit 2) and the MkDocs plugin
raises as its PluginError, so both say the same thing.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from citegloss import limits
from citegloss.bib import load_bibliography
from citegloss.glossary import load_glossary
from citegloss.model import Bibliography, Glossary
from citegloss.paths import kind_of


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


def read_bibliography(path: Path, hint: str = "use --bib FILE") -> Bibliography:
    """references.bib, loaded, or CannotRun (missing, not a file, too large, not readable)."""
    require_file(path, "bibliography", hint)
    try:
        return load_bibliography(path)
    except (limits.FileTooLarge, limits.BadLimit) as exc:
        raise CannotRun(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise CannotRun(f"'{path}' is not UTF-8 text ({exc.reason}): save it as UTF-8") from exc
    except OSError as exc:
        raise cannot_read(exc, path) from exc


#: A bibliography this large is parsed in a second process while the glossary loads: pybtex and
#: PyYAML each hold one core, and below this size starting a process costs more than it saves.
PARALLEL_FROM_BYTES = 256 * 1024


def load_inputs(
    glossary_dir: Path,
    bib_file: Path,
    hints: tuple[str, str] = ("use --glossary DIR", "use --bib FILE"),
    *,
    parallel: bool = True,
) -> tuple[Glossary, Bibliography]:
    """Load the glossary and the bibliography; `hints` say how to name other ones.

    `parallel` parses a large bibliography in a forked process; a host with threads of its own
    (MkDocs serving and watching files) passes False, since forking a threaded process can hang.
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
        if not parallel or bib_file.stat().st_size < PARALLEL_FROM_BYTES:
            return load_glossary(glossary_dir), read_bibliography(bib_file, hints[1])
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
            bibliography = pool.submit(read_bibliography, bib_file, hints[1])
            return load_glossary(glossary_dir), bibliography.result()
    except OSError as exc:
        raise cannot_read(exc, glossary_dir) from exc
