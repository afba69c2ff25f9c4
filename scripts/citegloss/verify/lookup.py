"""Which provider is asked what for each entry, and the verdict; entries in parallel.

By DOI first (Crossref); without one, a bibliographic query (Crossref), and for books also Open
Library (by ISBN, or title and author). Cautious: a work no index returns is `not-found`
(unverified), never called invented; a provider that cannot be asked gives `unreachable`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from citegloss.model import Reference
from citegloss.verify import crossref, openlibrary
from citegloss.verify.compare import doi_mismatch, judge, same_work
from citegloss.verify.http import Client, Unreachable
from citegloss.verify.model import Verdict, Verification, Work

BOOK_TYPES = {"book", "inbook", "booklet", "manual", "proceedings"}


def _best(reference: Reference, works: Iterable[Work]) -> Work | None:
    return next((w for w in works if same_work(reference, w)), None)


def _by_doi(reference: Reference, client: Client) -> Verification | None:
    body = client.get_json("crossref", crossref.work_path(reference.doi), {})
    work = crossref.parse_work_response(body) if body is not None else None
    if work is None:
        return None
    if same_work(reference, work):
        return judge(reference, work)
    return doi_mismatch(reference, work)


def _by_search(reference: Reference, client: Client) -> Work | None:
    if not reference.title:
        return None
    body = client.get_json("crossref", "/works", crossref.query_params(reference))
    found = _best(reference, crossref.parse_query_response(body))
    if found is None and reference.entry_type in BOOK_TYPES:
        body = client.get_json(
            "openlibrary", openlibrary.SEARCH_PATH, openlibrary.search_params(reference)
        )
        found = _best(reference, openlibrary.parse_search_response(body))
    return found


def verify_reference(reference: Reference, client: Client) -> Verification:
    """One entry's verdict; a provider that cannot be asked gives `unreachable`, never an error."""
    try:
        if reference.doi:
            by_doi = _by_doi(reference, client)
            if by_doi is not None:
                return by_doi
        work = _by_search(reference, client)
    except Unreachable as exc:
        return Verification(key=reference.key, verdict=Verdict.UNREACHABLE, message=str(exc))
    if work is not None:
        return judge(reference, work)
    unknown_doi = f"its DOI {reference.doi} is not in Crossref, and " if reference.doi else ""
    return Verification(
        key=reference.key,
        verdict=Verdict.NOT_FOUND,
        message=f"unverified: {unknown_doi}no record close enough was found; "
        "confirm it by hand if you have seen it",
    )


def verify_all(
    references: Iterable[Reference],
    client: Client,
    on_done: Callable[[Verification], None] | None = None,
) -> list[Verification]:
    """Every entry's verdict, in the order given, `concurrency` entries at a time."""
    items = list(references)
    workers = max(1, client.politeness.concurrency)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = []
        for result in pool.map(lambda r: verify_reference(r, client), items):
            if on_done is not None:
                on_done(result)
            results.append(result)
    return results
