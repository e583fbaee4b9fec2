"""Cross-links (``[[id]]``, ``[[id|label]]``) and the Markdown an editor may not write."""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lexikon.core.markdown_code import without_code, without_fences

# Greedy parts: neither holds a character that could end it early (a target no '|' or ']', a
# label no ']' but an escaped one, ``\]``, as Python-Markdown reads it), so they match as lazy
# ones would, without a retry at every character.
CROSS_LINK = re.compile(r"\[\[([^\[\]|\n]*)(?:\|((?:[^\[\]\\\n]|\\[^\n])*))?\]\]")
_NESTED = re.compile(r"\[\[[^\[\]\n]*\[\[")
"""A cross-link opened inside another one's brackets (``[[a|x [[b]] y]]``): no link can be made."""

_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>|<([^<> !]+@[^@<> ]+)>")
"""Python-Markdown's own pattern (markdown/inlinepatterns.py): what the renderer makes a link."""
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)")
_REFERENCE_DEFINITION = re.compile(r"\[[^\[\]\n]+\]:[ \t]*\n?[ \t]*<?([^\s>]*)")
"""As Python-Markdown's reference pattern, no bracket inside the label: so that a run of
``[`` is read once, not once from each bracket to the end of the line."""
_ATTRIBUTE_LIST = re.compile(r"(?<=[*_`)\]>])\{[^{}\n]*\}|\{[^{}\n]*\}[ \t]*$|\{:[^{}\n]*\}", re.M)
"""Where attr_list looks: right after an inline element, or ending a line (a block's);
and its unmistakable ``{: …}`` anywhere. No ``{`` inside: each brace starts a scan that
stops at the next one, so a run of braces costs its length, not its square."""
MAX_PROBLEMS_PER_TEXT = 10
"""Markup findings reported for one text; a text made of thousands of tags gets these and
one line saying that more follow (see :func:`markup_problems`)."""
_TAG_WINDOW = 60
"""How far after a ``<`` a tag's ``>`` is looked for, to show the tag in a message."""
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,200}\]\s?[(\[]")
"""An image, inline (``![alt](url)``) or by reference (``![alt][ref]``): the sanitizer drops it,
so the check says so instead of letting the words vanish."""
_CLOSED_THEN_OPEN = re.compile(r"\]\s*[(:\[]")
"""Every problem below needs this, a ``<`` or a ``{``: a cheap test that most texts pass
(a pattern that starts with its one character is looked for at C speed)."""
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_ELEMENT_NAMES = """
    a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl
    dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header
    hgroup hr html i iframe image img input ins kbd label legend li link main map mark marquee math menu
    meta meter nav nobr noembed noframes noscript object ol optgroup option output p param picture
    plaintext pre progress q rp rt ruby s samp script search section select slot small source span strike
    strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track
    tt u ul var video wbr xmp"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
"""What a browser reads as an element: in a field of plain text (a title, an alias) only these
are refused as tags, since ``List<T>`` or ``Map<K, V>`` there is a term written as it is."""
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(-?)")


@dataclass(frozen=True)
class CrossLink:
    """One ``[[id|label]]`` as written."""

    target: str
    label: str | None
    written: str
    """The link exactly as it stands in the text, to locate it in the file."""


def _cross_link(match: re.Match[str]) -> CrossLink:
    label = (match.group(2) or "").strip()
    return CrossLink(match.group(1).strip(), label or None, match.group(0))


def cross_links(text: str) -> Iterator[CrossLink]:
    """Every cross-link in ``text`` (code included: it is harmless there, and rare).

    An empty label (``[[id|]]``) counts as none: the target's title is shown.
    """
    for match in CROSS_LINK.finditer(text):
        yield _cross_link(match)


def replace_cross_links(text: str, render: Callable[[CrossLink], str]) -> str:
    """``text`` with each cross-link replaced by what ``render`` makes of it."""

    return CROSS_LINK.sub(lambda match: render(_cross_link(match)), text)


def misplaced_cross_links(prose: str) -> Iterator[tuple[str, str]]:
    """``(written, message)`` for each ``[[`` where no cross-link can be made: inside another
    one's brackets, or inside a link's address (where the renderer would put the term's title
    into the URL). ``prose``: the text without code."""
    if "[[" not in prose:
        return
    found = [(match.start(), match.group(0), f"a cross-link inside another one ('{match.group(0)}…') "
              "cannot be shown: write them one after the other, [[a|label]] and [[b]]")
             for match in _NESTED.finditer(prose)]
    found += [(match.start(1), match.group(1), f"the address '{match.group(1)}' holds a cross-link, which "
               "cannot stand in a URL: write the address as it is, or link the term with [[id]] outside "
               "the link") for match in _INLINE_LINK.finditer(prose) if "[[" in match.group(1)]
    for _, written, message in sorted(found):  # in the text's order, as a locator reads it
        yield written, message




def markup_problems(text: str, *, plain: bool = False, relative: bool = False) -> Iterator[tuple[str, str]]:
    """``(written, message)`` for each piece of markup an entry may not contain.

    Entries are Markdown only: raw HTML, attribute lists and links with schemes that run
    code would reach the page as markup an editor controls. The rules are deliberately
    wider than the renderer's (``a<b`` is refused, though it would render as text): a
    false alarm costs an editor a rewording, a miss costs a reader's safety. At most
    :data:`MAX_PROBLEMS_PER_TEXT` are named; one more line says that more follow.

    ``plain``: a field of plain text, escaped wherever it is shown (a title, an alias): a
    ``<`` before a name that is no HTML element (:data:`HTML_ELEMENTS`) is text there.
    ``relative``: links inside the site are allowed (an article's to another page).
    """
    prose = None  # the text without code, made once for both readings below
    if "[" in text and text.count("[") * len(text) > UNCLOSED_BRACKET_BUDGET:
        prose = without_code(text)  # not even all of them unclosed would cost much otherwise
        if costly := _unclosed_bracket_cost(prose, len(text)):
            yield "[", costly
    if "<" not in text and "{" not in text and ("]" not in text or not _CLOSED_THEN_OPEN.search(text)):
        return  # most titles, aliases and paragraphs: nothing that could be markup
    for found, (written, message) in enumerate(_all_markup_problems(text, plain, prose, relative)):
        if found == MAX_PROBLEMS_PER_TEXT:  # stop reading: a flood of markup is not worth its time
            yield "", "more markup follows in this text: entries are Markdown only; remove it all"
            return
        yield written, message


UNCLOSED_BRACKET_BUDGET = 2_000_000
"""Unclosed ``[`` times the text's length, beyond which rendering would take seconds.

Python-Markdown reads on from each ``[`` (and ``![``) to the end of the paragraph looking
for its ``]``: a text full of unclosed brackets costs the square of its length to render
(10 KB of ``[a `` took 7 s, 20 KB of ``![`` 46 s). The check refuses such a text, so a
build, which stops on the check's errors, never renders it. Normal prose has none."""


_NOT_A_BRACKET = re.compile(r"\\[\s\S]?|[^\[\]\\]+")
"""What is not an open or close bracket that counts: other characters, and an escaped one
(``\\`` and the character after it, whatever it is)."""
_STEP = {"[": 1, "]": -1}


def _unclosed_bracket_cost(prose: str, length: int) -> str | None:
    """Why the unclosed ``[`` of ``prose`` (a text of ``length`` characters without its code)
    would make rendering slow, or None.

    A ``]`` closes the last unclosed ``[``, if there is one. Counted on the brackets alone, at
    C speed: with ``S`` the running sum (``[`` +1, ``]`` -1), what stays open at the end is
    ``S`` at the end less the lowest ``S`` was (or 0), since a ``]`` with nothing open to
    close is what takes ``S`` below every earlier value.
    """
    brackets = _NOT_A_BRACKET.sub("", prose)
    lowest = min(0, min(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0))
    unclosed = brackets.count("[") - brackets.count("]") - lowest
    if unclosed * length <= UNCLOSED_BRACKET_BUDGET:
        return None
    return (f"{unclosed:,} '[' are never closed in this text of {length:,} characters: Markdown "
            "searches on from each one, which would take minutes; close them or write them as \\[")


def _is_element(text: str, start: int) -> bool:
    """Whether the ``<`` at ``start`` opens what a browser reads as an element (or a closing
    tag, comment, declaration): a known element's name, or a custom element's (with ``-``)."""
    name = _TAG_NAME.match(text, start)
    return name is None or bool(name.group(2)) or name.group(1).lower() in HTML_ELEMENTS


def _all_markup_problems(text: str, plain: bool = False, prose: str | None = None,
                         relative: bool = False) -> Iterator[tuple[str, str]]:
    """Each problem, by kind; ``prose``: ``text`` without its code, if made already. A kind's
    pattern is run only where its first characters occur (most texts have none)."""
    prose = without_code(text) if prose is None else prose
    autolinks = [match.span() for match in _AUTOLINK.finditer(prose)] if "<" in prose else []
    starts = [start for start, _ in autolinks]
    for match in _TAG_START.finditer(prose) if "<" in prose else ():
        before = bisect.bisect_right(starts, match.start()) - 1
        if before >= 0 and match.start() < autolinks[before][1]:
            continue
        if plain and not _is_element(prose, match.start()):
            continue
        close = prose.find(">", match.start(), match.start() + _TAG_WINDOW + 1)
        written = prose[match.start() : close + 1] if close >= 0 else match.group(0)
        written = written if "\n" not in written else match.group(0)
        yield written, (
            f"raw HTML '{written}' is not allowed: entries are Markdown only; write the text "
            "without tags, or put code in `backticks`"
        )
    for match in _IMAGE.finditer(prose) if "![" in prose else ():
        yield match.group(0), (
            f"images ('{match.group(0)}…') are not shown from entries: nothing on a page may load "
            "from elsewhere; describe the picture in words, or link to it with [text](https://…)"
        )
    for match in _ATTRIBUTE_LIST.finditer(prose) if "{" in prose else ():
        yield match.group(0), (
            f"attribute lists ('{match.group(0)}') are not allowed in entries: remove the braces, "
            "or put code in `backticks`"
        )
    # A reference definition is read before code spans are, so backticks do not make one
    # harmless: those are judged in the text as written.
    for pattern, where, needle in ((_INLINE_LINK, prose, "]("), (_REFERENCE_DEFINITION, text, "]:")):
        if needle not in where:
            continue
        for match in pattern.finditer(where):
            problem = url_problem(match.group(1), allow_relative=relative) if match.group(1) else None
            if problem:
                yield match.group(1), problem


_DEFINITION_START = re.compile(r"^[ ]{0,3}\[[^\[\]]*\]:", re.M)
_LONGEST_DEFINITION = 2000
"""Longer lines that start like a definition are reported without the full pattern, whose
backtracking on such a line costs its square."""


@functools.cache
def _reference_definition() -> re.Pattern[str]:
    """Python-Markdown's pattern of a link reference definition, imported when first needed."""
    from markdown.blockprocessors import ReferenceProcessor

    return ReferenceProcessor.RE


def swallowed_definitions(text: str) -> Iterator[str]:
    """Each line of ``text`` that Markdown reads as a link reference definition (``[x]: url``).

    Markdown keeps such a line to resolve ``[text][x]`` and shows none of it: in a summary
    or a paragraph, the words vanish from the page. Fenced code is not read; at most
    :data:`MAX_PROBLEMS_PER_TEXT` are named.
    """
    if "]:" not in text:
        return
    prose = without_fences(text) if "```" in text or "~~~" in text else text
    pattern = _reference_definition()
    found = 0
    for start in _DEFINITION_START.finditer(prose):
        end = prose.find("\n", start.end())
        end = len(prose) if end < 0 else end
        following = prose.find("\n", end + 1)  # the address may stand on the next line
        following = len(prose) if following < 0 else following
        if following - start.start() > _LONGEST_DEFINITION or pattern.match(prose, start.start(), following):
            found += 1
            yield prose[start.start() : end].strip()[:_TAG_WINDOW]
            if found == MAX_PROBLEMS_PER_TEXT:
                return  # enough to act on; the check reads no further


_SKIPPED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


def url_problem(url: str, *, allow_relative: bool = False) -> str | None:
    """Why ``url`` may not be linked from an entry, or None when it may.

    The scheme is read as a browser reads it: after entities are decoded and the
    whitespace and control characters browsers skip are gone (``java&#115;cript:``).
    """
    seen = _SKIPPED_IN_URLS.sub("", html.unescape(url))
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", seen)
    if scheme:
        if scheme.group(1).lower() in SAFE_SCHEMES:
            return None
        return (f"the link '{url}' uses the scheme '{scheme.group(1)}:': "
                "only http, https and mailto are allowed")
    if url.startswith("#") or allow_relative:
        return None
    return (
        f"the link '{url}' points inside this site: link to other terms with [[id]] "
        "and to other sites with a full https:// address"
    )
