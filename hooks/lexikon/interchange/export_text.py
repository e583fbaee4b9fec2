"""What every export says of an entry, the same in each format: its summary as plain text,
the entries it links to, and the address of its page (``UrlOf``)."""

from __future__ import annotations

from collections.abc import Callable

from lexikon.core.model import Entry, Glossary
from lexikon.core.plain_once import plain
from lexikon.core.queries import backlinks, linked_ids, title_of

UrlOf = Callable[[str, str], str]
"""``(lang, entry_id) -> url``: the address of an entry's page in one language."""


def outgoing_links(glossary: Glossary, entry: Entry) -> tuple[str, ...]:
    """The entries ``entry`` links to with ``[[id]]`` in any language, sorted, without itself."""
    return tuple(sorted(t for t in linked_ids(entry) if t != entry.id and t in glossary.entries))


def summary_text(glossary: Glossary, entry: Entry, lang: str) -> str:
    """The summary in ``lang`` as one line of plain text (cross-links as titles)."""
    return plain(entry.texts[lang].summary, glossary, lang)


__all__ = ["UrlOf", "backlinks", "outgoing_links", "summary_text", "title_of"]
