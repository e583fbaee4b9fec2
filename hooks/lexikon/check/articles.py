"""The articles' findings: what the check says about the pages editors write in ``docs/``.

An article gets the entries' care (:mod:`lexikon.core.articles` reads them): each finding
``docs/…md:line:col``. Errors: front matter that is no mapping or holds an unknown key or a
value of the wrong type, a tag or a cross-link that names nothing, raw HTML, attribute lists,
images and unsafe links (links inside the site are allowed: an article links to other
pages), invisible characters. Warnings: a configured language without a version of the
article, near-duplicate paragraphs. Notes: each duplicate paragraph removed (the article
the site shows is the cleaned one this module hands on).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from lexikon.check.characters import invisible_characters, invisible_message
from lexikon.check.dedupe import deduplicate_text
from lexikon.check.glossary_wide import unknown_link_message
from lexikon.check.site_files import in_the_way
from lexikon.check.yaml_nodes import did_you_mean
from lexikon.core import links
from lexikon.core.articles import KNOWN_KEYS, OUR_KEYS, Article, by_key, language_path, read_articles
from lexikon.core.layout import SiteLayout, taken_address
from lexikon.core.markdown_code import without_code
from lexikon.core.model import FINDING_ORDER, Finding, Glossary, Severity, Span, Text
from lexikon.core.settings import Settings
from lexikon.core.site_files import own_files

_WORDS = {"entries are": "articles are", "from entries": "from articles", "in entries": "in articles"}
"""The markup messages speak of entries; an article's finding speaks of articles."""


@dataclasses.dataclass(frozen=True)
class CheckedArticles:
    """The docs folder's articles, cleaned (duplicates removed), and every finding about them."""

    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


def check_docs(settings: Settings, glossary: Glossary) -> CheckedArticles:
    """Read ``docs/``, check each article against the glossary, remove duplicate paragraphs."""
    articles, findings = read_articles(settings)
    return check_articles(articles, glossary, settings, findings)


def docs_findings(settings: Settings, glossary: Glossary | None) -> list[Finding]:
    """What ``lexicon check`` adds for ``docs/``: every article finding. ``glossary``: the
    checked one, or None when it came from the cache without its entries (then it is loaded,
    only if there are articles to check against it); and each file or folder in the way of
    one the build writes itself."""
    articles, findings = read_articles(settings)
    findings += tuple(in_the_way(settings))
    if not articles:
        return sorted(findings, key=FINDING_ORDER)
    if glossary is None:
        from lexikon.check.pipeline import run

        glossary = run(settings).glossary
    return list(check_articles(articles, glossary, settings, findings).findings)


def check_articles(articles: Sequence[Article], glossary: Glossary, settings: Settings,
                   findings: Sequence[Finding] = ()) -> CheckedArticles:
    """``articles`` cleaned and judged; ``findings`` (the reader's) come first, then all in
    file order."""
    found = list(findings)
    cleaned = []
    for article in articles:
        found += article_findings(article, glossary)
        article, removed = deduplicated(article)
        found += removed
        cleaned.append(article)
    found += missing_translations(articles, settings) + collisions(articles, settings)
    return CheckedArticles(tuple(cleaned), tuple(sorted(found, key=FINDING_ORDER)))


def article_findings(article: Article, glossary: Glossary) -> list[Finding]:
    """Front matter, cross-links and markup of one article (duplicates: :func:`deduplicated`)."""
    return [*_front_matter(article, glossary), *_cross_links(article, glossary), *_markup(article)]


def _front_matter(article: Article, glossary: Glossary) -> list[Finding]:
    found = []
    for key, value in article.front.items():
        line, col = article.places.get(key, (1, 1))

        def problem(message: str, line: int = line, col: int = col) -> None:
            found.append(Finding(article.display, line, col, Severity.ERROR, message))

        if key not in KNOWN_KEYS:
            problem(f"unknown front matter key '{key}'{did_you_mean(key, KNOWN_KEYS)}: "
                    f"articles know {', '.join(sorted(KNOWN_KEYS))}")
            continue
        if key not in OUR_KEYS:
            continue
        kind, doc = OUR_KEYS[key]
        for char in invisible_characters(value) if isinstance(value, str) else ():  # as in entries
            problem(invisible_message(char, f"'{key}'"))
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            problem(f"'{key}' must be {_KIND_NAMES[kind]}, not {value!r}: {doc}")
        elif key == "title" and not value.strip():
            problem("the title is blank: write the article's title, or remove the key to use its first "
                    "'# ' heading")
        elif key == "tags":
            for tag in value:
                if not isinstance(tag, str) or tag not in glossary.tags:
                    problem(f"tag '{tag}' is not defined{did_you_mean(str(tag), glossary.tags)}: "
                            "add it to glossary/_tags.yml, or use one that is there")
    return found


