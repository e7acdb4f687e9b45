"""Quizzes in a real `mkdocs build`: the HTML students get, and builds that
must stop on bad quiz content with the page file's path and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, build, copy_project, page_ids, parse, parsed, resolve
from readkit.seed import load_reading

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
SECTION_PAGES = {s.slug: Path("read") / s.slug / "index.html" for s in READING.sections}


def quiz_pages(site: Path) -> dict[str, BeautifulSoup]:
    return {slug: parsed(site / rel) for slug, rel in SECTION_PAGES.items()}


def test_every_section_has_enough_questions_of_every_kind(built_site: Path) -> None:
    total, kinds = 0, set()
    for slug, soup in quiz_pages(built_site).items():
        quizzes = soup.select("section.quiz")
        assert len(quizzes) >= 4, f"{slug} has {len(quizzes)} questions"
        assert any(q.select_one(".quiz-tag") for q in quizzes), f"{slug} has no critical-reading question"
        total += len(quizzes)
        kinds |= {q["data-quiz-type"] for q in quizzes}
    assert total >= 24
    assert kinds == {"single", "multiple", "truefalse", "numeric", "ordering"}


def test_each_question_is_answerable_on_paper_and_without_js(built_site: Path) -> None:
    for slug, soup in quiz_pages(built_site).items():
        quizzes = soup.select("section.quiz")
        for n, quiz in enumerate(quizzes, start=1):
            where = f"{slug} {quiz['id']}"
            legend = quiz.select_one("fieldset > legend")
            assert legend and legend.get_text(" ", strip=True).startswith(f"Question {n} of {len(quizzes)}"), where
            for control in quiz.select("fieldset input, fieldset select"):
                label = quiz.select_one(f'label[for="{control["id"]}"]')
                assert label and label.get_text(strip=True), f"{where}: {control['id']} has no label"
            answer = quiz.select_one("details.quiz-answer")
            assert answer.select_one("summary").get_text(strip=True) == "Show answer", where
            assert answer.select_one(".quiz-answer-line").get_text(strip=True).startswith("Answer:"), where
            assert len(answer.select_one(".quiz-explanation").get_text(strip=True)) > 40, where
            assert quiz.select_one(".quiz-actions").has_attr("hidden"), where
            # Glossary tooltips stay out of quiz text (labels must stay plain).
            assert not quiz.select("[data-ar-key]"), where
        assert "/// quiz" not in soup.get_text()


def test_choice_feedback_covers_every_option(built_site: Path) -> None:
    for soup in quiz_pages(built_site).values():
        for quiz in soup.select('section.quiz[data-quiz-type="single"], section.quiz[data-quiz-type="multiple"]'):
            keys = [li["data-option"] for li in quiz.select(".quiz-options li")]
            answers = quiz.select(".quiz-key-options li")
            assert [li["data-option"] for li in answers] == keys
            assert any(li["data-correct"] == "true" for li in answers)
            for li in answers:  # every option says whether it is right, in words
                assert re.match(r"(✓ Right|✗ Wrong):", li.get_text()), li


def test_reread_links_land_on_the_right_paragraph(built_site: Path) -> None:
    seen = 0
    for slug, soup in quiz_pages(built_site).items():
        for link in soup.select("a.quiz-reread-link"):
            number = int(link["data-para"])
            path, fragment = resolve(built_site, SECTION_PAGES[slug], link["href"])
            assert fragment == f"p-{number}"
            target = parsed(path).find(id=fragment)
            assert target is not None and target.get("data-para") == str(number), (slug, link["href"])
            expected = READING.paragraph(number).section.slug
            assert path == built_site / SECTION_PAGES[expected], (slug, link["href"])
            seen += 1
    assert seen >= 24


def test_answer_key_and_score_follow_the_questions(built_site: Path) -> None:
    for slug, soup in quiz_pages(built_site).items():
        quizzes = soup.select("section.quiz")
        key = soup.select_one("section.quiz-key")
        assert key is not None, slug
        rows = key.select("li")
        assert len(rows) == len(quizzes)
        for n, (row, quiz) in enumerate(zip(rows, quizzes), start=1):
            line = quiz.select_one(".quiz-answer-line").get_text(" ", strip=True).removeprefix("Answer:").strip()
            assert row.get_text(" ", strip=True).startswith(f"Question {n}: {line}"[:40])
        score = soup.select_one(".quiz-score")
        assert score["data-quiz-ids"].split() == [q["data-quiz-id"] for q in quizzes]
        link = score.select_one("a.quiz-progress-link")
        path, _ = resolve(built_site, SECTION_PAGES[slug], link["href"])
        assert path == built_site / "progress" / "index.html"


def test_progress_page_lists_every_section(built_site: Path) -> None:
    soup = parsed(built_site / "progress" / "index.html")
    rows = soup.select(".quiz-progress tbody tr")
    assert [r.select_one("th a").get_text() for r in rows] == [s.title for s in READING.sections]
    all_ids = []
    for row, (slug, page) in zip(rows, quiz_pages(built_site).items()):
        ids = [q["data-quiz-id"] for q in page.select("section.quiz")]
        assert row["data-quiz-ids"].split() == ids
        assert row.select("td")[0].get_text() == str(len(ids))
        path, _ = resolve(built_site, Path("progress/index.html"), row.select_one("a")["href"])
        assert path == built_site / SECTION_PAGES[slug]
        all_ids += ids
    assert soup.select_one(".quiz-progress tfoot tr")["data-quiz-ids"].split() == all_ids
    assert soup.select_one(".quiz-reset").find_parent(class_="quiz-progress-actions").has_attr("hidden")


def test_offline_build_links(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    code, output = build(config, tmp_path / "site")
    assert code == 0, output
    page = tmp_path / "site" / "read" / "sanctions.html"
    soup = parse(page)
    for link in soup.select("a.quiz-reread-link"):
        path, fragment = resolve(tmp_path / "site", Path("read/sanctions.html"), link["href"])
        assert fragment in page_ids(path), link["href"]


# -- Bad content stops the build ------------------------------------------------

QUIZ = """
/// quiz
id: {id}
type: single
prompt: Which?
paras: [{para}]
explanation: Because.
options:
  - text: One
    correct: {correct}
  - text: Two
