"""Markdown and HTML for the article's own words.

The article's text goes into pages as finished HTML (prose fragments, see
readkit.pagepass) with every character escaped: Markdown never parses it,
so nothing in the seed can turn into Markdown markup, and curly quotes,
dashes and ellipses come through as they are.
"""

from __future__ import annotations

import posixpath

from .authoring import esc
from .pagepass import Part, blocks
from .seed import Paragraph, PullQuote, Reading, Section, reading_minutes
from .typeset import mark_quotations

# Python-Markdown's backslash-escapable characters (its ESCAPED_CHARS).
_MD_SPECIAL = set("\\`*_{}[]()>#+-.!")


def md_escape(text: str) -> str:
    """Escape text for a Markdown heading: backslash the markup characters."""
    out = []
    for ch in text:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def paragraph_html(p: Paragraph) -> str:
    return (
        f'<p class="ar-para" id="{p.anchor}" data-para="{p.number}">'
        f'<a class="ar-pnum" href="#{p.anchor}" aria-label="Paragraph {p.number}" title="Link to paragraph {p.number}">{p.number}</a>'
        f'<span class="ar-text">{mark_quotations(esc(p.text))}</span></p>'
    )


def pull_quote_html(q: PullQuote) -> str:
    # The sentence is already in a paragraph: show it, but keep it from screen readers.
    return f'<aside class="ar-pullquote" aria-hidden="true"><p>{esc(q.text)}</p></aside>'


def page_heading(reading: Reading, section: Section) -> list[Part]:
    """The page's H1 (the article's title on the opening, else its heading),
    the line under it (where the section stands and how long it takes), and
    the layers control."""
    text = section.heading if section.heading else reading.title
    return [
        f"# {md_escape(text)}",
        *blocks(f'<div class="ar-meta no-annotate"><p>{section_meta(reading, section)}</p></div>', modes_html()),
    ]


# The reader's choice of how much help the page shows: (value, label, what it does).
# The value goes on <html data-reading-mode>; the first is the default.
MODES = (
    (
        "read",
        "Just read",
        "The article alone. Each paragraph’s notes, sources and terms open from the small button next to it.",
    ),
    (
        "study",
        "Study",
        "Everything: terms underlined, source numbers, notes beside the text (under each paragraph on a phone), "
        "previews on hover or tap.",
    ),
    ("explain", "Explain words", "Just read, with a short definition in brackets after each term."),
    ("plain", "No pop-ups", "Like Study, but terms and source numbers are plain links: no previews open."),
)


def modes_html() -> str:
    """The layers control: plain radio buttons, hidden where scripts do not run
    (reading.js makes them work; CSS shows them from the first paint)."""
    options = "".join(
        f'<label><input type="radio" name="ar-mode" value="{value}" data-hint="{esc(hint)}"'
        f"{' checked' if i == 0 else ''}> {esc(label)}</label>"
        for i, (value, label, hint) in enumerate(MODES)
    )
    return (
        '<form class="ar-modes no-annotate" hidden><fieldset><legend>How to read</legend>'
        f'{options}</fieldset><p class="ar-modes-hint" aria-live="polite">{esc(MODES[0][2])}</p></form>'
    )


def article_parts(reading: Reading, section: Section) -> list[Part]:
    """The section's words: prose fragments, one per block."""
    items = []
    if section.index == 0 and reading.caption:
        items.append(
            '<div class="ar-caption"><p><span class="ar-caption-label">Lead image, not reproduced here. Its caption: </span>'
            f'<span class="ar-caption-text">{esc(reading.caption)}</span></p></div>'
        )
    for item in section.items:
        items.append(paragraph_html(item) if isinstance(item, Paragraph) else pull_quote_html(item))
    return blocks(*items, prose=True)


def para_span(section: Section) -> str:
    """ "¶4–5", or "¶12" for a one-paragraph section."""
    first, last = section.paragraphs[0].number, section.paragraphs[-1].number
    return f"¶{first}–{last}" if last > first else f"¶{first}"


def section_meta(reading: Reading, section: Section) -> str:
    span = para_span(section)
    total = len(reading.sections)
    return esc(f"Section {section.index + 1} of {total} · {span} · about {reading_minutes(section.words)} min read")


def rel(from_uri: str, to_uri: str) -> str:
    """Relative link between two docs/ source paths (MkDocs resolves .md links)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def contents_markdown(reading: Reading, page_uri: str) -> str:
    lines = []
    for s in reading.sections:
        name = md_escape(s.heading or s.title)
        lines.append(
            f"{s.index + 1}. [{name}]({rel(page_uri, reading.page_uri(s))}) "
            f"({para_span(s)}, about {reading_minutes(s.words)} min)"
        )
    return "\n".join(lines) + "\n"


def attribution_html(reading: Reading) -> str:
    a = reading.author
    who = esc(a.name) + (f", {esc(a.role)}" if a.role else "") + (f" ({esc(a.team)})" if a.team else "")
    series = f" {esc(reading.series)}" if reading.series else ""
    date = esc(reading.date) if reading.date else esc(reading.date_note or "Not given in our copy")
    return (
        '<dl class="ar-attribution no-annotate">'
        f"<dt>Article</dt><dd><cite>{esc(reading.title)}</cite></dd>"
        f"<dt>Author</dt><dd>{who}</dd>"
        f"<dt>Published by</dt><dd>{esc(reading.publisher)}{series}</dd>"
        f"<dt>Date</dt><dd>{date}</dd>"
        f'<dt>Original</dt><dd><a href="{esc(reading.url)}">Read the original on the publisher’s site</a></dd>'
        f"<dt>Reading time</dt><dd>about {reading_minutes(reading.words)} minutes ({reading.words:,} words in {len(reading.paragraphs)} paragraphs)</dd>"
        "</dl>"
    )


def disclaimer_html(reading: Reading) -> str:
    if not reading.disclaimer:
        return ""
    return f'<blockquote class="ar-disclaimer"><p>{esc(reading.disclaimer)}</p></blockquote>'
