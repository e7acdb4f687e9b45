"""Hook: pages load the site's own CSS and JS as one file each.

on_config swaps the local entries of `extra_css` and `extra_javascript` for
`assets/site.css` and `assets/site.js`; on_files adds those two files, made
from the originals in order, minified (`extra.reading.minify: false` keeps
them as written, comments included). Files from other hosts (none today)
would be left as they are. `extra.reading.bundle: false` turns this off.

Scripts a few pages need (`extra.reading.on_demand`: path -> CSS selector)
stay out of the bundle: it ends with a loader that fetches each one when
what its selector names first comes near the screen, so other pages, and
the first screen of the page itself, do not carry it (readkit.bundle.BUDGET).

on_page_context marks the short pages outside the article's sections: there
the bundle is loaded by assets/js/mode.js once the page has loaded, instead
of with `defer` (readkit.bundle.fetch_after_load says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from readkit.bundle import Plan, bundle, fetch_after_load, is_local, minify, site_js
from readkit.bundle import on_demand_uri as served_path  # an on_* name would be taken for an event
from readkit.errors import ContentError
from readkit.yamlio import key_line

from _common import build, errors

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

CSS = "assets/site.css"
JS = "assets/site.js"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    reading = config.extra.get("reading") or {}
    plan = build(config).bundle = Plan(minified=reading.get("minify", True) is not False)
    if reading.get("bundle", True) is False:
        return config
    css = [u for u in config.extra_css if is_local(u)]
    if css:
        config.extra_css = [u for u in config.extra_css if not is_local(u)] + [CSS]
        plan.css = css
    # Scripts are plain paths or {path, type, defer, async}; only plain classic
    # scripts can share one file.
    plain = [
        s
        for s in config.extra_javascript
        if is_local(str(s)) and not getattr(s, "type", "") and not getattr(s, "async_", False)
    ]
    if plain:
        first = config.extra_javascript.index(plain[0])
        rest = [s for s in config.extra_javascript if s not in plain]
        config.extra_javascript = rest[:first] + [JS] + rest[first:]
        plan.js = [str(s) for s in plain]
    for uri, selector in (reading.get("on_demand") or {}).items():
        if uri not in plan.js or not isinstance(selector, str) or not selector.strip():
            settings = build(config).settings
            with errors():
                raise ContentError(
                    settings.config_file,
                    key_line(settings.config_file, ["extra", "reading", "on_demand", uri])
                    or settings.line("on_demand"),
                    f"extra.reading.on_demand: {uri!r} must be a plain script listed in extra_javascript, "
                    "with the CSS selector of what a page needs it for",
                    "Add it to extra_javascript or remove it here",
                )
        plan.on_demand[uri] = selector.strip()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    plan = build(config).bundle
    if plan.css:
        files.append(File.generated(config, CSS, content=bundle(docs, plan.css, "css", minified=plan.minified)))
    if plan.js:
        files.append(File.generated(config, JS, content=site_js(docs, plan.js, plan.on_demand, minified=plan.minified)))
    for uri in plan.on_demand:
        text = (docs / uri).read_text(encoding="utf-8")
        files.append(File.generated(config, served_path(uri), content=minify(text, "js") if plan.minified else text))
    return files


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Short pages outside the article's sections load the bundle once they
    have loaded (readkit.bundle.fetch_after_load; overrides/main.html,
    assets/js/mode.js). The others keep loading it with `defer`."""
    ctx = build(config)
    section = ctx.reading.section_for_uri(page.file.src_uri) is not None
    if ctx.bundle.js and fetch_after_load(len(page.content or ""), section=section):
        context["later_script"] = JS
    return context
