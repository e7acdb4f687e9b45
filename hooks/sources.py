"""Hook: source markers and critical-reading notes on the article's pages.

The claims and notes (each anchored by an exact quote of the seed) are in
the build context. on_config registers an annotator: the single annotation
pass puts a numbered source marker after each claim and a note marker after
each noted phrase; the note bodies go right after their paragraph. It also
registers the `sources:` markers: each section page ends with its sources
and a suggested citation (unless `sources:list` / `sources:cite` place them),
`<!-- sources:index -->` lists every source, grouped by kind, with
back-links, and `<!-- sources:notes -->` every note. on_files warns about
registry entries that nothing on the site cites.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from readkit import citing, sourcelists
from readkit.claims import Claim, Note, cited_ids, unused_sources
from readkit.context import BuildContext
from readkit.errors import ContentError
from readkit.pagepass import PageInfo, Part, rstrip
from readkit.sources import Source

from _common import build, page_href, para_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("sources")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ctx = build(config)
    if ctx.claims is None:
        return config
    claims, notes = ctx.claims, ctx.notes
    reading = ctx.reading
    plans: dict[str, citing.PagePlan] = {}  # section slug -> its plan, once per build

    def plan_for(section: Any) -> citing.PagePlan:
        if section.slug not in plans:
            plans[section.slug] = citing.plan(reading, section, claims, notes, ctx.sources)
        return plans[section.slug]

    class Sources:
        def __init__(self, info: PageInfo) -> None:
            self.info = info
            self.section = reading.section_for_uri(info.uri)
            self.placed: set[str] = set()
            self.handlers = {
                "index": lambda m: _index(ctx, info),
                "notes": lambda m: sourcelists.notes_index_parts(reading, notes, lambda n: _note_href(ctx, n, info)),
                "list": lambda m: self.on_section("list", m),
                "cite": lambda m: self.on_section("cite", m),
            }

        def on_section(self, name: str, marker: Any) -> list[Part]:
            if self.section is None:
                raise ContentError(
                    self.info.path,
                    marker.line,
                    f"'sources:{name}' is only for the article's section pages",
                    "Remove it; section pages get their sources list and citation automatically",
                )
            self.placed.add(name)
            return self.part(name)

        def part(self, name: str) -> list[Part]:
            assert self.section is not None
            if name == "cite":
                return sourcelists.cite_parts(reading, self.section)
            plan = plan_for(self.section)
            index = ctx.sources_page if self.info.files.get_file_from_path(ctx.sources_page) else None

            def index_href(source: Source) -> str:
                return page_href(str(index), self.info.page, self.info.files, sourcelists.source_anchor(source))

            # The cited paragraphs are on this very page: plain #p-N links.
            return sourcelists.section_sources_parts(plan, lambda n: f"#p-{n}", index_href if index else None)

        def after(self, parts: list[Part]) -> list[Part]:
            # The page ends with its sources, then the citation, unless placed by a marker.
            if self.section is not None:
                for name in ("list", "cite"):
                    if name not in self.placed:
                        parts = rstrip(parts) + ["\n"] + self.part(name)
            return parts

    def markers(info: PageInfo) -> Any:
        section = reading.section_for_uri(info.uri)
        if section is None:
            return None
        # Every section page: each paragraph gets its control, cited or not.
        plan = plan_for(section)

        def lost(item: Claim | Note) -> None:
            log.warning(
                f"{item.path}:{item.line}: the marker for {item.quote!r} found no place on "
                f"{info.uri} (its words are inside a link, heading or code there)"
            )

        return citing.make_provider(plan, lost)

    ctx.add_feature("sources", Sources)
    ctx.add_annotator("sources", markers)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    ctx = build(config)
    if ctx.claims is not None:
        s = ctx.settings
        used = cited_ids(ctx.claims, ctx.notes) | set(ctx.other_citations())
        where = " or ".join(str(s.options[k]) for k in ("claims", "notes") if k in s.options)
        for source in unused_sources(ctx.sources, used):
            log.warning(
                f"{source.path}:{source.line}: source '{source.id}' is cited by no claim, note or "
                f"other data file. Cite it (in {where}) or remove it from the registry"
            )
    return files


def _note_href(ctx: BuildContext, note: Note, info: PageInfo) -> str:
    paragraph = ctx.reading.paragraph(note.anchor.para)
    assert paragraph is not None  # load_notes anchored the note in a paragraph
    return page_href(ctx.reading.page_uri(paragraph.section), info.page, info.files, f"note-{note.id}")


def _index(ctx: BuildContext, info: PageInfo) -> list[Part]:
    reading = ctx.reading
    assert ctx.claims is not None
    uses = sourcelists.uses_by_source(ctx.sources, ctx.claims, ctx.notes, ctx.other_citations())
    glossary_page = ctx.glossary_page if info.files.get_file_from_path(ctx.glossary_page) is not None else None

    def other_href(kind: str, item: str | None) -> str | None:
        if kind == "glossary" and glossary_page and item:
            return page_href(glossary_page, info.page, info.files, item)
        return None

    return sourcelists.index_parts(
        ctx.sources,
        uses,
        lambda n: para_href(reading, n, info.page, info.files),
        lambda n: _note_href(ctx, n, info),
        other_href,
    )
