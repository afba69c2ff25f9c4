"""Citations found in a text -> the works of references.bib they mean, and a draft audit.

The draft is for an editor to check: a `cite` is proposed only when exactly one work fits, by
the title when the document gives one, else by all the names and the year, else by the first
author and the year. Everything else gets `cite: null` and a reason naming the candidates.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from citegloss.attribution import BibIndex
from citegloss.audit_extract import FoundCitation, extract_citations
from citegloss.model import Bibliography, Reference
from citegloss.names import fold_text, format_surnames
from citegloss.schema import load_schema

#: How alike (0-100) a given title must be to an entry's to identify it.
TITLE_SIMILARITY = 90


@cache
def _title_key(title: str) -> tuple[str, str]:
    folded = fold_text(title).replace("&", " and ")
    full = " ".join(re.sub(r"[^a-z0-9:]+", " ", folded).split())
    return full.replace(":", ""), full.split(":")[0].strip()


def title_score(given: str, title: str) -> float:
    """How alike two titles are (0-100). A main title alone ("The Fifth Discipline") is compared
    with the other's main title; two full titles are compared whole, so two works sharing a
    generic main title ("Knowledge management: ...") stay apart."""
    (a_full, a_main), (b_full, b_main) = _title_key(given), _title_key(title)
    score = fuzz.ratio(a_full, b_full)
    if a_full == a_main:
        score = max(score, fuzz.ratio(a_full, b_main))
    if b_full == b_main:
        score = max(score, fuzz.ratio(a_main, b_full))
    return score


def _by_title(title: str, bibliography: Bibliography) -> Reference | None:
    scored = [(title_score(title, r.title), r) for r in bibliography.references.values()]
    best = max(scored, key=lambda s: s[0], default=None)
    return best[1] if best and best[0] >= TITLE_SIMILARITY else None


def _describe(reference: Reference) -> str:
    year = reference.year if reference.year is not None else "n.d."
    return f"{reference.key} ({format_surnames(reference.creators)} {year})"


def _fits_year(citation: FoundCitation, work: Reference) -> bool:
    """The year, or the reprint's first year, is the work's; an undated citation fits any."""
    return (
        not citation.year
        or work.accepts_year(citation.year)
        or bool(citation.orig_year and work.accepts_year(citation.orig_year))
    )


def match_citation(
    citation: FoundCitation, bibliography: Bibliography, index: BibIndex
) -> tuple[str | None, str]:
    """(key, "") when exactly one work fits; (None, reason) otherwise. By title first, when the
    document gives one; then by all the surnames and the year; then by the first author's."""
    if citation.title and (hit := _by_title(citation.title, bibliography)):
        return hit.key, ""
    works = index.works_by(citation.surnames)
    fitting = [w for w in works if _fits_year(citation, w)]
    if not fitting and not citation.title:
        by_first = index.works_by(citation.surnames[:1])
        fitting = [w for w in by_first if _fits_year(citation, w)]
    if citation.title and fitting:
        others = "; ".join(_describe(w) for w in fitting)
        return None, f"no work titled '{citation.title}' in references.bib (other titles: {others})"
    if len(fitting) == 1:
        return fitting[0].key, ""
    if fitting:
        return None, "ambiguous: " + "; ".join(_describe(w) for w in fitting)
    who, candidates = citation.author, works
    if not candidates:
        who, candidates = citation.surnames[0], index.works_by(citation.surnames[:1])
    if candidates:
        others = "; ".join(_describe(w) for w in candidates[:4])
        return None, f"no {_year(citation)} work in references.bib; works by {who}: {others}"
    return None, "not in references.bib"


def _year(citation: FoundCitation) -> str:
    return str(citation.year) if citation.year else citation.year_text


def draft_audit(
    text: str, bibliography: Bibliography, source: str, title: str = ""
) -> dict[str, object]:
    """The audit file a document's text suggests, as plain data for YAML."""
    index = BibIndex(bibliography)
    citations: list[dict[str, object]] = []
    for found in extract_citations(text):
        key, reason = match_citation(found, bibliography, index)
        item: dict[str, object] = {
            "as_written": found.as_written,
            "line": found.line,
            "author": found.author,
            "year": found.year or found.year_text,
        }
        if found.title:
            item["title"] = found.title
        if found.venue:
            item["venue"] = found.venue
        item["cite"] = key
        if key is None:
            item["reason"] = reason
        citations.append(item)
    first_line = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
    document = {
        "title": title or first_line.lstrip("# ")[:200] or source,
        "source": source,
        "note": "Draft by `citegloss audit extract`: check the title and every `cite`.",
    }
    return {"document": document, "citations": citations}


def draft_limits() -> tuple[int, int, int]:
    """(citations a file, characters a text field, characters an author) the schema accepts."""
    schema = load_schema("audit")
    defs = schema["$defs"]
    return (
        schema["properties"]["citations"]["maxItems"],
        defs["text"]["maxLength"],
        defs["citation"]["properties"]["author"]["maxLength"],
    )


def _cut(item: dict[str, object], field: str, limit: int) -> str:
    value = item.get(field)
    if not isinstance(value, str) or len(value) <= limit:
        return ""
    item[field] = value[: limit - 1] + "…"
    return f"`{field}` cut to {limit} characters"


def draft_parts(draft: dict[str, object]) -> list[dict[str, object]]:
    """The draft as files the audit format accepts: long fields cut (each cut says so in the
    citation's `note`), and at most the schema's number of citations a file, the document's
    note saying which part of how many each file is."""
    per_file, text_limit, author_limit = draft_limits()
    citations: list[dict[str, object]] = list(draft["citations"])  # type: ignore[call-overload]
    document: dict[str, object] = dict(draft["document"])  # type: ignore[call-overload]
    for field in ("title", "source"):
        _cut(document, field, text_limit)
    for item in citations:
        cuts = [_cut(item, f, text_limit) for f in ("as_written", "title", "venue", "reason")]
        cuts.append(_cut(item, "author", author_limit))
        if any(cuts):
            item["note"] = "Draft: " + "; ".join(c for c in cuts if c) + "."
    chunks = [citations[i : i + per_file] for i in range(0, len(citations), per_file)] or [[]]
    if len(chunks) == 1:
        return [{"document": document, "citations": list(chunks[0])}]
    parts: list[dict[str, object]] = []
    for n, chunk in enumerate(chunks, 1):
        first = (n - 1) * per_file + 1
        part = dict(document)
        part["note"] = (
            f"{document.get('note', '')} Part {n} of {len(chunks)}: citations {first} to "
            f"{first + len(chunk) - 1} of {len(citations)} (an audit file holds at most "
            f"{per_file})."
        ).strip()
        parts.append({"document": part, "citations": list(chunk)})
    return parts
