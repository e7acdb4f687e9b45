"""Hook: rebuilds skip the work an edit did not touch (plain code: readkit/reuse.py).

`mkdocs serve` rebuilds the whole site after every edit, in the same process.
MkDocs loads a hook file once per process, so what this module keeps outlives
each rebuild. Each cache below is checked against what it was made from, so
an edit always shows:

- Compiled templates. Every build makes a new Jinja environment, which would
  compile Material's templates (and ours in overrides/) afresh. Jinja checks
  each template's source against the cached copy (its checksum), so an edited
  template is compiled again.
- The theme's file list. MkDocs lists every file of the theme folders (some
  14,500, Material's icons included) to find the static files to copy. The
  list is kept with the modification time of each folder it walked: adding,
  removing or renaming a file changes its folder's time, and then the folders
  are listed again.
- A page's Markdown conversion. A page whose Markdown (after every hook's
  on_page_markdown), URL and links' targets (every file's path and URL) are
  the same as in an earlier build, converted with the same extensions and
  options, gets the same HTML, table of contents and anchors. Only
  extensions known to read nothing but the page's text are trusted; a
  conversion that logged a warning is done again each build.
- The search index entries of a page. Material's search plugin parses each
  page's finished HTML into sections. A page whose URL, title, front matter,
  table of contents and HTML are all the same as in an earlier build gets the
  same entries, so they are reused; a page that changed in any of these is
  parsed again.
- The file watcher. MkDocs polls the watched folders every 0.5 s; on_serve
  hands them to the operating system's file events instead (inotify on
  Linux), asking only for those that change a file (each build reads the
  watched files, which must not start another build), and falls back to
  polling if they cannot start. READING_WATCH=poll keeps MkDocs' polling.

Each kept result lives for the build that made it and the next ones that use
it; what no build asked for in a while is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readkit.reuse import Changes, Conversions, SearchEntries, TemplateCache, ThemeListing, Watcher, use_file_events

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

__all__ = ["Changes", "ThemeListing", "Watcher", "on_config", "on_pre_build", "on_pre_page", "on_serve"]

# What outlives each rebuild (MkDocs loads this file once per process).
_compiled = TemplateCache()
_theme_listing = ThemeListing()
_search_entries = SearchEntries()
_conversions = Conversions()


# Every Jinja environment of the theme ------------------------------------------


def _theme_projects() -> dict[tuple[str, ...], tuple[TemplateCache, ThemeListing]]:
    """The theme folders of the projects built with this hook, and the caches their environments keep.

    Material's search plugin makes an environment of its own in its on_config,
    the first event of a build, before this hook's on_config can run: so
    Theme.get_env itself hands out the caches. It does for the projects whose
    builds ran this hook (a project's theme folders include its overrides/),
    and for no other. A copy of this hook for another project in the same
    process registers its own caches in the same registry.
    """
    from mkdocs.theme import Theme

    get_env: Any = Theme.get_env
    projects: dict[tuple[str, ...], tuple[TemplateCache, ThemeListing]] | None = getattr(
        get_env, "rebuild_projects", None
    )
    if projects is None:
        registry: dict[tuple[str, ...], tuple[TemplateCache, ThemeListing]] = {}
        original = get_env

        def get_env(self: Theme) -> Environment:
            env = original(self)
            kept = registry.get(tuple(self.dirs))
            if kept is not None:
                env.bytecode_cache = kept[0]
                kept[1].wrap(env, self.static_templates)
            return env

        get_env.rebuild_projects = projects = registry
        Theme.get_env = get_env  # type: ignore[method-assign]
    return projects


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _theme_projects()[tuple(config.theme.dirs)] = (_compiled, _theme_listing)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    _search_entries.new_build()
    _conversions.new_build()
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if type(index).__module__.startswith("material.plugins.search") and isinstance(
            getattr(index, "entries", None), list
        ):
            _search_entries.wrap(index)


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    _conversions.wrap(page, config)
    return page


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    use_file_events(server)
    return server
