"""Shared by the hook files: content errors become PluginError."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from readkit.errors import ContentError
from readkit.markers import front_matter_lines


class errors:
    """`with errors(): ...` turns a ContentError into a PluginError, so the
    build stops with `path:line: what is wrong. How to fix it.` and no traceback."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, err, tb) -> None:
        if isinstance(err, ContentError):
            raise PluginError(err.display()) from None


def page_href(src_uri: str, page, files, anchor: str = "") -> str:
    """Relative link from `page` to the docs page `src_uri` (plus `#anchor`),
    right under both directory URLs and the offline build's .html URLs."""
    from mkdocs.utils import get_relative_url

    target = files.get_file_from_path(src_uri)
    if target is None:
        raise ContentError(src_uri, None, "no such page in docs/", "Check the page's path")
    href = get_relative_url(target.url, page.url)
    return f"{href}#{anchor}" if anchor else href


def para_href(reading, number: int, page, files) -> str:
    """Relative link from `page` to paragraph `number` of the article."""
    paragraph = reading.paragraph(number)
    if paragraph is None:
        raise ContentError(
            reading.manifest_path,
            None,
            f"there is no paragraph {number}",
            f"The article has paragraphs 1 to {len(reading.paragraphs)}",
        )
    return page_href(reading.page_uri(paragraph.section), page, files, paragraph.anchor)


def page_source(page, config) -> tuple[str, int]:
    """The page's file (for error messages) and how many front-matter lines
    MkDocs stripped before its Markdown, so marker lines count in the file."""
    if page.file.abs_src_path and not page.file.generated_by:
        return page.file.abs_src_path, front_matter_lines(page.file.content_string, page.markdown or "")
    return f"{config.docs_dir}/{page.file.src_uri} (generated)", 0
