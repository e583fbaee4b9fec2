"""Stage 2: turn node trees into entries, finding every problem on the way.

Every problem of a run is collected; nothing is raised. An entry with errors is still
returned as far as it could be read, so one broken file does not hide the rest.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import yaml

from lexikon.check import titles
from lexikon.check.load import LoadedFile, LoadedGlossary
from lexikon.core import links
from lexikon.core.layout import reserved_ids
from lexikon.core.model import (
    FINDING_ORDER,
    Entry,
    FileReport,
    Finding,
    Glossary,
    Reference,
    Result,
    Severity,
    Source,
    Span,
    Tag,
    Text,
    TitleUse,
)
from lexikon.core.schema import ENTRY_FIELDS, LINKABLE_FIELDS, SOURCE_FIELDS, TEXT_FIELDS, FieldSpec, Kind
from lexikon.core.settings import LANGUAGE_CODE, Settings

ID_RULE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""Matched whole (``\\Z``, not ``$``, which lets a final line end pass)."""
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_TYPE_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "nothing",
}


def check(loaded: LoadedGlossary, settings: Settings) -> Result:
    """Read and check every loaded file against the schema and against each other."""
    clean = {file.path for file in loaded.files} - {finding.path for finding in loaded.findings}
    reports = [check_file(file, settings, loaded_cleanly=file.path in clean) for file in loaded.files]
    return combine(reports, loaded.tags, settings, loaded.findings)


def check_file(file: LoadedFile, settings: Settings, *, loaded_cleanly: bool = True) -> FileReport:
    """What can be judged of one entry file alone: its schema, and the names it uses."""
    findings: list[Finding] = []
    if file.root is None:
        if loaded_cleanly:
            findings.append(Finding(file.path, 1, 1, Severity.ERROR,
                                    "the file is empty: start from 'lexicon new ID', or delete it"))
        return FileReport(file.path, file.id, None, tuple(findings))
    entry = _EntryReader(file, settings, findings).read()
    if entry is None:
        return FileReport(file.path, file.id, None, tuple(findings))
    references = _references(entry, findings)
    return FileReport(file.path, file.id, entry, tuple(findings), True, references, _titles(entry))


def combine(reports: Iterable[FileReport], tags_file: LoadedFile | None, settings: Settings,
            load_findings: Iterable[Finding] = ()) -> Result:
    """The glossary from its files' reports, with what only the whole glossary can tell:
    names that resolve, ids used twice, titles shared."""
    reports = list(reports)
    findings: list[Finding] = [*settings.findings, *load_findings]
    tags = _read_tags(tags_file, settings, findings)
    known_ids = {report.id for report in reports}
    by_folded_id: defaultdict[str, list[FileReport]] = defaultdict(list)
    for report in reports:
        by_folded_id[report.id.casefold()].append(report)
    accepted: dict[str, FileReport] = {}
    reserved = reserved_ids(settings, settings.terms_path)
    for report in reports:
        findings.extend(report.findings)
        _check_file_name(report, by_folded_id[report.id.casefold()], findings)
        if report.id in reserved:
            findings.append(Finding(report.path, 1, 1, Severity.ERROR, _reserved_message(
                f"the id '{report.id}'", settings.terms_path, report.id, reserved, "rename the file")))
        if report.has_entry and report.id not in accepted:
            accepted[report.id] = report
    for report in accepted.values():
        _check_references(report, known_ids, tags, findings)
    titles.check_titles(accepted.values(), findings)
    entries = {entry_id: report.entry for entry_id, report in sorted(accepted.items()) if report.entry}
    ordered = bounded(sorted(set(findings), key=FINDING_ORDER))
    return Result(Glossary(entries, tags, settings.codes), ordered, len(accepted))


