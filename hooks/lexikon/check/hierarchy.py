"""``broader`` chains that come back to where they started (a → b → a): a concept cannot be
more general than itself, and every page and export that walks the chain would walk forever.
And ``related`` items that name a concept above or below the entry in that hierarchy.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

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


def check_related_apart(reports: Iterable[FileReport], findings: list[Finding],
                        known: Container[str] | None = None) -> None:
    """A warning at each ``related`` item naming a broader or narrower concept of its entry, at
    any depth: SKOS keeps the two apart (its integrity condition S27, which the SKOS export's
    shapes check), and a reader is shown the same concept twice. ``known``: the glossary's ids
    (by default those of ``reports``, which must hold every entry with ``broader`` items)."""
    reports = sorted(reports, key=lambda report: report.path)
    known = {report.id for report in reports} if known is None else known
    links = {report.id: [ref[1] for ref in report.references if ref[0] == "broader" and ref[1] in known]
             for report in reports}
    above: dict[str, set[str]] = {}
    for report in reports:
        for ref in map(Reference._make, report.references):
            if ref.kind != "related" or ref.target not in known or ref.target == report.id:
                continue
            if ref.target in _above(report.id, links, above):
                how = "broader"
            elif report.id in _above(ref.target, links, above):
                how = "narrower"
            else:
                continue
            findings.append(Finding(report.path, ref.line, ref.col, Severity.WARNING,
                                    f"'related' names '{ref.target}', a {how} concept of this entry "
                                    "(through 'broader'): a concept is either in the hierarchy or "
                                    "related, not both; remove it from 'related'"))


def _above(entry_id: str, links: dict[str, list[str]], known: dict[str, set[str]]) -> set[str]:
    """Every concept ``entry_id``'s ``broader`` chains reach (remembered in ``known``)."""
    found = known.get(entry_id)
    if found is None:
        found, todo = set(), list(links.get(entry_id, ()))
        while todo:
            target = todo.pop()
            if target not in found:
                found.add(target)
                todo.extend(links.get(target, ()))
        known[entry_id] = found
    return found


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
