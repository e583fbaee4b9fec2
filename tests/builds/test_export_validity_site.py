"""Every machine-read file of a real build held to its standard (issue 16, point 5): the JSON-LD
of every page to schema.org's vocabulary, both feeds to RFC 4287's RELAX NG, both sitemaps to
the sitemaps.org XSD, the TBX files to the schemas they name, and every file of the export
registry to its format, in its language, with absolute addresses.

The glossary: the page tests' one (a German-only term, tags, links) and the terminology
one (every field, homonyms, a draft), committed to git so that the feeds have entries, built
as published (``SITE_URL``) and as previewed anywhere (none).
"""

from __future__ import annotations

import csv
import json
import re
import warnings
from pathlib import Path

import jsonschema
import lxml.etree
import lxml.html
import pytest
import rdflib
import yaml

from lexikon.core.formats import EXPORT_FORMATS
from tests.support.constants import FIXTURES, LANG_ROOTS, LANGS
from tests.support.git_history import git
from tests.support.pages_site import GLOSSARY as PAGES
from tests.support.pages_site import SITE_URL, build
from tests.support.project import Project, copy_project
from tests.support.schemaorg import jsonld_problems
from tests.unit.interchange.test_tbx_basic import FAILED, JING, java, svrl
from tests.unit.interchange.test_tbx_basic import schematron as schematron  # the fixture, compiled once
from tests.unit.render.test_term_fields import GLOSSARY as TERMS

SCHEMAS = FIXTURES / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
KNOWN_SCHEMAS = {
    "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng":
        SCHEMAS / "tbx" / "TBXcoreStructV03.rng",
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch":
        SCHEMAS / "tbx" / "TBX-Basic_DCA.sch",
    "https://raw.githubusercontent.com/byutrg/TBX-Spec/master/TBX-Basic/Validation/TBXBasicRNGV02.rng":
        SCHEMAS / "tbx" / "TBXBasicRNGV02.rng",
}
"""The schema addresses our files may name, each with the copy of what is there (checked in
the repositories' snapshots when they were vendored; ``tests/fixtures/schemas/README.md``)."""
GERMAN_ONLY = "make-or-buy"


def _built(tmp_path_factory: pytest.TempPathFactory, name: str, site_url: str | None) -> Project:
    project = copy_project(tmp_path_factory.mktemp(name) / "project", {**PAGES, **TERMS})
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "glossary")
    git(project.root, "commit", "-qm", "terms", date="2026-01-10T10:00:00+00:00")
    result = build(project, site_url)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return _built(tmp_path_factory, "hosted", SITE_URL)


