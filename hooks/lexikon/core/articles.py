"""Knowledge-base articles: the Markdown pages editors write in ``docs/`` beside the glossary.

An article is a page under the docs folder (any depth) that is not one of the site's own
pages (the home, the guide: ``extra.lexikon.trusted_pages``). Its language comes from its
name as static-i18n's suffix structure reads it: ``howto/sourcing.md`` is the default
language's, ``howto/sourcing.da.md`` the Danish one; both share the key ``howto/sourcing``.
This module is the one home of that rule, of the front matter an article may carry, and of
reading the folder into :class:`Article` records. Judging them (unknown keys, cross-links
that name nothing, markup) is :mod:`lexikon.check.articles`; making pages of them is
:mod:`lexikon.render.article`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from lexikon.core.links import cross_links
from lexikon.core.markdown_code import without_code
from lexikon.core.model import Finding, Severity
from lexikon.core.paths import link_problem, shown
from lexikon.core.settings import Settings
from lexikon.core.site_files import excluded

OUR_KEYS: Mapping[str, tuple[type, str]] = {
    "title": (str, "the article's title (else its first '# ' heading)"),
    "description": (str, "one or two sentences: the articles index's summary and the page's description"),
    "tags": (list, "tag ids from glossary/_tags.yml"),
    "autolink": (bool, "false: no automatic links to the terms the article mentions"),
    "terms": (bool, "true: a box at the end listing the terms the article links to or mentions"),
}
"""The front matter keys the lexicon reads, with their type and what they do."""
ENGINE_KEYS = frozenset({"hide", "search"})
"""Keys Material reads itself that an article may set: flags it only tests (``hide: [toc]``,
``search: {exclude: true}``). Not those it writes into pages unescaped (``subtitle``), or that
name templates and icons to include (``template``, ``icon``, ``status``): an article is
written by any editor, and only the site's own pages choose how a page is made."""
KNOWN_KEYS = frozenset(OUR_KEYS) | ENGINE_KEYS
MAX_BYTES = 1024 * 1024
"""An article larger than this is not read (as an entry file)."""
_LOCALE_LIKE = re.compile(r"^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$|^[a-z]{2}_[A-Z]{2}$")
"""static-i18n's ``RE_LOCALE``: a suffix it reads as a language even when not configured."""
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
"""MkDocs' own (``mkdocs.utils.meta``), so that what is front matter here is there too."""
_OPENING = re.compile(r"\A-{3}[ \t]*\n(?![-.]{3}[ \t]*(?:\n|\Z))[^\n]*\S")
"""A first line ``---`` directly followed by a line of text, not another rule: front matter
begun (else a rule). Unclosed where MkDocs reads it, its keys would show as text."""
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True)
class Article:
    """One article in one language, as written (front matter read, text not yet rendered)."""

    path: str
    """The source path inside the docs folder, as MkDocs and static-i18n name it
    (``howto/sourcing.da.md``)."""
    display: str
    """The file's path relative to the project (``docs/howto/sourcing.da.md``): findings' path."""
    key: str
    """What the languages' versions share: the default language's path without ``.md``."""
    lang: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    autolink: bool = True
    """Front matter ``autolink: false`` turns off the links to mentioned terms."""
    terms_box: bool = False
    """Front matter ``terms: true``: a box of the article's terms at its end."""
    body: str = ""
    """The Markdown after the front matter, line ends as LF."""
    body_line: int = 1
    """The file's line on which ``body`` begins (for findings in it)."""
    links: tuple[str, ...] = ()
    """Term ids the article cross-links with ``[[id]]`` outside code, in order of first use
    (as written: the check reports those that name nothing; :func:`resolved` drops them)."""
    mentions: tuple[str, ...] = ()
    """Term ids the rendered article links automatically (first mentions); filled by
    :func:`lexikon.render.article.with_terms`, empty as read."""
    front: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The front matter as YAML gave it (every key, for the check)."""
    places: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    """Line and column of each front matter key in the file."""

    @property
    def neutral_path(self) -> str:
        """The path without language (``howto/sourcing.md``): what the site's layout takes."""
        return f"{self.key}.md"

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term the article links to or mentions, links first."""
        return self.links + tuple(m for m in self.mentions if m not in self.links)


# naming: static-i18n's suffix rule ----------------------------------------------------------
def article_name(path: str, codes: Sequence[str]) -> tuple[str, str] | None:
    """``(key, language)`` of a Markdown path inside the docs folder, as static-i18n reads
    it: ``x.da.md`` is Danish, ``x.md`` the default language's (the first of ``codes``).
    None for a suffix static-i18n takes for a language the site does not build (``x.en.md``)."""
    pure = PurePosixPath(path)
    stem = pure.name.removesuffix(".md")
    head, dot, suffix = stem.rpartition(".")
    folder = "" if str(pure.parent) == "." else f"{pure.parent}/"
    if dot and head and suffix in codes:
        return folder + head, suffix
    if dot and head and _LOCALE_LIKE.match(suffix):
        return None
    return folder + stem, codes[0]


def language_path(neutral: str, lang: str, default: str) -> str:
    """Where static-i18n's suffix structure expects a page: ``x.md`` in the default
    language, ``x.<lang>.md`` in another."""
    if lang == default:
        return neutral
    return f"{neutral.removesuffix('.md')}.{lang}.md"


def is_trusted(key: str, settings: Settings) -> bool:
    """Whether the page is one of the site's own (``trusted_pages``), not an article."""
    return f"{key}.md" in settings.trusted_pages


