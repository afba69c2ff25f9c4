"""The schema.org `DefinedTerm` a concept page embeds, so search engines read the term.

The JSON goes into `<script type="application/ld+json">`, where HTML escaping does not apply:
`<`, `>` and `&` are written as JSON escapes (`\\u003c`, ...), so no text from YAML can close the
script or open a comment, and the JSON still parses to the very same strings.
"""

from __future__ import annotations

import json
from typing import Any

from citegloss.invisible import displayable
from citegloss.model import Concept
from citegloss.render.concept import short_definition

_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def defined_term(concept: Concept, url: str, term_set: str, set_name: str) -> dict[str, Any]:
    term: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": concept.term,
        "termCode": concept.id,
        "description": short_definition(concept),
        "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": term_set, "name": set_name},
    }
    if concept.aliases:
        term["alternateName"] = list(concept.aliases)
    return term


def script_json(data: object) -> str:
    """JSON safe inside a `<script>` element, on one line."""
    # Pages drop bidi controls and zero-width characters (`invisible`), this one too.
    dumped = displayable(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    for char, escape in _UNSAFE.items():
        dumped = dumped.replace(char, escape)
    return dumped


def json_ld_script(data: object) -> str:
    return f'<script type="application/ld+json">{script_json(data)}</script>'
