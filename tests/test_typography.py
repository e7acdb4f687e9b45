"""The article reads like a printed essay: 60-75 characters a line where the
screen has room, generous leading, a readable size on phones, pull quotes
that do not look like the author's prose, system fonts only; the reference
pages keep their denser interface type."""

from __future__ import annotations

import statistics
from urllib.parse import urlparse

import pytest

# Characters on each full line (every line but a paragraph's last) of the
# article's paragraphs, as laid out: the article's words only, not what
# annotation inserted (source numbers, notes), which are set apart anyway.
LINE_LENGTHS = """() => {
  const out = [];
  const range = document.createRange();
  for (const text of document.querySelectorAll(".md-content .ar-para .ar-text")) {
    if (!text.getClientRects().length) continue;
    const lines = [];
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.parentElement.closest("[data-ar-insert], .ar-sr, [hidden]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let n; (n = walker.nextNode());) {
      for (let i = 0; i < n.data.length; i++) {
        range.setStart(n, i); range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        const mid = r.top + r.height / 2;
        const line = lines.find(l => Math.abs(l.mid - mid) < r.height / 2);
        if (line) line.count++; else lines.push({mid, count: 1});
      }
    }
    lines.sort((a, b) => a.mid - b.mid);
    out.push(...lines.slice(0, -1).map(l => l.count));
  }
  return out;
}"""

STYLE = """sel => { const s = getComputedStyle(document.querySelector(sel));
  return {family: s.fontFamily, size: parseFloat(s.fontSize), lh: parseFloat(s.lineHeight), style: s.fontStyle}; }"""


@pytest.mark.parametrize("width,height", [(1280, 720), (1400, 900)])
def test_article_lines_hold_60_to_75_characters_on_wide_screens(browser, site_server, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        for path in ("read/opening/", "read/sanctions/", "read/beggars-cant-be-choosers/"):
            page.goto(site_server + path)
            lengths = page.evaluate(LINE_LENGTHS)
            assert len(lengths) >= 5, path
            median = statistics.median(lengths)
            assert 60 <= median <= 75, (path, width, median, lengths)
            # No line runs far past the measure (a long unbreakable link may end one early).
            assert max(lengths) <= 80, (path, width, lengths)
    finally:
        page.close()


def test_on_a_phone_the_article_is_large_and_well_spaced(mobile_page, site_server):
    mobile_page.goto(site_server + "read/sanctions/")
    prose = mobile_page.evaluate(STYLE, ".ar-para")
    interface = mobile_page.evaluate(STYLE, ".ar-meta p")
    assert prose["size"] >= 17 and prose["lh"] / prose["size"] >= 1.6
    assert prose["family"] != interface["family"]  # the author's words in a text face, ours in the interface's
    lengths = mobile_page.evaluate(LINE_LENGTHS)
    assert 30 <= statistics.median(lengths) <= 50


def test_pull_quotes_and_the_disclaimer_do_not_look_like_the_authors_prose(page, site_server):
    page.goto(site_server + "read/sanctions/")
    prose = page.evaluate(STYLE, ".ar-para")
    pull = page.evaluate(STYLE, ".ar-pullquote p")
    assert pull["style"] == "italic" and prose["style"] == "normal"
    assert pull["size"] >= prose["size"] * 1.25
    # The resolutions' own words, quoted inside the author's sentence, are slanted.
    assert page.evaluate(STYLE, "#p-4 .ar-quote")["style"] == "italic"
    page.goto(site_server + "about/")
    assert page.evaluate(STYLE, ".ar-disclaimer p")["size"] < prose["size"]


def test_reference_pages_keep_the_denser_interface_type(page, site_server):
    page.goto(site_server + "read/sanctions/")
    article = page.evaluate(STYLE, ".ar-para")
    for path, sel in (("glossary/", ".gl-entry p"), ("sources/", "article li")):
        page.goto(site_server + path)
        ref = page.evaluate(STYLE, sel)
        assert ref["family"] != article["family"] and ref["size"] < article["size"], path


def test_fonts_come_from_the_device_not_from_another_host(page, site_server):
    page.goto(site_server + "read/sanctions/", wait_until="networkidle")
    fonts = [u for u in page.requests_seen if urlparse(u).path.endswith((".woff", ".woff2", ".ttf", ".otf"))]  # type: ignore[attr-defined]
    assert fonts == []
    assert page.evaluate("[...document.fonts].filter(f => f.status !== 'unloaded').length") == 0
