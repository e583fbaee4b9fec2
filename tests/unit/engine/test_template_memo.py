"""The frame parts shared by a language pass's pages (issue 17, cold build): Material's
translations made once per key, the primary nav once per set of relative addresses, never for a
page in the nav; the wrapper prints exactly what the theme's file prints."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from lexikon.engine.mkdocs.template_memo import NAV, TemplateMemo

_THEME_NAV = "<nav>{% for item in items %}<a href=\"{{ item }}\">{{ lang }}</a>{% endfor %}</nav>\n"
_PAGE = "<body>{% include 'partials/nav.html' %}</body>"


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({NAV: _THEME_NAV, "page.html": _PAGE}))


def _nav(*urls: str) -> SimpleNamespace:
    items = [SimpleNamespace(url=url, active=False, children=[]) for url in urls]
    return SimpleNamespace(items=items, homepage=items[0])


def _config() -> SimpleNamespace:
    return SimpleNamespace(site_name="Lexikon", repo_url=None, repo_name=None, extra={},
                           theme={"language": "de", "features": ["navigation.top"]})


def test_the_wrapper_prints_what_the_theme_prints_and_keeps_it() -> None:
    plain = _env().get_template("page.html").render(items=["a/", "b/"], lang="de")
    env, memo = _env(), TemplateMemo()
    memo.install(env)
    nav = _nav("", "terms/")
    first = {"items": ["a/", "b/"], "lang": "de", "base_url": "../.."}
    memo.offer(first, SimpleNamespace(url="terms/x/"), _config(), nav)
    assert "lexikon_nav_html" not in first and "lexikon_nav_key" in first
    assert env.get_template("page.html").render(first) == plain
    second = {"items": ["other"], "lang": "da", "base_url": "../.."}  # would print otherwise
    memo.offer(second, SimpleNamespace(url="terms/y/"), _config(), nav)
    assert env.get_template("page.html").render(second) == plain


def test_another_depth_or_an_active_item_is_rendered_again() -> None:
    env, memo = _env(), TemplateMemo()
    memo.install(env)
    nav = _nav("", "terms/")
    memo.offer(term := {"base_url": "../.."}, SimpleNamespace(url="terms/x/"), _config(), nav)
    memo.navs[term["lexikon_nav_key"]] = "<nav>kept</nav>"
    deeper = {"base_url": "../../.."}
    memo.offer(deeper, SimpleNamespace(url="terms/x/y/"), _config(), nav)
    assert "lexikon_nav_html" not in deeper
    nav.items[1].active = True  # the page being built is in the nav: its item shows its TOC
    active = {"base_url": "../.."}
    memo.offer(active, SimpleNamespace(url="terms/z/"), _config(), nav)
    assert "lexikon_nav_html" not in active and "lexikon_nav_key" not in active


def test_a_new_pass_forgets_the_last_passes_navs() -> None:
    env, memo = _env(), TemplateMemo()
    memo.install(env)
    memo.navs[("key",)] = "<nav>kept</nav>"
    memo.translated[("de", "nav")] = "Navigation"
    memo.install(_env())
    assert memo.navs == {} and memo.translated == {}


def test_each_translation_is_made_once_a_pass() -> None:
    env, memo = _env(), TemplateMemo()
    memo.install(env)
    calls: list[str] = []

    def translate(key: str) -> str:
        calls.append(key)
        return key.upper()

    translated = env.globals["lexikon_translated"]
    made = [translated("de", key, translate) for key in ("nav", "nav", "toc", "nav")]
    assert made == ["NAV", "NAV", "TOC", "NAV"]
    assert calls == ["nav", "toc"]
    assert translated("da", "nav", translate) == "NAV" and calls == ["nav", "toc", "nav"]


def test_another_nav_is_never_served_the_last_navs_html() -> None:
    """Serve's fast path renders pages of both language passes: a page of the other pass (its
    own nav) gets no nav made from the last pass's."""
    env, memo = _env(), TemplateMemo()
    memo.install(env)
    german, danish = _nav("", "terms/"), _nav("da/", "da/terms/")
    memo.offer(page := {"base_url": "../.."}, SimpleNamespace(url="da/terms/x/"), _config(), danish)
    memo.navs[page["lexikon_nav_key"]] = "<nav>dansk</nav>"
    other = {"base_url": "../.."}
    memo.offer(other, SimpleNamespace(url="terms/x/"), _config(), german)
    assert "lexikon_nav_html" not in other and memo.navs == {}
