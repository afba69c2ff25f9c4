"""The bytes of a .bib -> text: UTF-8, else the encoding the file declares, else Windows-1252.

Old .bib files are often Latin-1 or Windows-1252, and JabRef writes the encoding in the first
line. Refusing them would stop the check for a whole team; reading them with a warning that
names the encoding used (bib-encoding) lets the check run and says how to fix the file.
"""

from __future__ import annotations

import re

from citegloss.model import Finding, Location

#: JabRef's first line names the file's encoding: `% Encoding: windows-1252`.
_DECLARED = re.compile(rb"^\s*%\s*Encoding:\s*([\w.-]+)", re.IGNORECASE)
#: What a .bib that is not UTF-8 most likely is: Windows-1252, the superset of Latin-1
#: that old Windows tools wrote; Latin-1 itself reads any byte, so it is the last resort.
_FALLBACKS = ("cp1252", "latin-1")


def decode_bib(data: bytes, path: str, encoding: str | None = None) -> tuple[str, list[Finding]]:
    """The .bib as text, and a bib-encoding warning when it had to be read as something else.

    With `encoding`, that one is used (UnicodeDecodeError and LookupError are the caller's).
    """
    if encoding:
        return data.decode(encoding), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad = exc.start
    declared = _DECLARED.match(data[:500])
    for candidate in (*([declared.group(1).decode()] if declared else []), *_FALLBACKS):
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        break
    line_start = data.rfind(b"\n", 0, bad) + 1
    where = Location(path, data.count(b"\n", 0, bad) + 1, bad - line_start + 1)
    return text, [
        Finding.warning(
            "bib-encoding",
            where,
            f"references.bib is not UTF-8 (the byte 0x{data[bad]:02x} here is not); "
            f"it was read as {candidate}",
            "Save the file as UTF-8, or name its encoding with --encoding "
            "(the MkDocs plugin's bib_encoding).",
        )
    ]
