"""`mkdocs serve` rebuilds when a contributor edits a concept file or references.bib."""

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

from test_site_build import site_config

TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, text: str) -> str:
    """Fetch `url` from the local server until it contains `text` (bounded in time)."""
    deadline, page = time.monotonic() + TIMEOUT, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if text in page:
                return page
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never contained {text!r}; last page was {len(page)} characters")


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
