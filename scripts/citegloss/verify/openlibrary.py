"""Open Library's search API: which request to make for a book, and its JSON -> `Work`. No I/O.

`/search.json` answers `{"numFound", "docs": [...]}` whether asked by ISBN or by title and author
(recorded shape: tests/fixtures/verify/recorded/). A doc is a work with all its editions, so its
years are every edition's (`publish_year`) and the first (`first_publish_year`).
"""

from __future__ import annotations

from typing import Any

from citegloss.model import Person, Reference
from citegloss.verify.identifiers import compact, isbns
from citegloss.verify.model import Provider, Work

SEARCH_PATH = "/search.json"
FIELDS = "key,title,subtitle,author_name,first_publish_year,publish_year,isbn,publisher"


def search_params(reference: Reference, limit: int = 5) -> dict[str, str]:
    """By ISBN when the entry has one; otherwise by title and the first creator's surname."""
    params = {"fields": FIELDS, "limit": str(limit)}
    listed = isbns(reference.fields.get("isbn", ""))
    if listed:
        params["isbn"] = compact(listed[0])
        return params
    params["title"] = reference.title.split(":")[0].strip()
    if reference.creators:
        params["author"] = reference.creators[0].last
    return params


def _person(name: str) -> Person:
    """ "Peter M. Senge" -> Senge, Peter M.: Open Library gives names in reading order."""
    words = name.split()
    if len(words) < 2:
        return Person(last=name.strip())
    return Person(last=words[-1], first=" ".join(words[:-1]))


def parse_doc(doc: dict[str, Any]) -> Work:
    title = str(doc.get("title", "")).strip()
    subtitle = str(doc.get("subtitle", "") or "").strip()
    if subtitle:
        title = f"{title}: {subtitle}"
    years = {y for y in doc.get("publish_year") or [] if isinstance(y, int)}
    if isinstance(doc.get("first_publish_year"), int):
        years.add(doc["first_publish_year"])
    publishers = doc.get("publisher") or []
    return Work(
        provider=Provider.OPENLIBRARY,
        identifier=str(doc.get("key", "")),
        title=title,
        authors=tuple(_person(str(n)) for n in doc.get("author_name") or []),
        years=tuple(sorted(years)),
        venue=str(publishers[0]) if publishers else "",
    )


def parse_search_response(body: Any) -> list[Work]:
    docs = body.get("docs") if isinstance(body, dict) else None
    return [parse_doc(doc) for doc in docs or [] if isinstance(doc, dict) and doc.get("title")]
