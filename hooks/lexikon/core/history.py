"""When each entry was added and last changed, from git; and the feed of those changes.

Dates come from commits, never from file times, so every clone of one commit builds the
same pages and feed. Outside a git work tree there is no history, and no error. The same
log names each version's content, which :mod:`.language_history` reads per language.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from lexikon.core.escape import xml_chars
from lexikon.core.language_history import (
    NO_BLOB,
    UNREAD,
    Edit,
    Version,
    content_changes,
    current_life,
    is_shallow,
    language_history,
)


@dataclass(frozen=True)
class EntryDates:
    """An entry's place in the history."""

    entry_id: str
    added: datetime
    changed: datetime
    edits: tuple[Edit, ...] = field(default=(), compare=False)
    """The commits that changed its languages' content, newest first, back to one that wrote
    them all (:mod:`.language_history`); empty when not asked for, and in a shallow clone,
    whose history cannot tell."""

    @property
    def is_new(self) -> bool:
        return self.added == self.changed


ENTRY_SUFFIXES = (".yml", ".yaml")


_KNOWN: dict[tuple[str, tuple[str, ...]], tuple[str, dict[str, EntryDates]]] = {}
"""The last history read per folder and languages, with the commit it was read at."""


History = dict[str, EntryDates]


class KeptHistory:
    """Where a build may hand in a store of histories read by earlier builds (issue 17:
    ``lexikon.engine.mkdocs.history_memo``): called with what the history is of (the commit
    checked out, the clone's depth, the folder in the repository, the languages) and the
    function that reads it from git. Reading every version of every entry is ~0.5 s a build
    at 1,000 entries, and a build with no new commit reads the same history again."""

    memo: Callable[[str, Callable[[], History]], History] | None = None


def _kept(what: str, state: str | None, read: Callable[[], History]) -> History:
    """``read()``, through the build's store where it handed one in and git can say what the
    history is of (outside git, or before the first commit: read, never kept)."""
    memo = KeptHistory.memo
    if state is None or memo is None:
        return read()
    return memo(f"{what}\0{state}", read)


def entry_history(glossary_dir: Path, languages: Iterable[str] = ()) -> dict[str, EntryDates]:
    """Added and last-changed time of each entry file, from one ``git log`` of the branch's
    own line (a merge counts when it brought a change in); with ``languages``, also the
    commits that changed those language blocks' content (for stale translations).

    Read again only when the checked-out commit (or the clone's depth) changed: the history is
    the commits', and reading every version of every entry took most of ``mkdocs serve``'s
    answer to an edit (3 of 3.9 s at 3,000 entries) although an edit makes no commit."""
    codes = tuple(languages)
    key, state = (str(glossary_dir.resolve()), codes), _checked_out(glossary_dir)
    known = _KNOWN.get(key)
    if state is not None and known is not None and known[0] == state:
        return dict(known[1])
    unread = UNREAD[0]
    found = _kept(f"entries {codes}", state, lambda: _entry_history(glossary_dir, codes))
    if state is not None and UNREAD[0] == unread:  # not a blobless clone's part of the history
        _KNOWN[key] = (state, found)
    return dict(found)


def _checked_out(folder: Path) -> str | None:
    """What the history of ``folder`` is a function of: the commit checked out, whether the
    clone is shallow and where its history is cut (a deepened clone has the same commit and
    more history), where the folder lies in the repository, and a grafts file (the same commit
    reads another history; ``git replace`` is not followed: :data:`_PLAIN_LOG`); None outside
    git or before the first commit. Uncommitted files are no part of it: the history is the
    commits'."""
    try:
        answer = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository", "--show-prefix", "--git-path", "shallow",
             "--git-path", "info/grafts", "HEAD"],
            cwd=folder, capture_output=True, encoding="utf-8", check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = answer.split("\n")
    if len(lines) < 5:
        return None
    cuts = []
    for name in lines[2:4]:
        try:
            cuts.append((folder / name).read_text(encoding="utf-8", errors="replace"))
        except FileNotFoundError:
            cuts.append("")
        except OSError:
            return None
    return "\0".join([answer, *cuts])


