"""`citegloss new TERM [--id ID] [--from KEY]`: start a concept file with its fields laid out.

The file is written to fail `citegloss check` until a person fills it in (a year of TODO, no
quote or paraphrase yet), so an unfinished concept cannot slip into the site. With `--from KEY`
the first definition's author, year and key come from references.bib, in the form the checker
accepts, so the attribution is right from the start. Never overwrites a file.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import process

from citegloss.attribution import BibIndex, check_attribution
from citegloss.glossary import SLUG, load_concept_file
from citegloss.inputs import CannotRun, read_bibliography, require_folder
from citegloss.model import Bibliography, Claim, Location, Reference
from citegloss.names import fold_text, format_surnames
from citegloss.options import EXIT_CLEAN, add_input_options
from citegloss.paths import UnsafeWrite, display_path, write_text_atomically, yaml_files

TODO = "TODO"
#: The schema's longest term.
MAX_TERM = 120


def add_new_command(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="start glossary/<id>.yaml for a new concept, its fields laid out and commented",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("term", metavar="TERM", help="the concept's name, e.g. 'Absorptive capacity'")
    new.add_argument("--id", help="the file name without .yaml (default: the term as a slug)")
    new.add_argument(
        "--from",
        dest="from_key",
        metavar="KEY",
        help="start the first definition from this references.bib entry",
    )
    add_input_options(new)
    new.set_defaults(run=run_new)


def slug_of(term: str) -> str:
    """`Schön's "Reflective practice"` -> `schons-reflective-practice`."""
    return "-".join(re.findall(r"[a-z0-9]+", fold_text(term).replace("'", "")))


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cite_as(reference: Reference, bibliography: Bibliography) -> str:
    """The author as a reader cites the entry: "Senge", "Argyris & Schön", "Nonaka et al.".

    Of the usual forms, the first the checker accepts for this entry: "et al." for three or
    more creators (or a list ending in "and others"), else every surname.
    """
    people = reference.creators
    if not people:
        return ""
    every = format_surnames(people)
    short = f"{people[0].last} et al."
    forms = [short, every] if len(people) >= 3 or reference.more_creators else [every]
    index = BibIndex(bibliography)
    for form in forms:
        claim = Claim(form, reference.year or 0, reference.key, Location(""))
        if not check_attribution(claim, reference, index):
            return form
    return forms[0]


def concept_text(term: str, reference: Reference | None, author: str) -> str:
    """The new file: required fields filled or TODO, optional ones commented out."""
    year = str(reference.year) if reference and reference.year else TODO
    first = (
        f" (or {reference.orig_year}, first published)" if reference and reference.orig_year else ""
    )
    source = ""
    if reference is not None:
        title = " ".join(reference.title.split()) or "untitled"
        source = f"  # From references.bib: {reference.key}, {title}\n"
    return (
        f"# {' '.join(term.split())}: a new concept, started by `citegloss new`.\n"
        "# Fill in each TODO, uncomment what you need, then run `citegloss check`.\n"
        "# The format is described on the site's Contributing page.\n"
        f"term: {scalar(term)}\n"
        "# aliases: [ABBR]          # other names and abbreviations\n"
        "# summary: >-              # your own overview: one short paragraph\n"
        "#   ...\n"
        "# related: [other-concept] # ids of related concepts (their file names without .yaml)\n"
        "definitions:               # how authors define it; at least one\n"
        f"{source}"
        f"  - author: {scalar(author or TODO)}  # as a reader cites it: Senge, Argyris & Schön, Nonaka et al.\n"
        f"    year: {year}  # the year of the cited work{first}\n"
        f"    cite: {scalar(reference.key if reference else TODO)}  # its key in references.bib\n"
        "    # Then either the exact words, with their page (quote only wording you have checked):\n"
        '    # pages: "12"\n'
        "    # quote: >-\n"
        "    #   ...\n"
        "    # or the definition in your own words:\n"
        "    # paraphrase: >-\n"
        "    #   ...\n"
    )


def _concept_id(args: argparse.Namespace, term: str) -> str:
    concept_id: str = args.id if args.id is not None else slug_of(term)
    if not SLUG.match(concept_id):
        hint = slug_of(concept_id) or "absorptive-capacity"
        raise CannotRun(
            f"'{concept_id}' is not a concept id: use lowercase words joined by hyphens, "
            f"e.g. --id {hint}"
        )
    return concept_id


def _refuse_taken(glossary: Path, concept_id: str) -> None:
    for path in yaml_files(glossary):
        if path.stem == concept_id:
            concept, _ = load_concept_file(path)
            what = f"the concept '{concept.term}'" if concept else "a concept file"
            raise CannotRun(
                f"the id '{concept_id}' is taken: {display_path(path)} is {what}; "
                "edit that file, or choose another --id"
            )


def _reference(bib: Path, key: str) -> tuple[Reference, Bibliography]:
    bibliography = read_bibliography(bib)
    reference = bibliography.references.get(key)
    if reference is None:
        close = [
            str(m[0])
            for m in process.extract(key, list(bibliography.references), limit=3, score_cutoff=60)
        ]
        hint = f"; did you mean {' or '.join(repr(k) for k in close)}?" if close else ""
        raise CannotRun(f"'{key}' is not a key in {display_path(bib)}{hint}")
    return reference, bibliography


def run_new(args: argparse.Namespace) -> int:
    term = " ".join(args.term.split())
    if not term or len(term) > MAX_TERM:
        raise CannotRun(f"a term is 1 to {MAX_TERM} characters, on one line")
    concept_id = _concept_id(args, term)
    glossary: Path = args.glossary
    require_folder(glossary, "glossary folder", "use --glossary DIR")
    _refuse_taken(glossary, concept_id)
    reference, author = None, ""
    if args.from_key:
        reference, bibliography = _reference(args.bib, args.from_key)
        author = cite_as(reference, bibliography)
    path = glossary / f"{concept_id}.yaml"
    try:
        write_text_atomically(path, concept_text(term, reference, author), overwrite=False)
    except UnsafeWrite as exc:
        raise CannotRun(str(exc)) from exc
    except FileExistsError as exc:
        raise CannotRun(f"'{display_path(path)}' exists; it was left as it is") from exc
    except OSError as exc:
        raise CannotRun(f"cannot write '{display_path(path)}': {exc.strerror}") from exc
    print(
        f"Wrote {display_path(path)}: fill in each TODO and a quote or paraphrase, "
        "then run `citegloss check`.",
        file=sys.stderr,
    )
    return EXIT_CLEAN