///
"""


def add_quiz(project: Path, slug: str, text: str) -> int:
    """Append `text` to a section page; return the file line of its `/// quiz`."""
    page = project / "docs" / "read" / f"{slug}.md"
    before = page.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    page.write_text(before + text, encoding="utf-8")
    return before.count("\n") + text.split("/// quiz")[0].count("\n") + 1


CASES = {
    "no correct option": (QUIZ.format(id="new-1", para=4, correct="false"), 6, "no option is marked correct"),
    # Field errors point at the field (`paras:`, `id:`), not at the `/// quiz` line.
    "paragraph that does not exist": (
        QUIZ.format(id="new-1", para=13, correct="true"),
        4,
        "names paragraph 13, which does not exist",
    ),
    "duplicate id on another page": (
        QUIZ.format(id="opening-1", para=4, correct="true"),
        1,
        "question id 'opening-1' is already used at docs/read/opening.md:",
    ),
    "malformed YAML": (
        QUIZ.format(id="new-1", para=4, correct="true").replace("prompt: Which?", "prompt: [Which?"),
        3,
        "invalid YAML",
    ),
    "unknown field": (
        QUIZ.format(id="new-1", para=4, correct="true").replace("type: single", "type: single\nhint: x"),
        3,
        "unknown field 'hint'",
    ),
    # pymdownx would show this as plain text; the hook stops the build instead.
    "quiz hidden in a list": (
        "\n- a list item\n\n    /// quiz\n    id: x\n    ///\n",
        0,
        "a quiz block was not turned into a question",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_quiz_stops_the_build_with_file_and_line(tmp_path: Path, case: str) -> None:
    text, offset, words = CASES[case]
    project = copy_project(tmp_path / "p")
    line = add_quiz(project, "sanctions", text)
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0, output
    assert f"docs/read/sanctions.md:{line + offset}: " in output, output
    assert words in output, output
    assert "Traceback" not in output


def test_search_finds_questions_but_not_answers(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Why might she choose the word" in index  # a prompt
    assert "Good readers notice hedges" not in index  # its explanation