def _entry_history(glossary_dir: Path, codes: tuple[str, ...]) -> dict[str, EntryDates]:
    versions = _versions(glossary_dir)
    if not versions:
        return {}
    edits: dict[str, tuple[Edit, ...]] = {}
    if codes and is_shallow(glossary_dir) is False:
        edits = language_history(glossary_dir, versions, codes)
    return {i: EntryDates(i, v[-1].when, v[0].when, edits.get(i, ())) for i, v in versions.items()}


def article_history(docs_dir: Path, languages: Iterable[str]) -> dict[str, EntryDates]:
    """Added and last-changed time of each Markdown file of the docs folder, by its path there
    (``articles/x.da.md``), from one ``git log`` as for entries. Its ``edits`` are the commits
    that changed the content of any language's file of the same article (a blank line or
    re-wrapping is no change: :func:`.language_history.content_changes`), newest first, each
    naming the languages whose files it changed (what :func:`lexikon.core.staleness.stale_article` reads)."""
    codes = tuple(languages)
    return _kept(f"articles {codes}", _checked_out(docs_dir), lambda: _article_history(docs_dir, codes))


def _article_history(docs_dir: Path, codes: tuple[str, ...]) -> History:
    from lexikon.core.articles import article_name

    order: list[str] = []
    lives = content_changes(docs_dir, _versions(docs_dir, _markdown_path, relative=True, order=order))
    rank = {sha: number for number, sha in enumerate(order)}  # 0: the newest commit
    changed: dict[str, dict[str, set[str]]] = {}  # article key → commit → languages
    names = {path: article_name(path, codes) if codes else None for path in lives}
    for path, life in lives.items():
        if names[path]:
            key, lang = names[path]
            for version in life:
                changed.setdefault(key, {}).setdefault(version.sha, set()).add(lang)
    when = {version.sha: version.when for life in lives.values() for version in life}
    found = {}
    for path, life in lives.items():
        commits = changed.get(names[path][0], {}) if names[path] else {}
        edits = tuple(Edit(sha, when[sha], frozenset(langs))
                      for sha, langs in sorted(commits.items(), key=lambda item: rank.get(item[0], 0)))
        found[path] = EntryDates(path, life[-1].when, life[0].when, edits)
    return found


def _markdown_path(name: str) -> str | None:
    return name if name.endswith(".md") else None


_PLAIN_LOG = ("--no-replace-objects", "-c", "log.showRoot=true", "-c", "log.diffMerges=separate",
              "-c", "core.quotePath=false")
"""``git log`` of the commits themselves: not as ``git replace`` shows them (its refs are not
cloned: every clone of one commit builds the same pages; a replacement, or
``core.useReplaceRefs`` turned off, left a kept history other than a cold build's), and as git
ships it, whatever the repository's or the user's settings: with
``log.showRoot=false`` the first commit shows no files (every entry added by no commit), with
``log.diffMerges=combined`` a merge shows none of the changes it brought in; the history is
the commits', and is kept by the commits alone (:func:`_checked_out`). Names as they are
(``core.quotePath`` quoted ``"articles/gr\\303\\266\\303\\237e.md"``: no history for an
article named in other letters than ASCII's)."""


