"""``lexicon import``: a scraped article (plain text or Markdown) into an entry's language block.

Scraped pages bring debris: site navigation, paragraph numbers glued to words, repeated
paragraphs, pull quotes, raw HTML, links into the scraped site. Each clean-up here is one
:class:`Change` with the input line it happened on and, when text went away, that text:
nothing is dropped silently.

The rules, in the order they run:

1. Front matter ``title``, ``description``, ``keywords`` (and ``source``/``url``) become title,
   summary, tags (and a source); other keys are reported as not used. A keyword becomes a
   tag when it is a tag id or label in ``_tags.yml`` (any case); an existing entry's tags
   are never changed. Front matter that is not YAML is read as ``key: value`` lines.
2. HTML comments, ``<script>`` and ``<style>`` go with their content; other tags go and
   their text stays; attribute lists (``{: .x}``) go. Non-breaking and invisible spaces
   are normalised.
3. ``##Heading`` gets its space; ``>`` lines with nothing after them go; lines that are
   the scraped site's chrome (:func:`import_patterns`) go.
4. Blocks: Markdown splits at blank lines; plain text has one paragraph per line, lines
   with a list marker (``-``, ``*``, ``•``, ``1.``) are list items and short lines without
   closing punctuation, followed by a paragraph, are ``##`` headings. Underlined (setext)
   headings become ``#``/``##`` headings.
5. The title is the front matter's ``title``, else the first ``# H1`` (removed from the
   body), else the term of a question heading at the top (``Was ist X?`` / ``Hvad er X?``:
   the heading stays in the body), else a heading-like first line of plain text (removed
   from the body), else the id with hyphens as spaces (reported as a guess). An H1 that
   repeats the front matter title is removed; any other H1 becomes ``##``.
6. A highlights section (a heading, or a bold line, from :func:`import_patterns` followed
   by a list) becomes ``highlights``; the heading goes (the page has its own).
7. A number glued to a paragraph's first word (``1Der``) goes.
8. ``[label](/slug)`` becomes ``[[slug|label]]`` (``[[slug]]`` when the label is the
   target's title) when ``glossary/<slug>.yml`` exists, plain ``label`` otherwise;
   punctuation at the end of the label moves behind the link; images go; http(s) and
   mailto links stay.
9. A block quote that repeats a paragraph (contained in it, or difflib ratio ≥ 0.8 with
   the paragraph or one or two of its sentences) is a pull quote and goes.
10. A paragraph equal to an earlier one (the build's rule: NFC, white space collapsed) goes
    and is reported, so the file holds what readers see; a nearly equal one stays and is
    reported (the check warns about it; only an editor can pick the right wording).
11. The summary is the front matter's ``description``, else the first one or two
    sentences of the first paragraph (two when the first is short); that paragraph stays
    in the body unless it is the summary entirely. A paragraph equal to the description goes.

A new entry is a new file; an existing entry gets only its ``LANG:`` block replaced (or
added) as text, so every other byte of the file stays as it was.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from lexikon.check.dedupe import NEAR_DUPLICATE_RATIO, normalise
from lexikon.core import links
from lexikon.core.locale import load_locale
from lexikon.core.safe_write import write_bytes
from lexikon.core.settings import Settings
from lexikon.interchange.entry_yaml import MODELINE


# --- data: move to hooks/lexikon/locales/<code>.yml under `import:` -----------------------
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


_FALLBACK_PATTERNS: Mapping[str, tuple[str, ...]] = {
    "chrome": (),
    "highlights": (r"Highlights", r"Key Takeaways"),
    "title_questions": (r"What is (?:an?\s+|the\s+)?(?P<term>.+?)\s*\?",),
}
# -------------------------------------------------------------------------------------------

PULL_QUOTE_RATIO = 0.8
"""Similarity (difflib ratio) from which a block quote counts as repeating a paragraph."""
SHORT_SENTENCE = 80
"""A first sentence shorter than this (in characters) takes the second into the summary."""
HEADING_MAX_CHARS = 70
HEADING_MAX_WORDS = 9

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae",
                                   "ø": "oe", "å": "aa", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                                   "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_HTML_BLOCK = re.compile(r"<!--.*?-->|<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"(?i)^<br\b")
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&apos;": "'",
             "&shy;": "", "&ndash;": "–", "&mdash;": "—", "&hellip;": "…", "&bdquo;": "„",
             "&ldquo;": "“", "&rdquo;": "”"}
_ENTITY = re.compile("|".join(re.escape(e) for e in _ENTITIES))
_INVISIBLE = re.compile("[\u00a0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters an entry may not keep: invisible and bidi format characters, control
characters (the checker refuses them); a non-breaking space becomes a space."""
_ATTRIBUTE_LIST = re.compile(r"\s*\{:?\s*[.#][^{}\n]*\}")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_HEADING_NO_SPACE = re.compile(r"^( {0,3})(#{1,6})(?=[^\s#])")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_EMPTY_QUOTE = re.compile(r"^ {0,3}>[\s>]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_LIST_ITEM = re.compile(r"^( {0,3})([-*+•–]|\d{1,3}[.)])\s+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_GLUED_NUMBER = re.compile(r"^(\d{1,3})(?=[A-ZÄÖÜÆØÅ][a-zäöüßæøå])")
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"  # ![image] or [label], then (url "title")
                   r"\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_LABEL_TRAILING = re.compile(r"[\s,.;:!?]+$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"“”»«)]?\s+(?=[\"„“»«(]?[A-ZÄÖÜÆØÅ0-9\[])")
