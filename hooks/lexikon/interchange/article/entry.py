"""``lexicon import``: a scraped article, read and cleaned by the rules of this package, as the
language block of an entry; and writing it.

The rules run in this order: read the page (:mod:`.page`, :mod:`.blocks`), clean its debris
(:mod:`.debris`), take the title and the highlights (:mod:`.fields`), convert links
(:mod:`.links`), drop pull quotes and repeated paragraphs, take the summary, tags and
sources. A new entry is a new file; an existing entry gets only its ``LANG:`` block
replaced (or added) as text, so every other byte of the file stays as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from lexikon.core import links
from lexikon.core.layout import reserved_ids
from lexikon.core.safe_write import write_bytes
from lexikon.core.schema import ID_RULE, unreserved_id
from lexikon.core.settings import Settings
from lexikon.interchange.article import blocks as reading
from lexikon.interchange.article import debris, fields, html
from lexikon.interchange.article.existing import entry_path, existing_bytes, replaced_text, within_limit
from lexikon.interchange.article.findings import Changes, ImportProblem, ImportResult, LocatedProblem
from lexikon.interchange.article.links import Links
from lexikon.interchange.article.page import Block, Line, Patterns, front_matter, is_markdown, plain_line_ends
from lexikon.interchange.entry_yaml import imported_entry_text
from lexikon.interchange.terms import MAX_SOURCE_BYTES
from lexikon.interchange.words import slugify


def import_article(
    text: str,
    source_name: str,
    lang: str,
    *,
    glossary_dir: Path,
    languages: Sequence[str],
    entry_id: str | None = None, reserved: Mapping[str, str] | None = None,
) -> ImportResult:
    """Turn one scraped article into the ``lang`` block of an entry; nothing is written.

    Args:
        text: The article: plain text or Markdown, with or without YAML front matter, or a
            saved web page (HTML: its main content is taken, :mod:`.html`).
        source_name: Its file name; ``.html``/``.htm`` or text that starts like an HTML
            document is a web page, ``.md``/``.markdown`` Markdown, ``.txt`` plain text,
            anything else Markdown when it has front matter, headings or links.
        lang: The language of the article, one of ``languages``.
        glossary_dir: The entries, to resolve links and to find an existing entry.
        languages: The configured language codes, the default first.
        entry_id: The entry's id; by default the slug of the title.
        reserved: Ids generated pages reserve: one given is refused, a title's gets a suffix.

    Raises:
        ImportProblem: when no entry can be made (no text, no title, unknown language).
    """
    _check_arguments(lang, languages, entry_id)
    changes, patterns = Changes(), Patterns(lang)
    front, key_lines, blocks, origin = _read(text, source_name, patterns, changes)
    fm_title = fields.front_text(front, "title", key_lines, changes)
    title, blocks = fields.title(blocks, fm_title, key_lines.get("title", 1), patterns, changes,
                                 origin or fields.FRONT_TITLE)
    blocks, highlights = fields.highlights(blocks, patterns, changes)
    debris.glued_numbers(blocks, changes)
    page_title = fields.without_links(title, key_lines.get("title", 1), changes)
    title = fields.question_title(page_title, key_lines.get("title", 1), patterns, changes)
    title, final_id = _title_and_id(title, entry_id, changes, reserved or {})
    linker = Links(glossary_dir, lang, final_id, changes)
    blocks = debris.duplicates(debris.pull_quotes(linker.in_blocks(blocks), changes), changes)
    description = _description(front, key_lines, linker, changes)
    summary, blocks = fields.summary(blocks, description, key_lines.get("description", 1), title, changes)
    highlights = [linker.in_text(item, 1) for item in highlights]
    tags = fields.tags(front, key_lines, glossary_dir, languages, changes)
    sources = fields.sources(front, key_lines, page_title or title, changes, origin and "the page's link")
    fields.unused_front_matter(front, key_lines, changes, lang)
    block = _block(title, summary, blocks, highlights, sources, changes)
    path = entry_path(glossary_dir, final_id)
    _without_summary(summary, block, path, changes, _paragraph_advice(source_name, text))
    if not path.is_file():
        yaml_text = imported_entry_text(lang, block, tags)
        if not summary:
            yaml_text = yaml_text.replace(f"\n{lang}:\n", f"\ndraft: true\n{lang}:\n", 1)
        return ImportResult(final_id, lang, block, tuple(tags), changes.by_line(), yaml_text, False, False)
    data = existing_bytes(path)
    yaml_text = replaced_text(data.decode("utf-8-sig"), lang, block, languages, changes)
    if tags:
        changes.add(key_lines.get("keywords", 1), f"the entry exists: its tags stay as they are "
                    f"(the keywords matched {', '.join(tags)})")
    return ImportResult(final_id, lang, block, tuple(tags), changes.by_line(), yaml_text, True,
                        data.startswith(b"\xef\xbb\xbf"))


def _description(front: Mapping, key_lines: Mapping[str, int], linker: Links, changes: Changes) -> str:
    """The front matter's ``description`` (a summary candidate), its tags gone, its links resolved."""
    description = fields.front_text(front, "description", key_lines, changes)
    if description:
        description = linker.in_text(debris.HTML_TAG.sub("", description), key_lines.get("description", 1))
    return description


