"""Stage 4: the Markdown of every generated page, per language, from a checked glossary.

Pure text in, text out: the site adapter decides where the pages go. The page's own
markup is ours alone: an editor's Markdown (summary, body, highlights) enters a page only
as sanitized HTML made by :mod:`lexikon.render.markup`, and every other piece of editor text
(titles, aliases, labels, tooltips, head fields) through one of :mod:`lexikon.core.escape`'s
functions for the context it lands in.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import lxml.html

from lexikon.core import escape, links
from lexikon.core.history import EntryDates as Change
from lexikon.core.history import atom_feed
from lexikon.core.locale import Locale, load_locale
from lexikon.core.model import Entry, Glossary, Source, Text
from lexikon.core.settings import CHANGES_PAGE, DATA_PAGE, INDEX_PAGE, PRINT_PAGE, Settings, stable_iri
from lexikon.render import graph
from lexikon.render.markup import Block, EntryMarkup, Link, Resolve, heading_id, page_markdown

LanguageUrl = Callable[[str, str, str], str]
"""``(from_lang, to_lang, path) -> href``: the link from a page to its twin in another
language. Same-language links are plain relative ``.md`` links; only the site knows
where the languages' trees are."""


@dataclass(frozen=True)
class Page:
    """One generated page in one language."""

    path: str
    """Language-neutral source path, e.g. ``terms/backsourcing.md``."""
    lang: str
    markdown: str
    entry_id: str | None = None
    """The entry a term page shows (for its edit link)."""
    structured_data: Mapping[str, object] | None = field(default=None, compare=False)
    """schema.org JSON-LD describing the page (a DefinedTerm or DefinedTermSet)."""
    search_terms: tuple[str, ...] = ()
    """Words that find this page in search above any mention in a text: aliases, word
    forms, the term in other languages."""
    style: str = ""
    """CSS this page needs in its head (the index's tag filter: one rule per tag)."""
    in_nav: bool = False
    """Listed in the navigation (the index pages); term pages never are: with thousands
    of terms, a nav in every page makes the build quadratic."""
    translated: bool = True
    """Written in its language; a missing translation's page (the other language's text
    under this language's frame) is no alternate of the others and not in the sitemap."""


AbsoluteUrl = Callable[[str, str], str]
"""``(lang, path) -> url``: a page's address as search engines see it."""
PageHref = Callable[[str, str, str], str]
"""``(lang, from_path, to_path) -> href``: a link written in HTML (which MkDocs does not
rewrite, unlike Markdown links to ``.md`` files)."""


def render_site(glossary: Glossary, settings: Settings, language_url: LanguageUrl,
                absolute_url: AbsoluteUrl | None = None, page_href: PageHref | None = None,
                history: Mapping[str, Change] | None = None) -> list[Page]:
    """Every generated page of every language."""
    inbound = backlinks(glossary)
    pages: list[Page] = []
    for code in glossary.languages:
        locale = load_locale(code)
        renderer = _Renderer(glossary, settings, locale, inbound, language_url, absolute_url, page_href)
        pages.append(renderer.changes_page(history or {}))
        pages.extend(renderer.term_page(entry) for entry in glossary.entries.values())
        pages.append(renderer.index_page())
        pages.append(renderer.print_page())
        pages.append(renderer.data_page())
        pages.append(renderer.tags_page())
        pages.extend(renderer.tag_page(tag_id) for tag_id in glossary.tags)
    return pages


def feeds(glossary: Glossary, settings: Settings, history: Mapping[str, Change],
          absolute_url: AbsoluteUrl | None, page_href: PageHref | None = None,
          identity: str = "Lexikon", authors: Mapping[str, str] | None = None) -> dict[str, str]:
    """Per language, the Atom feed of new and changed terms, written by ``authors[code]``
    (the site's name in that language).

    Without absolute addresses (no ``site_url``), links are relative to the feed (at the
    language's root) and ids are host-free URNs made from ``identity`` (RFC 4287 wants
    ids that are full IRIs and never change).
    """
    result = {}
    for code in glossary.languages:
        locale = load_locale(code)
        renderer = _Renderer(glossary, settings, locale, {}, lambda a, b, p: p, absolute_url, page_href)
        if absolute_url is not None:
            feed_url = absolute_url(code, "feed.xml").removesuffix("/")
            feed_id, home = feed_url, absolute_url(code, "index.md")
        else:
            feed_url, feed_id, home = "feed.xml", stable_iri(identity, code, "feed"), "./"
        result[code] = atom_feed(title=locale("feed_title"), feed_url=feed_url, feed_id=feed_id,
                                 site_url=home, lang=code, items=renderer.feed_items(history, identity),
                                 author=(authors or {}).get(code))
    return result


GRAPH_MARKER = "<!-- lexikon:graph -->"
"""Where a hand-written page (the home page) wants the picture of the whole lexicon."""


