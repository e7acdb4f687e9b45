"""Reading modes and each paragraph's control, in Chromium.

The reader chooses how much help a section page shows (Just read, Study,
Explain words, No pop-ups). These tests count the marks set apart from the
text in every article paragraph by computed style, use the control by
keyboard and by tap, check that the choice is kept across reloads and
instant navigation, that the article's visible words never change, that
print shows notes and definitions as endnotes, and that the widgets still
work after 20 instant-navigation hops.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from helpers import ROOT
from readkit.seed import load_reading

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
MODES = ["read", "study", "explain", "plain"]
LABELS = {"read": "Just read", "study": "Study", "explain": "Explain words", "plain": "No pop-ups"}
WIDTHS = {390: 844, 1400: 900}
LIMIT = 3.0  # marks per 100 words in the default mode
KEY = "ar-reading-mode"


def section_url(base: str, section) -> str:
    return f"{base}{READING.section_dir}/{section.slug}/"


def words(text: str) -> int:
    return len(text.split())


# Marks in each article paragraph: elements inside the article's words whose
# computed style sets them apart from the text (underline, other colour, size,
# weight or style, superscript, border, background, shadow), counted where no
# such element sits inside them (so "[2, 3]" is two marks, a note pill one).
# Screen-reader-only text (a 1px clipped box) and hidden elements do not count.
COUNT_MARKS = """() => {
  const out = {};
  for (const text of document.querySelectorAll("article .ar-para .ar-text")) {
    const base = getComputedStyle(text);
    const apart = el => {
      const s = getComputedStyle(el);
      if (s.display === "none" || s.visibility === "hidden") return false;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
      const border = ["Top", "Right", "Bottom", "Left"].some(
        k => parseFloat(s["border" + k + "Width"]) > 0 && s["border" + k + "Style"] !== "none");
      return s.textDecorationLine !== "none" || s.verticalAlign !== "baseline" || border ||
        (s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.backgroundColor !== "transparent") ||
        s.color !== base.color || s.fontSize !== base.fontSize || s.fontWeight !== base.fontWeight ||
        s.fontStyle !== base.fontStyle || s.boxShadow !== "none";
    };
    const marked = [...text.querySelectorAll("*")].filter(apart);
    const leaves = marked.filter(el => !marked.some(other => other !== el && el.contains(other)));
    out[text.closest(".ar-para").dataset.para] = leaves.length;
  }
  return out;
}"""

# The visible text of each article paragraph without what was inserted
# (source and note markers, glosses): a copy laid out in place, so the
# page's CSS for the current mode applies to it.
VISIBLE_WORDS = """() => {
  const out = {};
  for (const text of document.querySelectorAll("article .ar-para .ar-text")) {
    const copy = text.cloneNode(true);
    copy.querySelectorAll("[data-ar-insert]").forEach(n => n.remove());
    copy.style.position = "absolute";
    copy.style.left = "-99999px";
    text.parentElement.appendChild(copy);
    out[text.closest(".ar-para").dataset.para] = copy.innerText;
    copy.remove();
  }
  return out;
}"""


def open_in_mode(context, url: str, mode: str):
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('{KEY}', '{mode}')")
    page.goto(url, wait_until="networkidle")
    expect(page.locator("html")).to_have_attribute("data-reading-mode", mode)
    return page


@pytest.fixture(scope="module")
def density(browser, site_server) -> dict:
    """{(width, mode): {paragraph: marks}} over every section page."""
    found: dict = {}
    for width, height in WIDTHS.items():
        for mode in MODES:
            context = browser.new_context(
                viewport={"width": width, "height": height}, has_touch=width < 500, is_mobile=width < 500
            )
            counts: dict[int, int] = {}
            for section in READING.sections:
                page = open_in_mode(context, section_url(site_server, section), mode)
                page.evaluate("document.querySelector('.md-content').classList.add('ar-render-all')")
                counts.update({int(k): v for k, v in page.evaluate(COUNT_MARKS).items()})
                page.close()
            context.close()
            found[(width, mode)] = counts
    return found


def per_100(counts: dict[int, int]) -> dict[int, float]:
    return {n: 100 * marks / words(READING.paragraph(n).text) for n, marks in counts.items()}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_default_mode_keeps_every_paragraph_under_three_marks_per_100_words(density, width):
    counts = density[(width, "read")]
    assert sorted(counts) == [p.number for p in READING.paragraphs], "a paragraph was not counted"
    over = {n: round(d, 1) for n, d in per_100(counts).items() if d > LIMIT}
    assert over == {}, f"paragraphs over {LIMIT} marks per 100 words at {width}px: {over}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_study_shows_every_layer_and_explain_adds_the_definitions(density, width):
    # The counter sees marks where there are some: Study marks terms, sources
    # and notes (¶4 alone has more than 30); Explain words adds one gloss per term.
    study, explain, plain = (per_100(density[(width, m)]) for m in ("study", "explain", "plain"))
    assert max(study.values()) > 10
    assert max(plain.values()) == max(study.values())
    assert max(explain.values()) > LIMIT


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_articles_visible_words_are_the_seeds_in_every_mode(browser, site_server, mode, width):
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    for section in READING.sections:
        page = open_in_mode(context, section_url(site_server, section), mode)
        seen = page.evaluate(VISIBLE_WORDS)
        for p in section.paragraphs:
            assert " ".join(seen[str(p.number)].split()) == " ".join(p.text.split()), (section.slug, p.number)
        if mode == "explain":
            glosses = page.locator(".ar-text ins.gl-gloss")
            assert glosses.count() == page.locator(".ar-text a.gl-term").count() > 0
            assert glosses.evaluate_all("els => els.every(e => e.hasAttribute('data-ar-insert'))")
        else:
            expect(page.locator("ins.gl-gloss")).to_have_count(0)
        page.close()
    context.close()


def test_every_paragraph_has_one_control_with_the_readers_slot(page, site_server):
    for section in READING.sections:
        page.goto(section_url(site_server, section))
        for p in section.paragraphs:
            block = page.locator(f".ar-noted:has(> #p-{p.number})")
            expect(block.locator("> details.ar-tools")).to_have_count(1)
            expect(block.locator(f"details.ar-tools .ar-para-mine[data-para='{p.number}']")).to_have_count(1)
            # Named for screen readers by its paragraph.
            summary = block.locator("summary")
            expect(summary).to_contain_text(f"Paragraph {p.number}:")


def test_the_control_lists_items_in_reading_order_and_highlights_their_words(page, site_server):
    page.goto(section_url(site_server, READING.sections[1]))
    panel = page.locator("details.ar-tools[data-para='4']")
    panel.locator("summary").click()
    expect(panel).to_have_attribute("open", "")
    quotes = panel.locator("[data-quote]").evaluate_all("els => els.map(e => e.dataset.quote)")
    text = READING.paragraph(4).text
    ends = [text.index(q) + len(q) for q in quotes]
    assert len(quotes) > 5 and ends == sorted(ends), "items are not in the order of the text"
    marked = page.evaluate("[...CSS.highlights.get('ar-quote')].map(r => r.toString())")
    assert sorted(marked) == sorted(quotes)
    panel.locator("summary").click()
    expect(panel).not_to_have_attribute("open", "")
    # The highlight follows the control's "toggle" event, which the browser fires in a task of its own.
    page.wait_for_function("() => [...(CSS.highlights.get('ar-quote') || [])].length === 0")


@pytest.mark.parametrize("mode", ["read", "study"])
def test_on_wide_screens_a_note_stays_beside_its_paragraph(browser, site_server, mode):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    for section in READING.sections:
        page = open_in_mode(context, section_url(site_server, section), mode)
        if mode == "read":  # the reader opens every control
            for summary in page.locator("details.ar-tools > summary").all():
                summary.click()
        for block in page.locator(".ar-noted").all():
            para = block.locator("> .ar-para").bounding_box()
            panel = block.locator("> details.ar-tools")
            top = panel.bounding_box()
            assert para and top and top["x"] > para["x"] + para["width"], "not in the margin"
            assert abs(top["y"] - para["y"]) < 12, "the control does not start level with its paragraph"
            for note in panel.locator(".ar-note:visible").all():
                b = note.bounding_box()
                # In the paragraph's own row: never next to the one after it.
                nxt = block.evaluate(
                    "b => { const n = b.nextElementSibling; return n ? n.getBoundingClientRect().top + scrollY : null }"
                )
                assert b and (nxt is None or b["y"] + page.evaluate("scrollY") < nxt), "a note runs past its paragraph"
        if mode == "study":
            # Standing open by itself, a control never makes its paragraph's row
            # taller than the paragraph and a line: what does not fit collapses.
            for block in page.locator(".ar-noted:has(> details[data-auto])").all():
                para = block.locator("> .ar-para").bounding_box()
                panel = block.locator("> details.ar-tools").bounding_box()
                assert para and panel and panel["height"] <= para["height"] + 24
        page.close()
    context.close()


def test_in_study_a_long_paragraphs_notes_collapse_into_its_control(browser, site_server):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = open_in_mode(context, section_url(site_server, READING.sections[1]), "study")
    panel = page.locator("details.ar-tools[data-para='4']")
    expect(panel).to_have_attribute("data-auto", "")
    more = panel.locator("button.ar-tools-more")
    expect(more).to_be_visible()
    hidden = int(more.inner_text().split()[0])
    shown = panel.locator(".ar-note:visible").count()
    assert hidden > 0 and shown + hidden == 6
    more.click()
    expect(panel.locator(".ar-note:visible")).to_have_count(6)
    context.close()


def test_the_mode_control_works_from_the_keyboard(page, site_server):
    page.goto(section_url(site_server, READING.sections[1]))
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "read")
    radio = page.get_by_role("radio", name="Just read")
    expect(radio).to_be_checked()
    expect(page.get_by_role("group", name="How to read")).to_be_visible()
    radio.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "study")
    expect(page.get_by_role("radio", name="Study")).to_be_focused()
    expect(page.locator(".ar-modes-hint")).to_contain_text("Everything")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "study"
    # In Study, terms are tab stops and their card opens from the keyboard.
    term = page.locator(".ar-text a.gl-term").first
    term.focus()
    expect(page.locator(".gl-tip")).to_be_visible()
    page.keyboard.press("Escape")
    # Back to Just read: terms are words again, out of the tab order.
    page.get_by_role("radio", name="Study").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "read")
    expect(term).to_have_attribute("tabindex", "-1")
    expect(page.locator(".ar-text sup.ar-src").first).to_be_hidden()
    # A paragraph's control opens with the keyboard too.
    summary = page.locator("details.ar-tools[data-para='5'] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.ar-tools[data-para='5']")).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(page.locator("details.ar-tools[data-para='5']")).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()


def test_the_mode_control_and_paragraph_control_work_by_tap(mobile_page, site_server):
    page = mobile_page
    page.goto(section_url(site_server, READING.sections[1]))
    page.get_by_text("Explain words", exact=True).tap()
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "explain")
    expect(page.locator(".ar-text ins.gl-gloss").first).to_be_visible()
    # Terms take no taps in this mode: a tap on one does not leave the page.
    url = page.url
    page.locator(".ar-text a.gl-term").first.tap(force=True)
    page.wait_for_timeout(300)
    assert page.url == url
    # The paragraph's control opens under the paragraph with a tap.
    panel = page.locator("details.ar-tools[data-para='4']")
    panel.locator("summary").tap()
    expect(panel.locator(".ar-note").first).to_be_visible()
    para, top = page.locator("#p-4").bounding_box(), panel.bounding_box()
    assert para and top and top["y"] >= para["y"] + para["height"] - 1, "not under its paragraph"
    # No pop-ups: a tap on a term follows it to the glossary, no card opens.
    page.get_by_text("No pop-ups", exact=True).tap()
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "plain")
    marker = page.locator(".ar-text sup.ar-src a.ar-src-ref").first
    marker.tap()
    expect(page).to_have_url(re.compile(r"#source-\d+$"))
    expect(page.locator("#ar-preview")).to_be_hidden()
    page.locator(".ar-text a.gl-term").first.tap()
    expect(page).to_have_url(re.compile(r"/glossary/#"))
    expect(page.locator(".gl-tip")).to_have_count(0)


def test_the_choice_is_kept_across_reloads_and_instant_navigation(page, site_server):
    page.goto(section_url(site_server, READING.sections[0]), wait_until="networkidle")
    page.get_by_text("Explain words", exact=True).click()
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "explain")
    expect(page.get_by_role("radio", name="Explain words")).to_be_checked()
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(section_url(site_server, READING.sections[1]))
    expect(page.get_by_role("radio", name="Explain words")).to_be_checked()
    expect(page.locator(".ar-text ins.gl-gloss").first).to_be_visible()
    assert page.evaluate("window.__sameDocument === true")
    # Another page of the site in a new tab of the same browser: the same choice.
    other = page.context.new_page()
    other.goto(section_url(site_server, READING.sections[3]))
    expect(other.locator("html")).to_have_attribute("data-reading-mode", "explain")
    assert not page.errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("mode", MODES)
def test_print_shows_notes_and_definitions_as_endnotes_in_every_mode(browser, site_server, mode):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_in_mode(context, section_url(site_server, READING.sections[1]), mode)
    page.emulate_media(media="print")
    notes = page.locator(".ar-endnotes li")
    expect(page.locator(".ar-endnotes")).to_be_visible()
    assert notes.count() == page.locator("details.ar-tools .ar-note").count() == 7
    defs = page.locator(".gl-defs .gl-def")
    expect(defs.first).to_be_visible()
    assert defs.count() == page.locator(".ar-text a.gl-term").count()
    # In the text: source numbers and note markers, no controls, no glosses.
    expect(page.locator(".ar-text sup.ar-src").first).to_be_visible()
    expect(page.locator(".ar-text .ar-note-ref").first).to_be_visible()
    expect(page.locator("details.ar-tools").first).to_be_hidden()
    expect(page.locator("form.ar-modes")).to_be_hidden()
    expect(page.locator("ins.gl-gloss:visible")).to_have_count(0)
    context.close()


def test_without_javascript_every_layer_is_a_link_or_details(browser, site_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(section_url(site_server, READING.sections[1]))
    expect(page.locator("form.ar-modes")).to_be_hidden()  # it could not work
    panel = page.locator("details.ar-tools[data-para='4']")
    panel.locator("summary").click()
    expect(panel.locator(".ar-note").first).to_be_visible()
    expect(panel.locator(".ar-tools-links a").first).to_have_attribute("href", re.compile(r"#source-\d+$"))
    expect(panel.locator(".ar-tools-terms a").first).to_have_attribute("href", re.compile(r"glossary/#"))
    # A link to a note opens its control.
    page.goto(section_url(site_server, READING.sections[1]) + "#note-calls-on-or-decides")
    expect(page.locator("#note-calls-on-or-decides")).to_be_visible()
    context.close()


def test_quizzes_tooltips_and_notes_work_after_20_instant_navigation_hops(page, site_server):
    page.goto(section_url(site_server, READING.sections[0]), wait_until="networkidle")
    page.get_by_text("Study", exact=True).click()
    page.evaluate("window.__sameDocument = true")
    # Forward to the end, back to the start, and on: 20 hops in one document.
    hops = [1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 2]
    at = 0
    for target in hops:
        page.locator("a.md-footer__link--next" if target > at else "a.md-footer__link--prev").click()
        at = target
        expect(page).to_have_url(section_url(site_server, READING.sections[at]))
        heading = READING.sections[at].heading or READING.title
        expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(heading)))
    assert len(hops) == 20 and page.evaluate("window.__sameDocument === true")
    expect(page.get_by_role("radio", name="Study")).to_be_checked()
    # Tooltip: one card, from hover.
    page.locator(".ar-text a.gl-term").first.hover()
    expect(page.locator(".gl-tip")).to_have_count(1)
    page.mouse.move(0, 0)
    # Note: the marker opens its paragraph's control and the note takes focus.
    ref = page.locator(".ar-text a.ar-note-ref").first
    ref.click()
    note = page.locator(f"#{ref.get_attribute('aria-controls')}")
    expect(note).to_be_visible()
    expect(note).to_be_focused()
    # Quiz: checking an answer still marks it.
    quiz = page.locator(".quiz").first
    quiz.locator(".quiz-option label").first.click()
    quiz.locator(".quiz-check").click()
    expect(quiz.locator(".quiz-status")).to_have_text(re.compile(r"\S"))
    # Listeners were bound once: one card, one status message.
    assert page.evaluate("window.__glGlossaryBound") == 1
    assert not page.errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("mode", MODES)
def test_controls_around_the_article_are_large_enough_targets(browser, site_server, mode):
    # WCAG 2.5.8 at the size the note pills used to fail it, and on a phone.
    failures = []
    for width, height in ((1280, 720), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        for section in READING.sections:
            page = open_in_mode(context, section_url(site_server, section), mode)
            page.locator("details.ar-tools[data-para]").first.locator("summary").click()
            result = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["target-size"]}})
            if result.violations_count:
                failures.append(f"{section.slug} at {width}px:\n{result.generate_report()}")
            page.close()
        context.close()
    assert not failures, "\n".join(failures)


def test_labels_are_words_a_reader_knows(page, site_server):
    page.goto(section_url(site_server, READING.sections[0]))
    labels = page.locator("form.ar-modes label").all_inner_texts()
    assert [t.strip() for t in labels] == [LABELS[m] for m in MODES]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_paragraph_control_passes_axe_in_every_mode(browser, site_server, scheme):
    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    failures = []
    for width, height in ((390, 844), (1400, 900)):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        for mode in MODES:
            page = open_in_mode(context, section_url(site_server, READING.sections[1]), mode)
            page.locator("details.ar-tools[data-para='5'] > summary").click()
            result = Axe().run(page, context={"include": [["article"]], "exclude": [[".quiz"]]}, options=wcag)
            if result.violations_count:
                failures.append(f"{mode} at {width}px:\n{result.generate_report()}")
            page.close()
        context.close()
    assert not failures, "\n".join(failures)


# Every value <html data-reading-mode> takes while the page loads, and its
# value when the first element of <body> arrives from the parser (a
# MutationObserver's callback runs before the browser can paint what the
# parser just added).
WATCH_MODE = """(() => {
  window.__modeSeen = [];
  window.__modeAtBody = "unset";
  new MutationObserver(records => {
    for (const r of records) {
      if (r.type === "attributes") window.__modeSeen.push(r.target.getAttribute("data-reading-mode"));
      if (window.__modeAtBody === "unset" && document.body && document.body.firstElementChild) {
        window.__modeAtBody = document.documentElement.getAttribute("data-reading-mode");
      }
    }
  }).observe(document, { attributes: true, attributeFilter: ["data-reading-mode"], childList: true, subtree: true });
})();"""


@pytest.mark.parametrize("mode", ["study", "explain", "plain", "read"])
def test_a_stored_mode_is_set_before_anything_is_drawn(browser, site_server, mode):
    # A reload in Study must not draw the page in Just read first.
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('{KEY}', '{mode}')")
    page.add_init_script(WATCH_MODE)
    page.goto(section_url(site_server, READING.sections[1]), wait_until="networkidle")
    assert page.evaluate("window.__modeAtBody") == mode
    assert page.evaluate("window.__modeSeen") == [mode]  # set once, never changed back and forth
    # By a same-origin file in the <head>, run as the parser reaches it (the
    # policy allows no other inline script).
    head = page.locator("head script[src$='assets/js/mode.js']")
    expect(head).to_have_count(1)
    assert head.evaluate("s => !s.defer && !s.async && new URL(s.src).origin === location.origin")
    # The control agrees, and so does a reload.
    expect(page.get_by_role("radio", name=LABELS[mode])).to_be_checked()
    page.reload(wait_until="networkidle")
    assert page.evaluate("window.__modeAtBody") == mode
    assert page.evaluate("window.__modeSeen") == [mode]
    context.close()


def test_without_storage_the_page_reads_in_the_default_mode_from_the_start(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script("Object.defineProperty(window, 'localStorage', { get() { throw new Error('blocked'); } })")
    page.add_init_script(WATCH_MODE)
    page.goto(section_url(site_server, READING.sections[1]), wait_until="networkidle")
    assert page.evaluate("window.__modeAtBody") == "read"
    assert page.evaluate("window.__modeSeen") == ["read"]
    expect(page.get_by_role("radio", name="Just read")).to_be_checked()
    context.close()


# Every change to the class of <html> restyles the whole page: Material's CSS
# has rules such as `.md-typeset table:not([class]) td > :first-child`, so
# Chromium must recheck every element below. Material's bundle sets its two
# classes ("js" for "no-js", and "js-focus-visible" from its focus-visible
# polyfill) once the page is parsed; mode.js sets them before anything is
# styled, and the bundle's own change then changes nothing.
WATCH_ROOT_CLASS = """(() => {
  window.__rootClass = [];
  new MutationObserver(records => {
    for (const r of records) {
      if (r.target === document.documentElement) {
        window.__rootClass.push({ value: r.target.className, bodyParsed: !!document.body });
      }
    }
  }).observe(document, { attributes: true, attributeFilter: ["class"], subtree: true });
})();"""


def test_the_page_root_gets_materials_classes_before_anything_is_styled(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(WATCH_ROOT_CLASS)
    page.goto(section_url(site_server, READING.sections[1]), wait_until="networkidle")
    page.wait_for_function("() => window.document$ !== undefined")
    # Material's bundle sets the classes again as it starts (a mutation with
    # the same value, which restyles nothing): the value is set once, by
    # mode.js, before the body is parsed, and never changes.
    changes = page.evaluate("window.__rootClass")
    assert changes and changes[0] == {"value": "js js-focus-visible", "bodyParsed": False}, changes
    assert {change["value"] for change in changes} == {"js js-focus-visible"}, changes
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(READING.sections[2].slug))
    assert page.evaluate("document.documentElement.className") == "js js-focus-visible"
    context.close()


def test_without_javascript_the_root_keeps_materials_no_js_class(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(section_url(site_server, READING.sections[1]))
    assert page.locator("html").get_attribute("class") == "no-js"
    context.close()
