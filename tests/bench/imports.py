"""``lexicon import-tbx`` on a large termbase: wall time and peak memory (issue 12, point 6).

The target: a 50 MB TBX imported within 300 MB peak RSS. A termbase of that size is
generated (concepts in German and Danish, each with a definition, a subject field, a
preferred and an admitted term), and ``lexicon import-tbx --dry-run`` runs on it in a child
process of its own, measured with ``wait4`` (its own peak RSS, not this process's).

    python -m tests.bench.imports [--mb 50] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="de" '
         'xmlns="urn:iso:std:iso:30042:ed-2">\n<tbxHeader><fileDesc><sourceDesc><p>Benchmark</p>'
         '</sourceDesc></fileDesc></tbxHeader>\n<text><body>\n')
_TAIL = "</body></text></tbx>\n"


def _concept(number: int) -> str:
    word = f"Begriff{number:07d}"
    return (
        f'<conceptEntry id="c{number}"><descrip type="subjectField">IT</descrip>\n'
        f'<langSec xml:lang="de"><descrip type="definition">Die Bedeutung von {word} in einem Satz, '
        f'der so lang ist wie eine Definition in einer echten Termbank.</descrip>\n'
        f'<termSec><term>{word}</term><termNote type="administrativeStatus">preferredTerm-admn-sts'
        f'</termNote></termSec>\n<termSec><term>{word}-Variante</term><termNote '
        f'type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>\n'
        f'<langSec xml:lang="da"><descrip type="definition">Betydningen af {word} i en sætning, '
        f'der er lige så lang som en definition.</descrip>\n<termSec><term>{word}da</term><termNote '
        f'type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>'
        f'</conceptEntry>\n'
    )


def write_tbx(path: Path, megabytes: float) -> int:
    """A termbase of about ``megabytes`` MB (never over the importer's 50 MiB limit); its concepts."""
    limit = min(int(megabytes * 1_000_000), 50 * 1024 * 1024 - 4096)
    count = 0
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(_HEAD)
        size = len(_HEAD.encode())
        while True:
            text = _concept(count)
            if size + len(text.encode()) + len(_TAIL) > limit:
                break
            stream.write(text)
            size += len(text.encode())
            count += 1
        stream.write(_TAIL)
    return count


def make_project(target: Path) -> None:
    """The site's configuration with an empty glossary (and its tags)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "glossary").mkdir(exist_ok=True)
    (target / "glossary" / "_tags.yml").write_text("it: {de: IT, da: IT}\n", encoding="utf-8")


def measure_import(project: Path, tbx: Path) -> dict:
    """``lexicon import-tbx --dry-run`` in a child: seconds, its peak RSS in MB, exit code."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "lexikon.cli", "import-tbx", str(tbx), "--dry-run"],
                                 cwd=project, stdout=out, stderr=err, env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        tail = out.read().decode("utf-8", "replace").strip().rsplit("\n", 1)[-1]
        return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
                "returncode": os.waitstatus_to_exitcode(status), "last_line": tail,
                "stderr": err.read().decode("utf-8", "replace")[-500:]}


def bench_tbx(megabytes: float, workdir: Path) -> dict:
    """Generate, import, measure; the figures as a dict."""
    project = workdir / "project"
    make_project(project)
    tbx = workdir / "big.tbx"
    concepts = write_tbx(tbx, megabytes)
    result = measure_import(project, tbx)
    return {"tbx_mb": round(tbx.stat().st_size / 1_000_000, 1), "concepts": concepts, **result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50, help="size of the generated TBX (default 50)")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.workdir:
        figures = bench_tbx(args.mb, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="lexikon-bench-imports-") as folder:
            figures = bench_tbx(args.mb, Path(folder))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0 if figures["returncode"] in (0, 1) else 1


if __name__ == "__main__":
    raise SystemExit(main())
