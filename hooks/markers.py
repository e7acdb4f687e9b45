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
from readkit.markers import find_markers, front_matter_lines

from _common import errors

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(-100)  # after every hook has expanded its markers
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    left = find_markers(markdown)
    if left:
        marker = left[0]
        source = page.file.content_string if not page.file.generated_by else markdown
        # Lines count in the page's file: find the marker's text there.
        text = markdown[marker.start:marker.end]
        at = source.find(text)
        line = source.count("\n", 0, at) + 1 if at >= 0 else marker.line + front_matter_lines(source, markdown)
        with errors():
            raise ContentError(page.file.abs_src_path or page.file.src_uri, line,
                               f"marker '{marker.namespace}:{marker.name}' was not expanded by any hook",
                               "Check its spelling, and that the hook for it is listed under `hooks:` in mkdocs.yml")
    return markdown
