"""Identifier syntax: DOIs, ISBNs and ISSNs, checked offline before anything is looked up.

A check digit catches most typing mistakes in an ISBN or ISSN; a DOI has no check digit, so only
its shape can be checked ("10.", a registrant code, "/", a suffix).
"""

from __future__ import annotations

import re

#: Crossref's advice for matching modern DOIs: 10.<4-9 digits>[.<digits>]/<suffix without spaces>.
_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi:",
)


def normalize_doi(doi: str) -> str:
    """A DOI as compared: no resolver prefix, lower case (DOIs are case-insensitive)."""
    text = doi.strip()
    for prefix in _DOI_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    return text.strip().lower()


def is_doi(doi: str) -> bool:
    return bool(_DOI.match(normalize_doi(doi)))


def compact(identifier: str) -> str:
    """An ISBN or ISSN without hyphens and spaces, X upper-cased."""
    return re.sub(r"[\s-]", "", identifier).upper()


def isbn_problem(isbn: str) -> str:
    """Why an ISBN is not valid, or "" when it is."""
    digits = compact(isbn)
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return "" if total % 11 == 0 else "its check digit is wrong (ISBN-10)"
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return "" if total % 10 == 0 else "its check digit is wrong (ISBN-13)"
    return "it is neither 10 nor 13 digits long"


def issn_problem(issn: str) -> str:
    """Why an ISSN is not valid, or "" when it is."""
    digits = compact(issn)
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return "it is not 8 digits (the last may be X)"
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return "" if digits[7] == expected else "its check digit is wrong"


def isbns(value: str) -> list[str]:
    """The ISBNs in an `isbn` field, which may list several: "0-19-509269-4, 978-0-19-509269-1"."""
    return [part.strip() for part in re.split(r"[,;]|\s+and\s+", value) if part.strip()]
