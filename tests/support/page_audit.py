"""Reads every built page as a reader, a crawler and a browser meet it.

``audit_pages`` looks at the files: what the nav, header, footer, title, buttons and labels
say (no ``None``, no template residue, no UI string of another language), ``<html lang>``
against the page's language tree, the ``hreflang`` alternates (absolute with ``site_url``,
reciprocal, each a page of its language written in it) and that everything a page links
to or loads exists. ``audit_in_browser`` loads pages in Chromium and reports each failed
request, error response and console error. Both return findings, one line each: a test
asserts the list is empty, so a failure names every problem at once.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import yaml

from tests.support import page_language_audit as more
from tests.support.constants import ROOT

LOCALES = ROOT / "hooks" / "lexikon" / "core" / "locales"
assert LOCALES.is_dir(), f"the locale files moved: {LOCALES}"
MATERIAL_LANGUAGES = "material/templates/partials/languages"
AUDIT_DATA = Path(__file__).resolve().parent / "page_audit.yml"

RESIDUE = ("{{", "{%", "{ .", "{:")
_NONE = re.compile(r"\bNone\b")
_CHROME = "//header | //nav | //footer | //title | //button | //label | //*[@role='dialog']"
_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


# --- what each language says -----------------------------------------------------------------


@cache
def _material_strings(code: str) -> dict[str, str]:
    """Material's UI strings in one language (its ``partials/languages/<code>.html``)."""
    import material

    path = Path(material.__file__).parent / MATERIAL_LANGUAGES.removeprefix("material/") / f"{code}.html"
    if not path.is_file():
        return {}
    return dict(re.findall(r'"([\w.]+)":\s*"([^"]*)"', path.read_text("utf-8")))


@cache
def ui_strings(code: str) -> frozenset[str]:
    """The chrome's words in ``code``: Material's, ours (locale file) and the extra list in
    ``page_audit.yml`` (strings set in mkdocs.yml, such as the colour toggle's)."""
    strings = set(_material_strings(code).values())
    locale = LOCALES / f"{code}.yml"
    if locale.is_file():
        ours = yaml.safe_load(locale.read_text("utf-8")).get("strings") or {}
        strings |= {value for value in ours.values() if isinstance(value, str) and "{" not in value}
    extra = yaml.safe_load(AUDIT_DATA.read_text("utf-8"))
    strings |= set(extra.get("ui", {}).get(code, ()))
    return frozenset(s.strip() for s in strings if len(s.strip()) >= 4 and not s.strip().startswith("%"))


@cache
def foreign_strings(code: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """UI strings of every other language (English, Material's fallback, too) that ``code``
    does not share: any of them in a page of ``code`` is a string not translated."""
    own = {s.casefold() for s in ui_strings(code)}
    others = set().union(*(ui_strings(other) for other in {*languages, "en"} if other != code))
    return tuple(sorted(s for s in others if s.casefold() not in own))


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(AUDIT_DATA.read_text("utf-8"))
    return {code: frozenset(words) for code, words in data["stopwords"].items()}


def text_language(text: str, languages: Iterable[str]) -> str | None:
    """The language of a text by its commonest small words (``None`` when too short)."""
    words = re.findall(r"\w+", text.casefold())
    counts = {code: sum(word in _stopwords().get(code, ()) for word in words) for code in languages}
    best = max(counts.values(), default=0)
    if best < 3:
        return None
    winners = [code for code, count in counts.items() if count == best]
    return winners[0] if len(winners) == 1 else None


# --- one page ------------------------------------------------------------------------------------


def _page_language(relative: str, languages: Sequence[str]) -> str:
    """The language tree a page is in: ``da/…`` is Danish, the rest the default's."""
    first = relative.split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def _chrome_text(doc) -> str:
    """The words of the page's chrome as shown (scripts, styles and pictures left out)."""
    words = []
    for element in doc.xpath(_CHROME):
        words += element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)"
                               " and not(ancestor::*[local-name()='svg'])]")
    return " ".join(" ".join(words).split())


def _attribute_texts(doc, lang: str) -> list[str]:
    """aria-label, title, placeholder and alt values outside text marked as another language."""
    texts = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        marked = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
        if marked and marked[0].split("-")[0] != lang:
            continue
        texts += [element.get(name) for name in _ATTRIBUTES if element.get(name)]
    return texts


def _contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _local(site: Path, page: Path, link: str, site_url: str | None) -> Path | None:
    """The file a link of a page points at, or None when it leaves the site."""
    if site_url and link.startswith(site_url.rstrip("/") + "/"):
        link = "/" + link[len(site_url.rstrip("/")) + 1:]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    base_path = urlsplit(site_url).path.rstrip("/") if site_url else ""
    if parts.path.startswith("/"):
        path = (site / unquote(parts.path.removeprefix(base_path).lstrip("/")))
    else:
        path = page.parent / unquote(parts.path) if parts.path else page
    target = Path(posixpath.normpath(path.as_posix()))
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def _alternates(doc) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href")
            for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}


def _article_text(doc) -> str:
    article = doc.xpath("//article")
    return article[0].text_content() if article else ""


