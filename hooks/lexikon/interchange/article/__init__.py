"""``lexicon import``: a scraped article (plain text, Markdown or a saved web page) into an entry's
language block.

Scraped pages bring debris: site navigation, paragraph numbers glued to words, repeated
paragraphs, pull quotes, raw HTML, links into the scraped site. Each clean-up is one
:class:`Change` with the input line it happened on and, when text went away, that text:
nothing is dropped silently. One module per kind of rule: :mod:`.page` reads the page,
:mod:`.blocks` splits it, :mod:`.debris` cleans it, :mod:`.fields` takes title, summary,
highlights, tags and sources, :mod:`.links` converts links, :mod:`.findings` records what
happened and :mod:`.entry` runs them in order. The patterns of each language are in the
locale files under ``import:``; :mod:`.html` takes a saved web page's main content, and
:mod:`.boilerplate` knows boilerplate by its shape, its phrases under ``import_boilerplate:``.
"""

from lexikon.interchange.article.entry import import_article, run_import, write_import
from lexikon.interchange.article.findings import Change, ImportProblem, ImportResult
from lexikon.interchange.article.page import import_patterns
from lexikon.interchange.entry_yaml import render_block, splice_block
from lexikon.interchange.words import slugify, split_sentences

__all__ = [
    "Change",
    "ImportProblem",
    "ImportResult",
    "import_article",
    "import_patterns",
    "render_block",
    "run_import",
    "slugify",
    "splice_block",
    "split_sentences",
    "write_import",
]
