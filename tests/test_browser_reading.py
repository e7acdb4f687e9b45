"""What a student's browser shows: fidelity, paragraph links, palettes,
instant navigation, accessibility and privacy, in Chromium."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from helpers import AXE_OPTIONS, ROOT, draw_all
from readkit.seed import load_reading

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
CHROME = ["Have an idea for a Commentary", "View profile", "Explore our related content"]
WCAG = AXE_OPTIONS

# The visible text of the article area, without what annotation inserted
# (source markers, note markers) and without hidden definitions.
VISIBLE_ARTICLE_TEXT = """() => {
  const article = document.querySelector("article").cloneNode(true);
  article.querySelectorAll("[data-ar-insert]").forEach(n => n.remove());
  const box = document.createElement("div");
  box.style.position = "absolute"; box.style.left = "-99999px";
  box.appendChild(article);
  document.body.appendChild(box);
  const text = article.innerText;
  box.remove();
  return text;
}"""


def section_url(base: str, section) -> str:
    return f"{base}{READING.section_dir}/{section.slug}/"


def all_pages(built_site) -> list[str]:
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        rel = html.parent.relative_to(built_site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def test_every_section_shows_title_headings_and_paragraphs_in_order(page, site_server):
    for section in READING.sections:
        page.goto(section_url(site_server, section))
        text = " ".join(page.evaluate(VISIBLE_ARTICLE_TEXT).split())
        expected = [section.heading or READING.title] + [p.text for p in section.paragraphs]
        position = 0
        for piece in expected:
            found = text.find(" ".join(piece.split()), position)
            assert found >= 0, f"{section.slug}: not found in order: {piece[:60]!r}"
            position = found + len(piece)
        for chrome in CHROME:
            assert chrome not in text


def test_a_paragraph_link_lands_on_the_paragraph(page, site_server):
    page.goto(section_url(site_server, READING.sections[3]) + "#p-10")
    box = page.locator("#p-10").bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert box is not None and header is not None
    assert header["height"] <= box["y"] < 900, "paragraph 10 is not in view below the header"
    assert page.evaluate("document.querySelector(':target').id") == "p-10"


def test_selecting_a_paragraph_number_gives_its_address(page, site_server):
    page.goto(section_url(site_server, READING.sections[1]))
    page.locator("#p-5 a.ar-pnum").click()
    assert urlparse(page.url).fragment == "p-5"
    assert "paragraph 5" in page.locator("#ar-status").inner_text()
    # The number is announced as "Paragraph 5", not as a bare digit.
    assert page.get_by_role("link", name="Paragraph 5").count() == 1


SCHEME = "document.body.getAttribute('data-md-color-scheme')"
TOGGLE = "form[data-ar-palette] label:visible"


def test_palette_toggle_switches_dark_and_light_and_is_remembered(page, site_server):
    page.emulate_media(color_scheme="light")
    page.goto(site_server)
    seen = [page.evaluate(SCHEME)]
    for _ in range(3):
        page.locator(TOGGLE).click()
        seen.append(page.evaluate(SCHEME))
    # system (light here) -> light -> dark -> system again
    assert seen == ["default", "default", "slate", "default"]
    page.locator(TOGGLE).click()
    page.locator(TOGGLE).click()
    assert page.evaluate(SCHEME) == "slate"
    # The page's scroll bar and canvas go dark with it.
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
    page.reload()
    assert page.evaluate(SCHEME) == "slate"
    # Exactly one toggle shows, named for what it does next.
    expect(page.locator(TOGGLE)).to_have_count(1)
    expect(page.locator(TOGGLE)).to_have_attribute("title", "Switch to system preference")
    # Kept across instant navigation too.
    page.locator("a.md-footer__link--next").click()
    expect(page.locator("article h1")).to_be_visible()
    assert page.evaluate(SCHEME) == "slate"
    assert not page.errors  # type: ignore[attr-defined]


def test_palette_toggle_works_from_the_keyboard(page, site_server):
    page.emulate_media(color_scheme="light")
    page.goto(site_server)
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate"
    # Focus stays on the option just chosen, which is named for the next step.
    assert page.evaluate("document.activeElement.id") == "__palette_2"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to system preference"


def test_system_palette_follows_the_device(page, site_server):
    page.emulate_media(color_scheme="dark")
    page.goto(site_server)
    assert page.evaluate(SCHEME) == "slate"
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    # A reader's explicit choice does not follow the device.
    page.locator(TOGGLE).click()  # system -> light
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(100)
    assert page.evaluate(SCHEME) == "default"


def test_instant_navigation_through_every_section_and_back(page, site_server):
    page.goto(section_url(site_server, READING.sections[0]), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    for section in READING.sections[1:]:
        page.locator("a.md-footer__link--next").click()
        expect(page).to_have_url(section_url(site_server, section))
        expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(section.heading)))
    for section in reversed(READING.sections[:-1]):
        page.locator("a.md-footer__link--prev").click()
        expect(page).to_have_url(section_url(site_server, section))
        expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(section.heading or READING.title)))
    # Instant navigation swapped content without reloading the document.
    assert page.evaluate("window.__sameDocument === true")
    assert not page.errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations_on_any_page(page, site_server, built_site, scheme):
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    failures = []
    for path in all_pages(built_site):
        page.goto(site_server + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        draw_all(page)
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            failures.append(f"/{path}:\n{result.generate_report()}")
    assert not failures, "\n".join(failures)


def test_axe_finds_no_wcag_violations_on_any_page_on_a_phone(mobile_page, site_server, built_site):
    # Touch targets are judged at a phone's width, where lists sit closer.
    failures = []
    for path in all_pages(built_site):
        mobile_page.goto(site_server + path)
        draw_all(mobile_page)
        result = Axe().run(mobile_page, options=WCAG)
        if result.violations_count:
            failures.append(f"/{path}:\n{result.generate_report()}")
    assert not failures, "\n".join(failures)


def test_a_code_block_wider_than_a_phone_scrolls_from_the_keyboard(mobile_page, site_server):
    mobile_page.goto(site_server + "teachers/")
    wide = mobile_page.locator(".md-typeset pre > code[tabindex='0']")
    # Measured in idle time after the page starts (or at the first key press).
    expect(wide.first).to_be_attached()
    narrow = mobile_page.locator(".md-typeset pre > code:not([tabindex])")
    assert all(c.evaluate("c => c.scrollWidth <= c.clientWidth") for c in narrow.all())
    first = wide.first
    first.focus()
    mobile_page.keyboard.press("ArrowRight")
    mobile_page.keyboard.press("End")
    mobile_page.wait_for_function("c => c.scrollLeft > 0", arg=first.element_handle())


def test_no_request_leaves_the_site_on_any_page(page, site_server, built_site):
    own = urlparse(site_server).netloc
    for path in all_pages(built_site):
        page.goto(site_server + path, wait_until="networkidle")
    foreign = [u for u in page.requests_seen if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != own]  # type: ignore[attr-defined]
    assert foreign == []


def test_phone_layout_has_no_horizontal_scroll(mobile_page, site_server):
    for section in READING.sections:
        mobile_page.goto(section_url(site_server, section))
        overflow = mobile_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{section.slug} scrolls sideways by {overflow}px on a phone"


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 300);
})"""


