"""The knowledge base linked both ways, in a real build of the site with a git history made
here: each term page lists the articles of its language that link to or mention it, the
articles index per language (collation, descriptions, tags, the tag filter), the box of terms
(``terms: true``), glossary.json with the articles (valid against its schema), the changes
list and the feeds, and the notice on a Danish article older than its German version.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from tests.support.git_history import commit, git
from tests.support.project import Project, article, copy_project

REPO = "https://github.com/example/lexikon"
ATOM = "{http://www.w3.org/2005/Atom}"
HOWTO_DE = """\
---
title: Ämter und Anbieter
description: Wie eine Behörde einen Dienstleister auswählt.
tags: [business]
terms: true
---

Eine Behörde prüft das [[outsourcing]] genau. Scheitert es, folgt oft ein Backsourcing.
"""
HOWTO_DA = """\
---
title: Myndigheder og leverandører
description: Sådan vælger en myndighed en leverandør.
tags: [business]
---

En myndighed vurderer [[outsourcing]] nøje.
"""
ZEBRA_DE = """\
---
title: Zebra-Strategie
description: Nur auf Deutsch.
tags: [it]
---

Ein Text über [[insourcing]].
"""
ALPHA_DA = """\
---
title: Aalborg-modellen
description: Kun på dansk.
---

