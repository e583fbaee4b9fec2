"""Guards on the code of MkDocs, static-i18n, Material (and ProperDocs) that our engine replaces,
wraps or copies the behaviour of (issue 17's kept pages, frames, kept 404, file listing).

Each function's (or template's) source is pinned here by a digest, with the version it was
read in. Our replacements are correct only for that source: an upgrade that changes one must
fail here, loudly, naming what of ours to re-check, not silently build a different site (a
kept page missing what a new event step adds, a stale frame). After re-checking, pin the new
digest (the failure prints it) and the new version.

The sources are read from the installed files (``ast``), not imported: importing ProperDocs
aliases ``mkdocs.*`` to its own modules in this process.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata as metadata

import pytest

_BUILD = "mkdocs/commands/build.py"
_I18N = "mkdocs_static_i18n/plugin.py"
PINNED: dict[tuple[str, str, str | None], tuple[str, str, str]] = {
    # (distribution, file, function or None for the whole file): (version, digest, what to re-check)
    ("mkdocs", _BUILD, "_build_page"): (
        "1.6.1", "469d5b06dc5d7ee4",
        "kept_pages._build_page and _owed (what a page's events leave when its file is taken), "
        "frame_cache._route (the template is picked from page.meta before on_page_context)"),
    ("mkdocs", _BUILD, "_populate_page"): (
        "1.6.1", "26be9f05b5fa0bdc", "kept_pages._populate_page (the state a stored page is set up in)"),
    ("mkdocs", _BUILD, "_build_theme_template"): (
        "1.6.1", "6f16a092af0e85af", "kept_templates._build_theme_template (the kept 404 page's events)"),
    ("mkdocs", _BUILD, "build"): (
        "1.6.1", "c6a1d66d1607629a",
        "the order kept_pages/frame_cache rely on: every page populated before on_env, then the "
        "theme's templates, then _build_page with positional arguments"),
    ("mkdocs", _BUILD, "get_context"): (
        "1.6.1", "c8f62060f2458862", "frame_cache._UNHASHED and live_pages._template (the context's names)"),
    ("mkdocs", "mkdocs/structure/files.py", "Files.add_files_from_theme"): (
        "1.6.1", "bc96b7a72350a1bf", "file_listing._add_files_from_theme and its probe of MkDocs' filter"),
    ("mkdocs", "mkdocs/structure/files.py", "Files.get_file_from_path"): (
        "1.6.1", "5c6a562cde4d4ef1", "page_cache._watch (a conversion's lookups, recorded per page)"),
    ("mkdocs", "mkdocs/structure/pages.py", "Page.render"): (
        "1.6.1", "77b8056e89c88837", "page_cache.converted_elsewhere, direct.read (replaced per page)"),
    ("mkdocs", "mkdocs/theme.py", "Theme.get_env"): (
        "1.6.1", "a08be0dd3a2503ac", "outside.environment_digest (MkDocs' loader over theme.dirs)"),
    ("mkdocs-static-i18n", "mkdocs_static_i18n/suffix.py", "create_i18n_file"): (
        "1.3.1", "2fda7f6070cffc5b",
        "file_listing.create_i18n_file and core.i18n_suffix (static-i18n's steps, on strings)"),
    ("mkdocs-static-i18n", _I18N, "I18n.on_env"): (
        "1.3.1", "39d7aa6be7b70d20", "outside.environment_digest (static-i18n's Jinja extension)"),
    ("mkdocs-static-i18n", _I18N, "I18n.on_template_context"): (
        "1.3.1", "80f884af05ce4693", "kept_templates (static-i18n's template events taken as harmless)"),
    ("mkdocs-static-i18n", _I18N, "I18n.on_page_markdown"): (
        "1.3.1", "8caef87663e1952e", "kept_pages.read_from_store (an empty page's Markdown left as it is)"),
    ("mkdocs-static-i18n", _I18N, "I18n.on_page_context"): (
        "1.3.1", "15f85b7c151fa6d0", "kept_pages._owed, the kept pages' key (extra.alternate per page)"),
    ("mkdocs-static-i18n", _I18N, "I18n.on_post_page"): (
        "1.3.1", "2168fd1fcf582c7f", "kept_pages (a taken page's on_post_page is not run)"),
    ("mkdocs-static-i18n", "mkdocs_static_i18n/reconfigure.py", "ExtendedPlugin.reconfigure_page_context"): (
        "1.3.1", "06a54f9636999143", "kept_pages' key (the language menu made from the files per page)"),
    ("mkdocs-material", "material/templates/partials/nav.html", None): (
        "9.8.2", "ae236e0bdf7cedd9", "template_memo (the nav's HTML: the pass and relative URLs)"),
    ("mkdocs-material", "material/templates/partials/nav-item.html", None): (
        "9.8.2", "e97b77406118b4c6", "template_memo (what nav items read of the page)"),
    ("mkdocs-material", "material/templates/partials/language.html", None): (
        "9.8.2", "5b75d8c500bee871", "hooks/overrides/partials/language.html (our copy of its macro)"),
    ("mkdocs-material", "material/templates/base.html", None): (
        "9.8.2", "e92fad22cfa39e82", "frame_cache._UNHASHED (what no template prints)"),
    ("properdocs", "properdocs/commands/build.py", "_build_page"): (
        "1.6.7", "21822c24a3d593d7", "kept_pages._build_page under ProperDocs (it aliases mkdocs.*)"),
    ("properdocs", "properdocs/commands/build.py", "_populate_page"): (
        "1.6.7", "ad09b9a74fbf17cd", "kept_pages._populate_page under ProperDocs"),
    ("properdocs", "properdocs/commands/build.py", "_build_theme_template"): (
        "1.6.7", "b9b990e85e14ab93", "kept_templates._build_theme_template under ProperDocs"),
    ("properdocs", "properdocs/structure/files.py", "Files.add_files_from_theme"): (
        "1.6.7", "6e9f329069aab632", "file_listing._add_files_from_theme under ProperDocs"),
}


def source(distribution: str, path: str, qualname: str | None) -> str:
    """The installed file's text, or the function's (its decorators included: an event's priority)."""
    text = metadata.distribution(distribution).locate_file(path).read_text(encoding="utf-8")
    if qualname is None:
        return text
    nodes: list[ast.stmt] = ast.parse(text).body
    *classes, name = qualname.split(".")
    for part in classes:
        nodes = next(node for node in nodes if isinstance(node, ast.ClassDef) and node.name == part).body
    node = next(node for node in nodes if isinstance(node, ast.FunctionDef) and node.name == name)
    first = min([decorator.lineno for decorator in node.decorator_list] + [node.lineno])
    return "".join(text.splitlines(keepends=True)[first - 1:node.end_lineno])


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@pytest.mark.parametrize("pinned", sorted(PINNED, key=str), ids=lambda key: f"{key[0]}:{key[2] or key[1]}")
def test_the_code_we_replace_is_the_code_we_read(pinned: tuple[str, str, str | None]) -> None:
    distribution, path, qualname = pinned
    version, expected, what = PINNED[pinned]
    try:
        installed = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{distribution} is not installed")
    try:
        found = digest(source(distribution, path, qualname))
    except (OSError, StopIteration):
        found = "(gone)"
    assert found == expected, (
        f"{distribution} {installed} (pinned at {version}): {qualname or path} in {path} is not the code "
        f"our engine was written against. Re-check {what}; then pin {found!r} and {installed!r} in "
        f"tests/unit/engine/test_replaced_upstream.py.")
