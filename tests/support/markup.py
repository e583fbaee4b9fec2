"""What editor text may never become in HTML: the elements, attributes and URLs Markdown
syntax itself makes, checked on rendered HTML (the property tests and the hostile suite)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

MARKDOWN_TAGS = frozenset({
    "p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "br", "img", "div",
})
"""What Markdown syntax itself makes (``div`` only for admonitions and ``[TOC]``)."""
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")


def browser_url(value: str) -> str:
    """A URL as a browser reads its scheme: tabs and newlines gone, leading junk stripped."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.lstrip("".join(chr(c) for c in range(0x21))).lower()


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def unknown_decl(self, data: str) -> None:
        self.comments.append(data)

    def handle_pi(self, data: str) -> None:
        self.comments.append(data)


def _markdown_attribute(tag: str, name: str, value: str) -> bool:
    """Whether Markdown syntax (not raw HTML or an attribute list) makes this attribute."""
    if tag == "a":
        return name in ("href", "title")
    if tag == "img":
        return name in ("src", "alt", "title")
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return name == "id"
    if tag == "code":
        return name == "class" and re.fullmatch(r"language-\S+", value) is not None
    if tag == "div":
        return name == "class" and (value.split()[:1] == ["admonition"] or value == "toc")
    if tag == "p":
        return name == "class" and value == "admonition-title"
    if tag == "ol":
        return name == "start"
    return False


def markup_from_editor(rendered: str, *, allowed_tags: frozenset[str] = MARKDOWN_TAGS,
                       allowed_attribute=_markdown_attribute) -> list[str]:
    """Every element, attribute or URL in ``rendered`` HTML that Markdown syntax does not make."""
    parser = Elements()
    parser.feed(rendered)
    parser.close()
    problems = [f"comment or declaration <!{c}>" for c in parser.comments]
    for tag, attrs in parser.found:
        if tag not in allowed_tags:
            problems.append(f"element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                problems.append(f"event handler {name}= on <{tag}>")
            elif name in ("href", "src", "xlink:href", "action", "formaction", "poster", "srcset") and (
                    browser_url(value).startswith(UNSAFE_SCHEMES)):
                problems.append(f"{name}={value!r} on <{tag}>")
            elif not allowed_attribute(tag, name, value):
                problems.append(f"attribute {name}={value!r} on <{tag}>")
    return problems