_ABBREVIATION = re.compile(r"(?:\b(?:z|u|d|h|bzw|ca|etc|evtl|ggf|inkl|usw|vgl|Nr|bl|f|eks|dvs|mv|osv|"
                           r"ca|jf|pga|mht|vs|Dr|Prof|St)\.|\b[A-Za-zÄÖÜÆØÅäöüæøå]\.)$")


class ImportProblem(Exception):
    """The article cannot become an entry (no text, no title, a file we must not touch)."""


@dataclass(frozen=True)
class Change:
    """One thing the import did to the article."""

    line: int
    """1-based line of the input where it happened."""
    message: str
    removed: str = ""
    """The text that went away, if any: nothing leaves the article unreported."""


@dataclass(frozen=True)
class ImportResult:
    """An imported article: the language block, what was changed, and the file to write."""

    entry_id: str
    lang: str
    block: Mapping[str, Any]
    """title, summary, body, highlights, sources: as they stand in the file."""
    tags: tuple[str, ...]
    """Tags the keywords matched (written only into a new entry)."""
    changes: tuple[Change, ...]
    yaml_text: str
    """The whole text of ``glossary/<entry_id>.yml`` after the import."""
    existing: bool = False
    """Whether the entry file existed (only its ``lang`` block was replaced or added)."""
    bom: bool = field(default=False, repr=False)
    """The existing file began with a byte order mark; it is written back with one."""

    def report(self, source_name: str) -> str:
        """One line per change, ``FILE:LINE: what changed``."""
        return "".join(f"{source_name}:{c.line}: {c.message}\n" for c in self.changes)


@dataclass
class _Line:
    no: int
    text: str


@dataclass
class _Block:
    kind: str
    """heading, para, list, quote, code"""
    lines: list[_Line]
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
        match = _HEADING.match(self.lines[0].text)
        return (match.group(2) or "").strip() if match else self.lines[0].text.strip()


