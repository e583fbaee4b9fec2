"""The lexicon's deprecated terms as a Vale style, for teams that already lint with Vale.

Vale has no per-language switch inside a rule, so each language is a rule file of its own
(``Lexikon/TermsDe.yml``, ``Lexikon/TermsDa.yml``): a ``substitution`` rule whose
``swap`` maps each deprecated term, with its inflected forms, to the title to write. The
keys are regular expressions of Go's RE2 syntax, so every character that means something
there is escaped; Vale adds the word boundaries itself.
"""

from __future__ import annotations

import yaml

from lexikon.core.locale import load_locale
from lexikon.core.model import Glossary

_SPECIAL = frozenset("\\.+*?()|[]{}^$")


def vale_rule(glossary: Glossary, lang: str) -> str:
    """The substitution rule of ``lang``'s deprecated terms (a valid rule with an empty
    ``swap`` when there are none, so that a style folder never lacks a file it names)."""
    locale = load_locale(lang)
    swap: dict[str, str] = {}
    for entry in glossary.entries.values():
        text = entry.texts.get(lang)
        if text is None or entry.draft:
            continue
        for term in text.deprecated:
            swap.setdefault(term_pattern(term, locale.inflections(term)), text.title)
    rule = {
        "extends": "substitution",
        "message": locale("vale_message"),
        "level": "warning",
        "ignorecase": True,
        "swap": dict(sorted(swap.items())),
    }
    header = f"# {locale('vale_comment')}\n"
    return header + yaml.safe_dump(rule, allow_unicode=True, sort_keys=False, width=1000)


def term_pattern(term: str, forms: tuple[str, ...]) -> str:
    """RE2 for ``term`` and its inflected ``forms`` (which all begin with it): the term
    escaped, its endings as an optional group, white space as any white space."""
    endings = sorted({form[len(term):] for form in forms if form.startswith(term) and form != term},
                     key=lambda ending: (-len(ending), ending))
    pattern = _escaped(term)
    if endings:
        pattern += "(?:" + "|".join(map(_escaped, endings)) + ")?"
    return pattern


def _escaped(text: str) -> str:
    words = [("".join("\\" + char if char in _SPECIAL else char for char in word)) for word in text.split()]
    return r"\s+".join(words)
