"""An audit of a built site: nothing on it that our templates and Material do not make.

``audit_site(site_dir)`` parses every HTML page, XML, JSON and CSV output and lists each
problem as one line (an empty list: the site is clean). It knows nothing of the entries:
it holds the site to an allowlist of elements, attributes, URL schemes, scripts and
origins, and checks that each term page's head fields (``<title>``, meta description,
Pagefind's title, the ``<h1>``) say what its JSON-LD says, the same plain text. So a
hostile entry that got any markup, script, style or third-party request onto a page, or
text into a head field unescaped or escaped twice, fails it, however it got there.
"""

from __future__ import annotations

import csv
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

ELEMENTS = frozenset({
    # the document and Material's layout
    "html", "head", "body", "meta", "link", "title", "script", "style", "header", "footer", "main",
    "nav", "article", "section", "aside", "div", "span", "a", "button", "input", "label", "form",
    "fieldset", "legend", "details", "summary", "small", "figure", "figcaption", "dl", "dt", "dd",
    # inline SVG: Material's icons, our graphs
    "svg", "path", "circle", "line", "text", "g",
    # what an entry's Markdown may become (lexikon.markup.TAGS)
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    # the term page's terminology: short forms, terms not to use, usage sentences and sources
    "abbr", "s", "q", "cite",
})
ATTRIBUTES = frozenset({
    "align", "autocapitalize", "autocomplete", "autocorrect", "charset", "checked", "class", "colspan",
    "content", "cx", "cy", "d", "data-description", "data-root", "data-title", "dir", "download",
    "for", "hidden", "href", "hreflang", "id", "lang", "name", "placeholder", "r", "rel",
    "required", "role", "scope", "spellcheck", "src", "start", "tabindex", "target", "text-anchor", "title",
    "type", "value", "viewbox", "x", "x1", "x2", "xmlns", "y", "y1", "y2", "fill", "width",
    "height", "transform", "http-equiv", "media", "property", "sizes", "crossorigin", "defer",
    # the proposal script's data (lexikon.render.propose: an address and words of ours, escaped)
    "data-propose-form", "data-propose-lang", "data-propose-language", "data-propose-label",
})
ATTRIBUTE_PREFIXES = ("aria-", "data-md-", "data-pagefind-")
STYLE_ATTRIBUTES = {"svg": re.compile(r"--lexikon-phone-label: \d+(?:\.\d+)?px")}
"""Per element, the one ``style`` our code writes (fullmatch): a graph's label size on a phone,
a number the graph computes; nothing an entry says."""
FORMS = ({"class": "md-header__option", "data-md-component": "palette"},
         {"class": "md-search__form", "name": "search"})
"""Material's palette toggle and search box: the only forms."""
INLINE_SCRIPTS = (
    "__md_scope=new URL(",                          # Material: local storage scope
    'var palette=__md_get("__palette")',             # Material: the chosen colours
    "var target=document.getElementById(location.hash.slice(1))",  # Material: open details
    '(function () {\n      var sections = document.querySelectorAll(".lexikon-not-found")',  # 404
    "(function () {\n      var trees = [",          # 404: the reader's language tree by the path
    "(function(){var known=",                        # main.html: Material's sitemap requests answered
)
"""How each inline script of ours and Material's starts (besides the JSON ones)."""
JSON_SCRIPTS = {"application/json": "__config", "application/ld+json": None}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite", "background",
                  "ping", "xlink:href", "{http://www.w3.org/1999/xlink}href")
LOADING = {"script": "src", "img": "src", "iframe": "src", "embed": "src", "source": "src",
           "video": "src", "audio": "src", "track": "src", "input": "src", "image": "href", "use": "href"}
LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest",
                 "apple-touch-icon", "mask-icon", "shortcut"}
SAFE_SCHEMES = {"http", "https", "mailto"}
MATERIAL_IDS = re.compile(r"__(?:config|search|drawer|toc|palette_\d+|nav(?:_\d+)*(?:_label)?|code_\d+"
                          r"|tabbed_\d+(?:_\d+)?|mermaid_\d+|tooltip_\d+)")
