"""Claims and critical-reading notes: data anchored to the article by exact quotes.

A claim links a phrase of the article to the sources behind it; a note adds
our own comment (a gap between article and source, context, a [sic], a later
event) after a phrase. Both name the phrase by quoting it exactly as the seed
has it, so an anchor can never drift: a quote that matches nowhere, or in more
than one place, stops the build with the file and line at fault.

    # claims.yml                          # notes.yml
    - quote: "words of the article"       - id: a-short-id
      sources: [a-source-id]                quote: "other words of the article"
      about: what the claim is              title: A heading for the note
                                            kind: gap
                                            text: Markdown in our own words.
                                            sources: [another-source-id]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import authoring
from .authoring import ID
from .errors import ContentError
from .seed import Reading
from .sources import Source
from .yamlio import Fields, LineList, load_yaml

NOTE_KINDS = ["gap", "context", "sic", "later"]
# Characters a maintainer may type plainly where the seed has a typographic one.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits: paragraph number and character range in its text."""

    para: int
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    index: int  # 1-based position in the claims file: a stable key
    quote: str
    sources: tuple[str, ...]
    about: str | None
    anchor: Anchor
    path: str
    line: int

    @property
    def key(self) -> str:
        return f"src:{self.index}"


@dataclass(frozen=True)
class Note:
    id: str
    quote: str
    title: str
    text: str  # Markdown source, our own words
    html: str  # `text` rendered, with any raw HTML shown as text
    kind: str
    sources: tuple[str, ...]
    anchor: Anchor
    path: str
    line: int

    @property
    def key(self) -> str:
        return f"note:{self.id}"


def anchor_quote(reading: Reading, quote: str, path: str | Path, line: int | None) -> Anchor:
    """The one place `quote` occurs in the article's paragraphs, or a ContentError."""
    hits = reading.locate(quote)
    if len(hits) == 1:
        paragraph, start = hits[0]
        return Anchor(paragraph.number, start, start + len(quote))
    if hits:
        counts: dict[int, int] = {}
        for p, _ in hits:
            counts[p.number] = counts.get(p.number, 0) + 1
        where = ", ".join(f"¶{n}" + (f" ×{k}" if k > 1 else "") for n, k in counts.items())
        raise ContentError(
            path,
            line,
            f"quote {quote!r} occurs {len(hits)} times in the article ({where})",
            "Quote a few more words so it matches exactly one place",
        )
    near = _near_miss(reading, quote)
    if near:
        raise ContentError(
            path,
            line,
            f"quote {quote!r} is not in the article's paragraphs; the seed writes it {near!r}",
            "Copy the quote from the seed: its apostrophes, quotes and dashes are typographic (’ “ ” –)",
        )
    raise ContentError(
        path,
        line,
        f"quote {quote!r} is not in the article's paragraphs",
        f"Copy the words exactly from {reading.seed_path.name} (headings and pull quotes do not count)",
    )


def _near_miss(reading: Reading, quote: str) -> str | None:
    """The seed's spelling of `quote` if they differ only in quotes, dashes or spacing."""
    wanted = " ".join(quote.translate(_PLAIN).split())
    for p in reading.paragraphs:
        # The map is one character to one, so offsets carry over to the seed's text.
        at = p.text.translate(_PLAIN).find(wanted)
        if at != -1:
            return p.text[at : at + len(wanted)]
    return None


def render_note_markdown(text: str, path: str | Path, line: int | None, what: str = "note") -> str:
    """A note's Markdown (paragraphs and lists) as safe HTML, by the one
    authoring policy (readkit/authoring.py): raw HTML shows as text, links are https."""
    return authoring.render_markdown(text, path, line, inline=False, field=f"{what}, text")


def _source_ids(f: Fields, data: dict, sources: dict[str, Source], *, required: bool) -> tuple[str, ...]:
    ids = f.text_list("sources", required=required)
    seen: set[str] = set()
    for i, sid in enumerate(ids):
        value = data.get("sources")
        line = value.line_of(i) if isinstance(value, LineList) else f.line("sources")
        if sid not in sources:
            raise authoring.unknown_source(sid, sources, f.path, line, f.what)
        if sid in seen:
            raise ContentError(f.path, line, f"{f.what}: source {sid!r} is listed twice", "List each source once")
        seen.add(sid)
    return tuple(ids)


def _items(path: Path, what: str) -> LineList:
    data = load_yaml(path)
    if data is None:
        return LineList()
    if not isinstance(data, LineList):
        raise ContentError(
            path,
            getattr(data, "line", 1),
            f"the {what} file must be a YAML list",
            "Start each item with `- quote: ...`",
        )
    return data


def load_claims(path: str | Path, reading: Reading, sources: dict[str, Source]) -> list[Claim]:
    path = Path(path)
    data = _items(path, "claims")
    out: list[Claim] = []
    by_quote: dict[str, Claim] = {}
    for i, item in enumerate(data):
        f = Fields(item, path, f"claim {i + 1}", data.line_of(i))
        f.only({"quote", "sources", "about"})
        quote = f.text("quote")
        if quote in by_quote:
            raise f.error(
                "quote",
                f"quote {quote!r} is already a claim (line {by_quote[quote].line})",
                "Add the source ids to that claim instead",
            )
        claim = Claim(
            index=i + 1,
            quote=quote,
            sources=_source_ids(f, item, sources, required=True),
            about=f.text("about", required=False),
            anchor=anchor_quote(reading, quote, path, f.line("quote")),
            path=str(path),
            line=f.line(),
        )
        by_quote[quote] = claim
        out.append(claim)
    return out


def load_notes(path: str | Path, reading: Reading, sources: dict[str, Source]) -> list[Note]:
    path = Path(path)
    data = _items(path, "notes")
    out: list[Note] = []
    ids: dict[str, int] = {}
    for i, item in enumerate(data):
        f = Fields(item, path, f"note {i + 1}", data.line_of(i))
        f.only({"id", "quote", "title", "text", "kind", "sources"})
        nid = f.text("id")
        if not ID.match(nid):
            raise f.error("id", f"id {nid!r} must be lowercase letters, digits and hyphens")
        if nid in ids:
            raise f.error("id", f"duplicate note id {nid!r} (first at line {ids[nid]})", "Give each note its own id")
        ids[nid] = f.line("id")
        quote = f.text("quote")
        text = f.text("text")
        out.append(
            Note(
                id=nid,
                quote=quote,
                title=f.text("title"),
                text=text,
                html=render_note_markdown(text, path, f.line("text"), f.what),
                kind=f.choice("kind", NOTE_KINDS, default="context"),
                sources=_source_ids(f, item, sources, required=False),
                anchor=anchor_quote(reading, quote, path, f.line("quote")),
                path=str(path),
                line=f.line("id"),
            )
        )
    return out


def cited_ids(*groups: object) -> set[str]:
    """Every source id named by claims, notes or other items with `.sources`."""
    used: set[str] = set()
    for group in groups:
        for item in group:  # type: ignore[attr-defined]
            used.update(item.sources)
    return used


def unused_sources(sources: dict[str, Source], used: set[str]) -> list[Source]:
    """Registry entries nothing cites, in file order."""
    return [s for s in sources.values() if s.id not in used]
