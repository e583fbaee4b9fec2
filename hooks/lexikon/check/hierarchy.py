"""``broader`` chains that come back to where they started (a → b → a): a concept cannot be
more general than itself, and every page and export that walks the chain would walk forever.
"""

from __future__ import annotations

from collections.abc import Iterable

from lexikon.core.model import FileReport, Finding, Reference, Severity


def check_cycles(reports: Iterable[FileReport], findings: list[Finding]) -> None:
    """One error per cycle of ``broader`` links, at the broader item of its first entry (in
    path order) that leads on around the cycle. Entries on one knot of several cycles get
    one finding for the knot: breaking one link at a time shows the rest."""
    reports = sorted(reports, key=lambda report: report.path)
    by_id = {report.id: report for report in reports}
    links: dict[str, list[Reference]] = {
        report.id: [Reference._make(ref) for ref in report.references  # (kind, target, …)
                    if ref[0] == "broader" and ref[1] in by_id] for report in reports}
    for knot in _knots(links):
        first = min((by_id[node] for node in knot), key=lambda report: report.path)
        cycle = _cycle_from(first.id, links, knot)
        step = next(ref for ref in links[first.id] if ref.target == cycle[1])
        chain = " → ".join([*cycle, cycle[0]])
        findings.append(Finding(first.path, step.line, step.col, Severity.ERROR,
                                f"'broader' goes round in a circle: {chain}; a concept cannot be "
                                "broader than itself: remove one of these links"))


def _knots(links: dict[str, list[Reference]]) -> list[set[str]]:
    """The strongly connected groups of more than one id (Tarjan's algorithm, without
    recursion: a chain of thousands of entries must not hit Python's limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    knots: list[set[str]] = []
    for root in links:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = links[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position].target
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                knot = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    knot.add(member)
                    if member == node:
                        break
                if len(knot) > 1:
                    knots.append(knot)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return knots


def _cycle_from(start: str, links: dict[str, list[Reference]], knot: set[str]) -> list[str]:
    """The ids of a cycle through ``start`` (``start`` first) inside its ``knot``: a
    depth-first walk, each id entered once (every member of a knot leads back)."""
    path: list[str] = [start]
    position: list[int] = [0]
    seen = {start}
    while path:
        node = path[-1]
        targets = links.get(node, [])
        if position[-1] >= len(targets):
            path.pop()
            position.pop()
            continue
        target = targets[position[-1]].target
        position[-1] += 1
        if target == start:
            return list(path)
        if target not in seen and target in knot:
            seen.add(target)
            path.append(target)
            position.append(0)
    raise AssertionError("a knot always holds a cycle through each member")
