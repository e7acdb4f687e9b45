"""Hook: one annotation pass over each page's HTML.

Other hooks register annotators (glossary terms, source markers, notes) in
their on_config; this hook runs them all together over the page, so their
markup never nests wrongly and the visible text stays the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from readkit import site
from readkit.annotate import PageState, annotate

from _common import errors

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(-50)  # after hooks that add HTML, before those that index it
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    with errors():
        providers = [factory(page=page, config=config, files=files) for _, factory in site.annotators()]
        providers = [p for p in providers if p is not None]
        if not providers:
            return html
        state = PageState()
        html = annotate(html, providers, state)
        for provider in providers:
            finish = getattr(provider, "finish", None)
            if finish is not None:
                html = finish(html, state)
    return html
