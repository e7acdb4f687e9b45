"""The lists of sources a reader sees: one at the end of each section page, one
page with every source grouped by kind, an index of the critical-reading notes,
and a suggested citation for each section.

Every string from a data file is escaped here. Links between pages come from
the caller as functions (`para_href(n)`, `note_href(note)`), so this module
needs nothing from MkDocs and works with any URL style.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .citing import KIND_LABELS, NOTE_KIND_LABELS, PagePlan, esc, format_date
from .claims import Claim, Note
from .pagepass import Html, Part, blocks
from .seed import Reading, Section
from .sources import Source
from .usage import Use

SECTION_LIST_ID = "sources-for-this-section"


def status_badge(source: Source) -> str:
    # Only `seen` reads as checked; the other two say plainly what was not done.
    return f'<span class="ar-badge ar-badge--{source.status}">{esc(source.status_label)}</span>'


def describe(source: Source) -> str:
    """Title, publisher, date, kind, locator and status, as one line of HTML."""
    bits = [esc(source.publisher), esc(format_date(source.date)), esc(KIND_LABELS[source.kind])]
    if source.locator:
        bits.append(esc(_cap(source.locator)))
    return f'<cite class="ar-source-title">{esc(source.title)}</cite>. {". ".join(bits)}. {status_badge(source)}'


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_anchor(source: Source) -> str:
    return f"src-{source.id}"


# -- End of a section page -------------------------------------------------------


def section_sources_parts(
    page: PagePlan, para_href: Callable[[int], str], index_href: Callable[[Source], str] | None = None
) -> list[Part]:
    if not page.listed:
        return []
    items = []
    for n, source in enumerate(page.listed, start=1):
        paras = ", ".join(f'<a href="{esc(para_href(p))}">¶{p}</a>' for p in page.cited_at[source.id])
        uses = (
            f' · <a href="{esc(index_href(source))}">all uses<span class="ar-sr"> of this source</span></a>'
            if index_href
            else ""
        )
        items.append(
            f'<li class="ar-source ar-source--{source.status}" id="source-{n}" data-source-id="{esc(source.id)}">'
            f'<span class="ar-source-desc" id="source-{n}-desc">{describe(source)}</span> '
            f'<span class="ar-source-links"><a class="ar-source-url" href="{esc(source.url)}">Open the source'
            f'<span class="ar-sr">: {esc(source.title)}</span></a>'
            f" · cited at {paras}{uses}</span></li>"
        )
    return [
        f"\n\n## Sources for this section {{#{SECTION_LIST_ID}}}",
        *blocks(
            '<p class="ar-sources-intro no-annotate">Numbers match the markers in the text. '
            "“checked” means the page itself was read; “address not checked” and “unverified” "
            "mean it was not, so treat those links as leads.</p>",
            f'<ol class="ar-sources no-annotate">{"".join(items)}</ol>',
        ),
    ]


# -- Cite this section ---------------------------------------------------------------


def author_apa(name: str) -> str:
    """ "Mary Ann Smith" -> "Smith, M. A." (family name last, as in the byline)."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, " + " ".join(f"{p[0]}." for p in parts[:-1])


def para_span(section: Section) -> str:
    nums = [p.number for p in section.paragraphs]
    return f"para. {nums[0]}" if len(nums) == 1 else f"paras. {nums[0]}–{nums[-1]}"


def citation_html(reading: Reading, section: Section) -> str:
    """A suggested APA-style citation of the section ("n.d." when undated)."""
    year = reading.date[:4] if reading.date else "n.d."
    series = f" [{esc(reading.series)}]" if reading.series else ""
    name = section.heading or section.title
    return (
        f"{esc(author_apa(reading.author.name))} ({esc(year)}). <em>{esc(reading.title)}</em>{series}. "
        f"{esc(reading.publisher)}. {esc(reading.url)} (section “{esc(name)}”, {para_span(section)})."
    )


def cite_parts(reading: Reading, section: Section) -> list[Part]:
    host = urlsplit(reading.url).hostname or reading.url
    if host.startswith("www."):
        host = host[4:]
    undated = "" if reading.date else " The article’s date is not in our copy, hence “n.d.” (no date)."
    cite_id = f"cite-{section.slug}"
    return [
        "\n\n## Cite this section {#cite-this-section}",
        *blocks(
            '<div class="ar-cite no-annotate">'
            f"<p>A suggested citation in APA style.{undated} Cite the original, not this site.</p>"
            f'<p class="ar-cite-text" id="{cite_id}">{citation_html(reading, section)}</p>'
            f'<p><button type="button" class="ar-cite-copy" data-ar-copy="{cite_id}" hidden>Copy citation</button></p>'
            f'<p class="ar-original"><a href="{esc(reading.url)}">Read the original article on {esc(host)}</a></p>'
            "</div>"
        ),
    ]


# -- The Sources page ---------------------------------------------------------------


@dataclass
class Uses:
    """Where one source is cited across the site."""

    claims: list[Claim] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    other: list[Use] = field(default_factory=list)  # glossary entries, timeline events, ...

    @property
    def first_para(self) -> int:
        paras = [c.anchor.para for c in self.claims] + [n.anchor.para for n in self.notes]
        return min(paras) if paras else 10**6


