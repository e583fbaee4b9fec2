"""A synthetic glossary of any size: German and Danish entries that pass ``lexicon check``.

Titles are real compounds (``Digitale Datenanalyse`` / ``Digital dataanalyse``) built from
word lists; bodies are sentences from templates filled with real vocabulary, with ``[[id]]``
cross-links to other generated entries, plain mentions of other titles (for autolinking),
``## headings``, lists, highlights, sources, aliases and word forms, and in some entries a
paragraph repeated word for word (removed by the build, reported as a note). Everything
comes from ``random.Random(seed)``: one seed, one glossary, byte for byte.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# --- vocabulary ---------------------------------------------------------------------------
# German compound prefix, Danish compound prefix, German "of X" phrase, Danish "af X" phrase.
PREFIXES = [
    ("Daten", "data", "der Daten", "af data"),
    ("Kunden", "kunde", "der Kunden", "af kunder"),
    ("Markt", "markeds", "des Marktes", "af markedet"),
    ("Prozess", "proces", "der Prozesse", "af processer"),
    ("Lieferanten", "leverandør", "der Lieferanten", "af leverandører"),
    ("Wissens", "videns", "des Wissens", "af viden"),
    ("Kosten", "omkostnings", "der Kosten", "af omkostninger"),
    ("Risiko", "risiko", "der Risiken", "af risici"),
    ("Qualitäts", "kvalitets", "der Qualität", "af kvaliteten"),
    ("Projekt", "projekt", "der Projekte", "af projekter"),
    ("Vertrags", "kontrakt", "der Verträge", "af kontrakter"),
    ("Netzwerk", "netværks", "des Netzwerks", "af netværket"),
    ("Software", "software", "der Software", "af software"),
    ("Cloud", "cloud", "der Cloud", "af skyen"),
    ("Personal", "personale", "des Personals", "af personalet"),
    ("Steuer", "skatte", "der Steuern", "af skatter"),
    ("Bilanz", "balance", "der Bilanz", "af balancen"),
    ("Lager", "lager", "des Lagers", "af lageret"),
    ("Vertriebs", "salgs", "des Vertriebs", "af salget"),
    ("Service", "service", "des Service", "af servicen"),
    ("Sicherheits", "sikkerheds", "der Sicherheit", "af sikkerheden"),
    ("Finanz", "finans", "der Finanzen", "af finanserne"),
    ("Produkt", "produkt", "der Produkte", "af produkter"),
    ("Innovations", "innovations", "der Innovation", "af innovation"),
    ("Compliance", "compliance", "der Compliance", "af compliance"),
    ("Energie", "energi", "der Energie", "af energi"),
]
# German core, German gender (f/m/n), Danish core, Danish gender (c/n).
CORES = [
    ("Analyse", "f", "analyse", "c"),
    ("Management", "n", "ledelse", "c"),
    ("Strategie", "f", "strategi", "c"),
    ("Planung", "f", "planlægning", "c"),
    ("Steuerung", "f", "styring", "c"),
    ("Bewertung", "f", "vurdering", "c"),
    ("Migration", "f", "migrering", "c"),
    ("Architektur", "f", "arkitektur", "c"),
    ("Controlling", "n", "controlling", "c"),
    ("Prüfung", "f", "revision", "c"),
    ("Modell", "n", "model", "c"),
    ("Portfolio", "n", "portefølje", "c"),
    ("Richtlinie", "f", "politik", "c"),
    ("Kennzahl", "f", "nøgletal", "n"),
    ("Prognose", "f", "prognose", "c"),
    ("Optimierung", "f", "optimering", "c"),
    ("Bericht", "m", "rapport", "c"),
    ("Plan", "m", "plan", "c"),
    ("Katalog", "m", "katalog", "n"),
    ("Audit", "n", "audit", "c"),
    ("Register", "n", "register", "n"),
    ("Konzept", "n", "koncept", "n"),
    ("Monitoring", "n", "overvågning", "c"),
    ("Budget", "n", "budget", "n"),
    ("Vertrag", "m", "aftale", "c"),
    ("Standard", "m", "standard", "c"),
]
# German adjective stem, Danish common gender, Danish neuter.
ADJECTIVES = [
    ("Digital", "Digital", "Digitalt"),
    ("Agil", "Agil", "Agilt"),
    ("Operativ", "Operationel", "Operationelt"),
    ("Strategisch", "Strategisk", "Strategisk"),
    ("Global", "Global", "Globalt"),
    ("Automatisiert", "Automatiseret", "Automatiseret"),
    ("Zentral", "Central", "Centralt"),
    ("Dezentral", "Decentral", "Decentralt"),
    ("Nachhaltig", "Bæredygtig", "Bæredygtigt"),
    ("Integriert", "Integreret", "Integreret"),
    ("Extern", "Ekstern", "Eksternt"),
    ("Modular", "Modulær", "Modulært"),
    ("Mobil", "Mobil", "Mobilt"),
    ("Regional", "Regional", "Regionalt"),
]
DE_ENDING = {"f": "e", "m": "er", "n": "es"}

DE_NOUNS = ["Unternehmen", "Mitarbeiter", "Kunden", "Daten", "Prozesse", "Lieferanten", "Systeme",
            "Anwendungen", "Verträge", "Kosten", "Risiken", "Ressourcen", "Abteilungen",
            "Dienstleister", "Projekte", "Kennzahlen", "Märkte", "Investitionen", "Schnittstellen",
            "Richtlinien", "Budgets", "Standorte", "Teams", "Entscheidungen", "Anforderungen",
            "Führungskräfte", "Geschäftsmodelle", "Rechenzentren", "Behörden", "Fachabteilungen"]
DA_NOUNS = ["virksomheder", "medarbejdere", "kunder", "data", "processer", "leverandører",
            "systemer", "applikationer", "kontrakter", "omkostninger", "risici", "ressourcer",
            "afdelinger", "tjenesteudbydere", "projekter", "nøgletal", "markeder", "investeringer",
            "grænseflader", "retningslinjer", "budgetter", "lokationer", "teams", "beslutninger",
            "krav", "ledere", "forretningsmodeller", "datacentre", "myndigheder", "fagafdelinger"]
# infinitive, participle
DE_VERBS = [("planen", "geplant"), ("steuern", "gesteuert"), ("überwachen", "überwacht"),
            ("bewerten", "bewertet"), ("optimieren", "optimiert"), ("dokumentieren", "dokumentiert"),
            ("analysieren", "analysiert"), ("verbessern", "verbessert"), ("vergleichen", "verglichen"),
            ("prüfen", "geprüft"), ("automatisieren", "automatisiert"), ("verantworten", "verantwortet"),
            ("messen", "gemessen"), ("bündeln", "gebündelt")]
# infinitive, present, participle
DA_VERBS = [("planlægge", "planlægger", "planlagt"), ("styre", "styrer", "styret"),
            ("overvåge", "overvåger", "overvåget"), ("vurdere", "vurderer", "vurderet"),
            ("optimere", "optimerer", "optimeret"), ("dokumentere", "dokumenterer", "dokumenteret"),
            ("analysere", "analyserer", "analyseret"), ("forbedre", "forbedrer", "forbedret"),
            ("sammenligne", "sammenligner", "sammenlignet"), ("kontrollere", "kontrollerer", "kontrolleret"),
            ("automatisere", "automatiserer", "automatiseret"), ("udlicitere", "udliciterer", "udliciteret"),
            ("måle", "måler", "målt"), ("samle", "samler", "samlet")]
DE_GOOD = ["wirtschaftlich", "transparent", "effizient", "flexibel", "messbar", "nachvollziehbar",
           "skalierbar", "sicher", "kostengünstig", "zuverlässig", "planbar", "belastbar"]
DE_BAD = ["unübersichtlich", "teuer", "aufwendig", "riskant", "schwerfällig", "fehleranfällig"]
DA_GOOD = ["effektive", "gennemsigtige", "fleksible", "målbare", "sikre", "pålidelige", "skalerbare",
           "rentable", "robuste", "forudsigelige"]
DA_BAD = ["uoverskuelig", "dyr", "besværlig", "risikabel", "tung", "fejlbehæftet"]
DA_ADVERBS = ["effektivt", "gennemsigtigt", "fleksibelt", "målrettet", "sikkert", "systematisk"]

DE_SENTENCES = [
    "{T} beschreibt, wie {n1} {n2} systematisch {v}.",
    "In vielen Unternehmen gehört {T} zu den Aufgaben, die {n1} gemeinsam mit externen Partnern {v}.",
    "Wer {n1} {v} will, sollte zuerst klären, welche {n2} betroffen sind.",
    "Ein wichtiger Unterschied zu {L} liegt darin, dass {n1} hier laufend {p} werden.",
    "Damit {n1} {good} bleiben, werden {n2} regelmäßig {p}.",
    "Typischerweise arbeiten {n1} und {n2} dabei eng zusammen.",
    "Kritiker weisen darauf hin, dass {T} ohne klare Verantwortlichkeiten schnell {bad} wird.",
    "Eng verwandt ist der Begriff {L}, der jedoch stärker auf {n1} abzielt.",
    "In der Praxis zeigt sich, dass {n1} nur dann {good} sind, wenn {n2} frühzeitig einbezogen werden.",
    "Für {n1} bedeutet das vor allem, Abläufe zu {v} und Ergebnisse zu {v2}.",
    "Auch im Zusammenhang mit {M} taucht der Begriff häufig auf.",
    "Seit einigen Jahren {v3} immer mehr Unternehmen ihre {n1} mit Hilfe von {L}.",
    "Eine sorgfältige Planung verhindert, dass {n1} unnötig belastet werden.",
    "Die Kosten hängen stark davon ab, wie viele {n1} beteiligt sind.",
    "Als Faustregel gilt: Je früher {n1} {p} werden, desto geringer ist das Risiko.",
    "Viele Fachleute sehen darin eine Voraussetzung für {L}.",
    "Ohne verlässliche Kennzahlen lässt sich {T} kaum {v}.",
    "Gerade mittelständische Unternehmen unterschätzen oft, wie {bad} es ist, {n1} nachträglich zu {v}.",
    "Ob sich der Aufwand lohnt, entscheidet sich meist erst, wenn {n1} und {n2} verglichen werden.",
    "Häufig übernehmen {n1} dabei die Rolle, die früher {n2} hatten.",
]
DA_SENTENCES = [
    "{T} beskriver, hvordan {n1} systematisk {v} {n2}.",
    "I mange virksomheder hører {t} til de opgaver, som {n1} løser sammen med eksterne partnere.",
    "Den, der vil {vi} {n1}, bør først afklare, hvilke {n2} der er berørt.",
    "En vigtig forskel til {L} er, at {n1} her løbende bliver {p}.",
    "For at {n1} forbliver {good}, bliver {n2} jævnligt {p}.",
    "Typisk arbejder {n1} og {n2} tæt sammen om opgaven.",
    "Kritikere påpeger, at {t} hurtigt bliver {bad} uden klart placeret ansvar.",
    "Nært beslægtet er begrebet {L}, som dog i højere grad retter sig mod {n1}.",
    "I praksis viser det sig, at {n1} kun er {good}, når {n2} inddrages tidligt.",
    "For {n1} betyder det først og fremmest at {vi} arbejdsgange og {vi2} resultater.",
    "Også i forbindelse med {M} dukker begrebet ofte op.",
    "I de senere år {v} flere og flere virksomheder deres {n1} ved hjælp af {L}.",
    "En omhyggelig planlægning forhindrer, at {n1} bliver unødigt belastet.",
    "Omkostningerne afhænger i høj grad af, hvor mange {n1} der er involveret.",
    "Som tommelfingerregel gælder: Jo tidligere {n1} bliver {p}, desto mindre er risikoen.",
    "Mange fagfolk ser det som en forudsætning for {L}.",
    "Uden pålidelige nøgletal er det svært at {vi} {t}.",
    "Især mellemstore virksomheder undervurderer ofte, hvor {bad} det er at {vi} {n1} bagefter.",
    "Om indsatsen kan betale sig, viser sig som regel først, når {n1} og {n2} bliver sammenlignet.",
    "Ofte overtager {n1} den rolle, som {n2} tidligere havde.",
]
DE_HEADINGS = ["Was ist {T}?", "{T} in der Praxis", "Vor- und Nachteile", "Abgrenzung",
               "Voraussetzungen", "Typische Fehler"]
DA_HEADINGS = ["Hvad er {t}?", "{T} i praksis", "Fordele og ulemper", "Afgrænsning",
               "Forudsætninger", "Typiske fejl"]
DE_LIST_ITEMS = ["Klare Zuständigkeiten für {n1}", "Regelmäßige Berichte über {n1}",
                 "Verbindliche Vorgaben für {n1}", "Ein Budget für {n1}", "Schulungen für {n1}"]
DA_LIST_ITEMS = ["Klart placeret ansvar for {n1}", "Faste rapporter om {n1}",
                 "Bindende krav til {n1}", "Et budget til {n1}", "Uddannelse af {n1}"]
DE_HIGHLIGHTS = ["{T} hilft, {n1} {good}er zu {v}.", "Entscheidend ist, dass {n1} früh einbezogen werden.",
                 "Eng verwandt mit {L}.", "Ohne klare Kennzahlen wird {T} schnell {bad}."]
DA_HIGHLIGHTS = ["{T} hjælper med at {vi} {n1} {adv}.", "Det er afgørende, at {n1} inddrages tidligt.",
                 "Nært beslægtet med {L}.", "Uden klare nøgletal bliver {t} hurtigt {bad}."]

TAGS = {
    "it": ("IT", "It"), "business": ("Betriebswirtschaft", "Erhverv"),
    "strategy": ("Strategie", "Strategi"), "finance": ("Finanzen", "Økonomi"),
    "hr": ("Personal", "Personale"), "logistics": ("Logistik", "Logistik"),
    "law": ("Recht", "Jura"), "marketing": ("Marketing", "Markedsføring"),
}


@dataclass(frozen=True)
class Term:
    id: str
    de_title: str
    da_title: str
    de_alias: str
    da_alias: str
    de_forms: tuple[str, ...]
    da_forms: tuple[str, ...]


def _slug(text: str) -> str:
    text = text.lower()
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"),
                     ("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(old, new)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def terms(size: int, rng: random.Random) -> list[Term]:
    """``size`` distinct terms (distinct ids and titles in both languages)."""
    combos = [(p, c, a) for p in PREFIXES for c in CORES for a in [None, *ADJECTIVES]]
    if size > len(combos):
        raise ValueError(f"at most {len(combos)} synthetic terms")
    rng.shuffle(combos)
    out: list[Term] = []
    for (de_p, da_p, de_of, da_of), (de_c, de_g, da_c, da_g), adjective in combos[:size]:
        de_noun = de_p + de_c.lower()
        da_noun = da_p + da_c
        de_title, da_title = de_noun, da_noun.capitalize()
        de_alias, da_alias = f"{de_c} {de_of}", f"{da_c.capitalize()} {da_of}"
        de_forms = (de_noun + ("n" if de_noun.endswith("e") else "en" if de_g == "f" else "s"),)
        da_forms = (da_noun + ("n" if da_g == "c" else "t") if da_noun.endswith("e")
                    else da_noun + ("en" if da_g == "c" else "et"),)
        if adjective is not None:
            de_title = f"{adjective[0]}{DE_ENDING[de_g]} {de_noun}"
            da_title = f"{adjective[1] if da_g == 'c' else adjective[2]} {da_noun}"
            de_alias = f"{de_alias} ({adjective[0].lower()})"
            da_alias = f"{da_alias} ({adjective[1].lower()})"
            de_forms = da_forms = ()
        out.append(Term(_slug(de_title), de_title, da_title, de_alias, da_alias, de_forms, da_forms))
    return out


class _Writer:
    """The text of one entry in one language."""

    def __init__(self, rng: random.Random, lang: str, term: Term, all_terms: list[Term]) -> None:
        self.rng, self.lang, self.term, self.all_terms = rng, lang, term, all_terms
        self.de = lang == "de"

    def other(self) -> Term:
        """Another entry than this one (this one only in a glossary of one)."""
        for _ in range(20):
            other = self.rng.choice(self.all_terms)
            if other is not self.term:
                return other
        return self.term

    def title(self, term: Term) -> str:
        return term.de_title if self.de else term.da_title

    def link(self) -> str:
        other = self.other()
        if self.rng.random() < 0.3:
            return f"[[{other.id}|{self.title(other)}]]"
        return f"[[{other.id}]]"

    def fill(self, template: str) -> str:
        rng = self.rng
        nouns = DE_NOUNS if self.de else DA_NOUNS
        n1, n2 = rng.sample(nouns, 2)
        title = self.title(self.term)
        values = {"T": title, "t": title if self.de else title.lower(), "n1": n1, "n2": n2,
                  "good": rng.choice(DE_GOOD if self.de else DA_GOOD),
                  "bad": rng.choice(DE_BAD if self.de else DA_BAD),
                  "adv": rng.choice(DA_ADVERBS)}
        if "{L}" in template:
            values["L"] = self.link()
        if "{M}" in template:
            values["M"] = self.title(self.other())
        if self.de:
            (v, p), (v2, _) = rng.sample(DE_VERBS, 2)
            values.update(v=v, p=p, v2=v2, v3=v)
        else:
            (vi, v, p), (vi2, _, _) = rng.sample(DA_VERBS, 2)
            values.update(vi=vi, v=v, p=p, vi2=vi2)
        return template.format(**values)

    def paragraphs(self, *sizes: int) -> list[str]:
        """Paragraphs of ``sizes`` sentences; no template twice in one text, so no two
        paragraphs are nearly the same (the check would warn)."""
        templates = self.rng.sample(DE_SENTENCES if self.de else DA_SENTENCES, sum(sizes))
        out = []
        for size in sizes:
            out.append(" ".join(self.fill(t) for t in templates[:size]))
            templates = templates[size:]
        return out

    def summary(self) -> str:
        rng = self.rng
        title = self.title(self.term)
        n1, n2 = rng.sample(DE_NOUNS if self.de else DA_NOUNS, 2)
        if self.de:
            verb = rng.choice(DE_VERBS)[0]
            first = f"{title} ist ein Ansatz, mit dem Unternehmen ihre {n1} {rng.choice(DE_GOOD)} {verb}."
            second = f"Er betrifft vor allem {n2} und gilt als Gegenstück zu {self.link()}." \
                if rng.random() < 0.3 else f"Er betrifft vor allem {n2}."
        else:
            verb = rng.choice(DA_VERBS)[1]
            first = f"{title} er en metode, hvor virksomheder {verb} deres {n1} {rng.choice(DA_ADVERBS)}."
            second = f"Begrebet bruges især om {n2} og ses som modstykket til {self.link()}." \
                if rng.random() < 0.3 else f"Begrebet bruges især om {n2}."
        return f"{first} {second}"

    def body(self) -> str:
        rng = self.rng
        headings = rng.sample(DE_HEADINGS if self.de else DA_HEADINGS, 2)
        title = self.title(self.term)
        heading = [h.format(T=title, t=title if self.de else title.lower()) for h in headings]
        first, second, third = self.paragraphs(2, 2, 2)
        blocks = [f"## {heading[0]}", first, second]
        if rng.random() < 0.5:
            items = rng.sample(DE_LIST_ITEMS if self.de else DA_LIST_ITEMS, 3)
            blocks.append("\n".join("- " + self.fill(item) for item in items))
        blocks += [f"## {heading[1]}", third]
        if rng.random() < 0.2:  # a paragraph repeated word for word, as scraped texts have
            blocks.append(first)
        return "\n\n".join(blocks) + "\n"

    def highlights(self) -> list[str]:
        templates = DE_HIGHLIGHTS if self.de else DA_HIGHLIGHTS
        return [self.fill(t) for t in self.rng.sample(templates, self.rng.randint(2, 3))]


_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüßÆØÅæøå][\w .,()–-]*[\w.)]")


def _scalar(text: str) -> str:
    """A YAML scalar: plain where that is safe, else double-quoted (JSON is valid YAML)."""
    if _PLAIN.fullmatch(text) and text.lower() not in {"yes", "no", "on", "off", "true", "false", "null"}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str = "    ") -> str:
    return "\n".join(indent + line if line else "" for line in text.rstrip("\n").split("\n"))


def entry_text(term: Term, all_terms: list[Term], rng: random.Random) -> str:
    """The YAML of one entry, in the layout of the hand-written ones."""
    lines = ["# yaml-language-server: $schema=_entry.schema.json"]
    lines.append(f"tags: [{', '.join(rng.sample(sorted(TAGS), rng.randint(1, 3)))}]")
    count = min(rng.randint(0, 3), len(all_terms) - 1)
    related = [t for t in rng.sample(all_terms, count + 1) if t is not term][:count]
    if related:
        lines.append(f"related: [{', '.join(o.id for o in related)}]")
    for lang in ("de", "da"):
        writer = _Writer(rng, lang, term, all_terms)
        de = lang == "de"
        lines.append(f"{lang}:")
        lines.append(f"  title: {_scalar(writer.title(term))}")
        lines.append(f"  aliases: [{_scalar(term.de_alias if de else term.da_alias)}]")
        lines.append("  summary: >-")
        lines.append(_block(writer.summary()))
        lines.append("  body: |")
        lines.append(_block(writer.body()))
        lines.append("  highlights:")
        lines += [f"    - {_scalar(item)}" for item in writer.highlights()]
        wiki = "de" if de else "da"
        lines.append("  sources:")
        lines.append(f"    - title: {_scalar(writer.title(term) + ' – Wikipedia')}")
        lines.append(f"      url: https://{wiki}.wikipedia.org/wiki/{term.id}")
        forms = term.de_forms if de else term.da_forms
        if forms:
            lines.append(f"  forms: [{', '.join(_scalar(f) for f in forms)}]")
    return "\n".join(lines) + "\n"


def tags_text() -> str:
    return "".join(f"{tag}: {{de: {de}, da: {da}}}\n" for tag, (de, da) in TAGS.items())


def write_glossary(glossary_dir: Path, size: int, seed: int = 0) -> list[str]:
    """Write ``size`` entries and ``_tags.yml`` into ``glossary_dir``; the ids, sorted."""
    rng = random.Random(seed)
    all_terms = terms(size, rng)
    glossary_dir.mkdir(parents=True, exist_ok=True)
    (glossary_dir / "_tags.yml").write_text(tags_text(), encoding="utf-8")
    for term in all_terms:
        (glossary_dir / f"{term.id}.yml").write_text(entry_text(term, all_terms, rng), encoding="utf-8")
    return sorted(term.id for term in all_terms)


def make_project(target: Path, size: int, seed: int = 0,
                 write: Callable[[Path, int, int], list[str]] | None = None) -> list[str]:
    """A copy of the site's project (mkdocs.yml, docs/, hooks/) with a synthetic glossary
    (``write``: another glossary writer, one of :mod:`.corpora`'s)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    from tests.support.project import without_articles  # the repository's articles name its own terms

    shutil.copytree(ROOT / "docs", target / "docs", ignore=without_articles)
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=ignore)
    schema = ROOT / "glossary" / "_entry.schema.json"
    ids = (write or write_glossary)(target / "glossary", size, seed)
    if schema.exists():
        shutil.copy(schema, target / "glossary" / schema.name)
    return ids
