"""The reading model: an article's seed text split by its manifest.

The seed is the article as plain text, one block per line, blocks separated by
blank lines. The manifest (YAML beside it) names the title, the section
headings, the pull quotes, the caption, the disclaimer, the byline and the
lines of web-page chrome; every other block is a paragraph of the article,
numbered through the whole text from 1.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .authoring import ID
from .errors import ContentError
from .yamlio import Fields, LineList, load_yaml

WORDS_PER_MINUTE = 200
SLUG = ID  # a section's slug follows the one id rule


@dataclass(frozen=True)
class Block:
    text: str
    line: int  # 1-based line in the seed file


@dataclass
class Paragraph:
    number: int
    text: str
    line: int
    section: Section = field(repr=False, compare=False)

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass
class Section:
    index: int
    slug: str
    title: str  # navigation name
    heading: str | None  # the article's own heading, None for the opening
    # Paragraphs and pull quotes in the article's order.
    items: list[Paragraph | PullQuote] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [item for item in self.items if isinstance(item, Paragraph)]

    @property
    def words(self) -> int:
        return sum(count_words(p.text) for p in self.paragraphs) + count_words(self.heading or "")


@dataclass(frozen=True)
class PullQuote:
    text: str
    line: int


@dataclass(frozen=True)
class Author:
    name: str
    role: str | None
    team: str | None


@dataclass
class Reading:
    """One article: metadata, sections and numbered paragraphs."""

    manifest_path: Path
    seed_path: Path
    title: str
    author: Author
    publisher: str
    series: str | None
    url: str
    date: str | None
    date_note: str | None
    caption: str | None
    disclaimer: str | None
    section_dir: str
    sections: list[Section]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def paragraph(self, number: int) -> Paragraph | None:
        paras = self.paragraphs
        return paras[number - 1] if 1 <= number <= len(paras) else None

    def page_uri(self, section: Section) -> str:
        """Source path of a section's page inside docs/."""
        return f"{self.section_dir}/{section.slug}.md"

    def section_for_uri(self, src_uri: str) -> Section | None:
        for section in self.sections:
            if self.page_uri(section) == src_uri:
                return section
        return None

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sections) + count_words(self.title)

    def locate(self, quote: str) -> list[tuple[Paragraph, int]]:
        """Every (paragraph, offset) where `quote` occurs in the article's paragraphs."""
        hits = []
        for p in self.paragraphs:
            start = p.text.find(quote)
            while start != -1:
                hits.append((p, start))
                start = p.text.find(quote, start + 1)
        return hits


def count_words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'\-]\w+)*", text))


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


def split_blocks(text: str) -> list[Block]:
    """Each non-blank line is a block: the seed keeps one paragraph per line."""
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped:
            blocks.append(Block(stripped, number))
    return blocks