def _check_arguments(lang: str, languages: Sequence[str], entry_id: str | None) -> None:
    if lang not in languages:
        raise ImportProblem(f"language '{lang}' is not configured (the site has {', '.join(languages)})")
    if entry_id is not None and not ID_RULE.fullmatch(entry_id):
        raise ImportProblem(f"'{entry_id}' is not a valid id (lowercase letters, digits, single hyphens);"
                            f" e.g. '{slugify(entry_id)}'")


def _read(text: str, source_name: str, patterns: Patterns,
          changes: Changes) -> tuple[dict[str, Any], dict[str, int], list[Block], str]:
    """The front matter (of a web page: its title and address), the line of each of its keys,
    the body's cleaned blocks, and where a web page's title came from."""
    text = plain_line_ends(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), changes)
    if html.is_html(source_name, text):
        lines, front, key_lines, origin = html.html_lines(text, changes)
    else:
        origin = ""
        raw_lines = text.split("\n")
        front, key_lines, start = front_matter(raw_lines, changes)
        body_text = debris.clean_html_blocks("\n".join(raw_lines[start:]), start + 1, changes)
        lines = [Line(start + 1 + offset, value) for offset, value in enumerate(body_text.split("\n"))]
    for line in lines:
        debris.clean_line(line, patterns, changes)
    if html.is_html(source_name, text) or is_markdown(source_name, text, bool(front)):
        blocks = reading.markdown_blocks(lines, changes)
    else:
        blocks = reading.text_blocks(lines, patterns, changes)
    reading.normalise_list_markers(blocks, changes)
    return front, key_lines, blocks, origin


def _title_and_id(title: str | None, entry_id: str | None, changes: Changes,
                  reserved: Mapping[str, str]) -> tuple[str, str]:
    if title is None:
        if entry_id is None:
            raise ImportProblem("no title found (no front matter 'title', no '# H1', no heading at the "
                                "top): pass --id")
        title = entry_id.replace("-", " ").capitalize()
        changes.add(1, f"no title in the article: guessed '{title}' from the id, check it")
    final_id, why = unreserved_id(entry_id or slugify(title), reserved)
    if why and entry_id:
        raise ImportProblem(f"the id '{entry_id}' is reserved: its page would replace "
                            f"{reserved[entry_id]}; pass another --id")
    if not final_id:
        raise ImportProblem(f"the title '{title}' makes no id: pass --id")
    if why:
        changes.add(1, f"{why}; pass --id to choose another")
    return title, final_id


def _without_summary(summary: str, block: dict[str, Any], path: Path, changes: Changes, advice: str) -> None:
    """No paragraph but the title: a new entry becomes a draft, with a note (a page with only
    its title too: the entry is begun); an existing entry stays as it is."""
    if summary:
        return
    if path.is_file():
        raise ImportProblem(f"no paragraph besides the title to take a summary from: {advice} (the entry "
                            "exists: it stays as it is)")
    del block["summary"]
    changes.add(1, "no paragraph besides the title to take a summary from: wrote the entry as a draft "
                "('draft: true', not published); write its summary and remove 'draft' before you publish, "
                f"or {advice} and import again")


def _paragraph_advice(source_name: str, text: str) -> str:
    """What gives an article of this kind a summary."""
    if html.is_html(source_name, text):
        return "save the page with its article text (the extractor found none)"
    if Path(source_name).suffix.lower() == ".txt":
        return "add a paragraph after the title"
    return "add a paragraph after the title, or 'description' front matter"


