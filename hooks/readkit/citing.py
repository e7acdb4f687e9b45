"""Source markers and note markers inside the article, and note bodies beside it.

`plan()` numbers a section page's sources in the order the reader meets them
(claims and notes together), so the markers in the text and the list at the
end of the page agree. The markers are insertions for the single annotation
pass. Every article paragraph then gets one control built here, a `<details>`
right after it (`place_panels()`): its panel lists the paragraph's sources and
notes in reading order (the note bodies live there, as blocks cannot live
inside a `<p>`), the terms explained in it, and an empty slot for the
reader's own notes. CSS puts it in the margin on wide screens and under the
paragraph on phones. `endnotes_html()` repeats the notes for print.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .annotate import Insert, PageState, TextNode
from .authoring import esc
from .claims import Claim, Note
from .seed import Reading, Section
from .sources import Source

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
KIND_LABELS = {"primary": "Primary source", "secondary": "Secondary source"}
NOTE_KIND_LABELS = {
    "gap": "Article and source differ",
    "context": "Context",
    "sic": "Kept as in the original [sic]",
    "later": "After publication",
}


def format_date(date: str | None) -> str:
    """ "2023-11-30" -> "30 November 2023"; "2023-11" -> "November 2023"; None -> "No date"."""
    if not date:
        return "No date"
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


@dataclass
class PagePlan:
    """What one section page cites, numbered in reading order."""

    section: Section
    claims: list[Claim] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # source id -> number on the page
    listed: list[Source] = field(default_factory=list)  # sources in number order
    cited_at: dict[str, list[int]] = field(default_factory=dict)  # source id -> paragraphs

    def number(self, source_id: str) -> int:
        return self.numbers[source_id]


def plan(
    reading: Reading, section: Section, claims: list[Claim], notes: list[Note], sources: dict[str, Source]
) -> PagePlan:
    paras = {p.number for p in section.paragraphs}
    page = PagePlan(section)
    items: list[tuple[int, int, int, Claim | Note]] = []
    for c in claims:
        if c.anchor.para in paras:
            items.append((c.anchor.para, c.anchor.end, 0, c))
    for n in notes:
        if n.anchor.para in paras:
            items.append((n.anchor.para, n.anchor.end, 1, n))
    # Markers at one spot: source markers before note markers, then file order.
    items.sort(key=lambda t: (t[0], t[1], t[2], t[3].line))
    for para, _, _, item in items:
        if isinstance(item, Claim):
            page.claims.append(item)
        else:
            page.notes.append(item)
        for sid in item.sources:
            if sid not in page.numbers:
                page.numbers[sid] = len(page.numbers) + 1
                page.listed.append(sources[sid])
            at = page.cited_at.setdefault(sid, [])
            if para not in at:
                at.append(para)
    return page


# -- Inline markers (insertions for the annotation pass) ---------------------------


def source_links(page: PagePlan, ids: tuple[str, ...]) -> str:
    links = []
    for sid in ids:
        n = page.number(sid)
        links.append(
            f'<a class="ar-src-ref" href="#source-{n}" aria-describedby="source-{n}-desc" data-ar-source="{n}">'
            f'<span class="ar-sr">Source </span>{n}</a>'
        )
    return ", ".join(links)


# U+2060 WORD JOINER first: no line break between the claim's last character
# and its source numbers (after ")" or "." a line could otherwise start with
# "[17, 18]", away from the words it cites). Invisible, and not read aloud.
WORD_JOINER = "&#x2060;"


def claim_marker(page: PagePlan, claim: Claim) -> str:
    return (
        f'<sup class="ar-src" data-ar-insert data-ar-key="{esc(claim.key)}">'
        f"{WORD_JOINER}[{source_links(page, claim.sources)}]</sup>"
    )


def note_marker(note: Note) -> str:
    label = "[sic]" if note.kind == "sic" else "note"
    return (
        f'<a class="ar-note-ref ar-note-ref--{note.kind}" id="noteref-{note.id}" href="#note-{note.id}" '
        f'aria-controls="note-{note.id}" data-ar-insert data-ar-key="{esc(note.key)}">'
        f'{label}<span class="ar-sr">: {esc(note.title)}</span></a>'
    )


def short_quote(quote: str, limit: int = 48) -> str:
    """The end of a long quote, where its marker stands: "…the last few words"."""
    if len(quote) <= limit:
        return quote
    words = quote.split()
    out: list[str] = []
    while words and len(" ".join([words[-1], *out])) <= limit:
        out.insert(0, words.pop())
    return "…" + " ".join(out or [quote[-limit:]])


def note_body(page: PagePlan, note: Note) -> str:
    sources = ""
    if note.sources:
        sources = f'<p class="ar-note-sources">Sources: [{source_links(page, note.sources)}]</p>'
    return (
        f'<aside class="ar-note ar-note--{note.kind} no-annotate" id="note-{note.id}" role="note" '
        f'aria-labelledby="note-{note.id}-title" tabindex="-1" data-ar-key="notebody:{note.id}">'
        f'<p class="ar-note-head" id="note-{note.id}-title">'
        f'<span class="ar-note-kind">{esc(NOTE_KIND_LABELS[note.kind])}, on “{esc(short_quote(note.quote))}”:</span> '
        f"<strong>{esc(note.title)}</strong></p>"
        f'<div class="ar-note-body">{note.html}</div>{sources}'
        f'<p class="ar-note-back"><a href="#p-{note.anchor.para}">Back to the text of ¶{note.anchor.para}</a></p>'
        "</aside>"
    )


def markers_for(page: PagePlan) -> list[tuple[int, int, str, str, int]]:
    """(paragraph, offset, key, markup, order) of every marker on the page."""
    out = [(c.anchor.para, c.anchor.end, c.key, claim_marker(page, c), 0) for c in page.claims]
    out += [(n.anchor.para, n.anchor.end, n.key, note_marker(n), 1) for n in page.notes]
    return out


# -- Post-processing of the page's HTML ---------------------------------------------

_KEYED = re.compile(r'<(sup|a) class="ar-(?:src|note-ref)[^"]*"[^>]*data-ar-key="([^"]+)"[^>]*>.*?</\1>', re.S)


def drop_repeated_markers(text: str) -> str:
    """Keep the first marker of each key (a second pass must change nothing)."""
    seen: set[str] = set()

    def keep(m: re.Match[str]) -> str:
        if m.group(2) in seen:
            return ""
        seen.add(m.group(2))
        return m.group(0)

    return _KEYED.sub(keep, text)


_PARA = re.compile(r'<p class="ar-para" id="p-(\d+)"[^>]*>.*?</p>', re.S)
_TERM = re.compile(r'<a class="gl-term" href="([^"]*)"[^>]*?data-term="([^"]+)"')
_DEF_TERM = re.compile(r'<p class="gl-def" data-term="([^"]+)"[^>]*><span class="gl-def-term">(.*?)</span>', re.S)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def panel_html(page: PagePlan, para: int, items: list[Claim | Note], terms: list[tuple[str, str]]) -> str:
    """The paragraph's one control: a `<details>` whose panel lists its sources and
    notes in reading order, the terms explained in it (name, glossary href), and
    the empty slot the reader's own notes go in."""
    notes = [i for i in items if isinstance(i, Note)]
    cited = {sid for i in items for sid in i.sources}
    parts = [
        w
        for w in (
            _count(len(notes), "note") if notes else "",
            _count(len(cited), "source") if cited else "",
            _count(len(terms), "term") if terms else "",
        )
        if w
    ]
    label = ", ".join(parts) or "More"
    rows = []
    for item in items:
        quote = f' data-quote="{esc(item.quote)}"'
        if isinstance(item, Note):
            rows.append(f'<li class="ar-tools-note"{quote}>{note_body(page, item)}</li>')
            continue
        links = "".join(
            f'<li><a href="#source-{page.number(sid)}">[{page.number(sid)}] {esc(page.listed[page.number(sid) - 1].title)}</a></li>'
            for sid in item.sources
        )
        rows.append(
            f'<li class="ar-tools-src"{quote}><span class="ar-tools-quote">“{esc(short_quote(item.quote))}”</span>'
            f'<ul class="ar-tools-links">{links}</ul></li>'
        )
    listed = f'<ol class="ar-tools-list">{"".join(rows)}</ol>' if rows else ""
    words = ""
    if terms:
        links = ", ".join(f'<a href="{href}">{name}</a>' for name, href in terms)
        words = f'<p class="ar-tools-terms">Terms: {links}</p>'
    empty = "" if parts else " ar-tools--empty"
    return (
        f'<details class="ar-tools no-annotate{empty}" data-para="{para}">'
        f'<summary><span class="ar-sr">Paragraph {para}: </span>{label}</summary>'
        f'<div class="ar-tools-panel">{listed}{words}<div class="ar-para-mine" data-para="{para}"></div></div>'
        "</details>"
    )


