"""Lexikon: a bilingual glossary built from YAML entries.

The flow runs one way: ``load`` → ``check`` → ``transform`` → ``render``.
Only ``site`` (the MkDocs adapter) and the hook file import MkDocs.
"""
