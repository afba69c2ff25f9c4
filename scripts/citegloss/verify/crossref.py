"""Crossref's REST API: which requests to make, and its JSON -> `Work`. No I/O here.

Shapes follow recorded responses (tests/fixtures/verify/recorded/SOURCES.md): `/works/{doi}`
answers `{"message": <work>}`, a query `{"message": {"items": [<work>, ...]}}`, an unknown DOI a
404. Updates are `{"updated", "DOI", "type", "label"}` objects: a work later retracted lists the
retraction under `updated-by`; a publisher that retracts in place lists its own DOI under
`update-to`; Elsevier also prefixes the title with "RETRACTED:".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from citegloss.model import Person, Reference
from citegloss.verify.identifiers import normalize_doi
from citegloss.verify.model import Provider, Work

#: What a query returns per item: enough to compare, a fraction of a full record.
SELECT = (
    "DOI,title,subtitle,author,editor,issued,published-print,published-online,container-title,"
    "volume,issue,page,type,updated-by,update-to"
)
_RETRACTING = {"retraction", "withdrawal", "removal"}


def work_path(doi: str) -> str:
    return "/works/" + quote(normalize_doi(doi), safe="/")


def query_params(reference: Reference, rows: int = 5) -> dict[str, str]:
    """A bibliographic query: title and year in `query.bibliographic`, surnames as authors."""
    words = [reference.title, str(reference.year or "")]
    params = {
        "query.bibliographic": " ".join(w for w in words if w),
        "rows": str(rows),
        "select": SELECT,
    }
    surnames = " ".join(p.last for p in reference.creators)
    if surnames:
        params["query.author"] = surnames
    return params


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if value is not None else ""


def _years(message: dict[str, Any]) -> tuple[int, ...]:
    found = set()
    for name in ("issued", "published-print", "published-online", "published"):
        parts = (message.get(name) or {}).get("date-parts") or []
        if parts and parts[0] and isinstance(parts[0][0], int):
            found.add(parts[0][0])
    return tuple(sorted(found))


def _people(contributors: Any) -> tuple[Person, ...]:
    people = []
    for contributor in contributors or []:
        if not isinstance(contributor, dict):
            continue
        if contributor.get("family"):
            people.append(
                Person(
                    last=_text(contributor["family"]),
                    first=_text(contributor.get("given", "")),
                    lineage=_text(contributor.get("suffix", "")),
                )
            )
        elif contributor.get("name"):
            people.append(Person(last=_text(contributor["name"]), corporate=True))
    return tuple(people)


def is_retracted(message: dict[str, Any]) -> bool:
    own = normalize_doi(_text(message.get("DOI", "")))
    for update in message.get("updated-by") or []:
        if isinstance(update, dict) and str(update.get("type", "")).lower() in _RETRACTING:
            return True
    for update in message.get("update-to") or []:
        if (
            isinstance(update, dict)
            and str(update.get("type", "")).lower() in _RETRACTING
            and normalize_doi(str(update.get("DOI", ""))) == own
        ):
            return True
    return _text(message.get("title")).upper().startswith("RETRACTED")


def parse_work(message: dict[str, Any]) -> Work:
    """One Crossref work record (the `message` of /works/{doi}, or one query item)."""
    title = _text(message.get("title"))
    subtitle = _text(message.get("subtitle"))
    if subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    doi = normalize_doi(_text(message.get("DOI", "")))
    return Work(
        provider=Provider.CROSSREF,
        identifier=doi,
        title=title,
        authors=_people(message.get("author")) or _people(message.get("editor")),
        years=_years(message),
        venue=_text(message.get("container-title")),
        volume=_text(message.get("volume")),
        issue=_text(message.get("issue")),
        pages=_text(message.get("page")),
        doi=doi,
        retracted=is_retracted(message),
    )


def parse_work_response(body: Any) -> Work | None:
    message = body.get("message") if isinstance(body, dict) else None
    return parse_work(message) if isinstance(message, dict) and message.get("DOI") else None


def parse_query_response(body: Any) -> list[Work]:
    message = body.get("message") if isinstance(body, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    return [parse_work(item) for item in items or [] if isinstance(item, dict) and item.get("DOI")]
