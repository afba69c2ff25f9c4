"""The title and venue of a reference-list entry, from the text after its year."""

from __future__ import annotations

import re

from citegloss.extract.found import clean

#: "(Rev. ed.)", "(2nd ed.)", "(Vol. 2)" after a title.
_EDITION = re.compile(r"\s*\((?:[^()]*\bed(?:ition)?s?\.?|Vol\.?[^()]*)\)", re.IGNORECASE)


def title_and_venue(tail: str) -> tuple[str, str]:
    """From `"Title." Venue, 36(2)...` or `Title. Venue, 36(2)...` (APA without quotes)."""
    tail = _EDITION.sub("", clean(tail.replace("*", "").replace("_", " ")))
    tail = re.sub(r"^[).,:\s]+", "", tail)
    quoted = re.match(r"[\"“‘'](?P<title>.+?)[\"”’'](?P<rest>.*)", tail)
    if quoted:
        title, rest = quoted.group("title"), quoted.group("rest")
    else:
        parts = re.split(r"(?<=[.?!])\s+", tail, maxsplit=1)
        title, rest = parts[0], parts[1] if len(parts) > 1 else ""
    rest = re.sub(r"^[\s.,:;]+", "", rest)
    rest = re.sub(r"^In\s+.*?\(Eds?\.\),?\s*", "", rest)
    rest = re.sub(r"^In\s+", "", rest)
    venue = re.split(r"[,.(\[]|\s\d", rest, maxsplit=1)[0].strip()
    return title.strip().rstrip(".,;: "), venue if venue and venue[0].isupper() else ""
