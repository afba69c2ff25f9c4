"""Characters a reader cannot see: bidirectional controls, zero-width and other format characters.

They make two different keys look the same (`senge1990fifth` and `senge1990\u200bfifth`) and
reorder the text around them on screen ("Trojan Source"). In identifiers they are an error
(`invisible-character`), and a finding shows each one as `<U+200B>`; in displayed text the site
drops them (`displayable`), so no page and no tooltip carries one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from citegloss.model import Finding, Location
from citegloss.yamlfile import YamlDocument, YamlPath

#: Letters that render as nothing (Hangul fillers), though Unicode does not call them format.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")

#: What a page drops: bidi controls (U+061C, U+200E/F, U+202A-202E, U+2066-206F), zero-width
#: and invisible operators (U+200B, U+2060-2064, U+FEFF, U+180E), the soft hyphen, annotation and
#: tag characters, C0/C1 controls other than whitespace, and lone surrogates (not UTF-8). Joiners
#: (U+200C/D) stay between two non-ASCII characters, where scripts and emoji need them.
_HIDDEN = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]"
    "|(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])"
)

#: Fields whose value names something (a bib key, a concept id): there an invisible character
#: makes a different name that looks the same.
IDENTIFIER_FIELDS = frozenset({"cite", "related", "with"})


#: Control, format, private-use and unassigned. Not lone surrogates: only an undecodable file
#: name gives one (PEP 383), and the report prints its byte as such.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn"})


def is_invisible(char: str) -> bool:
    """A control, format, private-use or unassigned character, or a filler letter."""
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _FILLERS


def shown(value: str) -> str:
    """`value` with each invisible character written out: `senge1990<U+200B>fifth`."""
    if value.isascii() and value.isprintable():
        return value
    return "".join(f"<U+{ord(c):04X}>" if _written_out(c) else c for c in value)


def _written_out(char: str) -> bool:
    """Invisible, but not a file name's undecodable byte (U+DC80-DCFF), which `printable` shows."""
    return is_invisible(char) and not "\udc80" <= char <= "\udcff"


def displayable(value: str) -> str:
    """`value` as a page may show it: without bidi controls and invisible characters."""
    return _HIDDEN.sub("", value)


def _names(value: str) -> str:
    return ", ".join(
        f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}"
        for c in dict.fromkeys(c for c in value if is_invisible(c))
    )


def invisible_identifier(value: str, location: Location, what: str) -> Finding | None:
    """An `invisible-character` finding when `value`, the name of something, hides a character."""
    if (value.isascii() and value.isprintable()) or not any(is_invisible(c) for c in value):
        return None
    clean = "".join(c for c in value if not is_invisible(c))
    return Finding.error(
        "invisible-character",
        location,
        f"{what} '{shown(value)}' contains an invisible character ({_names(value)})",
        f"Delete it: write '{clean}'." if clean else "Write the name with visible characters.",
    )


def _identifiers(data: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str, str]]:
    """Every string under an identifier field of a YAML document: (path, field, value)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in IDENTIFIER_FIELDS and isinstance(value, str):
                yield (*path, key), key, value
            elif key in IDENTIFIER_FIELDS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*path, key, i), key, item
            else:
                yield from _identifiers(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _identifiers(item, (*path, i))


def invisible_identifiers(doc: YamlDocument, file: str) -> list[Finding]:
    """`invisible-character` for each `cite`, `related` and `with` value of a document."""
    found = []
    for path, name, value in _identifiers(doc.data):
        finding = invisible_identifier(value, doc.location(file, path), name)
        if finding:
            found.append(finding)
    return found
