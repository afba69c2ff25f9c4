"""How each work was confirmed, for readers: a line under each bibliography entry, home counts.

A record only counts while its fingerprint matches the entry: an entry edited since it was
verified reads "Not yet verified" again, as `citegloss check` says `unverified-entry`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from citegloss.model import Reference
from citegloss.render.html import text
from citegloss.verify.model import Verdict
from citegloss.verify.record import EntryRecord, fingerprint

Records = Mapping[str, EntryRecord]


def current_record(reference: Reference, records: Records | None) -> EntryRecord | None:
    record = (records or {}).get(reference.key)
    if record is None or record.fingerprint != fingerprint(reference):
        return None
    return record


def status(reference: Reference, records: Records | None) -> tuple[str, str]:
    """(kind, sentence): kind is "provider", "by-hand", "suspect" or "unverified"."""
    record = current_record(reference, records)
    if record is None or record.verdict in (Verdict.NOT_FOUND, Verdict.UNREACHABLE):
        return "unverified", "Not yet verified."
    if record.by_hand:
        return "by-hand", f"Confirmed by hand: {record.source} ({record.date})."
    if record.verdict is Verdict.CONFIRMED:
        return "provider", f"Confirmed against {record.provider.display}, {record.date}."
    return "suspect", f"{record.provider.display} reports {record.verdict} ({record.date})."


def verification_note(reference: Reference, records: Records | None) -> str:
    kind, sentence = status(reference, records)
    return f'<p class="cg-verified cg-verified-{kind}">{text(sentence)}</p>'


def verification_counts(references: Iterable[Reference], records: Records | None) -> str:
    """The home page's line: how many works were confirmed, and how."""
    kinds = Counter(status(r, records)[0] for r in references)
    providers = Counter(
        record.provider
        for r in references
        if (record := current_record(r, records)) is not None
        and status(r, records)[0] == "provider"
    )
    against = ", ".join(f"{n} against {p.display}" for p, n in sorted(providers.items()))
    parts = [f"{kinds['provider']} confirmed" + (f" ({against})" if against else "")]
    parts.append(f"{kinds['by-hand']} confirmed by hand")
    if kinds["suspect"]:
        parts.append(f"{kinds['suspect']} contradicted by the record")
    parts.append(f"{kinds['unverified']} not yet verified")
    return f'<p class="cg-verified-counts">Works: {text("; ".join(parts))}.</p>'