def lexicon_graphs(glossary: Glossary, settings: Settings, page_href: PageHref | None = None,
                   path: str = "index.md") -> dict[str, str]:
    """Per language, the picture of the whole lexicon as seen from the page at ``path``."""
    return {  # the whole picture needs no backlinks: every link is an edge already
        code: _Renderer(glossary, settings, load_locale(code), {}, lambda a, b, p: p,
                        page_href=page_href).lexicon_graph(path)
        for code in glossary.languages
    }


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
    lazy emphasis regexes): every pattern here stops at the next bracket or marker.
    """

    def label(link: links.CrossLink) -> str:
        if link.label:
            return link.label
        entry = glossary.entries.get(link.target) if glossary else None
        return title_of(entry, lang) if entry else link.target

    text = links.replace_cross_links(markdown, label)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _CODE_SPAN.sub(r"\1", text)
    return " ".join(_without_emphasis(text).split())


_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
_CODE_SPAN = re.compile(r"`([^`]+)`")
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


escape_inline = escape.markdown_text
"""Plain text in a page's Markdown (the name the tests and older callers know)."""


OTHER_LANGUAGE_CLASS = "lexikon-other-language-"
"""Formerly the admonition type of text shown in another language than the page's (the
site adapter turned it into a ``lang`` attribute). The box is now our own HTML around
sanitized text and carries its ``lang`` itself; the adapter's rewrite finds nothing."""


NOT_SEARCHED = {"exclude": True}
"""Material's front matter for pages that only repeat other pages' words (the printable
lexicon, the change list): searching a term should find its page, not these."""


@functools.lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    """``posixpath.relpath``, remembered: term pages link to the same few folders."""
    return posixpath.relpath(target, folder or ".")


_HEAD_FIELDS = ("title", "description")
"""Front matter the templates write into the page (``<title>``, ``<meta>``, the header,
the nav) without escaping: they are HTML, escaped here once."""


def _front_matter(**values: object) -> str:
    """YAML front matter; each value written as JSON, which YAML reads as it is (and which
    is ten times quicker to write than through PyYAML's emitter)."""
    values = {key: escape.head_text(value) if key in _HEAD_FIELDS and isinstance(value, str) else value
              for key, value in values.items()}
    lines = (f"{key}: {escape.yaml_value(value)}" for key, value in values.items())
    return "---\n" + "\n".join(lines) + "\n---\n\n"