def place_panels(text: str, page: PagePlan) -> str:
    """Wrap every article paragraph of the page with its control (once)."""
    items: dict[int, list[Claim | Note]] = {}
    both: list[Claim | Note] = [*page.claims, *page.notes]
    order = sorted(both, key=lambda i: (i.anchor.para, i.anchor.end, isinstance(i, Note), i.line))
    for item in order:
        items.setdefault(item.anchor.para, []).append(item)
    names = {tid: name for tid, name in _DEF_TERM.findall(text)}
    wanted = {p.number for p in page.section.paragraphs}

    def wrap(m: re.Match[str]) -> str:
        para = int(m.group(1))
        if para not in wanted:
            return m.group(0)
        terms: list[tuple[str, str]] = []
        for href, tid in _TERM.findall(m.group(0)):
            if tid in names and (names[tid], href) not in terms:
                terms.append((names[tid], href))
        return (
            f'<div class="ar-noted" data-ar-key="noted:{para}">{m.group(0)}'
            f"{panel_html(page, para, items.get(para, []), terms)}</div>"
        )

    if 'data-ar-key="noted:' in text:
        return text  # already placed by an earlier pass
    return _PARA.sub(wrap, text)


def endnotes_html(page: PagePlan) -> str:
    """The section's notes once more, in order, for print only (screen CSS hides
    them; the search index leaves them out)."""
    if not page.notes:
        return ""
    rows = []
    for note in page.notes:
        cites = f" Sources: [{', '.join(str(page.number(s)) for s in note.sources)}]." if note.sources else ""
        rows.append(
            f'<li><p class="ar-endnote-head">¶{note.anchor.para}, on “{esc(short_quote(note.quote))}”: '
            f"<strong>{esc(note.title)}</strong> ({esc(NOTE_KIND_LABELS[note.kind])}).{cites}</p>"
            f'<div class="ar-endnote-body">{note.html}</div></li>'
        )
    # A <section>: Material's search drops an excluded block at the first end
    # tag of its own name, and note bodies hold <div>s.
    return (
        f'<section class="ar-endnotes no-annotate" data-search-exclude data-ar-key="endnotes">'
        f'<p class="ar-endnotes-title">Notes on this section</p><ol>{"".join(rows)}</ol></section>'
    )


