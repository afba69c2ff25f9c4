"""The Map page: the whole glossary as groups of concepts that name each other.

networkx finds the groups (Louvain communities over related and contrast links, seeded, so
the same glossary always gives the same groups) and lays out each one (spring layout, seeded).
Labels are then pushed apart, in a fixed order, until no label box meets another or a node, and
the groups are packed in rows. Past `LABEL_LIMIT` concepts a picture of every label helps no
one: the map then shows one bubble per group, and the lists below it name every concept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from citegloss.render.concept import concept_src
from citegloss.render.crossref import CrossReferences
from citegloss.render.html import Links, text
from citegloss.render.svg import Box, label, num, svg, text_width

if TYPE_CHECKING:
    import networkx as nx

MAP_PAGE = "map.md"
WIDTH = 720
SIZE = 12
DOT = 5
PAD = 14
#: Above this many concepts the map draws groups, not concepts.
LABEL_LIMIT = 150
SEED = 0
#: Louvain's resolution: a little above 1 gives more, smaller groups; on this glossary 1.0 put
#: organizational learning and the learning organization in one group, 1.2 gives each its family.
RESOLUTION = 1.2


@dataclass(frozen=True, slots=True)
class Placed:
    """A concept on the map: its dot, and the box of its dot and label together."""

    concept_id: str
    x: float
    y: float
    box: Box


def concept_graph(xref: CrossReferences) -> nx.Graph:
    # networkx is imported where it is used: it takes a tenth of a second, and `citegloss
    # check` imports the renderer without drawing any map.
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(c.id for c in xref.concepts)
    for concept in xref.concepts:
        graph.add_edges_from(
            (concept.id, other, {"weight": 1}) for other in xref.related.get(concept.id, ())
        )
        for view in xref.contrasts.get(concept.id, ()):
            graph.add_edge(concept.id, view.other, weight=2)
    return graph


def groups(xref: CrossReferences, graph: nx.Graph) -> list[list[str]]:
    """Communities, largest first, each listed hub first (most links), then by term."""
    import networkx as nx  # see concept_graph

    order = {c.id: i for i, c in enumerate(xref.concepts)}
    # Louvain walks sets of nodes: integer nodes hash alike in every run, strings do not.
    numbered = nx.relabel_nodes(graph, order)
    ids = [c.id for c in xref.concepts]
    found = [
        {ids[i] for i in g}
        for g in nx.community.louvain_communities(
            numbered, weight="weight", seed=SEED, resolution=RESOLUTION
        )
    ]

    def inside(c: str, group: set[str]) -> int:
        return sum(d["weight"] for o, d in graph[c].items() if o in group)

    ranked = [sorted(g, key=lambda c: (-inside(c, g), order[c])) for g in found]
    return sorted(ranked, key=lambda g: (-len(g), order[g[0]]))


def _unit(x: float, y: float, term: str) -> Box:
    return Box(x - DOT, y - SIZE * 0.7, 2 * DOT + 4 + text_width(term, SIZE), SIZE * 1.4)


def layout_group(xref: CrossReferences, graph: nx.Graph, members: list[str]) -> list[Placed]:
    """One group's concepts, spread by a spring layout, labels pushed down until free."""
    import networkx as nx  # see concept_graph

    terms = xref.glossary.concepts
    # A subgraph view iterates a set of nodes: build the group's graph in a fixed order instead.
    index = {c: i for i, c in enumerate(sorted(members))}
    numbered = nx.Graph()
    numbered.add_nodes_from(range(len(index)))
    numbered.add_edges_from(
        sorted((index[a], index[b]) for a, b in graph.edges(sorted(members)) if b in index)
    )
    spring = nx.spring_layout(numbered, seed=SEED)
    positions = {c: spring[i] for c, i in index.items()}
    xs = [float(positions[c][0]) for c in members]
    ys = [float(positions[c][1]) for c in members]
    widest = max(_unit(0, 0, terms[c].term).width for c in members)
    across = WIDTH - 2 * PAD - widest - DOT
    down = 70 * len(members) ** 0.5

    def spread(value: float, low: float, high: float, length: float) -> float:
        return (value - low) / (high - low) * length if high > low else length / 2

    placed: list[Placed] = []
    order = sorted(members, key=lambda c: (round(positions[c][1], 3), round(positions[c][0], 3)))
    for cid in order:
        x = DOT + spread(float(positions[cid][0]), min(xs), max(xs), across)
        y = spread(float(positions[cid][1]), min(ys), max(ys), down)
        box = _unit(x, y, terms[cid].term)
        while any(box.overlaps(p.box) for p in placed):
            y += 4
            box = _unit(x, y, terms[cid].term)
        placed.append(Placed(cid, x, y, box))
    left = min(p.box.x for p in placed)
    top = min(p.box.y for p in placed)
    return [
        Placed(
            p.concept_id,
            p.x - left,
            p.y - top,
            Box(p.box.x - left, p.box.y - top, p.box.width, p.box.height),
        )
        for p in placed
    ]


