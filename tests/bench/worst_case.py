"""Hostile files: the slowest single entry anyone could write, and what checking it costs.

The target: any one file up to the size limit (1 MiB), of any content, in
under 2 s. A benchmark made only of friendly text cannot show it: a regular expression
that rescans from each position, or a comparison of every paragraph with every other, is
fast on prose and takes hours on a run of one character. Each case here is one entry whose
summary, title, body, highlight, alias or source title is made of what such code chokes
on: a run of each character Markdown or our patterns give a meaning (``{``, ``[``, ``[[``,
``<``, a backtick, ``*``, ``_``, ``&``, ``\\``, ``|`` and more), thousands of short distinct
paragraphs, thousands of near-identical ones, paragraphs over a small vocabulary, one
huge paragraph, deep lists and quotes, and runs of links, tags and definitions.

Each case is checked by ``lexicon check --no-cache`` in a child process, as a person runs
it, with a time limit (a case that hits it is reported as such, not waited for).

Run alone: ``python -m tests.bench.worst_case [--limit SECONDS] [--only NAME…] [--json]``.
:func:`measure_all` returns the rows for ``tests/bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT = 1024 * 1024
"""The loader's limit (``load.MAX_FILE_BYTES``): every case is made just under it."""
TARGET_SECONDS = 2.0
HEAD = "de:\n  title: Feindlich\n"
"""The start of every case (a title; the summary or other fields follow)."""
SPECIAL = ("{", "}", "[", "]", "[[", "]]", "<", ">", "`", "*", "_", "&", "\\", "|", "(", ")", "#", ":",
           "!", "~", "=", "-", "+", ".", "'", '"', "\u202e", "\u200b", "&#", "[x](", "[[x|", "<a ",
           "{:", "](", "]: ", "`a", "\\`", "<http://", "[x]", "[[x]]", "[[i|", "*a", "_a")
"""Runs of each of these, in every text field."""
FIELDS = ("summary", "title", "body", "highlights", "aliases", "source")
_WORDS = ("Markt", "Preis", "Kosten", "Dienst", "Vertrag", "Anbieter", "Kunde", "Leistung", "Risiko",
          "Wert", "Daten", "Netz", "Plan", "Ziel", "Team")


def _block(text: str, indent: str = "    ") -> str:
    """``text`` as the lines of a literal block scalar (``|-``), each line indented."""
    return "\n".join(indent + line if line else "" for line in text.split("\n"))


def _run_of(piece: str, budget: int) -> str:
    """``piece`` repeated to fill ``budget`` bytes of UTF-8."""
    return piece * max(1, budget // max(1, len(piece.encode("utf-8"))))


def field_case(field: str, text: str) -> str:
    """One entry with ``text`` (one line or many) in ``field``, the other fields plain."""
    budget_text = text
    if field == "summary":
        return f"{HEAD}  summary: |-\n{_block(budget_text)}\n"
    if field == "title":
        one_line = budget_text.replace("\n", " ")
        return f"de:\n  title: |-\n{_block(one_line)}\n  summary: Kurz.\n"
    if field == "body":
        return f"{HEAD}  summary: Kurz.\n  body: |\n{_block(budget_text)}\n"
    if field == "highlights":
        return f"{HEAD}  summary: Kurz.\n  highlights:\n    - |-\n{_block(budget_text, '      ')}\n"
    if field == "aliases":
        one_line = budget_text.replace("\n", " ")
        return f"{HEAD}  summary: Kurz.\n  aliases:\n    - |-\n{_block(one_line, '      ')}\n"
    one_line = budget_text.replace("\n", " ")
    return (f"{HEAD}  summary: Kurz.\n  sources:\n    - url: https://example.org/\n      title: |-\n"
            f"{_block(one_line, '        ')}\n")


def _budget(field: str) -> int:
    return SIZE_LIMIT - 400  # room for the keys and the indentation of one line


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) + str(rng.randrange(1000)) for _ in range(words))


