"""A term page's key (``engine/mkdocs/term_keys.py``) changes with what the page shows of other
entries and with nothing else of them; the names its body's mentions looked up, recorded while
the page is made (``render_memo._LookedUp``), decide its mentions: where their digest is the
same for two glossaries, ``autolink.mentions`` finds the same mentions in both."""

from __future__ import annotations

import dataclasses
import random
from types import SimpleNamespace

from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.queries import backlinks, narrower_ids
from lexikon.engine.mkdocs.glossary_keys import GlossaryKeys
from lexikon.engine.mkdocs.render_memo import _LookedUp
from lexikon.engine.mkdocs.term_keys import TermKeys
from lexikon.render import autolink


def _entry(entry_id: str, title: str, summary: str = "Kurz.", body: str = "", **fields: object) -> Entry:
    return Entry(entry_id, f"{entry_id}.yml", texts={"de": Text("de", title, summary, body=body)},
                 **fields)  # type: ignore[arg-type]


def _glossary(*entries: Entry) -> Glossary:
    return Glossary({entry.id: entry for entry in entries}, {}, ("de",))


def _view(glossary: Glossary) -> SimpleNamespace:
    """What the keys read of a view (a real one needs a site's layout and locale)."""
    return SimpleNamespace(glossary=glossary, lang="de", layout="layout", history={}, articles=(),
                           inbound=backlinks(glossary), narrower=narrower_ids(glossary),
                           mention_names=autolink.mention_names(glossary, "de"))


def _keys(glossary: Glossary) -> dict[str, bytes]:
    keys, view = TermKeys(GlossaryKeys()), _view(glossary)
    return {entry_id: keys.page(view, entry) for entry_id, entry in glossary.entries.items()}  # type: ignore[arg-type]


def _changed(before: Glossary, after: Glossary) -> set[str]:
    old, new = _keys(before), _keys(after)
    return {entry_id for entry_id in new if old.get(entry_id) != new[entry_id]}


def test_a_key_changes_where_the_page_shows_the_edit() -> None:
    base = _glossary(
        _entry("a", "Alpha", body="Siehe [[b]]."),  # links to b
        _entry("b", "Beta", summary="Wie [[d]]."),  # its tooltip names d
        _entry("c", "Gamma", broader=("b",)),  # b's narrower list shows c
        _entry("d", "Delta"),
        _entry("e", "Epsilon"),  # shows nothing of the others
    )

    def edited(entry_id: str, **text: str) -> Glossary:
        entry = base.entries[entry_id]
        texts = {"de": dataclasses.replace(entry.texts["de"], **text)}
        return _glossary(*(dataclasses.replace(e, texts=texts) if e.id == entry_id else e
                           for e in base.entries.values()))

    # Links, lists, graphs, tooltips: a links to b, c names it as broader, d has it as backlink.
    assert _changed(base, edited("b", title="Beta 2")) == {"a", "b", "c", "d"}
    assert _changed(base, edited("b", summary="Anders als [[d]].")) == {"a", "b", "c", "d"}
    assert _changed(base, edited("b", body="Mehr Text.")) == {"b"}  # no page shows b's body
    assert _changed(base, edited("d", title="Delta 2")) == {"a", "b", "c", "d"}  # b's tooltip: a, c
    assert _changed(base, edited("e", title="Epsilon 2")) == {"e"}


VOCABULARY = ["bank", "konto", "daten", "netz", "wolke", "kennzahl", "risiko", "markt", "kunde", "e-mail"]


def _phrase(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 3))).capitalize()


def _text(rng: random.Random) -> str:
    separators = [" ", " ", " ", ", ", ". ", "\n", "-", " ("]
    return "".join(rng.choice(VOCABULARY) + rng.choice(separators) for _ in range(rng.randint(5, 40)))


def _variant(glossary: Glossary, rng: random.Random) -> Glossary:
    """One title changed, an entry added or one deleted."""
    entries = list(glossary.entries.values())
    kind = rng.choice(["title", "add", "delete"])
    if kind == "add":
        entries.append(_entry(f"n{rng.randrange(10**6)}", _phrase(rng)))
    elif kind == "delete" and len(entries) > 1:
        entries.pop(rng.randrange(len(entries)))
    else:
        number = rng.randrange(len(entries))
        entries[number] = _entry(entries[number].id, _phrase(rng))
    return _glossary(*entries)


def _found(text: str, names: autolink.Names | None) -> list[tuple[int, int, str]]:
    return autolink.mentions(text, names, {"self"}) if names is not None else []


def test_equal_digests_of_what_mentions_looked_up_mean_equal_mentions() -> None:
    rng = random.Random(17)
    taken = {"group": 0, "places": 0, "neither": 0}
    for _ in range(1500):
        before = _glossary(*(_entry(f"e{i}", _phrase(rng)) for i in range(rng.randint(1, 30))))
        after = _variant(before, rng)
        text = _text(rng)
        old, new = _view(before), _view(after)
        looked = _LookedUp(old.mention_names) if old.mention_names is not None else None
        if looked is not None:
            autolink.mentions(text, looked, {"self"})  # type: ignore[arg-type]
        words = sorted(looked.words) if looked else []
        windows = sorted(looked.windows) if looked else []
        keys = TermKeys(GlossaryKeys())
        same_group = keys.mentions(old, words) == keys.mentions(new, words)  # type: ignore[arg-type]
        same_places = keys.matches(old, words, windows) == keys.matches(new, words, windows)  # type: ignore[arg-type]
        if same_group or same_places:
            assert _found(text, old.mention_names) == _found(text, new.mention_names), (text, before, after)
        taken["group" if same_group else "places" if same_places else "neither"] += 1
    assert all(count > 30 for count in taken.values()), taken  # each way was tried often