MAX_FINDINGS_PER_FILE = 200
"""Findings shown for one file. A file of thousands of broken links gets these and one line
counting the rest: a terminal or a pull request cannot show more usefully."""
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def bounded(findings: list[Finding]) -> tuple[Finding, ...]:
    """``findings`` (sorted) with at most :data:`MAX_FINDINGS_PER_FILE` per file; the rest of a
    file's are counted in one finding as severe as the worst of them, so the exit code holds."""
    counts = Counter(finding.path for finding in findings)
    if max(counts.values(), default=0) <= MAX_FINDINGS_PER_FILE:
        return tuple(findings)
    kept: list[Finding] = []
    shown: Counter[str] = Counter()
    rest: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        shown[finding.path] += 1
        if shown[finding.path] <= MAX_FINDINGS_PER_FILE:
            kept.append(finding)
        else:
            rest[finding.path].append(finding)
    for path, hidden in rest.items():
        worst = min((finding.severity for finding in hidden), key=_SEVERITY_RANK.__getitem__)
        last = kept[-1] if kept[-1].path == path else hidden[0]
        kept.append(Finding(path, last.line, last.col, worst,
                            f"{len(hidden):,} more findings in this file are not shown: fix the ones "
                            "above and check again"))
    return tuple(sorted(kept, key=FINDING_ORDER))


_SOURCE_SPECS = {spec.name: spec for spec in SOURCE_FIELDS}
_COMMENT = re.compile(r"[ \t]+(#.*)")
_WEB_URL = re.compile(r"(?i)^https?://[^\s/]+")


def _reserved_message(what: str, folder: str, name: str, reserved: Mapping[str, str], advice: str) -> str:
    return (f"{what} is reserved: its page {folder}/{name}.md would replace {reserved[name]}, "
            f"which the site generates; {advice}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close to ``word``, else nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _span(file: LoadedFile, node: yaml.Node) -> Span:
    """Where ``node`` stands in ``file``, with its raw text to find words inside it."""
    raw = file.source[node.start_mark.index : node.end_mark.index]
    return Span(file.path, node.start_mark.line + 1, node.start_mark.column + 1, raw)


def _at(path: str, node: yaml.Node, severity: Severity, message: str) -> Finding:
    return Finding(path, node.start_mark.line + 1, node.start_mark.column + 1, severity, message)


def _check_file_name(file: FileReport, files: list[FileReport], findings: list[Finding]) -> None:
    """The id rule, the suffix, and ``files`` (those whose id folds to the same) as twins."""
    if not file.path.endswith(".yml"):
        twin = any(other.id == file.id and other is not file for other in files)
        advice = f"merge it into '{file.id}.yml' and delete it" if twin else f"rename it to '{file.id}.yml'"
        findings.append(Finding(file.path, 1, 1, Severity.ERROR, f"entry files end in '.yml': {advice}"))
    if not ID_RULE.fullmatch(file.id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", _ascii(file.id).lower()).strip("-") or "term"
        findings.append(Finding(
            file.path, 1, 1, Severity.ERROR,
            f"'{file.id}' is not a valid id{_foreign_letters(file.id)}: use lowercase ASCII letters, "
            f"digits and single hyphens, e.g. rename the file to '{suggestion}.yml'",
        ))
    twins = [other.path for other in files
             if other is not file and other.id.casefold() == file.id.casefold()]
    if twins:
        findings.append(Finding(
            file.path, 1, 1, Severity.ERROR,
            f"the id '{file.id.casefold()}' is also used by {', '.join(twins)}: one file per id, keep one",
        ))


SOFT_HYPHEN = "\u00ad"
LOOK_ALIKES = str.maketrans("аеорсухіјѕԁɡοναιτкмнвт", "aeopcyxijsdgovaitkmhbt")
"""Cyrillic and Greek letters that look Latin, to suggest the id that was meant."""


def invisible_characters(text: str) -> list[str]:
    """Format characters (zero-width spaces, bidi controls…): they hide in a text, or make
    it read otherwise than it is. The soft hyphen is a legitimate hint for hyphenation.
    Control characters too (and line separators other than the line end): the loader
    refuses them in the file, but YAML's escapes (``"\\x1b"``, ``"\\0"``, ``"\\u202e"``)
    put them in a value, which is what is checked here."""
    if text.replace("\n", "").replace("\t", "").isprintable():
        return []  # no format or control character is printable: most texts end here, at C speed
    return [char for char in dict.fromkeys(text)
            if (unicodedata.category(char) == "Cf" and char != SOFT_HYPHEN)
            or (unicodedata.category(char) in ("Cc", "Zl", "Zp") and char not in "\n\t")]


def _invisible_message(char: str, what: str) -> str:
    if unicodedata.category(char) in ("Cc", "Zl", "Zp"):  # a raw one stops the loader: an escape
        return (f"{what} holds the control character U+{ord(char):04X} (written as an escape like "
                "'\\x1b' or '\\0'): delete it; it breaks feeds and terminals")
    name = unicodedata.name(char, "a format character")
    if unicodedata.bidirectional(char) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
                                           "LRM", "RLM", "ALM") or char in "\u200e\u200f\u061c":
        return (f"{what} holds the bidirectional control character U+{ord(char):04X} {name}: delete it; "
                "it changes the order in which readers see the text")
    return (f"{what} holds the invisible character U+{ord(char):04X} {name}: delete it; it makes "
            "two different texts look the same")


def _foreign_letters(text: str) -> str:
    """Name the characters of an id that are not ASCII (look-alikes fool the eye)."""
    foreign = [c for c in dict.fromkeys(text) if not c.isascii()]
    if not foreign:
        return ""
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in foreign)
    return f" (it contains {names})"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(LOOK_ALIKES)).encode("ascii", "ignore").decode()


