"""HTML for quiz questions, the printed answer key, the section score and the
progress table.

The HTML works without JavaScript: every question is a fieldset with real
inputs and labels, and its answer, per-option feedback, explanation and
"re-read" links sit in a <details> one click away. quiz.js adds Check, Try
again and Show answer on top, reading the answer from that <details>.
Every piece of author text is escaped before Markdown sees it.
"""

from __future__ import annotations

from collections.abc import Callable

from .authoring import esc, markdown_html
from .quiz import Question

HOW = {
    "single": "Choose one answer.",
    "truefalse": "Choose true or false.",
    "multiple": "Choose all the answers that apply.",
    "numeric": "Type a number.",
    "ordering": "Give each item its place in time: 1 for the earliest.",
}
Href = Callable[[int], str]  # paragraph number -> link


def md_block(text: str) -> str:
    """Author Markdown (an explanation) as HTML by the one authoring policy
    (readkit/authoring.py): raw HTML shows as text, links are https only."""
    return markdown_html(text, inline=False)


def md_inline(text: str) -> str:
    """A one-paragraph field (prompt, option, item, feedback) as inline HTML, same policy."""
    return markdown_html(text, inline=True)


def _count(n: int) -> str:
    return f"{n} question" if n == 1 else f"{n} questions"


def _num(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 10000 else f"{value:.10g}"


def reread_html(q: Question, href: Href) -> str:
    # Visible "¶4", spoken "paragraph 4" (the symbol is not part of the label
    # a speech user must say, so the name still matches what is shown).
    links = [
        f'<a class="quiz-reread-link" href="{esc(href(n))}" data-para="{n}" aria-label="paragraph {n}">¶{n}</a>'
        for n in q.paras
    ]
    joined = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
    return f'<p class="quiz-reread">Re-read {joined} to check.</p>'


def answer_text(q: Question) -> str:
    """The right answer in one line of HTML (for the key and <details>)."""
    if q.type in ("single", "truefalse", "multiple"):
        parts = [f"{_letter(q, o.key)}{md_inline(o.text)}" for o in q.correct_options]
        return "<br>".join(parts)  # several right answers: one per line
    if q.type == "numeric":
        assert q.answer is not None
        unit = f" {esc(q.unit)}" if q.unit else ""
        text = f"{_num(q.answer)}{unit}"
        if q.tolerance:
            text += f" (anything from {_num(q.answer - q.tolerance)} to {_num(q.answer + q.tolerance)} counts)"
        return text
    return " → ".join(f"{i + 1}. {md_inline(item)}" for i, item in enumerate(q.items))


def _letter(q: Question, key: str) -> str:
    return "" if q.type == "truefalse" else f"{key.upper()}. "


def question_html(q: Question, number: int, total: int, href: Href, store: str) -> str:
    qid = f"quiz-{q.id}"
    tag = '<span class="quiz-tag">Read critically</span> ' if q.critical else ""
    legend = (
        f'<legend id="{qid}-legend"><span class="quiz-num">Question {number} of {total}</span> '
        f'{tag}<span class="quiz-prompt">{md_inline(q.prompt)}</span></legend>'
    )
    parts = [
        f'<section class="quiz" id="{qid}" data-quiz-id="{esc(q.id)}" data-quiz-type="{q.type}" data-quiz-store="{esc(store)}">',
        '<fieldset class="quiz-fieldset">',
        legend,
        f'<p class="quiz-how">{HOW[q.type]}</p>',
        _inputs(q, qid),
        "</fieldset>",
        '<div class="quiz-actions" hidden>'
        '<button type="button" class="md-button md-button--primary quiz-check">Check</button> '
        '<button type="button" class="md-button quiz-retry" hidden>Try again</button> '
        '<button type="button" class="md-button quiz-show">Show answer</button></div>',
        '<p class="quiz-status" role="status"></p>',
        '<div class="quiz-result" hidden></div>',
        # Answers stay out of the site search, so searching does not give them away.
        f'<details class="quiz-answer" data-search-exclude><summary>Show answer</summary><div class="quiz-answer-body">{_answer_body(q, href)}</div></details>',
        "</section>",
    ]
    return "\n".join(parts)


def option_list(q: Question, qid: str, options: list[tuple[str, str, str]]) -> str:
    """The choice inputs of a single, true/false or multiple question, for
    both quiz modes: `options` is [(key, letter shown, option Markdown)]."""
    kind = "checkbox" if q.type == "multiple" else "radio"
    rows = []
    for key, letter, text in options:
        iid = f"{qid}-{key}"
        rows.append(
            f'<li class="quiz-option" data-option="{key}"><input type="{kind}" id="{iid}" name="{qid}" value="{key}">'
            f'<label for="{iid}"><span class="quiz-letter">{letter}</span>{md_inline(text)}</label></li>'
        )
    return f'<ul class="quiz-options">{"".join(rows)}</ul>'


def numeric_input(q: Question, qid: str, extra: str = "") -> str:
    """The number field of a numeric question, for both quiz modes (`extra`: more attributes)."""
    unit = f" ({esc(q.unit)})" if q.unit else ""
    shown = f' <span class="quiz-unit" aria-hidden="true">{esc(q.unit)}</span>' if q.unit else ""
    return (
        f'<p class="quiz-numeric"><label for="{qid}-n">Your answer{unit}</label> '
        f'<input type="number" id="{qid}-n" name="{qid}" step="any" inputmode="decimal" autocomplete="off"{extra}>'
        f"{shown}</p>"
    )


def _inputs(q: Question, qid: str) -> str:
    if q.type in ("single", "truefalse", "multiple"):
        return option_list(q, qid, [(o.key, _letter(q, o.key), o.text) for o in q.options])
    if q.type == "numeric":
        return numeric_input(q, qid)
    n = len(q.items)
    rows = []
    for index in q.display_order():
        iid = f"{qid}-i{index}"
        choices = '<option value="">–</option>' + "".join(f'<option value="{p}">{p}</option>' for p in range(1, n + 1))
        rows.append(
            f'<li class="quiz-item" data-item="{index}"><select id="{iid}" name="{iid}">{choices}</select>'
            f'<label for="{iid}">{md_inline(q.items[index])}</label></li>'
        )
    return f'<ul class="quiz-items">{"".join(rows)}</ul>'


def _answer_body(q: Question, href: Href) -> str:
    out = [f'<p class="quiz-answer-line"><strong>Answer:</strong> {answer_text(q)}</p>']
    if q.type in ("single", "truefalse", "multiple"):
        rows = []
        for o in q.options:
            verdict = "Right" if o.correct else "Wrong"
            icon = "✓" if o.correct else "✗"
            fb = f" – {md_inline(o.feedback)}" if o.feedback else ""
            rows.append(
                f'<li class="quiz-fb-{verdict.lower()}" data-option="{o.key}" data-correct="{str(o.correct).lower()}">'
                f'<span class="quiz-icon" aria-hidden="true">{icon}</span> <strong>{verdict}:</strong> '
                f'{_letter(q, o.key)}{md_inline(o.text)}<span class="quiz-fb-text">{fb}</span></li>'
            )
        out.append(f'<ul class="quiz-key-options">{"".join(rows)}</ul>')
    elif q.type == "numeric":
        assert q.answer is not None
        out.append(
            f'<p class="quiz-numeric-key" hidden data-answer="{q.answer!r}" data-tolerance="{q.tolerance!r}"'
            f' data-unit="{esc(q.unit or "")}"></p>'
        )
        rows = [
            f'<li data-value="{m.answer!r}"><strong>If you got {_num(m.answer)}:</strong> '
            f'<span class="quiz-fb-text">{md_inline(m.feedback)}</span></li>'
            for m in q.mistakes
        ]
        if q.feedback:
            rows.append(
                f'<li data-value="other"><strong>Any other number:</strong> <span class="quiz-fb-text">{md_inline(q.feedback)}</span></li>'
            )
        if rows:
            out.append(f'<ul class="quiz-key-mistakes">{"".join(rows)}</ul>')
    else:
        rows = [f'<li data-item="{i}">{md_inline(item)}</li>' for i, item in enumerate(q.items)]
        out.append(f'<ol class="quiz-key-order">{"".join(rows)}</ol>')
    out.append(f'<div class="quiz-explanation">{md_block(q.explanation)}</div>')
    out.append(reread_html(q, href))
    return "".join(out)


def key_html(questions: list[Question], href: Href) -> str:
    """The printed answer key for a page (hidden on screen)."""
    rows = []
    for i, q in enumerate(questions, start=1):
        paras = ", ".join(f"¶{n}" for n in q.paras)
        rows.append(
            f'<li><strong>Question {i}:</strong> {answer_text(q)} <span class="quiz-key-paras">(re-read {paras})</span></li>'
        )
    return (
        '<section class="quiz-key no-annotate" aria-label="Answer key" data-search-exclude>'
        f"<h2>Answer key</h2><ol>{''.join(rows)}</ol></section>"
    )


def score_html(questions: list[Question], store: str, progress_href: str | None) -> str:
    """The section's score line; quiz.js fills it in (the text is the no-JS fallback)."""
    ids = " ".join(q.id for q in questions)
    link = (
        f' <a class="quiz-progress-link" href="{esc(progress_href)}">Your progress in every section</a>'
        if progress_href
        else ""
    )
    return (
        f'<div class="quiz-score no-annotate" data-quiz-ids="{esc(ids)}" data-quiz-store="{esc(store)}">'
        f'<p><span class="quiz-score-text">{_count(len(questions))} in this section. '
        f"Each answer is under its “Show answer”.</span>{link}</p></div>"
    )


def progress_html(
    rows: list[tuple[str, str, list[Question]]],
    store: str,
    *,
    checked: set[int] | frozenset[int] = frozenset(),
    check_store: str = "",
) -> str:
    """Progress over every section: a table quiz.js fills from saved answers.
    Rows in `checked` are check quizzes: they count answers given, not right ones."""
    body = []
    total = 0
    practice_ids = []
    for i, (title, href, questions) in enumerate(rows):
        ids = " ".join(q.id for q in questions)
        mark = ' data-quiz-check=""' if i in checked else ""
        if i not in checked:
            total += len(questions)
            practice_ids += [q.id for q in questions]
        body.append(
            f'<tr data-quiz-ids="{esc(ids)}"{mark}><th scope="row"><a href="{esc(href)}">{esc(title)}</a></th>'
            f'<td>{len(questions)}</td><td class="quiz-p-right">–</td><td class="quiz-p-shown">–</td></tr>'
        )
    all_ids = " ".join(practice_ids)
    check_attr = f' data-quiz-check-store="{esc(check_store)}"' if checked and check_store else ""
    # The total counts practice questions only (check ones are not marked here).
    foot = (
        (
            f'<tfoot><tr data-quiz-ids="{esc(all_ids)}"><th scope="row">All sections</th><td>{total}</td>'
            '<td class="quiz-p-right">–</td><td class="quiz-p-shown">–</td></tr></tfoot>'
        )
        if practice_ids
        else ""
    )
    return (
        f'<div class="quiz-progress no-annotate" data-quiz-store="{esc(store)}"{check_attr}>'
        "<table><caption>Questions answered correctly, by section</caption>"
        '<thead><tr><th scope="col">Section</th><th scope="col">Questions</th>'
        '<th scope="col">Right</th><th scope="col">Answer shown</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody>"
        f"{foot}</table>"
        '<p class="quiz-progress-status">Your answers are kept in this browser only, and only '
        "when JavaScript is on. Nothing is sent anywhere.</p>"
        '<p class="quiz-progress-actions" hidden><button type="button" class="md-button quiz-reset">'
        "Reset my progress</button></p></div>"
    )
