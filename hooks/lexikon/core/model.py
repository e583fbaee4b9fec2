"""Plain records passed between the stages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter
from typing import NamedTuple

from lexikon.core.escape import terminal


class Severity(str, Enum):
    """How bad a finding is; errors fail every build, warnings only strict ones."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem (or change) at one place in one entry file."""

    path: str
    """Path of the file, relative to the project (the folder of ``mkdocs.yml``)."""
    line: int
    """1-based line."""
    col: int
    """1-based column."""
    severity: Severity
    message: str

    def __str__(self) -> str:
        return terminal(f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}")


FINDING_ORDER = attrgetter("path", "line", "col", "severity", "message")
"""The order of findings (that of their fields), as a key compared at C speed: a run
may sort thousands of them."""


@dataclass(frozen=True)
class Span:
    """Where a value stands in its file, with its raw source to find words inside it."""

    path: str
    line: int
    """1-based line of the value's first character."""
    col: int
    """1-based column of the value's first character."""
    raw: str = ""
    """The value as written in the file (quotes, indentation and all)."""

    def locate(self, needle: str, occurrence: int = 1) -> tuple[int, int]:
        """Line and column of the n-th occurrence of ``needle`` in the value.

        Falls back to the value's own start when the text is not found verbatim
        (a folded or escaped scalar): a location near the problem beats none.
        """
        start = -1
        for _ in range(occurrence):
            start = self.raw.find(needle, start + 1)
            if start < 0:
                return self.line, self.col
        before = self.raw[:start]
        newlines = before.count("\n")
        if newlines == 0:
            return self.line, self.col + start
        return self.line + newlines, start - before.rfind("\n")

    def locator(self) -> Callable[[str], tuple[int, int]]:
        """:meth:`locate` for many needles in the order they occur: each is looked for after
        the one found before, so thousands of links in a text cost one reading of it, not
        one each. A needle not found verbatim (an escaped scalar) is placed at the value's
        start; after a few of those, all are, without looking further."""
        raw = self.raw
        cursor = 0
        misses = 0
        counted, lines, line_start = 0, 0, -1  # newlines before ``counted``; where the last began

        def locate(needle: str) -> tuple[int, int]:
            nonlocal cursor, misses, counted, lines, line_start
            start = raw.find(needle, cursor) if misses < 8 else -1
            if start < 0:
                misses += 1
                return self.line, self.col
            cursor = start + 1
            new = raw.count("\n", counted, start)  # only the stretch since the last needle
            if new:
                lines += new
                line_start = raw.rfind("\n", counted, start)
            counted = start
            if lines == 0:
                return self.line, self.col + start
            return self.line + lines, start - line_start

        return locate

    def places(self, needles: list[str]) -> list[tuple[int, int]]:
        """What :meth:`locator`'s function says of each of ``needles``, in order, in one loop
        (a text may hold thousands of links: a call per link cost a fifth of placing them)."""
        raw, line, col = self.raw, self.line, self.col
        find, count = raw.find, raw.count
        cursor = counted = lines = misses = 0
        line_start = -1
        found: list[tuple[int, int]] = []
        for needle in needles:
            start = find(needle, cursor) if misses < 8 else -1
            if start < 0:
                misses += 1
                found.append((line, col))
                continue
            cursor = start + 1
            new = count("\n", counted, start)
            if new:
                lines += new
                line_start = raw.rfind("\n", counted, start)
            counted = start
            found.append((line + lines, start - line_start) if lines else (line, col + start))
        return found

    def finding(
        self, severity: Severity, message: str, needle: str = "", occurrence: int = 1
    ) -> Finding:
        """A finding at this value, or at ``needle`` inside it."""
        line, col = self.locate(needle, occurrence) if needle else (self.line, self.col)
        return Finding(self.path, line, col, severity, message)


@dataclass(frozen=True)
class Source:
    """A reference an entry cites."""

    title: str
    url: str


@dataclass(frozen=True)
class Context:
    """A sentence that shows a term in use, with where it comes from (a title or a URL)."""

    text: str
    source: str | None = None


