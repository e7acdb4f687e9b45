"""Hook: source markers and critical-reading notes on the article's pages.

on_config loads the claims and notes (each anchored by an exact quote of the
seed) and registers an annotator: the single annotation pass puts a numbered
source marker after each claim and a note marker after each noted phrase; the
note bodies go right after their paragraph. on_page_markdown ends each section
page with its sources and a suggested citation, and expands `<!-- sources:index -->`
(every source, grouped by kind, with back-links) and `<!-- sources:notes -->`.
on_files warns about registry entries that nothing on the site cites.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority, get_plugin_logger

from readkit import citing, site, sourcelists
from readkit.claims import Claim, Note, cited_ids, load_claims, load_notes, unused_sources
from readkit.errors import ContentError
from readkit.markers import Marker, expand
from readkit.seed import Section
from readkit.sources import Source
from readkit.usage import scan_citations

from _common import errors, page_href, page_source, para_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("sources")


# -- Hooks --------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with errors():
        if _data(config) is not None:
            site.register_annotator("sources", _factory)
    return config


@event_priority(-100)  # after every hook has added its pages and data
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    with errors():
        data = _data(config)
        if data is not None:
            s = site.settings(config)
            used = cited_ids(data[0], data[1]) | set(_other_citations(config))
            where = " or ".join(str(s.options[k]) for k in ("claims", "notes") if k in s.options)
            for source in unused_sources(site.sources(config), used):
                log.warning(
                    f"{source.path}:{source.line}: source '{source.id}' is cited by no claim, note or "
                    f"other data file. Cite it (in {where}) or remove it from the registry"
                )
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = _data(config)
    if data is None:
        return markdown
    claims, notes = data
    reading = site.reading(config)
    section = reading.section_for_uri(page.file.src_uri)
    path, offset = page_source(page, config)
    placed: set[str] = set()

    def on_section(name: str) -> Callable[[Marker], str]:
        def render(marker: Marker) -> str:
            if section is None:
                raise ContentError(
                    path,
                    marker.line,
                    f"'sources:{name}' is only for the article's section pages",
                    "Remove it; section pages get their sources list and citation automatically",
                )
            placed.add(name)
            return _section_parts(name, section, claims, notes, config, page, files)

        return render

    handlers = {
        "index": lambda m: _index(claims, notes, config, page, files),
        "notes": lambda m: sourcelists.notes_index_markdown(
            reading, notes, lambda n: _note_href(n, config, page, files)
        ),
        "list": on_section("list"),
        "cite": on_section("cite"),
    }
    with errors():
        markdown = expand(markdown, "sources", handlers, path, offset, page.markdown)
        if section is not None:
            # The page ends with its sources, then the citation, unless placed by a marker.
            for name in ("list", "cite"):
                if name not in placed:
                    markdown = (
                        markdown.rstrip() + "\n" + _section_parts(name, section, claims, notes, config, page, files)
                    )
    return markdown


# -- Annotation pass ------------------------------------------------------------


def _factory(*, page: Page, config: MkDocsConfig, files: Files) -> Any:
    data = _data(config)
    reading = site.reading(config)
    section = reading.section_for_uri(page.file.src_uri)
    if data is None or section is None:
        return None
    # Every section page: each paragraph gets its control, cited or not.
    plan = citing.plan(reading, section, data[0], data[1], site.sources(config))

    def lost(item: Claim | Note) -> None:
        log.warning(
            f"{item.path}:{item.line}: the marker for {item.quote!r} found no place on "
            f"{page.file.src_uri} (its words are inside a link, heading or code there)"
        )

    return citing.make_provider(plan, lost)


# -- Helpers ------------------------------------------------------------------


def _own_paths(config: MkDocsConfig) -> set[Path]:
    s = site.settings(config)
    return {p for p in (s.path("claims"), s.path("notes"), s.path("sources")) if p is not None}


def _other_citations(config: MkDocsConfig) -> dict:
    """Sources cited by the other data files (glossary, timeline, ...), read
    once per change of those files rather than at every use."""
    s = site.settings(config)
    own = _own_paths(config)
    deps = [p for k, v in s.options.items() if isinstance(v, str) and (p := s.path(k)) is not None and p not in own]
    return site.cached("other-citations", deps, lambda: scan_citations(s, own))


def _data(config: MkDocsConfig) -> tuple[list[Claim], list[Note]] | None:
    """Claims and notes, checked against the seed and the registry (None: feature off)."""
    s = site.settings(config)
    claims_path, notes_path = s.path("claims"), s.path("notes")
    if claims_path is None and notes_path is None:
        return None
    reading = site.reading(config)
    sources = site.sources(config)
    if not sources:
        raise s.error(
            "sources", "claims and notes need a sources registry", "Set `extra: reading: sources:` in mkdocs.yml"
        )
    deps = [p for p in (claims_path, notes_path, s.path("sources"), reading.manifest_path, reading.seed_path) if p]

    def load() -> tuple[list[Claim], list[Note]]:
        claims = load_claims(claims_path, reading, sources) if claims_path else []
        notes = load_notes(notes_path, reading, sources) if notes_path else []
        return claims, notes

    return site.cached(f"citations:{claims_path}:{notes_path}", deps, load)


def _section_parts(
    name: str, section: Section, claims: list[Claim], notes: list[Note], config: MkDocsConfig, page: Page, files: Files
) -> str:
    reading = site.reading(config)
    if name == "cite":
        return sourcelists.cite_markdown(reading, section)
    plan = citing.plan(reading, section, claims, notes, site.sources(config))
    index = _index_page(config, files)
    index_href = functools.partial(_index_href, index, page, files) if index else None
    # The cited paragraphs are on this very page: plain #p-N links.
    return sourcelists.section_sources_markdown(plan, lambda n: f"#p-{n}", index_href)


def _index_href(index: str, page: Page, files: Files, source: Source) -> str:
    return page_href(index, page, files, sourcelists.source_anchor(source))


def _index_page(config: MkDocsConfig, files: Files) -> str | None:
    uri = site.settings(config).options.get("sources_page", "sources.md")
    return uri if files.get_file_from_path(uri) is not None else None


def _note_href(note: Note, config: MkDocsConfig, page: Page, files: Files) -> str:
    reading = site.reading(config)
    paragraph = reading.paragraph(note.anchor.para)
    assert paragraph is not None  # load_notes anchored the note in a paragraph
    return page_href(reading.page_uri(paragraph.section), page, files, f"note-{note.id}")


def _index(claims: list[Claim], notes: list[Note], config: MkDocsConfig, page: Page, files: Files) -> str:
    reading = site.reading(config)
    sources = site.sources(config)
    other = _other_citations(config)
    uses = sourcelists.uses_by_source(sources, claims, notes, other)
    uri = site.glossary_page(config)
    glossary_page = uri if files.get_file_from_path(uri) is not None else None

    def other_href(kind: str, item: str | None) -> str | None:
        if kind == "glossary" and glossary_page and item:
            return page_href(glossary_page, page, files, item)
        return None

    return sourcelists.index_markdown(
        sources,
        uses,
        lambda n: para_href(reading, n, page, files),
        lambda n: _note_href(n, config, page, files),
        other_href,
    )
