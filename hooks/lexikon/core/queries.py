"""Questions about a glossary that every stage asks: who links to whom, an entry's title, a
text as one line of plain text.

Here, not in the render layer, because the exports and the editors' figures ask them too,
and they need nothing but the model and the cross-link syntax.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections import defaultdict

from lexikon.core import escape, links
from lexikon.core.model import Entry, Glossary, Text


def linked_ids(entry: Entry) -> set[str]:
    """Every id the entry's texts name with ``[[id]]``, in any language (unchecked)."""
    return {link.target for text in entry.texts.values()
            for value in (text.summary, text.body, *text.highlights)
            for link in links.cross_links(value)}


def backlinks(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """For each entry, the entries that link to it (in any text or in ``related``)."""
    inbound: defaultdict[str, set[str]] = defaultdict(set)
    for entry in glossary.entries.values():
        for target in {*entry.related, *linked_ids(entry)}:
            if target != entry.id and target in glossary.entries:
                inbound[target].add(entry.id)
    return {entry_id: tuple(sorted(sources)) for entry_id, sources in inbound.items()}


def plain_text(markdown: str, glossary: Glossary | None = None, lang: str = "") -> str:
    """Inline Markdown as one line of plain text: for tooltips and descriptions.

    Linear in the text's length (a summary of many unmatched ``*`` once took minutes with
    lazy emphasis regexes): every pattern here stops at the next bracket or marker. A
    backslash escape is its character, a character reference (``&amp;``) the character; a
    code span's text is as written (the page shows ``&lt;`` in code as it stands).
    """

    def label(link: links.CrossLink) -> str:
        if link.label:
            return link.label
        entry = glossary.entries.get(link.target) if glossary else None
        return title_of(entry, lang) if entry else link.target

    code: list[str] = []  # a code span's text, as written: no escape, mark or reference in it counts

    def hold_code(match: re.Match[str]) -> str:
        code.append(" ".join(match.group(1).split()))
        return f"\x02c{len(code) - 1}\x03"

    held = markdown.replace("\x02", "").replace("\x03", "")  # the marks of what is held aside
    held = _ESCAPED.sub(lambda m: f"\x02{ord(m.group(1))}\x03", _CODE_SPAN.sub(hold_code, held))
    text = links.replace_cross_links(held, label)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _HELD.sub(lambda m: chr(int(m.group(1))), " ".join(_without_emphasis(text).split()))
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return _HELD_CODE.sub(lambda m: code[int(m.group(1))], text) if code else text


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
"""A backslash escape (Python-Markdown's characters, with its tables extension's ``|``;
:func:`lexikon.core.escape.markdown_of_plain` writes them): its character is text, held aside
while the markup is taken out."""
_HELD = re.compile("\x02(\\d+)\x03")
_HELD_CODE = re.compile("\x02c(\\d+)\x03")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
_CODE_SPAN = re.compile(r"(?<!\\)`([^`]+)`")
"""A code span (not after a backslash, which makes its backtick text)."""
_EMPHASIS_RUN = re.compile(r"\*+|_+|\n")


def _without_emphasis(text: str) -> str:
    """``text`` without the ``*``/``_`` (one or two) that pair up as emphasis: an opener
    before a non-space and not after a word character, closed by the nearest run of the
    same kind after a non-space and not before one. One pass with a stack per kind;
    unpaired markers stay (they are text on the page too)."""
    openers: dict[str, list[tuple[int, int]]] = {}
    paired: list[tuple[int, int]] = []
    for match in _EMPHASIS_RUN.finditer(text):
        run, (start, end) = match.group(0), match.span()
        if run == "\n":  # emphasis does not span lines here
            openers.clear()
            continue
        if len(run) > 2:
            continue
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        stack = openers.setdefault(run, [])
        if stack and not before.isspace() and not (after.isalnum() or after == "_"):
            paired += [stack.pop(), (start, end)]
        elif not after.isspace() and not (before.isalnum() or before == "_"):
            stack.append((start, end))
    if not paired:
        return text
    pieces, last = [], 0
    for start, end in sorted(paired):
        pieces.append(text[last:start])
        last = end
    return "".join(pieces) + text[last:]


def title_of(entry: Entry, lang: str) -> str:
    """The entry's title in ``lang``, or in the first language it has."""
    text = entry.texts.get(lang) or next(iter(entry.texts.values()))
    return text.title


def published(glossary: Glossary) -> Glossary:
    """The glossary readers get: without drafts, and without any trace of them in the rest.

    The one place drafts leave (pages, feeds, search, exports all read what this returns):
    ``related`` and ``broader`` lose the drafts' ids, and a cross-link to a draft becomes its
    words (its label, or the draft's title in the text's language), plain text on the page
    and in the exports: no dead link, no id of an unpublished entry.
    """
    drafts = {entry_id: entry for entry_id, entry in glossary.entries.items() if entry.draft}
    if not drafts:
        return glossary

    def unlinked(text: Text, value: str) -> str:
        def as_words(link: links.CrossLink) -> str:
            draft = drafts.get(link.target)
            if draft is None:
                return link.written
            return escape.markdown_punctuation(link.label or title_of(draft, text.lang))
        return links.replace_cross_links(value, as_words) if "[[" in value else value

    def cleaned(entry: Entry) -> Entry:
        texts = {code: dataclasses.replace(
            text, summary=unlinked(text, text.summary), body=unlinked(text, text.body),
            highlights=tuple(unlinked(text, item) for item in text.highlights))
            for code, text in entry.texts.items()}
        return dataclasses.replace(
            entry, texts=texts, related=tuple(i for i in entry.related if i not in drafts),
            broader=tuple(i for i in entry.broader if i not in drafts))

    entries = {entry_id: cleaned(entry) for entry_id, entry in glossary.entries.items()
               if entry_id not in drafts}
    return dataclasses.replace(glossary, entries=entries)


def narrower_ids(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """For each entry, the entries that name it as ``broader`` (SKOS narrower, derived)."""
    narrower: defaultdict[str, list[str]] = defaultdict(list)
    for entry in glossary.entries.values():
        for target in entry.broader:
            if target != entry.id and target in glossary.entries:
                narrower[target].append(entry.id)
    return {entry_id: tuple(sorted(ids)) for entry_id, ids in narrower.items()}


def qualified_title(text: Text) -> str:
    """The title with its qualifier in parentheses ("Bank (Finanzwesen)"): how a title is
    shown wherever two concepts sharing it must be told apart."""
    return f"{text.title} ({text.qualifier})" if text.qualifier else text.title
