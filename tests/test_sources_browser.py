"""Source previews and critical-reading notes in Chromium: hover, keyboard, tap,
margin layout on desktops, inline notes on phones, print, instant navigation,
axe-core. Screenshots go to $AR_SCREENSHOTS (default: a pytest temp folder).

Source numbers, note markers, previews and notes beside the text are the
Study reading mode's layers (the default mode keeps them behind each
paragraph's control: tests/test_modes_browser.py), so these tests read in Study."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from helpers import ROOT, draw_all
from readkit.claims import load_notes
from readkit.seed import load_reading
from readkit.sources import load_sources

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
SOURCES = load_sources(ROOT / "sources" / "sources.yml")
NOTES = load_notes(ROOT / "sources" / "notes.yml", READING, SOURCES)
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
SANCTIONS = "read/sanctions/"
MARKER = ".ar-text sup.ar-src a.ar-src-ref"
PREVIEW = "#ar-preview"
STUDY = "localStorage.setItem('ar-reading-mode', 'study')"


@pytest.fixture(autouse=True)
def _study(request):
    for name in ("page", "mobile_page"):
        if name in request.fixturenames:
            request.getfixturevalue(name).add_init_script(STUDY)


def study_context(browser, **options):
    context = browser.new_context(**options)
    context.add_init_script(STUDY)
    return context


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("AR_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("sources-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def list_title(page, marker) -> str:
    return page.locator(f"#{marker.get_attribute('aria-describedby')} cite").inner_text()


def notes_on(page) -> list:
    return page.locator("aside.ar-note").all()


def fragment(link) -> str:
    # Instant navigation rewrites hrefs to absolute addresses: keep the #part.
    return link.get_attribute("href").partition("#")[2]


def scroll_y(page) -> float:
    return page.evaluate("scrollY")


def box(locator) -> dict:
    b = locator.bounding_box()
    assert b is not None, "element is not rendered"
    return b


# -- Source previews ------------------------------------------------------------------


def test_hovering_a_marker_previews_its_source(page, site_server):
    page.goto(site_server + SANCTIONS)
    marker = page.locator(MARKER).first
    marker.scroll_into_view_if_needed()
    marker.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    title = list_title(page, marker)
    expect(preview).to_contain_text(title)
    expect(preview).to_contain_text(re.compile(r"(Primary|Secondary) source"))
    expect(preview).to_contain_text(re.compile(r"checked|address not checked|unverified"))
    # The preview sits next to its marker and can itself be hovered (WCAG 1.4.13).
    assert abs(box(preview)["y"] - (box(marker)["y"] + box(marker)["height"])) < 40
    preview.hover()
    page.wait_for_timeout(300)
    expect(preview).to_be_visible()
    page.mouse.move(5, 450)
    expect(preview).to_be_hidden()
    assert page.errors == []


def test_an_unchecked_address_is_labelled_in_its_preview(page, site_server):
    page.goto(site_server + SANCTIONS)
    for marker in page.locator(MARKER).all():
        li = page.locator("#" + fragment(marker))
        status = li.get_attribute("class")
        if "ar-source--derived" in status:
            marker.scroll_into_view_if_needed()
            marker.hover()
            expect(page.locator(PREVIEW)).to_contain_text("address not checked")
            assert "checked" not in page.locator(PREVIEW).inner_text().replace("address not checked", "")
            return
    pytest.fail("no marker on the page cites a source whose address was not checked")


def test_keyboard_focus_previews_escape_hides_enter_goes_to_the_list(page, site_server):
    page.goto(site_server + SANCTIONS)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.ar-text sup.ar-src')"):
            break
    else:
        pytest.fail("Tab never reached a source marker")
    focused = page.locator(":focus")
    expect(page.locator(PREVIEW)).to_be_visible()
    expect(page.locator(PREVIEW)).to_contain_text(list_title(page, focused))
    # Screen readers hear the source's details as the marker's description.
    # (text_content: the list may not be drawn yet, which empties inner_text)
    description = " ".join(page.locator(f"#{focused.get_attribute('aria-describedby')}").text_content().split())
    assert description
    expect(focused).to_have_accessible_description(re.compile(re.escape(description[:40])))
    expect(focused).to_have_accessible_name(re.compile(r"^Source \d+$"))
    page.keyboard.press("Escape")
    expect(page.locator(PREVIEW)).to_be_hidden()
    target = "#" + fragment(focused)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === {target!r}")
    expect(page.locator(target)).to_be_in_viewport()


def test_first_tap_previews_second_tap_goes_to_the_list(mobile_page, site_server):
    page = mobile_page
    page.goto(site_server + SANCTIONS)
    marker = page.locator(MARKER).first
    marker.scroll_into_view_if_needed()
    marker.tap()
    expect(page.locator(PREVIEW)).to_be_visible()
    expect(page.locator(PREVIEW)).to_contain_text(list_title(page, marker))
    expect(page.locator(PREVIEW)).to_contain_text("Tap the number again")
    assert urlparse(page.url).fragment == ""
    # The preview fits on the phone's screen.
    b = box(page.locator(PREVIEW))
    assert b["x"] >= 0 and b["x"] + b["width"] <= 390
    target = "#" + fragment(marker)
    page.evaluate("document.querySelector('article').dataset.old = '1'")
    marker.tap()
    page.wait_for_function(f"() => location.hash === {target!r}")
    # Instant navigation renders the page again for the new address: wait for it.
    page.wait_for_function("() => !document.querySelector('article[data-old]')")
    expect(page.locator(target)).to_be_in_viewport()
    # A tap elsewhere closes an open preview.
    other = page.locator(MARKER).nth(1)
    other.scroll_into_view_if_needed()
    other.tap()
    expect(page.locator(PREVIEW)).to_be_visible()
    page.locator("article h1").tap()
    expect(page.locator(PREVIEW)).to_be_hidden()
    assert page.errors == []


# -- Notes: margin on desktops ----------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 1600])
def test_notes_sit_in_the_margin_beside_their_paragraph(browser, site_server, shots, width):
    context = study_context(browser, viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        for section in READING.sections:
            page.goto(site_server + f"{READING.section_dir}/{section.slug}/")
            assert notes_on(page), section.slug
            notes = page.locator("aside.ar-note:visible").all()
            assert notes, f"{section.slug}: no note stands beside the text in Study"
            previous_bottom = 0.0
            for note in notes:
                block = note.locator("xpath=ancestor::div[contains(@class,'ar-noted')]")
                para = block.locator("> p.ar-para")
                n, p = box(note), box(para)
                assert n["x"] >= p["x"] + p["width"] + 8, f"{section.slug}: note overlaps its paragraph"
                assert n["x"] + n["width"] <= width, "note runs off the screen"
                assert n["y"] >= p["y"] - 4, "a note starts above its paragraph"
                assert n["y"] >= previous_bottom - 1, "notes overlap each other"
                # Never beside the next paragraph: notes that do not fit collapse.
                assert n["y"] + n["height"] <= p["y"] + p["height"] + 24 + 4, (
                    f"{section.slug}: a note runs past its paragraph"
                )
                previous_bottom = n["y"] + n["height"]
            # Notes never run into what follows the article (the quiz, the lists).
            after = page.locator("article h2").first
            assert previous_bottom <= box(after)["y"] + 1
            # The page's table of contents is still there, in the left navigation.
            expect(
                page.locator(".md-nav--primary .md-nav__item--active > .md-nav--secondary").get_by_role(
                    "link", name="Sources for this section"
                )
            ).to_be_visible()
        page.goto(site_server + SANCTIONS)
        page.locator("#p-4").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"notes-desktop-{width}.png"))
    finally:
        context.close()


def test_on_desktop_a_note_marker_takes_focus_to_its_note(page, site_server):
    page.goto(site_server + SANCTIONS)
    ref = page.locator("a.ar-note-ref").first
    assert ref.get_attribute("aria-expanded") is None  # always shown: nothing to expand
    ref.focus()
    page.keyboard.press("Enter")
    note_id = fragment(ref)
    page.wait_for_function(f"() => document.activeElement.id === {note_id!r}")
    expect(page.locator(f"#{note_id} .ar-note-back a")).to_be_visible()


# -- Notes: inline on phones -----------------------------------------------------------------


def test_on_a_phone_a_note_opens_below_its_marker_and_closes_again(mobile_page, site_server, shots):
    page = mobile_page
    page.goto(site_server + SANCTIONS)
    for note in notes_on(page):
        expect(note).to_be_hidden()
    ref = page.locator("#noteref-calls-on-or-decides")
    note = page.locator("#note-calls-on-or-decides")
    expect(ref).to_have_attribute("aria-expanded", "false")
    expect(ref).to_have_accessible_name(re.compile(r"^note ?: “Calls on”, or “decides”\?$"))
    ref.scroll_into_view_if_needed()
    ref.tap()
    expect(note).to_be_visible()
    expect(ref).to_have_attribute("aria-expanded", "true")
    r, n = box(ref), box(note)
    assert n["y"] > r["y"] + r["height"], "the note opens below its marker"
    assert n["x"] >= 0 and n["x"] + n["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "notes-phone-open.png"))
    ref.scroll_into_view_if_needed()
    ref.tap()
    expect(note).to_be_hidden()
    expect(ref).to_have_attribute("aria-expanded", "false")
    assert page.errors == []


def test_keyboard_opens_and_closes_a_note_on_a_narrow_screen(browser, site_server):
    context = study_context(browser, viewport={"width": 800, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_server + SANCTIONS)
        ref = page.locator("#noteref-guterres-did-not-name-russia")
        note = page.locator("#note-guterres-did-not-name-russia")
        ref.focus()
        page.keyboard.press("Enter")
        expect(note).to_be_visible()
        expect(ref).to_be_focused()
        # Tab moves into the note (its source links), Escape closes it and returns focus.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#note-guterres-did-not-name-russia')") or page.evaluate(
            "document.activeElement.closest('.ar-text') !== null"
        )
        # From a source link inside the note: Escape first closes the link's
        # preview, then the note, and focus returns to the note's marker.
        note.locator("a.ar-src-ref").first.focus()
        expect(page.locator(PREVIEW)).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator(PREVIEW)).to_be_hidden()
        expect(note).to_be_visible()
        page.keyboard.press("Escape")
        expect(note).to_be_hidden()
        expect(ref).to_be_focused()
    finally:
        context.close()


def test_a_link_to_a_note_opens_it_on_a_phone(mobile_page, site_server):
    mobile_page.goto(site_server + SANCTIONS + "#note-calls-on-or-decides")
    expect(mobile_page.locator("#note-calls-on-or-decides")).to_be_visible()
    expect(mobile_page.locator("#noteref-calls-on-or-decides")).to_have_attribute("aria-expanded", "true")


def test_without_javascript_a_note_and_a_source_are_one_click_away(browser, site_server):
    # Without scripts the page reads as in the default mode: the paragraph's
    # control (a plain <details>) holds its notes and links to its sources.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_server + SANCTIONS)
        expect(page.locator("#note-calls-on-or-decides")).to_be_hidden()
        page.locator("details.ar-tools[data-para='4'] > summary").click()
        expect(page.locator("#note-calls-on-or-decides")).to_be_visible()
        page.locator("details.ar-tools[data-para='4'] .ar-tools-links a").first.click()
        assert re.search(r"#source-\d+$", page.url)
    finally:
        context.close()


# -- Print --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_print_shows_every_note_as_an_endnote(browser, site_server, width, shots):
    context = study_context(browser, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_server + SANCTIONS)
        page.emulate_media(media="print")
        # Every note, once, as an endnote after the article's last paragraph,
        # in reading order; the controls that hold them on screen are not printed.
        endnotes = page.locator(".ar-endnotes li").all()
        assert len(endnotes) == len(notes_on(page)) > 0
        last = box(page.locator(".ar-noted").last)
        top = last["y"] + last["height"]
        for endnote in endnotes:
            expect(endnote).to_be_visible()
            n = box(endnote)
            assert n["y"] >= top - 1, "in print the notes follow the article, in order"
            top = n["y"] + n["height"]
        for note in notes_on(page):
            expect(note).to_be_hidden()
        expect(page.locator(".ar-text sup.ar-src").first).to_be_visible()
        expect(page.locator("button.ar-cite-copy")).to_be_hidden()
        page.screenshot(path=str(shots / f"print-{width}.png"), full_page=True)
    finally:
        context.close()


# -- Instant navigation ---------------------------------------------------------------------


def test_markers_and_notes_keep_working_after_instant_navigation(mobile_page, site_server):
    page = mobile_page

    def follow(selector: str) -> None:
        page.evaluate("document.querySelector('article').dataset.old = '1'")
        page.locator(selector).click()
        page.wait_for_function("() => !document.querySelector('article[data-old]')")

    page.goto(site_server + "read/opening/")
    page.evaluate("window.__sameDocument = true")
    for _ in range(3):
        follow("a.md-footer__link--next")  # to sanctions ...
        follow("a.md-footer__link--prev")  # ... and back
    follow("a.md-footer__link--next")
    assert page.url.endswith(SANCTIONS)
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page: not instant"
    # One tap opens the note (stacked listeners would toggle it twice: shut).
    ref = page.locator("#noteref-calls-on-or-decides")
    ref.scroll_into_view_if_needed()
    ref.tap()
    expect(page.locator("#note-calls-on-or-decides")).to_be_visible()
    marker = page.locator(MARKER).first
    marker.scroll_into_view_if_needed()
    marker.tap()
    expect(page.locator(PREVIEW)).to_contain_text(list_title(page, marker))
    assert page.locator(PREVIEW).count() == 1
    assert page.errors == []


# -- Cite this section ---------------------------------------------------------------------


def test_copy_citation_reports_what_it_did(page, site_server):
    page.goto(site_server + SANCTIONS)
    button = page.get_by_role("button", name="Copy citation")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("#ar-status")).to_have_text(re.compile(r"Citation (copied|selected)"))


# -- Accessibility and privacy -----------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [SANCTIONS, "sources/"])
def test_axe_finds_no_violations_with_previews_and_notes_open(browser, site_server, shots, scheme, path):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = study_context(browser, color_scheme=scheme, viewport=viewport)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        try:
            page.goto(site_server + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            if path == SANCTIONS:
                if viewport["width"] < 500:
                    page.locator("#noteref-calls-on-or-decides").click()
                page.locator(MARKER).first.hover()
                expect(page.locator(PREVIEW)).to_be_visible()
            # The quiz is another widget with its own axe tests; everything else counts.
            draw_all(page)
            result = Axe().run(page, context={"exclude": [[".quiz"], [".quiz-progress-link"]]}, options=WCAG)
            assert result.violations_count == 0, result.generate_report()
            page.screenshot(
                path=str(shots / f"axe-{path.strip('/').replace('/', '-')}-{scheme}-{viewport['width']}.png")
            )
            own = urlparse(site_server).netloc
            assert [u for u in requests if urlparse(u).netloc not in (own, "")] == []
        finally:
            context.close()


# For each source-number cluster in the article: is it on the line of the
# character before it? (The cluster's first box against that character's box.)
CLUSTERS_OFF_THEIR_LINE = """() => {
  const off = [];
  for (const sup of document.querySelectorAll(".ar-text sup.ar-src")) {
    let node = sup.previousSibling;
    while (node && !(node.textContent || "").trim()) node = node.previousSibling;
    if (!node) continue;
    const range = document.createRange();
    if (node.nodeType === Node.TEXT_NODE) {
      const end = node.textContent.trimEnd().length;
      range.setStart(node, end - 1);
      range.setEnd(node, end);
    } else {
      range.selectNodeContents(node);
    }
    const before = [...range.getClientRects()].pop();
    const own = sup.getClientRects()[0];
    if (before && own && own.bottom <= before.top + 1) continue;  // cannot happen: it would come first
    if (before && own && own.top >= before.bottom - 1) off.push(sup.textContent);
  }
  return off;
}"""


def test_source_numbers_never_start_a_line_away_from_the_words_they_cite(browser, site_server):
    context = study_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for section in READING.sections:
        page.goto(f"{site_server}{READING.section_dir}/{section.slug}/")
        for width in (320, 360, 375, 390, 414, 600, 768, 1024, 1280, 1400):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(CLUSTERS_OFF_THEIR_LINE) == [], (section.slug, width)
    context.close()
