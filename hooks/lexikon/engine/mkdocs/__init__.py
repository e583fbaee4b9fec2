"""The MkDocs adapter: ``build`` (one build object, a method per event), ``config`` (settings from
the live config), ``pages`` (generated files and page hooks), ``material`` (Material and
static-i18n specifics), ``second_process`` (half the Markdown on the other core).
"""
