"""Autolinks: the first mention of another term in a body becomes a link to it.

Names are matched word by word against every term's title, aliases and forms in the page's
language; the links are made on the sanitized HTML's element tree, in text outside code,
links, headings and tables, so that nothing but the linked words can change.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import NamedTuple

import lxml.html

from lexikon.core import links
from lexikon.core.model import Entry, Glossary
from lexikon.render.markup import Block

_WORD = re.compile(r"\w[\w-]*")
_SPACE = re.compile(r"\s")
"""What ``str.split()`` splits on (the same characters, checked in the tests)."""
_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S*|www\.\S+|[\w.+-]+@[\w-]+\.\S+")
"""A web or mail address written out in the text (``https://example.org/Outsourcing``): shown
as written, its words are no mentions."""
MIN_MENTION_LENGTH = 3
"""Shorter names ("IT") would link half the words of a text."""
_NO_MENTIONS = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table"})
"""Where a mention stays as written: links, code, headings and tables."""

class NameGroup(NamedTuple):
    """The names that begin with one word: each phrase's entry, and the phrases' lengths,
    longest first. A mention is then looked up once per length, not compared with every
    name of the group (which grows with the glossary: a text's scan was quadratic)."""

    phrases: dict[str, str]
    lengths: tuple[int, ...]


Names = dict[str, NameGroup]
"""``first word -> NameGroup``."""
MakeLink = Callable[[str, str], lxml.html.HtmlElement]
"""``(target, words) -> <a>``: the link a mention becomes."""


def mention_names(glossary: Glossary, lang: str) -> Names | None:
    """Names of the terms in ``lang``, by their first word (lowercased): a text is then
    scanned once, word by word, however many terms there are."""
    by_first_word: dict[str, dict[str, str]] = {}
    for entry in glossary.entries.values():
        text = entry.texts.get(lang)
        if text is None:
            continue
        for name in (text.title, *text.aliases, *text.forms):
            phrase = " ".join(name.split()).lower()
            if len(phrase) >= MIN_MENTION_LENGTH and _WORD.match(phrase):
                first = _WORD.match(phrase).group(0)  # type: ignore[union-attr]
                by_first_word.setdefault(first, {}).setdefault(phrase, entry.id)  # the first entry keeps it
    return {first: NameGroup(phrases, tuple(sorted({len(p) for p in phrases}, reverse=True)))
            for first, phrases in by_first_word.items()} or None  # the longest name wins


def autolinked(blocks: list[Block], body: str, entry: Entry, names: Names | None,
               make_link: MakeLink) -> list[Block]:
    """``blocks`` (the converted body) with the first mention of each other term made a
    link. Never to the page's own term, nor to a term the body already links to."""
    if names is None:
        return blocks
    linked = {link.target for link in links.cross_links(body)} | {entry.id}
    result = []
    for block in blocks:
        if block.html:
            html = autolink_html(block.html, lambda text: mentions(text, names, linked), make_link)
            block = dataclasses.replace(block, html=html)
        result.append(block)
    return result


def mentions(text: str, names: Names, linked: set[str]) -> list[tuple[int, int, str]]:
    """``(start, end, target)`` of each first mention in ``text`` (``linked`` grows)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): keep places
        lowered = "".join(ch.lower()[:1] for ch in text)
    if "://" in lowered or "www." in lowered or "@" in lowered:  # no mention inside an address
        lowered = _ADDRESS.sub(lambda match: "\0" * len(match.group(0)), lowered)
    known = first_words(names, _WORD.findall(lowered))
    if not known:
        return []
    spaced = _SPACE.sub(" ", lowered)  # a name's words match across a line break, as one space
    found: list[tuple[int, int, str]] = []
    last = 0
    for word in _WORD.finditer(lowered):
        if word.group(0) not in known:
            continue
        start = word.start()
        group = names.get(word.group(0))
        if group is None or start < last or (start and (lowered[start - 1].isalnum()
                                                        or lowered[start - 1] in "_-")):
            continue
        for length in group.lengths:
            end = start + length
            target = group.phrases.get(spaced[start:end]) if end <= len(spaced) else None
            if target is None or target in linked:
                continue
            if end < len(lowered) and (lowered[end].isalnum() or lowered[end] in "_-"):
                continue
            linked.add(target)
            found.append((start, end, target))
            last = end
            break
    return found


def first_words(names: Names, words: list[str]) -> set[str]:
    """Which of a text's ``words`` begin a name: asked of all of them at once (a text's words
    are mostly no name's first; each looked up alone was the largest part of the scan). A
    build's memo of the words a page looked up hands in names that record them
    (``first_words`` of its own)."""
    own = getattr(names, "first_words", None)
    return own(words) if own is not None else names.keys() & words


def autolink_html(html: str, mentions: Callable[[str], list[tuple[int, int, str]]],
                  make_link: MakeLink) -> str:
    """One sanitized block with each mention ``mentions`` finds in its text nodes (outside
    :data:`_NO_MENTIONS`) made the link ``make_link(target, words)``; as it was when none."""
    root = lxml.html.fragment_fromstring(html)
    if root.tag in _NO_MENTIONS or not _link_text(root, mentions, make_link):
        return html
    return lxml.html.tostring(root, encoding="unicode", with_tail=False)


def _link_text(element: lxml.html.HtmlElement, mentions: Callable[[str], list[tuple[int, int, str]]],
               make_link: MakeLink) -> bool:
    """Mentions in ``element``'s own text and its children's (and their tails) made links."""
    changed = False
    children = list(element)
    found = mentions(element.text) if element.text else []
    if found:
        element.text, made = _split(element.text, found, make_link)
        for index, link in enumerate(made):
            element.insert(index, link)
        changed = True
    for child in children:
        if isinstance(child.tag, str) and child.tag not in _NO_MENTIONS:
            changed = _link_text(child, mentions, make_link) or changed
        found = mentions(child.tail) if child.tail else []
        if found:
            child.tail, made = _split(child.tail, found, make_link)
            for link in reversed(made):
                child.addnext(link)
            changed = True
    return changed


def _split(text: str, found: list[tuple[int, int, str]], make_link: MakeLink) -> tuple[str, list]:
    """The text before the first mention, and a link per mention carrying the text after it."""
    made = []
    for number, (start, end, target) in enumerate(found):
        link = make_link(target, text[start:end])
        link.tail = text[end:found[number + 1][0]] if number + 1 < len(found) else text[end:]
        made.append(link)
    return text[:found[0][0]], made