"""The ids Material's templates and scripts own (``#__config`` is read as its JSON)."""
HTML_FROM_TEXT_FEATURES = ("content.tooltips",)
"""Material features that put text into the page as HTML: ``content.tooltips`` renders a
``title`` attribute with ``innerHTML`` and copies an overflowing heading's text into one."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def audit_site(site_dir: Path) -> list[str]:
    """Every problem of the built site at ``site_dir``, one line each."""
    site_dir = Path(site_dir)
    problems: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        where = path.relative_to(site_dir).as_posix()
        suffix = path.suffix
        try:
            if suffix == ".html":
                problems += [f"{where}: {p}" for p in audit_page(path, site_dir)]
            elif suffix in (".xml", ".tbx"):
                parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
                lxml.etree.parse(str(path), parser)
            elif suffix in (".json", ".jsonld") and "pagefind" not in path.parts:
                json.loads(path.read_text(encoding="utf-8"))
            elif suffix == ".csv":
                problems += [f"{where}: {p}" for p in audit_csv(path)]
            elif suffix == ".ttl":
                problems += [f"{where}: {p}" for p in audit_turtle(path)]
        except (ValueError, lxml.etree.Error, UnicodeDecodeError) as error:
            problems.append(f"{where}: does not parse: {error}")
    return problems


def audit_page(path: Path, site_dir: Path) -> list[str]:
    """The problems of one HTML page."""
    text = path.read_text(encoding="utf-8")
    if _CONTROL.search(text):
        return ["holds a control character"]
    root = lxml.html.document_fromstring(text)
    page = path.relative_to(site_dir).as_posix()
    problems: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        problems += _element_problems(element, page, site_dir)
    problems += _head_problems(root)
    problems += _id_problems(root)
    return problems


def _id_problems(root: lxml.html.HtmlElement) -> list[str]:
    """Every id once on a page, and Material's ids only where Material puts them: a heading
    of an entry that took ``__config`` stops the theme's scripts on the page."""
    seen: set[str] = set()
    problems = []
    for element in root.iterfind(".//*[@id]"):
        value = element.get("id")
        if value in seen:
            problems.append(f"the id {value!r} is on the page twice")
        seen.add(value)
        if value.startswith("__") and not MATERIAL_IDS.fullmatch(value):
            problems.append(f"the id {value!r} is not one of Material's (on <{element.tag}>)")
        elif value.startswith("__") and element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            problems.append(f"a heading holds Material's id {value!r}")
    return problems


def _element_problems(element: lxml.html.HtmlElement, page: str, site_dir: Path) -> list[str]:
    tag = element.tag.split("}")[-1].lower()
    problems = []
    if tag not in ELEMENTS:
        problems.append(f"element <{tag}> is not one of ours")
    if tag == "form" and not any(all(element.get(k) == v for k, v in form.items()) for form in FORMS):
        problems.append(f"a form that is not Material's: {dict(element.attrib)}")
    if tag == "style" and element.getparent() is not None and element.getparent().tag != "head":
        problems.append("a <style> element outside the head")
    if tag == "style" and re.search(r"@import|url\(|expression\(", element.text or "", re.I):
        problems.append(f"a <style> that loads or runs something: {(element.text or '')[:80]!r}")
    if tag == "meta" and (element.get("http-equiv") or "").lower() in ("refresh", "set-cookie"):
        problems.append(f"<meta http-equiv={element.get('http-equiv')!r}>")
    for name, value in element.attrib.items():
        lowered = name.lower()
        if lowered.startswith("on"):
            problems.append(f"event handler {name}={value!r} on <{tag}>")
        elif lowered == "style":
            if not (tag in STYLE_ATTRIBUTES and STYLE_ATTRIBUTES[tag].fullmatch(value)):
                problems.append(f"style={value!r} on <{tag}>")
        elif lowered not in ATTRIBUTES and not lowered.startswith(ATTRIBUTE_PREFIXES):
            problems.append(f"attribute {name}={value!r} on <{tag}> is not one of ours")
        if lowered in URL_ATTRIBUTES:
            problems += _url_problems(tag, lowered, value)
    problems += _loading_problems(element, tag, page, site_dir)
    if tag == "script":
        problems += _script_problems(element)
    return problems


def _scheme(url: str) -> str | None:
    seen = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = _SCHEME.match(seen)
    return match.group(1).lower() if match else None


def _url_problems(tag: str, attribute: str, url: str) -> list[str]:
    scheme = _scheme(url)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        return [f"<{tag} {attribute}={url!r}>: the scheme {scheme}: is not allowed"]
    return []