class _Renderer:
    """The pages of one language."""

    def __init__(self, glossary: Glossary, settings: Settings, locale: Locale,
                 inbound: Mapping[str, tuple[str, ...]], language_url: LanguageUrl,
                 absolute_url: AbsoluteUrl | None = None, page_href: PageHref | None = None) -> None:
        self.glossary = glossary
        self.settings = settings
        self.locale = locale
        self.lang = locale.code
        self.inbound = inbound
        self.language_url = language_url
        self.absolute_url = absolute_url
        self.page_href = page_href or (lambda lang, origin, target: self.relative(target, origin))
        self._plain: dict[str, str] = {}
        self._markup: EntryMarkup | None = None
        self._html: dict[tuple, object] = {}

    # paths -----------------------------------------------------------------
    def term_path(self, entry_id: str) -> str:
        return f"{self.settings.terms_path}/{entry_id}.md"

    def index_path(self) -> str:
        return f"{self.settings.terms_path}/{INDEX_PAGE}"

    def tag_path(self, tag_id: str) -> str:
        return f"{self.settings.tags_path}/{tag_id}.md"

    def tags_index_path(self) -> str:
        return f"{self.settings.tags_path}/{INDEX_PAGE}"

    @staticmethod
    def relative(target: str, origin: str) -> str:
        return _relative(target, posixpath.dirname(origin))

    # pieces ----------------------------------------------------------------
    def plain_summary(self, entry: Entry, lang: str | None = None) -> str:
        """The summary as plain text, in ``lang`` (this page's) or the first language the
        entry has (cached: every link to a term carries it as tooltip)."""
        lang = lang or self.lang
        cached = self._plain.get((entry.id, lang))
        if cached is None:
            text = entry.texts.get(lang) or next(iter(entry.texts.values()))
            cached = self._plain[(entry.id, lang)] = plain_text(text.summary, self.glossary, text.lang)
        return cached

    def link_to(self, entry_id: str, origin: str, label: str | None = None) -> str:
        """A link to a term in a page's Markdown: an inline tag of ours, the term's summary
        as tooltip, the label as escaped text (never Markdown link syntax around editor text)."""
        entry = self.glossary.entries[entry_id]
        text = escape.markdown_text(label if label is not None else title_of(entry, self.lang))
        href = self.page_href(self.lang, origin, self.term_path(entry_id))
        tooltip = escape.link_title(self.plain_summary(entry))
        if self.lang in entry.texts:
            return f'<a href="{escape.url_attr(href)}" title="{tooltip}">{text}</a>'
        # Not yet in this language: title and tooltip are another language's words, marked
        # as such (screen readers switch voice), and the reader is told, as in the index.
        shown = escape.html_attr(next(iter(entry.texts)))
        return (f'<a href="{escape.url_attr(href)}" title="{tooltip}" lang="{shown}">{text}</a> '
                f"*({escape_inline(self.locale('missing_marker'))})*")

    def resolver(self, label_lang: str | None = None) -> Resolve:
        """Cross-links to this language's page of the target, its summary as tooltip; the
        address a placeholder (:meth:`place` writes it for the page the text stands on), so
        that a text is converted once for its term page and the printable lexicon.
        ``label_lang`` names the targets in another language, for text shown in that one."""

        title_locale = load_locale(label_lang) if label_lang else self.locale

        def resolve(target: str, label: str | None, mid_sentence: bool) -> Link | None:
            entry = self.glossary.entries.get(target)
            if entry is None:
                return None
            if not label:
                label = title_of(entry, label_lang or self.lang)
                label = mid_sentence_title(label, title_locale) if mid_sentence else label
            text_lang = label_lang or self.lang
            foreign = "" if text_lang in entry.texts else next(iter(entry.texts))
            return Link(f"{_TERM_HREF_PREFIX}{target}", label, self.plain_summary(entry, label_lang), foreign)

        return resolve

    def place(self, html: str, origin: str) -> str:
        """Sanitized HTML with each cross-link's address made the link from ``origin``."""

        def href(match: re.Match[str]) -> str:
            target = match.group(1)
            if target not in self.glossary.entries:
                return match.group(0)
            return f'<a href="{escape.html_attr(self.page_href(self.lang, origin, self.term_path(target)))}"'

        return _TERM_HREF.sub(href, html) if _TERM_HREF_PREFIX in html else html

    @property
    def markup(self) -> EntryMarkup:
        if self._markup is None:
            self._markup = EntryMarkup()
        return self._markup

    def _converted(self, key: tuple, make: Callable[[], object]) -> object:
        """What ``make`` gives, once per text (term page and printable lexicon share it)."""
        if key not in self._html:
            self._html[key] = make()
        return self._html[key]

    def body_markdown(self, markdown: str, origin: str, label_lang: str | None = None, shift: int = 0,
                      taken: set[str] | None = None, autolink: Entry | None = None) -> str:
        """An editor's Markdown as pieces of the page at ``origin``: sanitized HTML blocks,
        headings as the page's own (escaped text, ids of ours: ``taken`` holds the page's),
        the first mention of other terms linked when ``autolink`` names the page's entry."""
        blocks = self._converted(("body", markdown, label_lang),
                                 lambda: self.markup.blocks(markdown, self.resolver(label_lang)))
        if autolink is not None:
            blocks = self.autolinked(blocks, markdown, autolink)  # type: ignore[arg-type]
        placed = [dataclasses.replace(block, html=self.place(block.html, origin)) if block.html else block
                  for block in blocks]  # type: ignore[attr-defined]
        return page_markdown(placed, shift, taken)

    def lead(self, summary: str, origin: str, label_lang: str | None = None) -> str:
        """The summary as the page's lead paragraph (sanitized HTML, a raw block)."""
        html = self._converted(("lead", summary, label_lang), lambda: self.markup.paragraph(
            summary.strip(), self.resolver(label_lang), "lexikon-lead"))
        return self.place(html, origin) + "\n"  # type: ignore[operator]

    def highlights_html(self, items: tuple[str, ...], origin: str, title: str | None) -> str:
        """Key points as a list (in an admonition box when ``title`` is given), as HTML."""
        source = "\n".join("- " + item.strip().replace("\n", "\n  ") for item in items)
        html = self.place(self._converted(("highlights", source), lambda: self.markup.html(
            source, self.resolver())), origin)  # type: ignore[arg-type]
        if title is None:
            return html + "\n"
        return (f'<div class="admonition abstract"><p class="admonition-title">{escape.html_text(title)}</p>'
                f"{html}</div>\n")

    def autolinked(self, blocks: list[Block], body: str, entry: Entry) -> list[Block]:
        """``blocks`` (the converted body) with the first mention of each other term made a
        link: on the element tree, in text outside code, links, headings and tables, so that
        nothing but the linked words can change (no Markdown is written into the text).
        Never to the page's own term, nor to a term the body already links to."""
        matcher = self.mention_matcher()
        if matcher is None:
            return blocks
        linked = {link.target for link in links.cross_links(body)} | {entry.id}
        result = []
        for block in blocks:
            if block.html:
                html = autolink_html(block.html, lambda text: self._mentions(text, matcher, linked),
                                     self.mention_link)
                block = dataclasses.replace(block, html=html)
            result.append(block)
        return result

    def mention_link(self, target: str, words: str) -> lxml.html.HtmlElement:
        """The link a mention becomes, as the converter makes a cross-link."""
        element = lxml.html.Element("a", href=f"{_TERM_HREF_PREFIX}{target}")
        element.set("title", escape.tooltip(self.plain_summary(self.glossary.entries[target])))
        element.text = words
        return element

    def mention_matcher(self) -> dict[str, list[tuple[str, str]]] | None:
        """Names of the terms in this language, by their first word (lowercased): a text is
        then scanned once, word by word, however many terms there are."""
        if hasattr(self, "_matcher"):
            return self._matcher
        by_first_word: dict[str, list[tuple[str, str]]] = {}
        seen: set[str] = set()
        for entry in self.glossary.entries.values():
            text = entry.texts.get(self.lang)
            if text is None:
                continue
            for name in (text.title, *text.aliases, *text.forms):
                phrase = " ".join(name.split()).lower()
                if len(phrase) >= MIN_MENTION_LENGTH and phrase not in seen and _WORD.match(phrase):
                    seen.add(phrase)
                    first = _WORD.match(phrase).group(0)  # type: ignore[union-attr]
                    by_first_word.setdefault(first, []).append((phrase, entry.id))
        for phrases in by_first_word.values():
            phrases.sort(key=lambda pair: -len(pair[0]))  # the longest name wins
        self._matcher = by_first_word or None
        return self._matcher

    @staticmethod
    def _mentions(text: str, names: dict[str, list[tuple[str, str]]],
                  linked: set[str]) -> list[tuple[int, int, str]]:
        """``(start, end, target)`` of each first mention in ``text`` (``linked`` grows)."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): keep places
            lowered = "".join(ch.lower()[:1] for ch in text)
        found: list[tuple[int, int, str]] = []
        last = 0
        for word in _WORD.finditer(lowered):
            start = word.start()
            if start < last or (start and (lowered[start - 1].isalnum() or lowered[start - 1] in "_-")):
                continue
            for phrase, target in names.get(word.group(0), ()):
                end = start + len(phrase)
                if target in linked or " ".join(lowered[start:end].split()) != phrase:
                    continue
                if end < len(lowered) and (lowered[end].isalnum() or lowered[end] in "_-"):
                    continue
                linked.add(target)
                found.append((start, end, target))
                last = end
                break
        return found

    def links_list(self, entry_ids: Iterable[str], origin: str) -> str:
        ordered = sorted(entry_ids,
                         key=lambda i: self.locale.sort_key(title_of(self.glossary.entries[i], self.lang)))
        return "".join(f"- {self.link_to(i, origin)}\n" for i in ordered)

    # pages -----------------------------------------------------------------
    def term_page(self, entry: Entry) -> Page:
        path = self.term_path(entry.id)
        text = entry.texts.get(self.lang)
        if text is None:
            return Page(path, self.lang, self.missing_page(entry, path), entry.id,
                        search_terms=self.search_terms(entry), translated=False)
        t = self.locale
        taken: set[str] = set()  # the page's heading ids: the title's, then the body's
        parts = [
            _front_matter(title=text.title, description=plain_text(text.summary, self.glossary, self.lang)),
            f"# {escape_inline(text.title)} {{ #{heading_id(text.title, taken)} }}\n",
        ]
        if text.aliases:
            names = ", ".join(f"*{escape_inline(alias)}*" for alias in text.aliases)
            parts.append(f"{t('aliases')}: {names}\n{{ .lexikon-aliases }}\n")
        parts.append(self.twins(entry, path))
        parts.append(self.lead(text.summary, path))
        if text.body.strip():
            parts.append(self.body_markdown(text.body.strip(), path, taken=taken,
                                            autolink=entry if self.settings.autolink else None) + "\n")
        if text.highlights:
            parts.append(self.highlights_html(text.highlights, path, t("highlights")))
        related = [i for i in entry.related if i in self.glossary.entries]
        if related:
            parts.append(f"## {t('related')} {{ #lexikon-related }}\n\n{self.links_list(related, path)}")
        inbound = self.inbound.get(entry.id, ())
        if inbound:
            parts.append(f"## {t('backlinks')} {{ #lexikon-backlinks }}\n\n{self.links_list(inbound, path)}")
        graph = self.neighbourhood(entry, path)
        if graph:
            parts.append(f"## {t('graph')} {{ #lexikon-graph }}\n\n{graph}\n")
        tags = [tag for tag in entry.tags if tag in self.glossary.tags]
        if tags:
            tag_links = " ".join(
                f"[{escape_inline(self.tag_label(tag))}]({self.relative(self.tag_path(tag), path)})"
                "{ .lexikon-tag }" for tag in tags
            )
            parts.append(f"## {t('tags')} {{ #lexikon-tags }}\n\n{tag_links}\n")
        if text.sources:
            items = "".join(f'- <a href="{escape.url_attr(s.url)}">{escape_inline(s.title)}</a>\n'
                            for s in text.sources)
            parts.append(f"## {t('sources')} {{ #lexikon-sources }}\n\n{items}")
        return Page(path, self.lang, "\n".join(parts), entry.id, self.defined_term(entry, text, path),
                    self.search_terms(entry))

    def search_terms(self, entry: Entry) -> tuple[str, ...]:
        """Title, aliases and declared forms in this language with their inflections, and
        the titles and aliases of the other languages (a Dane may know the German word)."""
        terms: list[str] = []
        own = entry.texts.get(self.lang)
        if own is not None:
            for name in (own.title, *own.aliases):
                terms += [name, *self.locale.inflections(name)]
            terms += own.forms
        for code, text in entry.texts.items():
            if code != self.lang:
                terms += [text.title, *text.aliases, *text.forms]
        return tuple(dict.fromkeys(terms))

    def node(self, entry: Entry, origin: str) -> graph.Node:
        text = entry.texts.get(self.lang) or next(iter(entry.texts.values()))
        return graph.Node(entry.id, text.title, self.page_href(self.lang, origin, self.term_path(entry.id)),
                          self.plain_summary(entry),
                          "" if text.lang == self.lang else text.lang)

    def neighbourhood(self, entry: Entry, path: str) -> str:
        """The term among the terms it links to, names as related, and is linked from."""
        kinds: dict[str, str] = {}
        for target in entry.related:
            kinds.setdefault(target, "related")
        for target in linked_ids(entry):
            kinds.setdefault(target, "link")
        for source in self.inbound.get(entry.id, ()):
            kinds.setdefault(source, "backlink")
        neighbours = [(self.node(self.glossary.entries[i], path), kind) for i, kind in kinds.items()
                      if i in self.glossary.entries and i != entry.id]
        if not neighbours:
            return ""
        neighbours.sort(key=lambda pair: self.locale.sort_key(pair[0].label))
        title = title_of(entry, self.lang)
        svg = graph.neighbourhood_svg(self.node(entry, path), neighbours,
                                      self.locale("graph_label", title=title))
        return f'<figure class="lexikon-figure">{svg}</figure>'

    def lexicon_graph(self, path: str) -> str:
        """Every term and every link between terms, for the home page."""
        entries = self.glossary.entries
        nodes = [self.node(entry, path) for entry in sorted(
            entries.values(), key=lambda e: self.locale.sort_key(title_of(e, self.lang)))]
        edges: dict[tuple[str, str], graph.Edge] = {}
        for entry in entries.values():
            for target in sorted({*entry.related, *linked_ids(entry)}):
                pair = tuple(sorted((entry.id, target)))
                if target in entries and target != entry.id and pair not in edges:
                    edges[pair] = graph.Edge(*pair)
        svg = graph.lexicon_svg(nodes, list(edges.values()), self.locale("lexicon_graph_label"))
        return f'<figure class="lexikon-figure">{svg}</figure>'

    def address(self, origin: str, path: str) -> str:
        """Where a page is, said from the page at ``origin``: absolute with ``site_url``,
        else relative to ``origin`` (so it holds wherever the site is served)."""
        if self.absolute_url is not None:
            return self.absolute_url(self.lang, path)
        return self.page_href(self.lang, origin, path)

    def defined_term(self, entry: Entry, text: Text, origin: str, *,
                     nested: bool = False) -> dict[str, object]:
        """schema.org's DefinedTerm: search engines show the term with its definition."""
        url = self.address(origin, self.term_path(entry.id))
        term: dict[str, object] = {
            "@type": "DefinedTerm",
            "@id": url,
            "url": url,
            "name": escape.one_line(text.title),
            "termCode": entry.id,
            "description": plain_text(text.summary, self.glossary, self.lang),
            "inLanguage": self.lang,
        }
        if text.aliases:
            term["alternateName"] = [escape.one_line(alias) for alias in text.aliases]
        if not nested:
            term["@context"] = "https://schema.org"
            term["inDefinedTermSet"] = self.defined_term_set(origin, with_terms=False)
        return term

    def defined_term_set(self, origin: str, *, with_terms: bool) -> dict[str, object]:
        url = self.address(origin, self.index_path())
        term_set: dict[str, object] = {
            "@type": "DefinedTermSet", "@id": url, "url": url,
            "name": self.locale("index_title"), "inLanguage": self.lang,
        }
        if with_terms:
            term_set["@context"] = "https://schema.org"
            term_set["hasDefinedTerm"] = [
                self.defined_term(entry, entry.texts[self.lang], origin, nested=True)
                for entry in self.glossary.entries.values() if self.lang in entry.texts
            ]
        return term_set

    def twins(self, entry: Entry, path: str) -> str:
        """The term in every other language, each a link to its page there.

        The other language's words stand under their own ``lang`` (screen readers switch
        voice) and are part of the page, so a search for them finds this page too.
        """
        items = []
        for language in self.settings.languages:
            if language.code == self.lang:
                continue
            other = entry.texts.get(language.code)
            # The language named as in this language's sentences ("Dänisch", "Tysk"): the
            # autonym ("Dansk") belongs in the language menu, not in running text.
            name = escape_inline(_capitalised(self.locale.language_name(language.code)))
            if other is None:
                items.append(f"{name}: *{self.locale('twin_missing')}*")
                continue
            names = escape_inline(other.title)
            if other.aliases:
                names += " (" + ", ".join(escape_inline(alias) for alias in other.aliases) + ")"
            href = self.language_url(self.lang, language.code, path)
            items.append(f"{name}: "
                         f"[{names}]({href}){{ hreflang={language.code} lang={language.code} }}")
        if not items:
            return ""
        return " · ".join(items) + "\n{ .lexikon-twins }\n"

    def missing_page(self, entry: Entry, path: str) -> str:
        t = self.locale
        title = title_of(entry, self.lang)
        shown_lang, shown = next(iter(entry.texts.items()))
        name = t.language_name(shown_lang)
        parts = [
            _front_matter(title=t("missing_title", title=title), description=t("missing_text")),
            f"# {escape_inline(title)}\n",
            self.twins(entry, path),
            f"{t('missing_text')}\n{{ .lexikon-missing }}\n",
            f"{t('missing_shown', language=name)}\n",
            # Our box around sanitized HTML, which cannot close it. One raw block: never
            # ``markdown="1"``, which would have MkDocs read the HTML inside as Markdown
            # again (attribute lists in table cells), so the body's headings stay in the box
            # without anchors of their own.
            f'<div class="admonition lexikon-other-language" lang="{escape.html_attr(shown_lang)}">'
            + self.lead(shown.summary, path, shown_lang)
            + self.place(self.markup.html(shown.body.strip(), self.resolver(shown_lang)), path) + "</div>\n",
        ]
        return "\n".join(part for part in parts if part)

    def tag_label(self, tag_id: str) -> str:
        return self.glossary.tags[tag_id].labels.get(self.lang, tag_id)

    def index_rows(self) -> list[tuple[str, str, str]]:
        """``(sort text, letter, markdown line)`` for every title and alias.

        Each row carries its entry's tags as classes, for the tag filter.
        """
        path = self.index_path()
        rows = []
        for entry in self.glossary.entries.values():
            text = entry.texts.get(self.lang)
            title = title_of(entry, self.lang)
            href = self.relative(self.term_path(entry.id), path)
            classes = " ".join(f".lexikon-tag-{tag}" for tag in entry.tags if tag in self.glossary.tags)
            attributes = f"\n{{ .lexikon-row {classes} }}".replace("  ", " ")
            if text is None:
                marked = attributes.replace(".lexikon-row", ".lexikon-row .lexikon-missing")
                rows.append((title, f"- [{escape_inline(title)}]({href}) "
                                    f"*({self.locale('missing_marker')})*{marked}"))
                continue
            summary = escape_inline(plain_text(text.summary, self.glossary, self.lang))
            rows.append((title, f"- [**{escape_inline(title)}**]({href}) – {summary}{attributes}"))
            for alias in text.aliases:
                rows.append((alias, f"- *{escape_inline(alias)}* → [{escape_inline(title)}]({href})"
                                    f"{attributes}"))
        rows.sort(key=lambda row: self.locale.sort_key(row[0]))
        return [(sort_text, self.locale.letter(sort_text), line) for sort_text, line in rows]

    def index_page(self) -> Page:
        t = self.locale
        rows = self.index_rows()
        letters_used = {letter for _, letter, _ in rows}
        bar_letters = [t("other_letters"), *self.locale.alphabet()]
        tags_of = self.letter_tags()
        bar = "".join(
            self.letter_link(letter, tags_of.get(letter, ()))
            if letter in letters_used else f'<span aria-hidden="true">{escape.html_text(letter)}</span>'
            for letter in bar_letters
            if letter in letters_used or letter != t("other_letters")
        )
        filter_html, style = self.tag_filter()
        print_link = self.relative(self.print_path(), self.index_path())
        parts = [
            _front_matter(title=t("index_title")),
            f"# {t('index_title')}\n",
            f"{self.index_intro()} "
            f"[{t('print_link')}]({print_link}){{ .lexikon-print-link }}\n",
            f'<nav class="lexikon-letters" aria-label="{escape.html_attr(t("letter_bar_label"))}">'
            f"{bar}</nav>\n",
            filter_html,
        ]
        current = None
        for _, letter, line in rows:
            if letter != current:
                parts.append(f"\n## {letter} {{ #{_letter_anchor(letter)} .lexikon-letter }}\n")
                current = letter
            parts.append(line)
        return Page(self.index_path(), self.lang, "\n".join(parts) + "\n",
                    structured_data=self.defined_term_set(self.index_path(), with_terms=True),
                    style=style, in_nav=True)

    def index_intro(self) -> str:
        """How many terms the index lists in this language (as many as the print page
        holds), and how many more it lists that are not yet in it."""
        translated = sum(1 for entry in self.glossary.entries.values() if self.lang in entry.texts)
        missing = len(self.glossary.entries) - translated
        intro = self.locale("index_intro", count=translated)
        return intro + (" " + self.locale("index_missing", count=missing) if missing else "")

    def letter_tags(self) -> dict[str, set[str]]:
        """The tags of each letter's rows: with a tag chosen, the bar offers only letters
        that still show a row."""
        tags: dict[str, set[str]] = defaultdict(set)
        for entry in self.glossary.entries.values():
            text = entry.texts.get(self.lang)
            names = (text.title, *text.aliases) if text else (title_of(entry, self.lang),)
            for name in names:
                tags[self.locale.letter(name)].update(tag for tag in entry.tags if tag in self.glossary.tags)
        return tags

    @staticmethod
    def letter_link(letter: str, tags: Iterable[str]) -> str:
        """A letter's link, and its disabled twin that the tag filter shows instead when no
        row of the letter has the chosen tag."""
        classes = " ".join(f"lexikon-has-{tag}" for tag in sorted(tags))
        shown, classes = escape.html_text(letter), escape.html_attr(classes)
        return (f'<a href="#{_letter_anchor(letter)}" class="{classes}">{shown}</a>'
                f'<span aria-hidden="true" class="lexikon-letter-off {classes}">{shown}</span>')

    def tag_filter(self) -> tuple[str, str]:
        """Radio buttons that narrow the index to one tag, and the CSS that does it.

        No JavaScript: ``:has()`` hides the rows (and then empty letters) without the
        chosen tag; the buttons are native, so keyboard and screen readers know them.
        """
        tag_ids = sorted({tag for e in self.glossary.entries.values() for tag in e.tags
                          if tag in self.glossary.tags},
                         key=lambda tag: self.locale.sort_key(self.tag_label(tag)))
        if not tag_ids:
            return "", ""
        t = self.locale
        options = [("all", t("filter_all"))] + [(tag, self.tag_label(tag)) for tag in tag_ids]
        buttons = "".join(
            f'<input type="radio" name="lexikon-filter" id="lexikon-filter-{tag}" value="{tag}"'
            f'{" checked" if tag == "all" else ""}>'
            f'<label for="lexikon-filter-{tag}">{escape.html_text(label)}</label>'
            for tag, label in options
        )
        rules = "".join(
            f".md-content:has(#lexikon-filter-{tag}:checked) .lexikon-row:not(.lexikon-tag-{tag}),"
            f".md-content:has(#lexikon-filter-{tag}:checked) "
            f"h2.lexikon-letter:not(:has(+ ul .lexikon-tag-{tag})),"
            f".md-content:has(#lexikon-filter-{tag}:checked) "
            f"h2.lexikon-letter + ul:not(:has(.lexikon-tag-{tag})),"
            f".md-content:has(#lexikon-filter-{tag}:checked) .lexikon-letters a:not(.lexikon-has-{tag})"
            f"{{display:none}}"
            f".md-content:has(#lexikon-filter-{tag}:checked) "
            f".lexikon-letters .lexikon-letter-off:not(.lexikon-has-{tag}){{display:inline-block}}"
            for tag in tag_ids
        )
        fieldset = (f'<fieldset class="lexikon-filter"><legend>{escape.html_text(t("filter_label"))}</legend>'
                    f"{buttons}</fieldset>\n")
        return fieldset, rules

    def changes_page(self, history: Mapping[str, Change]) -> Page:
        """The terms by date of their last change, newest first (dates from git)."""
        t = self.locale
        path = CHANGES_PAGE
        changes = sorted((c for c in history.values() if c.entry_id in self.glossary.entries),
                         key=lambda c: (-c.changed.timestamp(), c.entry_id))
        feed = self.page_href(self.lang, path, "index.md") + "feed.xml"
        parts = [_front_matter(title=t("changes_title"), search=NOT_SEARCHED),
                 f"# {t('changes_title')}\n",
                 f'{t("changes_intro")} <a class="lexikon-feed-link" href="{escape.url_attr(feed)}" '
                 f'type="application/atom+xml">{escape.html_text(t("feed_link"))}</a>\n']
        if not changes:
            parts.append(f"{t('changes_none')}\n")
        for change in changes:
            marker = t("change_new") if change.is_new else t("change_changed")
            date = change.changed.strftime(t("date_format"))
            parts.append(f"- {date}: {self.link_to(change.entry_id, path)} *({marker})*")
        return Page(path, self.lang, "\n".join(parts) + "\n", in_nav=True)

    def feed_items(self, history: Mapping[str, Change],
                   identity: str = "Lexikon") -> list[tuple[Change, str, str, str, str]]:
        changes = sorted((c for c in history.values() if c.entry_id in self.glossary.entries),
                         key=lambda c: (-c.changed.timestamp(), c.entry_id))
        items = []
        for change in changes:
            entry = self.glossary.entries[change.entry_id]
            text = entry.texts.get(self.lang)
            if text is None:  # a feed item has one language: this one's words, saying so
                title = self.locale("missing_title", title=title_of(entry, self.lang))
                summary = self.locale("missing_text")
            else:
                title, summary = text.title, plain_text(text.summary, self.glossary, text.lang)
            items.append((change, title, summary,
                          self.address("index.md", self.term_path(entry.id)),
                          self.absolute_url(self.lang, self.term_path(entry.id)) if self.absolute_url
                          else stable_iri(identity, self.lang, entry.id)))
        return items

    def data_page(self) -> Page:
        """The lexicon's data for other tools: what each file holds, and where it is."""
        t = self.locale
        path = DATA_PAGE
        to_root = self.page_href(self.lang, path, "index.md")  # this language's home...
        if self.lang != self.settings.default_language:           # ... and on to the site's root
            to_root = posixpath.normpath(
                to_root + self.language_url(self.lang, self.settings.default_language, "index.md")) + "/"
        files = [
            ("glossary.json", "data_json"), ("glossary.schema.json", "data_schema"),
            *((f"glossary.{code}.csv", "data_csv") for code in self.glossary.languages),
            ("glossary.tbx", "data_tbx"), ("glossary.martif.tbx", "data_martif"),
            ("glossary.ttl", "data_turtle"), ("glossary.jsonld", "data_jsonld"),
        ]
        rows = "".join(
            f'| <a href="{escape.url_attr(to_root + name)}" download>{escape.html_text(name)}</a> | '
            f"{t(key, language=t.language_name(name.split('.')[1]))} |\n"
            for name, key in files
        )
        body = (f"# {t('data_title')}\n\n{t('data_intro')}\n\n"
                f"| {t('data_file')} | {t('data_content')} |\n|---|---|\n{rows}\n{t('data_licence')}\n")
        return Page(path, self.lang, _front_matter(title=t("data_title")) + body, in_nav=True)

    def print_path(self) -> str:
        return PRINT_PAGE

    def print_page(self) -> Page:
        """Every term in one page, in index order: to print the whole lexicon."""
        t = self.locale
        path = self.print_path()
        entries = sorted((e for e in self.glossary.entries.values() if self.lang in e.texts),
                         key=lambda e: self.locale.sort_key(e.texts[self.lang].title))
        parts = [_front_matter(title=t("print_title"), search=NOT_SEARCHED), f"# {t('print_title')}\n",
                 f"{t('print_intro', count=len(entries))}\n{{ .lexikon-print-intro }}\n"]
        taken = {entry.id for entry in entries}  # the terms' ids, then the bodies' headings'
        for entry in entries:
            text = entry.texts[self.lang]
            parts.append(f"## {escape_inline(text.title)} {{ #{entry.id} .lexikon-print-term }}\n")
            if text.aliases:
                names = ", ".join(f"*{escape_inline(alias)}*" for alias in text.aliases)
                parts.append(f"{t('aliases')}: {names}\n{{ .lexikon-aliases }}\n")
            parts.append(self.lead(text.summary, path))
            if text.body.strip():
                parts.append(self.body_markdown(text.body.strip(), path, shift=1, taken=taken) + "\n")
            if text.highlights:  # in their box, or they read as part of the last section
                parts.append(self.highlights_html(text.highlights, path, t("highlights")))
            if text.sources:
                parts.append(self.sources_line(text.sources))
        return Page(path, self.lang, "\n".join(parts))

    def sources_line(self, sources: Iterable[Source]) -> str:
        """The sources of a term on the printable page: one line, each URL printed after its
        title (lexikon.css), since a link is no use on paper."""
        links = ", ".join(f'<a href="{escape.url_attr(s.url)}">{escape_inline(s.title)}</a>' for s in sources)
        return f"{self.locale('sources')}: {links}\n{{ .lexikon-sources }}\n"

    def tags_page(self) -> Page:
        t = self.locale
        path = self.tags_index_path()
        counts = defaultdict(int)
        for entry in self.glossary.entries.values():
            for tag in entry.tags:
                counts[tag] += 1
        tag_ids = sorted(self.glossary.tags, key=lambda tag: self.locale.sort_key(self.tag_label(tag)))
        items = "".join(
            f"- [{escape_inline(self.tag_label(tag))}]({self.relative(self.tag_path(tag), path)}) "
            f"({t('term_count', count=counts[tag])})\n" for tag in tag_ids
        )
        body = f"# {t('tags_title')}\n\n{t('tags_intro')}\n\n{items}"
        return Page(path, self.lang, _front_matter(title=t("tags_title")) + body, in_nav=True)

    def tag_page(self, tag_id: str) -> Page:
        t = self.locale
        path = self.tag_path(tag_id)
        label = self.tag_label(tag_id)
        members = [e.id for e in self.glossary.entries.values() if tag_id in e.tags]
        body = (f"# {escape_inline(t('tag_title', label=label))}\n\n"
                f"{escape_inline(t('tag_intro', label=label))}\n\n{self.links_list(members, path)}")
        return Page(path, self.lang, _front_matter(title=t("tag_title", label=label)) + body)


