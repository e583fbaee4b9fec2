"""One escaping function per output context: the only way an editor's text reaches a sink.

An entry's text is plain data until it is written somewhere, and every place it is written
has its own rules: what is harmless in HTML text closes an attribute, what is harmless in
an attribute ends a ``<script>``, what a browser shows as text a terminal runs as a colour
change. Each function here takes plain text and returns it safe for exactly one context;
a writer picks the function of its context and never escapes by hand (``grep`` for
``html.escape`` or ``replace('"'`` outside this module should find nothing). Markdown an
editor wrote goes to HTML through :mod:`lexikon.render.markup`, never through these.

Leaf module: imports nothing from the package, so every stage may use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

# --- characters no output should carry ----------------------------------------------------------
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 controls except tab, LF and CR: invisible, and some run in terminals or end
Python-Markdown's placeholders (STX, ETX)."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, not even as character references."""
_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
"""What a terminal would run (escape sequences, carriage returns that overwrite a line),
show reordered (bidi controls, "Trojan Source"), or read as the start of another line
(a line feed in a file name or tag would forge a finding of its own)."""


def drop_controls(text: str) -> str:
    """``text`` without C0/C1 control characters (tab, LF and CR are kept)."""
    return _CONTROLS.sub("", text)


def one_line(text: str) -> str:
    """Plain text as one line: controls dropped, each white space run one space (a no-break one kept)."""
    text = drop_controls(text)
    if "\u00a0" in text or "\u2007" in text or "\u202f" in text:
        return _BREAKING_SPACES.sub(" ", text).strip()
    return " ".join(text.split())


