"""`citegloss init DIR`: a new citation-checked glossary for any field, working from the start.

The project comes from the templates shipped inside the package (`templates/project/`), so it
needs nothing of this repository: mkdocs.yml, one example concept and its references.bib entry,
the home and contributing pages, the GitHub workflow, the pre-commit configuration and a
README. `mkdocs build --strict` and `citegloss check --strict` pass on it as written.
Never overwrites: when any of its files exists, nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from citegloss import __version__
from citegloss.inputs import CannotRun
from citegloss.options import EXIT_CLEAN
from citegloss.paths import display_path

#: Template names starting with this stand for dotfiles (`dot-github` -> `.github`): package
#: data globs and some tools skip hidden files.
DOT = "dot-"


def add_init_command(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="start a new glossary project (site, example concept, workflow) in DIR",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="where to create the project")
    init.add_argument("--title", help="the site's name (default: from DIR's name)")
    init.set_defaults(run=run_init)


def _walk(folder: Traversable, prefix: tuple[str, ...] = ()) -> list[tuple[Path, str]]:
    """Every template file as (path in the new project, text)."""
    found = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = "." + item.name.removeprefix(DOT) if item.name.startswith(DOT) else item.name
        if item.is_dir():
            found += _walk(item, (*prefix, name))
        elif not name.endswith(".pyc"):
            found.append((Path(*prefix, name), item.read_text(encoding="utf-8")))
    return found


def project_files(title: str) -> list[tuple[Path, str]]:
    """The new project's files, relative to its folder, with its title filled in."""
    template = resources.files("citegloss").joinpath("templates", "project")
    fill = {
        "__TITLE_YAML__": json.dumps(title, ensure_ascii=False),
        "__TITLE__": title,
        "__VERSION__": __version__,
    }
    files = []
    for path, text in _walk(template):
        for token, value in fill.items():
            text = text.replace(token, value)
        files.append((path, text))
    return files


def default_title(folder: Path) -> str:
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(words).capitalize() + " glossary" if words else "Glossary"


def run_init(args: argparse.Namespace) -> int:
    folder: Path = args.dir
    title = " ".join((args.title or default_title(folder)).split())
    if not title:
        raise CannotRun("give the site a name: --title TITLE")
    if folder.exists() and not folder.is_dir():
        raise CannotRun(f"'{folder}' is a file, not a folder")
    files = project_files(title)
    existing = [path for path, _ in files if (folder / path).exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise CannotRun(f"'{folder}' already has {names}; nothing was written")
    try:
        for path, text in files:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            with (folder / path).open("x", encoding="utf-8") as new_file:
                new_file.write(text)
    except OSError as exc:
        raise CannotRun(f"cannot write in '{folder}': {exc.strerror}") from exc
    shown = display_path(folder)
    print(
        f"Started '{title}' in {shown}: {len(files)} files. Next:\n"
        f"  cd {shown}\n"
        "  mkdocs serve                       # preview the site\n"
        '  citegloss new "Your term" --from KEY  # start a concept from a references.bib entry\n'
        "  citegloss check --strict           # the check CI runs",
        file=sys.stderr,
    )
    return EXIT_CLEAN
