"""Hook: the article's seed becomes the section pages.

on_config loads and validates the manifest and seed; on_files adds a page for
each section that has no companion file in docs/; on_page_markdown puts the
section's words (and the `reading:` markers' content) into the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from readkit import render, site
from readkit.errors import ContentError
from readkit.markers import expand

from _common import errors, page_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("reading")


# -- Hooks --------------------------------------------------------------------


@event_priority(100)  # first: every other hook relies on the reading model
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site._annotators.clear()  # a rebuild starts from the hooks listed now
    site.new_build()
    with errors():
        site.reading(config)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    reading = site.reading(config)
    for section in reading.sections:
        uri = reading.page_uri(section)
        if files.get_file_from_path(uri) is None:
            # No companion page in docs/: the section's page is only its words.
            files.append(File.generated(config, uri, content="<!-- reading:article -->\n"))
    return files


@event_priority(50)  # before other hooks read the page, so they see the article
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    reading = site.reading(config)
    uri = page.file.src_uri
    section = reading.section_for_uri(uri)
    path, offset = page_source(page, config)
    used: list[str] = []

    def article(marker) -> str:
        if section is None:
            raise ContentError(
                path,
                marker.line,
                "'reading:article' is only for section pages",
                f"Section pages are {reading.section_dir}/<slug>.md for the slugs in the manifest",
            )
        used.append("article")
        return render.article_blocks(reading, section)

    handlers = {
        "article": article,
        "contents": lambda m: render.contents_markdown(reading, uri),
        "attribution": lambda m: render.attribution_html(reading),
        "disclaimer": lambda m: render.disclaimer_html(reading),
        "title": lambda m: render.md_escape(reading.title),
        "minutes": lambda m: str(render.reading_minutes(reading.words)),
    }
    with errors():
        markdown = expand(markdown, "reading", handlers, path, offset, page.markdown)
        if section is not None:
            if used != ["article"]:
                raise ContentError(
                    path,
                    1,
                    f"a section page needs exactly one '<!-- reading:article -->' (found {len(used)})",
                    "Put the marker where the article's words go",
                )
            if any(line.startswith("# ") for line in markdown.splitlines()):
                raise ContentError(
                    path,
                    1,
                    "a section page must not have its own H1",
                    "The article's heading becomes the page's H1; use ## for your own headings",
                )
            markdown = render.page_heading(reading, section) + markdown
    return markdown
