"""A glossary for the translators' table (issue 15, point 4): genders, qualifiers,
abbreviations and terms not to use in both languages, titles that sort differently in German
and Danish (umlauts, æ ø å after z, "aa" as å), a concept in one language only each way, a
draft, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import textwrap
from pathlib import Path

from lexikon.check.pipeline import run
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings, make_settings
from tests.support.constants import LANGUAGES


def _entry(de: tuple[str, ...] | None, da: tuple[str, ...] | None, tags: str = "") -> str:
    """An entry file: per language ``(title, more lines…)``."""
    lines = [f"tags: [{tags}]"] if tags else []
    for code, block in (("de", de), ("da", da)):
        if block:
            explained = "kurz erklärt" if code == "de" else "kort forklaret"
            lines += [f"{code}:", f"  title: {block[0]}", f"  summary: {block[0]}, {explained}.",
                      *(f"  {line}" for line in block[1:])]
    return "\n".join(lines) + "\n"


TABLE_GLOSSARY = {
    "_tags.yml": "it: {de: IT, da: IT}\nbusiness: {de: Betriebswirtschaft, da: Erhverv}\n",
    "backsourcing.yml": _entry(
        ("Backsourcing", "gender: n", "abbreviations: [BS]", "deprecated: [Rückoutsourcing, Re-Insourcing]"),
        ("backsourcing", "gender: c", "deprecated: [tilbageflytning]"), "it"),
    "bank-finanz.yml": _entry(("Bank", "gender: f", "qualifier: Finanzwesen"),
                              ("bank", "gender: c", "qualifier: pengeinstitut"), "business"),
    "bank-moebel.yml": _entry(("Bank", "gender: f", "qualifier: Möbel"), ("bænk", "gender: c")),
    "aarhus.yml": _entry(("Aarhus-Modell", "gender: n"), ("Aarhus-modellen", "gender: c"), "business"),
    "abo.yml": _entry(("Abonnement", "gender: n", "abbreviations: [Abo]"), ("abonnement", "gender: n")),
    "aermel.yml": _entry(("Ärmel", "gender: m"), ("ærme", "gender: n")),
    "oeffnung.yml": _entry(("Öffnung", "gender: f"), ("åbning", "gender: c")),
    "ohr.yml": _entry(("Ohr", "gender: n"), ("øre", "gender: n")),
    "zone.yml": _entry(("Zone", "gender: f", 'deprecated: ["=1+1", "@Bereich"]',
                        'abbreviations: ["Z; Zo"]'), ("zone", "gender: c")),
    "cloud.yml": _entry(("Cloud", "gender: f", 'qualifier: "F&E, 1<2"'), None, "it"),
    "hygge.yml": _entry(None, ("hygge", "gender: c"), "business"),
    "entwurf.yml": "draft: true\n" + _entry(("Entwurf", "gender: m"), ("udkast", "gender: n")),
}

GERMAN_ORDER = ["aarhus", "abo", "aermel", "backsourcing", "bank-finanz", "bank-moebel", "cloud", "hygge",
                "oeffnung", "ohr", "zone"]
"""DIN 5007: umlauts with their base letter; the Danish-only "hygge" by its Danish title."""
DANISH_ORDER = ["abo", "backsourcing", "bank-finanz", "bank-moebel", "cloud", "hygge", "zone", "aermel",
                "ohr", "oeffnung", "aarhus"]
"""Dansk Sprognævn: æ ø å after z, "aa" as å (Aarhus after åbning); "bank" before "bænk"."""


def table_settings(folder: Path) -> Settings:
    """The glossary written into ``folder/glossary``, and the site's settings for it."""
    (folder / "glossary").mkdir(parents=True, exist_ok=True)
    for name, text in TABLE_GLOSSARY.items():
        (folder / "glossary" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return make_settings(folder, LANGUAGES, None)


def table_glossary(folder: Path) -> tuple[Glossary, Settings]:
    """The glossary, checked by the real stages (no errors)."""
    settings = table_settings(folder)
    result = run(settings, cache=False)
    assert result.errors == (), [str(f) for f in result.errors]
    return result.glossary, settings
