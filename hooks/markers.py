"""Hook: a marker no hook expanded stops the build; finished HTML skips Markdown.

Each hook expands the `<!-- namespace:name -->` markers of its own namespace
and refuses unknown names; this one runs after all of them and refuses what is
left (a mistyped namespace such as `<!-- glosary:index -->`, or a marker whose
hook is not listed in mkdocs.yml), which would otherwise vanish as a comment.

Then it sets the finished HTML blocks the hooks put in the page aside, so
Markdown does not parse them only to pass them through (readkit.stash), and
puts them back first thing in on_page_content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from readkit.errors import ContentError
from readkit.markers import find_markers
from readkit.stash import put_back, set_aside

from _common import errors, page_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


_aside: dict[str, dict[str, str]] = {}  # page -> its blocks set aside


@event_priority(-100)  # after every hook has expanded its markers
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path, offset = page_source(page, config)
    left = find_markers(markdown, offset, page.markdown)
    if left:
        marker = left[0]
        with errors():
            raise ContentError(
                path,
                marker.line,
                f"marker '{marker.namespace}:{marker.name}' was not expanded by any hook",
                "Check its spelling, and that the hook for it is listed under `hooks:` in mkdocs.yml",
            )
    markdown, _aside[page.file.src_uri] = set_aside(markdown)
    return markdown


@event_priority(100)  # before any hook reads the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return put_back(html, _aside.pop(page.file.src_uri, {}))
