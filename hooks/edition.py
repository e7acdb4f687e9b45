"""Hook: build the student or the teacher edition (readkit/edition.py).

The build context reads and checks the edition (extra.reading.edition, or
READING_EDITION from the environment); on_config tells the templates;
on_files reads every page's front matter, stops the build where a link
would break in either edition, and leaves out the pages the edition does
not build (from the file list and the navigation, so search, sitemap and
links never see them). The marker pass (hooks/page.py) keeps only the
passages meant for this edition. on_post_page writes the "Teacher edition"
marker on every page of the teacher edition (and on_post_template on the
"page not found" page).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from readkit import edition

from _common import build, errors

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


PRINT_MARKER = re.compile(r"<!--\s*teaching:print\s*-->")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Templates see the edition being built, whatever set it.
    config.extra["reading"]["edition"] = build(config).edition.name
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    which = build(config).edition
    only: dict[str, str] = {}  # page -> the one edition that builds it
    sources: list[tuple[str, str, str]] = []
    with errors():
        for file in files.documentation_pages():
            if not file.abs_src_path or file.generated_by:
                continue
            path = _display_path(file.abs_src_path, config)
            source = file.content_string
            sources.append((file.src_uri, source, path))
            page_ed = edition.page_edition(edition.front_matter(source, path), path)
            if page_ed:
                only[file.src_uri] = page_ed
        # The whole reading's answer key is the teacher edition's alone.
        print_pages = {uri: {"answer-key"} for uri, source, _ in sources if PRINT_MARKER.search(source)}
        for uri, source, path in sources:
            edition.check_links(uri, source, path, only, print_pages)
    drop = {uri for uri, ed in only.items() if ed != which.name}
    for uri in drop:
        left_out = files.get_file_from_path(uri)
        if left_out is not None:
            files.remove(left_out)
    if drop and config.nav is not None:
        config["nav"] = edition.prune_nav(config.nav, drop) or []
    return files


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if config.extra["reading"].get("edition") == "teacher":
        return edition.mark_teacher_page(output)
    return output


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    # The "page not found" page is a template, not a page: mark it too.
    if template_name == "404.html" and config.extra["reading"].get("edition") == "teacher":
        return edition.mark_teacher_page(output)
    return output


def _display_path(abs_src_path: str, config: MkDocsConfig) -> str:
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return str(Path(abs_src_path).resolve().relative_to(root))
    except ValueError:
        return abs_src_path