class _EntryReader:
    """Reads one entry file's node tree into an :class:`Entry`, noting each problem."""

    def __init__(self, file: LoadedFile, settings: Settings, findings: list[Finding]) -> None:
        self.file = file
        self.settings = settings
        self.findings = findings

    def problem(self, node: yaml.Node, message: str, severity: Severity = Severity.ERROR) -> None:
        self.findings.append(_at(self.file.path, node, severity, message))

    def span(self, node: yaml.Node) -> Span:
        return _span(self.file, node)

    def read(self) -> Entry | None:
        root = self.file.root
        assert root is not None
        if not isinstance(root, yaml.MappingNode):
            if root.tag == _NULL:
                self.problem(root, "the file is empty: start from 'lexicon new ID', or delete it")
            else:
                self.problem(root, "the top level must be a mapping (keys like 'tags', "
                             f"'related', {', '.join(repr(c) for c in self.settings.codes)})")
            return None
        fields: dict[str, object] = {}
        spans: dict[str, Span] = {}
        texts: dict[str, Text] = {}
        allowed = [spec.name for spec in ENTRY_FIELDS] + list(self.settings.codes)
        specs = {spec.name: spec for spec in ENTRY_FIELDS}
        for key, value in self.mapping_items(root):
            if key.value in specs:
                fields[key.value] = self.value(specs[key.value], key, value, spans, key.value)
            elif key.value in self.settings.codes:
                text = self.text(key, value)
                if text is not None:
                    texts[key.value] = text
            else:
                hint = did_you_mean(key.value, allowed)
                if not hint and LANGUAGE_CODE.match(key.value) and len(key.value) <= 3:
                    self.problem(key, f"language '{key.value}' is not configured (the site has "
                                 f"{', '.join(self.settings.codes)}): remove the block, or add the "
                                 "language to the i18n plugin in mkdocs.yml")
                else:
                    self.problem(key, f"unknown key '{key.value}'{hint}: allowed here are "
                                 f"{', '.join(allowed)}")
        if not texts and not any(key.value in self.settings.codes for key, _ in root.value
                                 if isinstance(key, yaml.ScalarNode)):
            self.problem(root, "no language block: add one per language, e.g. "
                         f"'{self.settings.default_language}:' with title and summary")
        for language in self.settings.languages:
            if texts and language.code not in texts and not self.has_key(root, language.code):
                self.findings.append(Finding(
                    self.file.path, 1, 1, Severity.WARNING,
                    f"no '{language.code}' block: the {language.name} translation is missing "
                    f"(its page says so until you add '{language.code}:' with title and summary)",
                ))
        return Entry(
            id=self.file.id,
            path=self.file.path,
            tags=tuple(fields.get("tags") or ()),  # type: ignore[arg-type]
            related=tuple(fields.get("related") or ()),  # type: ignore[arg-type]
            texts={code: texts[code] for code in self.settings.codes if code in texts},
            spans=spans,
        )

    @staticmethod
    def has_key(node: yaml.MappingNode, name: str) -> bool:
        return any(isinstance(key, yaml.ScalarNode) and key.value == name for key, _ in node.value)

    def mapping_items(self, node: yaml.MappingNode) -> Iterable[tuple[yaml.ScalarNode, yaml.Node]]:
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag not in (_STR,):
                self.problem(key, "keys are plain words like 'title': this key is "
                             f"{_TYPE_NAMES.get(key.tag, 'not a word')}")
                continue
            if key.value in seen:  # reported by the loader
                continue
            seen.add(key.value)
            yield key, value

    def text(self, key: yaml.ScalarNode, node: yaml.Node) -> Text | None:
        code = key.value
        if not isinstance(node, yaml.MappingNode):
            if node.tag == _NULL:
                self.problem(key, f"the '{code}' block is empty: give it at least 'title' and "
                             "'summary', or remove it")
            else:
                self.problem(node, f"the '{code}' block must be a mapping of keys (title, summary, …)")
            return None
        values: dict[str, object] = {}
        spans: dict[str, Span] = {}
        specs = {spec.name: spec for spec in TEXT_FIELDS}
        misspelt: set[str] = set()
        for field_key, value in self.mapping_items(node):
            spec = specs.get(field_key.value)
            if spec is None:
                hint = did_you_mean(field_key.value, specs)
                misspelt.update(difflib.get_close_matches(field_key.value, list(specs), n=1, cutoff=0.6))
                self.problem(field_key, f"unknown key '{field_key.value}'{hint} in the '{code}' block: "
                             f"allowed are {', '.join(specs)}")
                continue
            values[spec.name] = self.value(spec, field_key, value, spans, spec.name)
        for spec in TEXT_FIELDS:
            if spec.required and spec.name not in values and spec.name not in misspelt:
                self.problem(key, f"the '{code}' block has no '{spec.name}': "
                             f"add it ({_lower_first(spec.doc)})")
        if not values.get("title") or not values.get("summary"):
            return None
        return Text(
            lang=code,
            title=str(values["title"]).strip(),
            summary=str(values["summary"]).strip(),
            aliases=tuple(values.get("aliases") or ()),  # type: ignore[arg-type]
            body=str(values.get("body") or ""),
            highlights=tuple(values.get("highlights") or ()),  # type: ignore[arg-type]
            sources=tuple(values.get("sources") or ()),  # type: ignore[arg-type]
            forms=tuple(values.get("forms") or ()),  # type: ignore[arg-type]
            spans=spans,
        )

    def value(self, spec: FieldSpec, key: yaml.ScalarNode, node: yaml.Node,
              spans: dict[str, Span], name: str) -> object:
        """The checked value of one field, or None; records where it stands."""
        spans[name] = self.span(node)
        if node.tag == _NULL:
            if spec.required:
                self.problem(key, f"'{spec.name}' is empty: fill it in ({_lower_first(spec.doc)})")
            return None
        if spec.kind in (Kind.LINE, Kind.INLINE, Kind.MARKDOWN):
            return self.scalar(spec, node, f"'{spec.name}'")
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"'{spec.name}' must be a list, e.g. [a, b] or one '- item' per line")
            return None
        items: list[object] = []
        item_spec = FieldSpec(spec.name, Kind.INLINE if spec.kind is Kind.INLINES else Kind.LINE, True,
                              spec.doc)
        what = f"an item of '{spec.name}'"
        for index, item in enumerate(node.value):
            spans[f"{name}[{index}]"] = self.span(item)
            if spec.kind is Kind.SOURCES:
                source = self.source(item)
                if source is not None:
                    items.append(source)
                continue
            value = self.scalar(item_spec, item, what, text=spec.kind is not Kind.IDS)
            if value is None:
                continue
            if spec.kind is Kind.IDS and not ID_RULE.fullmatch(value):
                if not invisible_characters(value):  # those are reported already
                    self.problem(item, f"'{value}' in '{spec.name}' is not an id (lowercase letters, "
                                 f"digits, single hyphens){_foreign_letters(value)}")
                continue
            items.append(value)
        return tuple(items)

    def scalar(self, spec: FieldSpec, node: yaml.Node, what: str, *, text: bool = True) -> str | None:
        """The value of a scalar field; ``text`` is False for ids (a comment after one is fine)."""
        if not isinstance(node, yaml.ScalarNode):
            shape = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            self.problem(node, f"{what} must be text, not a {shape}")
            return None
        if node.tag != _STR:
            self.problem(node, f"{what} must be text, but YAML reads '{node.value}' as "
                         f"{_TYPE_NAMES.get(node.tag, 'something else')}: put it in quotes")
            return None
        value = node.value
        stripped = value.strip()
        if not stripped:
            if spec.required:
                self.problem(node, f"{what} is empty: fill it in ({_lower_first(spec.doc)})")
            return None
        if spec.kind is Kind.LINE and "\n" in stripped:
            self.problem(node, f"{what} must be one line")
        if spec.kind is Kind.INLINE and "\n\n" in stripped:
            self.problem(node, f"{what} must be one paragraph: move the rest into 'body'")
        problems = [(char, _invisible_message(char, what)) for char in invisible_characters(value)]
        if spec.kind in (Kind.LINE, Kind.INLINE, Kind.MARKDOWN):
            problems += list(links.markup_problems(value))
        if spec.kind in (Kind.INLINE, Kind.MARKDOWN):
            problems += [(written, f"Markdown reads '{written}' as a link definition and leaves it out "
                          "of the page: write it otherwise (drop the brackets, or put it in `backticks`)")
                         for written in links.swallowed_definitions(value)]
        if not node.style and text:  # plain ('' from libyaml, None from PyYAML)
            self.comment_after(node, what)
        if problems:  # the span is needed only to place a finding
            span = self.span(node)
            self.findings += [span.finding(Severity.ERROR, message, written) for written, message in problems]
        return value

    def comment_after(self, node: yaml.ScalarNode, what: str) -> None:
        """A plain value followed by `` #…`` on its line: YAML drops that part as a comment,
        and an editor who wrote ``Die Nr. 1 #Marktführer`` loses a word without a sign."""
        source = self.file.source
        end = node.end_mark.index
        line_end = source.find("\n", end)
        comment = _COMMENT.match(source, end, len(source) if line_end < 0 else line_end)
        if comment:
            self.findings.append(Finding(
                self.file.path, node.end_mark.line + 1, node.end_mark.column + comment.start(1) - end + 1,
                Severity.WARNING, f"YAML reads '{comment.group(1)[:40]}' after {what} as a comment and "
                "drops it: quote the value (\"…\") to keep it, or delete the comment"))

    def source(self, node: yaml.Node) -> Source | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "each source is a mapping with 'title' and 'url'")
            return None
        specs = _SOURCE_SPECS
        values: dict[str, str] = {}
        for key, value in self.mapping_items(node):
            spec = specs.get(key.value)
            if spec is None:
                self.problem(key, f"unknown key '{key.value}'{did_you_mean(key.value, specs)} in a "
                             "source: allowed are title, url")
                continue
            text = self.scalar(spec, value, f"the source's '{spec.name}'")
            if text is not None:
                values[spec.name] = text.strip()
                if spec.name == "url":
                    problem = links.url_problem(text.strip())
                    if problem or not _WEB_URL.match(text.strip()):
                        self.problem(value, f"the source url '{text.strip()}' must start with "
                                     "http:// or https:// and name a host")
        for name in specs:
            if name not in values and not self.has_key(node, name):
                self.problem(node, f"the source has no '{name}': add it")
        if len(values) < len(specs):
            return None
        return Source(values["title"], values["url"])


