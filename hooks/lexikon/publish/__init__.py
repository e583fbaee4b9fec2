"""The built output, whatever engine wrote the pages: the building folder and its swap, search per
language (Pagefind, lunr), feeds, sitemaps and exports beside the pages, and plain per-language
folders for engines without hooks. Needs only a folder, the settings and the layout.
"""