# --- HTML -----------------------------------------------------------------------------------
def html_text(text: str) -> str:
    """Text between HTML tags (also inside ``<title>`` and ``<textarea>``)."""
    return drop_controls(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_attr(text: str) -> str:
    """A quoted HTML attribute value (either quote); line breaks kept as references."""
    return (html_text(text).replace('"', "&quot;").replace("'", "&#39;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def head_text(text: str) -> str:
    """A page's title or description as the templates put it in ``<title>``, ``<meta
    content>``, the header and ``data-*`` attributes: one line of plain text, escaped for
    text and attributes alike (Material writes ``page.meta.title`` unescaped)."""
    return html_attr(one_line(text))


_MARKDOWN_IN_ATTRIBUTE = re.compile(r"[\\`*_{}\[\]()!]")


def page_attr(text: str) -> str:
    """An attribute value of an inline tag we write into a page's Markdown (a link's
    ``href`` or tooltip): escaped for HTML, and with every character Python-Markdown's
    inline patterns act on (code spans, links, escapes run before inline HTML is taken
    out) written as a character reference, so the tag reaches the page as written."""
    return _MARKDOWN_IN_ATTRIBUTE.sub(lambda m: f"&#{ord(m.group(0))};", html_attr(text))


def tooltip(text: str) -> str:
    """The value a ``title`` attribute holds (before attribute escaping): one line of plain
    text. The browser shows it as text; Material's ``content.tooltips``, which would put it
    into the page as HTML, stays off (mkdocs.yml; the site audit refuses it)."""
    return one_line(text)


def link_title(text: str) -> str:
    """A link's tooltip (``title``) in a page's Markdown: :func:`tooltip`, then escaped for
    the attribute and Python-Markdown."""
    return page_attr(tooltip(text))


_URL_UNSAFE = re.compile(r'[\s"<>`{}|\\^]')


def url_attr(url: str) -> str:
    """A URL we built or checked (page links, http(s) sources) in an ``href``: the ASCII
    characters a URL may not hold (space, quotes, ``<>``, braces, …) percent-encoded, as a
    browser would send them, then escaped for the attribute."""
    cleaned = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()),
                              drop_controls(url).strip())
    return page_attr(cleaned)


# --- Markdown (our own pages' source) ---------------------------------------------------------
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()>#+!])")


def markdown_text(text: str) -> str:
    """Plain text standing in our pages' Markdown (a heading, a list item, link text).

    Markdown's punctuation is backslash-escaped (so ``{…}`` never becomes an attribute
    list, ``[…](…)`` never a link); ``&`` and ``<`` become entities, since Python-Markdown
    shows ``\\<`` as written and would read ``&amp;`` as an entity. One line.
    """
    return markdown_punctuation(one_line(text).replace("&", "&amp;").replace("<", "&lt;"))


def markdown_punctuation(text: str) -> str:
    """``text`` with Markdown's punctuation backslash-escaped: words put into an editor's
    Markdown (a link to a draft, once the link is gone), shown as they are written."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


_BLOCK_START = re.compile(r"^([ \t]*(?:\d{1,9}(?=[.)](?:[ \t]|$)))?)([#>-]|[.)+](?=[ \t]|$))", re.M)
"""What makes a line a block: a heading, a quote, a list item, a rule (``*``, ``_`` are escaped anyway)."""
_INLINE_MARKUP = re.compile(r"\\(?=[\\`*_{}\[\]()>#+\-.!|])|[`*_{}\[\]]|(?<=\])\(|<(?=[A-Za-z/!?])"
                            r"|&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
"""What starts inline markup: an escape, a code span, emphasis, a link or ``[[id]]`` (and the ``(``
of its address, which the check reads as one), an attribute list, a tag, a character reference."""
_AS_REFERENCE = {"<": "&lt;", "&": "&amp;", "{": "&#123;"}


def markdown_of_plain(text: str) -> str:
    """Plain text from another tool (a termbase's definition, TBX or SKOS) as Markdown source
    that renders as that same text: ``# …`` no heading, ``3. …`` no list, ``[[x]]`` no link,
    ``<b>`` no tag. Only what Markdown reads as markup is escaped, so an ordinary sentence
    stays as it is (a backslash before punctuation; ``<``, ``&``, ``{`` as references, since
    Python-Markdown shows ``\\<`` as written and the check reads ``\\{…}`` as an attribute
    list). :func:`lexikon.core.queries.plain_text` gives the text back."""
    escaped = _INLINE_MARKUP.sub(lambda m: _AS_REFERENCE.get(m.group(0), "\\" + m.group(0)), text)
    return _BLOCK_START.sub(r"\1\\\2", escaped)  # after: its backslashes are not escaped again


# --- JSON in a page -----------------------------------------------------------------------------
def json_script(value: object, *, separators: tuple[str, str] = (",", ":")) -> str:
    """``value`` as JSON that can stand inside ``<script>`` (JSON-LD, Material's config).

    No ``<``, ``>`` or ``&`` (nothing can close the element or open a comment), and the
    line separators JavaScript once read as line ends escaped too.
    """
    text = json.dumps(value, ensure_ascii=False, separators=separators)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


# --- YAML front matter ---------------------------------------------------------------------
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters JSON writes raw that YAML may not hold raw (or reads as a line break)."""


def yaml_value(value: object) -> str:
    """A value for a page's YAML front matter, written as JSON (which YAML reads as it is).

    Not ASCII-only JSON: YAML cannot join the surrogate pair JSON writes for a character
    beyond the BMP (the front matter would be dropped, and the page lose its title).
    """
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# --- SVG (inline in HTML) ----------------------------------------------------------------------
def svg_text(text: str) -> str:
    """Text inside an inline SVG element (``<text>``, ``<title>``)."""
    return html_text(one_line(text))


def svg_attr(text: str) -> str:
    """An attribute value of an inline SVG element."""
    return html_attr(one_line(text))


# --- XML files (feeds, TBX, SKOS, sitemap) -------------------------------------------------
def xml_chars(text: str) -> str:
    """Text for an XML serializer (ElementTree escapes markup): without the characters XML
    1.0 cannot hold, which would make the whole file unreadable."""
    return _NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """Text content of an XML element written by hand."""
    return xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    """A double- or single-quoted XML attribute value written by hand (whitespace kept)."""
    return (xml_text(text).replace('"', "&quot;").replace("'", "&apos;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


# --- Turtle -------------------------------------------------------------------------------------
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SURROGATE = re.compile("[\ud800-\udfff]")
_ECHAR = {"\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f", '"': '\\"', "\\": "\\\\"}


def turtle_iri(value: str) -> str:
    """``<iri>``, with what an IRIREF may not hold percent-encoded."""
    from urllib.parse import quote

    return "<" + _IRI_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), value) + ">"


_TURTLE_ESCAPED = re.compile('[\x00-\x1f\x7f"\\\\]')


def turtle_string(value: str) -> str:
    """A Turtle ``"…"`` string: quotes, backslashes and control characters escaped (only
    those characters visited: the exports write some 400,000 characters of it at 1,000 terms)."""
    escaped = _TURTLE_ESCAPED.sub(lambda m: _ECHAR.get(m.group(0)) or f"\\u{ord(m.group(0)):04X}",
                                  _SURROGATE.sub("\ufffd", value))
    return '"' + escaped + '"'


# --- CSV ----------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_guarded(value: str) -> bool:
    """Whether a cell needs a leading ``'`` so that spreadsheets show it as text (a cell
    that already starts with ``'`` gets one more, so that the import's removal of one
    gives the text back)."""
    return value.startswith(_FORMULA_START) or (value.startswith("'") and formula_guarded(value[1:]))


CSV_SEPARATORS = ",;\t\r\n"
"""Where a spreadsheet may start a new cell: our delimiter, the list separator of German
and Danish Excel (``;``), tab (pasted or "text" imports) and line ends. A reader that
splits on one of them ignores our quoting, so each piece must be safe on its own."""
# A piece begins after its leading spaces, at a cell's start too (with --delimiter ';' a cell is one).
_CELL_STARTS = re.compile(f"(?:^|[{re.escape(CSV_SEPARATORS)}]) *")
_SEPARATOR = re.compile(f"[{re.escape(CSV_SEPARATORS)}]")


def _piece_starts(text: str) -> Iterator[int]:
    """Where a spreadsheet may start a cell in ``text``: its start, and after each separator
    and the spaces after it; in order (matches do not overlap)."""
    return (match.end() for match in _CELL_STARTS.finditer(text))


def csv_cell(value: str) -> str:
    """A CSV cell: no formula a spreadsheet would run, wherever it splits the line. The
    start of the cell and the start of every piece after a separator get a ``'`` when
    they look like a formula (:func:`csv_text` removes them again)."""
    if not _SEPARATOR.search(value) and not value.startswith(" "):  # one piece (most cells: no walk)
        return "'" + value if formula_guarded(value) else value
    pieces, last = [], 0
    for start in _piece_starts(value):
        if formula_guarded(value[start:]):
            pieces += [value[last:start], "'"]
            last = start
    return "".join(pieces) + value[last:]


def csv_text(cell: str) -> str:
    """A cell as :func:`csv_cell` wrote it, back to the text (for ``lexicon import-csv``)."""
    pieces, last = [], 0
    for start in _piece_starts(cell):
        if cell.startswith("'", start) and formula_guarded(cell[start + 1:]):
            pieces.append(cell[last:start])
            last = start + 1
    return "".join(pieces) + cell[last:]


# --- GitHub workflow commands ---------------------------------------------------------------
def github_data(text: str) -> str:
    """The message of a workflow command (after ``::``): one line, as GitHub decodes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``): no ``,`` or ``:``
    that would end it and start another property or the message."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- terminals ----------------------------------------------------------------------------------
_TERMINAL_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def terminal(text: str) -> str:
    """One line for a terminal or a log (a finding): control and bidi characters shown as
    escapes (``\\x1b``, ``\\u202e``, ``\\n``), so that nothing in a file can colour, move or
    reorder what a reader sees, nor start a line of its own. The caller joins such lines
    with the only real line breaks."""

    def visible(match: re.Match[str]) -> str:
        char, code = match.group(0), ord(match.group(0))
        return _TERMINAL_NAMES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _TERMINAL_UNSAFE.sub(visible, text)
