"""TBX both ways: the termbase export (:mod:`.write`) and ``lexicon import-tbx`` (:mod:`.read`)."""

from lexikon.interchange.tbx.read import import_tbx, run_import_tbx
from lexikon.interchange.tbx.write import glossary_martif, glossary_tbx, tbx_id

__all__ = ["glossary_martif", "glossary_tbx", "import_tbx", "run_import_tbx", "tbx_id"]
