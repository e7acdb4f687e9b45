"""The whole reading on one page, for printing: every section in order, then
the glossary as an appendix and the quiz answer key.

The article's words come from `render.article_parts`, exactly as on the
section pages (so the annotation pass treats them alike); the glossary's
definitions are the glossary's own safe HTML; quiz answers use the quiz
renderer's `answer_text`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .pagepass import Part, blocks
from .render import article_parts, disclaimer_html, esc, md_escape
from .seed import Reading

SourceInfo = Callable[[str], tuple[str, str, str]]  # id -> (title, url, status label)


def whole_reading_parts(
    reading: Reading,
    *,
    glossary: Any | None,
    notes: list,
    questions: list[tuple[str, list]],
    para_href: Callable[[int], str],
    source: SourceInfo,
) -> list[Part]:
    pieces: list[list[Part]] = []
    for section in reading.sections:
        title = section.heading or section.title
        pieces.append([f"## {md_escape(title)} {{ #section-{section.slug} .pr-section }}\n"])
        pieces.append(article_parts(reading, section))
        numbers = {p.number for p in section.paragraphs}
        mine = sorted(
            (n for n in notes if n.anchor.para in numbers), key=lambda n: (n.anchor.para, n.anchor.end, n.line)
        )
        if mine:
            pieces.append([f"### Notes on “{md_escape(title)}” {{ #notes-{section.slug} .pr-notes-heading }}\n"])
            pieces.append(blocks(notes_html(mine, source)))
    if reading.disclaimer:
        pieces.append(blocks(disclaimer_html(reading), prose=True))
    # The appendices start on a new printed page (print.css: .pr-appendix).
    if glossary is not None and glossary.entries:
        pieces.append(["## Glossary { #appendix-glossary .pr-appendix }\n"])
        pieces.append(blocks(glossary_html(glossary)))
    if questions:
        pieces.append(["## Answer key { #answer-key .pr-appendix }\n"])
        pieces.append(blocks(answer_key_html(questions, para_href)))
    out: list[Part] = []
    for i, piece in enumerate(pieces):
        out += (["\n"] if i else []) + piece
    return out


def notes_html(notes: list, source: SourceInfo) -> str:
    """A section's notes in full, each saying which words of which paragraph it is about.

    The note's text is the notes loader's safe HTML; sources are written out
    with their status so the printout names them without links."""
    from .citing import NOTE_KIND_LABELS

    out = []
    for n in notes:
        cites = ""
        if n.sources:
            names = []
            for ident in n.sources:
                title, url, status = source(ident)
                names.append(f'<a href="{esc(url)}">{esc(title)}</a> <span class="pr-status">({esc(status)})</span>')
            cites = f'<p class="pr-note-sources">Sources: {"; ".join(names)}</p>'
        out.append(
            f'<aside class="pr-note pr-note--{esc(n.kind)}" id="pr-note-{esc(n.id)}" '
            f'aria-labelledby="pr-note-{esc(n.id)}-title">'
            f'<p class="pr-note-head" id="pr-note-{esc(n.id)}-title">'
            f'<span class="pr-note-kind">{esc(NOTE_KIND_LABELS.get(n.kind, n.kind))}, ¶{n.anchor.para}:</span> '
            f"<strong>{esc(n.title)}</strong></p>"
            f'<p class="pr-note-quote">On the words “{esc(n.quote)}”</p>'
            f'<div class="pr-note-body">{n.html}</div>{cites}</aside>'
        )
    return '<div class="pr-notes no-annotate">' + "".join(out) + "</div>"


def glossary_html(glossary: Any) -> str:
    """Every entry, A to Z, as a definition list (definitions are already safe HTML)."""
    items = []
    for entry in glossary.alphabetical():
        items.append(f'<dt id="gloss-{esc(entry.id)}">{esc(entry.term)}</dt><dd>{entry.definition_html}</dd>')
    return '<dl class="pr-glossary no-annotate">' + "".join(items) + "</dl>"


def answer_key_html(questions: list[tuple[str, list]], para_href: Callable[[int], str]) -> str:
    """Questions and their answers, section by section. A checkbox leaves the
    key out of the printout (print.css); Chromium prints the content of a
    closed <details> anyway, so closing it would not do."""
    from .quiz_render import answer_text, md_inline

    out = [
        '<p class="pr-key-option no-annotate"><input type="checkbox" id="pr-omit-key"> '
        '<label for="pr-omit-key">Leave the answers out when printing</label></p>\n'
        '<details class="pr-key no-annotate" open>'
        "<summary>Answers to every quiz</summary>"
    ]
    number = 0
    for title, qs in questions:
        out.append(
            f'<p class="pr-key-section"><strong>{esc(title)}</strong></p><ol class="pr-key-list" start="{number + 1}">'
        )
        for q in qs:
            number += 1
            paras = ", ".join(f'<a href="{esc(para_href(n))}">¶{n}</a>' for n in q.paras)
            out.append(
                f'<li><p class="pr-key-q">{md_inline(q.prompt)}</p>'
                f'<p class="pr-key-a"><strong>Answer:</strong> {answer_text(q)}'
                + (f' <span class="pr-key-paras">(see {paras})</span>' if paras else "")
                + "</p></li>"
            )
        out.append("</ol>")
    out.append("</details>")
    return "".join(out)
