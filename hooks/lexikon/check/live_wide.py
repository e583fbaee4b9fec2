"""The checks across entries (:func:`~lexikon.check.glossary_wide.combine`'s names that
resolve, titles shared or looking alike, deprecated terms in use and used, ``broader``
circles), kept per group while the accepted entries change a few at a time.

Each finding depends on a known part of the glossary: a reference on whether its target
exists, a shared title on the entries with that title, a deprecated term on the entries that
use that name, a use of a deprecated term on the entry's text and the glossary's terms.
:class:`WideState` keeps the findings per such part and, told which entries changed, works out
only the parts they touch, with the same functions the full check uses: the union of its
parts is the full check's, finding for finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from lexikon.check import hierarchy, term_use, terminology, titles
from lexikon.check.glossary_wide import check_references
from lexikon.core.model import FileReport, Finding, NameUse, Tag, TitleUse
from lexikon.core.settings import Settings

Key = tuple[str, str]
"""(language, folded title or name)."""
Member = tuple[FileReport, int]
"""An entry and the index of one of its titles (or names) in its report."""
Change = tuple[str, FileReport | None, FileReport | None]
"""An accepted entry's id, its report before and after (None: not accepted then)."""


class WideState:
    """The glossary-wide findings of the accepted entries, by the part they depend on."""

    def __init__(self, tags: Mapping[str, Tag], settings: Settings) -> None:
        self.tags, self.settings = tags, settings
        self.accepted: Mapping[str, FileReport] = {}
        self.position: Mapping[str, int] = {}
        self.refs: dict[str, list[Finding]] = {}
        self.naming: defaultdict[str, set[str]] = defaultdict(set)
        """Each id (not tag) an entry names → the entries that name it."""
        self.unresolved: set[str] = set()
        """Entries naming an id that is not there: their advice weighs every id."""
        self.titles: defaultdict[Key, list[Member]] = defaultdict(list)
        self.names: defaultdict[Key, list[Member]] = defaultdict(list)
        self.shared: dict[Key, list[Finding]] = {}
        self.clashes: dict[Key, list[Finding]] = {}
        self.foreign = 0
        """Entries whose titles have letters of other scripts: look-alikes are sought then."""
        self.skeletons: defaultdict[Key, set[Key]] | None = None
        self.looks: dict[Key, list[Finding]] = {}
        self.deprecating: dict[str, FileReport] = {}
        self.terms: dict[str, list[term_use.Deprecated]] = {}
        self.by_lang: dict[str, term_use.Matcher] = {}
        self.uses: dict[str, list[Finding]] = {}
        self.matched: dict[str, set[term_use.Deprecated]] = {}
        """Each entry's deprecated terms used: what its findings there name."""
        self.broader: dict[str, FileReport] = {}
        """The entries with ``broader`` items: only these can be on a circle."""
        self.cycles: list[Finding] = []
        self.relating: dict[str, FileReport] = {}
        """The entries with ``related`` items: only these can name their own hierarchy there."""
        self.apart: list[Finding] = []

    def findings(self) -> Iterator[Finding]:
        for parts in (self.refs, self.shared, self.looks, self.clashes, self.uses):
            for found in parts.values():
                yield from found
        yield from self.cycles
        yield from self.apart

    def update(self, changes: list[Change], came_or_went: set[str], accepted: Mapping[str, FileReport],
               position: Mapping[str, int], known: Mapping[str, int]) -> None:
        """Work out again what ``changes`` touch; ``came_or_went``: the ids that are now known
        and were not, or the other way round (``known``: every file's id)."""
        self.accepted, self.position = accepted, position
        keys: set[Key] = set()
        named = {entry_id for entry_id, _, _ in changes}
        for _, before, after in changes:
            for report, sign in ((before, -1), (after, 1)):
                if report is not None:
                    keys |= self._index(report, sign)
        named |= {entry_id for target in came_or_went for entry_id in self.naming.get(target, ())}
        if came_or_went:
            named |= self.unresolved
        self._references(named, known)
        self._titles(keys)
        self._deprecated(changes, keys)
        if any(_broader(before) != _broader(after) for _, before, after in changes):
            self.cycles = []  # only an entry with ``broader`` items can be on a circle
            hierarchy.check_cycles(self.broader.values(), self.cycles)
        if came_or_went or any(_hierarchy(before) != _hierarchy(after) for _, before, after in changes):
            self.apart = []
            both = {**self.broader, **self.relating}
            hierarchy.check_related_apart(both.values(), self.apart, self.accepted)

    def _index(self, report: FileReport, sign: int) -> set[Key]:
        """Put ``report`` into the indexes (``sign`` 1) or take it out (-1); the keys it touches."""
        adding = sign > 0
        for target in {ref[1] for ref in report.references if ref[0] != "tag"}.union(report.links):
            (self.naming[target].add if adding else self.naming[target].discard)(report.id)
        keys: set[Key] = set()
        for index, found in ((self.titles, report.titles), (self.names, report.names)):
            offset = 0 if index is self.titles else 1  # (lang, key) of a title, (kind, lang, key) of a name
            for number, use in enumerate(found):
                key = (use[offset], use[offset + 1])
                keys.add(key)
                if adding:
                    index[key].append((report, number))
                else:
                    index[key] = [member for member in index[key] if member[0] is not report]
                    if not index[key]:
                        del index[key]
        self.foreign += sign * titles.has_foreign_letters(report)
        _place(self.broader, report, adding and bool(_broader(report)[1]))
        _place(self.deprecating, report, adding and _deprecates(report))
        _place(self.relating, report, adding and bool(_hierarchy(report)[2]))
        self.uses.pop(report.id, None)
        self.matched.pop(report.id, None)
        return keys

    def _references(self, named: Iterable[str], known: Mapping[str, int]) -> None:
        for entry_id in named:
            report = self.accepted.get(entry_id)
            self.unresolved.discard(entry_id)
            if report is None:
                self.refs.pop(entry_id, None)
                continue
            found: list[Finding] = []
            check_references(report, known, self.tags, found, self.settings)
            self.refs[entry_id] = found
            if any(ref[0] != "tag" and ref[1] not in known for ref in report.references) or any(
                    target not in known for target in report.links):
                self.unresolved.add(entry_id)

    def _sorted(self, members: list[Member]) -> list[Member]:
        return sorted(members, key=lambda member: (self.position[member[0].path], member[1]))

    def _titles(self, keys: set[Key]) -> None:
        """Shared titles of ``keys``; look-alikes of their looks (of all, when the glossary's
        titles just came to have letters of other scripts)."""
        for key in keys:
            group = [(report, TitleUse._make(report.titles[number]))
                     for report, number in self._sorted(self.titles.get(key, []))]
            _set(self.shared, key, titles.shared_titles(group) if group else [])
        if self.foreign <= 0:
            self.skeletons, self.looks = None, {}
            return
        if self.skeletons is None:
            self.skeletons, self.looks, keys = defaultdict(set), {}, set(self.titles)
        looks = set()
        for lang, key in keys:
            look = (lang, titles.skeleton(key))
            looks.add(look)
            same_look = self.skeletons[look]
            (same_look.add if (lang, key) in self.titles else same_look.discard)((lang, key))
        for look in looks:
            firsts = sorted((self._sorted(self.titles[key])[0] for key in self.skeletons[look]),
                            key=lambda member: (self.position[member[0].path], member[1]))
            placed = [(report, TitleUse._make(report.titles[number])) for report, number in firsts]
            _set(self.looks, look, titles.look_alikes(placed) if placed else [])

    def _deprecated(self, changes: list[Change], keys: set[Key]) -> None:
        """Deprecated terms that are names in use (per name), the terms to look for, and their
        uses in every entry whose text or whose terms changed."""
        deprecated = {key for key in keys if any(self.names_of(key, deprecated=True))}
        for key in keys:
            group = self.names_of(key)
            found = []
            if key in deprecated:
                found = terminology.deprecated_clashes(
                    [(report.path, TitleUse._make(report.titles[number]))
                     for report, number in self._sorted(self.titles.get(key, []))], group)
            _set(self.clashes, key, found)
        if deprecated or any(_deprecates(report) for _, *reports in changes for report in reports):
            self._terms()
        for entry_id, report in self.accepted.items() if self.by_lang else ():
            if entry_id not in self.uses:
                self.matched[entry_id] = matched = set()
                self.uses[entry_id] = [] if report.entry is None else term_use.entry_uses(
                    report.entry, self.by_lang, matched)

    def names_of(self, key: Key, deprecated: bool | None = None) -> list[tuple[str, NameUse]]:
        """The names ``key`` of the accepted entries (deprecated ones or others: ``deprecated``)."""
        group = [(report.path, NameUse._make(report.names[number]))
                 for report, number in self._sorted(self.names.get(key, []))]
        return [item for item in group if deprecated is None or (item[1].kind == "deprecated") == deprecated]

    def _terms(self) -> None:
        reports = sorted(self.deprecating.values(), key=lambda report: self.position[report.path])
        wanted = {(name[1], name[2]) for report in reports for name in report.names
                  if name[0] == "deprecated"}
        in_use = {key for key in wanted if key in self.titles or self.names_of(key, deprecated=False)}
        terms = term_use.deprecated_terms(reports, in_use)
        if terms == self.terms:
            return
        by_lang = term_use.matchers_of(terms)
        renamed = _renamed(self.by_lang, by_lang)
        self.terms, self.by_lang = terms, by_lang
        for entry_id in list(self.uses) if renamed is None else [
                entry_id for entry_id, used in self.matched.items() if not used.isdisjoint(renamed)]:
            self.uses.pop(entry_id)
            self.matched.pop(entry_id)


