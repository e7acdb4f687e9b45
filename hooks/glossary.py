"""Hook: glossary terms become tooltips, and the glossary gets its own page.

on_config loads and checks `extra.reading.glossary` (a folder of one-entry
YAML files) and registers the term finder with the annotation pass;
on_files adds the glossary page if docs/ has none; on_page_markdown and
on_page_content put the entries where `<!-- glossary:index -->` stands; on_env,
once every page went through the pass, warns about entries a reader can
never reach.

Options under `extra: reading:` in mkdocs.yml:
    glossary: glossary             # the folder (no glossary without it)
    glossary_page: glossary.md     # where the glossary page lives in docs/
    glossary_mark: first           # first | every | none: which occurrences to mark
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from readkit import site
from readkit.errors import ContentError
from readkit.glossary import MARKS, Glossary, load_glossary
from readkit.glossary_html import TermProvider, index_html, occurrences
from readkit.markers import expand

from _common import errors, page_href, page_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("glossary")

# Entries found in some page during this build (reset in on_config).
_found: set[str] = set()
# This build's glossary and sources, loaded once in on_config: the per-page
# provider must not re-check the glossary folder (a stat per entry file).
_build: dict[str, Any] = {}
SLOT = '<div class="gl-index-slot"></div>'


# -- Hooks --------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _found.clear()
    _build.clear()
    with errors():
        glossary = _glossary(config)
        if glossary is None:
            return config
        _build.update(glossary=glossary, sources=site.sources(config), mark=_mark(config), page_uri=_page_uri(config))
    site.register_annotator("glossary", _provider)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _build:
        uri = _page_uri(config)
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content="# Glossary\n\n<!-- glossary:index -->\n"))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    on_glossary_page = bool(_build) and page.file.src_uri == _build["page_uri"]
    if "glossary:" not in markdown and not on_glossary_page:
        return markdown
    glossary = _build.get("glossary")
    path, offset = page_source(page, config)
    used: list[int] = []

    def index(marker) -> str:
        if glossary is None:
            raise ContentError(
                path, marker.line, "'glossary:index' needs a glossary", "Set extra.reading.glossary in mkdocs.yml"
            )
        if page.file.src_uri != _page_uri(config):
            raise ContentError(
                path,
                marker.line,
                "'glossary:index' belongs on the glossary page only",
                f"The glossary page is docs/{_page_uri(config)} (extra.reading.glossary_page)",
            )
        used.append(marker.line)
        # A slot now, the entries after the annotation pass (on_page_content):
        # neither Markdown nor the pass has to parse the whole glossary's HTML.
        _build["index_html"] = index_html(glossary, _build["sources"], _back_links(config, glossary, page, files))
        return f"\n\n{SLOT}\n\n"

    with errors():
        markdown = expand(markdown, "glossary", {"index": index}, path, offset, page.markdown)
        if on_glossary_page and len(used) != 1:
            raise ContentError(
                path,
                used[1] if used else 1,
                f"the glossary page needs exactly one '<!-- glossary:index -->' (found {len(used)})",
                "Put the marker where the entries go",
            )
    return markdown


@event_priority(-60)  # after the annotation pass (-50)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build and page.file.src_uri == _build["page_uri"] and "index_html" in _build:
        html = html.replace(SLOT, _build.pop("index_html"), 1)
    return html


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    # Every page has been through the annotation pass by now.
    glossary = _build.get("glossary")
    if glossary is None:
        return env
    found = _found | set(_occurrences(config))
    used = glossary.used(found)
    for entry in glossary.alphabetical():
        if entry.id not in used:
            log.warning(
                f"{entry.path}:{entry.line}: glossary entry '{entry.id}' ({entry.term}) occurs nowhere in the site. "
                "Add the wording the pages use as an alias, list it under `related` of an entry that is used, or remove it"
            )
    return env


# -- Helpers ------------------------------------------------------------------


def _glossary(config: MkDocsConfig) -> Glossary | None:
    s = site.settings(config)
    folder = s.path("glossary")
    if folder is None:
        return None
    sources_path = s.path("sources")
    deps = [folder] + ([sources_path] if sources_path else [])
    return site.cached(f"glossary:{folder}", deps, lambda: load_glossary(folder, site.sources(config), sources_path))


def _mark(config: MkDocsConfig) -> str:
    s = site.settings(config)
    mark = s.options.get("glossary_mark", "first")
    if mark not in MARKS:
        raise s.error("glossary_mark", f"extra.reading.glossary_mark is {mark!r}", f"Use one of: {', '.join(MARKS)}")
    return mark


def _page_uri(config: MkDocsConfig) -> str:
    return site.glossary_page(config)


def _provider(*, page: Page, config: MkDocsConfig, files: Files) -> TermProvider | None:
    uri = _build["page_uri"]
    if page.file.src_uri == uri:
        return None  # the glossary page explains every term already
    href = page_href(uri, page, files)
    return TermProvider(_build["glossary"], _build["sources"], href, _build["mark"], _found)


def _back_links(config: MkDocsConfig, glossary: Glossary, page: Page, files: Files) -> dict[str, list[tuple[int, str]]]:
    reading = site.reading(config)
    paragraphs = {p.number: p for p in reading.paragraphs}
    section_hrefs: dict[str, str] = {}  # one relative link per section page, not per back-link

    def href(n: int) -> str:
        uri = reading.page_uri(paragraphs[n].section)
        if uri not in section_hrefs:
            section_hrefs[uri] = page_href(uri, page, files)
        return f"{section_hrefs[uri]}#{paragraphs[n].anchor}"

    return {eid: [(n, href(n)) for n in numbers] for eid, numbers in _occurrences(config).items()}


def _occurrences(config: MkDocsConfig) -> dict[str, list[int]]:
    """Entry id -> article paragraphs it occurs in; once per build."""
    if "occurrences" not in _build:
        _build["occurrences"] = occurrences(_build["glossary"], site.reading(config).paragraphs)
    return _build["occurrences"]
