"""Hook: quiz blocks become questions with feedback, a printed answer key,
a section score and a progress page.

on_files reads every page's quiz blocks into the build context's quiz bank
and validates them all (so a duplicate id anywhere, or a paragraph that does
not exist, stops the build with the page file's line). on_config registers
the quiz feature with the marker pass: each block (`<!-- quiz` ... `-->`,
or the older `/// quiz` ... `///`) becomes its question where it stands, as
a finished fragment, and `<!-- quiz:progress -->` the progress table; once
the page's HTML is complete, the feature checks that every block became a
question and adds the score line and the answer key.

Each page's quizzes have a mode (readkit/edition.py): `practice` (answers
to check yourself) or `check` (readkit/quiz_check.py: no answers, choices
handed in). The printed answer key is in the teacher edition only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.utils import get_relative_url

from readkit import edition, quiz_check, quiz_render
from readkit.context import BuildContext
from readkit.errors import ContentError
from readkit.markers import masked
from readkit.pagepass import Html, PageInfo, Part, Span, blocks
from readkit.quiz import Question, check_paras, check_quotes, check_unique, find_blocks, load_page

from _common import build, errors, page_href, para_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

PROGRESS_MARKER = re.compile(r"<!--\s*quiz:progress\s*-->")
CHECK_SCRIPT = "assets/js/quiz-check.js"  # fetched by quiz.js on pages with a check quiz


# -- Hooks --------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ctx = build(config)
    ctx.add_feature("quiz", lambda info: Quizzes(ctx, info))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    ctx = build(config)
    bank = ctx.quiz
    reading = ctx.reading
    everything: list[Question] = []
    with errors():
        for file in files.documentation_pages():
            path = _display_path(file, config)
            # The page as this edition shows it (the other edition's passages
            # blanked, so every line keeps its number).
            source = edition.for_edition(file.content_string, ctx.edition.name, path, keep_lines=True)
            questions = load_page(source, path, file.src_uri)
            for q in questions:
                check_paras(q, len(reading.paragraphs), path)
                check_quotes(q, reading.locate, path)
            if questions:
                bank.by_page[file.src_uri] = questions
                everything += questions
                bank.mode[file.src_uri] = ctx.edition.quiz_mode(
                    edition.page_quiz(edition.front_matter(source, path), path)
                )
            if bank.progress_page is None and PROGRESS_MARKER.search(masked(source)):
                bank.progress_page = file.src_uri
        check_unique(everything)
    return files


class Quizzes:
    """The quiz feature on one page (see readkit.pagepass.Feature)."""

    def __init__(self, ctx: BuildContext, info: PageInfo) -> None:
        self.ctx = ctx
        self.info = info
        self.questions = ctx.quiz.by_page.get(info.uri, [])
        self.check = ctx.quiz.mode.get(info.uri) == "check"
        self.handlers = {"progress": lambda m: blocks(_progress(ctx, info))}

    def spans(self, markdown: str) -> list[Span]:
        if not self.questions:
            return []
        by_line = {q.line: q for q in self.questions}
        reading = self.ctx.reading
        section = reading.section_for_uri(self.info.uri)
        title = section.title if section else str(self.info.page.meta.get("title") or self.info.uri)
        first = _first_number(self.ctx, self.info.uri)
        store, check_key = _store_key(self.ctx), _check_key(self.ctx)
        total = len(self.questions)

        def href(n: int) -> str:
            return para_href(reading, n, self.info.page, self.info.files)

        out = []
        for block in find_blocks(markdown, self.info.path, self.info.offset):
            q = by_line.get(block.line)
            if q is None:
                continue  # in a passage of the other edition: the pass leaves it out
            number = self.questions.index(q) + 1

            def question(q: Question = q, number: int = number) -> list[Part]:
                if self.check:
                    html = quiz_check.question_html(
                        q, number, total, href, check_key, page_title=title, seq=first + number
                    )
                else:
                    html = quiz_render.question_html(q, number, total, href, store)
                return [Html(html)]  # where the block stood, on its own lines

            out.append(Span(block.start, block.end, block.line, question))
        return out

    def finish(self, html: str) -> str:
        ctx, info, questions = self.ctx, self.info, self.questions
        _check_rendered(html, questions, info.path, info.page)
        if not questions:
            return html
        reading = ctx.reading
        progress = ctx.quiz.progress_page
        progress_href = page_href(progress, info.page, info.files) if progress else None
        if self.check:
            script = get_relative_url(CHECK_SCRIPT, info.page.url)
            html += quiz_check.handin_html(_check_key(ctx), reading.title, len(questions), progress_href, script)
        else:
            html += quiz_render.score_html(questions, _store_key(ctx), progress_href)
        if ctx.edition.teacher:  # the student edition has no answer key
            key = quiz_render.key_html(questions, lambda n: para_href(reading, n, info.page, info.files))
            if self.check:  # the page shows no answers: the teacher sees the key on screen
                key = key.replace('class="quiz-key ', 'class="quiz-key quiz-key--shown ', 1)
            html += key
        return html


# -- Helpers ------------------------------------------------------------------


def _check_rendered(html: str, questions: list[Question], path: str, page: Any) -> None:
    """Fail where pymdownx would have let a quiz pass as plain text."""
    visible = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S)
    m = re.search(r"/{3,}\s*quiz\b", visible, re.I)
    if m:
        line = _stray_line(page.file.content_string, {q.line for q in questions})
        raise ContentError(
            path,
            line,
            "a quiz block was not turned into a question",
            "Start `/// quiz` at the beginning of a line (not inside a list or an indented block), "
            "with the YAML body below it and a closing `///`",
        )
    for q in questions:
        count = html.count(f'data-quiz-id="{q.id}"')
        if count != 1:
            raise ContentError(
                path,
                q.line,
                f"question '{q.id}' appears {count} times on the page",
                "Keep the block at the start of a line, outside lists and indented blocks",
            )


def _stray_line(source: str, known: set[int]) -> int | None:
    """The first `/// quiz` line of the page file that did not become a question."""
    text = masked(source)
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"\s*/{3,}\s*quiz\b", line, re.I) and number not in known:
            return number
    return None


def _progress(ctx: BuildContext, info: PageInfo) -> str:
    """The progress table: the article's sections in reading order, then any
    other page with questions."""
    reading = ctx.reading
    titles = {reading.page_uri(s): s.title for s in reading.sections}
    uris = _in_order(ctx)
    rows = []
    for uri in uris:
        target = info.files.get_file_from_path(uri)
        title = titles.get(uri) or (target.page.title if target and target.page and target.page.title else uri)
        rows.append((str(title), page_href(uri, info.page, info.files), ctx.quiz.by_page[uri]))
    checked = {i for i, uri in enumerate(uris) if ctx.quiz.mode.get(uri) == "check"}
    return quiz_render.progress_html(rows, _store_key(ctx), checked=checked, check_store=_check_key(ctx))


def _in_order(ctx: BuildContext) -> list[str]:
    """The pages with questions: the article's sections in reading order, then the others."""
    order = [ctx.reading.page_uri(s) for s in ctx.reading.sections]
    return sorted(ctx.quiz.by_page, key=lambda u: (order.index(u) if u in order else len(order), u))


def _first_number(ctx: BuildContext, uri: str) -> int:
    """How many questions come before this page's, in reading order."""
    total = 0
    for other in _in_order(ctx):
        if other == uri:
            return total
        total += len(ctx.quiz.by_page[other])
    return total


def _check_key(ctx: BuildContext) -> str:
    """Where a browser keeps the answers to hand in from check quizzes."""
    return f"readkit-check:{Path(ctx.reading.manifest_path).stem}"


def _store_key(ctx: BuildContext) -> str:
    """Where a browser keeps this reading's answers (one key per article, so two
    readings on the same host never mix their progress)."""
    return f"readkit-quiz:{Path(ctx.reading.manifest_path).stem}"


def _display_path(file: Any, config: MkDocsConfig) -> str:
    if not file.abs_src_path:
        return f"{config.docs_dir}/{file.src_uri} (generated)"
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return str(Path(file.abs_src_path).resolve().relative_to(root))
    except ValueError:
        return file.abs_src_path
