"""Pictures of how terms connect: static SVG, made at build time, no JavaScript.

Colours come from the stylesheet (classes, ``currentColor``), so one picture reads in
the light and the dark scheme; every node is a link, reachable with the keyboard.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from lexikon.core.escape import svg_attr, svg_text


@dataclass(frozen=True)
class Node:
    """A term in the picture."""

    id: str
    label: str
    href: str
    tooltip: str = ""
    lang: str = ""
    name: str = ""
    """The node's whole name where ``label`` shows it shortened (an article's title): what a
    screen reader says and the tooltip begins with."""


@dataclass(frozen=True)
class Edge:
    """A link between two terms, by the nodes' ids."""

    source: str
    target: str
    kind: str = "link"
    """``link`` (source links to target), ``backlink``, ``related``, ``broader`` (target is
    the broader concept) or ``narrower``: a CSS class."""


MAX_NODES = 60
"""Beyond this a circle of labels is unreadable: the best-connected terms are shown."""


def neighbourhood_svg(center: Node, neighbours: Sequence[tuple[Node, str]], label: str) -> str:
    """The term in the middle, each neighbour on a circle around it, joined by its edge."""
    count = len(neighbours)
    radius = (110 if count > 2 else 170) if count > 1 else 0
    width, height = 560, 300 if count > 2 else 120
    cx, cy = width / 2, height / 2
    placed = [(node, kind, _on_circle(cx, cy, radius, i, count, offset=-90 if count > 2 else 0))
              for i, (node, kind) in enumerate(neighbours)]
    if count == 1:
        placed = [(placed[0][0], placed[0][1], (cx + 170, cy))]
        cx -= 90
    edges = "".join(
        f'<line class="lexikon-edge lexikon-edge--{kind}" x1="{cx:.1f}" y1="{cy:.1f}" '
        f'x2="{x:.1f}" y2="{y:.1f}"/>' for _, kind, (x, y) in placed
    )
    nodes = _node(center, cx, cy, center=True) + "".join(
        _node(node, x, y, side=_side(x, cx)) for node, _, (x, y) in placed
    )
    where = {"": (cx, cy), **{str(i): xy for i, (_, _, xy) in enumerate(placed)}}
    shown = [center, *(node for node, _, _ in placed)]
    bounds = _bounds(shown, where, _spans(center, cx, placed))
    for _ in range(2):  # labels grow on a phone as the picture shrinks: room for them there
        # too, or a long one is cut at the picture's edge
        phone_scale = max(LABEL_PX, 12 * bounds[0] / PHONE_WIDTH) / LABEL_PX
        bounds = _bounds(shown, where, _spans(center, cx, placed, phone_scale))
    return _svg_at(*bounds, label, edges + nodes)


def _spans(center: Node, cx: float, placed: list, scale: float = 1.0) -> list[tuple[float, float]]:
    return [_label_span(center, cx, 0, scale)] + [
        _label_span(node, x, _side(x, cx), scale) for node, _, (x, _) in placed]


def _side(x: float, cx: float) -> int:
    """Where a neighbour's label goes: beside its circle, away from the middle (-1 left, 1
    right), or below it (0) straight above or under the middle. Centred below a node left or
    right of the middle, a long label (an article's title) ran into the middle's own."""
    return -1 if x < cx - 1 else 1 if x > cx + 1 else 0


def _label_span(node: Node, x: float, side: int, scale: float = 1.0) -> tuple[float, float]:
    """The label's horizontal extent (13 px letters, ~7.5 px wide, and a margin), ``scale``
    times that."""
    width = (len(node.label) * 7.5 + 24) * scale
    if side == 0:
        return x - width / 2, x + width / 2
    return (x - width, x + 12) if side < 0 else (x - 12, x + width)