# reading ------------------------------------------------------------------------------------
def markdown_files(settings: Settings) -> Iterator[tuple[Path, str]]:
    """Each Markdown file in the docs folder as MkDocs finds it (no dot-files or folders, no
    top ``templates/``, nothing its ``exclude_docs`` leaves out: MkDocs never builds such a
    page, so an article there would be listed with a link to nothing), with its path inside
    the folder, in name order."""
    docs = settings.docs_dir
    if not docs.is_dir():
        return
    for path in sorted(docs.rglob("*.md")):
        inside = path.relative_to(docs).as_posix()
        if excluded(inside, settings) or not path.is_file():
            continue
        yield path, inside


def read_articles(settings: Settings) -> tuple[tuple[Article, ...], tuple[Finding, ...]]:
    """Every article of the docs folder (the site's own pages left out), in path order, and a
    located finding for each file that could not be read or whose front matter is no YAML
    mapping (such a file is still an article, with no front matter)."""
    articles: list[Article] = []
    findings: list[Finding] = []
    for path, inside in markdown_files(settings):
        name = article_name(inside, settings.codes)
        if name is None or is_trusted(name[0], settings):
            continue
        display = shown(path, settings.project_dir)
        text, problem = _read(path, settings)
        if text is None:
            findings.append(Finding(display, 1, 1, Severity.ERROR, problem))
            continue
        article, found = parse_article(text, inside, display, *name)
        articles.append(article)
        findings.extend(found)
    return tuple(articles), tuple(findings)


def parse_article(text: str, path: str, display: str, key: str, lang: str) -> tuple[Article, list[Finding]]:
    """One article from its text (LF line ends): front matter read where MkDocs reads it."""
    findings: list[Finding] = []
    front: dict[str, Any] = {}
    places: dict[str, tuple[int, int]] = {}
    body, body_line = text, 1
    match = _FRONT_MATTER.match(text)
    if match:
        body, body_line = text[match.end():], text.count("\n", 0, match.end()) + 1
        front, places, problem = _front_matter(match.group(1) or "")
        if problem:
            findings.append(Finding(display, problem[0], problem[1], Severity.ERROR, problem[2]))
    elif _OPENING.match(text):
        findings.append(Finding(display, 1, 1, Severity.ERROR, (
            "the front matter has no closing '---' line (followed by a line end), so the page shows it "
            "as text: add one after its last key")))
    if not text.strip():
        findings.append(Finding(display, 1, 1, Severity.ERROR, (
            "the file is empty: start from 'lexicon new-article NAME', or delete it")))
    return Article(
        path=path, display=display, key=key, lang=lang,
        title=_typed(front, "title", "") or _first_heading(body) or PurePosixPath(key).name,
        description=_typed(front, "description", ""),
        tags=tuple(str(tag) for tag in _typed(front, "tags", []) if isinstance(tag, str)),
        autolink=_typed(front, "autolink", True), terms_box=_typed(front, "terms", False),
        body=body, body_line=body_line, links=_links(body), front=front, places=places,
    ), findings


