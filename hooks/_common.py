"""Shared by the hook files: the build context, and content errors as PluginError."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from readkit import context
from readkit.context import BuildContext
from readkit.errors import ContentError
from readkit.markers import front_matter_lines
from readkit.pagepass import PageInfo

_KEY = "_readkit_build"


def build(config: Any) -> BuildContext:
    """This build's context: loaded by the first hook that asks (in on_config),
    kept on the build's own config object, so a new build (a `mkdocs serve`
    rebuild, another build in the same process) always starts a new one."""
    found = getattr(config, _KEY, None)
    if found is None:
        with errors():
            found = context.load(config)
        setattr(config, _KEY, found)
    return found


def page_info(page: Any, config: Any, files: Any) -> PageInfo:
    path, offset = page_source(page, config)
    return PageInfo(page, files, page.file.src_uri, path, offset)


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
