"""Glossaries whose text the checker cannot take for granted: one per way real text differs.

The bench's own glossary (:mod:`.synthetic`, here ``templates``) fills a few sentence
templates; a checker tuned on it may be slow on other text. Each corpus here varies one
thing (issue 17):

- **paragraph similarity**: ``unrelated`` (words no two paragraphs share), ``vocabulary``
  (one small shared vocabulary, as the paragraphs of one field are: every pair is close in
  length and alike in words, so a near-duplicate test has to look at each), ``near``
  (the paragraphs of a text are edits of one another, around the warning's threshold);
- **entry size**: ``long``, a tail of entries up to the size limit of a file;
- **link density**: ``links``, a cross-link every few words;
- **language balance**: ``lopsided``, a third of the entries German only, Danish texts short;
- **real text**: ``real``, the project's own entries (``glossary/*.yml``) multiplied, each
  copy renamed and its sentences shuffled, deprecated terms and all.

Everything comes from ``random.Random(seed)``; the entries are valid (no errors), though
some corpora warn by design (near duplicates, missing translations).
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import synthetic
from .synthetic import ROOT, Term, _block, _scalar

LANGS = ("de", "da")
_SYLLABLES = ["ka", "lo", "mi", "nu", "ter", "vak", "sen", "dor", "ul", "bri", "fa", "gen",
              "hol", "jas", "kur", "lem", "nor", "pi", "ros", "sta", "tan", "vi", "wen", "zu"]
MAX_ENTRY_BYTES = 1_000_000
"""The longest entry a corpus writes: just under the check's limit of a file (1 MiB)."""


@dataclass(frozen=True)
class Shape:
    """How one corpus's texts are made."""

    paragraphs: str = "vocabulary"
    """``unrelated``, ``vocabulary`` or ``near``."""
    links_per_word: float = 0.01
    long_share: float = 0.0
    """Entries whose body grows to somewhere between 20 kB and :data:`MAX_ENTRY_BYTES`."""
    german_only: float = 0.0
    danish_scale: float = 1.0
    """The Danish body's paragraphs, relative to the German one's."""


SHAPES = {
    "unrelated": Shape(paragraphs="unrelated"),
    "vocabulary": Shape(),
    "near": Shape(paragraphs="near"),
    "long": Shape(long_share=0.02),
    "links": Shape(links_per_word=0.15),
    "lopsided": Shape(german_only=0.33, danish_scale=0.3),
}
CORPORA = ("templates", *SHAPES, "real")
"""Every corpus, by name: the bench's own glossary first, ours last."""


def _vocabulary(lang: str) -> list[str]:
    """A small shared vocabulary (a few hundred words): the synthetic lists' words, in order."""
    de = lang == "de"
    sentences = synthetic.DE_SENTENCES if de else synthetic.DA_SENTENCES
    words = [word for sentence in sentences for word in re.findall(r"\w+", sentence) if len(word) > 1]
    words += synthetic.DE_NOUNS if de else synthetic.DA_NOUNS
    words += [form for verb in (synthetic.DE_VERBS if de else synthetic.DA_VERBS) for form in verb]
    words += synthetic.DE_GOOD + synthetic.DE_BAD if de else synthetic.DA_GOOD + synthetic.DA_BAD
    return list(dict.fromkeys(words))


class _Texts:
    """The paragraphs of one corpus: words from a shared vocabulary, pseudo-words or edits."""

    def __init__(self, shape: Shape, all_terms: list[Term], rng: random.Random) -> None:
        self.shape, self.all_terms, self.rng = shape, all_terms, rng
        self.words = {lang: _vocabulary(lang) for lang in LANGS}
        self.weights = {lang: [1 / (rank + 1) for rank in range(len(words))]  # Zipf, as text is
                        for lang, words in self.words.items()}

    def word(self, lang: str) -> str:
        rng = self.rng
        if rng.random() < self.shape.links_per_word:
            other = rng.choice(self.all_terms)
            return f"[[{other.id}]]" if rng.random() < 0.7 else f"[[{other.id}|{other.de_title}]]"
        if self.shape.paragraphs == "unrelated":
            return "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 5)))
        return rng.choices(self.words[lang], self.weights[lang])[0]

    def sentence(self, lang: str, words: int) -> str:
        text = " ".join(self.word(lang) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, lang: str, scale: float = 1.0) -> str:
        """About 300 to 500 characters (scaled): lengths close enough to be compared."""
        count = max(2, round(self.rng.randint(5, 7) * scale))
        return " ".join(self.sentence(lang, self.rng.randint(7, 11)) for _ in range(count))

    def edit(self, paragraph: str) -> str:
        """``paragraph`` with 2 to 12 % of its words replaced: nearly the same, or nearly not."""
        words = paragraph.split(" ")
        for _ in range(max(1, round(len(words) * self.rng.uniform(0.02, 0.12)))):
            words[self.rng.randrange(len(words))] = self.rng.choice(self.words["de"])
        return " ".join(words)

    def body(self, lang: str, paragraphs: int, scale: float) -> str:
        blocks: list[str] = []
        base = self.paragraph(lang, scale)
        for index in range(paragraphs):
            if index % 4 == 0:
                blocks.append(f"## {self.sentence(lang, 3)[:-1]}")
            near = self.shape.paragraphs == "near" and index
            blocks.append(self.edit(base) if near else self.paragraph(lang, scale))
        return "\n\n".join(blocks) + "\n"


