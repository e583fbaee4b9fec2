"""Cross-links (``[[id]]``, ``[[id|label]]``) and the Markdown an editor may not write."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

CROSS_LINK = re.compile(r"\[\[([^\[\]|\n]*?)(?:\|([^\[\]\n]*?))?\]\]")

_CODE_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$",
                         re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_RAW_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--|![A-Za-z]|\?[A-Za-z])")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)
_ATTRIBUTE_LIST = re.compile(r"\{\s*(?:[:#.]|[A-Za-z_][\w-]*\s*=)")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class CrossLink:
    """One ``[[id|label]]`` as written."""

    target: str
    label: str | None
    written: str
    """The link exactly as it stands in the text, to locate it in the file."""


def cross_links(text: str) -> Iterator[CrossLink]:
    """Every cross-link in ``text`` (code included: it is harmless there, and rare)."""
    for match in CROSS_LINK.finditer(text):
        label = match.group(2)
        yield CrossLink(match.group(1).strip(), label.strip() if label is not None else None,
                        match.group(0))


def replace_cross_links(text: str, render: Callable[[CrossLink], str]) -> str:
    """``text`` with each cross-link replaced by what ``render`` makes of it."""

    def one(match: re.Match[str]) -> str:
        label = match.group(2)
        link = CrossLink(match.group(1).strip(), label.strip() if label is not None else None,
                         match.group(0))
        return render(link)

    return CROSS_LINK.sub(one, text)


def without_code(text: str) -> str:
    """``text`` with code blocks and code spans blanked: what is code is shown, not run."""
    text = _CODE_FENCE.sub(lambda m: " " * len(m.group(0)), text)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


def markup_problems(text: str) -> Iterator[tuple[str, str]]:
    """``(written, message)`` for each piece of markup an entry may not contain.

    Entries are Markdown only: raw HTML, attribute lists and links with schemes that run
    code would reach the page as markup an editor controls.
    """
    prose = without_code(text)
    for match in _RAW_HTML.finditer(prose):
        if _AUTOLINK.match(prose, match.start()):
            continue
        yield match.group(0), (
            f"raw HTML '{match.group(0).strip()}' is not allowed: entries are Markdown only; "
            "write the text without tags, or put code in `backticks`"
        )
    for match in _ATTRIBUTE_LIST.finditer(prose):
        yield match.group(0), (
            "attribute lists ('{: …}') are not allowed in entries: remove the braces, or "
            "put code in `backticks`"
        )
    for pattern in (_AUTOLINK, _INLINE_LINK, _REFERENCE_DEFINITION):
        for match in pattern.finditer(prose):
            url = match.group(1)
            problem = url_problem(url, allow_relative=False) if url else None
            if problem:
                yield url, problem


def url_problem(url: str, *, allow_relative: bool = False) -> str | None:
    """Why ``url`` may not be linked from an entry, or None when it may."""
    scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", url)
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
