"""An author–year, APA-like reference list style, written as a small pybtex style.

Why our own style: pybtex-apa-style was last released in 2018 and imports `six` without
declaring it; CSL APA through citeproc-py passes field text into its HTML unescaped (a title
with `<script>` comes out as a script tag) and took about 5 ms an entry here, against well under
1 ms for pybtex. pybtex's HTML backend escapes every string, and its templates keep the style
to the few entry types a glossary cites. pybtex does not reach the rest of the renderer: this
module turns our `Reference` into a pybtex entry and returns HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from pybtex.backends.html import Backend
from pybtex.database import Entry
from pybtex.database import Person as PybtexPerson
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import (
    FieldIsMissing,
    field,
    join,
    node,
    optional,
    sentence,
    tag,
    words,
)

from citegloss.invisible import displayable
from citegloss.model import Person, Reference

_BACKEND = Backend()


def _node(function: Callable[..., Text]) -> Any:
    """pybtex's `node` decorator, typed: it turns a function into a template node."""
    return node(function)


def initials(given: str) -> str:
    """`Donald A.` -> `D. A.`; `Jean-Claude` -> `J.-C.`."""
    parts = []
    for word in given.split():
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0] + "." for p in pieces))
    return " ".join(parts)


def apa_name(person: Person) -> str:
    if person.corporate or not person.first:
        return person.last
    tail = f", {person.lineage}" if person.lineage else ""
    return f"{person.last}, {initials(person.first)}{tail}"


def apa_names(people: tuple[Person, ...]) -> str:
    """APA's list: `A, B.`; `A, B., & C, D.`; `A, B., C, D., & E, F.`."""
    names = [apa_name(p) for p in people]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}, & {names[1]}"
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _editors_in(people: tuple[Person, ...]) -> str:
    """Editors as APA names them inside an entry: `E. Editor (Ed.)`."""
    shown = [f"{initials(p.first)} {p.last}".strip() if not p.corporate else p.last for p in people]
    joined = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " & " + shown[-1]
    return f"{joined} ({'Ed.' if len(shown) == 1 else 'Eds.'})"


@_node
def creators(children: Any, context: dict[str, Any]) -> Text:
    reference: Reference = context["entry"].reference
    if reference.authors:
        names = apa_names(reference.authors)
        return Text(names if names.endswith(".") else names + ".")  # "World Bank. (2010)."
    if reference.editors:
        suffix = " (Ed.)." if len(reference.editors) == 1 else " (Eds.)."
        return Text(apa_names(reference.editors) + suffix)
    return Text(reference.title)


@_node
def year(children: Any, context: dict[str, Any]) -> Text:
    reference: Reference = context["entry"].reference
    return Text("(", str(reference.year) if reference.year else "n.d.", ")")


@_node
def pages(children: Any, context: dict[str, Any]) -> Text:
    value = context["entry"].reference.fields.get("pages", "")
    if not value:
        raise FieldIsMissing("pages", context["entry"])  # so `optional` drops "(pp. )"
    return Text(re.sub(r"\s*-+\s*", "\u2013", value))


@_node
def edition(children: Any, context: dict[str, Any]) -> Text:
    """`2` -> `(2nd ed.)`; words stay as written: `(Revised and updated ed.)`."""
    value = context["entry"].reference.fields.get("edition", "")
    if not value:
        return Text()
    if value.isdigit():
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        value = f"{n}{suffix}"
    return Text(f"({value} ed.)")


@_node
def editors_in(children: Any, context: dict[str, Any]) -> Text:
    reference: Reference = context["entry"].reference
    if not (reference.authors and reference.editors):
        raise FieldIsMissing("editor", context["entry"])
    return Text(_editors_in(reference.editors))


_F = {"raw": True}
head = sentence(sep=" ")[creators, year]
volume = join[tag("em")[field("volume", **_F)], optional["(", field("number", **_F), ")"]]
publisher = optional[field("publisher", **_F)]


class ApaLikeStyle(BaseStyle):  # type: ignore[misc]
    """APA 7 in spirit for books, articles and chapters; other types fall back to `misc`."""

    default_sorting_style = "author_year_title"

    def get_article_template(self, e: Entry) -> Any:
        source = sentence[
            optional[tag("em")[field("journal", **_F)]],
            optional[volume],
            optional[pages],
        ]
        return toplevel[head, sentence[optional[field("title", **_F)]], source]

    def get_book_template(self, e: Entry) -> Any:
        title = words[optional[tag("em")[field("title", **_F)]], edition]
        return toplevel[head, sentence[title], sentence[publisher]]

    def get_incollection_template(self, e: Entry) -> Any:
        inside = optional[
            words[
                "In",
                optional[join[editors_in, ","]],
                tag("em")[field("booktitle", **_F)],
                optional["(pp.\u00a0", pages, ")"],
            ]
        ]
        title = sentence[optional[field("title", **_F)]]
        return toplevel[head, title, sentence[inside], sentence[publisher]]

    def get_misc_template(self, e: Entry) -> Any:
        where = optional[field("journal", **_F)]
        for name in ("publisher", "institution", "school", "organization", "howpublished"):
            if name in e.fields:
                where = field(name, **_F)
                break
        title = sentence[optional[tag("em")[field("title", **_F)]]]
        return toplevel[head, title, sentence[optional[where]]]

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> Any:
        kind = {
            "inbook": "incollection",
            "inproceedings": "incollection",
            "conference": "incollection",
        }.get(entry.type, entry.type)
        if not hasattr(self, f"get_{kind}_template"):
            kind = "misc"
        entry.type = kind
        return super().format_entry(label, entry, bib_data)


class _Entry(Entry):  # type: ignore[misc]
    """A pybtex entry that carries our `Reference`, so nodes read the model, not LaTeX."""

    reference: Reference


def _to_pybtex(reference: Reference) -> _Entry:
    entry = _Entry(reference.entry_type, fields=dict(reference.fields))
    entry.key = reference.key
    entry.reference = reference
    for role, people in (("author", reference.authors), ("editor", reference.editors)):
        for person in people:
            entry.add_person(PybtexPerson(first=person.first, last=person.last), role)
    return entry


_STYLE = ApaLikeStyle()


def format_reference(reference: Reference) -> str:
    """One reference as HTML: escaped by pybtex's backend, on one line, no links yet.

    An entry too incomplete for its type's template still shows, as names, year and title.
    """
    try:
        formatted = _STYLE.format_entry(reference.key, _to_pybtex(reference))
        rendered: str = formatted.text.render(_BACKEND)
    except PybtexError:
        names = apa_names(reference.creators) or reference.key
        rendered = html.escape(f"{names} ({reference.year or 'n.d.'}). {reference.title}".strip())
    if reference.orig_year and reference.orig_year != reference.year:
        rendered += f" (Original work published {reference.orig_year})"
    return " ".join(displayable(rendered).split())
