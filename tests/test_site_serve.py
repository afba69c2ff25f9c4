"""`mkdocs serve` rebuilds when a contributor edits a concept file or references.bib, and shows a
failed citation check in the page itself until the next good save."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from citegloss.render.problems import BANNER_CLASS
from test_site_build import site_config

TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, text: str, *, absent: str = "") -> str:
    """Fetch `url` from the local server until it contains `text` and not `absent` (bounded in
    time)."""
    deadline, page = time.monotonic() + TIMEOUT, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if text in page and not (absent and absent in page):
                return page
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(
        f"{url} never contained {text!r} without {absent!r}; last page was {len(page)} characters"
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    config = site_config("site-basic", tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_rebuilds_on_yaml_and_bib_edits(served: tuple[Path, str]) -> None:
    root, base = served
    concept = root / "glossary" / "organizational-learning.yaml"
    wait_for(f"{base}/concepts/organizational-learning.html", "Organizational learning")

    concept.write_text(
        concept.read_text(encoding="utf-8").replace(
            "summary: >-\n", "summary: >-\n  Edited-while-serving.\n", 1
        ),
        encoding="utf-8",
    )
    wait_for(f"{base}/concepts/organizational-learning.html", "Edited-while-serving.")

    bib = root / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "A Theory of Action Perspective", "A Retitled Perspective"
        ),
        encoding="utf-8",
    )
    wait_for(f"{base}/bibliography.html", "A Retitled Perspective")


def test_serve_shows_a_failed_check_in_the_page_and_recovers(served: tuple[Path, str]) -> None:
    root, base = served
    concept = root / "glossary" / "organizational-learning.yaml"
    page, home = f"{base}/concepts/organizational-learning.html", f"{base}/index.html"
    good = concept.read_text(encoding="utf-8")
    wait_for(page, "Organizational learning")

    concept.write_text(good.replace("year: 1991", "year: 1990", 1), encoding="utf-8")
    shown = wait_for(page, BANNER_CLASS)
    assert "wrong-year" in shown
    assert "&#x27;huber1991organizational&#x27; is from 1991, not 1990" in shown
    assert "glossary/organizational-learning.yaml:9:11" in shown
    assert BANNER_CLASS in wait_for(home, BANNER_CLASS)  # every page says so

    concept.write_text("term: [Organizational learning\n", encoding="utf-8")
    shown = wait_for(page, "yaml-error")  # the concept's address still answers, with the finding
    assert BANNER_CLASS in shown

    concept.write_text(good, encoding="utf-8")
    recovered = wait_for(page, "Organizational learning", absent=BANNER_CLASS)
    assert "huber1991organizational" in recovered
    wait_for(home, "Organizational learning", absent=BANNER_CLASS)
