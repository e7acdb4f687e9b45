"""Hook: pages load the site's own CSS and JS as one file each.

on_config swaps the local entries of `extra_css` and `extra_javascript` for
`assets/site.css` and `assets/site.js`; on_files adds those two files, made
from the originals in order, minified (`extra.reading.minify: false` keeps
them as written, comments included). Files from other hosts (none today)
would be left as they are. `extra.reading.bundle: false` turns this off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from readkit.bundle import bundle, is_local

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

CSS = "assets/site.css"
JS = "assets/site.js"
_bundled: dict[str, list[str]] = {"css": [], "js": []}
_minified = {"on": True}


@event_priority(-100)  # last: after any hook that adds its own files to the lists
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _bundled["css"], _bundled["js"] = [], []
    reading = config.extra.get("reading") or {}
    _minified["on"] = reading.get("minify", True) is not False
    if reading.get("bundle", True) is False:
        return config
    css = [u for u in config.extra_css if is_local(u)]
    if css:
        config.extra_css = [u for u in config.extra_css if not is_local(u)] + [CSS]
        _bundled["css"] = css
    # Scripts are plain paths or {path, type, defer, async}; only plain classic
    # scripts can share one file.
    plain = [s for s in config.extra_javascript if is_local(str(s)) and not getattr(s, "type", "") and not getattr(s, "async_", False)]
    if plain:
        first = config.extra_javascript.index(plain[0])
        rest = [s for s in config.extra_javascript if s not in plain]
        config.extra_javascript = rest[:first] + [JS] + rest[first:]
        _bundled["js"] = [str(s) for s in plain]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    for uri, kind in ((CSS, "css"), (JS, "js")):
        if _bundled[kind]:
            files.append(File.generated(config, uri, content=bundle(docs, _bundled[kind], kind, minified=_minified["on"])))
    return files