_TERM_HREF_PREFIX = "#lexikon-term:"
_TERM_HREF = re.compile(r'<a href="#lexikon-term:([a-z0-9-]+)"')
"""A cross-link's address until the page it stands on is known: matched with its tag, as
the sanitizer writes it (``href`` first on our links; in text ``<`` is always ``&lt;`` and in
an attribute ``"`` is ``&quot;``), so the same words in code or text stay as written."""
_WORD = re.compile(r"\w[\w-]*")
MIN_MENTION_LENGTH = 3
"""Shorter names ("IT") would link half the words of a text."""
_NO_MENTIONS = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table"})
"""Where a mention stays as written: links, code, headings and tables."""


def autolink_html(html: str, mentions: Callable[[str], list[tuple[int, int, str]]],
                  make_link: Callable[[str, str], lxml.html.HtmlElement]) -> str:
    """One sanitized block with each mention ``mentions`` finds in its text nodes (outside
    :data:`_NO_MENTIONS`) made the link ``make_link(target, words)``; as it was when none."""
    root = lxml.html.fragment_fromstring(html)
    if root.tag in _NO_MENTIONS or not _link_text(root, mentions, make_link):
        return html
    return lxml.html.tostring(root, encoding="unicode", with_tail=False)


def _link_text(element: lxml.html.HtmlElement, mentions: Callable[[str], list[tuple[int, int, str]]],
               make_link: Callable[[str, str], lxml.html.HtmlElement]) -> bool:
    """Mentions in ``element``'s own text and its children's (and their tails) made links."""
    changed = False
    children = list(element)
    found = mentions(element.text) if element.text else []
    if found:
        element.text, made = _split(element.text, found, make_link)
        for index, link in enumerate(made):
            element.insert(index, link)
        changed = True
    for child in children:
        if isinstance(child.tag, str) and child.tag not in _NO_MENTIONS:
            changed = _link_text(child, mentions, make_link) or changed
        found = mentions(child.tail) if child.tail else []
        if found:
            child.tail, made = _split(child.tail, found, make_link)
            for link in reversed(made):
                child.addnext(link)
            changed = True
    return changed