def place_endnotes(text: str, page: PagePlan) -> str:
    if 'data-ar-key="endnotes"' in text:
        return text
    block = endnotes_html(page)
    at = text.find('<div class="gl-defs"')
    return text + block if at < 0 else text[:at] + block + text[at:]


# -- The provider for the annotation pass --------------------------------------------


def make_provider(page: PagePlan, on_lost: Callable[[Claim | Note], None]) -> Any:
    """A provider placing `page`'s markers; its `finish` places the note bodies and
    calls `on_lost(item)` for any claim or note whose marker found no place."""
    by_para: dict[int, list[tuple[int, int, str, str, int]]] = {}
    for marker in markers_for(page):
        by_para.setdefault(marker[0], []).append(marker)

    def provider(node: TextNode, state: PageState) -> list[Insert]:
        out = []
        for _, at, key, markup, order in by_para.get(node.para, []) if node.para is not None else []:
            # The node holding the quote's last character (or ending right at it)
            # takes the marker; `keys_present` stops the next node taking it too.
            if key not in state.keys_present and node.para_offset <= at <= node.para_offset + len(node.text):
                out.append(Insert(at - node.para_offset, markup, key, order))
        return out

    def finish(text: str, state: PageState) -> str:
        text = drop_repeated_markers(text)
        text = place_endnotes(place_panels(text, page), page)
        items: list[Claim | Note] = [*page.claims, *page.notes]
        for item in items:
            if item.key not in state.keys_present:
                on_lost(item)
        return text

    provider.finish = finish  # type: ignore[attr-defined]
    return provider
