"""What the stages need to know about the site: languages, folders, switches.

The options live under ``extra.lexikon`` in ``mkdocs.yml``; the languages are those of
the ``i18n`` plugin. Both the MkDocs hook and the command line read them through
:func:`make_settings`, so there is one schema and one set of defaults.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml

from lexikon.core.model import Finding, Severity

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Language:
    """A configured language of the site."""

    code: str
    name: str
    default: bool = False


@dataclass(frozen=True)
class Option:
    """One setting under ``extra.lexikon``: its type, default and why it exists."""

    kind: type
    default: Any
    doc: str
    choices: tuple[Any, ...] = ()
    """The values allowed, when only some of the type's are."""


OPTIONS: Mapping[str, Option] = {
    "glossary_dir": Option(str, "glossary", "Folder of the entry files, relative to mkdocs.yml."),
    "terms_path": Option(str, "terms", "URL folder of the term pages and of the A–Z index."),
    "tags_path": Option(str, "tags", "URL folder of the tag pages."),
    "autolink": Option(
        bool, True, "Link the first mention of another term's title, alias or form in a body."
    ),
    "edit_entries": Option(
        bool, True, "Point each term page's edit link at its YAML file (needs repo_url)."
    ),
    "search": Option(
        str, "pagefind",
        "Search engine behind Material's search box: 'pagefind' (small index chunks fetched per "
        "query) or 'lunr' (Material's own, one whole index per language loaded up front).",
        choices=("pagefind", "lunr"),
    ),
    "trusted_pages": Option(
        list, ["index.md", "guide.md"],
        "The site's own pages in the docs folder (paths without language suffix): not articles, "
        "so they may hold HTML (the home's graph) and are neither checked nor rewritten.",
    ),
    "parallel_from": Option(
        int, 200,
        "Generated pages in a language pass from which a second process renders half of their "
        "Markdown (with two cores and no other thread running); 0 turns it off.",
    ),
}


@dataclass(frozen=True)
class Settings:
    """Everything configurable, validated, with defaults filled in."""

    project_dir: Path
    languages: tuple[Language, ...]
    """The default language first."""
    glossary_dir: Path = Path("glossary")
    terms_path: str = "terms"
    tags_path: str = "tags"
    edit_entries: bool = True
    autolink: bool = True
    search: str = "pagefind"
    """``pagefind`` or ``lunr``: see :data:`OPTIONS`."""
    parallel_from: int = 200
    docs_dir: Path = Path("docs")
    """MkDocs' ``docs_dir``: the hand-written pages, the articles among them."""
    trusted_pages: tuple[str, ...] = ("index.md", "guide.md")
    """See :data:`OPTIONS`."""
    use_directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: a page at ``x/index.html``, else at ``x.html``."""
    exclude_docs: tuple[str, ...] = ()
    """MkDocs' ``exclude_docs``, its lines: gitignore patterns of ``docs/`` files it never copies."""
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def default_language(self) -> str:
        return self.languages[0].code


def make_settings(
    project_dir: Path,
    languages: list[Language],
    options: Mapping[str, Any] | None,
    config_path: str = "mkdocs.yml",
    docs_dir: str = "docs",
    *,
    use_directory_urls: object = True,
    exclude_docs: object = None,
) -> Settings:
    """Validate ``options`` against :data:`OPTIONS`, and MkDocs' two options the docs/ check
    needs as MkDocs would (it refuses other types); problems become findings."""
    findings: list[Finding] = []

    def problem(message: str) -> None:
        findings.append(Finding(config_path, 1, 1, Severity.ERROR, message))

    values = _option_values(options, problem)
    if use_directory_urls is None:  # absent, or a tag read as nothing (``!ENV``): MkDocs' default
        use_directory_urls = True
    elif not isinstance(use_directory_urls, bool):
        problem(f"use_directory_urls: expected true or false, got {use_directory_urls!r}")
        use_directory_urls = True
    exclude_lines = _exclude_lines(exclude_docs, problem)
    ordered = sorted(languages, key=lambda language: not language.default)
    if not ordered:
        problem("no languages configured: add the i18n plugin with its languages to mkdocs.yml")
        ordered = [Language("de", "Deutsch", True)]
    for language in ordered:
        if not LANGUAGE_CODE.match(language.code):
            problem(f"language code '{language.code}' is not a code like 'de' or 'da'")
    return Settings(
        project_dir=project_dir,
        languages=tuple(ordered),
        glossary_dir=project_dir / values["glossary_dir"],
        terms_path=values["terms_path"].strip("/"),
        tags_path=values["tags_path"].strip("/"),
        edit_entries=values["edit_entries"],
        autolink=values["autolink"],
        search=values["search"],
        parallel_from=values["parallel_from"],
        docs_dir=project_dir / docs_dir,
        trusted_pages=tuple(values["trusted_pages"]),
        use_directory_urls=use_directory_urls,
        exclude_docs=exclude_lines,
        findings=tuple(findings),
    )


