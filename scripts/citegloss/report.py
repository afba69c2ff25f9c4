"""Findings out: text for people, JSON for tools, workflow commands for GitHub pull requests."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence

from citegloss.invisible import shown
from citegloss.model import Finding, Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"
#: Lone surrogates: the bytes of a file name that is not UTF-8, as Python decodes it (PEP 383).
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text any UTF-8 output can print: a file name's undecodable byte 0xE9 reads `\\xe9`."""
    return _SURROGATE.sub(
        lambda m: (
            f"\\x{ord(m[0]) - 0xDC00:02x}"
            if 0xDC80 <= ord(m[0]) <= 0xDCFF
            else f"\\u{ord(m[0]):04x}"
        ),
        text,
    )


def summary(findings: Sequence[Finding]) -> dict[str, object]:
    severities = Counter(f.severity.value for f in findings)
    return {
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "by_code": dict(sorted(Counter(f.code for f in findings).items())),
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_text(findings: Sequence[Finding], *, colour: bool = False) -> str:
    """`file:line:col: severity code message`, the suggestion indented under it, then a count."""
    lines = []
    for f in findings:
        severity, code = f.severity.value, f.code
        if colour:
            severity, code = f"{_COLOURS[f.severity]}{severity}{_RESET}", f"{_BOLD}{code}{_RESET}"
        # shown(): a bidi control or zero-width character from the data is written as <U+202E>,
        # so it can neither reorder the terminal's line nor hide in a name.
        where = f"{shown(f.location.file)}:{f.location.line}:{f.location.column}"
        lines.append(f"{where}: {severity} {code} {shown(f.message)}")
        if f.suggestion:
            suggestion = shown(f.suggestion)
            lines.append(f"    {_DIM if colour else ''}{suggestion}{_RESET if colour else ''}")
    counts = summary(findings)
    errors, warnings = int(str(counts["errors"])), int(str(counts["warnings"]))
    if errors or warnings:
        lines.append(f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')}.")
    else:
        lines.append("No problems found.")
    return printable("\n".join(lines))


def format_json(findings: Sequence[Finding], **extra: object) -> str:
    records = []
    for f in findings:
        record: dict[str, object] = {
            "code": f.code,
            "severity": f.severity.value,
            "file": f.location.file,
            "line": f.location.line,
            "column": f.location.column,
            "message": f.message,
            "suggestion": f.suggestion,
        }
        if f.as_written:
            record["as_written"] = f.as_written
        records.append(record)
    text = json.dumps(
        {"findings": records, "summary": summary(findings), **extra}, ensure_ascii=False, indent=2
    )
    # a lone surrogate as JSON's own escape, which a reader decodes back to the same file name
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, so a pull request shows each finding on its line."""
    lines = []
    for f in findings:
        level = "error" if f.is_error else "warning"
        props = [f"file={_escape_property(shown(f.location.file))}"]
        if f.location.line:
            props.append(f"line={f.location.line}")
        if f.location.column:
            props.append(f"col={f.location.column}")
        props.append(f"title={_escape_property(f'citegloss {f.code}')}")
        body = shown(f.message) + (f"\n{shown(f.suggestion)}" if f.suggestion else "")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(body)}")
    return printable("\n".join(lines))