def _read_tags(file: LoadedFile | None, settings: Settings, findings: list[Finding]) -> dict[str, Tag]:
    """``_tags.yml``: each tag id with a label per language (the id stands in for a missing one)."""
    if file is None or file.root is None:
        return {}
    root = file.root
    if root.tag == _NULL:
        return {}
    if not isinstance(root, yaml.MappingNode):
        findings.append(_at(file.path, root, Severity.ERROR,
                            "the tag file maps each tag id to its labels, e.g. it: {de: IT, da: IT}"))
        return {}
    tags: dict[str, Tag] = {}
    reserved = reserved_ids(settings, settings.tags_path)
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or not ID_RULE.fullmatch(str(key.value)):
            findings.append(_at(file.path, key, Severity.ERROR, f"'{key.value}' is not a tag id "
                                "(lowercase letters, digits, single hyphens)"))
            continue
        if key.value in reserved:
            findings.append(_at(file.path, key, Severity.ERROR, _reserved_message(
                f"the tag id '{key.value}'", settings.tags_path, key.value, reserved, "choose another id")))
        labels: dict[str, str] = {}
        rejected: set[str] = set()
        if isinstance(value, yaml.MappingNode):
            for lang, label in value.value:
                if lang.value not in settings.codes:
                    findings.append(_at(file.path, lang, Severity.ERROR,
                                        f"language '{lang.value}' is not configured (the site has "
                                        f"{', '.join(settings.codes)})"))
                elif not isinstance(label, yaml.ScalarNode) or label.tag != _STR or not label.value.strip():
                    findings.append(_at(file.path, label, Severity.ERROR,
                                        "a tag label must be text: put it in quotes"))
                else:
                    problems = list(links.markup_problems(label.value)) + [
                        (char, _invisible_message(char, "the tag label"))
                        for char in invisible_characters(label.value)]
                    span = _span(file, label)
                    for written, message in problems:
                        findings.append(span.finding(Severity.ERROR, message, written))
                    if problems:
                        rejected.add(lang.value)
                    else:
                        labels[lang.value] = label.value.strip()
        else:
            findings.append(_at(file.path, value, Severity.ERROR,
                                f"tag '{key.value}' needs its labels, e.g. {{de: IT, da: IT}}"))
            continue
        for code in settings.codes:
            if code not in labels and code not in rejected:
                findings.append(_at(file.path, key, Severity.WARNING,
                                    f"tag '{key.value}' has no '{code}' label: add one"))
        tags[key.value] = Tag(key.value, labels)
    return tags


