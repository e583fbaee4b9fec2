"""What code other than ours gives a page's templates, as the kept pages' and frames' keys name it
(issue 17: a cold and an incremental build give the same site after any change).

The keys name the page, the nav, the config, the context, the theme's files, and the source of
every hook ``mkdocs.yml`` lists (the store's fingerprint). A site hook's code can still read
what no key names: a file (``env.globals["notice"] = Path("notice.txt").read_text()``), the
clock, the environment. So, per language pass, at our ``on_env`` (the last, see
``hooks/lexikon_hook.py``):

- **Jinja globals, filters, tests, extensions, policies, ``finalize`` and ``autoescape``**
  (:func:`environment_digest`): Jinja's own defaults are skipped (the same objects); plain
  data (text, numbers, booleans, None, lists, tuples and dicts of those) is named by its
  value; a function, class or method of Jinja, MarkupSafe, MkDocs (or ProperDocs), Material,
  static-i18n or ours by its qualified name (their code is fixed by the versions in the
  fingerprint), a gettext catalog with its messages. Anything else (a site hook's function, a
  ``functools.partial``, an object) cannot be named: None, and no page of the pass is taken
  from the frame store or the last site: each is rendered, and calls that code, as a cold
  build does. Likewise a template loader that is not MkDocs' over the theme's folders.
- **Page events** (:func:`strangers`): a callable of another hook or plugin registered for
  the reading events (:data:`READING`: it may add what no key names to the page's Markdown or
  HTML) makes the page store's conversions unusable (every page converted, as cold); one
  for ``on_page_context`` (it may set what the template prints after our key is made) makes the
  pass's frames and kept pages unusable; one for ``on_post_page`` (it runs on a frame taken
  from the store too) the kept pages; one for the template events the kept 404 page.

A hook whose ``on_env`` runs after ours (``event_priority`` below -100) is seen at the pass's
first template (:func:`settle`): if the config or the environment changed since our
``on_env``, the frames' keys name them as they are then, and the pass keeps no page
(:meth:`.kept_pages.KeptPages.holds_still`). Also here: the theme's own files, part of
every frame's key (:func:`theme_files`).

Unchanged sites (this repository's, the bench's) register no such code: their keys are as
before but for one digest a pass, and every page is kept as before.
"""

from __future__ import annotations

import gettext
import hashlib
import inspect
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import jinja2
from jinja2 import Environment, FileSystemLoader
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_NAMESPACE, DEFAULT_TESTS
from mkdocs.config.defaults import MkDocsConfig

_KNOWN = ("jinja2", "markupsafe", "mkdocs", "properdocs", "material", "mkdocs_static_i18n", "lexikon")
"""Packages whose code is fixed by the versions in the stores' fingerprint (and ours by its bytes)."""
_SCALARS = (str, int, float, bool, type(None))
READING = ("pre_page", "page_read_source", "page_markdown", "page_content")
"""The events in which a page is read and converted (the page store's part)."""


_MARK = "_lexikon_outside"
"""On the pass's config (and serve's copy of it): this pass's :func:`pass_digest`."""
_SETTLED = "_lexikon_outside_settled"
_LOADER = "_lexikon_outside_loader"
"""On the pass's config: the template loader our ``on_env`` left (MkDocs' own, wrapped)."""
"""On the pass's config: the environment :func:`settle` named."""


def mark(env: Environment, config: MkDocsConfig) -> None:
    """At our ``on_env``: what other code gives this pass's templates, named (or None) on the config."""
    named = None if strangers(config, ("page_context",)) else environment_digest(env, config)
    setattr(config, _MARK, named)
    setattr(config, _SETTLED, None)


def settle(env: Environment, config: MkDocsConfig) -> None:
    """Once a pass, at its first template (every plugin's ``on_env`` has run by then): :func:`mark`
    again, for a hook whose ``on_env`` runs after ours (``event_priority`` below -100). The first
    call wins: MkDocs' own calls pass the environment it renders with (a hook may return another)."""
    if getattr(config, _SETTLED, None) is None:
        mark(env, config)
        setattr(config, _SETTLED, env)


def installed(env: Environment, config: MkDocsConfig) -> None:
    """After our ``on_env`` has wrapped MkDocs' template loader (:mod:`.frame_cache`, ``.template_memo``)."""
    setattr(config, _LOADER, env.loader if pass_digest(config) is not None else None)  # wrapping MkDocs' only


def pass_digest(config: MkDocsConfig) -> bytes | None:
    """What :func:`mark` found for the pass whose config this is; None: unnamed, or not marked."""
    found = getattr(config, _MARK, None)
    return found if isinstance(found, bytes) else None