def _block(title: str, summary: str, blocks: list[Block], highlights: list[str],
           sources: list[dict[str, str]], changes: Changes) -> dict[str, Any]:
    """The language block as it goes into the file."""
    block: dict[str, Any] = {"title": title, "summary": summary}
    body = "\n\n".join(reading.block_markdown(b) for b in blocks).strip("\n")
    if body:
        block["body"] = body + "\n"
    if highlights:
        block["highlights"] = highlights
    if sources:
        block["sources"] = sources
    _remaining_markup(block, changes)
    return block


def _remaining_markup(block: Mapping[str, Any], changes: Changes) -> None:
    """Markup the check would refuse and no rule above removed: say so, do not hide it."""
    for key in ("title", "summary", "body"):
        for _written, message in links.markup_problems(str(block.get(key, ""))):
            changes.add(1, f"left in '{key}', fix it by hand: {message}")


def write_import(result: ImportResult, glossary_dir: Path, root: Path | None = None) -> Path:
    """Write the entry file (a new one, or the old one with its language block replaced),
    inside ``root`` (default: the glossary folder) and through no link."""
    path = glossary_dir / f"{result.entry_id}.yml"
    data = result.yaml_text.encode("utf-8")
    return write_bytes(path, b"\xef\xbb\xbf" + data if result.bom else data, root or glossary_dir,
                       exclusive=not result.existing)


def read_article(source: Path) -> bytes:
    """The article's bytes; a file over the import limit is refused before it is read (the
    command takes regular files only, whose size is what they hold)."""
    if source.stat().st_size > MAX_SOURCE_BYTES:
        raise ImportProblem(f"the file is over {MAX_SOURCE_BYTES // (1024 * 1024)} MB: save only the "
                            "article, or split it")
    return source.read_bytes()


def decode_article(data: bytes, source_name: str) -> str:
    """UTF-8; a web page saved in the encoding its ``<meta charset>`` names is read in that one."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        page = html.is_html(source_name, data[:4096].decode("latin-1"))
        encoding = html.declared_encoding(data) if page else None
        if encoding is None:
            raise
        return html.decode_page(data, encoding)


def run_import(settings: Settings, source: Path, lang: str, *, entry_id: str | None = None,
               dry_run: bool = False, out: IO[str]) -> int:
    """``lexicon import``: import, print the changes (and the YAML with ``--dry-run``), write.

    Returns the exit code: 0 done, 1 the article could not be imported.
    """
    try:
        text = decode_article(read_article(source), source.name)
        result = import_article(text, source.name, lang, glossary_dir=settings.glossary_dir,
                                languages=settings.codes, entry_id=entry_id,
                                reserved=reserved_ids(settings, settings.terms_path))
        within_limit(result.yaml_text)
    except UnicodeDecodeError as err:
        line = err.object[:err.start].count(b"\n") + 1
        column = err.start - err.object.rfind(b"\n", 0, err.start)
        byte = err.object[err.start]
        out.write(f"{source}:{line}:{column}: error: the article is not UTF-8 (byte 0x{byte:02x}): "
                  "save it as UTF-8 and import again\n")
        return 1
    except OSError as err:
        from lexikon.core.failures import describe

        out.write(describe(err, settings.project_dir) + "\n")
        return 1
    except ImportProblem as err:
        # a problem of the whole article (no text, no title) is shown at its start
        line, column = (err.line, err.column) if isinstance(err, LocatedProblem) else (1, 1)
        where = f"{source}:{line}:{column}"
        out.write(f"{where}: error: {err}\n")
        return 1
    out.write(result.report(str(source)))
    target = settings.glossary_dir / f"{result.entry_id}.yml"
    if dry_run:
        would = f"would replace the '{lang}' block of" if result.existing else "would create"
        out.write(f"--- {target} (dry run: {would} this file; nothing written)\n")
        out.write(result.yaml_text)
        return 0
    write_import(result, settings.glossary_dir, settings.project_dir)
    done = f"replaced the '{lang}' block of" if result.existing else "created"
    out.write(f"{done} {target}: run 'lexicon check' and read the entry before you commit it\n")
    return 0
