"""``lexicon new-article SLUG``: a knowledge-base article's files, one per language, with the
front matter the lexicon reads (:data:`lexikon.core.articles.OUR_KEYS`), ready to write in.

What ``lexicon new`` is for entries: the name checked by the one id rule (per folder), nothing
overwritten, every file written only inside the project and never through a link. Both
languages' files are looked at before either is written, so a refusal writes nothing.
"""

from __future__ import annotations

import argparse
import sys

from lexikon.cli.arguments import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from lexikon.core.articles import OUR_KEYS, language_path
from lexikon.core.layout import taken_address
from lexikon.core.paths import shown
from lexikon.core.safe_write import write_text
from lexikon.core.schema import ID_RULE
from lexikon.core.settings import Settings

_DEFAULTS: dict[str, object] = {"description": "", "tags": [], "autolink": True, "terms": False}
"""What a new article's front matter says for each key but the title."""


def new_article(args: argparse.Namespace, settings: Settings) -> int:
    """Write ``docs/SLUG.md`` and its other languages' ``docs/SLUG.<code>.md``; 2 for a bad
    name or title, 1 when a file exists already or the name belongs to a generated page."""
    slug = args.slug
    problem = _bad_slug(slug) or _bad_titles(args, settings)
    if problem:
        return _refuse(problem, EXIT_USAGE)
    taken = _taken(slug, settings)
    if taken:
        return _refuse(taken, EXIT_FAILED)
    paths = {code: settings.docs_dir / language_path(f"{slug}.md", code, settings.default_language)
             for code in settings.codes}
    existing = [path for path in paths.values() if path.exists() or path.is_symlink()]
    if existing:
        names = " and ".join(shown(path, settings.project_dir) for path in existing)
        verb = "exist" if len(existing) > 1 else "exists"
        return _refuse(f"{names} {verb} already: edit it, or choose another name", EXIT_FAILED)
    for code, path in paths.items():
        others = [paths[other].name for other in settings.codes if other != code]
        text = article_text(settings, code, _title(args, code), others)
        write_text(path, text, settings.project_dir, exclusive=True)
    names = ", ".join(shown(path, settings.project_dir) for path in paths.values())
    print(f"created {names}: write each language's text and description, then run 'lexicon check'")
    return EXIT_OK


def article_text(settings: Settings, lang: str, title: str, others: list[str]) -> str:
    """A new article's text in ``lang``: front matter with a comment on each key, no body yet."""
    from lexikon.core.escape import yaml_value

    name = next(language.name for language in settings.languages if language.code == lang)
    twins = f"; the other languages: {', '.join(others)}" if others else ""
    lines = ["---",
             f"# A knowledge-base article in {name}{twins}.",
             "# Markdown below the second '---'; link a term with [[id]] or [[id|label]].",
             "# Check your work with: lexicon check",
             f"title: {yaml_value(title)}  # {OUR_KEYS['title'][1]}"]
    lines += [f"{key}: {yaml_value(value)}  # {OUR_KEYS[key][1]}" for key, value in _DEFAULTS.items()]
    return "\n".join([*lines, "---", "", ""])


def _bad_slug(slug: str) -> str:
    if all(ID_RULE.match(part) for part in slug.split("/")):
        return ""
    return (f"'{slug}' is not a valid article name: use lowercase ASCII letters, digits and single "
            "hyphens, folders separated by '/', no '.md' (e.g. 'articles/sourcing-entscheiden')")


def _bad_titles(args: argparse.Namespace, settings: Settings) -> str:
    for code in settings.codes:
        title = _title(args, code)
        if title and not title.strip():
            return f"the {code} title is blank: write the title itself, or leave the option out"
        if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029" for char in title):
            return f"the {code} title must be one line of text without control characters"
    return ""


def _taken(slug: str, settings: Settings) -> str:
    """Why the name belongs to a page that is no article (generated, or one of the site's own)."""
    if f"{slug}.md" in settings.trusted_pages:
        return f"'{slug}' is one of the site's own pages (extra.lexikon.trusted_pages), not an article"
    taken = taken_address(settings, f"{slug}.md")
    if taken:
        return f"the site makes the page at the address of '{slug}' itself ({taken}): choose another name"
    return ""


def _title(args: argparse.Namespace, code: str) -> str:
    return getattr(args, f"title_{code.replace('-', '_')}", None) or ""


def _refuse(message: str, code: int) -> int:
    print(f"lexicon new-article: {message}", file=sys.stderr)
    return code

