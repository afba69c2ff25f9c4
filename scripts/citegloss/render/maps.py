"""A concept page's two pictures: its neighbourhood (related concepts and contrasts around it)
and its definitions on a year axis, each mark linked to the definition's row.

The neighbourhood is laid out in two columns around the concept, one row per neighbour, so no
label can meet another at any number of neighbours; the year axis stacks labels in lanes, a
label going up a lane when it would touch one already drawn. Both are plain geometry on sorted
data: the same concept always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citegloss.model import Concept, Definition
from citegloss.render.concept import by_year, concept_src, definition_anchor
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import Links, text
from citegloss.render.svg import Box, label, num, svg, text_width, wrap

WIDTH = 360
SIZE = 12
CENTRE_SIZE = 13
ROW = 38
#: More neighbours than this and the picture shows the first ones and a "+N more" line.
MAX_NEIGHBOURS = 24
#: The centre box is at least this wide, and wider when a word of the term needs it.
CENTRE_WIDTH = 104
DOT = 6
#: From the centre box to a neighbour's dot, and from a dot to its label.
EDGE = 20
LABEL_GAP = DOT + 4


@dataclass(frozen=True, slots=True)
class Neighbour:
    concept: Concept
    contrast: bool


def neighbours(concept: Concept, xref: CrossReferences) -> list[Neighbour]:
    """Contrasts first (the sharpest relation), then related concepts, each in term order."""
    known = xref.glossary.concepts
    contrasted = list(dict.fromkeys(v.other for v in xref.contrasts.get(concept.id, ())))
    related = [r for r in xref.related.get(concept.id, ()) if r not in contrasted]
    return [Neighbour(known[c], True) for c in contrasted] + [
        Neighbour(known[r], False) for r in related
    ]


def _node(
    here: str, item: Neighbour, links: Links, x: float, y: float, left: bool, room: float
) -> tuple[str, list[Box]]:
    """A neighbour's link (dot and label), and the boxes it covers."""
    lines = wrap(item.concept.term, SIZE, room)
    tx = x - LABEL_GAP if left else x + LABEL_GAP
    top = y - SIZE * 0.6 * len(lines)
    widest = max(text_width(line, SIZE) for line in lines)
    boxes = [
        Box(tx - widest if left else tx, top, widest, SIZE * 1.2 * len(lines)),
        Box(x - DOT, y - DOT, 2 * DOT, 2 * DOT),
    ]
    kind = "contrast" if item.contrast else "related"
    node = (
        f'<a class="cg-node cg-node-{kind}" href="{links.href(here, concept_src(item.concept.id))}">'
        f"<title>{text(item.concept.term)} ({kind})</title>"
        f'<circle cx="{num(x)}" cy="{num(y)}" r="{DOT}" fill="currentColor"/>'
        f"{label(lines, tx, top + SIZE * 0.85, SIZE, 'end' if left else 'start')}</a>"
    )
    return node, boxes


def neighbourhood(concept: Concept, xref: CrossReferences, links: Links) -> tuple[str, list[Box]]:
    """The concept in the centre, neighbours in two columns, contrast edges dashed and marked;
    with the boxes its labels and dots cover (all inside the picture, none meeting another)."""
    here = concept_src(concept.id)
    items = neighbours(concept, xref)
    shown, hidden = items[:MAX_NEIGHBOURS], len(items) - MAX_NEIGHBOURS
    left_count = (len(shown) + 1) // 2
    rows = max(left_count, 1)
    height = rows * ROW + 40 + (18 if hidden > 0 else 0)
    words = max(text_width(word, CENTRE_SIZE) for word in concept.term.split() or [""])
    centre_width = min(max(CENTRE_WIDTH, words + 16), WIDTH / 2)
    room = WIDTH / 2 - centre_width / 2 - EDGE - LABEL_GAP - 2
    cx, cy = WIDTH / 2, 12 + rows * ROW / 2
    centre_lines = wrap(concept.term, CENTRE_SIZE, centre_width - 14, 3)
    box_h = CENTRE_SIZE * 1.2 * len(centre_lines) + 12
    centre_box = Box(cx - centre_width / 2, cy - box_h / 2, centre_width, box_h)
    body, boxes = [], [centre_box]
    for i, item in enumerate(shown):
        left = i < left_count
        row = i if left else i - left_count
        column_rows = left_count if left else len(shown) - left_count
        y = 12 + (rows - column_rows) * ROW / 2 + row * ROW + ROW / 2
        start = centre_box.x if left else centre_box.x + centre_width
        x = start - EDGE if left else start + EDGE
        bend = (start + x) / 2
        node, covered = _node(here, item, links, x, y, left, room)
        boxes += covered
        kind = "contrast" if item.contrast else "related"
        dash = ' stroke-dasharray="5 4"' if item.contrast else ""
        body.append(
            f'<path class="cg-edge cg-edge-{kind}" d="M{num(start)} {num(cy)} C{num(bend)} '
            f'{num(cy)} {num(bend)} {num(y)} {num(x)} {num(y)}" fill="none" '
            f'stroke="currentColor"{dash}/>'
        )
        if item.contrast:
            body.append(
                f'<text class="cg-edge-label" x="{num(x)}" y="{num(y + DOT + 10)}" '
                'font-size="10" text-anchor="middle" fill="currentColor">vs.</text>'
            )
        body.append(node)
    first = cy - box_h / 2 + 6 + CENTRE_SIZE * 0.95
    body.append(
        f'<g class="cg-centre" aria-current="page"><rect x="{num(centre_box.x)}" '
        f'y="{num(centre_box.y)}" width="{num(centre_width)}" height="{num(box_h)}" rx="8" '
        'fill="currentColor"/>'
        f"{label(centre_lines, cx, first, CENTRE_SIZE, 'middle')}</g>"
    )
    legend_y = height - 10
    if hidden > 0:
        body.append(
            f'<text class="cg-more" x="{num(cx)}" y="{num(legend_y - 18)}" font-size="12" '
            f'text-anchor="middle" fill="currentColor">+{hidden} more under Related concepts'
            "</text>"
        )
    body.append(_legend(legend_y))
    count = len(items)
    description = (
        f"{concept.term} and the {count} concepts it is related to or contrasted with; "
        "each is a link to its page. Dashed lines marked vs. are contrasts."
        if count
        else f"{concept.term} has no related or contrasted concepts yet."
    )
    return svg("map", WIDTH, height, f"Map of {concept.term}", description, body), boxes


