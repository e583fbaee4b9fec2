"""The machine-read outputs hold to the standards they claim (issue 16, point 5), checked on
the writers' own output without a build: the pages' JSON-LD against schema.org's vocabulary,
each language's Atom feed against RFC 4287's grammar and with only its language's terms, the
TBX files naming schemas that exist and passing them. And the checkers themselves: each
refuses what its standard refuses, so that a pass means something.

A real build of every page and export: ``tests/builds/test_export_validity_site.py``.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import lxml.etree
import pytest

from lexikon.core.history import EntryDates
from lexikon.core.layout import SiteLayout
from lexikon.core.model import Entry, Glossary, Tag, Text
from lexikon.core.settings import Language, Settings
from lexikon.interchange import tbx
from lexikon.interchange.export import page_url_of
from lexikon.render.pages import feeds, render_site
from tests.support.constants import FIXTURES
from tests.support.schemaorg import jsonld_problems
from tests.unit.interchange.test_tbx_basic import JING, java

SCHEMAS = FIXTURES / "schemas"
SITE = "https://lexikon.example/base/"
SETTINGS = Settings(Path("."), (Language("de", "Deutsch", True), Language("da", "Dansk")))
BOTH = Entry("x", "glossary/x.yml", tags=("it",), related=("y",),
             texts={"de": Text("de", "X", "Ein X.", aliases=("Ix",)), "da": Text("da", "X", "Et X.")})
GERMAN_ONLY = Entry("y", "glossary/y.yml", texts={"de": Text("de", "Ypsilon", "Ein Y, siehe [[x]].")})
GLOSSARY = Glossary({"x": BOTH, "y": GERMAN_ONLY}, {"it": Tag("it", {"de": "IT", "da": "IT"})}, ("de", "da"))
WHEN = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
HISTORY = {entry_id: EntryDates(entry_id, WHEN, WHEN) for entry_id in GLOSSARY.entries}
ATOM = "{http://www.w3.org/2005/Atom}"


# --- JSON-LD ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [SITE, None])
def test_the_pages_json_ld_is_schema_org(site_url: str | None) -> None:
    data = [(page.lang, page.path, page.structured_data)
            for page in render_site(GLOSSARY, SiteLayout(SETTINGS, True, site_url)) if page.structured_data]
    assert {(lang, path) for lang, path, _ in data} >= {("de", "terms/x.md"), ("da", "terms/x.md"),
                                                          ("de", "terms/index.md"), ("da", "terms/index.md")}
    assert [(lang, path, problem) for lang, path, block in data for problem in jsonld_problems(block)] == []


@pytest.mark.parametrize("lang", ["de", "da"])
def test_a_defined_term_leaves_its_language_to_its_set(lang: str) -> None:
    rendered = render_site(GLOSSARY, SiteLayout(SETTINGS))
    pages = {(page.lang, page.path): page.structured_data for page in rendered}
    term = pages[(lang, "terms/x.md")]
    assert term["@type"] == "DefinedTerm" and "inLanguage" not in term
    term_set = term["inDefinedTermSet"]
    assert term_set["@type"] == "DefinedTermSet" and term_set["inLanguage"] == lang
    index = pages[(lang, "terms/index.md")]
    assert index["inLanguage"] == lang
    assert all("inLanguage" not in nested for nested in index["hasDefinedTerm"])


@pytest.mark.parametrize(("data", "problem"), [
    ({"@type": "DefinedTerm", "name": "X", "inLanguage": "de"}, "'inLanguage' is not in the domain"),
    ({"@type": "DefinedTerm", "name": "X", "hasDefinedTerm": []}, "'hasDefinedTerm' is not in the domain"),
    ({"@type": "Glossary", "name": "X"}, "is not a schema.org type"),
    ({"name": "X"}, "is not a schema.org type"),
    ({"@type": "DefinedTerm", "definition": "X"}, "'definition' is not a schema.org property"),
    ({"@type": "DefinedTermSet", "hasDefinedTerm": ["X"]}, "text 'X' where ['DefinedTerm'] is expected"),
    ({"@type": "DefinedTerm", "inDefinedTermSet": {"@type": "DefinedTerm"}}, "a DefinedTerm where"),
    ({"@type": "DefinedTerm", "url": "kein Ort"}, "is not an address"),
    ({"@type": "DefinedTerm", "url": "javascript:alert(1)"}, "is not an address"),
    ({"@context": "http://schema.org/", "@type": "DefinedTerm"}, "is not 'https://schema.org'"),
    ({"@type": "DefinedTermSet", "hasDefinedTerm": [{"@type": "DefinedTerm", "inLanguage": "da"}]},
     "$.hasDefinedTerm[0].inLanguage: 'inLanguage' is not in the domain"),
])
def test_the_schema_org_check_refuses_what_the_vocabulary_does(data: dict, problem: str) -> None:
    problems = jsonld_problems(data)
    assert len(problems) == 1 and problem in problems[0], problems


def test_the_schema_org_check_accepts_inherited_properties_and_tagged_text() -> None:
    assert jsonld_problems({
        "@context": "https://schema.org", "@type": "DefinedTermSet", "inLanguage": "da",  # CreativeWork's
        "name": {"@value": "Leksikon", "@language": "da"}, "url": "../", "@id": "../",  # Thing's
        "hasDefinedTerm": [{"@type": "DefinedTerm", "name": "X", "termCode": "x",
                            "inDefinedTermSet": "https://lexikon.example/base/da/terms/"}]}) == []


# --- feeds ----------------------------------------------------------------------------------------------


def _atom_problems(text: str, folder: Path) -> str:
    path = folder / "feed.xml"
    path.write_text(text, encoding="utf-8")
    done = java(JING, "-c", SCHEMAS / "atom" / "atom.rnc", path)
    return "" if done.returncode == 0 else done.stdout + done.stderr


@pytest.mark.parametrize("site_url", [SITE, None])
def test_each_feed_is_atom_with_only_the_terms_of_its_language(site_url: str | None, tmp_path: Path) -> None:
    written = feeds(GLOSSARY, SiteLayout(SETTINGS, True, site_url), HISTORY)
    titles = {}
    for lang, text in written.items():
        assert _atom_problems(text, tmp_path) == ""
        root = lxml.etree.fromstring(text.encode("utf-8"))
        titles[lang] = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert sorted(titles["de"]) == ["X", "Ypsilon"]
    assert titles["da"] == ["X"]  # the German-only Ypsilon is not in the Danish feed


def test_the_atom_grammar_refuses_a_broken_feed(tmp_path: Path) -> None:
    text = feeds(GLOSSARY, SiteLayout(SETTINGS, True, SITE), HISTORY)["da"]
    without_id = re.sub(r"<id>[^<]*</id>", "", text, count=1)
    assert 'missing required element "id"' in _atom_problems(without_id, tmp_path)
    assert "updated" in _atom_problems(text.replace("+00:00</updated>", " Uhr</updated>", 1), tmp_path)


# --- TBX ------------------------------------------------------------------------------------------------

KNOWN = {
    "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng":
        "TBXcoreStructV03.rng",
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch":
        "TBX-Basic_DCA.sch",
    "https://raw.githubusercontent.com/byutrg/TBX-Spec/master/TBX-Basic/Validation/TBXBasicRNGV02.rng":
        "TBXBasicRNGV02.rng",
}


@pytest.mark.parametrize("write", [tbx.glossary_tbx, tbx.glossary_martif])
def test_tbx_files_name_schemas_we_hold_and_pass_each_grammar(write, tmp_path: Path) -> None:
    """As written, DOCTYPE-free: jing validates the file itself, with nothing stripped."""
    path = tmp_path / "glossary.tbx"
    path.write_text(write(GLOSSARY, SETTINGS, page_url_of(SETTINGS, SITE)), encoding="utf-8")
    tree = lxml.etree.parse(str(path))
    assert tree.docinfo.doctype == ""
    hrefs = [re.search(r'href="([^"]+)"', pi.text).group(1) for pi in tree.xpath("/processing-instruction()")]
    assert hrefs and set(hrefs) <= set(KNOWN)
    for href in hrefs:
        if href.endswith(".rng"):
            done = java(JING, SCHEMAS / "tbx" / KNOWN[href], path)
            assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("write", [tbx.glossary_tbx, tbx.glossary_martif])
def test_tbx_links_a_page_only_by_an_absolute_address(write) -> None:
    for base, expected in ((SITE, [SITE + "terms/x/", SITE + "da/terms/x/", SITE + "terms/y/"]), ("", [])):
        root = lxml.etree.fromstring(write(GLOSSARY, SETTINGS, page_url_of(SETTINGS, base)).encode("utf-8"))
        assert root.xpath("//*[@type='externalCrossReference']/@target") == expected


# --- sitemaps -------------------------------------------------------------------------------------------


def test_the_sitemap_schema_refuses_a_relative_alternate_and_an_unknown_element() -> None:
    schema = lxml.etree.XMLSchema(lxml.etree.parse(str(SCHEMAS / "sitemap" / "sitemap-with-alternates.xsd")))
    good = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
            b'<url><loc>https://lexikon.example/base/</loc>'
            b'<xhtml:link rel="alternate" hreflang="da" href="https://lexikon.example/base/da/"/></url></urlset>')
    assert schema.validate(lxml.etree.fromstring(good)), schema.error_log
    for bad in (good.replace(b'href="https://lexikon.example/base/da/"', b'href="da/"'),
                good.replace(b"</url>", b"<xhtml:meta/></url>"),
                good.replace(b"<loc>https://lexikon.example/base/</loc>", b"<loc>/</loc>")):
        assert not schema.validate(lxml.etree.fromstring(bad))