def _entry(term: Term, texts: _Texts, long_bytes: int) -> str:
    rng, shape = texts.rng, texts.shape
    lines = [f"tags: [{rng.choice(sorted(synthetic.TAGS))}]"]
    langs = LANGS[:1] if rng.random() < shape.german_only else LANGS
    paragraphs = max(2, long_bytes // 420) if long_bytes else rng.randint(4, 10)
    for lang in langs:
        scale = shape.danish_scale if lang == "da" else 1.0
        lines += [f"{lang}:", f"  title: {_scalar(term.de_title if lang == 'de' else term.da_title)}",
                  "  summary: >-", _block(texts.sentence(lang, 14)),
                  "  body: |", _block(texts.body(lang, paragraphs // len(langs), scale))]
    return "\n".join(lines) + "\n"


def write_shaped(glossary: Path, size: int, seed: int, shape: Shape) -> list[str]:
    """``size`` entries of ``shape`` and the tag file; the ids, sorted."""
    rng = random.Random(seed)
    all_terms = synthetic.terms(size, rng)
    texts = _Texts(shape, all_terms, rng)
    glossary.mkdir(parents=True, exist_ok=True)
    (glossary / "_tags.yml").write_text(synthetic.tags_text(), encoding="utf-8")
    for term in all_terms:
        long_bytes = round(20_000 * (MAX_ENTRY_BYTES / 20_000) ** rng.random()) \
            if rng.random() < shape.long_share else 0
        text = _entry(term, texts, long_bytes)
        while len(text.encode()) > MAX_ENTRY_BYTES:  # the estimate overshot: fewer paragraphs
            long_bytes = long_bytes * 9 // 10
            text = _entry(term, texts, long_bytes)
        (glossary / f"{term.id}.yml").write_text(text, encoding="utf-8")
    return sorted(term.id for term in all_terms)


# --- our own entries, multiplied ------------------------------------------------------------------
class _Literal(str):
    """A text written as a literal block (``|``), as editors write bodies."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(text), style="|"))


def _varied(value: object, copy: int, ids: dict[str, str], rng: random.Random, key: str = "") -> object:
    """``value`` (part of an entry) for copy number ``copy``: ids (``ids``: each source's id →
    its copy's) and names renamed to the copy's, each paragraph's sentences shuffled."""
    if isinstance(value, dict):
        return {name: _varied(item, copy, ids, rng, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_varied(item, copy, ids, rng, key) for item in value]
    if not isinstance(value, str):
        return value
    if key in ("related", "broader") and value in ids:
        return ids[value]
    if key in ("title", "aliases", "deprecated", "abbreviations", "forms"):
        return f"{value} {copy}"
    text = re.sub(r"\[\[([a-z0-9-]+)", lambda m: f"[[{ids.get(m.group(1), m.group(1))}", value)
    if key != "body":
        return text
    blocks = []
    for block in text.split("\n\n"):
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜÆØÅ])", block)
        if block.startswith(("#", "-", ">")) or len(sentences) < 2:
            blocks.append(block)
            continue
        rng.shuffle(sentences)
        blocks.append(" ".join(sentences))
    return _Literal("\n\n".join(blocks))


def write_real(glossary: Path, size: int, seed: int) -> list[str]:
    """``size`` entries: copies of the project's own, renamed (``outsourcing-7``) and varied."""
    rng = random.Random(seed)
    sources = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((ROOT / "glossary").glob("*.yml")) if not path.name.startswith("_")}
    stems = sorted(sources)
    glossary.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "glossary" / "_tags.yml", glossary / "_tags.yml")
    written = []
    for number in range(size):
        stem = stems[number % len(stems)]
        copy = number // len(stems)
        full = (copy + 1) * len(stems) <= size  # the last copy may be partial: it links to copy 0
        ids = {other: f"{other}-{copy if full else 0}" for other in stems}
        entry = _varied(sources[stem], copy, ids, rng)
        text = yaml.dump(entry, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        (glossary / f"{stem}-{copy}.yml").write_text(text, encoding="utf-8")
        written.append(f"{stem}-{copy}")
    return sorted(written)


def writer(corpus: str) -> Callable[[Path, int, int], list[str]]:
    """The function that writes ``corpus``'s glossary (folder, size, seed → sorted ids)."""
    if corpus == "templates":
        return synthetic.write_glossary
    if corpus == "real":
        return write_real
    if corpus not in SHAPES:
        raise ValueError(f"unknown corpus {corpus!r}: one of {', '.join(CORPORA)}")
    shape = SHAPES[corpus]
    return lambda glossary, size, seed: write_shaped(glossary, size, seed, shape)