class _Importer:
    def __init__(self, lang: str, glossary_dir: Path, entry_id: str | None) -> None:
        self.lang = lang
        self.glossary_dir = glossary_dir
        self.entry_id = entry_id
        self.changes: list[Change] = []
        patterns = import_patterns(lang)
        self.chrome = [re.compile(p, re.I) for p in patterns.get("chrome", ())]
        self.highlight_headings = [re.compile(p + r"\s*:?", re.I) for p in patterns.get("highlights", ())]
        self.questions = [re.compile(p, re.I) for p in patterns.get("title_questions", ())]

    def change(self, line: int, message: str, removed: str = "") -> None:
        """Note a change; what was removed is quoted in the message unless it is there already."""
        shown = " ".join(removed.split())
        if shown and shown not in message:
            message = f"{message}: '{_excerpt(shown)}'"
        self.changes.append(Change(line, message, removed))

    # -- lines ------------------------------------------------------------------------------
    def front_matter(self, lines: list[str]) -> tuple[dict[str, Any], dict[str, int], int]:
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
            raise ImportProblem(f"line {err.problem_mark.line + 2}: {err.problem}") from None
        except yaml.YAMLError as err:
            return (*self.loose_front_matter(lines[1:index], err), index + 1)
        if data is None:
            data, node = {}, None
        if not isinstance(data, dict):
            raise ImportProblem("line 1: the front matter is not a mapping of keys")
        key_lines = {}
        if isinstance(node, yaml.MappingNode):
            key_lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
        return data, key_lines, index + 1

    def loose_front_matter(self, lines: list[str], err: yaml.YAMLError
                           ) -> tuple[dict[str, Any], dict[str, int]]:
        """Scrapers write ``key: value`` lines that are not always YAML (``title: A: B``)."""
        data: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for number, line in enumerate(lines, 2):
            match = re.match(r"^([A-Za-z_][\w-]*):[ \t]*(.*?)\s*$", line)
            if match is None:
                if line.strip():
                    raise ImportProblem(f"line {number}: the front matter is neither YAML nor 'key: value' "
                                        f"lines ({str(err).splitlines()[0]}): fix it by hand")
                continue
            value = match.group(2)
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            data[match.group(1)], key_lines[match.group(1)] = value, number
        self.change(1, "read the front matter as 'key: value' lines: it is not valid YAML")
        return data, key_lines

    def clean_html_blocks(self, text: str, first_line: int) -> str:
        """Comments, scripts and styles, with their content; line breaks kept."""

        def one(match: re.Match[str]) -> str:
            line = first_line + text.count("\n", 0, match.start())
            what = "an HTML comment" if match.group(0).startswith("<!--") else f"a <{match.group(1)}> block"
            self.change(line, f"removed {what} (not shown on a page)", match.group(0))
            return "\n" * match.group(0).count("\n")

        return _HTML_BLOCK.sub(one, text)

    def clean_line(self, line: _Line) -> None:
        text = line.text
        if _INVISIBLE.search(text):
            for char in dict.fromkeys(_INVISIBLE.findall(text)):
                if char == "\u00a0":
                    self.change(line.no, "made non-breaking spaces plain spaces")
                else:
                    self.change(line.no, f"removed the invisible character U+{ord(char):04X} "
                                         f"({unicodedata.name(char, 'a control character')})", char)
            text = _INVISIBLE.sub(lambda m: " " if m.group(0) == "\u00a0" else "", text)
        tags = _HTML_TAG.findall(text)
        if tags:
            text = _HTML_TAG.sub(lambda m: " " if _BREAK_TAG.match(m.group(0)) else "", text)
            text = re.sub(r"(?<=\S) {2,}", " ", text).rstrip()
            self.change(line.no, "removed raw HTML tags, kept their text", " ".join(tags))
        entities = _ENTITY.findall(text)
        if entities:
            text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
            self.change(line.no, f"replaced HTML entities {', '.join(dict.fromkeys(entities))} by characters")
        attributes = _ATTRIBUTE_LIST.findall(text)
        if attributes:
            text = _ATTRIBUTE_LIST.sub("", text)
            self.change(line.no, "removed an attribute list (entries hold no markup)",
                        " ".join(a.strip() for a in attributes))
        if _REFERENCE_DEFINITION.match(text):
            self.change(line.no, "removed a link reference definition (links into the scraped site "
                        "do not work here)", text.strip())
            text = ""
        missing_space = _HEADING_NO_SPACE.match(text)
        if missing_space and len(missing_space.group(2)) == 1 and not _heading_like(text.lstrip("# ")):
            missing_space = None  # '#hashtag' or '#1 in a sentence…': not a heading
        if missing_space:
            text = _HEADING_NO_SPACE.sub(r"\1\2 ", text)
            self.change(line.no, f"added the space after '{missing_space.group(2)}' in a heading")
        if _EMPTY_QUOTE.match(text):
            self.change(line.no, "removed an empty quote line", text.strip())
            text = ""
        elif text.strip() and self.is_chrome(text):
            self.change(line.no, "removed site chrome (navigation or footer of the scraped site)",
                        text.strip())
            text = ""
        line.text = text.rstrip()

    def is_chrome(self, text: str) -> bool:
        plain = _LINK.sub(lambda m: m.group(2), text)
        plain = re.sub(r"^\s*(?:#{1,6}\s*|>\s*|[-*+•]\s+)", "", plain)
        plain = plain.replace("**", "").replace("__", "").strip().strip("*_ ").strip()
        plain = re.sub(r"\s*(?:→|»|›|>|…|\.\.\.)$", "", plain).strip()
        return any(pattern.fullmatch(plain) for pattern in self.chrome)

    # -- blocks -----------------------------------------------------------------------------
    def markdown_blocks(self, lines: list[_Line]) -> list[_Block]:
        blocks: list[_Block] = []
        current: _Block | None = None
        fence: str | None = None
        for line in lines:
            text = line.text
            if fence is not None:
                assert current is not None
                current.lines.append(line)
                opener = _FENCE.match(text)
                if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                    fence, current = None, None
                continue
            opener = _FENCE.match(text)
            heading = _HEADING.match(text)
            item = _LIST_ITEM.match(text)
            if opener:
                fence = opener.group(1)
                current = _Block("code", [line])
                blocks.append(current)
            elif not text.strip():
                current = None
            elif heading:
                blocks.append(_Block("heading", [line], len(heading.group(1))))
                current = None
            elif item:
                if current is None or current.kind != "list":
                    current = _Block("list", [])
                    blocks.append(current)
                current.lines.append(line)
            elif _QUOTE.match(text):
                if current is None or current.kind != "quote":
                    current = _Block("quote", [])
                    blocks.append(current)
                current.lines.append(line)
            elif (current is not None and current.kind == "para" and len(current.lines) == 1
                  and _SETEXT.match(text)):
                current.kind, current.level = "heading", 1 if text.strip()[0] == "=" else 2
                current.lines[0].text = f"{'#' * current.level} {current.lines[0].text.strip()}"
                self.change(line.no, f"made the underlined heading a '{'#' * current.level}' heading",
                            text.strip())
                current = None
            elif current is not None and current.kind in ("para", "list"):
                current.lines.append(line)
            else:
                current = _Block("para", [line])
                blocks.append(current)
        return _merge_lists(blocks)

    def text_blocks(self, lines: list[_Line]) -> list[_Block]:
        """Plain text: a paragraph per line; list items; heading-like lines become headings."""
        filled = [line for line in lines if line.text.strip()]
        blocks: list[_Block] = []
        for index, line in enumerate(filled):
            following = filled[index + 1].text if index + 1 < len(filled) else ""
            if _LIST_ITEM.match(line.text):
                if blocks and blocks[-1].kind == "list":
                    blocks[-1].lines.append(line)
                else:
                    blocks.append(_Block("list", [line]))
            elif _heading_like(line.text) and following and not _heading_like(following):
                if index == 0 and not self.question_term(line.text):
                    blocks.append(_Block("heading", [line], 1))
                    line.text = "# " + line.text.strip()
                else:
                    self.change(line.no, "made the heading-like line a '##' heading")
                    line.text = "## " + line.text.strip()
                    blocks.append(_Block("heading", [line], 2))
            else:
                blocks.append(_Block("para", [line]))
        return blocks

    def question_term(self, text: str) -> str | None:
        for pattern in self.questions:
            match = pattern.fullmatch(text.strip().lstrip("#").strip())
            if match:
                return match.group("term").strip(" „“\"'»«")
        return None

    def normalise_list_markers(self, blocks: list[_Block]) -> None:
        for block in blocks:
            if block.kind != "list":
                continue
            for line in block.lines:
                match = _LIST_ITEM.match(line.text)
                if match and match.group(2) in ("•", "–"):
                    line.text = f"{match.group(1)}- {line.text[match.end():]}"
                    self.change(line.no, f"made the '{match.group(2)}' bullet a Markdown list item")

    def highlights(self, blocks: list[_Block]) -> tuple[list[_Block], list[str]]:
        kept: list[_Block] = []
        items: list[str] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            name = block.heading_text if block.kind == "heading" else (
                block.text.strip().strip("*_").strip() if block.kind == "para" and len(block.lines) == 1
                else "")
            if (name and following is not None and following.kind == "list"
                    and any(p.fullmatch(name) for p in self.highlight_headings)):
                found = _list_items(following)
                items.extend(found)
                self.change(block.no, f"moved the '{name}' section ({len(found)} items) "
                            "into 'highlights' (the page shows them in a box with its own heading)",
                            name)
                index += 2
                continue
            kept.append(block)
            index += 1
        return kept, items

    def glued_numbers(self, blocks: list[_Block]) -> None:
        for block in blocks:
            if block.kind != "para":
                continue
            line = block.lines[0]
            match = _GLUED_NUMBER.match(line.text.lstrip())
            if match:
                stripped = line.text.lstrip()
                word = re.match(r"\S+", stripped[match.end():])
                line.text = stripped[match.end():]
                self.change(line.no, f"removed the paragraph number '{match.group(1)}' glued to "
                            f"'{word.group(0) if word else ''}'", match.group(1))

    def convert_links(self, blocks: list[_Block], entry_id: str) -> list[_Block]:
        """Blocks with links converted; a block left empty (it held only an image) goes."""
        kept: list[_Block] = []
        for block in blocks:
            if block.kind != "code":
                for line in block.lines:
                    line.text = _LINK.sub(lambda m, no=line.no: self.link(m, no, entry_id), line.text)
                block.lines = [line for line in block.lines if line.text.strip()]
            if block.lines:
                kept.append(block)
        return kept

    def link(self, match: re.Match[str], line: int, entry_id: str) -> str:
        image, label, url = match.group(1), match.group(2), match.group(3)
        if image:
            self.change(line, f"removed the image '{url}' (entries hold text only)", label)
            return ""
        if re.match(r"(?i)^(https?|mailto):", url):
            return match.group(0)
        text = label.strip()
        trailing = _LABEL_TRAILING.search(text)
        after = ""
        if trailing:
            after, text = text[trailing.start():].strip(), text[: trailing.start()]
        if not text:
            self.change(line, f"removed a link without text to '{url}'", url)
            return after
        target = _link_target(url)
        if target and target != entry_id and (self.glossary_dir / f"{target}.yml").is_file():
            title = _entry_title(self.glossary_dir / f"{target}.yml", self.lang)
            written = f"[[{target}]]" if title == text else f"[[{target}|{text}]]"
            self.change(line, f"made the site link '{url}' the cross-link {written}")
            return written + after
        why = ("it points at this entry" if target == entry_id else
               f"no entry '{target}'" if target else "not a link to an entry")
        self.change(line, f"made the link '{url}' plain text '{text}' ({why})", url)
        return text + after

    def pull_quotes(self, blocks: list[_Block]) -> list[_Block]:
        paragraphs = [b for b in blocks if b.kind == "para"]
        kept: list[_Block] = []
        for block in blocks:
            if block.kind == "quote":
                quoted = " ".join(_QUOTE.sub("", line.text) for line in block.lines)
                match = next((p for p in paragraphs if _repeats(quoted, p.text)), None)
                if match is not None:
                    self.change(block.no, f"removed a pull quote that repeats the paragraph on line "
                                f"{match.no}", quoted.strip())
                    continue
            kept.append(block)
        return kept

    def duplicates(self, blocks: list[_Block]) -> list[_Block]:
        seen: dict[str, int] = {}
        kept: list[_Block] = []
        prose: list[_Block] = []
        for block in blocks:
            if block.kind in ("heading", "code"):
                kept.append(block)
                continue
            key = normalise(block.text)
            if key in seen:
                self.change(block.no, f"removed a repeated paragraph (same as line {seen[key]})", block.text)
                continue
            near = next((p for p in prose if _near(normalise(p.text), key)), None)
            if near is not None:
                self.change(block.no, f"kept a paragraph that nearly repeats the one on line {near.no}: "
                            "keep the better wording and delete the other (the check warns)")
            seen[key] = block.no
            prose.append(block)
            kept.append(block)
        return kept

    def summary(self, blocks: list[_Block], description: str | None,
                description_line: int) -> tuple[str, list[_Block]]:
        if description:
            self.change(description_line, "took the summary from the front matter 'description'")
            key = normalise(description)
            for block in blocks:
                if block.kind == "para" and normalise(block.text) == key:
                    self.change(block.no, "removed a paragraph that repeats the summary", block.text)
            return description, [b for b in blocks if b.kind != "para" or normalise(b.text) != key]
        first = next((b for b in blocks if b.kind == "para"), None)
        if first is None:
            raise ImportProblem("no paragraph to take a summary from: add 'description' front matter")
        paragraph = " ".join(line.text.strip() for line in first.lines)
        sentences = split_sentences(paragraph)
        chosen = sentences[:1]
        if len(sentences) > 1 and len(chosen[0]) < SHORT_SENTENCE:
            chosen = sentences[:2]
        summary = " ".join(chosen)
        if normalise(summary) == normalise(paragraph):
            self.change(first.no, "moved the first paragraph into 'summary' (it is one or two sentences)")
            return summary, [b for b in blocks if b is not first]
        which = "sentence" if len(chosen) == 1 else "two sentences"
        self.change(first.no, f"took the summary from the first {which} of this paragraph (the "
                    "paragraph stays in the body)")
        return summary, blocks


