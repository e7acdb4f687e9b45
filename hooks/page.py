"""Hook: how one page travels, from its Markdown to its finished HTML.

Every other hook registered with the build context (hooks/_common.build) in
its on_config: a feature (marker namespace, handlers, what it adds at the
page's start and end, its finish) and perhaps an annotator.

on_page_markdown: the one marker pass (readkit.pagepass) over the page's
own text. Passages for the other edition are left out; markers and quiz
blocks are expanded; a marker no feature knows stops the build at its line;
finished HTML waits as fragments, so Markdown never parses it.

on_page_content, once Markdown made the page's HTML:
1. the prose fragments (the article's words) go back into the page;
2. one annotation pass (readkit.annotate) runs every annotator (glossary
   terms, source markers, notes) over the page's text together, so their
   markup never nests wrongly and the visible text stays the same;
3. the other fragments (quizzes, lists, the glossary's index ...) go back;
4. each feature finishes the page (the quiz's score line and answer key);
5. each annotator adds what the pass found (the definitions of the terms
   marked, the notes for print) at the page's end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readkit import edition
from readkit.annotate import PageState, annotate
from readkit.pagepass import Fragments, expand_page

from _common import build, errors, page_info

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    ctx = build(config)
    info = page_info(page, config, files)
    with errors():
        features = {ns: f for ns, make in ctx.features.items() if (f := make(info)) is not None}
        cuts = edition.cuts(markdown, ctx.edition.name, info.path, info.offset) if "edition:" in markdown else []
        fragments = Fragments()
        ctx.pages[info.uri] = (features, fragments)
        return expand_page(markdown, features, info, fragments, cuts)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    ctx = build(config)
    info = page_info(page, config, files)
    features, fragments = ctx.pages.pop(info.uri)
    with errors():
        html = fragments.restore(html, prose=True)
        providers = [p for make in ctx.annotators.values() if (p := make(info)) is not None]
        state = PageState()
        if providers:
            html = annotate(html, providers, state)
        html = fragments.restore(html)
        for feature in features.values():
            finish = getattr(feature, "finish", None)
            if finish is not None:
                html = finish(html)
        for provider in providers:  # what the pass found, added at the page's end
            add = getattr(provider, "finish", None)
            if add is not None:
                html = add(html, state)
    return html
