"""The entry's fields from the article: title, summary, highlights, tags and sources.

- The title is the front matter's ``title``, else the first ``# H1`` (removed from the
  body), else the term of a question heading at the top (``Was ist X?`` / ``Hvad er X?``:
  the heading stays in the body), else a heading-like first line of plain text, else the
  id with hyphens as spaces (reported as a guess). An H1 that repeats the front matter
  title is removed; any other H1 becomes ``##``.
- A highlights section (a heading, or a bold line, from the locale's patterns followed by
  a list) becomes ``highlights``; the heading goes (the page has its own).
- The summary is the front matter's ``description``, else the first one or two sentences
  of the first paragraph (two when the first is short); that paragraph stays in the body
  unless it is the summary entirely. A paragraph equal to the description goes.
- ``keywords`` become tags when they are a tag id or label in ``_tags.yml`` (any case);
  ``source``/``url`` becomes a source. Other front matter keys are reported as not used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lexikon.check.dedupe import normalise
from lexikon.check.tags import read_tag_file, tag_key, tag_names
from lexikon.core.settings import Language, Settings
from lexikon.interchange.article.blocks import list_items
from lexikon.interchange.article.debris import HTML_TAG
from lexikon.interchange.article.findings import Changes, flat
from lexikon.interchange.article.links import LINK
from lexikon.interchange.article.page import Block, Patterns, strip_site_name
from lexikon.interchange.words import split_sentences

SHORT_SENTENCE = 80
"""A first sentence shorter than this (in characters) takes the second into the summary."""
_EMPHASIS = re.compile(r"[*_]")
_HTTP = re.compile(r"(?i)^https?://[^\s/]++\S*+$")
SUMMARY_SCAN = 4000
"""Characters of the first paragraph split into sentences first, to find the summary's two."""
FRONT_TITLE = "the front matter 'title'"
USED_FRONT_MATTER = ("title", "description", "lang", "language", "keywords", "tags", "source", "url",
                     "canonical", "canonical_url")


def title(blocks: list[Block], fm_title: str | None, title_line: int, patterns: Patterns,
          changes: Changes, origin: str = FRONT_TITLE) -> tuple[str | None, list[Block]]:
    found = fm_title
    if found:
        changes.add(title_line, f"took the title from {origin}")
    kept: list[Block] = []
    first_h1 = True
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            text = block.heading_text
            if first_h1 and found is None:
                found = text
                changes.add(block.no, f"took the title '{text}' from the first heading (removed "
                            "from the body)")
            elif first_h1 and normalise(text).casefold() == normalise(found or "").casefold():
                changes.add(block.no, "removed the '# ' heading that repeats the title")
            elif first_h1 and is_seo_title(found or "", text):
                changes.add(block.no, f"took the title '{text}' from the first heading (removed from the "
                            f"body): '{found}' is the page's title for search engines")
                found = text
            else:
                block.level = 2
                changes.add(block.no, f"made the '# {text}' heading a '## ' heading (the page's "
                            "title is the only H1)")
                kept.append(block)
            first_h1 = False
            continue
        kept.append(block)
    if (found is None and len(kept) > 1 and kept[0].kind == "para" and kept[1].kind == "heading"
            and is_seo_title(kept[0].text, kept[1].heading_text)):
        found = kept[1].heading_text  # plain text: a title for search engines above the real one
        changes.add(kept[1].no, f"took the title '{found}' from this heading (removed from the body)")
        changes.add(kept[0].no, "removed the page's title for search engines (the title is "
                    f"'{found}')", kept[0].text)
        kept = kept[2:]
    if found is not None:
        return _seo_title(found, found == fm_title and origin == FRONT_TITLE, title_line, kept, changes)
    first = next((b for b in kept if b.kind == "heading"), None)
    if first is not None and kept.index(first) == 0:
        term = patterns.question_term(first.heading_text)
        if term:
            found = term[0].upper() + term[1:]
            changes.add(first.no, f"took the title '{found}' from the question heading "
                        f"'{first.heading_text}' (the heading stays in the body)")
    return found, kept


def without_links(title: str | None, line: int, changes: Changes) -> str | None:
    """A title links nowhere: a link in it (a heading of a page) is its text, an image nothing."""
    plain = LINK.sub(lambda m: "" if m.group(1) else m.group(2), title) if title else title
    if plain != title:
        changes.add(line, f"made the links in the title their text: '{plain}'", title or "")
    return plain


