"""Deprecated terms where they are used: in any entry's text (a warning at the use, naming
the title to write instead) and in any other text (``lexicon lint``).

All deprecated terms of a language, with their inflected forms (the locale's word
endings), are one regular expression shaped as a trie of their letters: a text is read
once, at C speed, however many terms there are. Only whole words count, never inside code
(spans and fences) or a cross-link's target.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass

from lexikon.check import cache_codec, term_lookup
from lexikon.check.cache import ReportCache
from lexikon.check.terminology import fold
from lexikon.core import links
from lexikon.core.locale import load_locale
from lexikon.core.markdown_code import without_code
from lexikon.core.model import Entry, FileReport, Finding, NameUse, Severity, Span
from lexikon.core.settings import Settings


@dataclass(frozen=True)
class Deprecated:
    """One term not to be used, the title to write instead, and the entry that says so."""

    term: str
    preferred: str
    path: str


@dataclass(frozen=True)
class Use:
    """A deprecated term found in a text: where (offsets in the text), as written, and which."""

    start: int
    end: int
    written: str
    term: Deprecated

    def message(self) -> str:
        name = self.written if fold(self.written) == fold(self.term.term) else (
            f"{self.written}', a form of '{self.term.term}")
        return f"'{name}' is not to be used ({self.term.path}): write '{self.term.preferred}'"


class Matcher:
    """Every deprecated term of one language and its forms, found in one pass over a text."""

    def __init__(self, lang: str, terms: Iterable[Deprecated]) -> None:
        self.lang = lang
        self.forms: dict[str, Deprecated] = {}
        locale = load_locale(lang)
        for term in terms:
            for form in (term.term, *locale.inflections(term.term)):
                self.forms.setdefault(fold(form), term)
        spellings = {spelling for form in self.forms
                     for spelling in (form, form.replace("ss", "ß"))}  # casefold made ß "ss"
        self.pattern: re.Pattern[str] | term_lookup.Lookup | None = None
        if len(spellings) >= term_lookup.LOOKUP_FROM and term_lookup.usable(spellings):
            self.pattern = term_lookup.Lookup(spellings)  # its expression would take seconds to compile
        elif spellings:
            self.pattern = re.compile(_word_trie(spellings) + r"(?!\w)")

    def uses(self, text: str) -> Iterator[Use]:
        """Each use in ``text`` outside code and cross-link targets, in order."""
        if self.pattern is None:
            return
        plain = _without_targets(without_code(text))
        lower = plain.lower()
        if len(lower) != len(plain):  # a letter whose lower case is longer (İ): keep offsets
            lower = "".join(char if len(char.lower()) != 1 else char.lower() for char in plain)
        for start, end in _spans(self.pattern, lower):
            term = self.forms.get(fold(lower[start:end]))
            if term is not None:
                yield Use(start, end, text[start:end], term)


def _spans(pattern: re.Pattern[str] | term_lookup.Lookup, text: str) -> Iterator[tuple[int, int]]:
    if isinstance(pattern, term_lookup.Lookup):
        return pattern.finditer(text)
    return (match.span() for match in pattern.finditer(text))


def matchers(reports: Iterable[FileReport]) -> dict[str, Matcher]:
    """Per language, the matcher of every deprecated term the reports' entries name."""
    reports = list(reports)
    in_use = {(title[0], title[1]) for report in reports for title in report.titles} | {
        (name[1], name[2]) for report in reports for name in report.names if name[0] != "deprecated"}
    return matchers_of(deprecated_terms(reports, in_use))


def deprecated_terms(reports: Iterable[FileReport],
                     in_use: Container[tuple[str, str]]) -> dict[str, list[Deprecated]]:
    """Per language, the deprecated terms of the reports' entries (in their order) that are
    not a name in use (``in_use``: language, folded name)."""
    terms: dict[str, list[Deprecated]] = {}
    for report in reports:
        titles = {use[0]: use[2] for use in report.titles}
        for name in map(NameUse._make, report.names):
            if name.kind == "deprecated" and name.lang in titles and (name.lang, name.key) not in in_use:
                # a term also in use is an error already (:mod:`.terminology`), not a use to warn of
                term = Deprecated(name.written, titles[name.lang], report.path)
                terms.setdefault(name.lang, []).append(term)
    return terms


def matchers_of(terms: Mapping[str, list[Deprecated]]) -> dict[str, Matcher]:
    """The matcher of each language's terms (:func:`deprecated_terms`)."""
    return {lang: Matcher(lang, found) for lang, found in sorted(terms.items())}


def check_uses(reports: Iterable[FileReport], findings: list[Finding], memo: UseMemo | None = None) -> None:
    """A warning at each use of a deprecated term in an entry's texts of its language; with a
    ``memo``, what an earlier check found in an unchanged file for the same terms is taken
    from it, and an entry the report came without is fetched."""
    reports = list(reports)
    by_lang = matchers(reports)
    if not by_lang:
        return
    digest = terms_digest(by_lang)
    for report in reports:
        known = memo.known(report, digest) if memo else None
        if known is None:
            entry = report.entry or (memo.entry(report) if memo else None)
            known = entry_uses(entry, by_lang) if entry is not None else []
            if memo:
                memo.remember(report, digest, known)
        findings += known
    if memo:
        memo.save()