def import_article(
    text: str,
    source_name: str,
    lang: str,
    *,
    glossary_dir: Path,
    languages: Sequence[str],
    entry_id: str | None = None,
) -> ImportResult:
    """Turn one scraped article into the ``lang`` block of an entry; nothing is written.

    Args:
        text: The article, plain text or Markdown, with or without YAML front matter.
        source_name: Its file name; ``.md``/``.markdown`` is Markdown, ``.txt`` plain
            text, anything else Markdown when it has front matter, headings or links.
        lang: The language of the article, one of ``languages``.
        glossary_dir: The entries, to resolve links and to find an existing entry.
        languages: The configured language codes, the default first.
        entry_id: The entry's id; by default the slug of the title.

    Raises:
        ImportProblem: when no entry can be made (no text, no title, unknown language).
    """
    if lang not in languages:
        raise ImportProblem(f"language '{lang}' is not configured (the site has {', '.join(languages)})")
    if entry_id is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry_id):
        raise ImportProblem(f"'{entry_id}' is not a valid id (lowercase letters, digits, single hyphens);"
                            f" e.g. '{slugify(entry_id)}'")
    importer = _Importer(lang, glossary_dir, entry_id)
    text = _plain_line_ends(importer, text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = text.split("\n")
    front, key_lines, start = importer.front_matter(raw_lines)
    markdown = _is_markdown(source_name, text, bool(front))
    body_text = importer.clean_html_blocks("\n".join(raw_lines[start:]), start + 1)
    lines = [_Line(start + 1 + offset, value) for offset, value in enumerate(body_text.split("\n"))]
    for line in lines:
        importer.clean_line(line)
    blocks = importer.markdown_blocks(lines) if markdown else importer.text_blocks(lines)
    importer.normalise_list_markers(blocks)

    fm_title = _front_text(front, "title", importer, key_lines)
    title, blocks = _title(importer, blocks, fm_title, key_lines.get("title", 1))
    blocks, highlights = importer.highlights(blocks)
    importer.glued_numbers(blocks)
    if title is None:
        if entry_id is None:
            raise ImportProblem("no title found (no front matter 'title', no '# H1', no heading at the "
                                "top): pass --id")
        title = entry_id.replace("-", " ").capitalize()
        importer.change(1, f"no title in the article: guessed '{title}' from the id, check it")
    final_id = entry_id or slugify(title)
    if not final_id:
        raise ImportProblem(f"the title '{title}' makes no id: pass --id")
    blocks = importer.convert_links(blocks, final_id)
    blocks = importer.pull_quotes(blocks)
    blocks = importer.duplicates(blocks)
    description = _front_text(front, "description", importer, key_lines)
    if description:
        description = _LINK.sub(lambda m: importer.link(m, key_lines.get("description", 1), final_id),
                                _HTML_TAG.sub("", description))
    summary, blocks = importer.summary(blocks, description, key_lines.get("description", 1))
    highlights = [_LINK.sub(lambda m: importer.link(m, 1, final_id), item) for item in highlights]
    tags = _tags(importer, front, key_lines, glossary_dir)
    sources = _sources(importer, front, key_lines, title)
    for key in front:
        if key not in ("title", "description", "keywords", "tags", "source", "url", "canonical",
                       "canonical_url"):
            importer.change(key_lines.get(str(key), 1), f"did not use the front matter '{key}'",
                            _flat(front[key]))

    block: dict[str, Any] = {"title": title, "summary": summary}
    body = "\n\n".join(_render(b) for b in blocks).strip("\n")
    if body:
        block["body"] = body + "\n"
    if highlights:
        block["highlights"] = highlights
    if sources:
        block["sources"] = sources
    _remaining_markup(importer, block)

    path = glossary_dir / f"{final_id}.yml"
    existing = path.is_file()
    bom = False
    if existing:
        data = path.read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        yaml_text = splice_block(data.decode("utf-8-sig"), lang, render_block(lang, block), languages)
        if tags:
            importer.change(key_lines.get("keywords", 1), f"the entry exists: its tags stay as they are "
                            f"(the keywords matched {', '.join(tags)})")
    else:
        yaml_text = new_entry_text(lang, block, tags)
    changes = tuple(sorted(importer.changes, key=lambda c: c.line))
    return ImportResult(final_id, lang, block, tuple(tags), changes, yaml_text, existing, bom)


def write_import(result: ImportResult, glossary_dir: Path, root: Path | None = None) -> Path:
    """Write the entry file (a new one, or the old one with its language block replaced),
    inside ``root`` (default: the glossary folder) and through no link."""
    path = glossary_dir / f"{result.entry_id}.yml"
    data = result.yaml_text.encode("utf-8")
    return write_bytes(path, b"\xef\xbb\xbf" + data if result.bom else data, root or glossary_dir,
                       exclusive=not result.existing)


def run_import(settings: Settings, source: Path, lang: str, *, entry_id: str | None = None,
               dry_run: bool = False, out: IO[str]) -> int:
    """``lexicon import``: import, print the changes (and the YAML with ``--dry-run``), write.

    Returns the exit code: 0 done, 1 the article could not be imported.
    """
    try:
        text = source.read_bytes().decode("utf-8-sig")
        result = import_article(text, source.name, lang, glossary_dir=settings.glossary_dir,
                                languages=settings.codes, entry_id=entry_id)
    except UnicodeDecodeError as err:
        line = err.object[:err.start].count(b"\n") + 1
        out.write(f"{source}:{line}: error: the article is not UTF-8 (byte 0x{err.object[err.start]:02x}): "
                  "save it as UTF-8 and import again\n")
        return 1
    except OSError as err:
        from lexikon.core.failures import describe

        out.write(describe(err, settings.project_dir) + "\n")
        return 1
    except ImportProblem as err:
        out.write(f"{source}: error: {err}\n")
        return 1
    out.write(result.report(str(source)))
    target = settings.glossary_dir / f"{result.entry_id}.yml"
    if dry_run:
        would = f"would replace the '{lang}' block of" if result.existing else "would create"
        out.write(f"--- {target} (dry run: {would} this file; nothing written)\n")
        out.write(result.yaml_text)
        return 0
    write_import(result, settings.glossary_dir, settings.project_dir)
    done = f"replaced the '{lang}' block of" if result.existing else "created"
    out.write(f"{done} {target}: run 'lexicon check' and read the entry before you commit it\n")
    return 0


# --- YAML text ---------------------------------------------------------------------------------
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader: the written YAML is read back to check it, field by field, which
took most of a large TBX import with the pure-Python one."""


class AnchorError(yaml.MarkedYAMLError):
    """An anchor or alias in YAML an importer reads: refused, as the entry loader refuses them."""


def plain_yaml(text: str) -> Any:
    """``yaml.safe_load`` of plain data: anchors and aliases refused before anything is built.

    A kilobyte of nested aliases ("billion laughs") expands to gigabytes; the events are
    read first, which costs no more than the text.
    """
    if "&" in text or "*" in text:
        for event in yaml.parse(text, Loader=_FAST):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise AnchorError(problem="YAML anchors and aliases (&name, *name) are not allowed: "
                                  "write the values out", problem_mark=event.start_mark)
    return yaml.load(text, Loader=_FAST)


def render_block(lang: str, block: Mapping[str, Any]) -> str:
    """The ``lang:`` block as YAML text, keys in schema order, ending with a newline."""
    out = [f"{lang}:"]
    for key in ("title", "aliases", "summary", "body", "highlights", "sources", "forms"):
        if key not in block:
            continue
        value = block[key]
        if key == "summary":
            out.append(_field(lang, key, value, _folded(value)))
        elif key == "body":
            out.append(_field(lang, key, value, _literal(value)))
        elif key == "sources":
            out.append("  sources:")
            for source in value:
                out.append(f"    - title: {_inline(source['title'])}")
                out.append(f"      url: {_inline(source['url'])}")
        elif isinstance(value, list | tuple):
            out.append(f"  {key}:")
            out.extend(f"    - {_inline(item)}" for item in value)
        else:
            out.append(f"  {key}: {_inline(value)}")
    text = "\n".join(out) + "\n"
    loaded = yaml.load(text, Loader=_FAST)[lang]
    if loaded != {k: list(v) if isinstance(v, tuple) else v for k, v in block.items()}:
        raise ImportProblem("the text cannot be written as YAML that reads back the same (a character "
                            "YAML changes?): import a cleaned copy, or write the entry by hand")
    return text


def new_entry_text(lang: str, block: Mapping[str, Any], tags: Sequence[str]) -> str:
    """A new entry file: the modeline, the tags, one language block."""
    head = [MODELINE]
    if tags:
        head.append(f"tags: [{', '.join(tags)}]")
    return "\n".join(head) + "\n" + render_block(lang, block)


def splice_block(source: str, lang: str, block_text: str, languages: Sequence[str]) -> str:
    """``source`` with its top-level ``lang:`` block replaced by ``block_text`` (or added).

    Every byte outside that block stays: the block runs from its key's line to the last
    line holding its content, as YAML reads it; comments and blank lines after it, line
    ends (LF, CRLF), a missing last line end are kept. A new block goes before the first
    block of a later language (and the comments right above it), or at the end.
    """
    try:
        plain_yaml(source)  # no alias bomb in an entry reaches the tree below
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise ImportProblem(f"the existing entry is not valid YAML ({err}): fix it with 'lexicon check' "
                            "first") from err
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ImportProblem("the existing entry is not a block mapping at the top: cannot replace one "
                            "block without rewriting the file")
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = _yaml_lines(source)
    if any(k.start_mark.column != 0 for k, _ in root.value):
        raise ImportProblem("the existing entry's top-level keys are indented: cannot splice safely")
    block_lines = block_text.replace("\n", newline).splitlines(keepends=True)
    found = next(((key, value) for key, value in root.value if str(key.value) == lang), None)
    if found is not None:
        start, end = found[0].start_mark.line, _last_content_line(found[1], lines) + 1
        return "".join(lines[:start] + block_lines + lines[end:])
    keys = [(str(k.value), k.start_mark.line) for k, _ in root.value if isinstance(k, yaml.ScalarNode)]
    later = [c for c in languages[list(languages).index(lang) + 1:]] if lang in languages else []
    following = next(((k, line) for k, line in keys if k in later), None)
    if following is None:
        if lines and not lines[-1].endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
            lines[-1] += newline  # the block goes on a line of its own
        return "".join(lines + block_lines)
    at = _before_leading_comments(lines, 0, following[1])
    return "".join(lines[:at] + block_lines + lines[at:])


_YAML_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
"""A line as YAML counts them (its marks' line numbers): ``str.splitlines`` also breaks at
form feeds and other separators that YAML keeps inside a line."""


def _yaml_lines(source: str) -> list[str]:
    """``source`` in YAML's lines, each with its line end; joined, they are ``source``."""
    return [line for line in _YAML_LINE.findall(source) if line]


def _last_content_line(node: yaml.Node, lines: list[str]) -> int:
    """The index of the last line holding part of ``node`` (not the comments after it)."""
    mark = node.end_mark
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _last_content_line(last[1] if isinstance(last, tuple) else last, lines)
    line = mark.line if mark.column > 0 else mark.line - 1
    while line > node.start_mark.line and not lines[line].strip():
        line -= 1  # a block scalar ends after its trailing line breaks
    return max(line, node.start_mark.line)


_OTHER_LINE_ENDS = re.compile("[\u2029\u2028\x85\x0b\x0c\x1c\x1d\x1e]")
"""Characters that end a line for YAML or for Python's ``splitlines`` but not for Markdown."""


def _plain_line_ends(importer: _Importer, text: str) -> str:
    """Paragraph separators (U+2029) as blank lines; line separators, NEL, form feeds as line
    ends: YAML would read them as line breaks, and the block would not read back the same."""
    count = len(_OTHER_LINE_ENDS.findall(text))
    if not count:
        return text
    importer.change(1, f"replaced {count} Unicode paragraph or line separator(s) (U+2029, U+2028, "
                    "U+0085, form feed) by line breaks; later line numbers count them as lines")
    return _OTHER_LINE_ENDS.sub(lambda m: "\n\n" if m.group() == "\u2029" else "\n", text)


def _before_leading_comments(lines: list[str], start: int, end: int) -> int:
    """The first of the comment lines (and blank lines between them) directly above ``end``."""
    at = end
    while at - 1 > start and (lines[at - 1].lstrip().startswith("#") or not lines[at - 1].strip()):
        at -= 1
    while at < end and not lines[at].strip():
        at += 1
    return at


def _field(lang: str, key: str, value: str, rendered: str) -> str:
    """``rendered`` if YAML reads it back as ``value``; a double-quoted string otherwise."""
    text = f"  {key}: {rendered}"
    try:
        if yaml.load(f"{lang}:\n{text}\n", Loader=_FAST) == {lang: {key: value}}:
            return text
    except yaml.YAMLError:
        pass
    return f"  {key}: {json.dumps(value, ensure_ascii=False)}"


def _inline(value: str) -> str:
    """A one-line scalar: plain when YAML reads it back unchanged, else double-quoted."""
    value = str(value)
    if value == value.strip() and "\n" not in value and value and not value.startswith(("'", '"')):
        try:
            if yaml.load(f"k: {value}\n", Loader=_FAST) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _folded(value: str) -> str:
    sentences = split_sentences(value)
    return ">-\n" + "".join(f"    {sentence}\n" for sentence in sentences).rstrip("\n")


def _literal(value: str) -> str:
    return "|\n" + "\n".join(f"    {line}" if line else "" for line in value.rstrip("\n").split("\n"))


# --- helpers -----------------------------------------------------------------------------------
def slugify(title: str) -> str:
    """The id for a title: lowercase ASCII, digits, single hyphens (ä→ae, ø→oe, å→aa, ß→ss)."""
    text = title.translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph: at . ! ? … before a capital, not after abbreviations."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.start()].strip()
        if _ABBREVIATION.search(candidate.split(" ")[-1] if candidate else ""):
            continue
        end = match.start() + len(match.group(0).rstrip())
        parts.append(text[start:end].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts


def _is_markdown(source_name: str, text: str, has_front: bool) -> bool:
    suffix = Path(source_name).suffix.lower()
    if suffix in (".md", ".markdown", ".mdown"):
        return True
    if suffix == ".txt":
        return False
    return has_front or bool(re.search(r"(?m)^#{1,6}\s|\]\(", text))


def _heading_like(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    if _LIST_ITEM.match(text) or text.startswith((">", "#", "|")):
        return False
    return text[-1] not in ".,;:!" and (text[0].isupper() or text[0].isdigit())


def _merge_lists(blocks: list[_Block]) -> list[_Block]:
    """Loose lists (items separated by blank lines) are one list."""
    merged: list[_Block] = []
    for block in blocks:
        if block.kind == "list" and merged and merged[-1].kind == "list":
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged


def _list_items(block: _Block) -> list[str]:
    items: list[str] = []
    for line in block.lines:
        match = _LIST_ITEM.match(line.text)
        if match:
            items.append(line.text[match.end():].strip())
        elif items:
            items[-1] += " " + line.text.strip()
    return items


def _render(block: _Block) -> str:
    if block.kind == "list":
        return "\n".join(line.text.rstrip() for line in block.lines)
    if block.kind == "code":
        return block.text
    if block.kind == "heading":
        return f"{'#' * block.level} {block.heading_text}"
    return "\n".join(line.text.strip() for line in block.lines)


def _title(importer: _Importer, blocks: list[_Block], fm_title: str | None,
           title_line: int) -> tuple[str | None, list[_Block]]:
    title = fm_title
    if title:
        importer.change(title_line, "took the title from the front matter 'title'")
    kept: list[_Block] = []
    first_h1 = True
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            text = block.heading_text
            if first_h1 and title is None:
                title = text
                importer.change(block.no, f"took the title '{text}' from the first heading (removed "
                                "from the body)")
            elif first_h1 and normalise(text).casefold() == normalise(title or "").casefold():
                importer.change(block.no, "removed the '# ' heading that repeats the title")
            else:
                block.level = 2
                importer.change(block.no, f"made the '# {text}' heading a '## ' heading (the page's "
                                "title is the only H1)")
                kept.append(block)
            first_h1 = False
            continue
        kept.append(block)
    if title is None:
        first = next((b for b in kept if b.kind == "heading"), None)
        if first is not None and kept.index(first) == 0:
            term = importer.question_term(first.heading_text)
            if term:
                title = term[0].upper() + term[1:]
                importer.change(first.no, f"took the title '{title}' from the question heading "
                                f"'{first.heading_text}' (the heading stays in the body)")
    return title, kept


def _front_text(front: Mapping[str, Any], key: str, importer: _Importer,
                key_lines: Mapping[str, int]) -> str | None:
    value = front.get(key)
    if value is None:
        return None
    if isinstance(value, list | dict):
        importer.change(key_lines.get(key, 1), f"did not use the front matter '{key}' (not text)",
                        _flat(value))
        return None
    text = " ".join(str(value).split())
    cleaned = _HTML_TAG.sub("", text)
    if cleaned != text:
        importer.change(key_lines.get(key, 1), f"removed raw HTML from the front matter '{key}'",
                        " ".join(_HTML_TAG.findall(text)))
    return " ".join(cleaned.split()) or None


def _tags(importer: _Importer, front: Mapping[str, Any], key_lines: Mapping[str, int],
          glossary_dir: Path) -> list[str]:
    words: list[str] = []
    for key in ("keywords", "tags"):
        value = front.get(key)
        if isinstance(value, str):
            words += [w.strip() for w in value.split(",")]
        elif isinstance(value, list):
            words += [str(w).strip() for w in value]
    words = [w for w in words if w]
    if not words:
        return []
    known = _known_tags(glossary_dir)
    tags: list[str] = []
    for word in words:
        tag = known.get(word.casefold())
        line = key_lines.get("keywords", key_lines.get("tags", 1))
        if tag is None:
            importer.change(line, f"did not use the keyword '{word}': no tag in _tags.yml has this id "
                            "or label", word)
        elif tag not in tags:
            tags.append(tag)
            importer.change(line, f"made the keyword '{word}' the tag '{tag}'")
    return tags


def _known_tags(glossary_dir: Path) -> dict[str, str]:
    """Tag ids and labels (casefolded) → tag id."""
    path = glossary_dir / "_tags.yml"
    try:
        data = plain_yaml(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    known: dict[str, str] = {}
    if isinstance(data, dict):
        for tag, labels in data.items():
            known.setdefault(str(tag).casefold(), str(tag))
            if isinstance(labels, dict):
                for label in labels.values():
                    known.setdefault(str(label).casefold(), str(tag))
    return known


def _sources(importer: _Importer, front: Mapping[str, Any], key_lines: Mapping[str, int],
             title: str) -> list[dict[str, str]]:
    for key in ("source", "url", "canonical", "canonical_url"):
        value = front.get(key)
        if isinstance(value, str) and re.match(r"(?i)^https?://[^\s/]+\S*$", value.strip()):
            importer.change(key_lines.get(key, 1), f"made the front matter '{key}' a source")
            return [{"title": title, "url": value.strip()}]
        if value is not None:
            importer.change(key_lines.get(key, 1), f"did not use the front matter '{key}' (not an "
                            "http(s) address)", _flat(value))
    return []


def _remaining_markup(importer: _Importer, block: Mapping[str, Any]) -> None:
    """Markup the check would refuse and no rule above removed: say so, do not hide it."""
    for key in ("title", "summary", "body"):
        for _written, message in links.markup_problems(str(block.get(key, ""))):
            importer.change(1, f"left in '{key}', fix it by hand: {message}")


def _link_target(url: str) -> str:
    """The entry id a link into the scraped site names: its last path segment."""
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    segment = re.sub(r"\.(html?|php|aspx?)$", "", segment, flags=re.I)
    return slugify(segment.replace("_", "-"))


def _entry_title(path: Path, lang: str) -> str | None:
    try:
        data = plain_yaml(path.read_text(encoding="utf-8-sig"))
        return str(data[lang]["title"])
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return None


def _repeats(quote: str, paragraph: str) -> bool:
    q, p = normalise(quote).casefold(), normalise(paragraph)
    if not q:
        return False
    if q in p.casefold():
        return True
    sentences = [s.casefold() for s in split_sentences(p)]
    p = p.casefold()
    windows = [p, *sentences, *(" ".join(pair) for pair in itertools.pairwise(sentences))]
    return any(difflib.SequenceMatcher(None, q, w, autojunk=False).ratio() >= PULL_QUOTE_RATIO
               for w in windows)


def _near(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 40 or min(len(a), len(b)) / max(len(a), len(b)) < NEAR_DUPLICATE_RATIO:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_DUPLICATE_RATIO


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return str(value)


def _excerpt(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


__all__ = [
    "Change",
    "ImportProblem",
    "ImportResult",
    "import_article",
    "import_patterns",
    "render_block",
    "run_import",
    "slugify",
    "splice_block",
    "split_sentences",
    "write_import",
]