En tekst om noget helt andet.
"""


def _list(html: str, anchor: str) -> list[str]:
    """The link texts of the list under the heading ``#anchor``."""
    found = re.search(rf'<h2 id="{anchor}">.*?</h2>\s*<ul>(.*?)</ul>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]*)</a>", found.group(1)) if found else []


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real glossary and example articles plus four more, committed on two days; then the
    German article changed alone."""
    project = copy_project(tmp_path_factory.mktemp("articles") / "project")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"repo_url: {REPO}\n", "utf-8")
    project.write("docs/wissen/anbieter.md", HOWTO_DE)
    project.write("docs/wissen/anbieter.da.md", HOWTO_DA)
    project.write("docs/wissen/zebra.md", ZEBRA_DE)
    project.write("docs/wissen/aalborg.da.md", ALPHA_DA)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "the site", date="2026-03-01T10:00:00+00:00")
    commit(project.root, {"docs/wissen/anbieter.md": HOWTO_DE + "\nMehr dazu folgt.\n"},
           "2026-03-12T10:00:00+00:00", "German article extended")
    result = project.build(strict=False)  # the one-language articles warn; the build must pass
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def test_term_pages_list_and_draw_the_articles_of_their_language(site: Project) -> None:
    assert _list(site.html("terms/outsourcing/"), "lexikon-articles") == [
        "Ämter und Anbieter", "Outsourcing, Nearshoring oder Backsourcing: Wie Unternehmen entscheiden"]
    assert _list(site.html("da/terms/outsourcing/"), "lexikon-articles") == [
        "Myndigheder og leverandører",
        "Outsourcing, nearshoring eller backsourcing: Sådan træffer virksomheden valget"]
    # a mention (auto-link) counts as much as a link: "Backsourcing" is only mentioned here
    assert "Ämter und Anbieter" in _list(site.html("terms/backsourcing/"), "lexikon-articles")
    assert "Myndigheder og leverandører" not in _list(site.html("da/terms/backsourcing/"), "lexikon-articles")
    # the German-only article is on the German insourcing page only
    assert "Zebra-Strategie" in _list(site.html("terms/insourcing/"), "lexikon-articles")
    assert "Zebra-Strategie" not in site.html("da/terms/insourcing/")
    # the term's picture has the articles of its language as nodes, with a dotted edge
    danish = site.html("da/terms/outsourcing/")
    graph = re.search(r'<svg class="lexikon-graph".*?</svg>', danish, re.S).group(0)
    assert 'aria-label="Myndigheder og leverandører"' in graph and "lexikon-edge--article" in graph
    assert 'href="../../wissen/anbieter/"' in graph and "Ämter" not in graph
    heading = re.search(r'<h2 id="lexikon-articles">([^<]*)', site.html("da/terms/outsourcing/"))
    assert heading and heading.group(1) == "Artikler om dette begreb"


def test_the_articles_index_in_each_language(site: Project) -> None:
    german, danish = article(site.html("articles/")), article(site.html("da/articles/"))
    rows = re.findall(r'<li class="lexikon-row[^"]*">(.*?)</li>', german, re.S)
    titles = [re.search(r"<a [^>]*>([^<]*)</a>", row).group(1) for row in rows]
    # German collation: Ä with A; the Danish-only article under its title, marked
    assert titles == ["Aalborg-modellen", "Ämter und Anbieter",
                      "Outsourcing, Nearshoring oder Backsourcing: Wie Unternehmen entscheiden",
                      "Zebra-Strategie"]
    assert "noch nicht auf Deutsch" in rows[0] and "Wie eine Behörde einen Dienstleister auswählt." in rows[1]
    assert 'class="lexikon-article-tags">Betriebswirtschaft<' in rows[1]
    danish_titles = re.findall(r'<li class="lexikon-row[^"]*"><strong><a [^>]*>([^<]*)</a>', danish)
    # Danish collation: "Aa" is å, after z
    assert danish_titles == ["Myndigheder og leverandører",
                             "Outsourcing, nearshoring eller backsourcing: Sådan træffer virksomheden valget",
                             "Zebra-Strategie", "Aalborg-modellen"]
    assert 'id="lexikon-filter-business"' in danish and "Erhverv" in danish  # the tag filter
    assert re.search(r'<li class="lexikon-row lexikon-tag-business">', danish)
    assert '.lexikon-row:not(.lexikon-tag-business){display:none}' in site.html("da/articles/")
    for path in ("", "da/"):  # in the navigation of every page
        assert re.search(r'<a href="[^"]*articles/" class="md-nav__link', site.html(f"{path}terms/"))


def test_the_terms_box_at_the_end_of_an_article_that_asks_for_it(site: Project) -> None:
    german = article(site.html("wissen/anbieter/"))
    box = re.search(r'<div class="admonition abstract lexikon-article-terms">(.*?)</div>', german, re.S)
    assert box and "Begriffe in diesem Artikel" in box.group(1)
    assert re.findall(r"<a [^>]*>([^<]*)</a>", box.group(1)) == ["Backsourcing", "Outsourcing"]
    assert german.rindex("lexikon-article-terms") > german.index("Scheitert es")
    assert "lexikon-article-terms" not in site.html("da/wissen/anbieter/")  # no terms: true there


def test_glossary_json_has_the_articles_and_stays_valid(site: Project) -> None:
    document = json.loads((site.site / "glossary.json").read_text("utf-8"))
    schema = json.loads((site.site / "glossary.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    howto = document["articles"]["wissen/anbieter"]
    assert howto["texts"]["de"]["links"] == ["outsourcing"]
    assert howto["texts"]["de"]["mentions"] == ["backsourcing"]
    assert howto["texts"]["da"]["url"] == "da/wissen/anbieter/" and howto["tags"] == ["business"]
    assert "wissen/anbieter" in document["entries"]["backsourcing"]["articles"]
    assert document["entries"]["insourcing"]["articles"] == ["articles/sourcing-entscheiden", "wissen/zebra"]


def test_feeds_and_changes_list_the_articles_of_their_language(site: Project) -> None:
    feed = ET.fromstring((site.site / "feed.xml").read_text("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[0] == "Ämter und Anbieter"  # changed last, so first
    assert "Zebra-Strategie" in titles and "Aalborg-modellen" not in titles
    assert entries[0].findtext(f"{ATOM}updated").startswith("2026-03-12")
    danish_feed = ET.fromstring((site.site / "da/feed.xml").read_text("utf-8"))
    danish = [entry.findtext(f"{ATOM}title") for entry in danish_feed.findall(f"{ATOM}entry")]
    assert "Aalborg-modellen" in danish and "Zebra-Strategie" not in danish
    changes = article(site.html("changes/"))
    first = re.search(r"<li>(.*?)</li>", changes, re.S).group(1)
    assert "12.03.2026" in first and "Ämter und Anbieter" in first and "Artikel, geändert" in first


def test_the_danish_article_older_than_the_german_says_so(site: Project) -> None:
    danish = article(site.html("da/wissen/anbieter/"))
    notice = re.search(r'<div class="admonition warning lexikon-stale"[^>]*>(.*?)</div>', danish, re.S)
    assert notice and "Den danske version er ældre end den tyske" in notice.group(1)
    assert "12.03.2026" in notice.group(1) and f"{REPO}/commit/" in notice.group(1)
    assert danish.index("<h1") < danish.index("lexikon-stale")  # under the title
    assert "lexikon-stale" not in site.html("wissen/anbieter/")
    assert "lexikon-stale" not in site.html("da/articles/sourcing-entscheiden/")  # written together