def _split(text: str, found: list[tuple[int, int, str]],
           make_link: Callable[[str, str], lxml.html.HtmlElement]) -> tuple[str, list]:
    """The text before the first mention, and a link per mention carrying the text after it."""
    made = []
    for number, (start, end, target) in enumerate(found):
        link = make_link(target, text[start:end])
        link.tail = text[end:found[number + 1][0]] if number + 1 < len(found) else text[end:]
        made.append(link)
    return text[:found[0][0]], made


def _capitalised(words: str) -> str:
    """``words`` with a capital first letter, as at the start of a line."""
    return words[:1].upper() + words[1:]


def mid_sentence_title(title: str, locale: Locale) -> str:
    """A term's title as it stands inside a sentence of ``locale``'s language.

    Languages whose common nouns are lower case mid-sentence (Danish: "… af outsourcing")
    say so in their locale file (``mid_sentence_titles: lower``); German keeps its nouns
    capitalised. Acronyms and words with capitals inside are left as written.
    """
    capitalised_only_first = title[:1].isupper() and title[1:] == title[1:].lower()
    if locale.strings.get("mid_sentence_titles") != "lower" or not capitalised_only_first:
        return title
    return title[0].lower() + title[1:]


def _letter_anchor(letter: str) -> str:
    if letter.isascii() and letter.isalpha():
        return f"letter-{letter.lower()}"
    return f"letter-u{ord(letter[0]):04x}"