@pytest.fixture(scope="module")
def anywhere(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return _built(tmp_path_factory, "anywhere", None)


@pytest.fixture(scope="module", params=["hosted", "anywhere"])
def site(request: pytest.FixtureRequest) -> Project:
    return request.getfixturevalue(request.param)


def json_ld_blocks(project: Project) -> dict[str, list[object]]:
    """Every page's JSON-LD blocks, by the page's path in the site."""
    blocks = {}
    for path in sorted(project.site.rglob("*.html")):
        root = lxml.html.fromstring(path.read_bytes())
        scripts = root.iterfind(".//script[@type='application/ld+json']")
        found = [json.loads(script.text) for script in scripts]
        if found:
            blocks[path.relative_to(project.site).as_posix()] = found
    return blocks


def glossary_json(project: Project) -> dict:
    return json.loads((project.site / "glossary.json").read_text(encoding="utf-8"))


def titles(project: Project, lang: str, field: str = "title") -> dict[str, str]:
    """Each entry's title (or another text field) in ``lang``, for the entries that have it."""
    entries = glossary_json(project)["entries"]
    return {entry_id: entry["texts"][lang][field]
            for entry_id, entry in entries.items() if lang in entry["texts"]}


# --- JSON-LD ----------------------------------------------------------------------------------------


def test_every_pages_json_ld_is_schema_org(site: Project) -> None:
    """All pages, of every kind and both languages (home, index, tags, changes, data, print,
    guide, the missing page of a German-only term): those that carry JSON-LD hold to the vocabulary."""
    blocks = json_ld_blocks(site)
    pages = ("terms/index.html", "terms/outsourcing/index.html", "terms/bank-finanz/index.html")
    expected = {f"{LANG_ROOTS[lang]}{page}" for lang in LANGS for page in pages}
    assert expected <= set(blocks)
    problems = [f"{page}: {problem}" for page, found in blocks.items() for problem in jsonld_problems(found)]
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_term_says_its_language_through_its_set(hosted: Project, lang: str) -> None:
    term = json_ld_blocks(hosted)[f"{LANG_ROOTS[lang]}terms/outsourcing/index.html"][0]
    assert term["@type"] == "DefinedTerm" and "inLanguage" not in term
    assert term["inDefinedTermSet"]["inLanguage"] == lang
    index = json_ld_blocks(hosted)[f"{LANG_ROOTS[lang]}terms/index.html"][0]
    assert index["inLanguage"] == lang
    assert {term["termCode"] for term in index["hasDefinedTerm"]} == set(titles(hosted, lang))


# --- feeds and sitemaps -------------------------------------------------------------------------------


def feed(project: Project, lang: str) -> Path:
    return project.site / LANG_ROOTS[lang] / "feed.xml"


@pytest.mark.parametrize("lang", LANGS)
def test_feeds_are_valid_atom(site: Project, lang: str) -> None:
    """RFC 4287's grammar with jing, and the two rules it states as schematron in the grammar's
    annotations (which jing does not run): an author for every entry, an alternate link."""
    done = java(JING, "-c", SCHEMAS / "atom" / "atom.rnc", feed(site, lang))
    assert done.returncode == 0, done.stdout + done.stderr
    root = lxml.etree.parse(str(feed(site, lang))).getroot()
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ns = {"atom": ATOM[1:-1]}
    assert all(entry.xpath("atom:author or ../atom:author", namespaces=ns) for entry in entries)
    assert all(entry.xpath("atom:link[not(@rel) or @rel='alternate'] or atom:content", namespaces=ns)
               for entry in entries)


def test_each_feed_lists_only_the_terms_of_its_language(hosted: Project) -> None:
    items = {}
    for lang in LANGS:
        root = lxml.etree.parse(str(feed(hosted, lang))).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        items[lang] = {entry.find(f"{ATOM}link").get("href"): entry.findtext(f"{ATOM}title")
                       for entry in root.iter(f"{ATOM}entry")}
        expected = {f"{SITE_URL}{LANG_ROOTS[lang]}terms/{entry_id}/": title
                    for entry_id, title in titles(hosted, lang).items()}
        assert items[lang] == expected  # every term of the language, in its words, at its page
    assert f"{SITE_URL}terms/{GERMAN_ONLY}/" in items["de"]
    assert not any(GERMAN_ONLY in link for link in items["da"])


@pytest.mark.parametrize("lang", LANGS)
def test_sitemaps_are_valid(hosted: Project, lang: str) -> None:
    schema = lxml.etree.XMLSchema(lxml.etree.parse(str(SCHEMAS / "sitemap" / "sitemap-with-alternates.xsd")))
    document = lxml.etree.parse(str(hosted.site / LANG_ROOTS[lang] / "sitemap.xml"))
    assert schema.validate(document), schema.error_log
    locations = document.getroot().findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert locations and all(url[0].text.startswith(SITE_URL + LANG_ROOTS[lang]) for url in locations)


# --- TBX ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["glossary.tbx", "glossary.martif.tbx"])
def test_tbx_files_name_schemas_that_exist_and_pass_them(site: Project, name: str, schematron: Path,
                                                         tmp_path: Path) -> None:
    """The ``xml-model`` addresses are ones we keep a copy of; the file passes each copy (RELAX
    NG with jing, the schematron with Saxon); no DOCTYPE sends a parser after a missing DTD."""
    path = site.site / name
    tree = lxml.etree.parse(str(path))
    assert tree.docinfo.doctype == ""
    instructions = tree.xpath("/processing-instruction('xml-model')")
    models = [dict(re.findall(r'(\w+)="([^"]*)"', pi.text)) for pi in instructions]
    assert models and {model["href"] for model in models} <= set(KNOWN_SCHEMAS)
    for model in models:
        copy = KNOWN_SCHEMAS[model["href"]]
        if copy.suffix == ".rng":
            done = java(JING, copy, path)
            assert done.returncode == 0, done.stdout + done.stderr
        else:
            assert copy.name == "TBX-Basic_DCA.sch"  # the one the fixture compiles
            document = tmp_path / name  # the report is written beside the file, not into the site
            document.write_bytes(path.read_bytes())
            assert FAILED.findall(svrl(schematron, document)) == []


def test_tbx_page_addresses_are_absolute_or_absent(hosted: Project, anywhere: Project) -> None:
    """TBX-Basic wants an ``http(s)`` address or an id as a target, and a termbase has no folder
    to resolve a relative one against: without the site's address there is no page link."""
    for name in ("glossary.tbx", "glossary.martif.tbx"):
        path = "//*[@type='externalCrossReference']/@target"
        targets = lxml.etree.parse(str(hosted.site / name)).xpath(path)
        assert targets and all(target.startswith(SITE_URL) for target in targets)
        assert lxml.etree.parse(str(anywhere.site / name)).xpath(path) == []


# --- every file of the export registry ---------------------------------------------------------------


def _address_problems(project: Project, lang: str, url: str) -> list[str]:
    """A page address in ``lang``'s tree: absolute on a site with an address, else relative to the root."""
    hosted = (project.site / "sitemap.xml").exists()
    expected = (SITE_URL if hosted else "") + LANG_ROOTS[lang] + "terms/"
    return [] if url.startswith(expected) else [f"{url!r} is not a {lang} page address ({expected}…)"]


def _json(project: Project, _: tuple[str, ...], path: Path) -> list[str]:
    if path.name != "glossary.json":
        jsonschema.validators.validator_for(json.loads(path.read_text("utf-8"))).check_schema(
            json.loads(path.read_text("utf-8")))
        return []
    schema = json.loads((project.site / "glossary.schema.json").read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [error.message for error in validator.iter_errors(glossary_json(project))]


def _csv(project: Project, langs: tuple[str, ...], path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lang = langs[0]
    if not rows:
        return ["no rows"]
    title = "title" if len(langs) == 1 else f"{lang}_title"
    own = titles(project, lang)
    problems = [f"{row['id']}: {row[title]!r} is not its {lang} title {own.get(row['id'])!r}"
                for row in rows if row[title] and row[title] != own.get(row["id"])]
    if len(langs) == 1 and {row["id"] for row in rows} != set(own):
        problems.append(f"rows {sorted(row['id'] for row in rows)} are not the {lang} entries {sorted(own)}")
    summaries = titles(project, lang, "summary_text")
    problems += [f"{row['id']}: summary {row['summary'][:30]!r} is not its {lang} one"
                 for row in rows if "summary" in row and row["summary"] != summaries[row["id"]]]
    return problems + [problem for row in rows for problem in _address_problems(project, lang, row["url"])]


def _csv_all(project: Project, _: tuple[str, ...], path: Path) -> list[str]:
    """``glossary.csv``: a row per published entry, each language's column group that
    language's title and address (``de.title``, ``da.url``…)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems = [] if {row["id"] for row in rows} == set(glossary_json(project)["entries"]) else [
        f"rows {sorted(row['id'] for row in rows)} are not the published entries"]
    for lang in LANGS:
        own = titles(project, lang)
        problems += [f"{row['id']}: {lang}.title {row[f'{lang}.title']!r} is not its {lang} title"
                     for row in rows if row[f"{lang}.title"] != own.get(row["id"], "")]
        problems += [problem for row in rows if row[f"{lang}.url"]
                     for problem in _address_problems(project, lang, row[f"{lang}.url"])]
    return problems


def _tbx(project: Project, _: tuple[str, ...], path: Path) -> list[str]:
    """Each language section's preferred term and definition are the entry's in that language."""
    root = lxml.etree.parse(str(path)).getroot()
    sections = root.xpath("//*[local-name()='langSec' or local-name()='langSet']")
    problems = [] if len(sections) > len(LANGS) else [f"only {len(sections)} language sections"]
    for section in sections:
        lang = section.get("{http://www.w3.org/XML/1998/namespace}lang")
        entry_id = section.getparent().get("id").removeprefix("_")
        preferred = section.xpath("string(*[*[local-name()='termNote'][.='preferredTerm-admn-sts']]"
                                  "/*[local-name()='term'])")
        if preferred != titles(project, lang).get(entry_id):
            problems.append(f"{entry_id}: {lang} term {preferred!r} is not its {lang} title")
        definition = section.xpath("string(*[@type='definition'])")
        if definition != titles(project, lang, "summary_text").get(entry_id):
            problems.append(f"{entry_id}: {lang} definition {definition[:30]!r} is not its {lang} summary")
    return problems


SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


def _skos(project: Project, _: tuple[str, ...], path: Path) -> list[str]:
    """Labels, definitions and examples tagged with their language, the preferred label the
    title in it; every concept and page an address of the site (the scheme's title and shapes
    are the SKOS tests')."""
    with warnings.catch_warnings():  # rdflib's own JSON-LD parser still makes a ConjunctiveGraph
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        graph = rdflib.Graph().parse(path, format="json-ld" if path.suffix == ".jsonld" else "turtle")
    problems = []
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.definition, SKOS.example):
        for subject, value in graph.subject_objects(predicate):
            if value.language not in LANGS:
                problems.append(f"{subject} {predicate.fragment} {value!r} has no language of the site")
    for subject, value in graph.subject_objects(SKOS.prefLabel):
        entry_id = str(graph.value(subject, SKOS.notation))
        known = entry_id in glossary_json(project)["entries"] and value.language in LANGS
        if known and titles(project, value.language).get(entry_id) != str(value):
            problems.append(f"{entry_id}: prefLabel {value!r} is not its {value.language} title")
    if (project.site / "sitemap.xml").exists():
        problems += [f"{node} is not an address of the site" for node in set(graph.all_nodes())
                     if isinstance(node, rdflib.URIRef) and not str(node).startswith(SITE_URL)
                     and (None, rdflib.RDF.type, node) not in graph]
    return problems


def _vale(project: Project, langs: tuple[str, ...], path: Path) -> list[str]:
    rule = yaml.safe_load(path.read_text("utf-8"))
    own = set(titles(project, langs[0]).values())
    return ([] if rule["extends"] == "substitution" else [f"extends {rule['extends']!r}"]) + [
        f"swaps to {title!r}, not a {langs[0]} title" for title in rule["swap"].values() if title not in own]


READERS = {"json": _json, "json-schema": _json, "csv": _csv, "csv-all": _csv_all, "table-csv": _csv,
           "tbx": _tbx, "martif": _tbx, "turtle": _skos, "jsonld": _skos, "vale": _vale}


def test_every_export_of_the_registry_is_there_and_holds_to_its_format_and_language(site: Project) -> None:
    assert set(READERS) == {fmt.name for fmt in EXPORT_FORMATS}  # a new format gets a reader here
    problems = []
    for fmt in EXPORT_FORMATS:
        for name, langs in fmt.files(LANGS):
            path = site.site / name
            if not path.is_file():
                problems.append(f"{name}: not written")
                continue
            problems += [f"{name}: {problem}" for problem in READERS[fmt.name](site, langs, path)]
    assert problems == []