Problem = tuple[int, int, str]
"""Line, column and message of a front matter that cannot be read."""


def _front_matter(source: str) -> tuple[dict[str, Any], dict[str, tuple[int, int]], Problem | None]:
    """The front matter's mapping, each key's place (line 2 is its first line), or where and
    why it is not a mapping YAML can read."""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.load(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(getattr(error, "problem", None) or "not valid YAML").split())
        return {}, {}, (line, col, f"the front matter does not parse ({problem}): fix the YAML there")
    if data is None:
        return {}, {}, None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, {}, (2, 1, "the front matter is not a mapping of keys and values: write 'key: value' "
                              "lines")
    places: dict[str, tuple[int, int]] = {}
    problem = None
    for key, _ in node.value:
        place = (key.start_mark.line + 2, key.start_mark.column + 1)
        if str(key.value) in places and problem is None:
            problem = (*place, f"the key '{key.value}' is given twice (YAML keeps the last): keep one")
        places.setdefault(str(key.value), place)
    return {str(key): value for key, value in data.items()}, places, problem


def _typed(front: Mapping[str, Any], key: str, default: Any) -> Any:
    """A front matter value of the key's type (:data:`OUR_KEYS`), else ``default`` (the check
    reports the wrong type)."""
    value = front.get(key, default)
    kind = OUR_KEYS[key][0]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        return default
    return value


def _first_heading(body: str) -> str:
    match = _HEADING.search(without_code(body))  # a heading outside code; its words as written
    return _HEADING.match(body, match.start()).group(1).strip() if match else ""  # type: ignore[union-attr]


def _links(body: str) -> tuple[str, ...]:
    if "[[" not in body:
        return ()
    return tuple(dict.fromkeys(link.target for link in cross_links(without_code(body))))


def _read(path: Path, settings: Settings) -> tuple[str | None, str]:
    """The file's text with LF line ends (as MkDocs reads it), or None and what to do: a link
    (the file, or a folder on its way from the docs folder) is refused unread, as entries are."""
    docs = settings.docs_dir
    for step in (path, *path.parents):
        if step == docs or docs not in step.parents:
            break
        link = link_problem(step, settings.project_dir)
        if link:
            return None, link.replace("this file", "this file" if step == path else f"its folder {step.name}")
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        return None, f"cannot read the article ({error.strerror or error}): check its permissions"
    if len(data) > MAX_BYTES:
        return None, f"the article is larger than {MAX_BYTES // 2**20} MiB: split it into several"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"the article is not UTF-8 (byte {error.start + 1}): save it with UTF-8 encoding"
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


# the glossary's side ------------------------------------------------------------------------
def resolved(article: Article, entry_ids: Collection[str]) -> Article:
    """The article with only the cross-links that name an entry."""
    links = tuple(target for target in article.links if target in entry_ids)
    return article if links == article.links else dataclasses.replace(article, links=links)


def by_key(articles: Sequence[Article]) -> dict[str, dict[str, Article]]:
    """The articles by key, then language: each article's versions together."""
    pairs: dict[str, dict[str, Article]] = {}
    for article in articles:
        pairs.setdefault(article.key, {})[article.lang] = article
    return pairs


def articles_about(articles: Sequence[Article], lang: str) -> dict[str, tuple[Article, ...]]:
    """For each term id, the articles in ``lang`` that link to or mention it, in path order:
    what a term page lists."""
    about: dict[str, list[Article]] = {}
    for article in articles:
        if article.lang == lang:
            for term in article.terms:
                about.setdefault(term, []).append(article)
    return {term: tuple(found) for term, found in about.items()}
