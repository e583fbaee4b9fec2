"""A SKOS file read into an rdflib graph, safely, with the places of its parts.

The format comes from the file's extension and its first characters (``@prefix``, ``<?xml``,
``{``): Turtle, RDF/XML, JSON-LD, N-Triples (read as Turtle, which it is a subset of, so that
an error has a line). A file that none of them reads is one finding at the place the likeliest
format's parser stopped. Nothing is fetched: a JSON-LD ``@context`` or ``@import`` naming a
URL is refused before rdflib sees the file (its JSON-LD parser would download it), RDF/XML
with entity declarations is refused (no "billion laughs"), and ``owl:imports`` is just a
triple (rdflib never follows it). rdflib keeps no positions: :class:`Places` finds the line of
a concept's first mention in the text (its IRI, else its prefixed name).
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import SKOS

from lexikon.core.model import Finding, Severity
from lexikon.interchange.terms import SourceProblem, problem

_BY_SUFFIX = {".ttl": "turtle", ".turtle": "turtle", ".n3": "turtle", ".nt": "turtle", ".rdf": "xml",
              ".owl": "xml", ".xml": "xml", ".skos": "xml", ".jsonld": "json-ld", ".json": "json-ld"}
FORMATS = ("turtle", "xml", "json-ld")
_ENTITY = re.compile(r"<!ENTITY", re.I)
_TURTLE_START = re.compile(r"(?:#[^\n]*\n\s*)*(?:@?(?i:prefix)\s+[\w.-]*:\s*<|@?(?i:base)\s+<|<[^>\s]*>\s+<)")
"""Comments, then a prefix or base declaration or a triple: a Markdown heading followed by
the word "Prefix" is not Turtle."""


def rdf_format(name: str, text: str) -> str | None:
    """The format the file's name says, else the one its first characters say; None: no RDF.
    ``.xml`` and ``.json`` could hold anything: their content decides."""
    suffix = Path(name).suffix.lower()
    by_name = _BY_SUFFIX.get(suffix)
    if by_name and suffix not in (".xml", ".json"):
        return by_name
    return sniff(text)


def sniff(text: str) -> str | None:
    """The RDF format a text starts like, or None."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith(("{", "[")) and "@" in head:
        return "json-ld"
    if re.match(r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<rdf:RDF\b", head, re.S) or "<rdf:RDF" in head:
        return "xml"
    if _TURTLE_START.match(head):
        return "turtle"
    return None


def parse(text: str, fmt: str | None, base: str) -> Graph:
    """The graph the text holds: ``fmt`` first, then the other formats; a
    :class:`SourceProblem` at the place where ``fmt`` (or Turtle) failed when none reads it."""
    order = [fmt] if fmt else []
    order += [f for f in FORMATS if f not in order]
    first: SourceProblem | None = None
    for candidate in order:
        try:
            return _parse(text, candidate, base)
        except SourceProblem as err:
            first = first or err
    assert first is not None
    raise problem(f"not a SKOS file rdflib can read as Turtle, RDF/XML or JSON-LD ({first})",
                  *_where(first))


def _where(err: SourceProblem) -> tuple[int, int]:
    return getattr(err, "line", 1), getattr(err, "col", 1)


def _parse(text: str, fmt: str, base: str) -> Graph:
    if fmt == "json-ld":
        _local_json(text)
    elif fmt == "xml" and (entity := _ENTITY.search(text)):
        line, col = line_col(text, entity.start())
        raise problem("the file declares XML entities: refused (an entity can expand to gigabytes); "
                      "remove the DOCTYPE", line, col)
    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser still makes a ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format=fmt, publicID=base)
    except Exception as err:  # each parser has its own errors; all mean: not this format
        raise _located(err, text, fmt) from err
    return graph


def _located(err: Exception, text: str, fmt: str) -> SourceProblem:
    """The parser's error, at its place in the text."""
    if hasattr(err, "getLineNumber"):  # RDF/XML: sax
        return problem(f"{fmt}: {err.getMessage()}", err.getLineNumber(), err.getColumnNumber() + 1)
    if hasattr(err, "lines") and hasattr(err, "_i"):  # Turtle: notation3's BadSyntax
        offset = min(int(err._i), len(text))
        line, col = line_col(text, offset)
        return problem(f"{fmt}: {getattr(err, '_why', err)}", line, col)
    if isinstance(err, json.JSONDecodeError):
        return problem(f"{fmt}: {err.msg}", err.lineno, err.colno)
    return problem(f"{fmt}: {str(err).splitlines()[0] if str(err) else type(err).__name__}")


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _local_json(text: str) -> None:
    """Refuse JSON-LD that names a remote context (rdflib would fetch it)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise problem(f"json-ld: {err.msg}", err.lineno, err.colno) from err
    url = _remote_context(data)
    if url is not None:
        offset = max(text.find(json.dumps(url)[1:-1]), 0)
        raise problem(f"the JSON-LD names a remote @context '{url}': not fetched (an import reads "
                      "no network); put the context in the file", *line_col(text, offset))


def _remote_context(data: Any) -> str | None:
    """The first URL given as (or imported by) an ``@context``, anywhere in the document."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for part in value if isinstance(value, list) else [value]:
                        if isinstance(part, str):
                            return part
                stack.append(value)
    return None


_SUBJECT = re.compile(r'^[ \t]*(?:<([^>\s]*)>|([\w.-]*:[\w.-]+))(?=[\s;,])'  # Turtle: a line's subject
                      r'|rdf:about\s*=\s*"([^"]*)"'  # RDF/XML
                      r'|"@id"\s*:\s*"([^"]*)"', re.M)  # JSON-LD


class Places:
    """Lines of a text, and where an IRI is first described (or else mentioned) in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.subjects: dict[str, int] = {}
        for match in _SUBJECT.finditer(text):
            name = next(group for group in match.groups() if group is not None)
            self.subjects.setdefault(name, match.start())
            self.subjects.setdefault(":" + name.rsplit(":", 1)[-1], match.start())

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def of_iri(self, iri: str, local: str) -> int:
        """The offset where the IRI is described (a Turtle line starting with it, an
        ``rdf:about``, an ``@id``: whole or as ``prefix:local``), else first mentioned;
        -1 when the text does not name it (a blank node, say)."""
        found = self.subjects.get(iri, self.subjects.get(":" + local, -1) if local else -1)
        if found < 0:
            found = self.text.find(iri) if iri else -1
        if found < 0 and local:
            match = re.search(rf"(?<![\w.-])(?:[\w-]*:)?{re.escape(local)}(?![\w-])", self.text)
            found = match.start() if match else -1
        return found

    def after(self, value: str, start: int) -> int:
        """Where ``value`` is first written at or after ``start`` (its order among its kind)."""
        found = self.text.find(value, max(start, 0))
        return len(self.text) + 1 if found < 0 else found


class _Heard(logging.Handler):
    """What rdflib's loggers say, kept instead of printed (Python's last-resort handler would
    put it on stderr, unlocated)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.said: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(record.getMessage())


@contextmanager
def rdflib_said() -> Iterator[list[str]]:
    """rdflib's log lines and warnings while the block runs, in a list (none reaches stderr):
    the caller makes them findings (:func:`located`)."""
    logger, heard = logging.getLogger("rdflib"), _Heard()
    propagate = logger.propagate
    logger.addHandler(heard)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            yield heard.said
        heard.said.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(heard)
        logger.propagate = propagate


def heard(said: list[str], places: Places, source: str) -> list[Finding]:
    """rdflib's lines (:func:`rdflib_said`) as warnings, each once with its count, located at
    the IRI or value it starts with (or quotes), else at the file's start."""
    findings = []
    for line, count in Counter(said).items():
        match = re.match(r"^(.*?) does not look like a valid URI", line) or re.search(r"'([^']+)'", line)
        found = places.text.find(match.group(1)) if match and match.group(1) else -1
        where = line_col(places.text, found) if found >= 0 else (1, 1)
        findings.append(Finding(source, *where, Severity.WARNING, f"rdflib: {line}"
                                f"{f' ({count} times)' if count > 1 else ''}: check the file there"))
    return findings


def decode(data: bytes) -> str:
    """The file as text; a located :class:`SourceProblem` when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise problem(f"the file is not UTF-8 (byte 0x{data[err.start]:02x}): save it as UTF-8",
                      line) from err


__all__ = ["FORMATS", "Places", "SourceProblem", "decode", "heard", "line_col", "parse", "rdf_format",
           "rdflib_said", "sniff"]


def members(graph: Any, collection: Any) -> Iterator[Any]:
    """The members of ``collection`` and, where a member is itself a collection (a tree of
    groups, as VocBench and PoolParty write it), its members too: each once, a cycle ended."""
    seen, todo = {collection}, [collection]
    while todo:
        for member in graph.objects(todo.pop(), SKOS.member):
            if member not in seen:
                seen.add(member)
                todo.append(member)
                yield member
