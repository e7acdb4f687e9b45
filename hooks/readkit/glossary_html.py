"""HTML for the glossary: term links in pages, their hidden definitions, and
the glossary page itself. Every value from the data files is escaped here or
was rendered by `glossary.render_markdown` (which escapes raw HTML first).
"""

from __future__ import annotations

import re

from .annotate import PageState, TextNode, Wrap
from .authoring import esc
from .glossary import CATEGORIES, Entry, Glossary

DEFS_BLOCK = re.compile(r'<div class="gl-defs"[^>]*>.*?</div>', re.S)
TOOLTIP_SOURCES = 2  # sources named in a tooltip; the glossary page lists all


def with_base(fragment: str, base: str) -> str:
    """Point `#entry-id` links of a rendered definition at the glossary page."""
    return fragment.replace('href="#', f'href="{esc(base)}#')


# -- In pages ------------------------------------------------------------------


def term_open_tag(entry: Entry, href: str) -> str:
    return (
        f'<a class="gl-term" href="{esc(href)}" data-ar-key="term:{entry.id}" data-term="{entry.id}" '
        f'title="{esc(entry.definition_text)}" aria-describedby="gl-def-{entry.id}">'
    )


def source_bits(entry: Entry, sources: dict, limit: int | None) -> list[str]:
    bits = []
    for sid in entry.sources[:limit]:
        s = sources[sid]
        name = esc(s.title)
        if s.status == "unverified":
            bits.append(f'{name} <span class="gl-status">({esc(s.status_label)})</span>')
            continue
        label = "" if s.checked else f' <span class="gl-status">({esc(s.status_label)})</span>'
        bits.append(f'<a href="{esc(s.url)}">{name}</a>{label}')
    return bits


def definition_block(entry: Entry, sources: dict, glossary_href: str) -> str:
    """One hidden definition: the text a screen reader hears (`gl-def-<id>`), and
    the sources line the tooltip shows under it."""
    bits = source_bits(entry, sources, TOOLTIP_SOURCES)
    more = len(entry.sources) - TOOLTIP_SOURCES
    line = ", ".join(bits) + (f" and {more} more" if more > 0 else "")
    word = "Source" if len(entry.sources) == 1 else "Sources"
    return (
        f'<p class="gl-def" data-term="{entry.id}" data-ar-key="gl-def:{entry.id}">'
        f'<span class="gl-def-term">{esc(entry.term)}</span> '
        f'<span class="gl-def-text" id="gl-def-{entry.id}">{with_base(entry.definition_html, glossary_href)}</span> '
        f'<span class="gl-def-sources">{word}: {line}</span></p>'
    )


class TermProvider:
    """The glossary's part of the annotation pass on one page."""

    def __init__(
        self, glossary: Glossary, sources: dict, glossary_href: str, mark: str, found: set[str] | None = None
    ) -> None:
        self.glossary = glossary
        self.sources = sources
        self.href = glossary_href  # the glossary page, relative to this page
        self.mark = mark
        self.found = found if found is not None else set()  # entries met anywhere, marked or not

    def __call__(self, node: TextNode, state: PageState) -> list[Wrap]:
        out = []
        here: set[str] = set()
        for m in self.glossary.matcher.find(node.text):
            self.found.add(m.entry)
            entry = self.glossary.entries[m.entry]
            policy = entry.mark or self.mark
            key = f"term:{entry.id}"
            if policy == "none" or (policy == "first" and (key in state.keys_present or entry.id in here)):
                continue
            here.add(entry.id)
            out.append(Wrap(m.start, m.end, term_open_tag(entry, f"{self.href}#{entry.id}"), "</a>", key))
        return out

    def finish(self, page_html: str, state: PageState) -> str:
        """Append the hidden definitions of the terms marked on this page (once)."""
        page_html = DEFS_BLOCK.sub("", page_html)
        ids = sorted(k[5:] for k in state.keys_present if k.startswith("term:") and k[5:] in self.glossary.entries)
        if not ids:
            return page_html
        blocks = "".join(definition_block(self.glossary.entries[i], self.sources, self.href) for i in ids)
        # Hidden, and kept out of the search index (it would match every page using a term).
        return (
            page_html
            + f'<div class="gl-defs" hidden data-search-exclude data-ar-insert="" data-ar-key="gl-defs">{blocks}</div>'
        )


# -- The glossary page ---------------------------------------------------------


def letter_id(letter: str) -> str:
    return "gl-letter-0" if letter == "#" else f"gl-letter-{letter.lower()}"


