"""The end of a build driver script: a build in this process, then each file of the site by
its hash, in ``files`` (the caller prints it with what it counted). Tests run such a script
in a subprocess with their own patches applied first, to compare whole sites."""

from __future__ import annotations

import textwrap

BUILD_AND_HASH = textwrap.dedent("""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml", site_dir=target, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = Path(target)
    files = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(site.rglob("*")) if p.is_file()}
""")