def _loading_problems(element: lxml.html.HtmlElement, tag: str, page: str, site_dir: Path) -> list[str]:
    """What the browser fetches on its own must come from this site."""
    urls = []
    if tag in LOADING and element.get(LOADING[tag]):
        urls.append(element.get(LOADING[tag]))
    if tag == "link" and LOADING_LINKS & set((element.get("rel") or "").lower().split()):
        urls.append(element.get("href") or "")
    for name in ("srcset", "imagesrcset"):
        if element.get(name) is not None:
            urls.append("srcset:" + element.get(name))
    problems = []
    for url in urls:
        parts = urlsplit(url.strip())
        if url.startswith("srcset:") or parts.scheme or parts.netloc or url.strip().startswith("//"):
            problems.append(f"<{tag}> loads {url!r} from another origin")
            continue
        if parts.path.startswith("/"):
            continue  # site-absolute (site_url's path): the same origin
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        if target.startswith("../") or not (site_dir / target).exists():
            problems.append(f"<{tag}> loads {url!r}, which is not a file of the site")
    return problems


def _script_problems(element: lxml.html.HtmlElement) -> list[str]:
    source = element.get("src")
    if source:
        return [] if source.split("?")[0].endswith(".js") else [f"script src {source!r}"]
    kind = element.get("type")
    body = element.text or ""
    if kind in JSON_SCRIPTS:
        if JSON_SCRIPTS[kind] is not None and element.get("id") != JSON_SCRIPTS[kind]:
            return [f"a {kind} script that is not Material's config"]
        try:
            data = json.loads(body)
        except ValueError:
            return [f"a {kind} script that is not JSON: {body[:80]!r}"]
        features = data.get("features", []) if isinstance(data, dict) else []
        return [f"Material's {feature} is on: it puts text into the page as HTML"
                for feature in HTML_FROM_TEXT_FEATURES if feature in features]
    if kind not in (None, "text/javascript") or not body.strip().startswith(INLINE_SCRIPTS):
        return [f"an inline script that is not ours: {body.strip()[:80]!r}"]
    return []


def _head_problems(root: lxml.html.HtmlElement) -> list[str]:
    """A term page's head fields and heading say what its JSON-LD says."""
    titles = root.findall(".//head/title")
    if len(titles) != 1:
        return [f"{len(titles)} <title> elements"]
    data = None
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        data = json.loads(script.text or "null")
    if not isinstance(data, dict) or data.get("@type") != "DefinedTerm":
        return []
    problems = []
    name, description = data.get("name", ""), data.get("description", "")
    if data.get("disambiguatingDescription"):  # the qualifier, shown after the title
        name = f"{name} ({data['disambiguatingDescription']})"
    title = titles[0].text or ""
    if not title.startswith(f"{name} - "):
        problems.append(f"<title> {title!r} is not the term's name {name!r}")
    meta = root.find(".//head/meta[@name='description']")
    if meta is None or meta.get("content") != description:
        shown = None if meta is None else meta.get("content")
        problems.append(f"meta description {shown!r} is not the term's {description!r}")
    heading = root.find(".//article//h1")
    if heading is not None and heading.text_content().rstrip("¶") != name:
        problems.append(f"<h1> {heading.text_content()!r} is not the term's name {name!r}")
    pagefind = root.find(".//*[@data-pagefind-meta]")
    if pagefind is not None and pagefind.get("data-title") != name:
        problems.append(f"Pagefind's title {pagefind.get('data-title')!r} is not {name!r}")
    return problems


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def audit_csv(path: Path) -> list[str]:
    """No cell a spreadsheet would run as a formula: read as CSV, and split on ``;`` (German
    and Danish Excel) or tab as a reader that ignores quotes would."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    problems = [f"row {number}: cell {cell[:40]!r} would run as a formula"
                for number, row in enumerate(rows, 1) for cell in row if cell.startswith(FORMULA)]
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\r\n"), 1):
        for piece in re.split(r"[;\t]", line)[1:]:
            if piece.lstrip(' "').startswith(FORMULA):
                problems.append(f"line {number}: {piece[:40]!r} after a ';' or tab would run as a formula")
    return problems


def audit_turtle(path: Path) -> list[str]:
    try:
        import rdflib
    except ImportError:  # pragma: no cover
        return []
    try:
        rdflib.Graph().parse(path, format="turtle")
    except Exception as error:
        return [f"does not parse as Turtle: {error}"]
    return []