def uses_by_source(
    sources: dict[str, Source], claims: list[Claim], notes: list[Note], other: dict[str, list[Use]]
) -> dict[str, Uses]:
    uses = {sid: Uses() for sid in sources}
    for c in claims:
        for sid in c.sources:
            uses[sid].claims.append(c)
    for n in notes:
        for sid in n.sources:
            uses[sid].notes.append(n)
    for sid, found in other.items():
        if sid in uses:
            uses[sid].other.extend(found)
    return uses


OtherHref = Callable[[str, "str | None"], "str | None"]


def _index_item(
    source: Source, use: Uses, para_href: Callable[[int], str], note_href: Callable[[Note], str], other_href: OtherHref
) -> str:
    lines = []
    if use.claims:
        links = []
        for c in sorted(use.claims, key=lambda c: (c.anchor.para, c.anchor.start)):
            about = f' <span class="ar-about">({esc(c.about)})</span>' if c.about else ""
            links.append(f'<a href="{esc(para_href(c.anchor.para))}">¶{c.anchor.para}</a>{about}')
        lines.append(f'<span class="ar-uses-label">Cited at</span> {"; ".join(links)}')
    if use.notes:
        links = [
            f'<a href="{esc(note_href(n))}">{esc(n.title)}</a> (¶{n.anchor.para})'
            for n in sorted(use.notes, key=lambda n: n.anchor.para)
        ]
        lines.append(f'<span class="ar-uses-label">Critical-reading notes</span> {"; ".join(links)}')
    kinds: dict[str, list[str]] = {}
    for u in sorted(use.other, key=lambda u: u.label.lower()):
        href = other_href(u.kind, u.item)
        text = esc(u.label or u.kind)
        kinds.setdefault(u.kind, []).append(f'<a href="{esc(href)}">{text}</a>' if href else text)
    for kind, items in sorted(kinds.items()):
        lines.append(
            f'<span class="ar-uses-label">{esc(kind.replace("_", " ").capitalize())}</span> {", ".join(items)}'
        )
    note = f'<span class="ar-source-note">{esc(source.note)}</span>' if source.note else ""
    return (
        f'<li class="ar-source ar-source--{source.status}" id="{source_anchor(source)}">'
        f'<span class="ar-source-desc"><a class="ar-source-url" href="{esc(source.url)}">'
        f'<cite class="ar-source-title">{esc(source.title)}</cite></a>. {esc(source.publisher)}. '
        f"{esc(format_date(source.date))}.{' ' + esc(_cap(source.locator)) + '.' if source.locator else ''} {status_badge(source)}</span>"
        f"{note}" + "".join(f'<span class="ar-uses">{line}</span>' for line in lines) + "</li>"
    )


def index_parts(
    sources: dict[str, Source],
    uses: dict[str, Uses],
    para_href: Callable[[int], str],
    note_href: Callable[[Note], str],
    other_href: OtherHref = lambda kind, item: None,
) -> list[Part]:
    counts = {s: sum(1 for x in sources.values() if x.status == s) for s in ("seen", "derived", "unverified")}
    out: list[Part] = [
        Html(
            f'<p class="ar-sources-summary">{len(sources)} sources: '
            f"{sum(1 for x in sources.values() if x.kind == 'primary')} primary, "
            f"{sum(1 for x in sources.values() if x.kind == 'secondary')} secondary. "
            f"{counts['seen']} checked (the page itself was read), {counts['derived']} with the address "
            f"not checked, {counts['unverified']} unverified.</p>",
            prose=True,
        ),
        "\n",
    ]
    for kind, heading in (("primary", "Primary sources"), ("secondary", "Secondary sources")):
        group = [s for s in sources.values() if s.kind == kind]
        if not group:
            continue
        group.sort(key=lambda s: (uses[s.id].first_para, s.title.lower()))
        items = "".join(_index_item(s, uses[s.id], para_href, note_href, other_href) for s in group)
        out += [
            f"\n\n## {heading} {{#{kind}-sources}}\n\n",
            Html(f'<ul class="ar-source-index no-annotate">{items}</ul>'),
            "\n",
        ]
    return out + ["\n"]


def notes_index_parts(reading: Reading, notes: list[Note], note_href: Callable[[Note], str]) -> list[Part]:
    out: list[Part] = []
    for section in reading.sections:
        paras = {p.number for p in section.paragraphs}
        mine = sorted((n for n in notes if n.anchor.para in paras), key=lambda n: (n.anchor.para, n.anchor.start))
        if not mine:
            continue
        items = "".join(
            f'<li><a href="{esc(note_href(n))}">{esc(n.title)}</a> '
            f'<span class="ar-note-kind">({esc(NOTE_KIND_LABELS[n.kind])}, ¶{n.anchor.para})</span></li>'
            for n in mine
        )
        out += [
            "\n" if out else "",
            Html(
                f'<p class="ar-notes-section"><strong>{esc(section.heading or section.title)}</strong></p>', prose=True
            ),
            "\n\n",
            Html(f'<ul class="ar-notes-index no-annotate">{items}</ul>'),
            "\n",
        ]
    return out + ["\n"]