def ours(config: MkDocsConfig) -> frozenset[str]:
    """The names of the hook modules that are this package's (hold a ``LexikonBuild``)."""
    from lexikon.engine.mkdocs.build import LexikonBuild  # the build imports this module

    return frozenset(name for name, module in (config.hooks or {}).items()
                     if isinstance(module, ModuleType)
                     and isinstance(getattr(module, "_build", None), LexikonBuild))


def _ours(module: object, own: frozenset[str]) -> bool:
    return module in own or (isinstance(module, str) and module.partition(".")[0] == "lexikon")


def _known(module: object, own: frozenset[str]) -> bool:
    if not isinstance(module, str):
        return False
    return module in own or module.partition(".")[0] in _KNOWN


def strangers(config: MkDocsConfig, events: Iterable[str], only: frozenset[str] | None = None) -> list[str]:
    """Who else is registered for ``events`` (``page_context`` …): their modules, sorted. ``only``:
    the other modules allowed (else any of the packages whose code the versions fix)."""
    own = ours(config)
    found: set[str] = set()
    for event in events:
        for call in config.plugins.events.get(event, ()):
            module = getattr(call, "__module__", None)
            if not (module in own | only if only is not None else _known(module, own)):
                found.add(str(module))
    return sorted(found)


def environment_digest(env: Environment, config: MkDocsConfig) -> bytes | None:
    """The pass's Jinja globals, filters and tests as the keys name them (see the module's
    text), or None where one of them cannot be named."""
    own = ours(config)
    loader, dirs = env.loader, list(map(str, config.theme.dirs))
    theirs = not isinstance(loader, FileSystemLoader) or list(loader.searchpath) != dirs
    if theirs and loader is not getattr(config, _LOADER, None):
        return None  # templates from elsewhere than the theme's folders (whose files the keys hold)
    named: list[list[object]] = [["x", name, _code(type(extension), own)]
                                 for name, extension in env.extensions.items()]
    settings = {"policies": env.policies, "finalize": env.finalize, "autoescape": env.autoescape}
    for kind, values, defaults in (("g", env.globals, DEFAULT_NAMESPACE), ("f", env.filters, DEFAULT_FILTERS),
                                   ("t", env.tests, DEFAULT_TESTS), ("e", settings, {})):
        for name, value in values.items():
            if defaults.get(name) is value:
                continue
            if isinstance(value, (*_SCALARS, list, tuple, dict)):
                named.append([kind, name, "=", value])
                continue
            described = _code(value, own)
            if described is None:
                return None
            if not _ours(described[0], own):  # ours: fixed by our code, and added after mark()
                named.append([kind, name, described])
    if any(item[2] is None for item in named):
        return None  # an extension not of the known packages
    try:
        named.sort(key=lambda item: (item[0], item[1]))
        text = json.dumps(named, sort_keys=True, default=_unnamed)
    except (TypeError, ValueError, RecursionError):  # a set, an object inside a list, mixed keys, a cycle
        return None
    return hashlib.blake2b(text.encode(), digest_size=20).digest()


def _code(value: object, own: frozenset[str]) -> list[object] | None:
    """A function, class or method by its module and qualified name (a gettext catalog's method
    with its messages), if its module is known; else None."""
    target = value.__func__ if inspect.ismethod(value) else value
    module = getattr(target, "__module__", None)
    if not callable(value) or (not _known(module, own) and not _catalog_method(value)):
        return None
    described: list[object] = [module, getattr(target, "__qualname__", type(target).__qualname__)]
    if inspect.ismethod(value) and isinstance(value.__self__, gettext.NullTranslations):
        described.append(_catalog(value.__self__))
    return described


def _catalog_method(value: object) -> bool:
    return inspect.ismethod(value) and isinstance(value.__self__, gettext.NullTranslations)


def _catalog(translations: gettext.NullTranslations) -> list[object]:
    """A catalog's messages and its fallbacks' (MkDocs installs the theme's locale's)."""
    chain: list[object] = []
    current: gettext.NullTranslations | None = translations
    while current is not None and len(chain) < 8:
        messages = getattr(current, "_catalog", {})
        texts = sorted([repr(key), repr(text)] for key, text in messages.items())
        chain.append([type(current).__qualname__, texts])
        current = getattr(current, "_fallback", None)
    return chain


def _unnamed(value: object) -> object:
    raise TypeError(type(value).__name__)


def theme_files(config: MkDocsConfig) -> bytes:
    """The bytes of the theme's folders other than the installed theme's own (its version counts)."""
    digest = hashlib.blake2b(digest_size=20)
    installed = Path(jinja2.__file__).parent.parent  # site-packages: Material's templates live there
    for folder in map(Path, config.theme.dirs):
        if folder.resolve().is_relative_to(installed.resolve()):
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()