def _references(entry: Entry, findings: list[Finding]) -> tuple[Reference, ...]:
    """Every id, tag and cross-link ``entry`` names, placed; naming itself is judged here."""
    found: list[Reference] = []
    for index, target in enumerate(entry.related):
        span = entry.spans[f"related[{index}]"]
        if target == entry.id:
            findings.append(span.finding(Severity.ERROR, f"'{target}' is this entry itself: "
                                         "remove it from 'related'"))
        else:
            found.append(Reference("related", target, span.line, span.col))
    for index, tag in enumerate(entry.tags):
        span = entry.spans[f"tags[{index}]"]
        found.append(Reference("tag", tag, span.line, span.col))
    for text in entry.texts.values():
        for name in LINKABLE_FIELDS:
            values = [text.summary] if name == "summary" else (
                [text.body] if name == "body" else list(text.highlights))
            for index, value in enumerate(values):
                span = text.spans.get(name if name != "highlights" else f"highlights[{index}]")
                if span is None:
                    continue
                locate = span.locator()
                for link in links.cross_links(value):
                    line, col = locate(link.written)
                    found.append(Reference("link", link.target, line, col, link.written))
    return tuple(found)


def _check_references(report: FileReport, known_ids: set[str], tags: Mapping[str, Tag],
                      findings: list[Finding]) -> None:
    """Every related id, tag and cross-link must name something."""
    reported = 0
    first_hidden: tuple[int, int] | None = None

    for kind, target, line, col, written in report.references:  # unpacked: the cache keeps tuples
        if reported >= MAX_FINDINGS_PER_FILE and target not in (tags if kind == "tag" else known_ids):
            reported += 1  # past what bounded() shows: counted, not worded
            first_hidden = first_hidden or (line, col)
            continue
        if kind == "tag":
            if target in tags:
                continue
            message = (f"tag '{target}' is not defined{did_you_mean(target, tags)}: "
                       "add it to glossary/_tags.yml")
        elif target in known_ids:
            continue
        elif kind == "related":
            message = (f"related: '{target}' names no entry{did_you_mean(target, known_ids)}: "
                       f"fix the id or create glossary/{target}.yml")
        else:
            message = (f"the cross-link '{written}' names no entry{did_you_mean(target, known_ids)}: "
                       "fix the id, or write plain text until the entry exists")
        reported += 1
        findings.append(Finding(report.path, line, col, Severity.ERROR, message))
    if first_hidden is not None:
        findings.append(Finding(report.path, *first_hidden, Severity.ERROR,
                                f"{reported - MAX_FINDINGS_PER_FILE:,} more names from here on name nothing: "
                                "fix the ones above and check again"))


def _titles(entry: Entry) -> tuple[TitleUse, ...]:
    uses = []
    for code, text in entry.texts.items():
        span = text.spans["title"]
        key = " ".join(unicodedata.normalize("NFC", text.title).casefold().split())
        uses.append(TitleUse(code, key, text.title, span.line, span.col))
    return tuple(uses)