def question_title(title: str | None, line: int, patterns: Patterns, changes: Changes) -> str | None:
    """A page titled as a question ("Was ist Cloud Computing?", a blog's favourite) is the entry
    of the term it asks about; the question is said in the report."""
    term = patterns.question_term(title) if title else None
    if not term:
        return title
    found = term[0].upper() + term[1:]
    changes.add(line, f"took the title '{found}' from the question '{title}'")
    return found


def is_seo_title(long: str, short: str) -> bool:
    """``long`` is ``short`` with a site's name or a search engine tail after a separator."""
    long, short = normalise(long).casefold(), normalise(short).casefold()
    return bool(short) and long != short and strip_site_name(long) == short


def _seo_title(found: str, from_front: bool, line: int, kept: list[Block],
               changes: Changes) -> tuple[str, list[Block]]:
    """A page's title for search engines gives way to the real title after it; without one
    it loses its tail (``Offshoring – Definition, Vorteile & Nachteile | IT-Lexikon``)."""
    first = kept[0] if kept else None
    if first is not None and first.kind == "heading" and is_seo_title(found, first.heading_text):
        changes.add(first.no, f"took the title '{first.heading_text}' from this heading (removed from the "
                    f"body): '{found}' is the page's title for search engines")
        return first.heading_text, kept[1:]
    if (first is not None and first.kind == "para" and len(first.lines) == 1
            and is_seo_title(first.text, found)):
        changes.add(first.no, "removed the page's title for search engines (the title is "
                    f"'{found}')", first.text)
        return found, kept[1:]
    bare = strip_site_name(found)
    if from_front and bare and bare != found:
        changes.add(line, f"took the title '{bare}' from '{found}' without the tail after the separator "
                    "(the site's name or words for search engines)")
        return bare, kept
    return found, kept


def highlights(blocks: list[Block], patterns: Patterns, changes: Changes) -> tuple[list[Block], list[str]]:
    kept: list[Block] = []
    items: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        name = block.heading_text if block.kind == "heading" else (
            block.text.strip().strip("*_").strip() if block.kind == "para" and len(block.lines) == 1
            else "")
        if (name and following is not None and following.kind == "list"
                and any(p.fullmatch(name) for p in patterns.highlight_headings)):
            found = list_items(following)
            items.extend(found)
            changes.add(block.no, f"moved the '{name}' section ({len(found)} items) "
                        "into 'highlights' (the page shows them in a box with its own heading)", name)
            index += 2
            continue
        kept.append(block)
        index += 1
    return kept, items


def summary(blocks: list[Block], description: str | None, description_line: int, title: str,
            changes: Changes) -> tuple[str, list[Block]]:
    """The summary, never the title again: '' when no paragraph says more (the entry becomes a draft)."""
    title_key = _key(title)
    if description and _key(description) == title_key:
        changes.add(description_line, "did not use the front matter 'description': it repeats the title",
                    description)
        description = None
    if description:
        changes.add(description_line, "took the summary from the front matter 'description'")
        key = normalise(description)
        for block in blocks:
            if block.kind == "para" and normalise(block.text) == key:
                changes.add(block.no, "removed a paragraph that repeats the summary", block.text)
        return description, [b for b in blocks if b.kind != "para" or normalise(b.text) != key]
    for block in blocks:
        if block.kind == "para" and _key(block.text) == title_key:
            changes.add(block.no, "removed a paragraph that repeats the title", block.text)
    blocks = [b for b in blocks if b.kind != "para" or _key(b.text) != title_key]
    first = next((b for b in blocks if b.kind == "para"), None)
    if first is None:
        return "", blocks
    paragraph = " ".join(line.text.strip() for line in first.lines)
    sentences = _first_sentences(paragraph, title_key)
    chosen = sentences[:1]
    if len(sentences) > 1 and len(chosen[0]) < SHORT_SENTENCE:
        chosen = sentences[:2]
    text = " ".join(chosen)
    if normalise(text) == normalise(paragraph):
        changes.add(first.no, "moved the first paragraph into 'summary' (it is one or two sentences)")
        return text, [b for b in blocks if b is not first]
    which = "sentence" if len(chosen) == 1 else "two sentences"
    changes.add(first.no, f"took the summary from the first {which} of this paragraph (the "
                "paragraph stays in the body)")
    return text, blocks


