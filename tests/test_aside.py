"""Work on the second core gives what working here gives: the value, the exception, or (when
the child cannot send) the value made here after all."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from citegloss import render
from citegloss.aside import Aside
from citegloss.pipeline import load, render_inputs

ROOT = Path(__file__).parents[1]


def test_the_value_comes_back_from_the_forked_process() -> None:
    here = os.getpid()
    made = Aside(lambda: (os.getpid(), list(range(100_000))), fork=True).result()
    assert made[0] != here and made[1] == list(range(100_000))


def test_without_fork_the_value_is_made_here_when_asked() -> None:
    calls = []
    later = Aside(lambda: calls.append(threading.get_ident()) or "v", fork=False)
    assert calls == []
    assert later.result() == "v" and calls == [threading.get_ident()]


def test_an_exception_in_the_child_is_raised_here() -> None:
    def broken() -> None:
        raise ValueError("bad concept 42")

    with pytest.raises(ValueError, match="bad concept 42"):
        Aside(broken, fork=True).result()


def test_a_child_that_dies_or_cannot_send_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def dies_in_the_child() -> int:
        if os.getpid() != parent:
            os._exit(9)  # a crash, as an out-of-memory kill would be
        return 7

    assert Aside(dies_in_the_child, fork=True).result() == 7

    def unpicklable_in_the_child() -> object:
        return (lambda: 0) if os.getpid() != parent else "made here"

    assert Aside(unpicklable_in_the_child, fork=True).result() == "made here"


def test_pages_made_on_two_cores_are_the_pages_made_on_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's glossary, with the forked shares forced on: the same pages in the same
    order, and once their pictures (drawn aside) are put in, the same HTML."""
    inputs = load(ROOT / "glossary", ROOT / "references.bib", parallel=False)
    one = render_inputs(inputs, directory_urls=False)
    monkeypatch.setattr(render, "ASIDE_FROM_CONCEPTS", 1)
    two = render_inputs(inputs, directory_urls=False, fork=True)
    assert two.drawn is not None and one.drawn is None
    assert [p.src for p in two.pages] == [p.src for p in one.pages]
    assert [p.markdown for p in two.pages] == [p.markdown for p in one.pages]
    concept = next(p for p in two.pages if p.concept_id)
    assert render.LATER[0] in concept.html_blocks, "the forked pages leave their pictures out"

    def finished(site: render.Site) -> list[str]:
        return [
            render.expand_html(p.markdown, p, pictures=site.pictures(p.concept_id))
            for p in site.pages
        ]

    html = finished(two)
    assert html == finished(one)
    assert all("<svg" in h for h, p in zip(html, two.pages, strict=True) if p.concept_id)
