"""What the live MkDocs config says: the settings, the language being built, the site's names.

static-i18n keeps its languages on its plugin and builds one language per pass; MkDocs
counts warnings for ``--strict`` on its logger. Everything else reads these answers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler

from lexikon.core.settings import Language, Settings, make_settings


def settings_from_config(config: MkDocsConfig) -> Settings:
    """Settings from the live MkDocs config: the i18n plugin's languages, ``extra.lexikon``, and
    the two options of MkDocs' own the docs/ check needs (``lexicon check`` reads them from the
    file: :func:`lexikon.core.settings.settings_from_file`)."""
    languages: list[Language] = []
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        languages = [
            Language(lang.locale, lang.name or lang.locale, bool(lang.default))
            for lang in i18n.config.languages
            if lang.build is not False
        ]
    project_dir = Path(config.config_file_path).parent
    return make_settings(project_dir, languages, config.extra.get("lexikon"),
                         Path(config.config_file_path).name, config.docs_dir,
                         use_directory_urls=config.use_directory_urls,
                         exclude_docs=_exclude_docs(config))


def _exclude_docs(config: MkDocsConfig) -> str | None:
    """``exclude_docs`` as written: MkDocs keeps it compiled (a ``GitIgnoreSpec``), each of
    its patterns holding its line."""
    spec = config.exclude_docs
    if spec is None:
        return None
    return "\n".join(str(pattern.pattern) for pattern in spec.patterns)


def current_language(config: MkDocsConfig, settings: Settings) -> str:
    """The language i18n is building now (unset before i18n's first ``on_config``)."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or settings.default_language


def site_names(config: MkDocsConfig) -> dict[str, str]:
    """The site's name in each language ("Lexikon", "Leksikon"): i18n's ``site_name``."""
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    return {lang.locale: getattr(lang, "site_name", None) or config.site_name for lang in languages}


def site_identity(config: MkDocsConfig) -> str:
    """What names this site when it has no address: its repository, else its name."""
    return config.repo_url or config.site_name


def strict_abort_pending(config: MkDocsConfig) -> bool:
    """Whether MkDocs will abort this build for its warnings once the plugins' last event is
    over (it counts them with a handler on its logger, asked only after ``on_post_build``)."""
    if not config.strict:
        return False
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)
