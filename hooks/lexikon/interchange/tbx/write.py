"""Writing TBX: ``glossary.tbx`` (TBX-Basic, ISO 30042:2019, DCA style) and
``glossary.martif.tbx`` (the same data as TBX-Basic of ISO 30042:2008, ``<martif>``,
``termEntry``/``langSet``/``tig``, which older tools and translate-toolkit read).

One ``conceptEntry`` per entry with its tags as ``subjectField`` (labels in the default
language), ``related`` and ``broader`` as ``crossReference`` (broader ones marked, see
:data:`BROADER`), one ``langSec`` per language with the summary as ``definition`` and one
``termSec`` per term: the title as preferred term (with ``grammaticalGender``,
``partOfSpeech``, each ``context`` sentence with its ``source``, and the page as
``externalCrossReference`` when the site has an address: TBX-Basic wants an ``http(s)``
URL or an id there, and a file imported into a termbase has no folder to resolve a relative
one against), each alias as admitted term, each abbreviation as admitted
term of ``termType`` abbreviation, each deprecated term as deprecated term. Every data
category stands where the TBX-Basic schematron (``TBX-Basic_DCA.sch``) allows it.

Not in TBX: bodies, highlights, sources and forms (it describes terms, not articles), the
``qualifier`` and the ``reviewed`` date (TBX-Basic has no data category for either;
transactions know only origination and modification). Proper nouns are ``noun`` in the
2019 file (its picklist has no properNoun) and ``properNoun`` in the 2008 one. An id that
starts with a digit is not an XML ID, so it stands as ``_<id>`` (``_3d-druck``); the import
removes the underscore.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lexikon.core.escape import xml_chars
from lexikon.core.model import Entry, Glossary, Text
from lexikon.core.plain_once import plain
from lexikon.core.settings import Settings
from lexikon.interchange.export_text import UrlOf, summary_text, title_of
from lexikon.interchange.tbx.categories import (
    ABBREVIATION,
    ADMITTED,
    BROADER,
    DEPRECATED,
    PARTS_OF_SPEECH,
    PREFERRED,
    tbx_gender,
)

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RELAX_NG = "http://relaxng.org/ns/structure/1.0"
SCHEMATRON = "http://purl.oclc.org/dsdl/schematron"
TBX_MODELS = (
    ("https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng", RELAX_NG),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     SCHEMATRON),
)
"""The schemas ``glossary.tbx`` names: TBX 2019's core structure and the TBX-Basic dialect's
rules for DCA style, where LTAC keeps them and names them in its own TBX-Basic samples (the
integrated RNG named before was deleted in 2023). Addresses rather than copies in the site:
``lexicon export`` writes the same file without a site, and LTAC's repositories carry no
licence to redistribute the schemas under. The tests hold a copy of each (``tests/fixtures/
schemas/tbx/``) and validate the file with the copy of the address it names."""
MARTIF_MODELS = (
    ("https://raw.githubusercontent.com/byutrg/TBX-Spec/master/TBX-Basic/Validation/TBXBasicRNGV02.rng",
     RELAX_NG),
)
"""The schema ``glossary.martif.tbx`` names: TBX-Basic 2008's RELAX NG, at the address the
grammar itself gives as its home. An ``xml-model`` instruction, not a ``DOCTYPE`` with the DTD:
a DOCTYPE naming a file beside the export sent parsers and validators looking for a file no
one shipped, and one naming an address makes every DTD-reading parser fetch it."""


@dataclass(frozen=True)
class _TbxForm:
    """The element names of one TBX edition."""

    root: str
    header: str
    entry: str
    language: str
    term: str
    parts_of_speech: Mapping[str, str]
    """Where the edition's picklist differs from :data:`.categories.PARTS_OF_SPEECH`."""


TBX_2019 = _TbxForm("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec", {"proper-noun": "noun"})
TBX_2008 = _TbxForm("martif", "martifHeader", "termEntry", "langSet", "tig", {})


def tbx_id(entry_id: str) -> str:
    """The entry's id as an XML ID (which cannot start with a digit)."""
    return entry_id if entry_id[:1].isalpha() else f"_{entry_id}"


def _xml(text: str) -> str:
    return xml_chars(text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {key: _xml(value) for key, value in attributes.items()})
    if text is not None:
        child.text = _xml(text)
    return child


