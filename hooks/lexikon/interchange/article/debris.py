"""Cleaning the debris scraped pages bring: markup, invisible characters, the site's chrome,
numbers glued to words, pull quotes and repeated paragraphs.

HTML comments, ``<script>`` and ``<style>`` go with their content; other tags go and their
text stays; attribute lists (``{: .x}``) go; non-breaking and invisible spaces are
normalised. ``##Heading`` gets its space; ``>`` lines with nothing after them go. A block
quote that repeats a paragraph (contained in it, or difflib ratio ≥ 0.8 with the paragraph
or one or two of its sentences) is a pull quote and goes. A paragraph equal to an earlier
one (the build's rule: NFC, white space collapsed) goes; a nearly equal one (the check's
:func:`~lexikon.check.near_duplicates.nearly_repeated`) stays and is reported (only an
editor can pick the right wording).
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from functools import cache

from lexikon.check.dedupe import normalise
from lexikon.check.near_duplicates import nearly_repeated
from lexikon.interchange.article.blocks import QUOTE
from lexikon.interchange.article.findings import Changes
from lexikon.interchange.article.links import LINK
from lexikon.interchange.article.page import Block, Line, Patterns, heading_like
from lexikon.interchange.words import letters, split_sentences

CHROME_CHARS = 500
"""A line of the site's chrome (navigation, footer, a banner) is never longer than this."""
PULL_QUOTE_RATIO = 0.8
"""Similarity (difflib ratio) from which a block quote counts as repeating a paragraph."""

HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_BLOCK = re.compile(r"<!--|<(script|style|noscript)\b[^<>]*>", re.I)
"""Where a comment, script or style starts; its end is looked for in :func:`_block_end` (one
pattern with a lazy ``.*?`` to the end scanned the rest of the text from every opener)."""
_HTML_BLOCK_ENDS = {name: re.compile(rf"</{name}\s*+>", re.I) for name in ("script", "style", "noscript")}
_BREAK_TAG = re.compile(r"(?i)^<br\b")
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&apos;": "'",
             "&shy;": "", "&ndash;": "–", "&mdash;": "—", "&hellip;": "…", "&bdquo;": "„",
             "&ldquo;": "“", "&rdquo;": "”"}
