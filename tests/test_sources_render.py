"""Markers, notes and source lists as HTML: numbering, placement, escaping.

Pure functions, run through the real annotation pass on the article's own
paragraph HTML; no build.
"""

from __future__ import annotations

from dataclasses import replace

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT, text_before
from readkit import citing, sourcelists
from readkit.annotate import PageState, annotate
from readkit.claims import Anchor, Claim, Note, load_claims, load_notes
from readkit.pagepass import html_of
from readkit.render import esc, paragraph_html
from readkit.seed import load_reading
from readkit.sources import load_sources

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
SOURCES = load_sources(ROOT / "sources" / "sources.yml")
CLAIMS = load_claims(ROOT / "sources" / "claims.yml", READING, SOURCES)
NOTES = load_notes(ROOT / "sources" / "notes.yml", READING, SOURCES)
EVIL = '<script>alert("x")</script> & "onmouseover=alert(1)'


def section_html(section) -> str:
    return "\n".join(paragraph_html(p) for p in section.paragraphs)


def run(section, claims=CLAIMS, notes=NOTES, sources=SOURCES, html=None):
    page = citing.plan(READING, section, claims, notes, sources)
    lost: list = []
    provider = citing.make_provider(page, lost.append)
    state = PageState()
    out = annotate(html if html is not None else section_html(section), [provider], state)
    return page, provider.finish(out, state), lost


def visible_paragraphs(html: str) -> dict[int, str]:
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.select("[data-ar-insert]"):
        el.decompose()
    return {int(p["data-para"]): p.select_one(".ar-text").get_text() for p in soup.select("p.ar-para")}


# -- Numbering ---------------------------------------------------------------------


def test_sources_are_numbered_in_reading_order_per_page():
    for section in READING.sections:
        page = citing.plan(READING, section, CLAIMS, NOTES, SOURCES)
        seen: list[str] = []
        for item in sorted(
            [*page.claims, *page.notes], key=lambda i: (i.anchor.para, i.anchor.end, isinstance(i, Note))
        ):
            for sid in item.sources:
                if sid not in seen:
                    seen.append(sid)
        assert [s.id for s in page.listed] == seen
        assert [page.number(s) for s in seen] == list(range(1, len(seen) + 1))


def test_every_section_has_claims_and_notes():
    for section in READING.sections:
        page = citing.plan(READING, section, CLAIMS, NOTES, SOURCES)
        assert page.claims, f"{section.slug} links no claim to a source"
        assert page.notes, f"{section.slug} has no critical-reading note"


# -- Placement through the annotation pass -------------------------------------------


def test_markers_follow_their_quotes_and_the_text_is_unchanged():
    for section in READING.sections:
        page, html, lost = run(section)
        assert lost == []
        assert visible_paragraphs(html) == {p.number: p.text for p in section.paragraphs}
        soup = BeautifulSoup(html, "html.parser")
        for item in [*page.claims, *page.notes]:
            [marker] = soup.select(f'[data-ar-key="{item.key}"]')
            para = marker.find_parent("p", class_="ar-para")
            assert int(para["data-para"]) == item.anchor.para
            assert text_before(marker).endswith(item.quote), item.quote


def test_a_second_pass_changes_nothing():
    def same(markup: str) -> str:  # as a browser reads it: `&#x27;` and `'` are one character
        return BeautifulSoup(markup, "html.parser").decode()

    for section in READING.sections:
        _, once, _ = run(section)
        _, twice, lost = run(section, html=once)
        assert same(twice) == same(once)
        assert lost == []


def test_notes_follow_their_paragraph_in_order():
    section = READING.sections[1]
    page, html, _ = run(section)
    soup = BeautifulSoup(html, "html.parser")
    for note in page.notes:
        aside = soup.find(id=f"note-{note.id}")
        wrapper = aside.find_parent(class_="ar-noted")
        assert wrapper.find("p", class_="ar-para")["id"] == f"p-{note.anchor.para}"
        assert aside.find_parent("p") is None, "a block inside <p> would be broken HTML"
        ref = soup.find(id=f"noteref-{note.id}")
        assert ref["href"] == f"#note-{note.id}" and ref["aria-controls"] == f"note-{note.id}"
    # Each wrapper lists its notes in the order of their markers.
    for wrapper in soup.select(".ar-noted"):
        marker_order = [a["id"][len("noteref-") :] for a in wrapper.select("a.ar-note-ref")]
        note_order = [a["id"][len("note-") :] for a in wrapper.select("aside.ar-note")]
        assert marker_order == note_order


def test_sic_notes_are_marked_sic_after_the_word_without_editing_it():
    section = READING.sections[3]
    _, html, _ = run(section)
    soup = BeautifulSoup(html, "html.parser")
    ref = soup.find(id="noteref-unprecedent")
    assert ref.get_text().startswith("[sic]")
    assert text_before(ref).endswith("And unprecedent")
    assert "And unprecedent numbers" in visible_paragraphs(html)[9]


