"""Measure main-content extractors on the saved pages of ``tests/fixtures/import/html``.

For each page, ``truth.yml`` lists the lines of the article and snippets of the boilerplate
around it. An extractor scores the share of article lines its output keeps and the number
of boilerplate snippets it lets through, and is timed (best of 5 runs per page). Run with
the candidate importable, e.g.

    PYTHONPATH=/tmp/cand/traf .venv/bin/python -m tests.tools.measure_extractors trafilatura

The result of the choice made for issue 16 is in ``tests/fixtures/import/html/MEASURED.md``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

RECALL = os.environ.get("RECALL") == "1"
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "html"


def _trafilatura() -> Callable[[str], str]:
    import trafilatura

    def run(html: str) -> str:
        return trafilatura.extract(html, output_format="markdown", include_tables=True,
                                   include_comments=False, include_links=False,
                                   include_formatting=True, deduplicate=False, favor_recall=RECALL) or ""

    return run


def _readability() -> Callable[[str], str]:
    import lxml.html
    from readability import Document

    def run(html: str) -> str:
        tree = lxml.html.fromstring(Document(html).summary(html_partial=True))
        blocks = tree.xpath("//h1|//h2|//h3|//h4|//p|//li|//dt|//dd|//td|//th|//div[not(.//p|.//div)]")
        return "\n".join(" ".join(b.text_content().split()) for b in blocks)

    return run


def _lexikon() -> Callable[[str], str]:
    """The import as shipped: readability-lxml, then the article rules (boilerplate by shape)."""
    import tempfile

    from lexikon.interchange.article import import_article

    folder = Path(tempfile.mkdtemp()) / "glossary"
    folder.mkdir()

    def run(html: str) -> str:
        lang = "da" if 'lang="da' in html else "de"
        block = import_article(html, "page.html", lang, glossary_dir=folder, languages=("de", "da")).block
        return "\n".join([block["title"], block.get("summary", ""), block.get("body", ""),
                          *block.get("highlights", ())])

    return run


def _fold(text: str) -> str:
    return " ".join(text.replace("*", "").split()).casefold()


def measure(name: str) -> None:
    extract = {"trafilatura": _trafilatura, "readability": _readability, "lexikon": _lexikon}[name]()
    truth = yaml.safe_load((PAGES / "truth.yml").read_text(encoding="utf-8"))
    rows, kept_all, total_all, leaked_all, times = [], 0, 0, 0, []
    for page, expected in truth.items():
        html = (PAGES / page).read_text(encoding="utf-8")
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            out = extract(html)
            runs.append(time.perf_counter() - start)
        times.append(min(runs))
        folded = _fold(out)
        kept = sum(_fold(line) in folded for line in expected["article"])
        snippets = (*expected["boilerplate"], *expected.get("known_leaks", ()))
        leaked = [b for b in snippets if _fold(b) in folded]
        rows.append(f"| {page} | {kept}/{len(expected['article'])} | {len(leaked)} "
                    f"({', '.join(leaked)}) | {min(runs) * 1000:.1f} ms |")
        kept_all, total_all, leaked_all = kept_all + kept, total_all + len(expected["article"]), \
            leaked_all + len(leaked)
    print(f"## {name}\n\n| page | article lines kept | boilerplate kept | time |\n|---|---|---|---|")
    print("\n".join(rows))
    print(f"| **all** | {kept_all}/{total_all} ({100 * kept_all / total_all:.0f} %) | {leaked_all} | "
          f"median {statistics.median(times) * 1000:.1f} ms |")


if __name__ == "__main__":
    measure(sys.argv[1])
