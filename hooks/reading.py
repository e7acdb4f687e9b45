"""Hook: the article's seed becomes the section pages.

on_config registers the `reading:` markers, and each section page's heading;
on_files adds a page for each section that has no companion file in docs/.
The article's words reach the page as prose fragments (readkit.pagepass):
Markdown never parses them, the annotation pass reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from readkit import render
from readkit.errors import ContentError
from readkit.markers import Marker
from readkit.pagepass import PageInfo, Part, Parts, blocks, markdown_of

from _common import build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ctx = build(config)
    reading = ctx.reading

    class Page:
        def __init__(self, info: PageInfo) -> None:
            self.info = info
            self.section = reading.section_for_uri(info.uri)
            self.used: list[int] = []
            self.heading: list[Part] = []
            self.handlers: dict[str, Callable[[Marker], Parts]] = {
                "article": self.article,
                "contents": lambda m: render.contents_markdown(reading, info.uri),
                "attribution": lambda m: blocks(render.attribution_html(reading), prose=True),
                "disclaimer": lambda m: blocks(render.disclaimer_html(reading), prose=True),
                "title": lambda m: render.md_escape(reading.title),
                "minutes": lambda m: str(render.reading_minutes(reading.words)),
            }

        def article(self, marker) -> list[Part]:
            if self.section is None:
                raise ContentError(
                    self.info.path,
                    marker.line,
                    "'reading:article' is only for section pages",
                    f"Section pages are {reading.section_dir}/<slug>.md for the slugs in the manifest",
                )
            self.used.append(marker.line)
            return render.article_parts(reading, self.section)

        def before(self) -> list[Part]:
            self.heading = render.page_heading(reading, self.section) if self.section is not None else []
            return self.heading

        def own_text(self, parts: list[Part]) -> str:
            """The page's Markdown after the heading `before` put first."""
            return markdown_of(parts[len(self.heading) :])

        def done(self, parts: list[Part]) -> None:
            if self.section is None:
                return
            if len(self.used) != 1:
                raise ContentError(
                    self.info.path,
                    self.used[1] if self.used else 1,
                    f"a section page needs exactly one '<!-- reading:article -->' (found {len(self.used)})",
                    "Put the marker where the article's words go",
                )
            if any(line.startswith("# ") for line in self.own_text(parts).splitlines()):
                raise ContentError(
                    self.info.path,
                    1,
                    "a section page must not have its own H1",
                    "The article's heading becomes the page's H1; use ## for your own headings",
                )

    ctx.add_feature("reading", Page)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    reading = build(config).reading
    for section in reading.sections:
        uri = reading.page_uri(section)
        if files.get_file_from_path(uri) is None:
            # No companion page in docs/: the section's page is only its words.
            files.append(File.generated(config, uri, content="<!-- reading:article -->\n"))
    return files
