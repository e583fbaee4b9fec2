"""From files to checked entries: load with line:col, the rules, duplicate paragraphs, the
cache, the file-by-file pipeline.
"""
