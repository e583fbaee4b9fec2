"""Other formats, both directions: exports (JSON, CSV, TBX, SKOS, Atom) and imports (TBX, CSV,
scraped articles), the entry YAML.
"""
