"""What every stage shares: the model, the id rule and field specs, settings, locales, links,
the site's layout, escaping per output context, safe writes.
"""