def neighbourhood_svg(concept: Concept, xref: CrossReferences, links: Links) -> str:
    return neighbourhood(concept, xref, links)[0]


def _legend(y: float) -> str:
    return (
        f'<g class="cg-legend" font-size="11" fill="currentColor">'
        f'<path class="cg-edge cg-edge-related" d="M12 {num(y - 4)} h28" stroke="currentColor"/>'
        f'<text x="46" y="{num(y)}">related</text>'
        f'<path class="cg-edge cg-edge-contrast" d="M112 {num(y - 4)} h28" stroke="currentColor" '
        'stroke-dasharray="5 4"/>'
        f'<text x="146" y="{num(y)}">contrast (vs.)</text></g>'
    )


YEAR_SIZE = 12
LANE = 20
AXIS_MARGIN = 24


def _lane(boxes: list[list[Box]], box: Box) -> int:
    """The lowest lane where `box` meets no label already placed."""
    for lane, placed in enumerate(boxes):
        if not any(box.overlaps(other) for other in placed):
            return lane
    boxes.append([])
    return len(boxes) - 1


def year_marks(definitions: Sequence[Definition]) -> list[tuple[int, Definition, Box, bool]]:
    """(row number, definition, label box in lane units, label left of its mark)."""
    ordered = by_year(definitions)
    years = [d.claim.year for d in ordered]
    first, last = min(years) - 1, max(years) + 1
    span = WIDTH - 2 * AXIS_MARGIN
    lanes: list[list[Box]] = []
    marks = []
    for number, definition in enumerate(ordered, 1):
        x = AXIS_MARGIN + (definition.claim.year - first) / (last - first) * span
        words = f"{definition.claim.author} {definition.claim.year}"
        width = text_width(words, YEAR_SIZE) + 12
        left = x + width > WIDTH - 4
        box = Box(x - width if left else x - 4, 0, width, 1)
        lane = _lane(lanes, box)
        lanes[lane].append(box)
        marks.append((number, definition, Box(box.x, lane, box.width, 1), left))
    return marks


def timeline_svg(concept: Concept) -> str:
    """Each definition as a mark above its year, linked to its row in the table."""
    if not concept.definitions:
        return ""
    marks = year_marks(concept.definitions)
    lanes = max(int(box.y) for _, _, box, _ in marks) + 1
    axis = 16 + lanes * LANE + 8
    height = axis + 26
    years = [d.claim.year for _, d, _, _ in marks]
    first, last = min(years) - 1, max(years) + 1
    span = WIDTH - 2 * AXIS_MARGIN

    def at(year: int) -> float:
        return AXIS_MARGIN + (year - first) / (last - first) * span

    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 250) if (last - first) / s <= 8)
    body = [
        f'<path class="cg-axis" d="M{AXIS_MARGIN} {axis} H{WIDTH - AXIS_MARGIN}" '
        'stroke="currentColor"/>'
    ]
    for year in range(first + (-first) % step, last + 1, step):
        body.append(
            f'<path class="cg-tick" d="M{num(at(year))} {axis} v4" stroke="currentColor"/>'
            f'<text class="cg-tick-label" x="{num(at(year))}" y="{axis + 17}" font-size="11" '
            f'text-anchor="middle" fill="currentColor">{year}</text>'
        )
    for number, definition, box, left in marks:
        x = at(definition.claim.year)
        y = axis - 16 - box.y * LANE
        words = f"{definition.claim.author} {definition.claim.year}"
        tx = x - 8 if left else x + 8
        body.append(
            f'<a class="cg-year-mark" href="#{definition_anchor(number)}">'
            f"<title>{text(words)}: definition {number}</title>"
            f'<path d="M{num(x)} {num(y)} V{axis}" stroke="currentColor" class="cg-stem"/>'
            f'<circle cx="{num(x)}" cy="{num(y)}" r="4.5" fill="currentColor"/>'
            f"{label([words], tx, y + 4, YEAR_SIZE, 'end' if left else 'start')}</a>"
        )
    description = (
        f"The {len(marks)} definitions of {concept.term} by year, from {min(years)} to "
        f"{max(years)}; each mark links to its row in the table below."
    )
    return svg("years", WIDTH, height, f"Definitions of {concept.term} by year", description, body)
