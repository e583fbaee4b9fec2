"""Language tags of other tools' files, mapped to the site's languages: one rule for every import.

Termbases and vocabularies tag their texts with BCP 47 tags (``de-DE``, ``da``, ``en-GB``)
or with a tool's variant (``de_AT``, ``DE``). A tag means a configured language when it is
that language or a regional form of it (its primary subtag, case ignored); ``--map en=de``
relabels a language the site does not have (a termbase in English and German imported as
German and Danish, say): a mapping's key is matched the same way, so ``--map en=da`` takes
``en-GB`` and ``en-US`` too, and an exact key (``en-GB=da``) wins over a primary one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


class MapProblem(ValueError):
    """A ``--map`` value that is not ``FROM=TO`` with ``TO`` a configured language."""


def normal_tag(tag: str) -> str:
    """``de_AT``, ``DE-at`` → ``de-at``: compared without case, ``_`` read as ``-``."""
    return tag.strip().replace("_", "-").lower()


def primary(tag: str) -> str:
    """The language of a tag without its region or script: ``de-DE`` → ``de``."""
    return normal_tag(tag).split("-")[0]


def language_map(pairs: Iterable[str], codes: Sequence[str]) -> dict[str, str]:
    """``["en=de", "en-GB=da"]`` → ``{"en": "de", "en-gb": "da"}``; a bad pair is a :class:`MapProblem`,
    and so is one language mapped to two (``en=de`` and ``en=da``: the last would win unseen)."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise MapProblem(f"--map {pair!r}: write FROM=TO, e.g. --map en=de")
        if target.strip() not in codes:
            raise MapProblem(f"--map {pair!r}: '{target.strip()}' is not a language of the site "
                             f"({', '.join(codes)})")
        key = normal_tag(source)
        if mapping.get(key, target.strip()) != target.strip():
            raise MapProblem(f"--map {pair!r}: '{source.strip()}' is mapped to '{mapping[key]}' already: "
                             "one language of the file is one language of the site")
        mapping[key] = target.strip()
    return mapping


def site_language(tag: str, codes: Sequence[str], mapping: Mapping[str, str] | None = None) -> str | None:
    """The configured language ``tag`` means, or None (an empty tag too: the caller decides).

    The mapping first (the exact tag, then its primary subtag), then the configured codes
    (exact, then primary): ``--map de=da`` relabels even a language the site has."""
    if not tag.strip():
        return None
    mapping = mapping or {}
    normal = normal_tag(tag)
    for key in (normal, primary(tag)):
        if key in mapping:
            return mapping[key]
    by_normal = {normal_tag(code): code for code in codes}
    return by_normal.get(normal) or by_normal.get(primary(tag))
