"""``lexicon render --out DIR``: the generated site as plain folders any engine can build.

The hook renders the glossary into MkDocs' file list at build time; an engine that ignores
hooks and plugins (Zensical reads ``mkdocs.yml`` but neither) needs the pages on disk
instead. This writes, per language, a project folder ``DIR/<lang>/`` with a minimal
``mkdocs.yml`` and ``docs/``: every generated page as Markdown with its front matter, the
hand-written pages of that language, and (in the default language's tree, as at the site's
root) the data exports. Each language is built on its own into ``DIR/<lang>/site/``; put
the default language's at the site's root and each other one in ``<lang>/`` of it (the
layout the hook's build has), and the links between the languages hold.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from lexikon.core.articles import Article, article_name, is_trusted, markdown_files
from lexikon.core.history import article_history, entry_history
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Finding, Glossary
from lexikon.core.safe_write import checked, write_bytes, write_text
from lexikon.core.settings import Settings, read_config, site_texts
from lexikon.core.site_files import excluded
from lexikon.interchange.export import page_url_of, write_exports
from lexikon.render.article import article_files, with_terms
from lexikon.render.article_lists import framed_files
from lexikon.render.pages import GRAPH_MARKER
from lexikon.render.site_output import render_everything

MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "fenced_code", "tables",
                       {"toc": {"permalink": True}}]
"""What the generated Markdown needs (the site's own list, without Python-tagged options)."""


def render_folder(glossary: Glossary, settings: Settings, out_dir: Path, langs: Iterable[str],
                  site_url: str = "", config_file: Path | None = None,
                  articles: Sequence[Article] = ()) -> list[Path]:
    """Write each language's project folder under ``out_dir``; the files written."""
    repo_url = read_config(config_file).get("repo_url") if config_file else None
    layout = SiteLayout(settings, True, site_url or "/",  # root-based addresses without a site_url
                        str(repo_url) if repo_url else None)
    articles = with_terms(glossary, layout, articles)  # listed on term pages, in the index, in the feeds
    docs_history = article_history(settings.docs_dir, settings.codes) if articles else {}
    output = render_everything(glossary, layout, entry_history(settings.glossary_dir, settings.codes),
                               articles=articles, article_history=docs_history)
    root = settings.project_dir
    written: list[Path] = []
    for lang in langs:
        project = out_dir / lang
        docs = project / "docs"
        shutil.rmtree(checked(docs, root), ignore_errors=True)  # pages of removed entries go too
        for page in output.pages:
            if page.lang == lang:
                written.append(write_text(docs / page.path, page.markdown, root))
        written.extend(_hand_written(settings, lang, docs, output.graphs.get(lang, "")))
        files = article_files(glossary, layout, articles, lang)
        files.update(framed_files(glossary, layout, articles, docs_history, files, lang))
        written += [write_text(docs / path, text, root)  # articles made safe, as the hook makes them
                    for path, text in files.items()]
        if lang in output.feeds:  # at the root of the language's own project, as in the site
            written.append(write_text(docs / layout.feed, output.feeds[lang], root))
        if lang == settings.default_language:
            config_path = config_file or settings.project_dir / "mkdocs.yml"
            written.extend(write_exports(glossary, settings, page_url_of(settings, site_url), docs,
                                         title=site_texts(config_path, "site_name") or "Lexikon",
                                         description=site_texts(config_path, "site_description"),
                                         root=root))
        config = _config(layout, lang, bool(site_url), config_file or settings.project_dir / "mkdocs.yml")
        written.append(write_text(project / "mkdocs.yml", config, root))
    return written


def _hand_written(settings: Settings, lang: str, docs: Path, graph: str) -> list[Path]:
    """The pages editors wrote in ``docs/`` for this language (``x.md``, ``x.<lang>.md``)."""
    source = settings.docs_dir
    written = []
    for path, inside in markdown_files(settings):
        name = article_name(inside, settings.codes)
        if name is None or name[1] != lang or not is_trusted(name[0], settings):
            continue  # another language's page, or an article (written by render_folder)
        text = path.read_text(encoding="utf-8").replace(GRAPH_MARKER, graph)
        written.append(write_text(docs / f"{name[0]}.md", text, settings.project_dir))
    for asset in sorted(source.rglob("*")):  # not what MkDocs' exclude_docs leaves out of the site
        if asset.is_file() and asset.suffix != ".md" and not excluded(asset.relative_to(source).as_posix(),
                                                                       settings):
            written.append(write_bytes(docs / asset.relative_to(source), asset.read_bytes(),
                                       settings.project_dir))
    return written


def _site_texts(settings: Settings, config_file: Path, lang: str) -> dict[str, str]:
    """``site_name`` and ``site_description`` of one language, as static-i18n overrides them."""
    config = read_config(config_file)
    texts = {key: str(config.get(key) or "") for key in ("site_name", "site_description")}
    for plugin in config.get("plugins") or []:
        i18n = plugin.get("i18n") if isinstance(plugin, dict) else None
        for language in (i18n or {}).get("languages") or []:
            if isinstance(language, dict) and language.get("locale") == lang:
                texts.update({key: str(language[key]) for key in texts if language.get(key)})
    return texts


def _config(layout: SiteLayout, lang: str, has_address: bool, config_file: Path) -> str:
    """A hook-free ``mkdocs.yml`` for one language (JSON is YAML, and needs no quoting rules);
    its ``site_url`` is the language tree's address when the site has one."""
    config = {
        **_site_texts(layout.settings, config_file, lang),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": lang},
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": ["assets/lexikon.css"],
    }
    if has_address:
        config["site_url"] = layout.absolute_root(lang)
    return json.dumps(config, ensure_ascii=False, indent=2) + "\n"


def run_render(settings: Settings, config_file: Path, out_dir: Path, langs: list[str] | None,
               site_url: str, report: list[str]) -> int:
    """The command: check, then write; findings and what was written go to ``report``."""
    from lexikon.check.articles import check_docs
    from lexikon.check.pipeline import run
    from lexikon.check.site_files import in_the_way

    result = run(settings)
    report.extend(str(finding) for finding in result.findings if _shown(finding))
    if result.errors:
        report.append(f"lexicon render: {len(result.errors)} error(s) in the glossary: nothing written")
        return 1
    blocked = in_the_way(settings)  # docs/ is copied in, then the feed and exports written over it
    report.extend(str(finding) for finding in blocked)
    if blocked:
        report.append(f"lexicon render: {len(blocked)} file(s) of docs/ in the way of the build's own: "
                      "nothing written")
        return 1
    docs = check_docs(settings, result.glossary)
    report.extend(str(finding) for finding in docs.findings if _shown(finding))
    if docs.errors:
        report.append(f"lexicon render: {len(docs.errors)} error(s) in the articles: nothing written")
        return 1
    chosen = langs or list(settings.codes)
    written = render_folder(result.glossary, settings, out_dir, chosen, site_url, config_file, docs.articles)
    report.append(f"lexicon render: {len(written)} files in {out_dir} ({', '.join(chosen)}); "
                  f"build each with an engine in {out_dir}/<lang>/")
    return 0


def _shown(finding: Finding) -> bool:
    return finding.severity.name != "NOTE"
