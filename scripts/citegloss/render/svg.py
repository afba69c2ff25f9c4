"""The pieces every drawn picture shares: label boxes, the overlap check, wrapping, an SVG shell.

Pictures are plain inline SVG written as strings: text from YAML reaches them only through
`html.text` (which escapes for XML too), colours come from the theme's CSS variables with a
fallback (so dark mode works, and a page without the stylesheet still reads), and nothing in them
is random, so the same glossary always gives byte-identical markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from citegloss.render.html import text

#: Average advance of a character, as a share of the font size: a little over what Liberation
#: Sans and Arial draw for terms like these (about 0.46); the browser test measures real boxes.
CHAR_WIDTH = 0.5


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in SVG user units: a label's or a node's footprint."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


def overlapping_pairs(boxes: Sequence[Box]) -> list[tuple[int, int]]:
    """Index pairs of boxes that overlap; sweep over x so a large map stays fast."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].x)
    found, active = [], list[int]()
    for i in order:
        box = boxes[i]
        active = [j for j in active if boxes[j].x + boxes[j].width > box.x]
        found += [(min(i, j), max(i, j)) for j in active if box.overlaps(boxes[j])]
        active.append(i)
    return sorted(found)


def text_width(value: str, size: float) -> float:
    return len(value) * size * CHAR_WIDTH


@lru_cache(maxsize=65536)
def wrap(value: str, size: float, width: float, max_lines: int = 2) -> tuple[str, ...]:
    """Words in lines no wider than `width`; a word too long breaks after a hyphen or is cut
    with "…", and so is the last line when words are left over."""
    limit = max(4, int(width / (size * CHAR_WIDTH)))
    lines: list[str] = []
    for word in value.split():
        # A long hyphenated word may break after its hyphens: "Deutero-" / "learning".
        pieces = re.findall(r"[^-]+-|[^-]+$", word) if len(word) > limit else [word]
        for n, piece in enumerate(pieces):
            piece = piece if len(piece) <= limit else piece[: limit - 1] + "…"
            glue = "" if n else " "
            if lines and len(lines[-1]) + len(glue) + len(piece) <= limit:
                lines[-1] += glue + piece
            else:
                lines.append(piece)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1].rstrip("…")
        if len(last) >= limit:
            last = last.rsplit(" ", 1)[0] if " " in last else last[: limit - 1]
        lines[-1] = last + "…"
    return tuple(lines) or ("",)


def num(value: float) -> str:
    """A coordinate with at most one decimal, the same on every machine."""
    return f"{round(value, 1):g}"


def label(lines: Iterable[str], x: float, y: float, size: float, anchor: str = "start") -> str:
    """A `<text>` of one or more lines (the first baseline at `y`), escaped."""
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else num(size * 1.2)}">{text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" '
        f'fill="currentColor">{spans}</text>'
    )


def svg(
    kind: str, width: float, height: float, title: str, description: str, body: Iterable[str]
) -> str:
    """The shell: viewBox, a `<title>` and `<desc>` a screen reader announces, then the body."""
    return (
        f'<svg class="cg-svg cg-{kind}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" '
        f'aria-labelledby="cg-{kind}-title cg-{kind}-desc">'
        f'<title id="cg-{kind}-title">{text(title)}</title>'
        f'<desc id="cg-{kind}-desc">{text(description)}</desc>' + "".join(body) + "</svg>"
    )
