"""Spaced review in Chromium: the Review page and the "from earlier sections"
set bring back the sections' own quiz blocks (checked by quiz.js, one copy
of every question), missed and untried questions first, then those due on the
Leitner schedule; the clock is moved forward by overriding Date.now."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from helpers import AXE_OPTIONS, draw_all

AXE = AXE_OPTIONS
DAY = 86_400_000
STORE = "readkit-quiz:necessity-knows-no-law"

# Date.now runs `days` ahead of the real clock (set per context).
CLOCK = """(() => { const real = Date.now.bind(Date), ahead = %d * 86400000;
  Date.now = () => real() + ahead; })();"""


def context_at(browser: Browser, days: int, state=None) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=state)
    context.add_init_script(CLOCK % days)
    return context


@pytest.fixture
def today(browser: Browser) -> Iterator[Page]:
    context = context_at(browser, 0)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def answer(page: Page, qid: str, right: bool, root: str = "") -> None:
    """Answer question qid right or wrong (its key says which options are correct)."""
    q = page.locator(f"{root} #quiz-{qid}".strip())
    q.evaluate(
        """(q, right) => {
        const correct = [...q.querySelectorAll('.quiz-key-options li[data-correct="true"]')].map(li => li.dataset.option);
        const inputs = [...q.querySelectorAll('.quiz-options input')];
        if (right) inputs.forEach(i => { i.checked = correct.includes(i.value); });
        else inputs.find(i => !correct.includes(i.value)).checked = true; }""",
        right,
    )
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text("Right." if right else re.compile("^Not quite"))


def review_ids(page: Page, box: str = ".mine-review") -> list[str]:
    page.wait_for_selector(f"{box}[data-mine-ready]", state="attached")
    return page.locator(f"{box} section.quiz").evaluate_all("els => els.map(e => e.dataset.quizId)")


def open_review(page: Page, base: str) -> list[str]:
    page.goto(base + "review/")
    return review_ids(page)


def test_review_brings_back_missed_then_untried_then_due_questions(
    today: Page, browser: Browser, site_server: str
) -> None:
    page = today
    page.goto(site_server + "read/opening/")
    page.wait_for_function("window.__quizBound && window.__mineL")
    answer(page, "opening-1", right=False)
    answer(page, "opening-5", right=True)
    answer(page, "opening-6", right=False)

    ids = open_review(page, site_server)
    # Missed first, in reading order, then the untried; nothing answered right today.
    assert ids == [
        "opening-1",
        "opening-6",
        "opening-2",
        "opening-3",
        "opening-4",
        "sanctions-1",
        "sanctions-2",
        "sanctions-3",
        "sanctions-4",
        "sanctions-5",
    ]
    status = page.locator(".mine-review-status")
    expect(status).to_contain_text("30 questions to review now: 2 missed, 28 not tried yet, 0 due again.")
    tomorrow = page.evaluate(
        "new Date(Date.now() + 86400000).toLocaleDateString(undefined, {weekday: 'long', day: 'numeric', month: 'long'})"
    )
    expect(status).to_contain_text(f"The next one falls due on {tomorrow}.")

    # Two days later the one answered right (box 1: one day) is due again,
    # after the missed and the untried ones.
    later = context_at(browser, 2, page.context.storage_state())
    try:
        p2 = later.new_page()
        ids = open_review(p2, site_server)
        assert ids[:2] == ["opening-1", "opening-6"]
        expect(p2.locator(".mine-review-status")).to_contain_text(
            "31 questions to review now: 2 missed, 28 not tried yet, 1 due again."
        )
        plan = p2.evaluate(
            f"window.__mine.review.schedule(['opening-1', 'opening-2', 'opening-5', 'opening-6'], '{STORE}', Date.now())"
        )
        assert [x["id"] for x in plan["list"]] == ["opening-1", "opening-6", "opening-2", "opening-5"]
        # Answered right in the review, a missed question leaves it until it is due again.
        answer(p2, "opening-1", right=True, root=".mine-review")
        p2.get_by_role("button", name="Start another round").click()
        p2.wait_for_function("!document.querySelector('.mine-review #quiz-opening-1')")
        assert review_ids(p2)[0] == "opening-6"
        sched = p2.evaluate("JSON.parse(window.__mineL.raw('review'))")
        assert sched["opening-1"]["ok"] is True and sched["opening-1"]["b"] == 2  # back in box 1, then up one
        assert sched["opening-5"]["b"] == 1 and sched["opening-6"]["ok"] is False
    finally:
        later.close()


def test_a_question_in_the_review_is_the_sections_own_block_checked_by_the_quiz(today: Page, site_server: str) -> None:
    page = today
    ids = open_review(page, site_server)
    first = ids[0]
    q = page.locator(f".mine-review #quiz-{first}")
    expect(q.locator(".quiz-num")).to_have_text("From “Opening”:")
    expect(q.locator(".quiz-actions")).to_be_visible()
    expect(q.locator(".quiz-answer")).to_be_hidden()
    # The same question element as on its section page: same options, same feedback.
    opts = q.locator(".quiz-option label").all_inner_texts()
    q.locator(".quiz-option input").first.check()
    q.locator(".quiz-check").click()
    expect(q.locator(".quiz-status")).to_have_text(re.compile(r"^(Right\.|Not quite\.)"))
    # Re-read links lead to the section page, not to the review page.
    expect(q.locator(".quiz-result a.quiz-reread-link")).to_have_attribute("href", re.compile(r"/read/opening/#p-\d+$"))
    result = page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}'))['{first}'].s")
    sched = page.evaluate(f"JSON.parse(window.__mineL.raw('review'))['{first}']")
    assert (sched["ok"] is True) == (result == "right") and sched["n"] == 1
    page.goto(site_server + "read/opening/")
    page.wait_for_function("window.__quizBound")
    assert page.locator(f"#quiz-{first} .quiz-option label").all_inner_texts() == opts
    assert page.evaluate(
        "document.querySelectorAll('[id]').length === new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size"
    )
    assert not page.errors  # type: ignore[attr-defined]


def test_the_end_of_a_section_brings_back_earlier_sections_only(today: Page, site_server: str) -> None:
    page = today
    page.goto(site_server + "read/opening/")
    page.wait_for_function("window.__quizBound && window.__mineL")
    answer(page, "opening-5", right=False)
    page.goto(site_server + "read/russian-strife-in-space/")
    box = page.locator("[data-mine-earlier]")
    box.scroll_into_view_if_needed()
    ids = review_ids(page, "[data-mine-earlier]")
    assert len(ids) == 3
    assert all(i.startswith(("opening-", "sanctions-")) for i in ids)
    assert ids == ["opening-5", "opening-1", "opening-2"]  # the missed one first
    # After the section's own quiz.
    assert page.evaluate("""() => { const q = [...document.querySelectorAll('section.quiz:not(.mine-review-q)')].pop();
        return !!(q.compareDocumentPosition(document.querySelector('[data-mine-earlier]')) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    # The opening has no earlier section and no set.
    page.goto(site_server + "read/opening/")
    expect(page.locator("[data-mine-earlier]")).to_have_count(0)


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 720), (1400, 900)])
def test_axe_finds_nothing_on_the_review_page(today: Page, site_server: str, width: int, height: int) -> None:
    page = today
    page.set_viewport_size({"width": width, "height": height})
    ids = open_review(page, site_server)
    answer(page, ids[0], right=False, root=".mine-review")
    draw_all(page)
    result = Axe().run(page, options=AXE)
    assert result.violations_count == 0, result.generate_report()
