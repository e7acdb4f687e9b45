"""The student's highlights and notes in Chromium: by mouse, by touch and by
keyboard; kept over a reload and instant navigation; the My notes page with
its Markdown and Web Annotation exports and imports; blocked and corrupted
storage; text typed by the student shown as text; JavaScript off; axe; and
what the layer costs a page that does not use it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from helpers import AXE_OPTIONS, draw_all
from readkit.bundle import gzipped_size

AXE = AXE_OPTIONS
VIEWPORTS = [(390, 844), (1280, 720), (1400, 900)]
QUOTE = "has urged Russia to exercise caution"  # in ¶4 (Sanctions), runs across a glossary term's neighbours


def open_article(page: Page, base: str, path: str = "read/sanctions/") -> None:
    page.goto(base + path)
    page.wait_for_function("window.__mineL && window.__quizBound")


def words_box(page: Page, para: int, words: str) -> list[float]:
    """Viewport coordinates of the first and last letter of `words` in ¶para."""
    return page.evaluate(
        """([n, words]) => {
          const p = document.getElementById('p-' + n); p.scrollIntoView({block: 'center', behavior: 'instant'});
          const t = window.getSelection(); t.removeAllRanges();
          const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          for (let node = w.nextNode(); node; node = w.nextNode()) {
            const i = node.data.indexOf(words); if (i < 0) continue;
            const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + words.length);
            const rs = r.getClientRects(), a = rs[0], b = rs[rs.length - 1];
            return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
          }
          throw new Error('words not found: ' + words);
        }""",
        [para, words],
    )


def drag(page: Page, x1: float, y1: float, x2: float, y2: float) -> None:
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move(x2, y2, steps=8)
    page.mouse.up()


def select_with_mouse(page: Page, para: int, words: str) -> None:
    # Measured again if the page was still settling (late layout) when measured.
    for _ in range(3):
        drag(page, *words_box(page, para, words))
        if page.evaluate("getSelection().toString().trim()") == words:
            return
    raise AssertionError(f"could not select {words!r} with the mouse")


def saved(page: Page) -> list[dict]:
    items = page.evaluate("(JSON.parse(window.__mineL.raw('notes') || '{}').items) || {}")
    return sorted(items.values(), key=lambda n: (n["para"], n["start"]))


def marked(page: Page) -> list[str]:
    """The text of each highlight on the page (its <mark> pieces joined)."""
    return page.evaluate("""() => { const out = {};
        document.querySelectorAll('mark[data-mine-id]').forEach(m => { out[m.dataset.mineId] = (out[m.dataset.mineId] || '') + m.textContent; });
        return Object.values(out); }""")


def go(page: Page, path: str) -> None:
    """Follow a link of the page to `path` (Material's instant navigation takes it)."""
    page.evaluate(
        "s => [...document.querySelectorAll('a[href]')].find(a => a.href.split('#')[0].endsWith(s)).click()", path
    )
    page.wait_for_function("s => location.pathname.endsWith(s) && document.querySelector('h1')", arg=path)


def para_text(page: Page, n: int) -> str:
    return page.locator(f"#p-{n}").inner_text()


def highlight(page: Page, para: int, words: str) -> None:
    select_with_mouse(page, para, words)
    page.locator(".mine-pop [data-mine-do='hl']").click()
    expect(page.locator("mark[data-mine-id]").first).to_be_attached()


def add_note(page: Page, para: int, words: str, note: str) -> None:
    select_with_mouse(page, para, words)
    page.locator(".mine-pop [data-mine-do='note']").click()
    dialog = page.locator("dialog.mine-dlg")
    expect(dialog).to_be_visible()
    dialog.locator("textarea").fill(note)
    dialog.locator("button[value='save']").click()
    expect(dialog).to_be_hidden()


# -- Making highlights ----------------------------------------------------------


def test_highlight_with_the_mouse_keeps_the_words_and_the_glossary(page: Page, site_server: str) -> None:
    open_article(page, site_server)
    before = para_text(page, 4)
    # From plain words, past a source marker and a note marker, into a glossary
    # term: the markers are not part of the quote.
    x1, y1, _, _ = words_box(page, 4, "has urged Russia")
    _, _, x2, y2 = words_box(page, 4, "one of the resolutions")
    drag(page, x1, y1, x2, y2)
    pop = page.locator(".mine-pop")
    expect(pop).to_be_visible()
    expect(pop.get_by_role("button", name="Highlight")).to_be_visible()
    expect(pop.get_by_role("button", name="Add a note")).to_be_visible()
    pop.get_by_role("button", name="Highlight").click()
    expect(pop).to_be_hidden()
    words = "has urged Russia to exercise caution, as one of the resolutions"
    assert marked(page) == [words]
    assert para_text(page, 4) == before  # the article's visible text is unchanged
    [n] = saved(page)
    assert n["para"] == 4 and n["exact"] == words
    assert n["prefix"].endswith("General Antonio Guterres ") and n["suffix"].startswith(" adopted by the UN")
    # In the Study mode, where glossary cards open, the highlight is the same,
    # the glossary term it runs into still opens its card on hover and the
    # source marker inside it still links to its source.
    page.evaluate("document.documentElement.setAttribute('data-reading-mode', 'study')")
    page.wait_for_timeout(100)
    assert marked(page) == [words]
    term = page.locator("#p-4 a.gl-term", has_text="one of the resolutions")
    expect(term.locator("mark")).to_have_count(1)
    page.mouse.move(5, 5)
    r = term.locator("mark").evaluate(
        "m => { const r = m.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }"
    )
    page.mouse.move(r[0], r[1], steps=3)
    expect(page.locator(".gl-tip")).to_be_visible(timeout=3000)
    expect(page.locator("#p-4 sup.ar-src a.ar-src-ref").first).to_have_attribute("href", re.compile("#source-2$"))
    expect(page.locator("#p-4 mark sup, #p-4 mark .ar-note-ref")).to_have_count(0)
    assert not page.errors


def test_highlight_by_touch_long_press_selection(mobile_page: Page, site_server: str) -> None:
    page = mobile_page
    open_article(page, site_server)
    x, y, _, _ = words_box(page, 5, "brazen")
    cdp = page.context.new_cdp_session(page)
    # A long press: the finger stays down while the phone selects the word under it.
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    page.evaluate("""() => { const p = document.getElementById('p-5'), w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf('brazen'); if (i < 0) continue;
          const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 6);
          const s = getSelection(); s.removeAllRanges(); s.addRange(r); return; } }""")
    page.wait_for_timeout(600)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pop = page.locator(".mine-pop")
    expect(pop).to_be_visible()
    # Under the selection (the phone's own menu sits above it), and big enough for a finger.
    box = pop.bounding_box()
    assert box and box["y"] > y and box["height"] >= 44
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    pop.get_by_role("button", name="Highlight").tap()
    assert marked(page) == ["brazen"]
    assert [n["exact"] for n in saved(page)] == ["brazen"]


def test_three_highlights_and_a_note_on_a_phone_then_my_notes(mobile_page: Page, site_server: str) -> None:
    page = mobile_page
    open_article(page, site_server)
    for words in ("brazen", "anti-Western stance", "defence cooperation"):
        words_box(page, 5, words)
        page.evaluate(
            """([words]) => { const p = document.getElementById('p-5'), w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf(words); if (i < 0) continue;
              const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + words.length);
              const s = getSelection(); s.removeAllRanges(); s.addRange(r); return; } }""",
            [words],
        )
        page.locator(".mine-pop [data-mine-do='hl']").tap()
        expect(page.locator(".mine-pop")).to_be_hidden()
    page.locator("mark[data-mine-id]", has_text="brazen").tap()
    page.locator("dialog.mine-dlg textarea").fill("Compare with ¶8.")
    page.locator("dialog.mine-dlg button[value='save']").tap()
    page.goto(site_server + "notes/")
    items = page.locator(".mine-item")
    expect(items).to_have_count(3)
    expect(items.nth(0).locator(".mine-q")).to_have_text("brazen")
    expect(items.nth(0).locator(".mine-note-text")).to_have_text("Compare with ¶8.")


def tab_to(page: Page, name: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_highlight_and_note_from_the_keyboard_through_the_paragraph_panel(page: Page, site_server: str) -> None:
    open_article(page, site_server)
    slot = page.locator(".ar-para-mine[data-para='5']")
    expect(slot).to_have_count(1)
    # The paragraph's own control (a <details>): open it from the keyboard, Tab to our buttons.
    summary = page.locator("details.ar-tools[data-para='5'] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(slot.get_by_role("button", name="Highlight this paragraph")).to_be_visible()
    tab_to(page, "Highlight this paragraph")
    page.keyboard.press("Enter")
    expect(page.locator("#p-5 mark[data-mine-id]").first).to_be_attached()
    [n] = saved(page)
    assert n["para"] == 5 and marked(page) == [n["exact"]]
    assert n["exact"].startswith("Russia has become more brazen") and n["exact"] in para_text(page, 5)
    tab_to(page, "Add a note", 5)
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.mine-dlg")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "mine-dlg-t"
    page.keyboard.type("Why does the author hedge here?")
    page.keyboard.press("Tab")  # to Save note
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    # The dialog's close event (which saves) is a task of its own, after the dialog hides.
    page.wait_for_function("() => (window.__mineL.raw('notes') || '').includes('Why does the author hedge here?')")
    assert page.evaluate("!!document.activeElement.closest('.ar-para-mine')")  # focus back where it was
    assert sorted(x["note"] for x in saved(page)) == ["", "Why does the author hedge here?"]
    expect(slot.get_by_role("button", name=re.compile("^Edit"))).to_have_count(2)
    expect(page.locator("#p-5 .mine-note-btn")).to_have_count(1)
    # Esc in the dialog cancels and keeps the note.
    slot.get_by_role("button", name="Edit your note").focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert sorted(x["note"] for x in saved(page)) == ["", "Why does the author hedge here?"]


def test_a_selection_over_two_paragraphs_makes_one_highlight_in_each_and_esc_closes_the_bar(
    page: Page, site_server: str
) -> None:
    open_article(page, site_server)
    select_with_mouse(page, 5, "brazen")
    expect(page.locator(".mine-pop")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".mine-pop")).to_be_hidden()
    page.evaluate("""() => { const w = p => document.createTreeWalker(document.querySelector('#p-' + p + ' .ar-text'), NodeFilter.SHOW_TEXT);
        const a = w(4), b = w(5); let last = null; for (let n = a.nextNode(); n; n = a.nextNode()) last = n;
        const first = b.nextNode(), r = document.createRange();
        r.setStart(last, Math.max(0, last.data.length - 12)); r.setEnd(first, 6);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    page.locator(".mine-pop [data-mine-do='hl']").click()
    notes = saved(page)
    assert [n["para"] for n in notes] == [4, 5]
    assert notes[1]["exact"] == "Russia" and notes[1]["prefix"] == ""
    assert len(marked(page)) == 2


# -- Kept, re-anchored ------------------------------------------------------------


def test_a_note_survives_a_reload_and_twenty_instant_navigation_hops(page: Page, site_server: str) -> None:
    open_article(page, site_server)
    add_note(page, 4, QUOTE, "Guterres named no country.")
    page.reload()
    page.wait_for_function("document.querySelectorAll('mark[data-mine-id]').length > 0")
    assert marked(page) == [QUOTE]
    expect(page.locator("#p-4 .mine-note-btn")).to_have_count(1)
    page.evaluate("window.__hops = 0")  # survives only if navigation stays instant
    for hop in range(20):
        go(page, "read/opening/" if hop % 2 == 0 else "read/sanctions/")
        if hop % 2 == 1:
            page.wait_for_function("document.querySelectorAll('#p-4 mark[data-mine-id]').length > 0")
            assert marked(page) == [QUOTE]
    assert page.evaluate("window.__hops") == 0
    go(page, "notes/")
    item = page.locator(".mine-item")
    expect(item).to_have_count(1)
    expect(item.locator(".mine-note-text")).to_have_text("Guterres named no country.")
    # Its link leads back to the highlight itself.
    item.locator(".mine-meta a").click()
    page.wait_for_url(re.compile(r"sanctions/#mine-"))
    page.wait_for_function("document.activeElement && document.activeElement.matches('mark[data-mine-id]')")
    assert not page.errors


def test_highlights_are_refound_in_every_reading_mode_with_the_glosses_it_inserts(page: Page, site_server: str) -> None:
    open_article(page, site_server)
    words = "Given existing sanctions and constraints placed on"  # the glossary term "sanctions" inside
    x1, y1, _, _ = words_box(page, 4, "Given existing")
    _, _, x2, y2 = words_box(page, 4, "and constraints placed on")
    drag(page, x1, y1, x2, y2)
    page.locator(".mine-pop [data-mine-do='hl']").click()
    assert marked(page) == [words]
    before = para_text(page, 4)
    # "Explain words" puts a short definition after each term, inside the highlighted words.
    page.get_by_label("Explain words").check()
    expect(page.locator("#p-4 ins.gl-gloss").first).to_be_attached()
    page.wait_for_function("document.querySelectorAll('#p-4 mark[data-mine-id]').length > 1")
    assert marked(page) == [words]
    assert page.evaluate("!document.querySelector('#p-4 mark ins, #p-4 ins mark')")  # glosses stay unmarked
    page.reload()  # the mode is remembered: anchored again with the glosses there from the start
    page.wait_for_function(
        "document.querySelectorAll('#p-4 mark[data-mine-id]').length > 0 && document.querySelector('#p-4 ins.gl-gloss')"
    )
    assert marked(page) == [words]
    for label in ("Study", "No pop-ups", "Just read"):
        page.get_by_label(label).check()
        page.wait_for_timeout(100)
        assert marked(page) == [words], label
    assert para_text(page, 4) == before
    assert not page.errors


def test_words_no_longer_in_the_paragraph_are_orphaned_not_dropped(page: Page, site_server: str) -> None:
    open_article(page, site_server)
    page.evaluate("""() => window.__mineL.save('notes', {v: 1, items: {
        'gone-1': {id: 'gone-1', page: 'read/sanctions/', title: 'Sanctions against North Korea', para: 4,
                   exact: 'words the article never had', prefix: '', suffix: '', start: 3, end: 30, note: 'kept anyway',
                   created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z'}}})""")
    page.reload()
    page.wait_for_function("window.__mine")
    expect(page.locator("mark[data-mine-id]")).to_have_count(0)
    page.goto(site_server + "notes/")
    item = page.locator(".mine-item")
    expect(item).to_have_count(1)
    expect(item.locator(".mine-q")).to_have_text("words the article never had")
    expect(item).to_contain_text("Orphaned")
    expect(item.locator(".mine-note-text")).to_have_text("kept anyway")


# -- My notes: edit, delete, exports and imports --------------------------------------


@pytest.fixture
def with_notes(page: Page, site_server: str) -> Page:
    open_article(page, site_server)
    add_note(page, 4, QUOTE, "First line\nsecond line <b>not bold</b>")
    highlight(page, 5, "brazen")
    open_article(page, site_server, "read/opening/")
    highlight(page, 1, "assistance with developing")
    page.goto(site_server + "notes/")
    expect(page.locator(".mine-item")).to_have_count(3)
    return page


def test_my_notes_lists_everything_in_reading_order_and_shows_typed_text_as_text(with_notes: Page) -> None:
    page = with_notes
    quotes = page.locator(".mine-item .mine-q").all_inner_texts()
    assert quotes == ["assistance with developing", QUOTE, "brazen"]  # ¶1 (Opening), then ¶4 and ¶5 (Sanctions)
    expect(page.locator(".mine-list h2")).to_have_text(["Opening", "Sanctions against North Korea"])
    note = page.locator(".mine-note-text")
    expect(note).to_have_text("First line\nsecond line <b>not bold</b>")
    expect(page.locator(".mine-list b")).to_have_count(0)
    expect(page.get_by_text("Everything stays in this browser on this device.")).to_be_visible()
    links = page.locator(".mine-meta a")
    assert re.search(r"/read/opening/#mine-", links.nth(0).get_attribute("href") or "")


def test_edit_delete_and_clear_all_with_confirmation(with_notes: Page) -> None:
    page = with_notes
    page.get_by_role("button", name=re.compile("Add a note on ¶5")).click()
    page.locator("dialog.mine-dlg textarea").fill("Tone word.")
    page.locator("dialog.mine-dlg button[value='save']").click()
    expect(page.locator(".mine-item", has_text="brazen").locator(".mine-note-text")).to_have_text("Tone word.")
    page.get_by_role("button", name=re.compile("Delete highlight on ¶1")).click()
    expect(page.locator(".mine-item")).to_have_count(2)
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Clear all notes").click()
    expect(page.locator(".mine-item")).to_have_count(2)  # dismissed: nothing deleted
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear all notes").click()
    expect(page.locator(".mine-item")).to_have_count(0)
    expect(page.locator(".mine-status")).to_contain_text("deleted")
    assert saved(page) == []


def test_markdown_export_has_quote_paragraph_link_and_note(with_notes: Page, site_server: str) -> None:
    page = with_notes
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename == "my-notes.md"
    assert text.index("## Opening") < text.index("## Sanctions against North Korea")
    assert (
        f"> {QUOTE}\n>\n> — ¶4, [Sanctions against North Korea]({site_server}read/sanctions/#p-4)\n\nFirst line\nsecond line <b>not bold</b>\n"
        in text
    )
    assert f"> brazen\n>\n> — ¶5, [Sanctions against North Korea]({site_server}read/sanctions/#p-5)\n" in text
    assert f"> assistance with developing\n>\n> — ¶1, [Opening]({site_server}read/opening/#p-1)\n" in text


def export_json(page: Page) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name="Export annotations (JSON-LD)").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def import_file(page: Page, label: str, name: str, content: str) -> None:
    page.locator(".mine-file", has_text=label).locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content.encode("utf-8")}
    )


def test_json_ld_export_then_clear_then_import_gives_the_same_notes(with_notes: Page, site_server: str) -> None:
    page = with_notes
    before = saved(page)
    data = export_json(page)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 3
    note = next(a for a in items if a["target"]["selector"]["value"] == "p-4")
    assert note["type"] == "Annotation" and note["motivation"] == "commenting" and note["id"].startswith("urn:uuid:")
    assert note["body"] == {
        "type": "TextualBody",
        "value": "First line\nsecond line <b>not bold</b>",
        "format": "text/plain",
        "purpose": "commenting",
    }
    assert note["target"]["source"] == site_server + "read/sanctions/"
    quote, position = note["target"]["selector"]["refinedBy"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == QUOTE and quote["prefix"] and quote["suffix"]
    assert position["type"] == "TextPositionSelector" and position["end"] - position["start"] == len(QUOTE)

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear all notes").click()
    expect(page.locator(".mine-item")).to_have_count(0)
    import_file(page, "Import annotations", "my-notes.jsonld", json.dumps(data))
    expect(page.locator(".mine-item")).to_have_count(3)
    expect(page.locator(".mine-status")).to_contain_text("3 new notes imported")
    strip = lambda ns: [{k: v for k, v in n.items() if k != "orph"} for n in ns]  # noqa: E731
    assert strip(saved(page)) == strip(before)
    # Importing the same file again adds nothing.
    import_file(page, "Import annotations", "my-notes.jsonld", json.dumps(data))
    expect(page.locator(".mine-status")).to_contain_text("0 new notes imported; 3 already here")
    expect(page.locator(".mine-item")).to_have_count(3)
    # And the highlights are back on the article.
    page.goto(site_server + "read/sanctions/")
    page.wait_for_function("document.querySelectorAll('mark[data-mine-id]').length >= 2")
    assert sorted(marked(page)) == sorted([QUOTE, "brazen"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"type": "Annotation"}', "not an annotation collection"),
        (
            json.dumps(
                {
                    "type": "AnnotationCollection",
                    "first": {
                        "items": [
                            {
                                "type": "Annotation",
                                "id": "urn:uuid:1",
                                "target": {
                                    "source": "https://example.org/other/",
                                    "selector": {
                                        "type": "FragmentSelector",
                                        "value": "p-1",
                                        "refinedBy": [{"type": "TextQuoteSelector", "exact": "words"}],
                                    },
                                },
                            }
                        ]
                    },
                }
            ),
            "other pages",
        ),
        (
            json.dumps(
                {
                    "type": "AnnotationCollection",
                    "first": {"items": [{"type": "Annotation", "id": "x", "target": {"source": "x"}}]},
                }
            ),
            "not one this reading can show",
        ),
    ],
)
def test_a_malformed_or_foreign_import_is_refused_and_nothing_is_lost(
    with_notes: Page, content: str, message: str
) -> None:
    page = with_notes
    before = saved(page)
    import_file(page, "Import annotations", "bad.json", content)
    expect(page.locator(".mine-status")).to_contain_text(message)
    expect(page.locator(".mine-status")).to_contain_text("unchanged")
    assert saved(page) == before
    expect(page.locator(".mine-item")).to_have_count(3)


def test_save_my_progress_and_load_it_elsewhere_and_refuse_another_reading(
    with_notes: Page, browser: Browser, site_server: str
) -> None:
    page = with_notes
    page.evaluate("""() => { localStorage.setItem('readkit-quiz:necessity-knows-no-law', JSON.stringify({'opening-1': {s: 'wrong', r: ['b']}}));
        window.__mineL.save('review', {'opening-1': {b: 1, ok: false, t: 1, due: 1, n: 1}}); }""")
    with page.expect_download() as info:
        page.get_by_role("button", name="Save my progress").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == "readkit-progress" and data["reading"] == "readkit-quiz:necessity-knows-no-law"
    assert data["quiz"]["opening-1"]["s"] == "wrong" and data["review"]["opening-1"]["b"] == 1
    assert data["annotations"]["total"] == 3

    other = browser.new_context(viewport={"width": 390, "height": 844})  # the phone: nothing saved yet
    phone = other.new_page()
    try:
        phone.goto(site_server + "notes/")
        expect(phone.locator(".mine-empty")).to_be_visible()
        foreign = dict(data, reading="readkit-quiz:another-article", title="Another article")
        import_file(phone, "Load my progress", "p.json", json.dumps(foreign))
        expect(phone.locator(".mine-status")).to_contain_text("from another reading (“Another article”)")
        expect(phone.locator(".mine-item")).to_have_count(0)
        import_file(phone, "Load my progress", "my-progress.json", text)
        expect(phone.locator(".mine-item")).to_have_count(3)
        expect(phone.locator(".mine-status")).to_contain_text("3 new notes, 1 quiz answer")
        assert (
            phone.evaluate("JSON.parse(localStorage.getItem('readkit-quiz:necessity-knows-no-law'))['opening-1'].s")
            == "wrong"
        )
        assert phone.evaluate("JSON.parse(window.__mineL.raw('review'))['opening-1'].b") == 1
    finally:
        other.close()


# -- When storage fails ----------------------------------------------------------------


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


def test_with_storage_blocked_highlights_work_for_the_visit_and_say_so(blocked_page: Page, site_server: str) -> None:
    page = blocked_page
    open_article(page, site_server)
    highlight(page, 4, QUOTE)
    assert marked(page) == [QUOTE]
    go(page, "notes/")
    expect(page.locator(".mine-item")).to_have_count(1)
    expect(page.locator(".mine-warn")).to_contain_text("blocking site storage")
    # The rest of the page is unaffected: the quiz still checks answers.
    go(page, "read/opening/")
    page.locator('label[for="quiz-opening-1-a"]').click()
    page.locator("#quiz-opening-1 .quiz-check").click()
    expect(page.locator("#quiz-opening-1 .quiz-status")).to_have_text("Right.")
    # Only the theme's own inline palette script trips over the blocked storage.
    assert all("insecure" in e for e in page.errors), page.errors


def test_corrupted_storage_keeps_what_can_be_read_and_sets_the_rest_aside(page: Page, site_server: str) -> None:
    open_article(page, site_server)
    page.evaluate("""() => window.__mineL.put('notes', JSON.stringify({v: 1, items: {
        good: {id: 'good', page: 'read/sanctions/', title: 'Sanctions against North Korea', para: 5, exact: 'brazen', prefix: 'has become more ', suffix: ' about', start: 23, end: 29, note: ''},
        bad: {id: 'bad', page: 7, exact: null}}}))""")
    page.goto(site_server + "notes/")
    expect(page.locator(".mine-item")).to_have_count(1)
    expect(page.locator(".mine-warn")).to_contain_text("could not be read")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download what was set aside").click()
    aside = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert '"bad"' in aside[0]["raw"]
    # A key that is not JSON at all: set aside whole, the page still works.
    page.evaluate("window.__mineL.put('notes', '{{{ hand-edited')")
    page.reload()
    expect(page.locator(".mine-empty")).to_be_visible()
    expect(page.locator(".mine-warn")).to_contain_text("2 pieces")
    assert not page.errors


# -- Without JavaScript, accessibility, cost ---------------------------------------------


def test_without_javascript_the_pages_say_they_need_it_and_the_article_is_whole(
    browser: Browser, site_server: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for path in ("notes/", "review/"):
            page.goto(site_server + path)
            expect(page.locator("[data-mine-page]")).to_contain_text("needs JavaScript")
        page.goto(site_server + "read/whats-in-it-for-russia/")
        expect(page.locator("[data-mine-earlier]")).to_contain_text("needs JavaScript")
        expect(page.locator("p.ar-para").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_axe_finds_nothing_on_my_notes(with_notes: Page, site_server: str, width: int, height: int) -> None:
    page = with_notes
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("window.__mineL.save('aside', [{name: 'notes', raw: 'x'}])")
    page.reload()
    expect(page.locator(".mine-item")).to_have_count(3)
    expect(page.locator(".mine-warn")).to_contain_text("could not be read")
    draw_all(page)
    result = Axe().run(page, options=AXE)
    assert result.violations_count == 0, result.generate_report()
    page.goto(site_server + "read/sanctions/")
    page.wait_for_function("document.querySelectorAll('mark[data-mine-id]').length >= 2")
    select_with_mouse(page, 5, "defence cooperation")
    expect(page.locator(".mine-pop")).to_be_visible()
    result = Axe().run(page, options=AXE)
    assert result.violations_count == 0, result.generate_report()


def test_a_page_fetches_nothing_more_until_first_use(page: Page, site_server: str, built_site: Path) -> None:
    open_article(page, site_server)
    page.wait_for_timeout(300)
    assert not [u for u in page.requests_seen if u.endswith("mine.js")]  # type: ignore[attr-defined]
    highlight(page, 4, QUOTE)
    assert [u for u in page.requests_seen if u.endswith("/assets/js/mine.js")]  # type: ignore[attr-defined]
    assert not [u for u in page.requests_seen if not u.startswith(site_server)]  # type: ignore[attr-defined]
    # What every page carries for this layer (loader and styles), gzipped, within 5 KB.
    from readkit.bundle import minify

    docs = Path(__file__).resolve().parents[1] / "docs"
    loader = minify((docs / "assets/js/mine-loader.js").read_text(encoding="utf-8"), "js")
    css = minify((docs / "assets/css/mine.css").read_text(encoding="utf-8"), "css")
    assert gzipped_size(loader) + gzipped_size(css) <= 5 * 1024
    site_js = (built_site / "assets" / "site.js").read_text(encoding="utf-8")
    assert loader in site_js and "TextQuoteSelector" not in site_js  # the main code is not in the bundle
