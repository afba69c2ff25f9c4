"""Stable addresses: the identifiers of concepts and works, and where the downloads are.

An identifier is made from the concept's id (its file name), never from the file's place in
the tree, so moving a file changes nothing; a renamed concept lists its old ids in
`former_ids` and keeps a redirect at each old address (`render.redirects`).
"""

from __future__ import annotations

from citegloss.model import Concept
from citegloss.render.concept import BIBLIOGRAPHY, concept_src
from citegloss.render.html import Links, text

#: Where the project's site is published (its GitHub Pages address) unless told otherwise: the
#: base of every identifier. Identifiers are made from concept ids, never from file paths.
DEFAULT_BASE_URI = "https://citegloss.github.io/citegloss/"

GLOSSARY_JSON = "data/glossary.json"
SKOS_TURTLE = "data/glossary.ttl"
SKOS_JSON_LD = "data/glossary.jsonld"
CSL_JSON = "data/references.csl.json"


def concept_data(concept_id: str) -> str:
    """The site path of a concept's own JSON."""
    return f"data/concepts/{concept_id}.json"


class Identifiers:
    """IRIs of the scheme, its concepts and the cited works: the published pages' addresses."""

    def __init__(self, base: str, links: Links) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.links = links

    def concept(self, concept_id: str) -> str:
        return self.base + self.links.url(concept_src(concept_id))

    def work(self, key: str) -> str:
        return f"{self.base}{self.links.url(BIBLIOGRAPHY)}#{key}"


def data_links(concept: Concept, here: str, links: Links) -> str:
    """The concept's own JSON, then the glossary-wide downloads."""
    items = [
        (concept_data(concept.id), f"{concept.term} as JSON"),
        (GLOSSARY_JSON, "the whole glossary (JSON)"),
        (SKOS_TURTLE, "SKOS (Turtle)"),
        (SKOS_JSON_LD, "SKOS (JSON-LD)"),
        (CSL_JSON, "the bibliography (CSL-JSON)"),
    ]
    anchors = [f'<a href="{links.file_href(here, path)}">{text(name)}</a>' for path, name in items]
    return f'<p class="cg-data"><strong>Data:</strong> {" · ".join(anchors)}</p>'