def load_reading(manifest_path: str | Path) -> Reading:
    """Load a manifest and its seed into a `Reading`; content errors carry path:line."""
    manifest_path = Path(manifest_path)
    data = load_yaml(manifest_path)
    f = Fields(data, manifest_path, "manifest")
    f.only(
        {
            "seed",
            "sha256",
            "title",
            "author",
            "publisher",
            "series",
            "url",
            "date",
            "date_note",
            "caption",
            "disclaimer",
            "section_dir",
            "sections",
            "pull_quotes",
            "chrome",
        }
    )

    seed_path = manifest_path.parent / f.text("seed")
    try:
        raw = seed_path.read_bytes()
    except FileNotFoundError:
        raise f.error(
            "seed", f"seed file '{seed_path}' not found", "Put the article's text there or fix `seed:`"
        ) from None
    expected = f.text("sha256", required=False)
    if expected and hashlib.sha256(raw).hexdigest() != expected.lower():
        raise f.error(
            "sha256",
            "the seed's text differs from the one this manifest describes (sha256 mismatch)",
            "The article's words are never edited; restore the seed, or update `sha256` if the article itself was replaced",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
        raise ContentError(seed_path, bad_line, f"not UTF-8 text ({err.reason})", "Save the seed as UTF-8") from None

    url = f.text("url")
    if not url.startswith("https://"):
        raise f.error("url", "the article's url must start with https://")
    author_f = Fields(data.get("author"), manifest_path, "manifest author", f.line("author"))
    author_f.only({"name", "role", "team"})
    author = Author(author_f.text("name"), author_f.text("role", required=False), author_f.text("team", required=False))
    section_dir = f.text("section_dir", required=False, default="read").strip("/")

    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise f.error(
            "sections",
            "'sections' must be a list with one item per section",
            "List `- slug: ...` items, the opening first",
        )

    blocks = split_blocks(text)
    if not blocks:
        raise ContentError(seed_path, None, "the seed is empty", "Paste the article's text into it")
    claimed: dict[int, str] = {}  # block index -> role

    def find_one(value: str, role: str, key_line: int, *, anywhere: bool = True) -> int:
        hits = [i for i, b in enumerate(blocks) if b.text == value.strip()]
        if not hits:
            raise ContentError(
                manifest_path,
                key_line,
                f"{role} {value!r} is not a line of the seed",
                f"Copy it exactly from {seed_path.name} (curly quotes and dashes included)",
            )
        if len(hits) > 1:
            lines = ", ".join(str(blocks[i].line) for i in hits)
            raise ContentError(
                manifest_path,
                key_line,
                f"{role} {value!r} occurs {len(hits)} times in the seed (lines {lines})",
                "A structural line must be unique; check the seed",
            )
        if hits[0] in claimed:
            raise ContentError(manifest_path, key_line, f"{role} {value!r} is already the {claimed[hits[0]]}")
        claimed[hits[0]] = role
        return hits[0]

    title = f.text("title")
    title_at = find_one(title, "title", f.line("title"))
    caption = f.text("caption", required=False)
    if caption:
        find_one(caption, "caption", f.line("caption"))
    disclaimer = f.text("disclaimer", required=False)
    if disclaimer:
        find_one(disclaimer, "disclaimer", f.line("disclaimer"))
    for key in ("name", "role", "team"):
        value = getattr(author, key)
        if value:
            find_one(value, f"author {key}", author_f.line(key))

    chrome = f.text_list("chrome")
    for i, line in enumerate(chrome):
        find_one(line, "chrome line", data["chrome"].line_of(i))
    pull_quotes = f.text_list("pull_quotes")
    pull_at: set[int] = set()
    for i, quote in enumerate(pull_quotes):
        pull_at.add(find_one(quote, "pull quote", data["pull_quotes"].line_of(i)))

    sections: list[Section] = []
    heading_at: dict[int, Section] = {}
    seen_slugs: set[str] = set()
    for i, item in enumerate(raw_sections):
        at = raw_sections.line_of(i) if isinstance(raw_sections, LineList) else f.line("sections")
        sf = Fields(item, manifest_path, f"section {i + 1}", at)
        sf.only({"slug", "title", "heading"})
        slug = sf.text("slug")
        if not SLUG.match(slug):
            raise sf.error("slug", f"slug {slug!r} must be lowercase letters, digits and hyphens")
        if slug in seen_slugs:
            raise sf.error("slug", f"slug {slug!r} is used by two sections", "Give each section its own slug")
        seen_slugs.add(slug)
        heading = sf.text("heading", required=False)
        if i > 0 and not heading:
            raise sf.error(
                "heading",
                "only the first section (the opening) may have no heading",
                "Copy the section's heading from the seed into `heading:`",
            )
        section = Section(i, slug, sf.text("title", required=False) or heading or "", heading)
        if not section.title:
            raise sf.error("title", "the opening needs a `title:` for the navigation", "For example `title: Opening`")
        if heading:
            heading_at[find_one(heading, "heading", sf.line("heading"))] = section
        sections.append(section)

    # Walk the seed in order: the title opens the article; each heading starts its
    # section; anything not claimed by the manifest is a paragraph.
    current = sections[0]
    if sections[0].heading:
        raise ContentError(
            manifest_path,
            f.line("sections"),
            "the first section must be the untitled opening",
            "Add a first item `- slug: opening` with `title: Opening` and no heading",
        )
    expected_order = iter(sections[1:])
    number = 0
    for index, block in enumerate(blocks):
        if index < title_at:
            raise ContentError(
                seed_path,
                block.line,
                "text before the title",
                "The title must be the seed's first line; add the line to `chrome:` if it is page clutter",
            )
        if index in heading_at:
            section = heading_at[index]
            if section is not next(expected_order, None):
                raise ContentError(
                    manifest_path,
                    raw_sections.line_of(section.index) if isinstance(raw_sections, LineList) else f.line("sections"),
                    f"section {section.heading!r} is listed out of the seed's order",
                    "List the sections in the order the seed has them",
                )
            if not current.paragraphs:
                raise _empty(manifest_path, raw_sections, current, f)
            current = section
            continue
        if index in pull_at:
            current.items.append(PullQuote(block.text, block.line))
            continue
        if index in claimed:
            continue
        number += 1
        current.items.append(Paragraph(number, block.text, block.line, current))
    if not current.paragraphs:
        raise _empty(manifest_path, raw_sections, current, f)

    return Reading(
        manifest_path=manifest_path,
        seed_path=seed_path,
        title=title,
        author=author,
        publisher=f.text("publisher"),
        series=f.text("series", required=False),
        url=url,
        date=f.text("date", required=False),
        date_note=f.text("date_note", required=False),
        caption=caption,
        disclaimer=disclaimer,
        section_dir=section_dir,
        sections=sections,
    )


def _empty(manifest_path: Path, raw_sections, section: Section, f: Fields) -> ContentError:
    line = raw_sections.line_of(section.index) if isinstance(raw_sections, LineList) else f.line("sections")
    name = section.heading or section.title
    return ContentError(
        manifest_path,
        line,
        f"section {name!r} has no paragraphs",
        "Check the seed: two headings in a row, or a paragraph listed as chrome",
    )
