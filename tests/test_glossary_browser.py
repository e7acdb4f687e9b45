"""Glossary tooltips as a student meets them in Chromium: hover, keyboard,
touch, screen-reader description, instant navigation, no JavaScript, and
accessibility checks of the glossary page in both palettes.

Cards are the Study reading mode's (tests/test_modes_browser.py covers the
modes), so these tests read in Study; one checks the other modes open none."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from helpers import draw_all

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
STRIFE = "read/russian-strife-in-space/"
ROSCOSMOS = 'article a.gl-term[data-term="roscosmos"]'
TIP = ".gl-tip"
STUDY = "localStorage.setItem('ar-reading-mode', 'study')"


@pytest.fixture(autouse=True)
def _study(request):
    for name in ("page", "mobile_page"):
        if name in request.fixturenames:
            request.getfixturevalue(name).add_init_script(STUDY)


def open_strife(page, base: str):
    page.goto(base + STRIFE)
    term = page.locator(ROSCOSMOS)
    term.scroll_into_view_if_needed()
    return term


def test_hover_shows_the_card_after_a_short_delay_without_moving_the_text(page, site_server):
    term = open_strife(page, site_server)
    para = page.locator("#p-6")
    before = para.bounding_box()
    # The card replaces the native title (no double tooltip).
    assert term.get_attribute("title") is None
    # Time, in the page, from the pointer reaching the term to the card appearing.
    page.evaluate("""() => {
      window.__overAt = 0; window.__tipAt = 0;
      document.addEventListener("pointerover", e => {
        if (!window.__overAt && e.target.closest("a.gl-term")) window.__overAt = performance.now();
      }, true);
      new MutationObserver(() => {
        if (!window.__tipAt && document.querySelector(".gl-tip")) window.__tipAt = performance.now();
      }).observe(document.body, {childList: true, subtree: true});
    }""")
    term.hover()
    tip = page.locator(TIP)
    expect(tip).to_be_visible(timeout=3000)
    delay = page.evaluate("window.__tipAt - window.__overAt")
    assert 250 <= delay < 2000, f"card opened {delay:.0f} ms after the pointer arrived"
    expect(tip).to_contain_text("Russia’s state space corporation")
    expect(tip.get_by_role("link", name="Open in glossary")).to_be_visible()
    assert para.bounding_box() == before, "opening the card moved the text"
    # The pointer can move into the card, and the card stays (WCAG 1.4.13).
    tip.get_by_role("link", name="Open in glossary").hover()
    page.wait_for_timeout(500)
    expect(tip).to_be_visible()
    # Away from both, it closes.
    page.mouse.move(5, 890)
    expect(page.locator(TIP)).to_have_count(0, timeout=2000)
    assert page.errors == []


def tab_to_roscosmos(page, base: str):
    """Open the strife section and Tab from ¶6's number to the Roscosmos term
    (each term on the way opens its card, and Tab walks through its links)."""
    term = open_strife(page, base)
    page.locator("#p-6 a.ar-pnum").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.term") == "roscosmos":
            break
    expect(term).to_be_focused()
    return term


def test_keyboard_tab_opens_links_inside_are_reachable_and_esc_closes(page, site_server):
    term = tab_to_roscosmos(page, site_server)
    tip = page.locator(TIP)
    expect(tip).to_be_visible()
    # Tab moves into the card's links, Esc closes it and focus returns to the term.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.gl-tip')")
    page.keyboard.press("Escape")
    expect(page.locator(TIP)).to_have_count(0)
    expect(term).to_be_focused()
    # Tab into the card, then on past it: the card closes behind.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(term).to_be_focused()
    expect(page.locator(TIP)).to_be_visible()
    for _ in range(6):
        page.keyboard.press("Tab")
    assert page.locator('.gl-tip[data-term="roscosmos"]').count() == 0


def test_a_card_opened_by_keyboard_stays_while_the_mouse_comes_and_goes(page, site_server):
    # WCAG 1.4.13: content shown on focus stays while focus stays. A mouse
    # passing over the term and away (or text moving under a still pointer,
    # as when a lazily drawn paragraph above takes its height) must not close
    # the card the keyboard opened.
    term = tab_to_roscosmos(page, site_server)
    tip = page.locator(TIP)
    expect(tip).to_be_visible()
    box = term.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(5, box["y"] + 200)
    page.wait_for_timeout(800)  # three times the grace before a hover card closes
    expect(tip).to_have_count(1)
    expect(term).to_be_focused()
    # Focus moving on is what closes it.
    page.locator("#p-6 a.ar-pnum").focus()
    expect(page.locator(TIP)).to_have_count(0)


def test_following_the_card_link_lands_on_the_entry(page, site_server):
    term = open_strife(page, site_server)
    term.hover()
    page.locator(TIP).get_by_role("link", name="Open in glossary").click()
    page.wait_for_url("**/glossary/#roscosmos")
    entry = page.locator("#roscosmos")
    expect(entry).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == "roscosmos"


def test_touch_first_tap_opens_tap_elsewhere_closes_second_tap_follows(mobile_page, site_server):
    page = mobile_page
    page.goto(site_server + "read/sanctions/")
    term = page.locator('article a.gl-term[data-term="unscr-1718"]')
    term.scroll_into_view_if_needed()
    url = page.url
    term.tap()
    tip = page.locator(TIP)
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("paragraph 8(a)")
    assert page.url == url, "the first tap must not navigate"
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, "card goes off screen"
    page.locator("article h1").tap()
    expect(page.locator(TIP)).to_have_count(0)
    term.tap()
    expect(page.locator(TIP)).to_be_visible()
    term.tap()
    page.wait_for_url("**/glossary/#unscr-1718")


def test_screen_readers_hear_term_and_definition(page, site_server):
    term = open_strife(page, site_server)
    expect(term).to_have_accessible_name("Roscosmos")
    expect(term).to_have_accessible_description(
        "Russia’s state space corporation, which took over from the Federal Space Agency on 1 January 2016. "
        "Besides civil spaceflight and launchers, its companies design and build the country’s intercontinental "
        "ballistic missiles."
    )


def test_instant_navigation_keeps_tooltips_working_without_stacking(page, site_server):
    def follow(link: str) -> None:
        # Mark the old content, click, and wait until new content (set up by the script) replaced it.
        page.evaluate("document.querySelector('article').dataset.old = '1'")
        page.locator(link).click()
        page.wait_for_function(
            "() => !document.querySelector('article[data-old]') && document.querySelector('article a.gl-term')"
            " && !document.querySelector('article a.gl-term[title]')"
        )

    page.goto(site_server + "read/opening/")
    page.evaluate("window.__sameDocument = true")
    for _ in range(5):
        follow("a.md-footer__link--next")
        if "beggars" in page.url:
            follow("a.md-footer__link--prev")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page: not instant"
    term = page.locator("article a.gl-term").first
    term.scroll_into_view_if_needed()
    term.hover()
    expect(page.locator(TIP)).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(TIP)).to_have_count(0)
    term.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator(TIP)).to_have_count(1)
    assert page.errors == []


def test_without_javascript_the_term_is_a_link_with_a_title(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server + STRIFE)
        term = page.locator(ROSCOSMOS)
        assert term.get_attribute("title").startswith("Russia’s state space corporation")
        assert term.get_attribute("href").endswith("glossary/#roscosmos")
        expect(term).to_have_accessible_description(term.get_attribute("title"))
        page.goto(site_server + "glossary/")
        expect(page.locator("form.gl-filter")).to_be_hidden()
        expect(page.locator("#gl-by-category")).to_be_visible()
    finally:
        context.close()


def test_category_filter_shows_one_kind(page, site_server):
    page.goto(site_server + "glossary/")
    total = page.locator("article.gl-entry").count()
    page.get_by_role("radio", name="Resolution or law").check()
    visible = page.locator("article.gl-entry:visible")
    expect(visible).to_have_count(3)
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.category)")) == {"resolution"}
    expect(page.locator(".gl-filter-status")).to_have_text(f"Showing 3 of {total} terms: Resolution or law.")
    page.get_by_role("radio", name="All").check()
    expect(page.locator("article.gl-entry:visible")).to_have_count(total)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_glossary_page_and_open_card_pass_axe(browser, site_server, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    context.add_init_script(STUDY)
    try:
        page = context.new_page()
        page.goto(site_server + "glossary/")
        slate = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert slate == ("slate" if scheme == "dark" else "default")
        draw_all(page)
        result = Axe().run(page, options=WCAG)
        assert result.violations_count == 0, result.generate_report()
        # The terms and an open card (other widgets on the page have their own tests).
        term = open_strife(page, site_server)
        term.hover()
        expect(page.locator(TIP)).to_be_visible()
        page.wait_for_timeout(300)  # past the fade-in
        draw_all(page)
        result = Axe().run(page, context={"include": [[".gl-tip"], ["article a.gl-term"]]}, options=WCAG)
        assert result.violations_count == 0, result.generate_report()
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["read", "explain", "plain"])
def test_outside_study_no_card_opens(browser, site_server, mode):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('ar-reading-mode', '{mode}')")
    try:
        page = context.new_page()
        term = open_strife(page, site_server)
        term.hover(force=True)
        term.focus()
        page.wait_for_timeout(600)
        expect(page.locator(TIP)).to_have_count(0)
        # The definition is still the term's description for screen readers.
        expect(term).to_have_accessible_description(term.get_attribute("data-gl-title"))
    finally:
        context.close()