def _tbx_tree(glossary: Glossary, settings: Settings, url_of: UrlOf, form: _TbxForm,
              description: str) -> ET.Element:
    default = settings.default_language
    attributes = {"type": "TBX-Basic"}
    if form is TBX_2019:
        attributes["style"] = "dca"
    attributes[XML_LANG] = default
    if form is TBX_2019:
        attributes["xmlns"] = TBX_NAMESPACE
    root = ET.Element(form.root, attributes)
    header = _element(root, form.header)
    file_desc = _element(header, "fileDesc")
    _element(_element(file_desc, "sourceDesc"), "p", description)
    if form is TBX_2008:
        _element(_element(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _element(_element(root, "text"), "body")
    for entry in glossary.entries.values():
        _concept(body, glossary, entry, default, url_of, form)
    ET.indent(root, space="  ")
    return root


def _concept(body: ET.Element, glossary: Glossary, entry: Entry, default: str, url_of: UrlOf,
             form: _TbxForm) -> None:
    """One ``conceptEntry``: subject fields, cross-references (related, then broader), languages."""
    concept = _element(body, form.entry, id=tbx_id(entry.id))
    for tag_id in entry.tags:
        tag = glossary.tags.get(tag_id)
        if tag is not None:
            _element(concept, "descrip", tag.labels.get(default, tag_id), type="subjectField")
    for target in entry.related:
        if target in glossary.entries:
            _element(concept, "ref", title_of(glossary.entries[target], default),
                     type="crossReference", target=tbx_id(target))
    for target in entry.broader:
        if target in glossary.entries:
            _element(concept, "ref", title_of(glossary.entries[target], default),
                     type="crossReference", target=tbx_id(target), datatype=BROADER)
    for lang, text in entry.texts.items():
        section = _element(concept, form.language, **{XML_LANG: lang})
        _element(section, "descrip", summary_text(glossary, entry, lang), type="definition")
        _title_term(section, glossary, text, url_of(lang, entry.id), form)
        for alias in text.aliases:
            _term(section, alias, ADMITTED, form)
        for abbreviation in text.abbreviations:
            _term(section, abbreviation, ADMITTED, form, termType=ABBREVIATION)
        for deprecated in text.deprecated:
            _term(section, deprecated, DEPRECATED, form)


def _term(section: ET.Element, name: str, status: str, form: _TbxForm, **notes: str) -> ET.Element:
    """A ``termSec`` (``tig``): the term, its status, then further term notes by type."""
    term = _element(section, form.term)
    _element(term, "term", name)
    _element(term, "termNote", status, type="administrativeStatus")
    for kind, value in notes.items():
        _element(term, "termNote", value, type=kind)
    return term


def _title_term(section: ET.Element, glossary: Glossary, text: Text, page: str, form: _TbxForm) -> None:
    """The preferred term with its grammar, its usage sentences (each with its source) and its page."""
    notes = {}
    if text.gender:
        notes["grammaticalGender"] = tbx_gender(text.gender)
    if text.pos:
        notes["partOfSpeech"] = form.parts_of_speech.get(text.pos, PARTS_OF_SPEECH[text.pos])
    term = _term(section, text.title, PREFERRED, form, **notes)
    for context in text.context:
        sentence = plain(context.text, glossary, text.lang)
        if context.source:
            group = _element(term, "descripGrp")
            _element(group, "descrip", sentence, type="context")
            _element(group, "admin", context.source, type="source")
        else:
            _element(term, "descrip", sentence, type="context")
    if page.startswith(("https://", "http://")):  # a relative address means nothing in a termbase
        _element(term, "xref", text.title, type="externalCrossReference", target=page)


OUR_MARK = "exported by Lexikon (lexicon export)"
"""Ends the header's ``sourceDesc``: the import knows the file's ids are entry ids
(:func:`is_our_export`)."""
_OUR_HEADER = re.compile(rf"<sourceDesc>\s*<p>[^<]*{re.escape(OUR_MARK)}</p>".encode())


def is_our_export(path: Path) -> bool:
    """Whether ``path`` is a TBX file of ``lexicon export`` (its header, in the first 4 KiB, says
    so): its ids are entry ids, kept even when they look like a tool's counter (``x11``)."""
    with path.open("rb") as file:
        return bool(_OUR_HEADER.search(file.read(4096)))


def _description(glossary: Glossary, title: str) -> str:
    return f"{title}: {len(glossary.entries)} entries in {', '.join(glossary.languages)}, {OUR_MARK}"


def glossary_tbx(glossary: Glossary, settings: Settings, url_of: UrlOf, *, title: str = "Lexikon") -> str:
    """``glossary.tbx``: TBX-Basic, ISO 30042:2019, DCA style."""
    root = _tbx_tree(glossary, settings, url_of, TBX_2019, _description(glossary, title))
    return _document(root, TBX_MODELS)


def glossary_martif(glossary: Glossary, settings: Settings, url_of: UrlOf, *,
                    title: str = "Lexikon") -> str:
    """``glossary.martif.tbx``: TBX-Basic of ISO 30042:2008, for tools that read only that."""
    root = _tbx_tree(glossary, settings, url_of, TBX_2008, _description(glossary, title))
    return _document(root, MARTIF_MODELS)


def _document(root: ET.Element, models: tuple[tuple[str, str], ...]) -> str:
    """The file: the XML declaration, an ``xml-model`` instruction per schema, the tree."""
    instructions = "".join(f'<?xml-model href="{href}" type="application/xml" schematypens="{ns}"?>\n'
                           for href, ns in models)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + instructions
            + ET.tostring(root, encoding="unicode") + "\n")

