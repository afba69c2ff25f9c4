"""references.bib as CSL-JSON, the format Zotero, pandoc and citeproc read.

Fields map as the CSL specification's BibTeX crosswalk does; a field CSL has no variable for
is left out rather than guessed.
"""

from __future__ import annotations

import re
from typing import Any

from citegloss.model import Bibliography, Person, Reference

#: BibTeX entry type -> CSL item type.
TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
    "online": "webpage",
    "unpublished": "manuscript",
}
#: BibTeX field -> CSL variable, for the fields copied as they are.
FIELDS = {
    "title": "title",
    "volume": "volume",
    "number": "issue",
    "edition": "edition",
    "publisher": "publisher",
    "address": "publisher-place",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "abstract": "abstract",
    "note": "note",
}
CONTAINERS = ("journal", "journaltitle", "booktitle")


def csl_name(person: Person) -> dict[str, str]:
    if person.corporate:
        return {"literal": person.last}
    name = {"family": person.last}
    if person.first:
        name["given"] = person.first
    if person.lineage:
        name["suffix"] = person.lineage
    return name


def csl_item(reference: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": reference.key,
        "type": TYPES.get(reference.entry_type, "document"),
    }
    if reference.authors:
        item["author"] = [csl_name(p) for p in reference.authors]
    if reference.editors:
        item["editor"] = [csl_name(p) for p in reference.editors]
    if reference.year is not None:
        item["issued"] = {"date-parts": [[reference.year]]}
    if reference.orig_year is not None:
        item["original-date"] = {"date-parts": [[reference.orig_year]]}
    for name, variable in FIELDS.items():
        if value := reference.fields.get(name, "").strip():
            item[variable] = value
    if container := next((reference.fields[f] for f in CONTAINERS if reference.fields.get(f)), ""):
        item["container-title"] = container
    if pages := reference.fields.get("pages", "").strip():
        item["page"] = re.sub(r"\s*-{1,3}\s*", "-", pages)
    return item


def csl_json(bibliography: Bibliography) -> list[dict[str, Any]]:
    """Every entry, in key order."""
    return [csl_item(r) for _, r in sorted(bibliography.references.items())]
