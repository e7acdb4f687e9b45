"""HTML for quizzes in `check` mode: the questions, and nothing that knows
the answers.

A check quiz carries no answer in any form: no "Show answer", no feedback,
no explanation, no correct flag, no hash. Even the order must not tell: the
authored order often puts the right option first, and an ordering
question's shuffle is a function of its id anyone can repeat, so options and
items are shown in alphabetical order (a function of the set alone), and
inputs are named by their place on screen. Without JavaScript it is a plain
question sheet; quiz.js saves the choices on the device and lets the student
download or print them, with their name and the date, to hand in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .quiz import Question
from .quiz_render import HOW, esc, md_inline, numeric_input, option_list, reread_html

Href = Callable[[int], str]


def _plain(markdown_text: str) -> str:
    """Sort key: the text as read, without Markdown punctuation or case."""
    return re.sub(r"[*_`\[\]()]", "", markdown_text).casefold()


def shown_options(q: Question) -> list[str]:
    """The option texts in the order a check quiz shows them."""
    if q.type == "truefalse":
        return [o.text for o in q.options]  # True, False: the same for every question
    return sorted((o.text for o in q.options), key=_plain)


def shown_items(q: Question) -> list[str]:
    return sorted(q.items, key=_plain)


def question_html(q: Question, number: int, total: int, href: Href, store: str, *, page_title: str, seq: int) -> str:
    qid = f"quiz-{q.id}"
    tag = '<span class="quiz-tag">Read critically</span> ' if q.critical else ""
    legend = (
        f'<legend id="{qid}-legend"><span class="quiz-num">Question {number} of {total}</span> '
        f'{tag}<span class="quiz-prompt">{md_inline(q.prompt)}</span></legend>'
    )
    return "\n".join(
        [
            f'<section class="quiz quiz--check" id="{qid}" data-quiz-id="{esc(q.id)}" data-quiz-type="{q.type}" '
            f'data-quiz-mode="check" data-quiz-store="{esc(store)}" data-quiz-page="{esc(page_title)}" '
            f'data-quiz-seq="{seq}" data-quiz-n="{number}">',
            '<fieldset class="quiz-fieldset">',
            legend,
            f'<p class="quiz-how">{HOW[q.type]}</p>',
            _inputs(q, qid),
            "</fieldset>",
            reread_html(q, href),
            '<p class="quiz-status" role="status"></p>',
            "</section>",
        ]
    )


def _inputs(q: Question, qid: str) -> str:
    if q.type in ("single", "truefalse", "multiple"):
        keys = "tf" if q.type == "truefalse" else [chr(ord("a") + i) for i in range(len(q.options))]
        shown = [
            (key, "" if q.type == "truefalse" else f"{key.upper()}. ", text)
            for key, text in zip(keys, shown_options(q))
        ]
        return option_list(q, qid, shown)
    if q.type == "numeric":
        return numeric_input(q, qid, f' data-unit="{esc(q.unit or "")}"')
    items = shown_items(q)
    n = len(items)
    rows = []
    for place, text in enumerate(items):
        iid = f"{qid}-s{place}"
        choices = '<option value="">–</option>' + "".join(f'<option value="{p}">{p}</option>' for p in range(1, n + 1))
        rows.append(
            f'<li class="quiz-item" data-item="s{place}"><select id="{iid}" name="{iid}">{choices}</select>'
            f'<label for="{iid}">{md_inline(text)}</label></li>'
        )
    return f'<ul class="quiz-items">{"".join(rows)}</ul>'


def handin_html(store: str, reading_title: str, count: int, progress_href: str | None, script_src: str) -> str:
    """Name, date, download and print for the answers (quiz-check.js, at
    `script_src`, shows it); without JavaScript, lines to write the name and
    date on the printout."""
    link = (
        f' <a class="quiz-progress-link" href="{esc(progress_href)}">Your answers in every section</a>'
        if progress_href
        else ""
    )
    questions = "1 question" if count == 1 else f"{count} questions"
    return (
        f'<section class="quiz-handin no-annotate" aria-labelledby="quiz-handin-title" data-quiz-store="{esc(store)}"'
        f' data-quiz-reading="{esc(reading_title)}" data-quiz-check-src="{esc(script_src)}">'
        '<h2 id="quiz-handin-title">Hand in your answers</h2>'
        f'<p class="quiz-handin-nojs">{questions} to answer on paper. Name: ____________________ '
        "Date: ____________</p>"
        '<div class="quiz-handin-js" hidden>'
        f"<p>{questions} in this section, checked by your teacher: this page does not say which answers are right. "
        "Your choices are saved on this device as you make them; nothing is sent anywhere. "
        "The download and the printout hold your name, the date and your answers (the download: "
        "from every section you have answered on this device).</p>"
        '<p><label for="quiz-handin-name">Your name</label> '
        '<input type="text" id="quiz-handin-name" class="quiz-handin-name" autocomplete="name"></p>'
        '<p><button type="button" class="md-button md-button--primary quiz-download">Download my answers</button> '
        '<button type="button" class="md-button quiz-print">Print my answers</button></p>'
        '<p class="quiz-handin-status" role="status"></p>'
        f'<p class="quiz-handin-who"></p>{link}</div></section>'
    )
