"""Hook: a marker no hook expanded stops the build.

Each hook expands the `<!-- namespace:name -->` markers of its own namespace
and refuses unknown names; this one runs after all of them and refuses what is
left (a mistyped namespace such as `<!-- glosary:index -->`, or a marker whose
hook is not listed in mkdocs.yml), which would otherwise vanish as a comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from readkit.errors import ContentError
from readkit.markers import find_markers

from _common import errors, page_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(-100)  # after every hook has expanded its markers
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path, offset = page_source(page, config)
    left = find_markers(markdown, offset, page.markdown)
    if left:
        marker = left[0]
        with errors():
            raise ContentError(path, marker.line,
                               f"marker '{marker.namespace}:{marker.name}' was not expanded by any hook",
                               "Check its spelling, and that the hook for it is listed under `hooks:` in mkdocs.yml")
    return markdown
