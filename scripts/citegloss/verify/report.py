"""Verdicts out: text for people, JSON for tools, GitHub annotations, a Markdown job summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence

from citegloss.model import Finding, Location, Reference, Severity
from citegloss.report import format_github
from citegloss.verify.model import Verdict, Verification


def summary(verifications: Sequence[Verification]) -> dict[str, int]:
    counts = Counter(v.verdict.value for v in verifications)
    return {"entries": len(verifications), **{v.value: counts.get(v.value, 0) for v in Verdict}}


def as_finding(verification: Verification, location: Location) -> Finding | None:
    """A verdict worth an annotation, as a finding; None for a confirmed entry."""
    if verification.verdict is Verdict.CONFIRMED:
        return None
    severity = Severity.ERROR if verification.verdict.is_suspect else Severity.WARNING
    details = "; ".join(
        f"{d.field}: entry {d.entry!r}, record {d.record!r}" for d in verification.differences
    )
    message = f"'{verification.key}' {verification.verdict}: {verification.message}"
    return Finding(
        f"verify-{verification.verdict}",
        severity,
        location,
        message + (f" ({details})" if details else ""),
    )


def format_text(verifications: Sequence[Verification], references: Mapping[str, Reference]) -> str:
    lines = []
    for v in verifications:
        location = references[v.key].location
        where = f"{location.file}:{location.line}"
        found = f" [{v.provider.display} {v.identifier}]" if v.provider and v.identifier else ""
        lines.append(f"{where}: {v.verdict} {v.key}{found}: {v.message}")
        lines += [f"    {d.field}: entry {d.entry!r}, record {d.record!r}" for d in v.differences]
    counts = summary(verifications)
    lines.append(
        f"Verified {counts['entries']} entries: "
        + ", ".join(f"{counts[v.value]} {v.value}" for v in Verdict if counts[v.value])
        + "."
    )
    return "\n".join(lines)


def format_json(verifications: Sequence[Verification]) -> str:
    entries = [
        {
            "key": v.key,
            "verdict": v.verdict.value,
            "provider": v.provider.value if v.provider else None,
            "identifier": v.identifier,
            "differences": [
                {"field": d.field, "entry": d.entry, "record": d.record} for d in v.differences
            ],
            "message": v.message,
        }
        for v in verifications
    ]
    return json.dumps(
        {"entries": entries, "summary": summary(verifications)}, ensure_ascii=False, indent=2
    )


def format_annotations(
    verifications: Sequence[Verification], references: Mapping[str, Reference]
) -> str:
    findings = [as_finding(v, references[v.key].location) for v in verifications]
    return format_github([f for f in findings if f is not None])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(verifications: Sequence[Verification]) -> str:
    """The job summary: counts, then a row per entry that is not confirmed."""
    counts = summary(verifications)
    lines = [
        "## citegloss verify",
        "",
        " · ".join(f"**{counts[v.value]}** {v.value}" for v in Verdict)
        + f" (of {counts['entries']})",
        "",
    ]
    open_items = [v for v in verifications if v.verdict is not Verdict.CONFIRMED]
    if open_items:
        lines += ["| entry | verdict | what the record says |", "| --- | --- | --- |"]
        for v in open_items:
            diffs = "; ".join(f"{d.field}: {d.entry} → {d.record}" for d in v.differences)
            lines.append(f"| `{v.key}` | {v.verdict} | {_cell(diffs or v.message)} |")
    return "\n".join(lines) + "\n"