def test_nothing_moves_while_any_page_loads_on_a_phone(mobile_page, site_server, built_site):
    # Widgets the scripts switch on (the glossary's filter, quiz controls) take
    # their room from the first paint: text does not jump under the reader.
    # Scripts arrive late, as on a slow connection, so the page paints first.
    def late(route):
        time.sleep(0.3)
        route.continue_()

    mobile_page.route("**/*.js", late)
    shifts = {}
    for path in all_pages(built_site):
        mobile_page.goto(site_server + path, wait_until="networkidle")
        shifts[path] = mobile_page.evaluate(LAYOUT_SHIFT)
    assert {p: s for p, s in shifts.items() if s > 0.01} == {}


LAZY_STATE = """id => {
  const content = document.querySelector(".md-content");
  const far = [...document.querySelectorAll(".gl-entry, .ar-source-index > li, .pr-glossary > dd")].pop();
  return [content.classList.contains("ar-render-all"), getComputedStyle(far).contentVisibility];
}"""


def test_long_lists_draw_lazily_and_an_anchor_among_them_still_lands(mobile_page, site_server):
    # Without an anchor the far items wait to be drawn (a faster first screen).
    for path in ("glossary/", "sources/", "print/"):
        mobile_page.goto(site_server + path, wait_until="networkidle")
        assert mobile_page.evaluate(LAZY_STATE) == [False, "auto"], path
    # With one, the page is drawn whole and the anchor is on screen, whether
    # typed in, followed from another page, or followed within the page.
    for path, anchor in (
        ("glossary/", "#roscosmos"),
        ("sources/", "#src-un-sgsm-21912"),
        ("print/", "#gloss-roscosmos"),
    ):
        mobile_page.goto(site_server + path + anchor, wait_until="networkidle")
        mobile_page.wait_for_timeout(300)
        expect(mobile_page.locator(anchor)).to_be_in_viewport()
        assert mobile_page.evaluate(LAZY_STATE)[0] is True
    mobile_page.goto(site_server + "glossary/", wait_until="networkidle")
    mobile_page.evaluate("location.hash = '#unscr-2270'")
    mobile_page.wait_for_timeout(300)
    expect(mobile_page.locator("#unscr-2270")).to_be_in_viewport()


def test_the_print_pages_paragraphs_draw_whole_where_their_numbers_hang_in_the_margin(browser, site_server):
    # A lazily drawn box clips what overflows it: from 1220 px the paragraph
    # numbers hang outside the text, so there the paragraphs are drawn as usual.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_server + "print/", wait_until="networkidle")
    state = "() => getComputedStyle([...document.querySelectorAll('.pr-section ~ .ar-para')].pop()).contentVisibility"
    assert page.evaluate(state) == "auto"
    page.set_viewport_size({"width": 1400, "height": 900})
    assert page.evaluate(state) == "visible"
    number = page.locator(".pr-section ~ .ar-para .ar-pnum").last
    number.scroll_into_view_if_needed()
    box, para = number.bounding_box(), page.locator(".pr-section ~ .ar-para").last.bounding_box()
    assert box and para and box["x"] + box["width"] <= para["x"] + 1  # in the margin, and drawn
    context.close()


def test_search_finds_words_of_the_article(page, site_server):
    page.goto(site_server, wait_until="networkidle")  # the search index has loaded
    page.keyboard.press("s")  # Material's shortcut opens search
    page.locator("input.md-search__input").press_sequentially("Vostochny", delay=30)
    results = page.locator(".md-search-result")
    expect(results).to_contain_text("Vostochny Cosmodrome", timeout=15_000)
    hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert any("read/opening/" in href for href in hrefs), hrefs
