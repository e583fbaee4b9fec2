"""The site's URL layout: where every generated page lies and how pages link to each other.

One home for it: the render stage, the exports, the output folder and the MkDocs adapter
all ask a :class:`SiteLayout` (built from the settings, MkDocs' ``use_directory_urls`` and
``site_url``) instead of doing URL arithmetic of their own. The check asks it too, for the
ids whose page would land on a generated one. Pages are named by their language-neutral
source path (``terms/x.md``); each language's tree lies under :meth:`SiteLayout.root`.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from lexikon.core.settings import Settings

CHANGES_PAGE = "changes.md"
DATA_PAGE = "data.md"
PRINT_PAGE = "print.md"
TABLE_PAGE = "table-{pair}.md"
"""The translators' table of two languages, one page per pair (``table-de-da.md``), the
same path in both languages' trees (so each is the other's twin), codes in configured order."""
ARTICLES_PAGE = "articles/index.md"
"""The index of the knowledge base's articles (the folder the examples live in)."""
INDEX_PAGE = "index.md"
"""The page of a folder (the A–Z index in the terms folder, the overview in the tags folder)."""
HOME_PAGE = "index.md"
"""A language's home page, at the root of its tree."""
FEED_FILE = "feed.xml"
"""Each language's Atom feed, at the root of its tree (``feed.xml``, ``da/feed.xml``)."""
SITEMAP_FILE = "sitemap.xml"
"""Each language's sitemap, at the root of its tree."""
NOT_FOUND_FILE = "404.html"
"""Each language's not-found page, at the root of its tree."""
SEARCH_BUNDLE_DIR = "pagefind"
"""Each language's Pagefind bundle, at the root of its tree: written after the pages, it
replaces whatever page lay there."""


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


@functools.lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    """``posixpath.relpath``, remembered: term pages link to the same few folders."""
    return posixpath.relpath(target, folder or ".")


