"""Hook: the teaching pages: timeline, "check the numbers" and the whole reading for print.

on_config loads and checks the data files named under `extra: reading:`
(every problem stops the build as `path:line`); on_page_markdown expands the
`teaching:` markers:

    <!-- teaching:timeline -->       the timeline (extra.reading.timeline)
    <!-- teaching:shell-figures -->  the article's figures, labelled as estimates
    <!-- teaching:shell-chart -->    the chart, its table and the what-if form
                                     (extra.reading.shells)
    <!-- teaching:print -->          every section in order, the glossary and
                                     (teacher edition only) the quiz answer key,
                                     for printing
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from readkit import edition, handout, site
from readkit.errors import ContentError
from readkit.markers import expand
from readkit.shells import ShellData, load_shells
from readkit.shells_html import chart_html, figures_html
from readkit.timeline import Timeline, load_timeline, timeline_html

from _common import errors, page_href, page_source, para_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


# -- Hooks --------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with errors():
        _timeline(config)
        _shells(config)
    return config


@event_priority(40)  # after the reading hook, before Markdown
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "teaching:" not in markdown:
        return markdown
    path, offset = page_source(page, config)
    reading = site.reading(config)

    def para(n: int) -> str:
        return para_href(reading, n, page, files)

    def source(ident: str) -> tuple[str, str, str]:
        s = site.sources(config)[ident]
        return s.title, s.url, s.status_label

    def needs(key: str, marker: Any, value: Any) -> Any:
        if value is None:
            raise ContentError(
                path,
                marker.line,
                f"'teaching:{marker.name}' needs extra.reading.{key}",
                f"Add `{key}: path/to/file.yml` under `extra: reading:` in mkdocs.yml",
            )
        return value

    def timeline(marker) -> str:
        tl = needs("timeline", marker, _timeline(config))
        return (
            "\n\n"
            + timeline_html(tl, para_href=para, term=lambda i: _term(config, i, page, files), source=source)
            + "\n\n"
        )

    def shell_figures(marker) -> str:
        data = needs("shells", marker, _shells(config))
        return "\n\n" + figures_html(data, para_href=para, source=source) + "\n\n"

    def shell_chart(marker) -> str:
        data = needs("shells", marker, _shells(config))
        return "\n\n" + chart_html(data, source=source) + "\n\n"

    def whole_reading(marker) -> str:
        return handout.whole_reading_markdown(
            reading,
            glossary=_glossary(config),
            notes=_notes(config),
            # The student edition carries no answer key (readkit/edition.py).
            questions=_questions(config, reading) if edition.of(config).teacher else [],
            para_href=para,
            source=source,
        )

    handlers = {
        "timeline": timeline,
        "shell-figures": shell_figures,
        "shell-chart": shell_chart,
        "print": whole_reading,
    }
    with errors():
        return expand(markdown, "teaching", handlers, path, offset, page.markdown)


@event_priority(-100)  # last: every hook has written its links
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # Links to other sites are absolute when built, the site's own are relative;
    # in the browser Material makes every link absolute, so mark them now for
    # print.css, which writes out the address of outside links only.
    return EXTERNAL.sub(r"<a data-print-url \1", output)


EXTERNAL = re.compile(r"<a ((?:[^>]*?\s)?href=\"https?://)")


# -- Data, loaded once per change ----------------------------------------------


def _timeline(config: MkDocsConfig) -> Timeline | None:
    s = site.settings(config)
    path = s.path("timeline")
    if path is None:
        return None
    reading = site.reading(config)
    glossary = _glossary(config)
    sources = site.sources(config)
    deps = [path, reading.manifest_path] + [p for p in (s.path("glossary"), s.path("sources")) if p]
    return site.cached(
        f"timeline:{path}",
        deps,
        lambda: load_timeline(
            path,
            paragraphs=len(reading.paragraphs),
            # Without a glossary or registry, any id given is unknown (not silently unchecked).
            terms=glossary.entries if glossary is not None else set(),
            sources=sources,
            article_date=reading.date,
        ),
    )


def _shells(config: MkDocsConfig) -> ShellData | None:
    s = site.settings(config)
    path = s.path("shells")
    if path is None:
        return None
    reading = site.reading(config)
    sources = site.sources(config)
    deps = [path, reading.manifest_path] + [p for p in (s.path("sources"),) if p]
    return site.cached(f"shells:{path}", deps, lambda: load_shells(path, locate=reading.locate, sources=sources))


def _glossary(config: MkDocsConfig) -> Any:
    """The glossary hook's data (same cache entry), or None without a glossary."""
    s = site.settings(config)
    folder = s.path("glossary")
    if folder is None or not Path(folder).is_dir():
        return None
    from readkit.glossary import load_glossary

    sources_path = s.path("sources")
    deps = [folder] + ([sources_path] if sources_path else [])
    return site.cached(f"glossary:{folder}", deps, lambda: load_glossary(folder, site.sources(config), sources_path))


def _notes(config: MkDocsConfig) -> list:
    """The critical-reading notes (the sources hook's data, same cache entry), or []."""
    s = site.settings(config)
    claims_path, notes_path = s.path("claims"), s.path("notes")
    if notes_path is None:
        return []
    from readkit.claims import load_claims, load_notes

    reading = site.reading(config)
    sources = site.sources(config)
    deps = [p for p in (claims_path, notes_path, s.path("sources"), reading.manifest_path, reading.seed_path) if p]

    def load() -> tuple[list, list]:
        claims = load_claims(claims_path, reading, sources) if claims_path else []
        return claims, load_notes(notes_path, reading, sources)

    return site.cached(f"citations:{claims_path}:{notes_path}", deps, load)[1]


def _term(config: MkDocsConfig, ident: str, page: Page, files: Files) -> tuple[str, str | None]:
    glossary = _glossary(config)
    entry = glossary.entries[ident]
    uri = str(site.settings(config).options.get("glossary_page", "glossary.md"))
    href = page_href(uri, page, files, ident) if files.get_file_from_path(uri) else None
    return entry.term, href


def _questions(config: MkDocsConfig, reading: Any) -> list[tuple[str, list]]:
    """(section title, questions) for each section page, for the answer key."""
    from readkit import quiz

    docs = Path(config.docs_dir)
    out = []
    for section in reading.sections:
        file = docs / reading.page_uri(section)
        if not file.is_file():
            continue
        text = file.read_text(encoding="utf-8")
        questions = quiz.load_page(text, file, reading.page_uri(section))
        if questions:
            out.append((section.heading or section.title, questions))
    return out
