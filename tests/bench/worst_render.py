"""Worst-case timings of the text functions an entry's size reaches: ``plain_text`` on a
1 MiB summary of each marker pattern (the loader's file limit), and the entry Markdown
converter (Python-Markdown + nh3) on the same text for comparison.

    PYTHONPATH=hooks python -m tests.bench.worst_render [--size BYTES] [--converter]

Prints one line per pattern: seconds. ``plain_text`` must stay linear (under 2 s at 1 MiB);
the converter is Python-Markdown's own and is slower on some patterns (see the report).
"""

from __future__ import annotations

import argparse
import time

from lexikon.core.queries import plain_text
from lexikon.render.markup import EntryMarkup

PATTERNS = ("*a ", "_a ", "`a ", "[a](", "**", "~~", "[[a", "(", "[a]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1 << 20)
    parser.add_argument("--converter", action="store_true", help="also time the Markdown converter")
    options = parser.parse_args()
    markup = EntryMarkup()
    for pattern in PATTERNS:
        text = (pattern * (options.size // len(pattern) + 1))[:options.size]
        start = time.perf_counter()
        plain_text(text)
        line = f"{pattern!r:8} plain_text {time.perf_counter() - start:7.2f} s"
        if options.converter:
            start = time.perf_counter()
            markup.html(text, lambda target, label, mid: None)
            line += f"   converter {time.perf_counter() - start:7.2f} s"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
