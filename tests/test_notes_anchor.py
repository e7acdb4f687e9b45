"""Anchoring of the student's highlights, property-tested on the real code:
mine.js's functions run in Chromium on paragraphs that hypothesis generates.

A quote is described on one rendering of a paragraph and looked for in
another: different glossary wraps, source and note markers, glosses a
reading mode inserts, glossary cards, other highlights, another reading
mode. When the words are unchanged it lands on exactly the same words; when
the text was edited it is found wherever the exact words still are, and is
orphaned (null) when they are gone. Wrapping never changes the text a reader
sees, nor the links (glossary terms) inside it.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

WORDS = ["Russia", "North", "Korea", "space", "the", "of", "a", "satellite", "’s", "“launch”", "–", "UN", "9.8", "and"]

INSERTS = [
    '<sup class="ar-src" data-ar-insert>[<a class="ar-src-ref" href="#s">2</a>]</sup>',
    '<a class="ar-note-ref" data-ar-insert href="#n">note<span class="ar-sr">: why</span></a>',
    '<ins class="rm-gloss">(a gloss a reading mode adds)</ins>',
    '<span class="gl-tip" role="group">Definition card text</span>',
    '<span data-ar-insert="">[sic]</span>',
]

WRAPS = ["plain", "term", "em", "mark"]

# Runs in the page: builds both renderings, describes the quote on the first,
# locates and wraps it on the second. Returns what the test checks.
SCRIPT = """
([htmlA, htmlB, start, end, mode]) => {
  const A = window.__mine.anchor;
  const box = document.getElementById('anchor-lab') || document.body.appendChild(Object.assign(document.createElement('div'), {id: 'anchor-lab'}));
  box.innerHTML = '';
  const mk = (h, n) => { const p = document.createElement('p'); p.className = 'ar-para'; p.id = 'p-' + n; p.dataset.para = n;
    p.innerHTML = '<a class="ar-pnum" href="#p-' + n + '">' + n + '</a><span class="ar-text">' + h + '</span>'; box.appendChild(p); return p.querySelector('.ar-text'); };
  const a = mk(htmlA, 901);
  const ta = A.textOf(a);
  const point = (t, i, atEnd) => { for (const m of t.map) { const len = m.node.data.length;
      if (i < m.start + len || (atEnd && i === m.start + len)) return [m.node, i - m.start]; }
    const last = t.map[t.map.length - 1]; return [last.node, last.node.data.length]; };
  const r = document.createRange();
  r.setStart(...point(ta, start, false)); r.setEnd(...point(ta, end, true));
  const sel = A.describe(a, r);
  if (mode) document.documentElement.setAttribute('data-reading-mode', mode);
  const b = mk(htmlB, 902);
  const links = [...b.querySelectorAll('a')].map(x => x.textContent);
  const before = A.textOf(b).text, seen = b.textContent;
  const found = A.locate(before, sel);
  let marked = null, after = null, seenAfter = null, linksAfter = null;
  if (found) {
    const marks = A.wrap(b, found.start, found.end, 'test', 'mine-hl');
    marked = marks.map(m => m.textContent).join('');
    after = A.textOf(b).text; seenAfter = b.textContent;
    linksAfter = [...b.querySelectorAll('a')].map(x => x.textContent);
    A.unwrap(b);
  }
  document.documentElement.removeAttribute('data-reading-mode');
  return {textA: ta.text, sel, textB: before, found, marked, after, seen, seenAfter, links, linksAfter, unwrapped: A.textOf(b).text};
}
"""


@pytest.fixture(scope="module")
def lab(browser: Browser, site_server: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_server + "notes/")
    page.wait_for_function("window.__mine && window.__mine.anchor")
    yield page
    context.close()


@st.composite
def rendering(draw, words: list[str]) -> str:
    """HTML for a paragraph whose article words are ' '.join(words): each word
    plain, in a glossary link, emphasised or already highlighted, with
    inserted elements scattered between words."""
    out = []
    for i, word in enumerate(words):
        sep = "" if i == 0 else " "
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(INSERTS)))
        kind = draw(st.sampled_from(WRAPS))
        w = html.escape(word, quote=False)
        if kind == "term":
            out.append(f'{sep}<a class="gl-term" href="#t" data-term="t">{w}</a>')
        elif kind == "em":
            out.append(f"{sep}<em>{w}</em>")
        elif kind == "mark":
            out.append(f'{sep}<mark class="mine-hl" data-mine-id="other">{w}</mark>')
        else:
            out.append(sep + w)
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(INSERTS)))
    return "".join(out)


paragraph = st.lists(st.sampled_from(WORDS), min_size=2, max_size=40)
modes = st.sampled_from([None, "calm", "guided", "plain-language", "study"])


def quote_bounds(text: str, data) -> tuple[int, int]:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    return i, j


def trimmed(text: str, i: int, j: int) -> str:
    return text[i:j].strip()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(words=paragraph, data=st.data(), mode=modes)
def test_a_quote_is_refound_on_the_same_words_whatever_the_markup(lab: Page, words, data, mode) -> None:
    text = " ".join(words)
    html_a = data.draw(rendering(words))
    html_b = data.draw(rendering(words))
    i, j = quote_bounds(text, data)
    r = lab.evaluate(SCRIPT, [html_a, html_b, i, j, mode])
    assert r["textA"] == text and r["textB"] == text  # inserts never count as article words
    if not trimmed(text, i, j):
        assert r["sel"] is None  # only spaces selected: nothing to highlight
        return
    sel = r["sel"]
    assert sel["exact"] == trimmed(text, i, j)
    assert text[sel["start"] : sel["end"]] == sel["exact"]
    assert (r["found"]["start"], r["found"]["end"]) == (sel["start"], sel["end"])
    assert r["marked"] == sel["exact"]
    assert r["after"] == text and r["seenAfter"] == r["seen"]  # highlighting changes no visible text
    assert r["linksAfter"] == r["links"]  # glossary terms and markers keep their text
    assert r["unwrapped"] == text


edits = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace"]),
        st.integers(0, 60),
        st.sampled_from(WORDS + ["Ukraine", "rocket"]),
    ),
    min_size=1,
    max_size=4,
)


def apply_edits(words: list[str], plan) -> list[str]:
    out = list(words)
    for kind, at, word in plan:
        k = at % (len(out) + 1)
        if kind == "insert":
            out.insert(k, word)
        elif kind == "delete" and len(out) > 1:
            del out[min(k, len(out) - 1)]
        elif out:
            out[min(k, len(out) - 1)] = word
    return out


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(words=paragraph, data=st.data(), plan=edits, mode=modes)
def test_after_an_edit_a_quote_is_found_where_its_words_are_or_orphaned(lab: Page, words, data, plan, mode) -> None:
    text = " ".join(words)
    i, j = quote_bounds(text, data)
    if not trimmed(text, i, j):
        return
    edited = apply_edits(words, plan)
    new_text = " ".join(edited)
    r = lab.evaluate(SCRIPT, [data.draw(rendering(words)), data.draw(rendering(edited)), i, j, mode])
    exact = r["sel"]["exact"]
    if exact in new_text:
        assert r["found"] is not None
        assert new_text[r["found"]["start"] : r["found"]["end"]] == exact
        assert r["marked"] == exact and r["after"] == new_text
    else:
        assert r["found"] is None  # orphaned, never pinned on other words


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(words=st.lists(st.sampled_from(["a"] * 19 + ["b"]), min_size=60, max_size=120), data=st.data())
def test_repeated_words_land_on_the_occurrence_that_was_chosen(lab: Page, words, data) -> None:
    # The same words many times over: context and the position hint pick the
    # occurrence the student selected, not the first one.
    text = " ".join(words)
    i, j = quote_bounds(text, data)
    if not trimmed(text, i, j):
        return
    r = lab.evaluate(SCRIPT, [data.draw(rendering(words)), data.draw(rendering(words)), i, j, None])
    assert (r["found"]["start"], r["found"]["end"]) == (r["sel"]["start"], r["sel"]["end"])