def _versions(glossary_dir: Path, name_of: Callable[[str], str | None] | None = None,
              relative: bool = False, order: list[str] | None = None) -> dict[str, list[Version]]:
    """Each entry file's versions in its current life, newest first, as the commits left them
    (``name_of`` and ``relative``: other files, by their path inside the folder; ``order``
    gets every commit of the log, newest first)."""
    try:
        output = subprocess.run(
            ["git", *_PLAIN_LOG, "log", "--first-parent", "-m", "--find-renames=100%", "--raw", "--no-abbrev",
             *(["--relative"] if relative else []), "--format=@%H %ct", "--", "."],
            cwd=glossary_dir, capture_output=True, encoding="utf-8", errors="replace", check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    if order is not None:
        order.extend(line[1:].partition(" ")[0] for line in output.splitlines() if line.startswith("@"))
    return _lives(output, name_of or _entry_id)


def _lives(log: str, name_of: Callable[[str], str | None]) -> dict[str, list[Version]]:
    """The versions in ``git log --raw``, newest first, by the id each file has now.

    A deleted file is no entry, and one created again after a deletion was added when it came
    back. A file renamed without a change (``git mv``: only exact renames are followed, a guess
    at "similar" content could hand one entry's history to another) keeps its history under its
    new id; what an id was before another file was renamed to it is an earlier life, left out."""
    versions: dict[str, list[Version]] = {}
    moved: dict[str, str] = {}  # an earlier name → the id its file has now
    ended: set[str] = set()  # names whose older lines belong to an earlier life
    sha, when = "", datetime.fromtimestamp(0, timezone.utc)
    for line in log.splitlines():
        if line.startswith("@"):
            sha, _, seconds = line[1:].partition(" ")
            when = _commit_time(seconds, when)
            continue
        status, _, names = line.partition("\t")
        fields = status.split()
        if len(fields) < 5:
            continue
        old, _, new = names.partition("\t")
        ids = [name_of(name) for name in (old, new or old)]
        if new and ids[1] is None:  # renamed to no entry: a deletion
            ids, fields[3] = [ids[0], ids[0]], NO_BLOB
        if ids[1] is None or ids[1] in ended:
            continue
        entry_id = moved.get(ids[1], ids[1])
        versions.setdefault(entry_id, []).append(Version(sha, when, fields[3]))
        if new and ids[0] is not None and ids[0] != ids[1]:
            moved[ids[0]] = entry_id
            ended.add(ids[1])
    return {entry_id: life for entry_id, every in versions.items() if (life := current_life(every))}


def _entry_id(name: str) -> str | None:
    """The entry id of a path in the log; None for a file that is no entry."""
    path = PurePosixPath(name)
    return path.stem if path.suffix in ENTRY_SUFFIXES and not path.name.startswith("_") else None


LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
"""The latest time Python (and Atom's RFC 3339) can write."""


def _commit_time(seconds: str, previous: datetime) -> datetime:
    """A commit's time; one beyond the year 9999 (git stores any number) is read as the latest
    time there is, one before 1970 or no number as the commit before it had: a history is
    never a reason for a build to fail."""
    try:
        number = int(seconds)
    except ValueError:
        return previous
    try:
        return datetime.fromtimestamp(number, timezone.utc)
    except (ValueError, OverflowError, OSError):
        return LATEST if number > 0 else previous


def atom_feed(*, title: str, feed_url: str, site_url: str, lang: str,
              items: list[tuple[EntryDates, str, str, str, str]], feed_id: str | None = None,
              author: str | None = None) -> str:
    """An Atom feed; ``items`` are ``(change, title, summary, url, id)``, newest first;
    ``author`` is who writes them (the site's name; the feed's title when not given)."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ns}}}title").text = title
    ET.SubElement(feed, f"{{{ns}}}id").text = feed_id or feed_url
    ET.SubElement(feed, f"{{{ns}}}link", {"rel": "self", "href": feed_url})
    ET.SubElement(feed, f"{{{ns}}}link", {"rel": "alternate", "href": site_url})
    newest = max((change.changed for change, *_ in items), default=datetime.fromtimestamp(0, timezone.utc))
    ET.SubElement(feed, f"{{{ns}}}updated").text = newest.isoformat()
    for change, entry_title, summary, url, entry_id in items:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(entry, f"{{{ns}}}title").text = xml_chars(entry_title)
        ET.SubElement(entry, f"{{{ns}}}id").text = entry_id
        ET.SubElement(entry, f"{{{ns}}}link", {"href": url})
        ET.SubElement(entry, f"{{{ns}}}published").text = change.added.isoformat()
        ET.SubElement(entry, f"{{{ns}}}updated").text = change.changed.isoformat()
        ET.SubElement(entry, f"{{{ns}}}summary").text = xml_chars(summary)
        ET.SubElement(ET.SubElement(entry, f"{{{ns}}}author"), f"{{{ns}}}name").text = author or title
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
