"""The export formats: each one's stable name, file name(s), media type and data-page text.

Plain data, so that whatever lists the exports (``lexicon export``, the build, the data
page) reads one table: a new format is a row here and its writer in ``interchange/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    """One export format."""

    name: str
    """Stable name of the format (what a writer is registered under)."""
    file: str
    """The file's name; ``{lang}`` (or ``{Lang}``, capitalised) in it makes one file per
    language, ``{lang}`` and ``{other}`` one per ordered pair of languages (each sorted by its
    first)."""
    media_type: str
    text_key: str
    """The locale string that says on the data page what the file holds."""

    @property
    def per_language(self) -> bool:
        return "{lang}" in self.file or "{Lang}" in self.file

    def files(self, languages: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each file's name with the languages it is for: none, one, or a pair (its own
        language first), in the order given."""
        codes = tuple(languages)
        if "{other}" in self.file:
            return tuple((self.file.format(lang=lang, other=other), (lang, other))
                         for lang in codes for other in codes if other != lang)
        if self.per_language:
            return tuple((self.file.format(lang=lang, Lang=lang.capitalize()), (lang,)) for lang in codes)
        return ((self.file, ()),)

    def file_names(self, languages: Iterable[str]) -> tuple[str, ...]:
        """The file's name, or one per language (or pair) in the order given."""
        return tuple(name for name, _ in self.files(languages))


JSON = ExportFormat("json", "glossary.json", "application/json", "data_json")
JSON_SCHEMA = ExportFormat("json-schema", "glossary.schema.json", "application/schema+json", "data_schema")
CSV_ALL = ExportFormat("csv-all", "glossary.csv", "text/csv", "data_csv_all")
"""Every entry with every field and language in one table: what ``import-csv`` gives back whole."""
CSV = ExportFormat("csv", "glossary.{lang}.csv", "text/csv", "data_csv")
TABLE_CSV = ExportFormat("table-csv", "glossary.{lang}-{other}.csv", "text/csv", "data_table")
"""The translators' table of a language pair (the page ``table-<pair>``), as CSV."""
TBX = ExportFormat("tbx", "glossary.tbx", "application/xml", "data_tbx")
MARTIF = ExportFormat("martif", "glossary.martif.tbx", "application/xml", "data_martif")
TURTLE = ExportFormat("turtle", "glossary.ttl", "text/turtle", "data_turtle")
JSONLD = ExportFormat("jsonld", "glossary.jsonld", "application/ld+json", "data_jsonld")
VALE = ExportFormat("vale", "vale/Lexikon/Terms{Lang}.yml", "application/yaml", "data_vale")
"""Vale's rule names are their file names, one rule per language: copy ``vale/Lexikon`` into
Vale's ``StylesPath``."""

EXPORT_FORMATS: tuple[ExportFormat, ...] = (JSON, JSON_SCHEMA, CSV_ALL, CSV, TABLE_CSV, TBX, MARTIF, TURTLE,
                                            JSONLD, VALE)
"""In the order the data page lists them."""


def export_format(name: str) -> ExportFormat:
    """The format of this stable name; a ``KeyError`` names the ones there are."""
    for fmt in EXPORT_FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(f"no export format '{name}' (there are {', '.join(f.name for f in EXPORT_FORMATS)})")