def lexicon_svg(nodes: Sequence[Node], edges: Sequence[Edge], label: str) -> str:
    """Every term on one circle, each link a chord: the shape of the whole lexicon."""
    degree = {node.id: 0 for node in nodes}
    for edge in edges:
        for end in (edge.source, edge.target):
            if end in degree:
                degree[end] += 1
    shown = sorted(nodes, key=lambda n: -degree[n.id])[:MAX_NODES]
    shown_ids = {node.id for node in shown}
    order = [node for node in nodes if node.id in shown_ids]
    count = len(order)
    radius = 90 + 9 * count if count > 2 else 80
    cx = cy = radius
    where = {node.id: _on_circle(cx, cy, radius, i, count, offset=-90) for i, node in enumerate(order)}
    lines = "".join(
        f'<line class="lexikon-edge lexikon-edge--{edge.kind}" x1="{where[edge.source][0]:.1f}" '
        f'y1="{where[edge.source][1]:.1f}" x2="{where[edge.target][0]:.1f}" '
        f'y2="{where[edge.target][1]:.1f}"/>'
        for edge in edges if edge.source in where and edge.target in where
    )
    circles = "".join(_node(node, *where[node.id]) for node in order)
    return _svg_at(*_bounds(order, where), label, lines + circles)


def _bounds(nodes: Sequence[Node], where: dict[str, tuple[float, float]],
            spans: Sequence[tuple[float, float]] = ()) -> tuple[float, ...]:
    """Width, height and origin of the box around the circles and their labels (below
    each, centred, unless ``spans`` gives each label's extent): no empty band above the
    picture, none beside it."""
    if not where:
        return 160, 40, 0, 0
    half_label = max(len(node.label) for node in nodes) * 4 + 12  # 13 px letters, ~7.5 px wide
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    left, right = min(xs) - half_label, max(xs) + half_label
    if spans:
        left, right = min(lo for lo, _ in spans), max(hi for _, hi in spans)
    top = min(ys) - 12
    return right - left, max(ys) + 30 - top, left, top


def _on_circle(cx: float, cy: float, radius: float, index: int, count: int,
               offset: float = 0) -> tuple[float, float]:
    angle = math.radians(offset + 360 * index / max(count, 1))
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _node(node: Node, x: float, y: float, center: bool = False, side: int = 0) -> str:
    css = "lexikon-node lexikon-node--center" if center else "lexikon-node"
    text_x, text_y = (x + 12 * side, y + 4.5) if side else (x, y + (24 if center else 20))
    anchor = {-1: "end", 0: "middle", 1: "start"}[side]
    lang = f' lang="{svg_attr(node.lang)}"' if node.lang else ""
    aria, tooltip, label = _named(node.name or node.label, node.tooltip, node.label)
    return (
        f'<a class="{css}" href="{svg_attr(node.href)}" aria-label="{aria}"{lang}>'
        f"{tooltip}"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{9 if center else 6}"/>'
        f'<text x="{text_x:.1f}" y="{text_y:.1f}" text-anchor="{anchor}">'
        f"{label}</text></a>"
    )


@functools.lru_cache(maxsize=4096)
def _named(name: str, tooltip: str, label: str) -> tuple[str, str, str]:
    """A node's name, tooltip and label escaped: each term stands in a dozen neighbourhoods
    on average, its summary escaped again in each (bounded: titles and summaries are short)."""
    title = f"<title>{svg_text(name)}: {svg_text(tooltip)}</title>" if tooltip else ""
    return svg_attr(name), title, svg_text(label)


PHONE_WIDTH = 358
"""The content's width on a phone (390 px less Material's margins), in CSS pixels."""
LABEL_PX = 13
"""A label's size at the picture's own scale; on a phone, at least 12 px after shrinking."""


def _svg_at(width: float, height: float, left: float, top: float, label: str, content: str) -> str:
    """The picture at its own size (never blown up), shrunk to fit narrow screens; on a phone
    its labels grow by as much as it shrinks (the stylesheet reads ``--lexikon-phone-label``)."""
    phone = max(LABEL_PX, round(12 * width / PHONE_WIDTH))
    return (
        f'<svg class="lexikon-graph" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" style="--lexikon-phone-label: {phone}px" '
        f'aria-label="{svg_attr(label)}" xmlns="http://www.w3.org/2000/svg">{content}</svg>'
    )
