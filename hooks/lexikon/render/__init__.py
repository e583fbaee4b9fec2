"""From checked entries to pages: one Markdown page per kind and language, entry text made safe
HTML, graphs.
"""