def _renamed(before: dict[str, term_use.Matcher], after: dict[str, term_use.Matcher]) -> set | None:
    """The terms of ``before`` that ``after`` no longer finds, or finds but tells of otherwise (a
    new preferred title, another entry): only the texts that used them change. None when
    ``after`` finds words ``before`` did not: every text is searched again.

    A text that used none of these terms gives the same uses: the matcher tries the words in
    one fixed order at each place, so a word taken away changes only the places it won."""
    renamed = set()
    for lang, old in before.items():
        new = after.get(lang)
        forms = {} if new is None else new.forms
        renamed |= {term for form, term in old.forms.items() if forms.get(form) != term}
    if any(form not in before[lang].forms if lang in before else True
           for lang, matcher in after.items() for form in matcher.forms):
        return None
    return renamed


def _broader(report: FileReport | None) -> tuple[str, list]:
    """What the circles found depend on of an entry: its path and its ``broader`` items."""
    refs = [] if report is None else [ref for ref in report.references if ref[0] == "broader"]
    return (report.path, refs) if report is not None and refs else ("", [])


def _hierarchy(report: FileReport | None) -> tuple[str, list, list]:
    """What ``related`` items naming the hierarchy depend on of an entry: path, ``broader``, ``related``."""
    if report is None:
        return ("", [], [])
    refs = report.references
    return (report.path, [ref for ref in refs if ref[0] == "broader"],
            [ref for ref in refs if ref[0] == "related"])


def _deprecates(report: FileReport | None) -> bool:
    return report is not None and any(name[0] == "deprecated" for name in report.names)


def _place(index: dict[str, FileReport], report: FileReport, keep: bool) -> None:
    if keep:
        index[report.id] = report
    else:
        index.pop(report.id, None)


def _set(parts: dict[Key, list[Finding]], key: Key, found: list[Finding]) -> None:
    if found:
        parts[key] = found
    else:
        parts.pop(key, None)