@dataclass(frozen=True)
class Text:
    """An entry's text in one language."""

    lang: str
    title: str
    summary: str
    aliases: tuple[str, ...] = ()
    body: str = ""
    highlights: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    forms: tuple[str, ...] = ()
    """Extra word forms readers may type (inflections); searchable, not shown."""
    gender: str | None = None
    """Grammatical gender of the title, as the language's locale names it (``m``, ``c``…)."""
    pos: str | None = None
    """Part of speech of the title (:data:`lexikon.core.schema.PARTS_OF_SPEECH`)."""
    abbreviations: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    """Terms not to use for this concept in this language."""
    context: tuple[Context, ...] = ()
    qualifier: str | None = None
    """Tells this concept from another with the same title: "Bank (Finanzwesen)"."""
    reviewed: str | None = None
    """``YYYY-MM-DD``: the day this text was checked against the other languages."""
    spans: Mapping[str, Span] = field(default_factory=dict, compare=False, repr=False)
    """Where each field stands in the file, for findings in later stages."""


@dataclass(frozen=True)
class Entry:
    """One term: its texts per language and its links to other terms."""

    id: str
    path: str
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    texts: Mapping[str, Text] = field(default_factory=dict)
    broader: tuple[str, ...] = ()
    """More general concepts; the narrower ones are derived from these."""
    draft: bool = False
    """Checked, but not published."""
    spans: Mapping[str, Span] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Tag:
    """A tag id with its label per language."""

    id: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Glossary:
    """Every entry and tag that passed the check, in id order."""

    entries: Mapping[str, Entry]
    tags: Mapping[str, Tag]
    languages: tuple[str, ...]
    """Configured languages, the default one first."""


@dataclass(frozen=True)
class Result:
    """What a stage hands on: its output and every finding made on the way."""

    glossary: Glossary
    findings: tuple[Finding, ...]
    checked: int | None = None
    """How many entries were checked, when not all of them are in ``glossary`` (a check
    that reads only findings from the cache)."""

    @property
    def entry_count(self) -> int:
        return len(self.glossary.entries) if self.checked is None else self.checked

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)


class Reference(NamedTuple):
    """A name an entry uses for something else (an entry or a tag), and where it stands.

    Kept apart from the entry so that whether the name resolves can be asked again, over
    the whole glossary, without reading the file again. A plain tuple: the cache holds
    tens of thousands of them and reads them back at C speed.
    """

    kind: str
    """``related``, ``broader``, ``tag`` or ``link`` (a ``[[id]]`` cross-link in a text)."""
    target: str
    line: int
    col: int
    written: str = ""
    """The cross-link as written, for the message."""


class TitleUse(NamedTuple):
    """One entry's title in one language, folded for comparison, and where it stands."""

    lang: str
    key: str
    title: str
    line: int
    col: int
    qualifier: str = ""
    """The ``qualifier`` folded like ``key``: two entries may share a title if these differ."""


class NameUse(NamedTuple):
    """An alias, abbreviation or deprecated term of an entry in one language, folded like a
    title's key, and where it stands: what the glossary-wide stage compares across entries."""

    kind: str
    """``aliases``, ``abbreviations`` or ``deprecated``."""
    lang: str
    key: str
    written: str
    line: int
    col: int


@dataclass(frozen=True)
class FileReport:
    """All one entry file yields on its own (loaded, checked, deduplicated).

    Everything in it depends only on the file's path and content, so it can be cached by
    content; what depends on other files (links, shared titles, ids) is asked later from
    its references and titles.
    """

    path: str
    id: str
    entry: Entry | None
    """None when the file could not be read into an entry (its findings say why), or when
    the entry was not asked for (a check that needs only findings)."""
    findings: tuple[Finding, ...]
    has_entry: bool = False
    """Whether the file was read into an entry, loaded here or not."""
    references: tuple[Reference, ...] = ()
    titles: tuple[TitleUse, ...] = ()
    names: tuple[NameUse, ...] = ()
    links: tuple[str, ...] = ()
    """The ids the texts' cross-links name, each once (the first named first), when the links
    were not placed among ``references``: where each stands is then worked out only if one
    names nothing (:func:`lexikon.check.link_places.placed_links`). A text may hold thousands
    of links, and nearly all resolve."""
