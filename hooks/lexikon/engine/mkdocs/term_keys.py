"""A term page's key: its entry and what the page shows of the other entries (issue 17).

A term page used to be keyed by the whole glossary as other pages see it: a title edit made
every term page again (63 % of a cold build at 1,000 terms). What a term page of entry E in
language L reads of other entries (``render/term_page.py`` and what it calls, read through):

- its neighbours N(E): the targets of the ``[[links]]`` of E's texts in every language
  (summary, body, highlights: lead, body, highlights, description, the graph's "link"
  edges, a missing page's other-language text), ``broader`` and ``related`` (lists, the
  graph), the entries naming E as broader (narrower list, graph) and those linking to it
  (backlinks, graph);
- of each neighbour, its :meth:`TermKeys.face`: whether it exists, its languages in order (the
  first stands in for a missing one; ``lang`` on links and nodes), per language title,
  qualifier and summary (labels, tooltips, sort order, node labels), and the titles of the
  entries its summaries link to (a tooltip is the summary as plain text: the graph's second
  hop);
- the mentions its body's text makes (autolinks): not known before the body is converted, so
  recorded while the page is made (:mod:`.render_memo` keeps the words looked up and checks
  them against this build's names, :meth:`TermKeys.mentions`); each name group's digest holds
  the faces of the entries it names (the mention's tooltip);
- its own git history (stale notices), the articles of L about E, E's tags (the view's part
  holds the tags' labels and the languages).

A title edit so remakes the pages whose neighbours or mentioned names include the entry, and
no other. Everything is a digest of plain values; the store's fingerprint holds the code.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from lexikon.check import cache_codec
from lexikon.core import links
from lexikon.core.model import Entry, Glossary
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys, canonical, digest
from lexikon.render.article_lists import about_term
from lexikon.render.autolink import Names
from lexikon.render.view import View

_ABSENT = b"\0absent"


def _linked(entry: Entry) -> set[str]:
    """Every id the entry's texts link to, in any language (as ``queries.linked_ids``)."""
    return {link.target for text in entry.texts.values()
            for value in (text.summary, text.body, *text.highlights)
            for link in links.cross_links(value)}


def _articles(view: View, entry_id: str) -> list[list[str]]:
    """The articles the page lists and draws (what it shows of them: title, description, address)."""
    return [[article.key, article.title, article.description, article.neutral_path]
            for article in about_term(view, entry_id)] if view.articles else []


