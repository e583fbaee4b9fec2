"""The MkDocs adapter: settings from the live config, generated files, search per language, the
second process.
"""
