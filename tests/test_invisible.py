"""What a page keeps of text with invisible characters, and how a finding writes them."""

from __future__ import annotations

from citegloss.invisible import displayable, invisible_identifier, shown
from citegloss.model import Location


def test_pages_drop_bidi_controls_and_zero_width_characters() -> None:
    assert (
        displayable("Sen\u202ege\u202c \u2066x\u2069 a\u200bb\u2060c\ufeff\u00ad") == "Senge x abc"
    )
    assert displayable("\x07bell\x1b[31m\x85next") == "bell[31m\x85next"  # NEL is whitespace


def test_joiners_stay_only_where_scripts_and_emoji_need_them() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert displayable(family) == family
    assert displayable(persian) == persian
    assert displayable("Or\u200dganizational \u200clearning\u200d") == "Organizational learning"


def test_a_finding_writes_each_invisible_character_out() -> None:
    assert shown("senge1990\u200bfifth") == "senge1990<U+200B>fifth"
    assert shown("plain-key") == "plain-key"
    assert shown("tag\U000e0041") == "tag<U+E0041>"
    here = Location("glossary/a.yaml", 3, 11)
    finding = invisible_identifier("\u202esenge", here, "cite")
    assert finding is not None and finding.location == here
    assert finding.message == (
        "cite '<U+202E>senge' contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)"
    )
    assert invisible_identifier("schön2001", here, "cite") is None
