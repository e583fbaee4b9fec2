"""A TBX termbase read as a stream: one entry in memory at a time, nesting and entities bounded.

TBX's own reader (its messages name TBX); the XML handling itself is generic.

A TBX file can be large (a company termbase: tens of MB) or hostile (entities that expand
without limit, elements nested 20,000 deep). Expat reads it in chunks; only the element
being read and the root's attributes are kept, and each ``conceptEntry``/``termEntry`` is
handed on as a small tree as soon as it ends, then dropped. Entity declarations (and so
any DTD trick) are refused; external entities are never fetched (no handler asks for
them); nesting deeper than :data:`MAX_DEPTH` is refused before it costs anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 64
"""TBX nests about eight deep; a file nested deeper is not a termbase."""
CHUNK = 1 << 20
OTHER_FORMATS = {
    "mtf": ": it is MultiTerm XML, MultiTerm's own format; export the termbase from MultiTerm as TBX "
           "(an export definition for TBX) and import that file",
    "tmx": ": it is a translation memory (TMX), sentence pairs, not a termbase; export the terms from "
           "your tool as TBX",
    "xliff": ": it is a translation file (XLIFF), not a termbase; export the terms from your tool as TBX",
    "RDF": ": it is RDF; a SKOS vocabulary comes in with 'lexicon import-skos'",
    "TBX": ": <TBX> is TBX-Min's (2013), which holds no definitions; export the termbase as "
           "TBX-Basic or TBX v3, or as CSV, and import that file",
}
"""Root elements of files people take for termbases → what the file is and what to do instead."""


class XmlProblem(Exception):
    """Why the file cannot be read, and where."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line, self.col = line, col


@dataclass
class Element:
    """An XML element: local name, attributes (``xml:lang`` by that name), line, column
    (1-based: a termbase written on one line still tells its elements apart), content."""

    name: str
    attributes: dict[str, str]
    line: int
    content: list[Element | str] = field(default_factory=list)
    col: int = 1

    @property
    def children(self) -> list[Element]:
        return [item for item in self.content if isinstance(item, Element)]

    def text(self) -> str:
        return "".join(item if isinstance(item, str) else item.text() for item in self.content)

    def prose(self, inline: frozenset[str], left_out: Callable[[Element], None]) -> str:
        """The text with the words of ``inline`` elements only: any other element inside (a
        ``<note>`` in a definition) goes to ``left_out``, not glued into the words around it."""
        parts: list[str] = []
        for item in self.content:
            if isinstance(item, str) or item.name in inline:
                parts.append(item if isinstance(item, str) else item.prose(inline, left_out))
            else:
                left_out(item)
        return "".join(parts)

    def iter(self, names: set[str]) -> Iterable[Element]:
        for child in self.children:
            if child.name in names:
                yield child
            else:
                yield from child.iter(names)


def stream_entries(path: Path, entry_names: set[str], root_names: set[str],
                   on_root: Callable[[Element], None], on_entry: Callable[[Element], None]) -> None:
    """Read ``path``; ``on_root`` gets the root (without content) first, then ``on_entry``
    each entry element, whole, in file order. Raises :class:`XmlProblem`."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0
    kept: list[Element] = []  # the open elements of the current entry

    def refuse_entities(name: str, *_: object) -> None:
        raise XmlProblem(f"the file declares the entity '{name}': entity declarations are refused "
                         "(they can expand without limit or read other files)", parser.CurrentLineNumber,
                         parser.CurrentColumnNumber + 1)

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise XmlProblem(f"elements are nested more than {MAX_DEPTH} deep: this is not a termbase "
                             "(TBX nests about eight deep)", parser.CurrentLineNumber,
                             parser.CurrentColumnNumber + 1)
        local = name.rpartition(" ")[2]
        if depth == 1:
            if local not in root_names:
                what = "not a TBX that lexikon reads" if local == "TBX" else "not TBX"
                raise XmlProblem(f"this is {what}: the root element is <{local}>, not <tbx> (ISO "
                                 f"30042:2019) or <martif> (2008){OTHER_FORMATS.get(local, '')}",
                                 parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            on_root(Element(local, _named(attributes), parser.CurrentLineNumber,
                            col=parser.CurrentColumnNumber + 1))
            return
        if not kept and local not in entry_names:
            return  # outside any entry: nothing of it is used
        element = Element(local, _named(attributes), parser.CurrentLineNumber,
                          col=parser.CurrentColumnNumber + 1)
        if kept:
            kept[-1].content.append(element)
        kept.append(element)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        if kept:
            element = kept.pop()
            if not kept:
                on_entry(element)

    def text(data: str) -> None:
        if kept:
            kept[-1].content.append(data)

    parser.EntityDeclHandler = refuse_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    _parse_file(parser, path)


def _parse_file(parser: Any, path: Path) -> None:
    """Feed ``path`` to ``parser`` in chunks; every failure an :class:`XmlProblem`."""
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as err:
        raise XmlProblem(f"not well-formed XML: {expat.ErrorString(err.code)}", err.lineno,
                         err.offset + 1) from err
    except OSError as err:
        raise XmlProblem(f"cannot read the file: {err.strerror}: check it and its permissions") from err
    except RecursionError:
        raise XmlProblem("the file is nested too deeply to read") from None


def _named(attributes: dict[str, str]) -> dict[str, str]:
    named = {}
    for key, value in attributes.items():
        namespace, _, local = key.rpartition(" ")
        named["xml:lang" if namespace == XML_NAMESPACE and local == "lang" else local] = value
    return named
