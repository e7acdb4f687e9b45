"""Hook: `/// quiz` blocks become questions with feedback, a printed answer
key, a section score and a progress page.

on_config registers the block with Markdown; on_files reads every page's
quiz blocks and validates them all (so a duplicate id anywhere, or a
paragraph that does not exist, stops the build with the page file's line);
on_page_markdown renders the page's questions and expands
`<!-- quiz:progress -->`; on_page_content checks that every block became a
question and adds the score line and the answer key.

Each page's quizzes have a mode (readkit/edition.py): `practice` (answers
to check yourself) or `check` (readkit/quiz_check.py: no answers, choices
handed in). The printed answer key is in the teacher edition only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from readkit import edition, quiz_check, quiz_render, site
from readkit.errors import ContentError
from readkit.markers import expand, masked
from readkit.quiz import Question, check_paras, check_quotes, check_unique, find_blocks, load_page
from readkit.quiz_block import QuizContext, QuizExtension

from _common import errors, page_href, page_source, para_href

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PROGRESS_MARKER = re.compile(r"<!--\s*quiz:progress\s*-->")
CHECK_SCRIPT = "assets/js/quiz-check.js"  # fetched by quiz.js on pages with a check quiz
_context = QuizContext()
# Filled by on_files for this build: questions by page, and the progress page.
_bank: dict[str, list[Question]] = {}
_progress_uri: list[str] = []
_mode: dict[str, str] = {}  # page -> practice | check, in the edition being built


# -- Hooks --------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(QuizExtension(_context))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _bank.clear()
    _progress_uri.clear()
    _mode.clear()
    with errors():
        reading = site.reading(config)
        which = edition.of(config)
        everything: list[Question] = []
        for file in files.documentation_pages():
            source = file.content_string
            path = _display_path(file, config)
            questions = load_page(source, path, file.src_uri)
            for q in questions:
                check_paras(q, len(reading.paragraphs), path)
                check_quotes(q, reading.locate, path)
            if questions:
                _bank[file.src_uri] = questions
                everything += questions
                _mode[file.src_uri] = which.quiz_mode(edition.page_quiz(edition.front_matter(source, path), path))
            if PROGRESS_MARKER.search(masked(source)):
                _progress_uri.append(file.src_uri)
        check_unique(everything)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    path = _display_path(page.file, config)
    questions = _bank.get(uri, [])
    with errors():
        reading = site.reading(config)
        store = _store_key(config)
        markdown = expand(
            markdown,
            "quiz",
            {"progress": lambda m: _progress(page, files, reading)},
            path,
            page_source(page, config)[1],
            page.markdown,
        )
        _context.html.clear()
        if not questions:
            return markdown
        blocks = find_blocks(markdown, path)
        if [b.body.strip() for b in blocks] != [_body(q, page) for q in questions]:
            raise ContentError(
                path,
                None,
                "the page's quiz blocks changed while it was being built",
                "Another hook rewrote them; quiz blocks must reach this hook as written",
            )

        def href(n: int) -> str:
            return para_href(reading, n, page, files)

        check = _mode.get(uri) == "check"
        section = reading.section_for_uri(uri)
        title = section.title if section else str(page.meta.get("title") or uri)
        first = _first_number(uri, reading)
        pieces, last = [], 0
        for number, (block, q) in enumerate(zip(blocks, questions), start=1):
            if check:
                _context.html[q.id] = quiz_check.question_html(
                    q, number, len(questions), href, _check_key(config), page_title=title, seq=first + number
                )
            else:
                _context.html[q.id] = quiz_render.question_html(q, number, len(questions), href, store)
            pieces += [
                markdown[last : block.start],
                f"{block.indent}{block.fence} quiz | {q.id}\n{block.indent}{block.fence}",
            ]
            last = block.end
        pieces.append(markdown[last:])
    return "".join(pieces)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    path = _display_path(page.file, config)
    questions = _bank.get(uri, [])
    with errors():
        _check_rendered(html, questions, path, page)
        if not questions:
            return html
        reading = site.reading(config)
        progress = page_href(_progress_uri[0], page, files) if _progress_uri else None
        if _mode.get(uri) == "check":
            script = get_relative_url(CHECK_SCRIPT, page.url)
            html += quiz_check.handin_html(_check_key(config), reading.title, len(questions), progress, script)
        else:
            html += quiz_render.score_html(questions, _store_key(config), progress)
        if edition.of(config).teacher:  # the student edition has no answer key
            key = quiz_render.key_html(questions, lambda n: para_href(reading, n, page, files))
            if _mode.get(uri) == "check":  # the page shows no answers: the teacher sees the key on screen
                key = key.replace('class="quiz-key ', 'class="quiz-key quiz-key--shown ', 1)
            html += key
    return html


# -- Helpers ------------------------------------------------------------------


def _check_rendered(html: str, questions: list[Question], path: str, page: Page) -> None:
    """Fail where pymdownx would have let a quiz pass as plain text."""
    visible = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S)
    m = re.search(r"/{3,}\s*quiz\b", visible, re.I) or re.search(r'data-quiz-unprepared="([^"]*)"', visible)
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


def _body(q: Question, page: Page) -> str:
    """The body of q's block as the page file has it (to match blocks to questions)."""
    for block in find_blocks(page.file.content_string, q.path):
        if block.line == q.line:
            return block.body.strip()
    return ""


def _progress(page: Page, files: Files, reading) -> str:
    """The progress table: the article's sections in reading order, then any
    other page with questions."""
    titles = {reading.page_uri(s): s.title for s in reading.sections}
    uris = _in_order(reading)
    rows = []
    for uri in uris:
        target = files.get_file_from_path(uri)
        title = titles.get(uri) or (target.page.title if target and target.page and target.page.title else uri)
        rows.append((str(title), page_href(uri, page, files), _bank[uri]))
    checked = {i for i, uri in enumerate(uris) if _mode.get(uri) == "check"}
    return (
        "\n\n"
        + quiz_render.progress_html(
            rows, _store_key_from(reading), checked=checked, check_store=_check_key_from(reading)
        )
        + "\n\n"
    )


def _in_order(reading) -> list[str]:
    """The pages with questions: the article's sections in reading order, then the others."""
    order = [reading.page_uri(s) for s in reading.sections]
    return sorted(_bank, key=lambda u: (order.index(u) if u in order else len(order), u))


def _first_number(uri: str, reading) -> int:
    """How many questions come before this page's, in reading order."""
    total = 0
    for other in _in_order(reading):
        if other == uri:
            return total
        total += len(_bank[other])
    return total


def _store_key(config: MkDocsConfig) -> str:
    return _store_key_from(site.reading(config))


def _check_key(config: MkDocsConfig) -> str:
    return _check_key_from(site.reading(config))


def _check_key_from(reading) -> str:
    """Where a browser keeps the answers to hand in from check quizzes."""
    return f"readkit-check:{Path(reading.manifest_path).stem}"


def _store_key_from(reading) -> str:
    """Where a browser keeps this reading's answers (one key per article, so two
    readings on the same host never mix their progress)."""
    return f"readkit-quiz:{Path(reading.manifest_path).stem}"


def _display_path(file, config: MkDocsConfig) -> str:
    if not file.abs_src_path:
        return f"{config.docs_dir}/{file.src_uri} (generated)"
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return str(Path(file.abs_src_path).resolve().relative_to(root))
    except ValueError:
        return file.abs_src_path