def index_html(glossary: Glossary, sources: dict, back_links: dict[str, list[tuple[int, str]]]) -> str:
    """The whole glossary: jump bar, category filter, entries by letter, and a
    plain list by category (what the filter falls back to without JavaScript).

    back_links: entry id -> [(paragraph number, href)] where the term occurs.
    """
    entries = glossary.alphabetical()
    letters: dict[str, list[Entry]] = {}
    for e in entries:
        letters.setdefault(e.letter, []).append(e)
    out = ['<div class="gl-index no-annotate">']
    out.append(_jump_bar(letters))
    out.append(_filter(entries))
    out.append('<div class="gl-entries">')
    for letter, group in letters.items():
        lid = letter_id(letter)
        shown = "0–9" if letter == "#" else letter
        out.append(f'<section class="gl-letter" aria-labelledby="{lid}"><h2 id="{lid}">{shown}</h2>')
        out.extend(_entry(e, glossary, sources, back_links.get(e.id, [])) for e in group)
        out.append("</section>")
    out.append("</div>")
    out.append(_by_category(entries))
    out.append("</div>")
    return "\n".join(out)


def _jump_bar(letters: dict[str, list[Entry]]) -> str:
    links = []
    for letter in ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]:
        shown = "0–9" if letter == "#" else letter
        if letter in letters:
            links.append(f'<li><a href="#{letter_id(letter)}">{shown}</a></li>')
        elif letter != "#":
            links.append(f'<li><span class="gl-jump-none" aria-hidden="true">{shown}</span></li>')
    links.append('<li><a href="#gl-by-category">By category</a></li>')
    return f'<nav class="gl-jump" aria-label="Glossary: jump to a letter"><ul>{"".join(links)}</ul></nav>'


def _filter(entries: list[Entry]) -> str:
    # `hidden` for readers without JavaScript, for whom the list by category
    # at the end of the page does the same job; glossary.css shows it from the
    # first paint where scripts run, and the script makes it work.
    counts = {c: sum(1 for e in entries if e.category == c) for c in CATEGORIES}
    options = [f'<label><input type="radio" name="gl-category" value="" checked> All ({len(entries)})</label>']
    for cat, label in CATEGORIES.items():
        if counts[cat]:
            options.append(
                f'<label><input type="radio" name="gl-category" value="{cat}"> {esc(label)} ({counts[cat]})</label>'
            )
    return (
        '<form class="gl-filter" hidden><fieldset><legend>Show terms of one kind</legend>'
        + "".join(options)
        + '</fieldset><p class="gl-filter-status" role="status" aria-live="polite"></p></form>'
    )


def _entry(e: Entry, glossary: Glossary, sources: dict, links: list[tuple[int, str]]) -> str:
    parts = [
        f'<article class="gl-entry" id="{e.id}" data-category="{e.category}" aria-labelledby="{e.id}-term">',
        f'<h3 class="gl-entry-term" id="{e.id}-term">{esc(e.term)}</h3>',
        f'<p class="gl-entry-category">{esc(e.category_label)}</p>',
        f'<p class="gl-entry-def">{e.definition_html}</p>',
    ]
    if e.note_html:
        note = e.note_html if e.note_html.startswith("<") else f"<p>{e.note_html}</p>"
        parts.append(f'<div class="gl-entry-note">{note}</div>')
    items = []
    for sid, _bit in zip(e.sources, source_bits(e, sources, None)):
        s = sources[sid]
        date = f", {esc(s.date)}" if s.date else ""
        status = f'<span class="gl-status gl-status-{s.status}">{esc(s.status_label)}</span>'
        title = f"<cite>{esc(s.title)}</cite>"
        if s.status != "unverified":
            title = f'<a href="{esc(s.url)}">{title}</a>'
        items.append(f"<li>{title}, {esc(s.publisher)}{date}. {status}</li>")
    word = "Source" if len(items) == 1 else "Sources"
    parts.append(f'<p class="gl-entry-label">{word}</p><ul class="gl-entry-sources">{"".join(items)}</ul>')
    if e.related:
        rel = ", ".join(f'<a href="#{r}">{esc(glossary.entries[r].term)}</a>' for r in e.related)
        parts.append(f'<p class="gl-entry-related">Related: {rel}</p>')
    if links:
        paras = ", ".join(f'<a href="{esc(href)}" aria-label="paragraph {n}">¶{n}</a>' for n, href in links)
        parts.append(f'<p class="gl-entry-uses">In the article: {paras}</p>')
    parts.append("</article>")
    return "".join(parts)


def _by_category(entries: list[Entry]) -> str:
    out = ['<section class="gl-by-category" aria-labelledby="gl-by-category"><h2 id="gl-by-category">By category</h2>']
    for cat, label in CATEGORIES.items():
        group = [e for e in entries if e.category == cat]
        if group:
            links = "".join(f'<li><a href="#{e.id}">{esc(e.term)}</a></li>' for e in group)
            out.append(f'<h3 id="gl-cat-{cat}">{esc(label)}</h3><ul class="gl-cat-list">{links}</ul>')
    out.append("</section>")
    return "".join(out)


def occurrences(glossary: Glossary, paragraphs: list) -> dict[str, list[int]]:
    """entry id -> numbers of the article paragraphs it occurs in (every match)."""
    out: dict[str, list[int]] = {}
    for p in paragraphs:
        for m in glossary.matcher.find(p.text):
            nums = out.setdefault(m.entry, [])
            if not nums or nums[-1] != p.number:
                nums.append(p.number)
    return out