def group_name(xref: CrossReferences, members: list[str]) -> str:
    """Named for its hub: the concept most of the group's links meet in (`groups` lists it first)."""
    return f"{xref.glossary.concepts[members[0]].term} family"


def group_anchor(number: int) -> str:
    return f"group-{number}"


@dataclass(frozen=True, slots=True)
class GlossaryMap:
    """What the Map page draws: every concept's place, or (for large glossaries) none."""

    groups: list[list[str]]
    placed: dict[str, Placed]
    #: Group frames (titles included) in map coordinates, in group order.
    frames: list[Box]
    height: float

    def label_boxes(self) -> list[Box]:
        return [p.box for p in self.placed.values()]


def layout_map(xref: CrossReferences) -> GlossaryMap:
    graph = concept_graph(xref)
    found = groups(xref, graph)
    if len(xref.concepts) > LABEL_LIMIT:
        return GlossaryMap(found, {}, [], 0)
    placed: dict[str, Placed] = {}
    frames: list[Box] = []
    x = y = row_height = 0.0
    for members in found:
        layout = layout_group(xref, graph, members)
        title_width = text_width(group_name(xref, members), SIZE + 2)
        width = max(max(p.box.x + p.box.width for p in layout), title_width) + 2 * PAD
        height = max(p.box.y + p.box.height for p in layout) + 2 * PAD + 24
        if x > 0 and x + width > WIDTH:
            x, y, row_height = 0.0, y + row_height + PAD, 0.0
        frames.append(Box(x, y, width, height))
        for p in layout:
            dx, dy = x + PAD, y + PAD + 24
            box = Box(p.box.x + dx, p.box.y + dy, p.box.width, p.box.height)
            placed[p.concept_id] = Placed(p.concept_id, p.x + dx, p.y + dy, box)
        x += width + PAD
        row_height = max(row_height, height)
    return GlossaryMap(found, placed, frames, y + row_height)


