"""Hook: the teaching pages: timeline, "check the numbers" and the whole reading for print.

on_config registers the `teaching:` markers (the data comes from the build
context, checked as it loads):

    <!-- teaching:timeline -->       the timeline (extra.reading.timeline)
    <!-- teaching:shell-figures -->  the article's figures, labelled as estimates
    <!-- teaching:shell-chart -->    the chart, its table and the what-if form
                                     (extra.reading.shells)
    <!-- teaching:print -->          every section in order, the glossary and
                                     (teacher edition only) the quiz answer key,
                                     for printing

on_post_page marks links to other sites for print.css.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from readkit import handout
from readkit.errors import ContentError
from readkit.pagepass import PageInfo, Part, blocks
from readkit.shells_html import chart_html, figures_parts
from readkit.timeline import timeline_html

from _common import build, page_href, para_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ctx = build(config)
    reading = ctx.reading

    def source(ident: str) -> tuple[str, str, str]:
        s = ctx.sources[ident]
        return s.title, s.url, s.status_label

    class Teaching:
        def __init__(self, info: PageInfo) -> None:
            self.info = info
            self.handlers = {
                "timeline": self.timeline,
                "shell-figures": self.shell_figures,
                "shell-chart": self.shell_chart,
                "print": self.whole_reading,
            }

        def para(self, n: int) -> str:
            return para_href(reading, n, self.info.page, self.info.files)

        def needs(self, key: str, marker: Any, value: Any) -> Any:
            if value is None:
                raise ContentError(
                    self.info.path,
                    marker.line,
                    f"'teaching:{marker.name}' needs extra.reading.{key}",
                    f"Add `{key}: path/to/file.yml` under `extra: reading:` in mkdocs.yml",
                )
            return value

        def term(self, ident: str) -> tuple[str, str | None]:
            assert ctx.glossary is not None  # the timeline's loader checked its term ids
            entry = ctx.glossary.entries[ident]
            uri = ctx.glossary_page
            files = self.info.files
            href = page_href(uri, self.info.page, files, ident) if files.get_file_from_path(uri) else None
            return entry.term, href

        def timeline(self, marker) -> list[Part]:
            tl = self.needs("timeline", marker, ctx.timeline)
            return blocks(timeline_html(tl, para_href=self.para, term=self.term, source=source))

        def shell_figures(self, marker) -> list[Part]:
            data = self.needs("shells", marker, ctx.shells)
            return figures_parts(data, para_href=self.para, source=source)

        def shell_chart(self, marker) -> list[Part]:
            data = self.needs("shells", marker, ctx.shells)
            return blocks(chart_html(data, source=source))

        def whole_reading(self, marker) -> list[Part]:
            return handout.whole_reading_parts(
                reading,
                glossary=ctx.glossary,
                notes=ctx.notes,
                # The student edition carries no answer key (readkit/edition.py).
                questions=_questions(ctx) if ctx.edition.teacher else [],
                para_href=self.para,
                source=source,
            )

    ctx.add_feature("teaching", Teaching)
    return config


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # Links to other sites are absolute when built, the site's own are relative;
    # in the browser Material makes every link absolute, so mark them now for
    # print.css, which writes out the address of outside links only.
    return EXTERNAL.sub(r"<a data-print-url \1", output)


EXTERNAL = re.compile(r"<a ((?:[^>]*?\s)?href=\"https?://)")


def _questions(ctx: Any) -> list[tuple[str, list]]:
    """(section title, questions) for each section page, for the answer key."""
    reading = ctx.reading
    out = []
    for section in reading.sections:
        questions = ctx.quiz.by_page.get(reading.page_uri(section))
        if questions:
            out.append((section.heading or section.title, questions))
    return out
