"""Cross-links (``[[id]]``, ``[[id|label]]``) and the Markdown an editor may not write."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

CROSS_LINK = re.compile(r"\[\[([^\[\]|\n]*?)(?:\|([^\[\]\n]*?))?\]\]")

# Python-Markdown's own patterns (markdown/inlinepatterns.py, extensions/fenced_code.py), so
# that what we call code or an autolink is exactly what the renderer treats as one.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>|<([^<> !]+@[^@<> ]+)>")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)")
_REFERENCE_DEFINITION = re.compile(r"\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?([^\s>]*)")
_ATTRIBUTE_LIST = re.compile(r"(?<=[*_`)\]>])\{[^}\n]*\}|\{[^}\n]*\}[ \t]*$|\{:[^}\n]*\}", re.M)
"""Where attr_list looks: right after an inline element, or ending a line (a block's);
and its unmistakable ``{: …}`` anywhere."""
_MAY_HOLD_MARKUP = re.compile(r"[<{]|\]\s*[(:]")
"""Every problem below needs one of these: a cheap test that most texts pass."""
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@functools.cache
def _fenced_block() -> re.Pattern[str]:
    """Python-Markdown's fence pattern, imported when first needed: Markdown takes a tenth
    of ``lexicon check``'s start, and a check of unchanged files reads no text."""
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    return FencedBlockPreprocessor.FENCED_BLOCK_RE


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


def without_code(text: str) -> str:
    """``text`` with fenced code and code spans blanked: what is code is shown, not run.

    Spans are looked for within one block (they never cross a blank line), and an
    escaped backtick opens none, as in Python-Markdown. A fence's ``{attributes}`` stay:
    they reach the page as markup.
    """

    def blank(match: re.Match[str]) -> str:
        kept = match.group(0)[: match.start("code") - match.start()] if match.group("attrs") else ""
        return kept + "".join(ch if ch == "\n" else " " for ch in match.group(0)[len(kept):])

    def blank_span(match: re.Match[str]) -> str:
        # Python-Markdown takes out HTML blocks (a line starting with '<') before it reads
        # code spans: such a line inside a span is HTML, not code.
        if re.search(r"\n {0,3}<", match.group(0)):
            return match.group(0)
        return " " * len(match.group(0))

    text = _fenced_block().sub(blank, text)
    blocks = re.split(r"(\n[ \t]*\n)", text)
    return "".join(_CODE_SPAN.sub(blank_span, block) for block in blocks)


def markup_problems(text: str) -> Iterator[tuple[str, str]]:
    """``(written, message)`` for each piece of markup an entry may not contain.

    Entries are Markdown only: raw HTML, attribute lists and links with schemes that run
    code would reach the page as markup an editor controls. The rules are deliberately
    wider than the renderer's (``a<b`` is refused, though it would render as text): a
    false alarm costs an editor a rewording, a miss costs a reader's safety.
    """
    if ("<" not in text and "{" not in text and "]" not in text) or not _MAY_HOLD_MARKUP.search(text):
        return  # most titles, aliases and paragraphs: nothing that could be markup
    prose = without_code(text)
    autolinks = [match.span() for match in _AUTOLINK.finditer(prose)]
    for match in _TAG_START.finditer(prose):
        if any(start <= match.start() < end for start, end in autolinks):
            continue
        written = prose[match.start() : prose.find(">", match.start()) + 1 or match.end()]
        written = written if 0 < len(written) <= 60 and "\n" not in written else match.group(0)
        yield written, (
            f"raw HTML '{written}' is not allowed: entries are Markdown only; write the text "
            "without tags, or put code in `backticks`"
        )
    for match in _ATTRIBUTE_LIST.finditer(prose):
        yield match.group(0), (
            f"attribute lists ('{match.group(0)}') are not allowed in entries: remove the braces, "
            "or put code in `backticks`"
        )
    # A reference definition is read before code spans are, so backticks do not make one
    # harmless: those are judged in the text as written.
    for pattern, where in ((_INLINE_LINK, prose), (_REFERENCE_DEFINITION, text)):
        for match in pattern.finditer(where):
            problem = url_problem(match.group(1)) if match.group(1) else None
            if problem:
                yield match.group(1), problem


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
