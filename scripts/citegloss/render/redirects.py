"""Pages at a renamed concept's old addresses, sending readers and links on to its new one.

Each is a small HTML file published as it is (no theme, no script): a `meta refresh`, a
canonical link and a plain link for whoever the refresh does not move, so it works with any
site generator and from file://.
"""

from __future__ import annotations

from citegloss.render.concept import concept_src
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import Links, text


def redirect_path(concept_id: str, links: Links) -> str:
    """The file a concept page at this id is published as."""
    url = links.url(concept_src(concept_id))
    return url + "index.html" if url.endswith("/") else url


def redirect_page(term: str, href: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{text(term)} has moved</title>"
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f'<link rel="canonical" href="{href}"><meta name="robots" content="noindex"></head>'
        f'<body><p>This concept has moved: <a href="{href}">{text(term)}</a>.</p></body></html>\n'
    )


def redirect_files(xref: CrossReferences, links: Links) -> dict[str, str]:
    """Old path -> redirect page, for every former id no current concept has taken."""
    files = {}
    for concept in xref.concepts:
        for old in concept.former_ids:
            if old in xref.glossary.concepts:
                continue  # former-id-taken: the checker reports it
            href = links.href(concept_src(old), concept_src(concept.id))
            files[redirect_path(old, links)] = redirect_page(concept.term, href)
    return files
