"""The teaching pages in Chromium: the what-if form by keyboard, the handout in
print media, phones, instant navigation, and axe-core in both palettes."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from helpers import AXE_OPTIONS, draw_all

WCAG = AXE_OPTIONS
PAGES = ["timeline/", "numbers/", "teachers/", "print/"]
# On the section pages only the parts this feature adds are ours to check.
GUIDES = {
    "include": [[".ar-guide"], ["#key-points"], ["#key-points + ul"], ["#for-discussion"], ["#for-discussion + ol"]]
}
RESULT = "form.ts-whatif .ts-result"


def reach_form(page) -> None:
    """Scroll to the chart, as a reader does before using the form: its script
    is fetched as it nears the screen (hooks/assets.py, on demand)."""
    page.locator("svg.ts-chart").scroll_into_view_if_needed()
    expect(page.locator("form.ts-whatif")).to_be_visible()


def server_path(page, scenario: str) -> str:
    return page.locator(f'svg.ts-chart g[data-scenario="{scenario}"] path.ts-line').get_attribute("d")


def user_path(page) -> str:
    return page.locator('svg.ts-chart g[data-scenario="user"] path.ts-line').get_attribute("d")


def type_into(page, field: str, value: str) -> None:
    """Keyboard only: the field has focus; select its text and type over it."""
    expect(page.locator(f"#ts-{field}")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)


def test_what_if_by_keyboard_redraws_the_line_the_build_drew_for_the_same_numbers(page, site_server):
    page.goto(site_server + "numbers/")
    reach_form(page)
    page.locator("#ts-stock").focus()
    for field in ("daily_use", "production", "imports"):
        page.keyboard.press("Tab")  # past the field's hint: hints are text, not stops
        if field == "imports":
            type_into(page, field, "1000000")
    page.keyboard.press("Enter")
    expect(page.locator(RESULT)).to_have_text(
        "With your numbers the stock falls by 1,781 a day and runs out after about 74 months (6.2 years)."
    )
    # The script's line for these numbers is the very line the build drew for the same scenario.
    assert user_path(page) == server_path(page, "with-imports")
    expect(page.locator(".ts-legend-user")).to_be_visible()

    # The first year's pace: 27,400 a day.
    page.locator("#ts-imports").focus()
    type_into(page, "imports", "0")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    type_into(page, "daily_use", "27400")
    page.keyboard.press("Enter")
    expect(page.locator(RESULT)).to_contain_text("runs out after about 6 months (0.5 years)")
    assert user_path(page) == server_path(page, "first-year-pace")

    # Back to the article's figures with the reset button, by keyboard.
    page.locator("#ts-imports").focus()
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # the reset button
    expect(page.locator("[data-ts-reset]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(RESULT)).to_have_text(
        "Back to the article’s figures. With your numbers the stock falls by 4,521 a day and runs out after about 29 months (2.4 years)."
    )
    assert page.locator("#ts-daily_use").input_value() == "10000"
    assert user_path(page) == server_path(page, "article")
    assert page.errors == []


def test_a_wrong_entry_is_named_marked_and_focused(page, site_server):
    page.goto(site_server + "numbers/")
    reach_form(page)
    page.locator("#ts-production").focus()
    type_into(page, "production", "-5")
    page.keyboard.press("Enter")
    expect(page.locator(RESULT)).to_have_text("Enter a number of 0 or more in “Shells made a year”.")
    expect(page.locator("#ts-production")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ts-production")).to_be_focused()
    type_into(page, "production", "5000000")
    page.keyboard.press("Enter")
    expect(page.locator(RESULT)).to_contain_text("grows by 3,699 a day and never runs out at these rates")
    expect(page.locator(RESULT)).to_contain_text("above the top of the chart")
    expect(page.locator("#ts-production")).to_have_attribute("aria-invalid", "false")


def test_the_result_is_announced_in_a_live_region(page, site_server):
    page.goto(site_server + "numbers/")
    result = page.locator(RESULT)
    assert result.get_attribute("role") == "status" and result.get_attribute("aria-live") == "polite"


def test_the_form_works_after_instant_navigation_and_binds_once(page, site_server):
    page.goto(site_server + "timeline/")
    page.locator(".md-nav a", has_text="Check the numbers").first.click()
    page.wait_for_url("**/numbers/")
    reach_form(page)
    # Away and back again: still one working form.
    page.locator(".md-nav a", has_text="Timeline").first.click()
    page.wait_for_url("**/timeline/")
    page.locator(".md-nav a", has_text="Check the numbers").first.click()
    page.wait_for_url("**/numbers/")
    reach_form(page)
    page.locator("#ts-daily_use").fill("20000")
    page.locator("form.ts-whatif button[type=submit]").click()
    expect(page.locator(RESULT)).to_contain_text("falls by 14,521 a day")
    assert page.locator('svg.ts-chart g[data-scenario="user"] path').count() == 1
    assert page.errors == []


def test_without_javascript_the_chart_and_table_remain_and_the_form_stays_hidden(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "numbers/")
    expect(page.locator("svg.ts-chart")).to_be_visible()
    expect(page.locator("table.ts-table")).to_be_visible()
    expect(page.locator("form.ts-whatif")).to_be_hidden()
    context.close()


def test_the_figure_fits_a_phone_and_its_text_stays_readable(mobile_page, site_server):
    mobile_page.goto(site_server + "numbers/")
    overflow = mobile_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    # A tick label's rendered height, in CSS pixels.
    height = mobile_page.locator("svg.ts-chart text.ts-tick").first.bounding_box()["height"]
    assert height >= 11


# -- print ---------------------------------------------------------------------------------------


def display(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("el => getComputedStyle(el).display")


def test_the_handout_in_print_media(page, site_server):
    page.goto(site_server + "print/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".pr-screen-only"):
        assert display(page, chrome) == "none", chrome
    assert page.locator("h2#appendix-glossary").evaluate("el => getComputedStyle(el).breakBefore") == "page"
    original = page.locator("a[data-print-url]", has_text="Read the original")
    after = original.evaluate("el => getComputedStyle(el, '::after').content")
    assert "https://rusi.org/" in after
    internal = page.locator("article a.ar-pnum").first.evaluate("el => getComputedStyle(el, '::after').content")
    assert internal in ("none", "normal", '""')
    expect(page.locator("aside.pr-note").first).to_be_visible()
    text = page.locator("body").evaluate("el => getComputedStyle(el).color")
    assert text == "rgb(0, 0, 0)"
    with_key = page.pdf(format="A4")
    # The checkbox leaves the key, and its heading, out of the printout.
    assert display(page, ".pr-key-option") == "none"
    page.emulate_media(media="screen")
    page.get_by_label("Leave the answers out when printing").check()
    page.emulate_media(media="print")
    assert display(page, "h2#answer-key") == "none"
    assert display(page, "details.pr-key") == "none"
    without_key = page.pdf(format="A4")

    def pages(pdf: bytes) -> int:
        return len(re.findall(rb"/Type\s*/Page[^s]", pdf))

    assert 8 <= pages(without_key) < pages(with_key)


def test_printing_in_the_dark_palette_is_still_black_on_white(browser, site_server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_server + "timeline/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    assert page.locator("body").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 255, 255)"
    assert page.locator(".tl-text").first.evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    context.close()


# -- accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(browser, site_server, path, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server + path)
    if path == "numbers/":
        # Check the form and the drawn line too.
        reach_form(page)
        page.locator("#ts-imports").fill("1000000")
        page.locator("form.ts-whatif button[type=submit]").click()
    draw_all(page)
    results = Axe().run(page, options=WCAG)
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_in_the_section_guides(browser, site_server, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_server + "read/sanctions/")
    draw_all(page)
    results = Axe().run(page, context=GUIDES, options=WCAG)
    context.close()
    assert results.violations_count == 0, results.generate_report()
