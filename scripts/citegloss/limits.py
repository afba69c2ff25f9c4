"""How large an input file may be, and reading within that size.

Every file citegloss reads comes from a pull request, so none is read whole before its size is known:
a 50 MB concept file would otherwise take minutes and gigabytes before any finding. Each limit is
set by an environment variable (bytes), so a project with larger files raises it rather than edits
code; docs/codes.md#file-too-large lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from citegloss.model import Finding, Location
from citegloss.paths import kind_of

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limit:
    """The largest file of one kind, overridable by an environment variable."""

    #: The environment variable that sets it, in bytes.
    variable: str
    default: int
    #: What the file is, for messages: "a concept file".
    kind: str

    def bytes(self) -> int:
        """The limit in force. Raises BadLimit when the variable is not a number of bytes."""
        value = os.environ.get(self.variable, "").strip()
        if not value:
            return self.default
        if not value.isdigit() or int(value) == 0:
            raise BadLimit(
                f"{self.variable} must be a positive whole number of bytes, not '{value}'"
            )
        return int(value)


CONCEPT = Limit("CITEGLOSS_MAX_CONCEPT_BYTES", 1 * MiB, "a concept file")
AUDIT = Limit("CITEGLOSS_MAX_AUDIT_BYTES", 1 * MiB, "an audit file")
BIB = Limit("CITEGLOSS_MAX_BIB_BYTES", 32 * MiB, "the bibliography")
SOURCE = Limit("CITEGLOSS_MAX_SOURCE_BYTES", 8 * MiB, "an audited document")
ALL = (CONCEPT, AUDIT, BIB, SOURCE)


class BadLimit(ValueError):
    """A limit's environment variable is set to something that is not a size."""


class FileTooLarge(Exception):
    """A file is larger than its limit: what it is, the limit, and how to raise it."""

    def __init__(self, message: str, suggestion: str) -> None:
        super().__init__(message, suggestion)
        self.message, self.suggestion = message, suggestion

    def __str__(self) -> str:
        return f"file-too-large: {self.message}. {self.suggestion}"

    def finding(self, shown: str) -> Finding:
        return Finding.error("file-too-large", Location(shown, 1, 1), self.message, self.suggestion)


class NotAFile(OSError):
    """The path names a folder, a pipe or a device, which is never read (a pipe would block)."""


def _refuse_past(size: int, shown: str, limit: Limit) -> None:
    allowed = limit.bytes()
    if size > allowed:
        size_text = f"{size / MiB:.1f} MiB" if size > MiB else f"{size:,} bytes"
        raise FileTooLarge(
            f"'{shown}' is {size_text}; {limit.kind} may be at most {allowed:,} bytes",
            f"Split it, or raise the limit: {limit.variable}=<bytes>",
        )


def read_limited(path: Path, shown: str, limit: Limit) -> bytes:
    """The bytes of a regular file of at most `limit`; never blocks on a pipe or a device.

    Raises NotAFile, FileTooLarge or OSError. The file is read up to one byte past the limit, so a
    file that grows while it is read is caught too.
    """
    kind = kind_of(path)
    if kind != "a file":
        raise NotAFile(f"'{shown}' is {kind or 'missing'}, not a file")
    size = path.stat().st_size
    _refuse_past(size, shown, limit)
    allowed = limit.bytes()
    with path.open("rb") as stream:
        # As many bytes as the file has, and one more: read(allowed + 1) would first allocate
        # the whole limit (a MiB for every concept file); what grew since is read after it.
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(allowed + 1 - len(data))
    _refuse_past(len(data), shown, limit)
    return data