_ENTITY = re.compile("|".join(re.escape(e) for e in _ENTITIES))
_INVISIBLE = re.compile("[\u00a0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters an entry may not keep: invisible and bidi format characters, control
characters (the checker refuses them); a non-breaking space becomes a space."""
_ATTRIBUTE_LIST = re.compile(r"(?<!\s)\s*\{:?\s*[.#][^{}\n]*\}")
_HEADING_NO_SPACE = re.compile(r"^( {0,3})(#{1,6})(?=[^\s#])")
"""``##Heading``: a heading whose marker lacks its space."""
_EMPTY_QUOTE = re.compile(r"^ {0,3}>[\s>]*$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_SPACES_IN_TEXT = re.compile(r"(?<=\S) {2,}")
"""Spaces a removed tag left behind (the lookbehind: each run is scanned once)."""


@cache
def _glued_number() -> re.Pattern[str]:
    capitals, small = letters()
    return re.compile(rf"^(\d{{1,3}})(?=[A-Z{capitals}][a-z{small}])")


def clean_html_blocks(text: str, first_line: int, changes: Changes) -> str:
    """Comments, scripts and styles, with their content; line breaks kept. An opener without
    an end stays (and a later one of its kind is not searched again)."""
    parts: list[str] = []
    done, position, unclosed = 0, 0, set()
    while (start := _HTML_BLOCK.search(text, position)) is not None:
        kind = (start.group(1) or "").lower()
        end = -1 if kind in unclosed else _block_end(text, start.end(), kind)
        if end < 0:
            unclosed.add(kind)
            position = start.start() + 1
            continue
        block = text[start.start():end]
        first_line += text.count("\n", done, start.start())
        what = "an HTML comment" if not kind else f"a <{start.group(1)}> block"
        changes.add(first_line, f"removed {what} (not shown on a page)", block)
        first_line += block.count("\n")
        parts += [text[done:start.start()], "\n" * block.count("\n")]
        done = position = end
    return "".join(parts) + text[done:]


def _block_end(text: str, position: int, kind: str) -> int:
    if not kind:
        end = text.find("-->", position)
        return end + 3 if end >= 0 else -1
    found = _HTML_BLOCK_ENDS[kind].search(text, position)
    return found.end() if found else -1


def clean_line(line: Line, patterns: Patterns, changes: Changes) -> None:
    """One line without invisible characters, HTML, attribute lists, link definitions and chrome."""
    text = _characters(line, changes)
    pieces = _code_and_prose(text)
    tags = [tag for piece, code in pieces if not code for tag in HTML_TAG.findall(piece)]
    if tags:
        text = "".join(piece if code else _without_tags(piece) for piece, code in pieces)
        text = _SPACES_IN_TEXT.sub(" ", text).rstrip()
        changes.add(line.no, "removed raw HTML tags, kept their text", " ".join(tags))
    entities = _ENTITY.findall(text)
    if entities:
        text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
        changes.add(line.no, f"replaced HTML entities {', '.join(dict.fromkeys(entities))} by characters")
    attributes = _ATTRIBUTE_LIST.findall(text)
    if attributes:
        text = _ATTRIBUTE_LIST.sub("", text)
        changes.add(line.no, "removed an attribute list (entries hold no markup)",
                    " ".join(a.strip() for a in attributes))
    if _REFERENCE_DEFINITION.match(text):
        changes.add(line.no, "removed a link reference definition (links into the scraped site "
                    "do not work here)", text.strip())
        text = ""
    line.text = _lines_chrome(line.no, _heading_space(line.no, text, changes), patterns, changes).rstrip()


_CODE_SPAN = re.compile(r"``(?:[^`]|`(?!`))*+``|`[^`]*+`")
"""A code span fenced by one or two backticks (the HTML reader writes ``<code>`` so)."""


def _code_and_prose(text: str) -> list[tuple[str, bool]]:
    """The line in pieces, each a code span (True: a tag in it is text, shown as written) or not."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        pieces += [(text[last:match.start()], False), (match.group(0), True)]
        last = match.end()
    return [*pieces, (text[last:], False)]


def _without_tags(text: str) -> str:
    return HTML_TAG.sub(lambda m: " " if _BREAK_TAG.match(m.group(0)) else "", text)


def _characters(line: Line, changes: Changes) -> str:
    text = line.text
    if _INVISIBLE.search(text):
        for char in dict.fromkeys(_INVISIBLE.findall(text)):
            if char == "\u00a0":
                changes.add(line.no, "made non-breaking spaces plain spaces")
            else:
                changes.add(line.no, f"removed the invisible character U+{ord(char):04X} "
                            f"({unicodedata.name(char, 'a control character')})", char)
        text = _INVISIBLE.sub(lambda m: " " if m.group(0) == "\u00a0" else "", text)
    return text


def _heading_space(no: int, text: str, changes: Changes) -> str:
    missing_space = _HEADING_NO_SPACE.match(text)
    if missing_space and len(missing_space.group(2)) == 1 and not heading_like(text.lstrip("# ")):
        missing_space = None  # '#hashtag' or '#1 in a sentence…': not a heading
    if missing_space:
        text = _HEADING_NO_SPACE.sub(r"\1\2 ", text)
        changes.add(no, f"added the space after '{missing_space.group(2)}' in a heading")
    return text


_LINE_MARKER = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-*+•]\s+)")
_MORE_ARROW = re.compile(r"(?<!\s)\s*(?:→|»|›|>|…|\.\.\.)$")
"""A chrome line's closing arrow (``Weiterlesen →``); the lookbehind starts it once per run
of spaces (without it each space of a long run starts a scan of the run)."""


def _lines_chrome(no: int, text: str, patterns: Patterns, changes: Changes) -> str:
    if _EMPTY_QUOTE.match(text):
        changes.add(no, "removed an empty quote line", text.strip())
        return ""
    if not text.strip():
        return text
    plain = LINK.sub(lambda m: m.group(2), text)
    plain = _LINE_MARKER.sub("", plain)
    plain = plain.replace("**", "").replace("__", "").strip().strip("*_ ").strip()
    bare = _MORE_ARROW.sub("", plain).strip() if len(plain) <= CHROME_CHARS else ""
    if bare and any(pattern.fullmatch(bare) for pattern in patterns.chrome):
        changes.add(no, "removed site chrome (navigation or footer of the scraped site)", text.strip())
        return ""
    kind = patterns.boilerplate.kind(plain) if len(plain) <= CHROME_CHARS else None
    if kind:
        changes.add(no, f"removed {kind} (boilerplate of the scraped site)", text.strip())
        return ""
    return text


_WORD = re.compile(r"\S+")


def glued_numbers(blocks: list[Block], changes: Changes) -> None:
    """A number glued to a paragraph's first word (``1Der``) goes."""
    for block in blocks:
        if block.kind != "para":
            continue
        line = block.lines[0]
        match = _glued_number().match(line.text.lstrip())
        if match:
            stripped = line.text.lstrip()
            word = _WORD.match(stripped[match.end():])
            line.text = stripped[match.end():]
            changes.add(line.no, f"removed the paragraph number '{match.group(1)}' glued to "
                        f"'{word.group(0) if word else ''}'", match.group(1))


def pull_quotes(blocks: list[Block], changes: Changes) -> list[Block]:
    paragraphs = [b for b in blocks if b.kind == "para"]
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "quote":
            quoted = " ".join(QUOTE.sub("", line.text) for line in block.lines)
            match = next((p for p in paragraphs if _repeats(quoted, p.text)), None)
            if match is not None:
                changes.add(block.no, f"removed a pull quote that repeats the paragraph on line "
                            f"{match.no}", quoted.strip())
                continue
        kept.append(block)
    return kept


def duplicates(blocks: list[Block], changes: Changes) -> list[Block]:
    seen: dict[str, int] = {}
    kept: list[Block] = []
    prose: list[tuple[str, Block]] = []
    for block in blocks:
        if block.kind in ("heading", "code"):
            kept.append(block)
            continue
        key = normalise(block.text)
        if key in seen:
            changes.add(block.no, f"removed a repeated paragraph (same as line {seen[key]})", block.text)
            continue
        seen[key] = block.no
        prose.append((key, block))
        kept.append(block)
    for later, earlier in nearly_repeated(prose):  # the check's own search: linear
        changes.add(prose[later][1].no, f"kept a paragraph that nearly repeats the one on line "
                    f"{prose[earlier][1].no}: keep the better wording and delete the other (the check warns)")
    return kept


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

