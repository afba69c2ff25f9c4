"""Audit pages: an overview (counts per verdict for each audited document) and one page per
document (each citation, its verdict, and the bibliography entry it means).

`audit_pages` is a `citegloss.render.PageMaker`: mkdocs.yml names it under the plugin's
`extra_pages`. It shows the audits the pipeline loaded from glossary/audits/; problems of the audit
files go to the `mkdocs.plugins.citegloss` logger as errors, so `mkdocs build --strict` fails on
them, while what the audits find in the audited documents is shown, never failed on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citegloss.audit_verdicts import (
    VERDICTS,
    Verdict,
    cite_as,
    counts,
    document_reference_findings,
    judge_audit,
)
from citegloss.audits import Audit
from citegloss.model import Bibliography, Reference
from citegloss.render import Page, page_meta
from citegloss.render.concept import BIBLIOGRAPHY
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import Links, safe_url, text
from citegloss.report import format_text

#: The overview of all audits, generated.
AUDITS_OVERVIEW = "audits/index.md"
#: The hand-written page that explains audits.
AUDITS_HELP = "audits.md"
log = logging.getLogger("mkdocs.plugins.citegloss")


@dataclass(frozen=True, slots=True)
class JudgedAudit:
    """An audit and its verdicts, judged once for the overview and the page."""

    audit: Audit
    verdicts: tuple[Verdict, ...]

    @property
    def title(self) -> str:
        return self.audit.document.title or self.audit.document.cite


def audit_src(audit_id: str) -> str:
    return f"audits/{audit_id}.md"


def _verdict_chips(verdict: Verdict) -> str:
    return " ".join(
        f'<span class="cg-chip cg-verdict cg-verdict-{code}">{text(VERDICTS.get(code, code))}</span>'
        for code in verdict.codes
    )


def _work(reference: Reference | None, here: str, links: Links) -> str:
    if reference is None:
        return "—"
    href = links.href(here, BIBLIOGRAPHY, reference.key)
    return (
        f'<a class="cg-cite" href="{href}">{text(cite_as(reference))}</a> '
        f'<span class="cg-work-title">{text(reference.title)}</span>'
    )


def _why(verdict: Verdict) -> str:
    citation = verdict.citation
    # the citation has its own column: drop the "“as written”: " each message opens with
    opening = f"“{citation.as_written}”: "
    parts = [f"<p>{text(f.message.removeprefix(opening))}</p>" for f in verdict.findings]
    given = [f"title “{citation.title}”" if citation.title else ""]
    given.append(f"venue “{citation.venue}”" if citation.venue else "")
    if any(given):
        parts.append(
            f'<p class="cg-note">The document gives: {text(", ".join(filter(None, given)))}.</p>'
        )
    if citation.note:
        parts.append(f'<p class="cg-note">{text(citation.note)}</p>')
    return "".join(parts)


def _verdict_counts(verdicts: Sequence[Verdict]) -> str:
    """Every verdict with its count, zeros included, so a reader sees what was looked for."""
    tally = counts(list(verdicts))
    items = "".join(
        f'<li class="cg-verdict-{code}"><span class="cg-figure">{tally.get(code, 0)}</span> '
        f'<span class="cg-figure-label">{text(label)}</span></li>'
        for code, label in VERDICTS.items()
    )
    return f'<ul class="cg-counts cg-verdict-counts">{items}</ul>'


def _verdict_summary(verdicts: Sequence[Verdict]) -> str:
    """Only the verdicts given, as chips: "8 correct", "21 unidentifiable"."""
    tally = counts(list(verdicts))
    return " ".join(
        f'<span class="cg-chip cg-verdict cg-verdict-{code}">{n} {text(VERDICTS[code])}</span>'
        for code, n in tally.items()
        if n and code in VERDICTS
    )


def _document_facts(document: JudgedAudit, here: str, links: Links) -> str:
    record = document.audit.document
    facts = []
    if record.author:
        facts.append(("Author", text(record.author)))
    if record.year:
        facts.append(("Year", str(record.year)))
    if record.cite:
        href = links.href(here, BIBLIOGRAPHY, record.cite)
        facts.append(
            ("In the bibliography", f'<a class="cg-cite" href="{href}">{text(record.cite)}</a>')
        )
    if url := safe_url(record.url):
        facts.append(("Online", f'<a href="{text(url)}">{text(url)}</a>'))
    if record.source:
        facts.append(("Text audited", f"<code>{text(record.source)}</code>"))
    shown = [f"<strong>{label}:</strong> {value}" for label, value in facts]
    blocks = [f'<p class="cg-audit-document">{" · ".join(shown)}</p>'] if shown else []
    if record.note:
        blocks.append(f'<p class="cg-note">{text(record.note)}</p>')
    return "\n\n".join(blocks)


def audit_page(document: JudgedAudit, links: Links) -> str:
    here = audit_src(document.audit.id)
    verdicts = document.verdicts
    overview = links.href(here, AUDITS_OVERVIEW)
    rows = []
    for number, verdict in enumerate(verdicts, 1):
        citation = verdict.citation
        line = str(citation.line) if citation.line else ""
        rows.append(
            f'<tr id="citation-{number}"><td>{line}</td>'
            f'<td><span class="cg-as-written">{text(citation.as_written)}</span></td>'
            f"<td>{_verdict_chips(verdict)}</td>"
            f"<td>{_work(verdict.reference, here, links)}</td>"
            f"<td>{_why(verdict)}</td></tr>"
        )
    body = "".join(rows) or '<tr><td colspan="5">No citations.</td></tr>'
    return (
        "\n\n".join(
            [
                f"<h1>Audit: {text(document.title)}</h1>",
                f'<p class="cg-lead">{len(verdicts)} author–year citations, each checked against the '
                f'<a href="{links.href(here, BIBLIOGRAPHY)}">bibliography</a> by the same matcher '
                f'that guards the glossary. <a href="{overview}">All audits</a>.</p>',
                _document_facts(document, here, links),
                "## Verdicts",
                _verdict_counts(verdicts),
                "## Citations",
                '<div class="cg-table-wrap"><table class="cg-index cg-audit"><thead><tr><th>Line</th>'
                "<th>As written</th><th>Verdict</th><th>The work it means</th><th>Why</th></tr></thead>"
                f"<tbody>{body}</tbody></table></div>",
            ]
        )
        + "\n"
    )


def overview_page(documents: Sequence[JudgedAudit], links: Links) -> str:
    """Counts per verdict for every audited document, each linked to its page."""
    here = AUDITS_OVERVIEW
    lead = (
        '<p class="cg-lead">The citations of other documents, checked by the matcher that '
        "guards the glossary: each against the work it must mean in the "
        f'<a href="{links.href(here, BIBLIOGRAPHY)}">bibliography</a>. '
        f'<a href="{links.href(here, AUDITS_HELP)}">How audits work</a>.</p>'
    )
    if not documents:
        return f"<h1>Audits</h1>\n\n{lead}\n\n<p>No audit is published yet.</p>\n"
    rows = [
        f'<tr><td><a href="{links.href(here, audit_src(d.audit.id))}">{text(d.title)}</a></td>'
        f"<td>{len(d.verdicts)}</td><td>{_verdict_summary(d.verdicts)}</td></tr>"
        for d in documents
    ]
    everything = [v for d in documents for v in d.verdicts]
    rows.append(
        f"<tr><td><strong>All documents</strong></td><td>{len(everything)}</td>"
        f"<td>{_verdict_summary(everything)}</td></tr>"
    )
    table = (
        '<div class="cg-table-wrap"><table class="cg-index cg-audit-overview"><thead><tr>'
        "<th>Document</th><th>Citations</th><th>Verdicts</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return f"<h1>Audits</h1>\n\n{lead}\n\n{table}\n"


def judge_documents(audits: Sequence[Audit], bibliography: Bibliography) -> list[JudgedAudit]:
    return [JudgedAudit(a, tuple(judge_audit(a, bibliography))) for a in audits]


def audit_pages(xref: CrossReferences, links: Links) -> list[Page]:
    """The overview and a page per audit file the pipeline loaded (`xref.audits`)."""
    folder = Path(xref.glossary.root) / "audits"
    findings = list(xref.audit_findings)
    findings += [f for a in xref.audits for f in document_reference_findings(a, xref.bibliography)]
    documents = judge_documents(xref.audits, xref.bibliography)
    findings += [
        f for d in documents for v in d.verdicts for f in v.findings if f.code == "unknown-key"
    ]
    for finding in findings:  # the audit files' own problems; the documents' are shown
        log.error("\n".join(format_text([finding]).splitlines()[:-1]))
    pages = [
        Page(
            src=AUDITS_OVERVIEW,
            meta=page_meta("Audits"),
            markdown=overview_page(documents, links),
        )
    ]
    pages += [
        Page(
            src=audit_src(d.audit.id),
            meta=page_meta(f"Audit: {d.title}"),
            markdown=audit_page(d, links),
            edit_path=f"{folder.as_posix()}/{d.audit.id}.yaml",
        )
        for d in documents
    ]
    return pages
