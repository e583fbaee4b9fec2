"""The `lexicon` command line.
"""
