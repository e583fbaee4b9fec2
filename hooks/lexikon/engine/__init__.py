"""Engine adapters: the only code that knows MkDocs, Material and static-i18n.
"""