class TermKeys:
    """One build's term-page keys: the views', the entries' faces, the name groups'."""

    def __init__(self, keys: GlossaryKeys) -> None:
        self.keys = keys
        self._glossary: Glossary | None = None
        self._faces: dict[tuple[str, str], bytes] = {}
        self._linked: dict[int, tuple[Entry, frozenset[str]]] = {}
        self._views: dict[int, tuple[View, bytes]] = {}
        self._groups: dict[int, tuple[Names, dict[str, bytes]]] = {}

    def _in(self, glossary: Glossary) -> None:
        """Faces hold other entries' titles: kept for one glossary object only."""
        if glossary is not self._glossary:
            self._glossary, self._faces, self._groups = glossary, {}, {}

    def view(self, view: View) -> bytes:
        """What every term page of the view's language reads beside its entry and neighbours:
        the language, the site's layout, the glossary's languages and tags (labels)."""
        known = self._views.get(id(view))
        if known is not None and known[0] is view:
            return known[1]
        glossary = view.glossary
        rest = cache_codec.encode(dataclasses.replace(glossary, entries={}))
        found = digest([view.lang, repr(view.layout), rest, list(glossary.tags)])
        self._views[id(view)] = (view, found)
        return found

    def page(self, view: View, entry: Entry) -> bytes:
        """The key of ``entry``'s page in ``view`` (see the module's text); mentions apart."""
        narrower = view.narrower.get(entry.id, ())
        inbound = view.inbound.get(entry.id, ())
        neighbours = {*entry.broader, *entry.related, *self.linked(entry), *narrower, *inbound}
        glossary = view.glossary
        self._in(glossary)
        # A page in a language its entry lacks shows the first text's links, named in that one.
        langs = (view.lang,) if view.lang in entry.texts else (view.lang, next(iter(entry.texts)))
        found = hashlib.blake2b(self.view(view), digest_size=20)
        found.update(self.keys.own(entry))
        tags = [tag for tag in entry.tags if tag in glossary.tags]
        found.update(digest([canonical(view.history.get(entry.id)), _articles(view, entry.id),
                             list(narrower), list(inbound), tags]))
        for neighbour in sorted(neighbours):
            found.update(neighbour.encode() + b"\0")
            for lang in langs:
                found.update(self.face(glossary, neighbour, lang))
        return found.digest()

    def linked(self, entry: Entry) -> frozenset[str]:
        known = self._linked.get(id(entry))
        if known is None or known[0] is not entry:
            known = self._linked[id(entry)] = (entry, frozenset(_linked(entry)))
        return known[1]

    def face(self, glossary: Glossary, entry_id: str, lang: str) -> bytes:
        """What a page in ``lang`` shows of another entry (a link's label and tooltip, a list's
        order, a node): whether it has ``lang``, the text it shows (that one or its first),
        with its language, title, qualifier and summary, and the titles its summary links to,
        in that text's language (the tooltip is the summary as plain text)."""
        self._in(glossary)
        known = self._faces.get((entry_id, lang))
        if known is None:
            entry = glossary.entries.get(entry_id)
            if entry is None:
                known = _ABSENT
            else:
                text = entry.texts.get(lang) or next(iter(entry.texts.values()))
                targets = sorted({link.target for link in links.cross_links(text.summary)})
                hops = [[target, self._title(glossary, target, text.lang)] for target in targets]
                known = digest([lang in entry.texts, text.lang, text.title, text.qualifier, text.summary,
                                hops])
            self._faces[(entry_id, lang)] = known
        return known

    @staticmethod
    def _title(glossary: Glossary, entry_id: str, lang: str) -> str | None:
        """``queries.title_of`` as ``plain_text`` names a link's target (None: no such entry)."""
        entry = glossary.entries.get(entry_id)
        return None if entry is None else (entry.texts.get(lang) or next(iter(entry.texts.values()))).title

    def _groups_of(self, view: View, names: Names) -> dict[str, bytes]:
        self._in(view.glossary)
        known = self._groups.get(id(view))
        if known is None or known[0] is not names:
            known = self._groups[id(view)] = (names, {})
        return known[1]

    def mentions(self, view: View, words: Iterable[str]) -> bytes:
        """The names ``words`` find in the view's language: each word's whole group of names,
        with the faces of the entries they name. Equal, the page's mentions are as before
        (fast, but any title beginning with a word the page looked up changes it)."""
        names = view.mention_names
        if names is None:
            return b"none"
        groups = self._groups_of(view, names)
        found = hashlib.blake2b(digest_size=20)
        for word in words:
            group = names.get(word)
            if group is None:
                continue
            part = groups.get(word)
            if part is None:
                ids = sorted(set(group.phrases.values()))
                faces = [[i, self.face(view.glossary, i, view.lang).hex()] for i in ids]
                part = groups[word] = digest([sorted(group.phrases.items()), list(group.lengths), faces])
            found.update(word.encode() + b"\0" + part)
        return found.digest()

    def matches(self, view: View, words: Iterable[str], windows: Iterable[tuple[str, str, bool]]) -> bytes:
        """What ``autolink.mentions`` read of the names, exactly: for each word looked up,
        whether it begins a name; for each place a word's names were asked (the text from
        there, and whether the text ends with it), the name of each length the group holds
        now found there, with the face of its entry. Equal, the mentions are too. A name
        longer than the text kept that begins with it: unknown, so never equal to the record."""
        names = view.mention_names
        if names is None:
            return b"none"
        found = hashlib.blake2b(digest_size=20)
        for word in words:
            found.update(b"\1" + word.encode() + (b"-" if names.get(word) is None else b"+"))
        for word, window, ended in windows:
            group = names.get(word)
            found.update(b"\2" + window.encode() + (b"$" if ended else b"."))
            for length in group.lengths if group is not None else ():
                if length <= len(window):
                    target = group.phrases.get(window[:length])
                elif ended:
                    continue  # does not fit the text: not asked
                elif any(len(phrase) == length and phrase.startswith(window) for phrase in group.phrases):
                    found.update(b"\3unknown")
                    continue
                else:
                    continue
                if target is not None:
                    face = self.face(view.glossary, target, view.lang)
                    found.update(b"%d\0" % length + target.encode() + face)
        return found.digest()
