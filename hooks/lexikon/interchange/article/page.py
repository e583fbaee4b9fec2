"""Reading the page: its front matter, its lines, and the scraping patterns of its language.

Front matter that is not YAML is read as ``key: value`` lines (scrapers write ``title: A: B``).
Line and paragraph separators other than line breaks become line breaks, as Markdown reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lexikon.core.locale import load_locale
from lexikon.interchange.article.boilerplate import Boilerplate
from lexikon.interchange.article.findings import Changes, LocatedProblem
from lexikon.interchange.entry_yaml import AnchorError, plain_yaml

HEADING_MAX_CHARS = 70
HEADING_MAX_WORDS = 9

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s(.*)|\s*+#*+\s*+)$")
"""An ATX heading: its level, and its text with the closing ``#``s (:func:`heading_words`);
written without a lazy group before trailing spaces (that backtracks on a run of spaces)."""
LIST_ITEM = re.compile(r"^( {0,3})([-*+•–]|\d{1,3}[.)])\s+")
_SITE_NAME = re.compile(r"(?:^|(?<!\s)\s+)(?:\||-|–|—|::)\s+.*$")
"""A title's tail after `` | ``, `` - ``, `` – ``, `` — `` or `` :: ``: the site's name or SEO words
(a title that starts with the separator is all tail: `` | IT-Lexikon``)."""
_MARKDOWN_SIGN = re.compile(r"(?m)^#{1,6}\s|\]\(")
_OTHER_LINE_ENDS = re.compile("[\u2029\u2028\x85\x0b\x0c\x1c\x1d\x1e]")
"""Characters that end a line for YAML or for Python's ``splitlines`` but not for Markdown."""

_FALLBACK_PATTERNS: Mapping[str, tuple[str, ...]] = {
    "chrome": (),
    "highlights": (r"Highlights", r"Key Takeaways"),
    "title_questions": (r"What is (?:an?\s+|the\s+)?(?P<term>.+)\?",),
}


def import_patterns(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Scraping debris of one language, from ``import:`` in ``locales/<code>.yml``.

    Patterns match whole lines, case-insensitively. A language without them still
    imports, only without these.
    """
    try:
        patterns = load_locale(lang).import_patterns
    except FileNotFoundError:
        patterns = {}
    return {key: tuple(patterns.get(key, ())) or _FALLBACK_PATTERNS[key] for key in _FALLBACK_PATTERNS}


class Patterns:
    """The language's patterns, compiled: site chrome, highlights headings, title questions."""

    def __init__(self, lang: str) -> None:
        patterns = import_patterns(lang)
        self.chrome = [re.compile(p, re.I) for p in patterns.get("chrome", ())]
        self.highlight_headings = [re.compile(p + r"\s*:?", re.I) for p in patterns.get("highlights", ())]
        self.questions = [re.compile(p, re.I) for p in patterns.get("title_questions", ())]
        self.boilerplate = Boilerplate(lang)

    def question_term(self, text: str) -> str | None:
        """The term a question heading asks about (``Was ist X?`` → ``X``), or None."""
        for pattern in self.questions:
            match = pattern.fullmatch(text.strip().lstrip("#").strip())
            if match:
                return match.group("term").strip(" „“\"'»«")
        return None


@dataclass
class Line:
    no: int
    text: str


@dataclass
class Block:
    kind: str
    """heading, para, list, quote, code"""
    lines: list[Line]
    level: int = 0
    """Heading level."""

    @property
    def no(self) -> int:
        return self.lines[0].no

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def heading_text(self) -> str:
        match = HEADING.match(self.lines[0].text)
        return heading_words(match) if match else self.lines[0].text.strip()


def heading_words(match: re.Match[str]) -> str:
    """The text of a :data:`HEADING` match, without its closing ``#``s and spaces."""
    return (match.group(2) or "").strip().rstrip("#").rstrip()


def front_matter(lines: list[str], changes: Changes) -> tuple[dict[str, Any], dict[str, int], int]:
    """The front matter mapping, the line of each key, and the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, {}, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        return {}, {}, 0
    source = "\n".join(lines[1:index])
    try:
        data = plain_yaml(source)
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except AnchorError as err:
        mark = err.problem_mark
        raise LocatedProblem(mark.line + 2, mark.column + 1, str(err.problem)) from None
    except yaml.YAMLError as err:
        return (*_loose_front_matter(lines[1:index], err, changes), index + 1)
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        raise LocatedProblem(2, 1, "the front matter is not a mapping of keys: write 'key: value' lines")
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        key_lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
    return data, key_lines, index + 1


_LOOSE_KEY = re.compile(r"^([A-Za-z_][\w-]*+):[ \t]*+(.*)$")


def _loose_front_matter(lines: list[str], err: yaml.YAMLError,
                        changes: Changes) -> tuple[dict[str, Any], dict[str, int]]:
    """Scrapers write ``key: value`` lines that are not always YAML (``title: A: B``)."""
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines, 2):
        match = _LOOSE_KEY.match(line)
        if match is None:
            if line.strip():
                raise LocatedProblem(number, 1, "the front matter is neither YAML nor 'key: value' lines "
                                     f"({str(err).splitlines()[0]}): fix it by hand")
            continue
        value = match.group(2).rstrip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        data[match.group(1)], key_lines[match.group(1)] = value, number
    changes.add(1, "read the front matter as 'key: value' lines: it is not valid YAML")
    return data, key_lines


def plain_line_ends(text: str, changes: Changes) -> str:
    """Paragraph separators (U+2029) as blank lines; line separators, NEL, form feeds as line
    ends: YAML would read them as line breaks, and the block would not read back the same."""
    count = len(_OTHER_LINE_ENDS.findall(text))
    if not count:
        return text
    changes.add(1, f"replaced {count} Unicode paragraph or line separator(s) (U+2029, U+2028, "
                "U+0085, form feed) by line breaks; later line numbers count them as lines")
    return _OTHER_LINE_ENDS.sub(lambda m: "\n\n" if m.group() == "\u2029" else "\n", text)


def is_markdown(source_name: str, text: str, has_front: bool) -> bool:
    suffix = Path(source_name).suffix.lower()
    if suffix in (".md", ".markdown", ".mdown"):
        return True
    if suffix == ".txt":
        return False
    return has_front or bool(_MARKDOWN_SIGN.search(text))


def strip_site_name(title: str) -> str:
    """``Offshoring – Definition, Vorteile & Nachteile | IT-Lexikon`` → ``Offshoring``."""
    return _SITE_NAME.sub("", title).strip()


def heading_like(text: str) -> bool:
    """A short line without closing punctuation that starts with a capital: a heading in plain text."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    if LIST_ITEM.match(text) or text.startswith((">", "#", "|")):
        return False
    return text[-1] not in ".,;:!" and (text[0].isupper() or text[0].isdigit())
