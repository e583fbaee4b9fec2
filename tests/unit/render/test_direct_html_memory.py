"""A huge generated page (the printable lexicon: 30 million characters of HTML at 10,000 terms)
converted with few whole copies of it at once: its conversion was the build's peak while a
language's pages are read (issue 17)."""

from __future__ import annotations

import sys
import tracemalloc

from lexikon.render import direct_html


def test_a_huge_page_is_converted_with_at_most_five_copies_of_its_html_at_once() -> None:
    entries = [f"## Begriff {n} „Zitat“ – mit \\*Stern\\* {{ #b{n} }}\n\n"
               f"Der [Begriff {n}](terms/t{n}.md) ist *wichtig* und **stark** – ein „Wort“.\n\n"
               f"- Punkt eins zu [x](terms/x{n}.md)\n- Punkt zwei" for n in range(4000)]
    markdown = "# Drucklexikon\n\n" + "\n\n".join(entries) + "\n"
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        made = direct_html.convert(markdown, lambda url: url.replace(".md", "/"),
                                   lambda text, separator: text.lower().replace(" ", separator))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert made is not None and made.title == "Drucklexikon" and len(made.headings) == 4001
    assert made.html.count('<a class="headerlink" href="#b3999"') == 1 and "\x02" not in made.html
    assert peak < 5 * sys.getsizeof(made.html), (peak, sys.getsizeof(made.html))  # was 6.5 copies
