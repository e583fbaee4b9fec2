"""Which terms the pictures show: a term among its neighbours, and the whole lexicon.

:mod:`lexikon.render.graph` draws them; this chooses the nodes and edges of one language.
"""

from __future__ import annotations

from lexikon.core.articles import Article
from lexikon.core.model import Entry
from lexikon.core.queries import linked_ids, qualified_title
from lexikon.render import graph
from lexikon.render.article_lists import about_term
from lexikon.render.view import View

ARTICLE_LABEL = 24
"""Characters of an article's title a node shows (titles of articles are sentences; a phone
shows the picture small, its labels large: a longer one is cut at the edge)."""


def node(view: View, entry: Entry, origin: str) -> graph.Node:
    """A term as a node: its title in this language (or the first it has), a link to it."""
    text = entry.texts.get(view.lang) or next(iter(entry.texts.values()))
    href = view.layout.href(view.lang, origin, view.layout.term(entry.id))
    return graph.Node(entry.id, qualified_title(text), href,
                      view.plain_summary(entry),
                      "" if text.lang == view.lang else text.lang)


def article_node(view: View, article: Article, origin: str) -> graph.Node:
    """An article that explains the term, as a node: its title (cut at a word when long; the
    whole title is the node's name, in the tooltip with the description), a link to it."""
    href = view.layout.href(view.lang, origin, article.neutral_path)
    label = article.title if len(article.title) <= ARTICLE_LABEL else (
        article.title[:ARTICLE_LABEL + 1].rsplit(" ", 1)[0].rstrip(",:;–-") + "…")  # a word ending at
    # the limit is kept whole
    return graph.Node(f"article:{article.key}", label, href, article.description, name=article.title)


def neighbourhood(view: View, entry: Entry, path: str) -> str:
    """The term among its broader and narrower concepts and the terms it links to, names as
    related, and is linked from (the first of these that applies draws the edge), and the
    articles of this language that explain it."""
    kinds: dict[str, str] = {}
    for target in entry.broader:
        kinds.setdefault(target, "broader")
    for source in view.narrower.get(entry.id, ()):
        kinds.setdefault(source, "narrower")
    for target in entry.related:
        kinds.setdefault(target, "related")
    for target in linked_ids(entry):
        kinds.setdefault(target, "link")
    for source in view.inbound.get(entry.id, ()):
        kinds.setdefault(source, "backlink")
    neighbours = [(node(view, view.glossary.entries[i], path), kind) for i, kind in kinds.items()
                  if i in view.glossary.entries and i != entry.id]
    neighbours += [(article_node(view, article, path), "article") for article in about_term(view, entry.id)]
    if not neighbours:
        return ""
    neighbours.sort(key=lambda pair: view.locale.sort_key(pair[0].label))
    svg = graph.neighbourhood_svg(node(view, entry, path), neighbours,
                                  view.locale("graph_label", title=view.title(entry)))
    return f'<figure class="lexikon-figure">{svg}</figure>'


def lexicon_graph(view: View, path: str) -> str:
    """Every term and every link between terms, for the home page."""
    entries = view.glossary.entries
    nodes = [node(view, entry, path) for entry in sorted(
        entries.values(), key=lambda e: view.locale.sort_key(view.title(e)))]
    edges: dict[tuple[str, str], graph.Edge] = {}
    for entry in entries.values():
        for target in entry.broader:  # a concept hierarchy's edge wins over a mere link
            if target in entries and target != entry.id:
                edges[tuple(sorted((entry.id, target)))] = graph.Edge(entry.id, target, "broader")
    for entry in entries.values():
        for target in sorted({*entry.related, *linked_ids(entry)}):
            pair = tuple(sorted((entry.id, target)))
            if target in entries and target != entry.id and pair not in edges:
                edges[pair] = graph.Edge(*pair)
    svg = graph.lexicon_svg(nodes, list(edges.values()), view.locale("lexicon_graph_label"))
    return f'<figure class="lexikon-figure">{svg}</figure>'
