"""The site tells readers how each work was confirmed, from the record the plugin loads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from citegloss.bib import load_bibliography
from citegloss.verify.model import Provider, Verdict
from citegloss.verify.record import EntryRecord, by_hand, fingerprint, record_path, save_records
from test_site_build import site_config


def test_bibliography_entries_say_how_they_were_confirmed(tmp_path: Path) -> None:
    config = site_config("site-basic", tmp_path)
    bib = tmp_path / "references.bib"
    references = load_bibliography(bib).references
    huber = references["huber1991organizational"]
    save_records(
        record_path(bib),
        {
            huber.key: EntryRecord(
                huber.key, fingerprint(huber), Verdict.CONFIRMED, Provider.CROSSREF,
                "10.1287/orsc.2.1.88", "2026-12-01",
            ),
            "senge2006fifth": by_hand(
                references["senge2006fifth"], "a publisher catalogue <record>", "2026-11-30"
            ),
            # verified, then edited: the fingerprint no longer matches
            "crossan1999organizational": EntryRecord(
                "crossan1999organizational", "0" * 16, Verdict.CONFIRMED, Provider.CROSSREF,
                "10.5465/amr.1999.2202135", "2026-12-01",
            ),
        },
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "bibliography.html").read_text(encoding="utf-8")

    def note(key: str) -> str:
        entry = page.split(f'id="{key}"', 1)[1].split('<div class="cg-ref"', 1)[0]
        found = re.search(r'<p class="cg-verified cg-verified-[a-z-]+">([^<]*)</p>', entry)
        assert found, key
        return found.group(1)

    assert note("huber1991organizational") == "Confirmed against Crossref, 2026-12-01."
    assert note("senge2006fifth") == (
        "Confirmed by hand: a publisher catalogue &lt;record&gt; (2026-11-30)."
    )
    assert note("crossan1999organizational") == "Not yet verified."
    assert note("garvin1993building") == "Not yet verified."
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="cg-verified-counts">Works: 1 confirmed (1 against Crossref); '
        "1 confirmed by hand; 4 not yet verified.</p>"
    ) in home