@dataclass(frozen=True)
class SiteLayout:
    """Every page's path and URL per language, and the links between pages.

    ``use_directory_urls`` as MkDocs has it (``terms/x/`` or ``terms/x.html``); ``None``
    leaves addresses as the Markdown sources' paths (``terms/x.md``), for an engine that
    rewrites links between sources (and for tests that read them). ``site_url`` is the
    site's address; without it, addresses are relative to the page they stand on.
    """

    settings: Settings
    use_directory_urls: bool | None = True
    site_url: str | None = None
    repo_url: str | None = None
    """The repository's web address (MkDocs' ``repo_url``), for links to its commits."""

    # paths: language-neutral source paths ------------------------------------------------
    def term(self, entry_id: str) -> str:
        return f"{self.settings.terms_path}/{entry_id}.md"

    @property
    def index(self) -> str:
        """The A–Z index."""
        return f"{self.settings.terms_path}/{INDEX_PAGE}"

    def tag(self, tag_id: str) -> str:
        return f"{self.settings.tags_path}/{tag_id}.md"

    @property
    def tags(self) -> str:
        """The overview of the tags."""
        return f"{self.settings.tags_path}/{INDEX_PAGE}"

    def table(self, lang: str, other: str) -> str:
        """The translators' table of two languages, whichever comes first on the page."""
        pair = sorted((lang, other), key=self._language_order)
        return TABLE_PAGE.format(pair="-".join(pair))

    def _language_order(self, code: str) -> tuple[int, str]:
        codes = self.settings.codes
        return (codes.index(code) if code in codes else len(codes), code)

    changes = CHANGES_PAGE
    articles = ARTICLES_PAGE
    data = DATA_PAGE
    print_page = PRINT_PAGE
    home = HOME_PAGE
    feed = FEED_FILE
    sitemap = SITEMAP_FILE
    not_found = NOT_FOUND_FILE

    def fixed_pages(self) -> dict[str, str]:
        """Every page the renderer makes besides term and tag pages: source path → what it is.

        The check refuses ids whose page would land on one of them.
        """
        codes = self.settings.codes
        tables = {self.table(lang, other): f"the translators' table {lang}–{other}"
                  for number, lang in enumerate(codes) for other in codes[number + 1:]}
        return {
            self.index: "the A–Z index",
            self.tags: "the tags overview",
            CHANGES_PAGE: "the list of changes",
            DATA_PAGE: "the data page",
            PRINT_PAGE: "the print page",
            ARTICLES_PAGE: "the articles index",
            **tables,
        }

    # addresses ----------------------------------------------------------------------------
    def root(self, lang: str) -> str:
        """The folder of a language's tree in the built site ('' for the default, as i18n lays it)."""
        return "" if lang == self.settings.default_language else f"{lang}/"

    def url(self, path: str, lang: str) -> str:
        """The site-relative URL of a neutral source path (``terms/x.md``) in one language."""
        if self.use_directory_urls is None:
            return self.root(lang) + path
        stem = path.removesuffix(".md")
        if self.use_directory_urls:
            stem = stem.removesuffix("index").rstrip("/")
            url = f"{stem}/" if stem else ""
        else:
            url = f"{stem}.html"
        return self.root(lang) + url

    def markdown_href(self, origin: str, target: str) -> str:
        """A link in a page's Markdown from one source to another (``../tags/x.md``), which
        the engine turns into the target's address."""
        return _relative(target, posixpath.dirname(origin))

    def href(self, lang: str, origin: str, target: str) -> str:
        """A link written in a page's HTML (which MkDocs does not rewrite, unlike Markdown
        links to ``.md`` files), between two pages of one language."""
        if self.use_directory_urls is None:
            return self.markdown_href(origin, target)
        return href(self.url(origin, lang), self.url(target, lang))

    def other_href(self, from_lang: str, origin: str, to_lang: str, target: str) -> str:
        """A link written in a page's HTML to a page of another language's tree (the table's
        other-language titles)."""
        return href(self.url(origin, from_lang), self.url(target, to_lang))

    def twin_href(self, from_lang: str, to_lang: str, path: str) -> str:
        """The link from a page to its twin in another language."""
        return href(self.url(path, from_lang), self.url(path, to_lang))

    def file_url(self, name: str, lang: str | None = None) -> str:
        """The site-relative URL of a file at the root of ``lang``'s tree (its feed), or of
        the site's root when ``lang`` is None (the data exports). Files keep their names,
        whatever ``use_directory_urls`` does to pages."""
        return (self.root(lang) if lang else "") + name

    def file_href(self, lang: str, origin: str, name: str, *, site_root: bool = False) -> str:
        """A link from a page of ``lang`` to a file at the root of its tree, or of the site."""
        return href(self.url(origin, lang), self.file_url(name, None if site_root else lang))

    def absolute_url(self, lang: str, path: str) -> str:
        """A page's address as search engines see it: ``site_url`` based, else site-relative."""
        return self._base() + self.url(path, lang)

    def absolute_file_url(self, lang: str, name: str) -> str:
        """A file's address at the root of ``lang``'s tree (see :meth:`absolute_url`)."""
        return self._base() + self.file_url(name, lang)

    def absolute_root(self, lang: str) -> str:
        """A language tree's address (``site_url`` based, else site-relative): what an engine
        building that language on its own calls its ``site_url``."""
        return self.absolute_file_url(lang, "")

    def root_path(self, lang: str) -> str:
        """A language tree's absolute path on the server (``/``, ``/da/``, under ``site_url``'s
        path): for pages served at any depth (the 404 page), whose links cannot be relative."""
        return self.file_path("", lang)

    def file_path(self, name: str, lang: str | None = None) -> str:
        """A file's absolute path on the server at the root of ``lang``'s tree, or of the
        site when ``lang`` is None (see :meth:`root_path`)."""
        return urlsplit(self.site_url or "/").path.rstrip("/") + "/" + self.file_url(name, lang)

    def file_href_from(self, page_url: str, lang: str, name: str) -> str:
        """A link to a file at the root of ``lang``'s tree from the page at site-relative
        ``page_url`` (an engine's page, which knows its URL rather than its source)."""
        return href(page_url, self.file_url(name, lang))

    def site_address(self, url: str = "") -> str:
        """A site-relative URL as an engine gives it (the root's ``./``) made absolute with
        ``site_url``, else as it is; ``""``: the site's own address (``""`` without one)."""
        if not self.site_url:
            return url
        path = url.lstrip("/").removeprefix("./")
        return self._base() + ("" if path == "." else path)

    def _base(self) -> str:
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def commit_url(self, sha: str) -> str | None:
        """A commit's page on the repository's host; None without ``repo_url``."""
        return commit_url(self.repo_url, sha) if self.repo_url else None

    def address(self, lang: str, origin: str, path: str) -> str:
        """Where a page is, said from the page at ``origin``: absolute with ``site_url``,
        else relative to ``origin`` (so it holds wherever the site is served)."""
        if self.site_url is not None:
            return self.absolute_url(lang, path)
        return self.href(lang, origin, path)


