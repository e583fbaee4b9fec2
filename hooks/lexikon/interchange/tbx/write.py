"""Writing TBX: ``glossary.tbx`` (TBX-Basic, ISO 30042:2019, DCA style) and
``glossary.martif.tbx`` (the same data as TBX-Basic of ISO 30042:2008, ``<martif>``,
``termEntry``/``langSet``/``tig``, which older tools and translate-toolkit read).

One ``conceptEntry`` per entry with its tags as ``subjectField`` (labels in the default
language), ``related`` as ``crossReference``, one ``langSec`` per language with the summary
as ``definition``, the title as preferred term, each alias as admitted term and the page as
``externalCrossReference``. Bodies, highlights, sources and forms are not in TBX: it
describes terms, not articles. An id that starts with a digit is not an XML ID, so it stands
as ``_<id>`` (``_3d-druck``); the import removes the underscore.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from lexikon.core.escape import xml_chars
from lexikon.core.model import Glossary
from lexikon.core.settings import Settings
from lexikon.interchange.export_text import UrlOf, summary_text, title_of

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
_TBX_MODELS = (
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
     "TBXcoreStructV03_TBX-Basic_integrated.rng", "http://relaxng.org/ns/structure/1.0"),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     "http://purl.oclc.org/dsdl/schematron"),
)


@dataclass(frozen=True)
class _TbxForm:
    """The element names of one TBX edition."""

    root: str
    header: str
    entry: str
    language: str
    term: str


TBX_2019 = _TbxForm("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
TBX_2008 = _TbxForm("martif", "martifHeader", "termEntry", "langSet", "tig")


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
        concept = _element(body, form.entry, id=tbx_id(entry.id))
        for tag_id in entry.tags:
            tag = glossary.tags.get(tag_id)
            if tag is not None:
                _element(concept, "descrip", tag.labels.get(default, tag_id), type="subjectField")
        for target in entry.related:
            if target in glossary.entries:
                _element(concept, "ref", title_of(glossary.entries[target], default),
                         type="crossReference", target=tbx_id(target))
        for lang, text in entry.texts.items():
            section = _element(concept, form.language, **{XML_LANG: lang})
            _element(section, "descrip", summary_text(glossary, entry, lang), type="definition")
            for index, name in enumerate((text.title, *text.aliases)):
                term = _element(section, form.term)
                _element(term, "term", name)
                _element(term, "termNote", ADMITTED if index else PREFERRED, type="administrativeStatus")
                if index == 0:
                    _element(term, "xref", text.title, type="externalCrossReference",
                             target=url_of(lang, entry.id))
    ET.indent(root, space="  ")
    return root


def _description(glossary: Glossary, title: str) -> str:
    return (f"{title}: {len(glossary.entries)} entries in {', '.join(glossary.languages)}, "
            "exported by Lexikon (lexicon export)")


def glossary_tbx(glossary: Glossary, settings: Settings, url_of: UrlOf, *, title: str = "Lexikon") -> str:
    """``glossary.tbx``: TBX-Basic, ISO 30042:2019, DCA style."""
    root = _tbx_tree(glossary, settings, url_of, TBX_2019, _description(glossary, title))
    models = "".join(f'<?xml-model href="{href}" type="application/xml" schematypens="{ns}"?>\n'
                     for href, ns in _TBX_MODELS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + models
            + ET.tostring(root, encoding="unicode") + "\n")


def glossary_martif(glossary: Glossary, settings: Settings, url_of: UrlOf, *,
                    title: str = "Lexikon") -> str:
    """``glossary.martif.tbx``: TBX-Basic of ISO 30042:2008, for tools that read only that."""
    root = _tbx_tree(glossary, settings, url_of, TBX_2008, _description(glossary, title))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(root, encoding="unicode") + "\n")

