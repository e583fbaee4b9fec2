"""The built output: the building folder and its swap, plain per-language folders for other
engines.
"""
