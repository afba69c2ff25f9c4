"""LaTeX markup in .bib fields -> plain Unicode, so names and titles compare as printed.

latexcodec decodes most of it (`\\ss`, `\\o`, `\\c{c}`); on top of it, accents are applied as
Unicode combining marks from the inside out, so nested ones (`\\'{\\^{a}}`) and accents on the
dotless i (`\\'{\\i}`) come out whole; formatting commands (`\\emph{}`, `\\textsc{}`, `{\\em }`)
keep only their text, and sort keys (`\\noopsort{a}`) go, as they are never printed.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: Accent commands and the Unicode combining mark each stands for.
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "d": "\u0323",
    "b": "\u0331",
    "r": "\u030a",
    "t": "\u0361",
}
#: `\'{e}`, `\'e`, `\c{c}`, `\c c`: an accent on one letter that has no markup left in it.
_ACCENT = re.compile(
    r"""\\(['`^"~=.])\s*(?:\{([^\W\d_])\}|([^\W\d_]))"""
    r"""|\\([uvHckdbrt])(?:\s*\{([^\W\d_])\}|\s+([^\W\d_]))"""
)
_DOTLESS = re.compile(r"\\([ij])(?![a-zA-Z])\s*")
_NEVER_PRINTED = re.compile(r"\\(?:noopsort|SortNoop|sortnoop|nocite)\s*\{[^{}]*\}")
_FORMATTING = re.compile(
    r"\\(?:emph|text(?:sc|it|bf|rm|sf|tt|up|md|sl|normal)|mbox|hbox|url|uppercase|lowercase"
    r"|MakeUppercase|MakeLowercase|NoCaseChange|em|it|bf|sc|rm|sf|tt|sl|itshape|bfseries"
    r"|scshape|upshape|normalfont|relax|protect)(?![a-zA-Z])\s*"
)
_SPACING = re.compile(r"\\[!,;: ]|\\(?:quad|qquad|thinspace)(?![a-zA-Z])")


def _accent(match: re.Match[str]) -> str:
    mark = _ACCENTS[match[1] or match[4]]
    return unicodedata.normalize("NFC", (match[2] or match[3] or match[5] or match[6]) + mark)


#: Escaped characters, decoded by hand: latexcodec costs a millisecond a call.
_ESCAPED = re.compile(r"\\([&%$#_])")
_DASHES = (("---", "\u2014"), ("--", "\u2013"), ("~", " "))


@lru_cache(maxsize=65536)  # names, journals and publishers recur from entry to entry
def decode_latex(text: str) -> str:
    """LaTeX markup to plain Unicode: `Sch{\\"o}n` -> `Schön`. Braces go; bad markup stays as is."""
    if "\\" in text:
        text = _NEVER_PRINTED.sub("", text)
        text = _FORMATTING.sub("", _SPACING.sub(" ", text))
        text = _DOTLESS.sub(r"\1", text)
        for _ in range(4):  # nested accents, innermost first
            text, count = _ACCENT.subn(_accent, text)
            if not count:
                break
        text = _ESCAPED.sub(r"\1", text)
    if "\\" in text:
        with contextlib.suppress(ValueError, TypeError, IndexError, KeyError):  # bad markup stays
            text = str(codecs.decode(text, "ulatex"))  # type: ignore[call-overload]
    else:
        for markup, char in _DASHES:
            text = text.replace(markup, char)
    return " ".join(text.replace("{", "").replace("}", "").split())