def _option_values(options: object, problem: Callable[[str], None]) -> dict[str, Any]:
    """``extra.lexikon``'s values, each checked against :data:`OPTIONS` (defaults for the rest)."""
    values = {name: option.default for name, option in OPTIONS.items()}
    if options is not None and not isinstance(options, Mapping):
        problem("extra.lexikon must be a mapping of options")
        options = {}
    for name, value in (options or {}).items():
        if name not in OPTIONS:
            problem(f"extra.lexikon: unknown option '{name}' (known: {', '.join(OPTIONS)})")
        elif not isinstance(value, OPTIONS[name].kind):
            problem(f"extra.lexikon.{name}: expected {OPTIONS[name].kind.__name__}, got {value!r}")
        elif isinstance(value, list) and not all(isinstance(item, str) for item in value):
            problem(f"extra.lexikon.{name}: expected a list of paths, got {value!r}")
        elif OPTIONS[name].choices and value not in OPTIONS[name].choices:
            allowed = ", ".join(repr(choice) for choice in OPTIONS[name].choices)
            problem(f"extra.lexikon.{name}: expected one of {allowed}, got {value!r}")
        else:
            values[name] = value
    return values


def _exclude_lines(value: object, problem: Callable[[str], None]) -> tuple[str, ...]:
    """``exclude_docs`` as MkDocs reads it: one multi-line string, a gitignore pattern a line
    (``pathspec``, which MkDocs uses too, must accept each); None or absent: no patterns."""
    if value is None:
        return ()
    if not isinstance(value, str):
        problem(f"exclude_docs: expected a multi-line string of patterns, got {value!r}")
        return ()
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(value.splitlines())
    except ValueError as error:
        problem(f"exclude_docs: {error}")
        return ()
    return tuple(str(pattern.pattern) for pattern in spec.patterns)  # as the build reads them back


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its ``!!python/name`` and ``!ENV`` tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> Mapping[str, Any]:
    """``mkdocs.yml`` as plain data, its tags read as nothing (no MkDocs, no code run)."""
    with config_file.open(encoding="utf-8-sig") as stream:
        config = yaml.load(stream, Loader=_ConfigLoader) or {}
    return config if isinstance(config, Mapping) else {}


def _i18n_languages(config: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The language items of the i18n plugin's configuration (built or not)."""
    i18n: Mapping[str, Any] = {}
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, Mapping) else (
        next(iter(p.items())) if isinstance(p, Mapping) else (p, {}) for p in plugins
    )
    for name, plugin_config in items:
        if name == "i18n":
            i18n = plugin_config or {}
    return [item for item in i18n.get("languages") or [] if isinstance(item, Mapping)]


def settings_from_file(config_file: Path) -> Settings:
    """Settings for the command line, read from ``mkdocs.yml`` without MkDocs."""
    config = read_config(config_file)
    languages = [
        Language(str(item.get("locale")), str(item.get("name") or item.get("locale")),
                 bool(item.get("default", False)))
        for item in _i18n_languages(config)
        if item.get("build", True) is not False
    ]
    extra = config.get("extra") or {}
    return make_settings(config_file.parent, languages, extra.get("lexikon"), config_file.name,
                         str(config.get("docs_dir") or "docs"),
                         use_directory_urls=config.get("use_directory_urls", True),
                         exclude_docs=config.get("exclude_docs"))


def site_texts(config_file: Path, key: str) -> dict[str, str]:
    """``site_name`` or ``site_description`` per language code, as static-i18n sets them: a
    language's own value, else the top-level one ({} without the file or a value). Read from
    the file: during a build MkDocs' ``config.site_name`` is whichever language ran last."""
    if not config_file.is_file():
        return {}
    config = read_config(config_file)
    top = str(config.get(key) or "")
    texts = {str(item.get("locale")): str(item.get(key) or top) for item in _i18n_languages(config)}
    return {code: text for code, text in texts.items() if text}


def stable_iri(*names: str) -> str:
    """An identifier that needs no host and never changes for the same names: a name-based
    UUID URN (RFC 4122). For feeds and SKOS of a site built without ``site_url``, whose
    page addresses are known only relative to wherever the site is served."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "\x1f".join(names)))


def is_absolute(iri: str) -> bool:
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", iri) is not None
