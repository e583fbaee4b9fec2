"""PNGs of every page kind, for the people who review a change to templates or CSS.

    python -m tests.screenshots [OUT_DIR]      (``make screenshots``; default ``.screenshots/``)

Builds the site (our glossary, plus one German-only sample term so that a missing
translation's page exists) into a temporary folder, serves it as a static host would, and
writes ``<lang>-<kind>-<scheme>-<device>.png`` for each page kind in both languages, light
and dark, desktop (1280×800) and phone (390×844), whole pages. Then look at them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

from tests.bench.search import shared_browser  # noqa: E402
from tests.support.browser import CHROMIUM, serve_site  # noqa: E402
from tests.support.constants import LANG_ROOTS  # noqa: E402
from tests.support.pages_site import GLOSSARY  # noqa: E402
from tests.support.project import copy_project  # noqa: E402

KINDS = {
    "home": "", "a-z": "terms/", "term": "terms/outsourcing/", "missing": "terms/make-or-buy/",
    "tag": "tags/business/", "tags": "tags/", "changes": "changes/", "data": "data/",
    "print": "print/", "guide": "guide/", "404": "does-not-exist/", "table": "table-de-da/",
    "articles": "articles/", "article": "articles/sourcing-entscheiden/",
}
DEVICES = {"desktop": (1280, 800), "phone": (390, 844)}
SCHEMES = ("light", "dark")
SAMPLE = "make-or-buy.yml"
"""A term only in German (from the page tests): the Danish side shows a missing translation."""


def build_site(target: Path):
    """The project with our glossary and the sample term, built (not strict: the sample's
    missing translation is a warning on purpose)."""
    project = copy_project(target)
    if not (project.glossary / SAMPLE).exists():
        project.write(f"glossary/{SAMPLE}", GLOSSARY[SAMPLE])
    result = project.build(strict=False)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stderr}")
    return project


def shoot(base_url: str, out: Path) -> list[Path]:
    """Every page kind × language × scheme × device, as whole-page PNGs."""
    browser = shared_browser(CHROMIUM)
    written = []
    for device, (width, height) in DEVICES.items():
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          color_scheme=scheme, is_mobile=device == "phone",
                                          has_touch=device == "phone")
            page = context.new_page()
            for lang, root in LANG_ROOTS.items():
                for kind, path in KINDS.items():
                    page.goto(f"{base_url}/{root}{path}")
                    page.wait_for_load_state("networkidle")
                    target = out / f"{lang}-{kind}-{scheme}-{device}.png"
                    page.screenshot(path=str(target), full_page=kind != "print")
                    written.append(target)
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / ".screenshots"), help="folder for the PNGs")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lexikon-screenshots-") as tmp:
        project = build_site(Path(tmp) / "project")
        serving = serve_site(project)
        base_url = next(serving)
        try:
            written = shoot(base_url, out)
        finally:
            serving.close()
    print(f"{len(written)} screenshots in {out}/: look at them before merging a change to templates or CSS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
