"""Other formats, both directions, one module per format: ``entry_yaml`` (our own entry files
as text), ``json_export`` (glossary.json and its schema), ``csv_format`` (CSV out and
``import-csv``), ``tbx/`` (TBX and martif out, ``import-tbx``), ``skos`` (Turtle, JSON-LD);
``export`` writes every format of ``core/formats.py``; ``terms``/``term_files`` make new
entries from imported terms; ``article/`` imports a scraped article by its rules.
"""
