"""Shared helpers: run the checker on a fixture folder from its root, as a contributor would."""

from __future__ import annotations

import os
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citegloss.bib import load_bibliography
from citegloss.check import check
from citegloss.glossary import load_glossary
from citegloss.model import Finding

FIXTURES = Path(__file__).parent / "fixtures"
#: For tests that make git repositories: an identity, and no user or system git config.
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@localhost",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[Finding]]:
    """Check the named fixture from inside its folder, so paths read `glossary/x.yaml`."""

    def run(name: str) -> list[Finding]:
        monkeypatch.chdir(FIXTURES / name)
        return check(load_glossary(Path("glossary")), load_bibliography(Path("references.bib")))

    return run


class Tags(HTMLParser):
    """Every start tag of a page with its attribute names: what markup a page really has."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, [name for name, _ in attrs]))
