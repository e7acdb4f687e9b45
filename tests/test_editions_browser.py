"""The editions in a browser: a `check` quiz answered from the keyboard keeps
its choices across a reload, downloads them with name and date, and never
shows an answer; the teacher edition's marker is visible on its pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import AXE_OPTIONS, build, copy_project

WCAG = AXE_OPTIONS
LOCAL = ("data:", "blob:", "about:")


def _served(tmp_path_factory, serve_dir, name: str, edition: str, quiz: str | None = None) -> str:
    project = copy_project(tmp_path_factory.mktemp(f"{name}-project"))
    if quiz:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("      student: practice\n", f"      student: {quiz}\n"),
            encoding="utf-8",
        )
    site = tmp_path_factory.mktemp(name) / "site"
    site.mkdir()
    url = serve_dir(site)
    code, output = build(project / "mkdocs.yml", site, edition=edition, env={"SITE_URL": url})
    assert code == 0, output
    return url


@pytest.fixture(scope="module")
def check_site(tmp_path_factory, serve_dir):
    return _served(tmp_path_factory, serve_dir, "check", "student", quiz="check")


@pytest.fixture(scope="module")
def teacher_site(tmp_path_factory, serve_dir):
    return _served(tmp_path_factory, serve_dir, "teacher", "teacher")


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.__quizBound === true")


def test_a_check_quiz_answered_by_keyboard_survives_a_reload_and_downloads_without_any_answer(
    page, check_site, tmp_path
):
    _open(page, check_site + "read/sanctions/")
    first = page.locator("#quiz-sanctions-1")
    expect(first.locator("button")).to_have_count(0)  # no Check, no Show answer

    # A single-choice question: focus the first option, the arrow key picks the second.
    first.locator("input").first.focus()
    page.keyboard.press("ArrowDown")
    chosen = first.locator("input:checked")
    expect(chosen).to_have_count(1)
    chosen_id = chosen.get_attribute("id")
    assert chosen_id == "quiz-sanctions-1-b"
    option_text = " ".join(first.locator(f'label[for="{chosen_id}"]').text_content().split())
    expect(first.locator(".quiz-status")).to_have_text("Saved on this device.")

    # A multiple-choice question: Space ticks a box.
    several = page.locator("#quiz-sanctions-4")
    several.locator("input").nth(1).focus()
    page.keyboard.press("Space")
    expect(several.locator("input:checked")).to_have_count(1)

    # The name, typed and left with Tab.
    name = page.locator("#quiz-handin-name")
    name.focus()
    page.keyboard.type("Ana Lopez")
    page.keyboard.press("Tab")

    page.reload()
    page.wait_for_function("window.__quizBound === true")
    expect(page.locator("#quiz-sanctions-1-b")).to_be_checked()
    expect(page.locator("#quiz-sanctions-4 input").nth(1)).to_be_checked()
    expect(page.locator("#quiz-handin-name")).to_have_value("Ana Lopez")

    # Nothing says right or wrong, before or after the reload.
    quizzes = page.locator("section.quiz")
    for n in range(quizzes.count()):
        text = quizzes.nth(n).text_content()
        for word in ("Right", "Wrong", "Not quite", "Answer:", "Show answer", "✓", "✗"):
            assert word not in text, (n, word)
    expect(page.locator("section.quiz :is(.quiz-fb, .is-right, .is-wrong, details)")).to_have_count(0)

    today = page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()"
    )
    page.locator(".quiz-download").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == f"answers-ana-lopez-{today}.txt"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert "Name: Ana Lopez" in text and f"Date: {today}" in text
    prompt = " ".join(first.locator(".quiz-prompt").text_content().split())
    assert f"Question 1: {prompt}\n  Answer: {option_text}\n" in text
    assert "Question 2: " in text and "(no answer)" in text  # open questions are listed too
    expect(page.locator(".quiz-handin-status")).to_contain_text("Downloaded answers-ana-lopez-")

    # The progress page counts check questions as answered, not as right.
    page.goto(check_site + "progress/")
    page.wait_for_function("window.__quizBound === true")
    row = page.locator("tr", has=page.locator("a", has_text="Sanctions against North Korea"))
    expect(row.locator(".quiz-p-right")).to_have_text("2 of 6 answered (your teacher checks them)")

    # The check code came from this site, once per page load (before and after the reload).
    assert [u for u in page.requests_seen if "quiz-check.js" in u] == [check_site + "assets/js/quiz-check.js"] * 2
    others = [u for u in page.requests_seen if not u.startswith(check_site) and not u.startswith(LOCAL)]
    assert others == []
    assert page.errors == []


def test_without_javascript_a_check_quiz_is_a_plain_question_sheet(browser, check_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(check_site + "read/opening/")
        expect(page.locator("section.quiz legend").first).to_be_visible()
        expect(page.locator("section.quiz input").first).to_be_visible()
        expect(page.locator(".quiz-handin-nojs")).to_contain_text("Name:")
        expect(page.locator(".quiz-handin-js")).to_be_hidden()
    finally:
        context.close()


def test_axe_finds_nothing_on_an_answered_check_page(page, check_site):
    from axe_playwright_python.sync_playwright import Axe

    _open(page, check_site + "read/opening/")
    page.locator("section.quiz input").first.check()
    page.locator("#quiz-handin-name").fill("Ana")
    page.evaluate("document.querySelector('.md-content')?.classList.add('ar-render-all')")
    result = Axe().run(page, context={"include": [[".md-content"]]}, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.parametrize("path", ["", "read/sanctions/", "teachers/", "print/", "no-such-page/"])
def test_the_teacher_marker_is_visible_at_the_top_of_teacher_pages(page, teacher_site, path):
    page.goto(teacher_site + path)
    if path == "no-such-page/":  # Python's server sends no 404 page: open it by name
        page.goto(teacher_site + "404.html")
    marker = page.locator(".ed-marker")
    expect(marker).to_be_visible()
    expect(marker).to_contain_text("Teacher edition")
    box = marker.bounding_box()
    heading = page.locator("article h1").first.bounding_box()
    assert box and heading and box["y"] < heading["y"], "the marker comes before the page's heading"


def test_axe_finds_nothing_on_the_teacher_marker(page, teacher_site):
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(teacher_site + "read/sanctions/")
        result = Axe().run(page, context={"include": [[".ed-marker"]]}, options=WCAG)
        assert result.violations_count == 0, result.generate_report()


def test_checking_a_practice_question_tells_other_widgets_which_and_how(page, site_server):
    _open(page, site_server + "read/opening/")
    page.evaluate("""() => { window.__checked = [];
        document.addEventListener("reading:quiz-checked", e => window.__checked.push(e.detail)); }""")
    q = page.locator("#quiz-opening-1")
    q.locator('label[for="quiz-opening-1-a"]').click()
    q.locator(".quiz-check").click()
    q.locator(".quiz-retry").click()
    q.locator('label[for="quiz-opening-1-b"]').click()
    q.locator(".quiz-check").click()
    page.locator("#quiz-opening-2 .quiz-check").click()  # nothing chosen: not a check
    assert page.evaluate("window.__checked") == [
        {"id": "opening-1", "correct": True},
        {"id": "opening-1", "correct": False},
    ]
    # Practice pages never fetch the check quizzes' code.
    assert not [u for u in page.requests_seen if "quiz-check.js" in u]