def terms_digest(by_lang: Mapping[str, Matcher]) -> bytes:
    """What the uses found depend on besides the text: every term, its title and its entry."""
    return hashlib.blake2b(repr(sorted({(lang, term.term, term.preferred, term.path)
                                        for lang, matcher in by_lang.items()
                                        for term in matcher.forms.values()})).encode()).digest()


FoundUses = Mapping[str, tuple[bytes, list[Finding]]]
"""Uses already found while the files were read (by the process that read them, which kept
their texts): per path, the terms' digest they were sought with and what was found."""


class UseMemo:
    """Each file's uses of deprecated terms, kept in the report cache (when there is one) under
    the file's key and the terms' digest: a check after an edit reads no texts but the edited
    file's, unless the terms changed. Uses found while the files were read (``found``) are
    taken as they are; entries that came without their texts are fetched."""

    def __init__(self, cache: ReportCache | None, keys: Mapping[str, bytes], settings: Settings,
                 read_again: Callable[[FileReport, Settings], Entry | None], found: FoundUses) -> None:
        self.cache, self.keys, self.settings, self.read_again = cache, keys, settings, read_again
        self.found = found
        self.kept: dict[bytes, object] = {}

    def _key(self, report: FileReport, digest: bytes) -> bytes | None:
        key = self.keys.get(report.path)
        return None if key is None else hashlib.blake2b(key + digest, digest_size=20).digest()

    def known(self, report: FileReport, digest: bytes) -> list[Finding] | None:
        found = self.found.get(report.path)
        if found is not None and found[0] == digest:
            self.remember(report, digest, found[1])  # into the cache, as if found here
            return found[1]
        key = self._key(report, digest)
        stored = None if key is None or self.cache is None else self.cache.item("uses", key)
        if not isinstance(stored, list):
            return None
        found = [cache_codec.decode(Finding, item) for item in stored]
        if None in found:
            return None
        assert key is not None
        self.kept[key] = stored
        return found  # type: ignore[return-value]

    def entry(self, report: FileReport) -> Entry | None:
        key = self.keys.get(report.path)
        stored = None if key is None or self.cache is None else cache_codec.decode(
            Entry, self.cache.item("entries", key))
        return stored if stored is not None else self.read_again(report, self.settings)

    def remember(self, report: FileReport, digest: bytes, found: list[Finding]) -> None:
        key = self._key(report, digest)
        if key is not None:
            self.kept[key] = cache_codec.encode(tuple(found))

    def save(self) -> None:
        if self.cache is not None:
            self.cache.keep_items("uses", self.kept)


def entry_uses(entry: Entry, by_lang: dict[str, Matcher],
               matched: set[Deprecated] | None = None) -> list[Finding]:
    """The uses of deprecated terms in ``entry``'s summary, body, highlights and contexts (and
    the terms used, into ``matched``)."""
    found = []
    for code, text in entry.texts.items():
        matcher = by_lang.get(code)
        if matcher is None:
            continue
        parts = [("summary", text.summary), ("body", text.body),
                 *((f"highlights[{index}]", value) for index, value in enumerate(text.highlights)),
                 *((f"context[{index}]", context.text) for index, context in enumerate(text.context))]
        for name, value in parts:
            span = None  # made for a use only (most texts have none; a span copies its text)
            for use in matcher.uses(value):
                span = span or text.spans.get(name) or text.spans.get("title") or Span(entry.path, 1, 1)
                occurrence = value.count(use.written, 0, use.start) + 1
                if matched is not None:
                    matched.add(use.term)
                found.append(span.finding(Severity.WARNING, use.message(), use.written, occurrence))
    return found


def _without_targets(text: str) -> str:
    """``text`` with each cross-link's target blanked (``[[id|label]]`` keeps its label)."""
    if "[[" not in text:
        return text
    return links.CROSS_LINK.sub(lambda match: " " * (match.start(2) - match.start(0))
                                + match.group(2) + "  " if match.group(2) is not None
                                else " " * len(match.group(0)), text)


def _word_trie(words: set[str]) -> str:
    """:func:`_trie` of ``words`` that starts where no word character stands before.

    Written ``(?<!\\w)`` before the trie, the guard comes first, and the regex engine tries
    the pattern at every position of the text. After each first character (as
    ``(?<!\\w[\\s\\S])``: the character before that one is no word character, or there is
    none) it means the same, and the trie then starts with a plain character, from which
    the engine skips ahead to the next place where a term could begin (five times faster on
    real texts). A term that starts with a space (matched as any run of white space) or
    an empty one keeps the guard in front."""
    if "" in words or any(word[0] == " " for word in words):
        return r"(?<!\w)" + _trie(words)
    first: dict[str, set[str]] = {}
    for word in words:
        first.setdefault(word[0], set()).add(word[1:])
    branches = []
    for char, rests in sorted(first.items()):
        rest = _trie(rests - {""})
        if rest and "" in rests:
            rest = f"(?:{rest})?"
        branches.append(re.escape(char) + r"(?<!\w[\s\S])" + rest)
    return "(?:" + "|".join(branches) + ")"


def _trie(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, shaped as a trie (shared prefixes
    once), so that a text is read in one pass; built without recursion (a term may be long)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    out: dict[int, str] = {}
    stack: list[tuple[dict, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        children = [(char, child) for char, child in sorted(node.items()) if char]
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for _, child in children)
            continue
        branches = [_piece(char) + out.pop(id(child)) for char, child in children]
        if not branches:
            out[id(node)] = ""
            continue
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        out[id(node)] = f"(?:{body})?" if "" in node else body
    return out[id(root)]


def _piece(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)