def commit_url(repo_url: str, sha: str) -> str:
    """A commit's page on the host of the repository at ``repo_url``: GitLab's ``/-/commit/``,
    Bitbucket's ``/commits/``, everyone else's (GitHub, Gitea, Forgejo) ``/commit/``."""
    base = repo_url.rstrip("/").removesuffix(".git")
    host = urlsplit(base).hostname or ""
    if "gitlab" in host:
        return f"{base}/-/commit/{sha}"
    if host == "bitbucket.org":
        return f"{base}/commits/{sha}"
    return f"{base}/commit/{sha}"


def fixed_pages(settings: Settings) -> dict[str, str]:
    """Every generated page besides term and tag pages (see :meth:`SiteLayout.fixed_pages`)."""
    return SiteLayout(settings).fixed_pages()


def taken_address(settings: Settings, neutral: str) -> str | None:
    """What the site itself puts at the address of the page ``neutral`` (``x/y.md``), or None
    when an editor's page may lie there: a generated page (the same address, ``x.md`` or
    ``x/index.md``), the folder of the term or tag pages or of the search bundle (which
    replaces the pages in it), or a folder named like a language, where static-i18n lays
    that language's tree (``da/x.md`` would land on ``x.da.md``'s address)."""
    top, stem = neutral.split("/")[0], neutral.removesuffix(".md")
    for folder in (settings.terms_path, settings.tags_path):
        if stem == folder or stem.startswith(f"{folder}/"):
            return f"the folder of the generated pages {folder}/"
    layout = SiteLayout(settings)
    address = layout.url(neutral, settings.default_language)
    for path, what in layout.fixed_pages().items():
        if layout.url(path, settings.default_language) == address:
            return what
    if stem == SEARCH_BUNDLE_DIR or ("/" in neutral and top == SEARCH_BUNDLE_DIR):
        return f"the folder of the search bundle {SEARCH_BUNDLE_DIR}/, which replaces the pages in it"
    if "/" in neutral and top in settings.codes:
        return f"the folder of the {top} site {top}/: write x.{top}.md for a page in that language"
    return None


def reserved_ids(settings: Settings, folder: str) -> dict[str, str]:
    """Ids whose page in ``folder`` (``terms_path`` or ``tags_path``) would be, or hold, a
    generated page, with that page: ``terms/index.md`` reserves ``index`` in ``terms``.

    With directory URLs ``x.md`` and ``x/index.md`` are one address: a page anywhere
    below ``folder/x/`` reserves ``x`` too.
    """
    prefix = f"{folder}/" if folder else ""
    reserved: dict[str, str] = {}
    for path, what in fixed_pages(settings).items():
        if path.startswith(prefix):
            name = path[len(prefix):].removesuffix(".md").split("/")[0]
            reserved.setdefault(name, f"{what} ({path})")
    return reserved