def _concept_map(xref: CrossReferences, layout: GlossaryMap, links: Links) -> str:
    terms = xref.glossary.concepts
    body = []
    for number, (members, frame) in enumerate(zip(layout.groups, layout.frames, strict=True), 1):
        body.append(
            f'<g class="cg-group cg-group-{(number - 1) % 6}"><rect x="{num(frame.x)}" y="{num(frame.y)}" '
            f'width="{num(frame.width)}" height="{num(frame.height)}" rx="10" fill="currentColor"/>'
            f"{label([group_name(xref, members)], frame.x + PAD, frame.y + PAD + 10, SIZE + 2)}</g>"
        )
    group_of = {c: n for n, members in enumerate(layout.groups) for c in members}
    drawn = set()
    for cid, p in layout.placed.items():
        for other in xref.related.get(cid, ()):
            if (other, cid) in drawn:
                continue
            drawn.add((cid, other))
            q = layout.placed[other]
            between = " cg-edge-between" if group_of[cid] != group_of[other] else ""
            body.append(
                f'<path class="cg-edge cg-edge-related{between}" d="M{num(p.x)} {num(p.y)} L{num(q.x)} {num(q.y)}" stroke="currentColor"/>'
            )
        for view in xref.contrasts.get(cid, ()):
            if view.declared_in == cid:
                q = layout.placed[view.other]
                body.append(
                    f'<path class="cg-edge cg-edge-contrast" d="M{num(p.x)} {num(p.y)} L{num(q.x)} {num(q.y)}" '
                    'stroke="currentColor" stroke-dasharray="5 4"/>'
                )
    for cid, p in layout.placed.items():
        term = terms[cid].term
        body.append(
            f'<a class="cg-node" href="{links.href(MAP_PAGE, concept_src(cid))}"><title>{text(term)}</title>'
            f'<circle cx="{num(p.x)}" cy="{num(p.y)}" r="{DOT}" fill="currentColor"/>'
            f"{label([term], p.x + DOT + 4, p.y + SIZE * 0.35, SIZE)}</a>"
        )
    description = (
        f"{len(terms)} concepts in {len(layout.groups)} groups of concepts that name each other; "
        "solid lines are related concepts, dashed lines contrasts. Each concept is a link."
    )
    return svg("glossary-map", WIDTH, layout.height, "Map of the glossary", description, body)


def _group_map(xref: CrossReferences, layout: GlossaryMap, links: Links) -> str:
    """One bubble per group, in a grid, each linked to its list below."""
    columns, cell = 4, WIDTH / 4
    body = []
    for number, members in enumerate(layout.groups, 1):
        cx = cell * ((number - 1) % columns) + cell / 2
        cy = 110 * ((number - 1) // columns) + 55
        radius = min(40.0, 8 + len(members) ** 0.5)
        name = group_name(xref, members)
        lines = [
            name
            if text_width(name, SIZE) < cell - 16
            else name[: int((cell - 16) / (SIZE * 0.62)) - 1] + "…",
            f"{len(members)} concepts",
        ]
        body.append(
            f'<a class="cg-node" href="#{group_anchor(number)}"><title>{text(name)}: {len(members)} concepts</title>'
            f'<circle cx="{num(cx)}" cy="{num(cy - 12)}" r="{num(radius)}" fill="currentColor"/>'
            f"{label(lines, cx, cy + radius, SIZE, 'middle')}</a>"
        )
    height = 110 * ((len(layout.groups) + columns - 1) // columns)
    description = f"{len(xref.concepts)} concepts in {len(layout.groups)} groups; each bubble links to its group's list."
    return svg("glossary-map", WIDTH, height, "Map of the glossary, by group", description, body)


def map_page(xref: CrossReferences, links: Links) -> str:
    """The picture, then every group as a list of links (what a screen reader reads)."""
    layout = layout_map(xref)
    picture = (
        _concept_map(xref, layout, links) if layout.placed else _group_map(xref, layout, links)
    )
    blocks = [
        "<h1>Map</h1>",
        f'<p class="cg-lead">{len(xref.concepts)} concepts, grouped by the related concepts and '
        "contrasts their pages name. Each concept's page has a map of its own neighbourhood.</p>",
        f'<div class="cg-map-wrap">{picture}</div>',
    ]
    for number, members in enumerate(layout.groups, 1):
        items = "".join(
            f'<li><a href="{links.href(MAP_PAGE, concept_src(c))}">{text(xref.glossary.concepts[c].term)}</a></li>'
            for c in members
        )
        blocks.append(
            f'<h2 id="{group_anchor(number)}">{text(group_name(xref, members))}</h2>'
            f'<ul class="cg-group-list">{items}</ul>'
        )
    return "\n\n".join(blocks) + "\n"
