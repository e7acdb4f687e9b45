"""Quizzes in Chromium: every question type answered right and wrong with the
mouse and with the keyboard alone, re-read links, saved progress (reload,
instant navigation, reset), blocked storage, JavaScript off, phones, axe."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers import AXE_TAGS, draw_all

STORE = "readkit-quiz:necessity-knows-no-law"


def open_page(page: Page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_function("window.__quizBound === true")
    expect(page.locator(".quiz-actions").first).to_be_visible()


def quiz(page: Page, qid: str):
    return page.locator(f"#quiz-{qid}")


def status(page: Page, qid: str) -> str:
    return quiz(page, qid).locator(".quiz-status").inner_text()


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def saved(page: Page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem({STORE!r}) || '{{}}')")


# -- Mouse ---------------------------------------------------------------------


def test_single_choice_with_the_mouse(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/opening/")
    q = quiz(page, "opening-1")
    q.locator('label[for="quiz-opening-1-b"]').click()
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Not quite.")
    wrong = q.locator('.quiz-option[data-option="b"]')
    expect(wrong).to_have_class(re.compile(r"\bis-wrong\b"))
    expect(wrong.locator(".quiz-fb")).to_contain_text("✗ Wrong.")
    expect(wrong.locator(".quiz-fb")).to_contain_text("opposes")  # that option's own feedback
    assert q.locator("#quiz-opening-1-b").get_attribute("aria-describedby") == wrong.locator(".quiz-fb").get_attribute(
        "id"
    )
    expect(q.locator(".quiz-result .quiz-explanation")).to_be_visible()
    expect(q.locator(".quiz-result a.quiz-reread-link")).to_have_attribute("href", re.compile(r"#p-1$"))
    assert focused(page, ".quiz-retry")  # the Check button is gone; focus is not lost
    expect(q.locator("input").first).to_be_disabled()
    assert saved(page)["opening-1"]["s"] == "wrong"

    q.locator(".quiz-retry").click()
    expect(q.locator(".quiz-fb")).to_have_count(0)
    expect(q.locator("input:checked")).to_have_count(0)
    assert focused(page, "#quiz-opening-1-a")
    q.locator('label[for="quiz-opening-1-a"]').click()
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Right.")
    expect(q.locator(".quiz-option.is-right .quiz-fb")).to_contain_text("✓ Right.")
    expect(q.locator(".quiz-show")).to_be_hidden()
    assert saved(page)["opening-1"]["s"] == "right"
    assert not page.errors


def test_show_answer_reveals_every_option_and_counts_as_shown(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/sanctions/")
    q = quiz(page, "sanctions-4")
    q.locator(".quiz-show").click()
    expect(q.locator(".quiz-status")).to_contain_text("The answer is shown")
    expect(q.locator(".quiz-result .quiz-key-options li")).to_have_count(5)
    expect(q.locator("input:checked")).to_have_count(3)
    assert saved(page)["sanctions-4"]["s"] == "shown"
    expect(page.locator(".quiz-score-text")).to_contain_text("0 of 6 right (1 answer shown)")


def test_multiple_numeric_and_ordering_with_the_mouse(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/opening/")
    q = quiz(page, "opening-2")
    for key in ("a", "c"):
        q.locator(f'label[for="quiz-opening-2-{key}"]').click()
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Not quite: 1 right, 1 wrong, and 1 right answer still to find.")
    q.locator(".quiz-retry").click()
    for key in ("a", "b"):
        q.locator(f'label[for="quiz-opening-2-{key}"]').click()
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Right.")

    q = quiz(page, "opening-4")
    selects = q.locator("select")
    for i in range(selects.count()):
        selects.nth(i).select_option("1")
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_contain_text("Two items share position 1")
    assert "opening-4" not in saved(page)  # not an attempt
    for i in range(selects.count()):  # the right place of each item, from its data
        item = int(q.locator(".quiz-item").nth(i).get_attribute("data-item"))
        selects.nth(i).select_option(str(item + 1))
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Right: that is the order.")
    expect(q.locator(".quiz-item.is-right")).to_have_count(5)

    open_page(page, site_server, "read/whats-in-it-for-russia/")
    q = quiz(page, "russia-2")
    q.locator("input").fill("0.2")
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Not quite.")
    expect(q.locator(".quiz-numeric .quiz-fb")).to_contain_text("wrong way round")
    q.locator(".quiz-retry").click()
    q.locator("input").fill("5")
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Right.")
    assert not page.errors


# -- Keyboard alone -------------------------------------------------------------


def test_every_type_with_the_keyboard_alone(page: Page, site_server: str) -> None:
    kb = page.keyboard
    open_page(page, site_server, "read/opening/")
    # True/false: arrows pick a radio, Tab reaches Check, Enter presses it.
    quiz(page, "opening-3").locator("input").first.focus()  # starting point; keys only from here
    kb.press("Space")  # selects "True" (wrong)
    kb.press("Tab")
    assert focused(page, ".quiz-check")
    kb.press("Enter")
    expect(quiz(page, "opening-3").locator(".quiz-status")).to_have_text("Not quite.")
    assert focused(page, ".quiz-retry")
    kb.press("Enter")  # Try again: focus returns to the first option
    assert focused(page, "#quiz-opening-3-true")
    kb.press("ArrowDown")  # moves to and selects "False"
    kb.press("Tab")
    kb.press("Enter")
    expect(quiz(page, "opening-3").locator(".quiz-status")).to_have_text("Right.")

    # Multiple: Space ticks, Tab moves between boxes.
    quiz(page, "opening-2").locator("input").first.focus()
    kb.press("Space")
    kb.press("Tab")
    kb.press("Space")
    kb.press("Tab")
    kb.press("Tab")
    kb.press("Tab")  # past C and D to Check
    kb.press("Enter")
    expect(quiz(page, "opening-2").locator(".quiz-status")).to_have_text("Right.")

    # Ordering: type a position into each select, Tab to the next.
    q = quiz(page, "opening-4")
    q.locator("select").first.focus()
    for i in range(5):
        kb.press(str(5 - i))  # a wrong order first
        kb.press("Tab")
    kb.press("Enter")
    expect(q.locator(".quiz-status")).to_contain_text("Not quite")
    kb.press("Enter")  # Try again
    for i in range(5):
        item = int(q.locator(".quiz-item").nth(i).get_attribute("data-item"))
        kb.press(str(item + 1))
        kb.press("Tab")
    kb.press("Enter")
    expect(q.locator(".quiz-status")).to_have_text("Right: that is the order.")

    # Numeric: type and press Enter.
    open_page(page, site_server, "read/whats-in-it-for-russia/")
    q = quiz(page, "russia-1")
    q.locator("input").focus()
    kb.type("40")
    kb.press("Enter")
    expect(q.locator(".quiz-status")).to_have_text("Not quite.")
    expect(q.locator(".quiz-fb")).to_contain_text("Check the zeros")
    kb.press("Enter")  # Try again (focused)
    kb.type("400")
    kb.press("Enter")
    expect(q.locator(".quiz-status")).to_have_text("Right.")

    # Single choice, then the re-read link, by keyboard.
    open_page(page, site_server, "read/sanctions/")
    q = quiz(page, "sanctions-1")
    q.locator("input").first.focus()
    kb.press("ArrowDown")  # B: wrong
    kb.press("Tab")
    kb.press("Enter")
    expect(q.locator(".quiz-status")).to_have_text("Not quite.")
    for _ in range(10):
        kb.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('quiz-reread-link')"):
            break
    kb.press("Enter")
    page.wait_for_function("location.hash === '#p-4'")
    expect(page.locator("#p-4")).to_have_class(re.compile(r"\bar-flash\b"))
    assert not page.errors


# -- Re-read links ------------------------------------------------------------------


def test_reread_link_lands_on_its_paragraph(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/opening/")
    q = quiz(page, "opening-6")
    q.locator(".quiz-show").click()
    q.locator(".quiz-result a.quiz-reread-link").click()
    page.wait_for_function("location.hash === '#p-3'")
    target = page.locator("#p-3")
    expect(target).to_have_class(re.compile(r"\bar-flash\b"))
    expect(target).to_be_in_viewport()
    assert focused(page, "#p-3")  # keyboard and screen-reader users continue from there


def test_reread_link_to_another_page_after_instant_navigation(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/beggars-cant-be-choosers/")
    q = quiz(page, "beggars-4")  # names ¶3 (opening) and ¶12 (this page)
    q.locator(".quiz-show").click()
    q.locator('.quiz-result a.quiz-reread-link[data-para="3"]').click()
    page.wait_for_url(re.compile(r"/read/opening/#p-3$"))
    expect(page.locator("#p-3")).to_have_class(re.compile(r"\bar-flash\b"))
    expect(page.locator("#p-3")).to_be_in_viewport()


# -- Saved progress -------------------------------------------------------------------


def test_progress_survives_reload_and_instant_navigation(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/opening/")
    q = quiz(page, "opening-1")
    q.locator('label[for="quiz-opening-1-a"]').click()
    q.locator(".quiz-check").click()
    quiz(page, "opening-5").locator(".quiz-show").click()
    expect(page.locator(".quiz-score-text")).to_contain_text("1 of 6 right (1 answer shown)")

    page.reload()
    page.wait_for_function("window.__quizBound === true")
    expect(q.locator(".quiz-status")).to_have_text("Last time: Right.")
    expect(q.locator("#quiz-opening-1-a")).to_be_checked()
    expect(quiz(page, "opening-5").locator(".quiz-result .quiz-key-options")).to_be_visible()
    expect(page.locator(".quiz-score-text")).to_contain_text("1 of 6 right (1 answer shown)")

    # Instant navigation (Material swaps the page without reloading it).
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav a", has_text="Quiz progress").first.click()
    page.wait_for_url(re.compile(r"/progress/(#[\w-]*)?$"))
    row = page.locator(".quiz-progress tbody tr").first
    expect(row.locator(".quiz-p-right")).to_have_text("1 of 6")
    expect(row.locator(".quiz-p-shown")).to_have_text("1")
    expect(page.locator(".quiz-progress tfoot .quiz-p-right")).to_have_text(re.compile(r"^1 of \d+$"))
    row.locator("a").click()
    page.wait_for_url(re.compile(r"/read/opening/(#[\w-]*)?$"))
    assert page.evaluate("window.__sameDocument") is True, "the navigation reloaded the page"
    expect(q.locator(".quiz-status")).to_have_text("Last time: Right.")

    # One click, one save of the quiz's answers: listeners are not stacked by
    # navigation (other widgets may save their own keys on the checked event).
    page.evaluate("""() => { window.__saves = 0; const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { if (k.startsWith("readkit-quiz:")) window.__saves++;
            return set.call(this, k, v); }; }""")
    quiz(page, "opening-3").locator("input").first.check()
    quiz(page, "opening-3").locator(".quiz-check").click()
    assert page.evaluate("window.__saves") == 1

    page.locator(".md-nav a", has_text="Quiz progress").first.click()
    page.wait_for_url(re.compile(r"/progress/(#[\w-]*)?$"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".quiz-reset").click()
    expect(row.locator(".quiz-p-right")).to_have_text("0 of 6")
    expect(page.locator(".quiz-progress-status")).to_have_text("Your progress is cleared.")
    assert saved(page) == {}


@pytest.fixture
def blocked_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });""")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def test_quiz_works_when_storage_is_blocked(blocked_page: Page, site_server: str) -> None:
    page = blocked_page
    open_page(page, site_server, "read/opening/")
    q = quiz(page, "opening-1")
    q.locator('label[for="quiz-opening-1-a"]').click()
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Right.")
    expect(page.locator(".quiz-score-text")).to_contain_text("1 of 6 right")
    expect(page.locator(".quiz-score-text")).to_contain_text("blocking site storage")
    page.locator(".md-nav a", has_text="Quiz progress").first.click()  # kept in memory meanwhile
    page.wait_for_url(re.compile(r"/progress/(#[\w-]*)?$"))
    expect(page.locator(".quiz-progress tbody tr").first.locator(".quiz-p-right")).to_have_text("1 of 6")
    expect(page.locator(".quiz-progress-status")).to_contain_text("blocking site storage")
    # The theme's own inline palette script trips over the blocked storage;
    # quiz.js catches every access, so nothing else may fail.
    assert all("insecure" in e for e in page.errors), page.errors