def _paragraphs(make: Callable[[int], str], indent: int = 4) -> str:
    """Paragraphs from ``make(i)`` until the body reaches the size limit."""
    parts: list[str] = []
    size = 0
    index = 0
    while True:
        paragraph = make(index)
        size += len(paragraph.encode("utf-8")) + indent + 2
        if size > SIZE_LIMIT - 200:
            break
        parts.append(paragraph)
        index += 1
    return "\n\n".join(parts)


def body_cases() -> Iterator[tuple[str, str]]:
    """Bodies that are costly for their structure, not for one character."""
    rng = random.Random(12)
    yield "distinct-short-paragraphs", _paragraphs(lambda i: f"Absatz {i}: {_sentence(rng, 5)}.")
    base = "Das Auslagern von Diensten an einen Anbieter senkt die Kosten, erhöht aber das Risiko"
    yield "near-identical-paragraphs", _paragraphs(lambda i: f"{base} um {i} Prozent.")
    small = ("der", "die", "und", "Markt", "Preis", "Kosten", "ist", "nicht", "ein", "zu")
    yield "small-vocabulary-paragraphs", _paragraphs(
        lambda i: " ".join(rng.choice(small) for _ in range(12)) + ".")
    yield "one-huge-paragraph", _sentence(rng, SIZE_LIMIT // 12)[: SIZE_LIMIT - 600]
    yield "deep-list", _paragraphs(lambda i: "  " * (i % 2000) + "- Punkt", indent=0).replace("\n\n", "\n")
    yield "deep-quote", _paragraphs(lambda i: "> " * (i % 3000) + "Zitat", indent=0).replace("\n\n", "\n")
    yield "one-deep-quote", "> " * ((SIZE_LIMIT - 600) // 2) + "x"
    yield "fences-mixed", _paragraphs(lambda i: ("```" if i % 3 == 0 else "~~~~" if i % 3 == 1 else "Text"))
    yield "reference-definitions", _paragraphs(lambda i: f"[r{i}]: https://example.org/{i}", indent=0)
    yield "cross-links-unknown", _run_of("[[fehlt]] ", SIZE_LIMIT - 600)
    yield "cross-links-distinct", " ".join(f"[[fehlt-{i}]]" for i in range(SIZE_LIMIT // 14))
    yield "html-tags", _run_of("<b>x</b> ", SIZE_LIMIT - 600)
    yield "tags-and-autolinks", _run_of("<http://a.b> <b> ", SIZE_LIMIT - 600)
    yield "invisible-characters", _run_of("a\u200b", SIZE_LIMIT - 600)
    yield "code-spans", _run_of("`a` ", SIZE_LIMIT - 600)
    yield "unclosed-fences", _run_of("```a\n", SIZE_LIMIT - 600) + "<b>"
    yield "unclosed-tilde-fences", _run_of("~~~~\n~~~\n\n", SIZE_LIMIT - 600) + "<b>"
    yield "backtick-runs-growing", "".join("`" * (i % 50) + "a" for i in range(SIZE_LIMIT // 30)) + "<b>"
    yield "table", _paragraphs(lambda i: "| a | b |\n|---|---|\n" + "| x | y |\n" * 50, indent=0)
    yield "headings", _paragraphs(lambda i: "#" * (1 + i % 6) + f" Kopf {i}", indent=0)


def cases() -> Iterator[tuple[str, str]]:
    """``(name, file text)`` of every hostile entry."""
    for piece in SPECIAL:
        for field in FIELDS:
            line = _run_of(piece, _budget(field))
            yield f"run-{_name(piece)}-in-{field}", field_case(field, line)
    for piece in SPECIAL:  # the same runs where a tag makes every markup rule read them
        for field in ("summary", "body"):
            line = _run_of(piece, _budget(field) - 20) + " <b> {x} [a](b)"
            yield f"run-{_name(piece)}-then-markup-in-{field}", field_case(field, line)
    for name, body in body_cases():
        yield f"body-{name}", _fitted(body)


def _fitted(body: str) -> str:
    """A body case cut (at a line end) until the file with its indentation fits the limit."""
    while True:
        text = field_case("body", body)
        size = len(text.encode("utf-8"))
        if size <= SIZE_LIMIT:
            return text
        cut = int(len(body) * SIZE_LIMIT / size) - 64
        body = body[: max(0, body.rfind("\n", 0, cut))] or body[:cut]


def _name(piece: str) -> str:
    return "".join(c if c.isalnum() else f"x{ord(c):x}" for c in piece)


def write_project(target: Path, text: str) -> Path:
    """A project with the site's mkdocs.yml and one entry, ``glossary/feindlich.yml``."""
    (target / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    data = text.encode("utf-8")
    if len(data) > SIZE_LIMIT:
        raise ValueError(f"a case is over the size limit ({len(data):,} bytes)")
    (target / "glossary" / "feindlich.yml").write_bytes(data)
    return target


def time_check(project: Path, limit: float) -> dict:
    """Wall and CPU time of ``lexicon check --no-cache`` in ``project`` (``None``: over ``limit``).

    CPU time (user + system, from ``os.wait4``) is what the check itself costs; wall time
    also holds what other processes on a busy machine took from it.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "lexikon.cli", "check", "--no-cache"], cwd=project,
                                   env=env, stdout=out, stderr=err)
        timer = threading.Timer(limit, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if seconds >= limit:
        return {"seconds": None, "cpu_seconds": None, "returncode": None, "findings": None,
                "traceback": False}
    return {"seconds": round(seconds, 3), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
            "returncode": process.returncode, "findings": max(0, len(stdout.splitlines()) - 1),
            "traceback": "Traceback" in stderr}


def measure_all(limit: float = 30.0, only: tuple[str, ...] = (), log: Callable[[str], None] | None = None
                ) -> list[dict]:
    """One row per case: name, file size, seconds (None: over ``limit``), exit code, findings."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="lexikon-worst-") as tmp:
        for number, (name, text) in enumerate(cases()):
            if only and not any(word in name for word in only):
                continue
            project = write_project(Path(tmp) / str(number), text)
            row = {"case": name, "bytes": len(text.encode("utf-8")), **time_check(project, limit)}
            row["within_target"] = row["cpu_seconds"] is not None and row["cpu_seconds"] < TARGET_SECONDS
            rows.append(row)
            shutil.rmtree(project)
            if log:
                log(_row_text(row))
    return rows


def _row_text(row: dict) -> str:
    seconds = ("over limit" if row["seconds"] is None
               else f"{row['seconds']:.2f} s wall, {row['cpu_seconds']:.2f} s CPU")
    flag = "" if row["within_target"] else "  << over 2 s"
    problem = "  TRACEBACK" if row["traceback"] else ""
    return f"{row['case']:<48} {row['bytes']:>9,} B  {seconds:>24}  exit {row['returncode']}{flag}{problem}"


def summary(rows: list[dict]) -> dict:
    """The figures to quote: the slowest case and how many cases missed the target."""
    timed = [row for row in rows if row["seconds"] is not None]
    slowest = max(timed, key=lambda row: row["cpu_seconds"], default=None)
    return {"cases": len(rows), "over_target": sum(not row["within_target"] for row in rows),
            "tracebacks": sum(row["traceback"] for row in rows),
            "slowest": slowest and {"case": slowest["case"], "seconds": slowest["seconds"],
                                    "cpu_seconds": slowest["cpu_seconds"]}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=float, default=30.0, help="seconds before a case counts as hung")
    parser.add_argument("--only", nargs="*", default=(), help="only cases whose name contains one of these")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON at the end")
    args = parser.parse_args(argv)
    rows = measure_all(args.limit, tuple(args.only), log=print)
    print(json.dumps(summary(rows)))
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0 if all(row["within_target"] and not row["traceback"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
