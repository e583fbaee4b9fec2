"""Pictures of how terms connect: static SVG, made at build time, no JavaScript.

Colours come from the stylesheet (classes, ``currentColor``), so one picture reads in
the light and the dark scheme; every node is a link, reachable with the keyboard.
"""

from __future__ import annotations

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
        _node(node, x, y) for node, _, (x, y) in placed
    )
    where = {"": (cx, cy), **{str(i): xy for i, (_, _, xy) in enumerate(placed)}}
    shown = [center, *(node for node, _, _ in placed)]
    return _svg_at(*_bounds(shown, where), label, edges + nodes)


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


def _bounds(nodes: Sequence[Node], where: dict[str, tuple[float, float]]) -> tuple[float, ...]:
    """Width, height and origin of the box around the circles and their labels (below
    each, centred): no empty band above the picture, none beside it."""
    if not where:
        return 160, 40, 0, 0
    half_label = max(len(node.label) for node in nodes) * 4 + 12  # 13 px letters, ~7.5 px wide
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    left, top = min(xs) - half_label, min(ys) - 12
    return max(xs) + half_label - left, max(ys) + 30 - top, left, top


def _on_circle(cx: float, cy: float, radius: float, index: int, count: int,
               offset: float = 0) -> tuple[float, float]:
    angle = math.radians(offset + 360 * index / max(count, 1))
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _node(node: Node, x: float, y: float, center: bool = False) -> str:
    css = "lexikon-node lexikon-node--center" if center else "lexikon-node"
    lang = f' lang="{svg_attr(node.lang)}"' if node.lang else ""
    tooltip = f"<title>{svg_text(node.label)}: {svg_text(node.tooltip)}</title>" if node.tooltip else ""
    return (
        f'<a class="{css}" href="{svg_attr(node.href)}" aria-label="{svg_attr(node.label)}"{lang}>'
        f"{tooltip}"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{9 if center else 6}"/>'
        f'<text x="{x:.1f}" y="{y + (24 if center else 20):.1f}" text-anchor="middle">'
        f"{svg_text(node.label)}</text></a>"
    )


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