_KIND_NAMES = {str: "text", list: "a list like [it, business]", bool: "true or false"}


def _cross_links(article: Article, glossary: Glossary) -> list[Finding]:
    if "[[" not in article.body:
        return []
    prose = without_code(article.body)  # the same length: places hold for the text as written
    locate = Span(article.display, article.body_line, 1, prose).locator()
    found = []
    for link in links.cross_links(prose):
        line, col = locate(link.written)
        if link.target not in glossary.entries:
            found.append(Finding(article.display, line, col, Severity.ERROR,
                                 unknown_link_message(link.written, link.target, glossary.entries)))
    locate = Span(article.display, article.body_line, 1, prose).locator()  # from the start again
    for written, message in links.misplaced_cross_links(prose):
        line, col = locate(written)
        found.append(Finding(article.display, line, col, Severity.ERROR, message))
    return found


def _markup(article: Article) -> list[Finding]:
    body = article.body
    problems = [(char, invisible_message(char, "the article")) for char in invisible_characters(body)]
    problems += [(written, _about_articles(message))
                 for written, message in links.markup_problems(body, relative=True)]
    problems += [(written, f"Markdown reads '{written}' as a link definition and leaves it out of the "
                  "page: write the link inline, [text](https://…), or put it in `backticks`")
                 for written in links.swallowed_definitions(body)]
    span = Span(article.display, article.body_line, 1, body)
    seen: dict[str, int] = {}  # the n-th report of a piece is placed at its n-th occurrence
    found = []
    for written, message in problems:
        seen[written] = seen.get(written, 0) + 1
        found.append(span.finding(Severity.ERROR, message, written, seen[written]))
    return found


def _about_articles(message: str) -> str:
    for old, new in _WORDS.items():
        message = message.replace(old, new)
    return message


def deduplicated(article: Article) -> tuple[Article, list[Finding]]:
    """The article without repeats of its own paragraphs (a note each), near repeats warned
    about: the entries' rule (:func:`lexikon.check.dedupe.deduplicate_text`) over its body."""
    # A literal block's span: each line of the body is a line of the file from body_line on.
    span = Span(article.display, article.body_line - 1, 1, "|\n" + article.body)
    text = Text(article.lang, article.title, "", body=article.body, spans={"body": span})
    cleaned, findings = deduplicate_text(text)
    if cleaned is text:
        return article, findings
    return dataclasses.replace(article, body=cleaned.body), findings


def missing_translations(articles: Sequence[Article], settings: Settings) -> list[Finding]:
    """A warning for each configured language an article has no version in, on the version
    in the default language (else the first there is)."""
    found = []
    names = {language.code: language.name for language in settings.languages}
    for versions in by_key(articles).values():
        first = versions.get(settings.default_language) or next(iter(versions.values()))
        for code in settings.codes:
            if code not in versions:
                wanted = language_path(first.neutral_path, code, settings.default_language)
                found.append(Finding(first.display, 1, 1, Severity.WARNING, (
                    f"this article has no version in {names[code]} ({code}): the {code} site shows "
                    f"it with a notice that it is not translated yet; write "
                    f"{first.display.removesuffix(first.path)}{wanted}")))
    return found


def collisions(articles: Sequence[Article], settings: Settings) -> list[Finding]:
    """An article where the site makes a page of its own (the A–Z index, a term's folder),
    which would replace it; and two files that are one article's version in one language
    (``x.md`` and ``x.de.md``), which static-i18n refuses."""
    seen: dict[tuple[str, str], Article] = {}
    found = []
    own = {path.rstrip("/"): what for path, what in own_files(settings).items()}
    layout = SiteLayout(settings)
    for article in articles:
        where = taken_address(settings, article.neutral_path)
        folder = layout.url(article.neutral_path, article.lang).rstrip("/")
        if not where and folder in own:  # feed.xml.md: its page would make feed.xml a folder
            where = f"{own[folder]} at {folder}, where its page would make a folder"
        if where:
            found.append(Finding(article.display, 1, 1, Severity.ERROR, (
                f"the site makes this page itself ({where}): move the article to another path")))
        first = seen.setdefault((article.key, article.lang), article)
        if first is not article:
            found.append(Finding(article.display, 1, 1, Severity.ERROR, (
                f"{first.display} is this article's version in '{article.lang}' already: keep one of the "
                "two files")))
    return found
