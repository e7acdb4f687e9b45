"""Hook: glossary terms become tooltips, and the glossary gets its own page.

on_config registers the term finder with the annotation pass and the
`glossary:index` marker (the glossary itself, `extra.reading.glossary`, a
folder of one-entry YAML files, is in the build context); on_files adds the
glossary page if docs/ has none; on_env, once every page went through the
pass, warns about entries a reader can never reach.

Options under `extra: reading:` in mkdocs.yml:
    glossary: glossary             # the folder (no glossary without it)
    glossary_page: glossary.md     # where the glossary page lives in docs/
    glossary_mark: first           # first | every | none: which occurrences to mark
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from readkit.context import BuildContext
from readkit.errors import ContentError
from readkit.glossary_html import TermProvider, index_html
from readkit.pagepass import PageInfo, Part, blocks

from _common import build, page_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("glossary")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ctx = build(config)
    glossary = ctx.glossary

    class Index:
        def __init__(self, info: PageInfo) -> None:
            self.info = info
            self.used: list[int] = []
            self.handlers = {"index": self.index}

        def index(self, marker) -> list[Part]:
            if glossary is None:
                raise ContentError(
                    self.info.path,
                    marker.line,
                    "'glossary:index' needs a glossary",
                    "Set extra.reading.glossary in mkdocs.yml",
                )
            if self.info.uri != ctx.glossary_page:
                raise ContentError(
                    self.info.path,
                    marker.line,
                    "'glossary:index' belongs on the glossary page only",
                    f"The glossary page is docs/{ctx.glossary_page} (extra.reading.glossary_page)",
                )
            self.used.append(marker.line)
            return blocks(index_html(glossary, ctx.sources, _back_links(ctx, self.info)))

        def done(self, parts: list[Part]) -> None:
            if glossary is not None and self.info.uri == ctx.glossary_page and len(self.used) != 1:
                raise ContentError(
                    self.info.path,
                    self.used[1] if self.used else 1,
                    f"the glossary page needs exactly one '<!-- glossary:index -->' (found {len(self.used)})",
                    "Put the marker where the entries go",
                )

    def terms(info: PageInfo) -> TermProvider | None:
        if glossary is None or info.uri == ctx.glossary_page:
            return None  # the glossary page explains every term already
        href = page_href(ctx.glossary_page, info.page, info.files)
        return TermProvider(glossary, ctx.sources, href, ctx.glossary_mark, ctx.terms_found)

    ctx.add_feature("glossary", Index)
    ctx.add_annotator("glossary", terms)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    ctx = build(config)
    if ctx.glossary is not None and files.get_file_from_path(ctx.glossary_page) is None:
        files.append(File.generated(config, ctx.glossary_page, content="# Glossary\n\n<!-- glossary:index -->\n"))
    return files


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    # Every page has been through the annotation pass by now.
    ctx = build(config)
    glossary = ctx.glossary
    if glossary is None:
        return env
    used = glossary.used(ctx.terms_found | set(ctx.term_occurrences()))
    for entry in glossary.alphabetical():
        if entry.id not in used:
            log.warning(
                f"{entry.path}:{entry.line}: glossary entry '{entry.id}' ({entry.term}) occurs nowhere in the site. "
                "Add the wording the pages use as an alias, list it under `related` of an entry that is used, or remove it"
            )
    return env


def _back_links(ctx: BuildContext, info: PageInfo) -> dict[str, list[tuple[int, str]]]:
    reading = ctx.reading
    paragraphs = {p.number: p for p in reading.paragraphs}
    section_hrefs: dict[str, str] = {}  # one relative link per section page, not per back-link

    def href(n: int) -> str:
        uri = reading.page_uri(paragraphs[n].section)
        if uri not in section_hrefs:
            section_hrefs[uri] = page_href(uri, info.page, info.files)
        return f"{section_hrefs[uri]}#{paragraphs[n].anchor}"

    return {eid: [(n, href(n)) for n in numbers] for eid, numbers in ctx.term_occurrences().items()}