def test_a_marker_after_a_link_goes_after_it_and_one_inside_is_reported():
    section = READING.sections[0]
    claim = next(c for c in CLAIMS if c.quote == "a fresh set of sanctions")
    text = READING.paragraph(3).text
    plain = paragraph_html(READING.paragraph(3))
    # The quote ends where a link (another hook's, say) ends: the marker follows the link.
    html = plain.replace("a fresh set of sanctions", '<a href="#x">a fresh set of sanctions</a>')
    _, out, lost = run(section, claims=[claim], notes=[], html=html)
    assert lost == []
    assert '<a href="#x">a fresh set of sanctions</a><sup class="ar-src"' in out
    # The quote ends inside a link: no place for a marker, and the caller hears of it.
    html = plain.replace("a fresh set of sanctions, aimed", '<a href="#x">a fresh set of sanctions, aimed</a>')
    _, out, lost = run(section, claims=[claim], notes=[], html=html)
    assert lost == [claim]
    assert visible_paragraphs(out)[3] == text


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_claim_anywhere_keeps_the_text_and_lands_after_its_quote(data):
    para = data.draw(st.sampled_from(READING.paragraphs))
    end = data.draw(st.integers(1, len(para.text)))
    start = data.draw(st.integers(max(0, end - 40), end - 1))
    split = data.draw(st.integers(0, len(para.text)))  # another tag splits the text here
    claim = Claim(1, para.text[start:end], ("treasury-jy1938",), None, Anchor(para.number, start, end), "c.yml", 1)
    prefix = paragraph_html(para).partition('<span class="ar-text">')[0]
    html = f'{prefix}<span class="ar-text">{esc(para.text[:split])}<em>{esc(para.text[split:])}</em></span></p>'
    _, out, lost = run(para.section, claims=[claim], notes=[], html=html)
    assert lost == []
    assert visible_paragraphs(out)[para.number] == para.text
    [marker] = BeautifulSoup(out, "html.parser").select('[data-ar-key="src:1"]')
    assert text_before(marker) == para.text[:end]


# -- Escaping -------------------------------------------------------------------------


def test_data_from_the_registry_and_notes_is_escaped():
    sid = "treasury-jy1938"
    evil_source = replace(SOURCES[sid], title=EVIL, publisher=EVIL, locator=EVIL)
    sources = {**SOURCES, sid: evil_source}
    note = replace(NOTES[0], title=EVIL, sources=(sid,))
    section = READING.paragraph(note.anchor.para).section
    claim = next(c for c in CLAIMS if sid in c.sources)
    page, html, _ = run(section, claims=[claim], notes=[note], sources=sources)
    listing = html_of(sourcelists.section_sources_parts(page, lambda n: f"#p-{n}"))
    index = html_of(
        sourcelists.index_parts(
            sources,
            sourcelists.uses_by_source(sources, [claim], [note], {}),
            lambda n: f"#p-{n}",
            lambda n: f"#note-{n.id}",
        )
    )
    for out in (html, listing, index):
        soup = BeautifulSoup(out, "html.parser")
        assert soup.find("script") is None
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        assert EVIL in soup.get_text()


# -- Lists and labels ---------------------------------------------------------------


def test_only_seen_sources_are_labelled_checked():
    for source in SOURCES.values():
        badge = BeautifulSoup(sourcelists.status_badge(source), "html.parser").span
        assert (badge.get_text() == "checked") == (source.status == "seen")
        assert f"ar-badge--{source.status}" in badge["class"]
    labels = {s.status: BeautifulSoup(sourcelists.status_badge(s), "html.parser").get_text() for s in SOURCES.values()}
    assert labels == {"seen": "checked", "derived": "address not checked", "unverified": "unverified"}


def test_dates_read_as_words():
    assert citing.format_date("2023-11-30") == "30 November 2023"
    assert citing.format_date("2023-09") == "September 2023"
    assert citing.format_date("2016") == "2016"
    assert citing.format_date(None) == "No date"


def test_the_section_list_links_each_number_to_its_source_and_paragraphs():
    section = READING.sections[1]
    page = citing.plan(READING, section, CLAIMS, NOTES, SOURCES)
    soup = BeautifulSoup(
        html_of(sourcelists.section_sources_parts(page, lambda n: f"#p-{n}", lambda s: f"/s#src-{s.id}")), "html.parser"
    )
    items = soup.select("ol.ar-sources > li")
    assert [li["id"] for li in items] == [f"source-{n}" for n in range(1, len(page.listed) + 1)]
    for li, source in zip(items, page.listed):
        assert li.select_one("a.ar-source-url")["href"] == source.url
        assert li.select_one(f"#{li['id']}-desc cite").get_text() == source.title
        assert {a["href"] for a in li.select('a[href^="#p-"]')} == {f"#p-{n}" for n in page.cited_at[source.id]}
        assert li.select_one('a[href^="/s#"]')["href"] == f"/s#src-{source.id}"


def test_the_citation_names_author_section_paragraphs_and_no_date():
    cite = BeautifulSoup(sourcelists.citation_html(READING, READING.sections[1]), "html.parser").get_text()
    assert cite.startswith("Suess, J. (n.d.). Necessity Knows No Law?")
    assert READING.url in cite
    assert "“Sanctions against North Korea”, paras. 4–5" in cite
    opening = BeautifulSoup(sourcelists.citation_html(READING, READING.sections[0]), "html.parser").get_text()
    assert "“Opening”, paras. 1–3" in opening
    assert sourcelists.author_apa("Mary Ann Smith") == "Smith, M. A."


def test_a_note_names_the_words_it_is_about():
    assert citing.short_quote("a resolution from 2016 calls on") == "a resolution from 2016 calls on"
    long = "opposing new sanctions against North Korea within the UN Security Council (together with China)"
    short = citing.short_quote(long)
    assert short.startswith("…") and long.endswith(short[1:]) and len(short) <= 49
    note = next(n for n in NOTES if n.id == "calls-on-or-decides")
    page = citing.plan(READING, READING.sections[1], CLAIMS, NOTES, SOURCES)
    head = BeautifulSoup(citing.note_body(page, note), "html.parser").select_one(".ar-note-kind").get_text()
    assert head == "Article and source differ, on “a resolution from 2016 calls on”:"
