"""Links between the site's pages as plain strings, without MkDocs.

The render stage takes these callables (see :data:`~lexikon.render.LanguageUrl`,
:data:`~lexikon.render.PageHref`, :data:`~lexikon.render.AbsoluteUrl`) so that it never
needs to know where the languages' trees lie; the MkDocs adapter and ``lexicon render``
both hand it these.
"""

from __future__ import annotations

from lexikon.core.settings import Settings, page_url


def href(from_url: str, to_url: str) -> str:
    """The relative link from one site-relative URL to another, as MkDocs writes them.

    What ``posixpath.relpath`` gives, without asking the file system for the working
    folder on every call: a lexicon of thousands of terms links hundreds of thousands of
    times. Site URLs hold no ``..``.
    """
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else ""
    from_parts = [part for part in base.split("/") if part and part != "."]
    to_parts = [part for part in (to_url or "").split("/") if part and part != "."]
    common = 0
    for a, b in zip(from_parts, to_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
    is_folder = not to_url or to_url.endswith("/")
    return relative + ("/" if is_folder and not relative.endswith("/") else "")


def language_linker(settings: Settings, use_directory_urls: bool):
    """``(from_lang, to_lang, path) -> href``: a page's link to its twin in another language."""

    def link(from_lang: str, to_lang: str, path: str) -> str:
        return href(page_url(path, from_lang, settings, use_directory_urls),
                    page_url(path, to_lang, settings, use_directory_urls))

    return link


def page_linker(settings: Settings, use_directory_urls: bool):
    """``(lang, from_path, to_path) -> href``: a link written in generated HTML."""

    def link(lang: str, from_path: str, to_path: str) -> str:
        return href(page_url(from_path, lang, settings, use_directory_urls),
                    page_url(to_path, lang, settings, use_directory_urls))

    return link


def absolute_linker(settings: Settings, site_url: str | None, use_directory_urls: bool):
    """``(lang, path) -> url``: a page's address, ``site_url`` based when set, else root-based."""
    base = (site_url or "/").rstrip("/") + "/"

    def absolute(lang: str, path: str) -> str:
        return base + page_url(path, lang, settings, use_directory_urls)

    return absolute