def _first_sentences(paragraph: str, title_key: str) -> list[str]:
    """The paragraph's first two sentences that are not the title. A long paragraph is split
    only as far as they go (a line of 10 MB took seconds): a sentence the cut may have ended
    early is not taken."""
    for size in (SUMMARY_SCAN, len(paragraph)):
        found = split_sentences(paragraph[:size])
        whole = found if size >= len(paragraph) else found[:-1]
        sentences = [s for s in whole if _key(s) != title_key][:2]
        if len(sentences) == 2 or size >= len(paragraph):
            return sentences
    return []


def _key(text: str) -> str:
    """Text as compared with the title: case, spacing, markup and closing punctuation aside."""
    return normalise(_EMPHASIS.sub("", text)).casefold().rstrip(" .:!?")


def front_text(front: Mapping[str, Any], key: str, key_lines: Mapping[str, int],
               changes: Changes) -> str | None:
    value = front.get(key)
    if value is None:
        return None
    if isinstance(value, list | dict):
        changes.add(key_lines.get(key, 1), f"did not use the front matter '{key}' (not text)", flat(value))
        return None
    text = " ".join(str(value).split())
    cleaned = HTML_TAG.sub("", text)
    if cleaned != text:
        changes.add(key_lines.get(key, 1), f"removed raw HTML from the front matter '{key}'",
                    " ".join(HTML_TAG.findall(text)))
    return " ".join(cleaned.split()) or None


def tags(front: Mapping[str, Any], key_lines: Mapping[str, int], glossary_dir: Path,
         languages: Sequence[str], changes: Changes) -> list[str]:
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
    known = _known_tags(glossary_dir, languages)
    found: list[str] = []
    for word in words:
        tag = known.get(tag_key(word))
        line = key_lines.get("keywords", key_lines.get("tags", 1))
        if tag is None:
            changes.add(line, f"did not use the keyword '{word}': no tag in _tags.yml has this id "
                        "or label", word)
        elif tag not in found:
            found.append(tag)
            changes.add(line, f"made the keyword '{word}' the tag '{tag}'")
    return found


def _known_tags(glossary_dir: Path, languages: Sequence[str]) -> dict[str, str]:
    """Tag ids and labels (:func:`tag_key`) → tag id, as the check reads the tag file."""
    codes = tuple(Language(code, code, i == 0) for i, code in enumerate(languages))
    return tag_names(read_tag_file(Settings(glossary_dir.parent, codes, glossary_dir)) or {})


def sources(front: Mapping[str, Any], key_lines: Mapping[str, int], title: str,
            changes: Changes, where: str = "") -> list[dict[str, str]]:
    """The source the front matter (or a web page's canonical link, ``where``) names."""
    where = where or "the front matter"
    for key in ("source", "url", "canonical", "canonical_url"):
        value = front.get(key)
        if isinstance(value, str) and _HTTP.match(value.strip()):
            changes.add(key_lines.get(key, 1), f"made {where} '{key}' a source")
            return [{"title": title, "url": value.strip()}]
        if value is not None:
            changes.add(key_lines.get(key, 1), f"did not use {where} '{key}' (not an "
                        "http(s) address)", flat(value))
    return []


def language(front: Mapping[str, Any], key_lines: Mapping[str, int], lang: str, changes: Changes) -> None:
    """A page that says it is in another language than ``--lang``: one warning naming both (it
    is imported as asked: a page may declare its language wrongly)."""
    for key in ("lang", "language"):
        declared = front.get(key)
        if isinstance(declared, str) and declared.strip():
            code = declared.strip().replace("_", "-").split("-")[0].casefold()
            if code != lang.casefold():
                changes.add(key_lines.get(key, 1), f"warning: the page says it is in '{declared.strip()}' "
                            f"({key}), not in '{lang}': imported as '{lang}' as --lang says; if the "
                            f"text is '{code}', import it with --lang {code}")
            return


def unused_front_matter(front: Mapping[str, Any], key_lines: Mapping[str, int], changes: Changes,
                        lang: str) -> None:
    """Keys no rule used, reported; and a declared language other than ``lang``."""
    language(front, key_lines, lang, changes)
    for key in front:
        if key not in USED_FRONT_MATTER:
            changes.add(key_lines.get(str(key), 1), f"did not use the front matter '{key}'", flat(front[key]))
