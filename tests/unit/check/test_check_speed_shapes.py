"""The checker's faster paths (issue 17, point 4) against the simple code they replaced.

Each fast path here was rewritten for speed only: same findings, same places. The old
code is kept below as the reference (a walk per character, a sort per paragraph, a
generator per link), and each property test draws inputs of the shapes that matter (runs
of brackets and backslashes, code spans, links written every way, texts of many near
paragraphs) and asks both for the same answer. No test here is timed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lexikon.check import near_duplicates
from lexikon.check.entry import _LINK_PARTS
from lexikon.core import links
from lexikon.core.markdown_code import without_code
from lexikon.core.model import Span

# --- the references: the code as it was -----------------------------------------------------------


def old_unclosed_bracket_cost(text: str) -> str | None:
    if text.count("[") * len(text) <= links.UNCLOSED_BRACKET_BUDGET:
        return None
    unclosed = 0
    escaped = False
    for char in without_code(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            unclosed += 1
        elif char == "]" and unclosed:
            unclosed -= 1
    if unclosed * len(text) <= links.UNCLOSED_BRACKET_BUDGET:
        return None
    return (f"{unclosed:,} '[' are never closed in this text of {len(text):,} characters: Markdown "
            "searches on from each one, which would take minutes; close them or write them as \\[")


def old_all_markup_problems(text: str, plain: bool = False) -> list[tuple[str, str]]:
    prose = without_code(text)
    autolinks = [match.span() for match in links._AUTOLINK.finditer(prose)]
    starts = [start for start, _ in autolinks]
    found = []
    for match in links._TAG_START.finditer(prose):
        before = bisect.bisect_right(starts, match.start()) - 1
        if before >= 0 and match.start() < autolinks[before][1]:
            continue
        if plain and not links._is_element(prose, match.start()):
            continue
        close = prose.find(">", match.start(), match.start() + links._TAG_WINDOW + 1)
        written = prose[match.start() : close + 1] if close >= 0 else match.group(0)
        written = written if "\n" not in written else match.group(0)
        found.append((written, (
            f"raw HTML '{written}' is not allowed: entries are Markdown only; write the text "
            "without tags, or put code in `backticks`")))
    found += [(match.group(0), (
        f"images ('{match.group(0)}…') are not shown from entries: nothing on a page may load "
        "from elsewhere; describe the picture in words, or link to it with [text](https://…)"))
        for match in links._IMAGE.finditer(prose)]
    found += [(match.group(0), (
        f"attribute lists ('{match.group(0)}') are not allowed in entries: remove the braces, "
        "or put code in `backticks`")) for match in links._ATTRIBUTE_LIST.finditer(prose)]
    for pattern, where in ((links._INLINE_LINK, prose), (links._REFERENCE_DEFINITION, text)):
        for match in pattern.finditer(where):
            problem = links.url_problem(match.group(1)) if match.group(1) else None
            if problem:
                found.append((match.group(1), problem))
    return found


def old_markup_problems(text: str, plain: bool = False) -> list[tuple[str, str]]:
    found = []
    if "[" in text and (costly := old_unclosed_bracket_cost(text)):
        found.append(("[", costly))
    if ("<" not in text and "{" not in text and "]" not in text) or not re.search(r"[<{]|\]\s*[(:\[]", text):
        return found
    for index, problem in enumerate(old_all_markup_problems(text, plain)):
        if index == links.MAX_PROBLEMS_PER_TEXT:
            found.append(("", "more markup follows in this text: entries are Markdown only; remove it all"))
            break
        found.append(problem)
    return found


def old_link_references(value: str, span: Span) -> list[tuple[str, int, int, str]]:
    locate = span.locator()
    return [(link.target, *locate(link.written), link.written) for link in links.cross_links(value)]


def old_indexed_earlier(prose: list[tuple[str, tuple[int, int]]], long: list[int]):  # type: ignore[no-untyped-def]
    nd = near_duplicates
    words = [set(prose[index][0].casefold().split()) for index in long]
    frequency = Counter(word for paragraph in words for word in paragraph)
    keys = [sorted((word for word in paragraph if frequency[word] > 1),
                   key=lambda word: (frequency[word], word))[:nd._KEYS] for paragraph in words]
    holders: dict[str, list[int]] = {}
    for position, paragraph_keys in enumerate(keys):
        for word in paragraph_keys:
            positions = holders.setdefault(word, [])
            if len(positions) < nd._PER_KEY:
                positions.append(position)

    def earlier(long_: list[int], position: int) -> list[int]:
        shared = Counter(other for word in keys[position] for other in holders[word] if other < position)
        enough, most = len(keys[position]) * nd._SHARE, len(keys[position]) * nd._MOST
        ranked = sorted((other for other, count in shared.items() if count >= enough),
                        key=lambda other: (-shared[other], other))[:nd._CANDIDATES]
        best = ranked[:nd._ALWAYS] + [other for other in ranked[nd._ALWAYS:] if shared[other] >= most]
        return [long_[other] for other in sorted(best)]

    return earlier


# --- markup: brackets, escapes, code ----------------------------------------------------------------
MARKUP_PIECES = ("[", "]", "[[", "]]", "\\", "\\[", "\\\\", "`", "``", "```\n", "~~~\n", "\n", "\n\n",
                 "a", "Wort ", "<b>", "</i>", "<https://x.y>", "<List>", "{: .x}", "{x}", "](",
                 "](javascript:x)", "](https://x.y)", "[a]: javascript:x\n", "]:", "![", "![bild](x.png)",
                 "[[id|Titel]]", " ")
markup_text = st.lists(st.sampled_from(MARKUP_PIECES), max_size=80).map("".join)


@settings(max_examples=500, deadline=None)
@given(markup_text, st.booleans(), st.sampled_from([0, 3, 40, 400, links.UNCLOSED_BRACKET_BUDGET]))
@example("[" * 30 + "\\" + "]" * 3 + "`[`" + "[", False, 10)
@example("]]][[[\\", False, 1)
def test_markup_problems_are_those_of_the_walk_per_character(text: str, plain: bool, budget: int) -> None:
    """Unclosed brackets counted on the brackets alone, code read once, and each pattern run
    only where its first characters occur: the same problems, in the same order. (A low
    budget makes short texts count as costly, so the count itself is compared.)"""
    with mock.patch.object(links, "UNCLOSED_BRACKET_BUDGET", budget):
        assert list(links.markup_problems(text, plain=plain)) == old_markup_problems(text, plain)


# --- cross-links: where each stands ------------------------------------------------------------------
LINK_PIECES = ("[[a]]", "|", "[[a|b|c]]", "[[ b-c ]]", "[[a|Titel]]", "[[a|]]", "[[|x]]", "[[x", "]]", "[",
               "\n", "\n    ", "Wort ", "[[[a]]", "[[a]]]", "[[Ü]]", '"', "\\n")
link_text = st.lists(st.sampled_from(LINK_PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(link_text, st.sampled_from(["literal", "verbatim", "quoted", "other"]))
def test_links_are_placed_as_one_at_a_time(value: str, style: str) -> None:
    """Links found in one ``findall`` and placed by the same locator: the same references."""
    raw = {"literal": "|\n    " + value.replace("\n", "\n    "), "verbatim": value,
           "quoted": '"' + value.replace("\n", "\\n") + '"', "other": "x"}[style]
    span = Span("glossary/t.yml", 7, 9, raw)
    locate = span.locator()
    new = [(target.strip(), *locate(link), link) for link, target, _ in _LINK_PARTS.findall(value)]
    assert new == old_link_references(value, span)


# --- near duplicates: the index of rare words ------------------------------------------------------
SYLLABLES = ("ka", "lo", "mi", "nu", "ter", "vak", "sen", "dor")
vocabulary_size = st.sampled_from([3, 8, 30, 200])


@st.composite
def paragraphs(draw: st.DrawFn) -> list[tuple[str, tuple[int, int]]]:
    """Many paragraphs (past the all-pairs limit, past the cap of holders per word) from a
    vocabulary of a few to a few hundred words, some copies with edits; upper case too, so
    that folding matters."""
    size = draw(vocabulary_size)
    words = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "St")][:size]
    count = draw(st.integers(17, 150))
    rng = draw(st.randoms(use_true_random=False))
    texts: list[str] = []
    for _ in range(count):
        if texts and rng.random() < 0.4:
            base = rng.choice(texts).split(" ")
            base[rng.randrange(len(base))] = rng.choice(words)
            texts.append(" ".join(base))
        else:
            texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))))
    return [(text, (index + 1, 1)) for index, text in enumerate(texts)]


@settings(max_examples=200, deadline=None)
@given(paragraphs())
def test_the_index_names_the_candidates_of_the_sorted_walk(prose: list[tuple[str, tuple[int, int]]]) -> None:
    long = [index for index, (text, _) in enumerate(prose) if len(text) >= near_duplicates.MIN_LENGTH]
    if len(long) < 2:
        return
    new, old = near_duplicates._indexed_earlier(prose, long), old_indexed_earlier(prose, long)
    assert [new(long, position) for position in range(len(long))] == \
        [old(long, position) for position in range(len(long))]


OLD_CROSS_LINK = re.compile(r"\[\[([^\[\]|\n]*?)(?:\|([^\[\]\n]*?))?\]\]")
"""The cross-link pattern with lazy parts, as it was."""


@settings(max_examples=500, deadline=None)
@given(link_text)
@example("[[a|b|c]] [[a||]] [[a]b]] [[|]] [[a|[b]]")
def test_the_greedy_cross_link_pattern_finds_what_the_lazy_one_found(text: str) -> None:
    assert [(m.span(), m.groups()) for m in links.CROSS_LINK.finditer(text)] == \
        [(m.span(), m.groups()) for m in OLD_CROSS_LINK.finditer(text)]


def old_locator(span: Span):  # type: ignore[no-untyped-def]
    newlines = [match.start() for match in re.finditer("\n", span.raw)]
    cursor = 0
    misses = 0

    def locate(needle: str) -> tuple[int, int]:
        nonlocal cursor, misses
        start = span.raw.find(needle, cursor) if misses < 8 else -1
        if start < 0:
            misses += 1
            return span.line, span.col
        cursor = start + 1
        count = bisect.bisect_left(newlines, start)
        if count == 0:
            return span.line, span.col + start
        return span.line + count, start - newlines[count - 1]

    return locate


@settings(max_examples=500, deadline=None)
@given(st.text("ab\n ", max_size=60), st.lists(st.text("ab\n", min_size=1, max_size=3), max_size=30))
@example("a\n\nb\na", ["\n", "a", "\n", "b", "x", "a"])
def test_the_locator_counts_lines_as_it_goes(raw: str, needles: list[str]) -> None:
    """Line ends counted only between one needle and the next: the places of the list of them all."""
    span = Span("glossary/t.yml", 4, 6, raw)
    new, old = span.locator(), old_locator(span)
    assert [new(needle) for needle in needles] == [old(needle) for needle in needles]


# --- paragraphs: where each block of a literal body stands -------------------------------------------
def old_block_locations(span: Span, blocks: list) -> dict[int, tuple[int, int]]:  # type: ignore[type-arg]
    locations: dict[int, tuple[int, int]] = {}
    if span.raw.startswith("|"):
        raw_lines = span.raw.split("\n")[1:]
        stripped = [line.strip() for line in raw_lines]
        starting: dict[str, list[int]] = {}
        for number, line in enumerate(stripped):
            starting.setdefault(line, []).append(number)
        position = 0
        for index, block in enumerate(blocks):
            wanted = [line.strip() for line in block.text.split("\n")]
            candidates = starting.get(wanted[0], [])
            nearest = bisect.bisect_left(candidates, position)
            for start in candidates[nearest : nearest + 8]:
                if stripped[start : start + len(wanted)] == wanted:
                    line = raw_lines[start]
                    locations[index] = (span.line + 1 + start, len(line) - len(line.lstrip()) + 1)
                    position = start + len(wanted)
                    break
    locate = span.locator()
    for index, block in enumerate(blocks):
        if index not in locations:
            locations[index] = locate(block.text.split("\n", 1)[0].strip())
    return locations


BODY_LINES = ("Absatz eins.", "Absatz eins.", "  eingerückt", "- Punkt", "\t- Tab", "", "", "   ", "```",
              "~~~", "    code", "## Titel", "> Zitat", "Zeile  ", "x")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BODY_LINES), max_size=30), st.sampled_from(["|", "|-", "|+", "|2", "| # c"]),
       st.sampled_from([2, 4]), st.sampled_from(["as written", "deduplicated", "edited"]))
def test_blocks_of_a_literal_body_are_placed_as_by_matching_lines(lines: list[str], header: str, indent: int,
                                                                  body_is: str) -> None:
    """Read off their lines when the body is as written, matched as before otherwise (a body
    that lost its duplicates already, a header with an indentation number): the same places."""
    from lexikon.check.blocks import split_blocks
    from lexikon.check.dedupe import _block_locations, deduplicate_text
    from lexikon.check.load import parse
    from lexikon.check.yaml_nodes import span_of

    pad = " " * indent
    source = "de:\n  title: T\n  summary: S.\n  body: " + header + "\n" + "".join(
        (pad + "  " + line if line.strip() else line) + "\n" for line in lines) + "tags: []\n"
    file, problems = parse(source, "glossary/t.yml", "t")
    if problems or file.root is None:
        return
    block = dict((key.value, value) for key, value in file.root.value)["de"]
    node = dict((key.value, value) for key, value in block.value).get("body")
    if node is None or not isinstance(node.value, str):
        return
    span = span_of(file, node)
    body = node.value
    if body_is == "deduplicated":
        from lexikon.core.model import Text

        body = deduplicate_text(Text("de", "T", "S.", body=body))[0].body
    elif body_is == "edited":
        body = body.replace("eins", "zwei", 1).replace("\n\n", "\n", 1)
    blocks = split_blocks(body)
    assert _block_locations(span, blocks, body) == old_block_locations(span, blocks)


# --- values: invisible characters looked for only where they can be -----------------------------------
VALUE_PIECES = ("Wort", " ", "\\u200b", "\\x1b", "\\t", "\\n", "'", "’", "\u00a0", "\u00ad", "#", ": ", "x")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VALUE_PIECES), min_size=1, max_size=12).map("".join),
       st.sampled_from(['"{}"', "'{}'", "{}", "|\n    {}\n"]), st.sampled_from(["title", "summary", "body"]))
def test_a_printable_file_spares_the_search_for_invisible_characters(text: str, quoting: str,
                                                                     field: str) -> None:
    """A file whose every character is printable (or a line end, a tab) can only hold other
    characters in a double-quoted value's escapes: the report is the one made looking
    everywhere."""
    import dataclasses

    from lexikon.check.entry import check_file
    from lexikon.check.load import parse
    from lexikon.core.settings import make_settings
    from tests.support.constants import LANGUAGES
    from tests.support.project import ROOT

    value = quoting.format(text.replace("\\", "") if quoting != '"{}"' else text)
    values = {"title": "T", "summary": "Ein Satz.", "body": "Text."} | {field: value}
    source = "de:\n" + "".join(f"  {key}: {values[key]}\n" for key in ("title", "summary", "body"))
    file, problems = parse(source, "glossary/t.yml", "t")
    if problems or file.root is None:
        return
    settings = make_settings(ROOT, LANGUAGES, None)
    assert check_file(file, settings) == check_file(dataclasses.replace(file, printable=False), settings)