def test_without_javascript_the_answer_is_one_click_away(browser: Browser, site_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_server + "read/sanctions/")
        q = quiz(page, "sanctions-2")
        expect(q.locator("legend")).to_contain_text("calls on")
        expect(q.locator(".quiz-actions")).to_be_hidden()  # no buttons that do nothing
        expect(q.locator(".quiz-explanation")).to_be_hidden()
        q.locator("summary").click()
        expect(q.locator(".quiz-answer-line")).to_contain_text("Answer: A.")
        expect(q.locator(".quiz-explanation")).to_be_visible()
        expect(q.locator(".quiz-key-options li").first).to_contain_text("Right:")
        expect(q.locator("details a.quiz-reread-link")).to_be_visible()
        q.locator('label[for="quiz-sanctions-2-b"]').click()  # still answerable on screen
        expect(q.locator("#quiz-sanctions-2-b")).to_be_checked()
    finally:
        context.close()


# -- Phones, accessibility, privacy -------------------------------------------------


def test_quiz_on_a_phone(mobile_page: Page, site_server: str) -> None:
    page = mobile_page
    open_page(page, site_server, "read/russian-strife-in-space/")
    q = quiz(page, "strife-2")
    q.locator('label[for="quiz-strife-2-true"]').tap()
    q.locator(".quiz-check").tap()
    expect(q.locator(".quiz-status")).to_have_text("Right.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = q.locator(".quiz-retry").bounding_box()
    assert box and box["height"] >= 24 and box["width"] >= 24  # WCAG 2.5.8 target size
    assert not page.errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_an_answered_quiz_page(browser: Browser, site_server: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, site_server, "read/opening/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        quiz(page, "opening-1").locator('label[for="quiz-opening-1-b"]').click()
        quiz(page, "opening-1").locator(".quiz-check").click()
        quiz(page, "opening-2").locator('label[for="quiz-opening-2-a"]').click()
        quiz(page, "opening-2").locator(".quiz-check").click()
        quiz(page, "opening-4").locator(".quiz-show").click()
        quiz(page, "opening-6").locator(".quiz-show").click()
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
        draw_all(page)
        result = Axe().run(page, context={"include": [[".md-content"]]}, options=options)
        assert result.violations_count == 0, result.generate_report()
        page.goto(site_server + "progress/")
        page.wait_for_function("window.__quizBound === true")
        draw_all(page)
        result = Axe().run(page, context={"include": [[".md-content"]]}, options=options)
        assert result.violations_count == 0, result.generate_report()
    finally:
        context.close()


def test_no_request_leaves_the_site(page: Page, site_server: str) -> None:
    open_page(page, site_server, "read/opening/")
    quiz(page, "opening-1").locator(".quiz-show").click()
    page.locator(".md-nav a", has_text="Quiz progress").first.click()
    page.wait_for_url(re.compile(r"/progress/(#[\w-]*)?$"))
    assert all(url.startswith(site_server) or url.startswith("data:") for url in page.requests_seen), page.requests_seen