def audit_page(site: Path, path: Path, languages: Sequence[str], site_url: str | None,
               docs: dict[Path, object]) -> list[str]:
    """Everything wrong with one page, each a line naming the page."""
    relative = path.relative_to(site).as_posix()
    doc = docs[path]
    lang = _page_language(relative, languages)
    problems = []

    def problem(message: str) -> None:
        problems.append(f"{relative}: {message}")

    html_lang = doc.get("lang")
    if html_lang != lang:
        problem(f'<html lang="{html_lang}"> in the {lang} tree')
    chrome = _chrome_text(doc)
    attributes = _attribute_texts(doc, lang)
    for text in (chrome, *attributes):
        if _NONE.search(text):
            problem(f"'None' in what the reader sees: …{_around(text, _NONE.search(text).start())}…")
        for residue in RESIDUE:
            if residue in text:
                problem(f"template residue {residue!r}: …{_around(text, text.index(residue))}…")
    seen = set()
    for phrase in foreign_strings(lang, tuple(languages)):
        if phrase not in seen and any(_contains(text, phrase) for text in (chrome, *attributes)):
            seen.add(phrase)
            problem(f"UI string of another language on a {lang} page: {phrase!r}")
    problems += [f"{relative}: {message}" for message in _check_alternates(site, path, doc, lang, languages,
                                                                            site_url, docs)]
    problems += [f"{relative}: {message}" for message in _check_review(site, path, relative, doc, lang,
                                                                        languages, site_url)]
    for link in _loaded(doc):
        target = _local(site, path, link, site_url)
        if target is not None and not target.is_file():
            problem(f"links to or loads {link!r}: no such file")
    return problems


def _check_alternates(site: Path, path: Path, doc, lang: str, languages: Sequence[str],
                      site_url: str | None, docs: dict[Path, object]) -> list[str]:
    problems = []
    alternates = _alternates(doc)
    if alternates and alternates.get(lang) is None:
        problems.append(f"hreflang alternates {sorted(alternates)} without the page's own ({lang})")
    for code, href in alternates.items():
        if site_url and not href.startswith(site_url.rstrip("/") + "/"):
            problems.append(f"hreflang {code} alternate {href!r} is not absolute (site_url is set)")
            continue
        target = _local(site, path, href, site_url)
        if target is None or target not in docs:
            problems.append(f"hreflang {code} alternate {href!r}: no such page")
            continue
        other = docs[target]
        expected = languages[0] if code == "x-default" else code
        if other.get("lang") != expected:
            problems.append(f"hreflang {code} alternate {href!r} is a page in {other.get('lang')!r}")
        written = text_language(_article_text(other), languages)
        if written is not None and written != expected:
            problems.append(f"hreflang {code} alternate {href!r} has its text in {written!r}")
        back = {c: _local(site, target, h, site_url) for c, h in _alternates(other).items()}
        if back.get(lang) != path:
            problems.append(f"hreflang {code} alternate {href!r} does not name this page back as {lang}")
    return problems


def _check_review(site: Path, path: Path, relative: str, doc, lang: str, languages: Sequence[str],
                  site_url: str | None) -> list[str]:
    """The classes of defects the page review found (tests/support/page_language_audit.py)."""
    def local(link: str) -> Path | None:
        return _local(site, path, link, site_url)

    return [*more.check_language_menu(doc, relative, languages, site_url, local, _alternates(doc)),
            *more.check_dot_segments(doc),
            *more.check_unmarked_language(doc, lang, languages, text_language),
            *more.check_counts(_article_text(doc), lang)]


def _loaded(doc) -> list[str]:
    links = []
    for element, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for node in doc.iter(element):
            value = node.get(attribute)
            if not value or value.startswith("#"):
                continue
            if element == "link" and node.get("rel") in ("canonical",):
                continue
            links.append(value.split("#", 1)[0].split("?", 1)[0] or "")
    return [link for link in links if link]


def _around(text: str, at: int) -> str:
    return text[max(0, at - 40):at + 40]


def audit_pages(site_dir: Path, languages: Sequence[str], site_url: str | None = None) -> list[str]:
    """Every problem of every HTML page of a built site (``languages``: default first)."""
    site = Path(site_dir)
    pages = sorted(path for path in site.rglob("*.html")
                   if "pagefind" not in path.relative_to(site).parts)
    docs = {path: lxml.html.fromstring(path.read_bytes()) for path in pages}
    problems = []
    for path in pages:
        problems += audit_page(site, path, languages, site_url, docs)
    for sitemap in sorted(site.rglob("sitemap.xml")):
        problems += [f"{sitemap.relative_to(site).as_posix()}: {message}"
                     for message in more.check_sitemap(sitemap.read_text("utf-8"))]
    return problems


# --- in the browser -------------------------------------------------------------------------------


def audit_in_browser(browser, base_url: str, paths: Iterable[str],
                     viewport: tuple[int, int] = (1280, 800)) -> list[str]:
    """Load each page in a fresh Chromium context: every failed request, every response of
    400 or more and every console error or uncaught exception is a finding."""
    problems = []
    for path in paths:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        page = context.new_page()
        found: list[str] = []
        page.on("requestfailed", lambda r, f=found: f.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r, f=found, p=path: f.append(f"{r.status} for {r.url}")
                if r.status >= 400 and not _is_the_page(r.url, base_url, p) else None)
        page.on("console", lambda m, f=found, p=path: f.append(f"console {m.type}: {m.text}")
                if m.type == "error" and not _is_the_page(m.location.get("url", ""), base_url, p) else None)
        page.on("pageerror", lambda e, f=found: f.append(f"uncaught: {e}"))
        try:
            page.goto(urljoin(base_url + "/", path.lstrip("/")))
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
        problems += [f"{path}: {item}" for item in found]
    return problems


def _is_the_page(url: str, base_url: str, path: str) -> bool:
    """A 404 page asked for on purpose answers 404 itself (and says so in the console)."""
    return url == urljoin(base_url + "/", path.lstrip("/")) and "does-not-exist" in path
