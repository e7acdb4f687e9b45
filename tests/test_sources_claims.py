"""Claims and notes: exact-quote anchoring and the data files' validation.

Pure functions: no build. Every content error must name the file and line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT
from readkit.claims import anchor_quote, cited_ids, load_claims, load_notes, render_note_markdown, unused_sources
from readkit.errors import ContentError
from readkit.seed import load_reading
from readkit.sources import load_sources

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
SOURCES = load_sources(ROOT / "sources" / "sources.yml")
TEXTS = [p.text for p in READING.paragraphs]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_of(call, *args) -> ContentError:
    with pytest.raises(ContentError) as info:
        call(*args)
    return info.value


# -- Anchoring ----------------------------------------------------------------------


def test_a_unique_quote_anchors_to_its_paragraph_and_offsets():
    a = anchor_quote(READING, "a fresh set of sanctions", "claims.yml", 1)
    assert a.para == 3
    assert READING.paragraph(3).text[a.start : a.end] == "a fresh set of sanctions"


def test_a_quote_spanning_a_curly_apostrophe_anchors():
    a = anchor_quote(READING, "bolster Russia’s war effort", "claims.yml", 1)
    assert (a.para, READING.paragraph(1).text[a.start : a.end]) == (1, "bolster Russia’s war effort")


def test_a_quote_spanning_an_en_dash_anchors():
    a = anchor_quote(READING, "Security Council – of which Russia is a permanent member", "claims.yml", 1)
    assert a.para == 4
    assert READING.paragraph(4).text[a.end : a.end + 2] == " –"


def test_a_quote_spanning_nested_quotation_marks_anchors():
    a = anchor_quote(READING, "prohibits the ‘“direct or indirect supply", "claims.yml", 1)
    assert a.para == 4


def test_a_straight_apostrophe_is_an_error_that_shows_the_seeds_spelling():
    err = error_of(anchor_quote, READING, "bolster Russia's war effort", "data/claims.yml", 7)
    assert str(err).startswith('data/claims.yml:7: quote "bolster Russia\'s war effort" is not in the article')
    assert "bolster Russia’s war effort" in str(err)  # the seed's form, to copy
    assert "typographic" in err.hint


def test_a_hyphen_for_an_en_dash_is_an_error_that_shows_the_seeds_spelling():
    err = error_of(anchor_quote, READING, "Security Council - of which", "c.yml", 3)
    assert "Security Council – of which" in str(err)
    assert str(err).startswith("c.yml:3:")


def test_a_quote_in_several_places_names_every_paragraph():
    err = error_of(anchor_quote, READING, "space programme", "c.yml", 4)
    assert str(err).startswith("c.yml:4: quote 'space programme' occurs")
    hits = READING.locate("space programme")
    assert f"occurs {len(hits)} times" in str(err)
    for p, _ in hits:
        assert f"¶{p.number}" in str(err)
    assert "Quote a few more words" in str(err)


def test_a_quote_from_a_heading_only_is_not_in_the_paragraphs():
    err = error_of(anchor_quote, READING, "Russian Strife in Space", "c.yml", 2)
    assert "is not in the article's paragraphs" in str(err)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_substring_anchors_where_it_is_or_is_refused(data):
    para = data.draw(st.sampled_from(READING.paragraphs))
    start = data.draw(st.integers(0, len(para.text) - 1))
    end = data.draw(st.integers(start + 1, min(len(para.text), start + 80)))
    quote = para.text[start:end]
    if not quote.strip() or quote != quote.strip():
        return
    count = sum(t.count(quote) for t in TEXTS)  # str.count skips overlaps; locate does not
    hits = READING.locate(quote)
    if len(hits) == 1:
        a = anchor_quote(READING, quote, "c.yml", 1)
        assert (a.para, a.start, a.end) == (para.number, start, end)
        assert count == 1
    else:
        err = error_of(anchor_quote, READING, quote, "c.yml", 1)
        assert "times in the article" in str(err)


# -- claims.yml ---------------------------------------------------------------------


def test_the_real_claims_and_notes_load():
    claims = load_claims(ROOT / "sources" / "claims.yml", READING, SOURCES)
    notes = load_notes(ROOT / "sources" / "notes.yml", READING, SOURCES)
    assert len(claims) >= 15
    assert len(notes) >= 6
    assert {n.kind for n in notes} == {"gap", "context", "sic", "later"}


def test_claims_load_with_line_numbers(tmp_path):
    path = write(
        tmp_path,
        "claims.yml",
        """
        # a comment
        - quote: "a fresh set of sanctions"
          sources: [treasury-jy1938, rfa-sanctions-2023]
          about: US sanctions
    """,
    )
    [claim] = load_claims(path, READING, SOURCES)
    assert (claim.line, claim.index, claim.key) == (2, 1, "src:1")
    assert claim.sources == ("treasury-jy1938", "rfa-sanctions-2023")
    assert claim.anchor.para == 3


@pytest.mark.parametrize(
    "body, line, message",
    [
        (
            """
     - quote: "a fresh set of sanctions"
       sources:
         - treasury-jy1938
         - no-such-source
     """,
            4,
            "claim 1: unknown source 'no-such-source'",
        ),
        (
            """
     - quote: "a fresh set of sanctions"
       sources: [treasury-jy1938]
       sauce: x
     """,
            3,
            "claim 1: unknown field 'sauce'",
        ),
        (
            """
     - quote: "a fresh set of sanctions"
     """,
            1,
            "claim 1: 'sources' is missing",
        ),
        (
            """
     - quote: "a fresh set of sanctions"
       sources: [treasury-jy1938]
     - quote: "a fresh set of sanctions"
       sources: [rfa-sanctions-2023]
     """,
            3,
            "is already a claim (line 1)",
        ),
        (
            """
     - quote: "a fresh set of sanctions"
       sources: [treasury-jy1938, treasury-jy1938]
     """,
            2,
            "listed twice",
        ),
        (
            """
     - quote: "North Korea"
       sources: [treasury-jy1938]
     """,
            1,
            "occurs",
        ),
        (
            """
     - quote: "words the article never uses"
       sources: [treasury-jy1938]
     """,
            1,
            "is not in the article's paragraphs",
        ),
        (
            """
     quote: "a fresh set of sanctions"
     """,
            1,
            "must be a YAML list",
        ),
        (
            """
     - quote: "a fresh set of sanctions"
       sources: [treasury-jy1938
     """,
            3,
            "invalid YAML",
        ),
        (
            """
     - just a string
     """,
            1,
            "claim 1 must be a mapping",
        ),
    ],
)
def test_claim_errors_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, "claims.yml", body)
    err = error_of(load_claims, path, READING, SOURCES)
    assert str(err).startswith(f"{path}:{line}: "), str(err)
    assert message in str(err)
    assert err.hint, "every content error says how to fix it"


def test_an_unknown_source_id_suggests_the_near_ones(tmp_path):
    path = write(
        tmp_path,
        "claims.yml",
        """
        - quote: "a fresh set of sanctions"
          sources: [treasury-jy1939]
    """,
    )
    assert "Did you mean 'treasury-jy1938'" in str(error_of(load_claims, path, READING, SOURCES))


def test_an_empty_claims_file_means_no_claims(tmp_path):
    assert load_claims(write(tmp_path, "claims.yml", "# nothing yet\n"), READING, SOURCES) == []


# -- notes.yml ----------------------------------------------------------------------

NOTE = """
    - id: calls-on
      quote: "calls on states"
      title: Calls on, or decides?
      kind: gap
      text: The resolution *decides*.
      sources: [unscr-2270]
"""


def test_a_note_loads_with_rendered_markdown(tmp_path):
    [note] = load_notes(write(tmp_path, "notes.yml", NOTE), READING, SOURCES)
    assert (note.id, note.kind, note.anchor.para, note.line, note.key) == ("calls-on", "gap", 4, 1, "note:calls-on")
    assert note.html == "<p>The resolution <em>decides</em>.</p>"


@pytest.mark.parametrize(
    "body, line, message",
    [
        (
            NOTE + NOTE.replace('"calls on states"', '"a fresh set of sanctions"'),
            8,
            "duplicate note id 'calls-on' (first at line 1)",
        ),
        (NOTE.replace("kind: gap", "kind: rumour"), 4, "'kind' is 'rumour'"),
        (NOTE.replace("id: calls-on", "id: Calls On"), 1, "must be lowercase"),
        (NOTE.replace("[unscr-2270]", "[unscr-9999]"), 6, "unknown source 'unscr-9999'"),
        (NOTE.replace("      title: Calls on, or decides?\n", ""), 1, "'title' is missing"),
        (
            NOTE.replace("The resolution *decides*.", "See [this](javascript:alert(1))."),
            5,
            "note 1, text: link target 'javascript:alert(1)' is not allowed. Links must be full https:// addresses",
        ),
        (
            NOTE.replace("The resolution *decides*.", "'![map](https://example.org/map.png)'"),
            5,
            "images are not allowed",
        ),
        (NOTE.replace('"calls on states"', '"calls on State"'), 2, "is not in the article's paragraphs"),
    ],
)
def test_note_errors_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, "notes.yml", body)
    err = error_of(load_notes, path, READING, SOURCES)
    assert str(err).startswith(f"{path}:{line}: "), str(err)
    assert message in str(err)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"onmouseover="alert(1)',
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_raw_html_in_a_note_shows_as_text(text):
    soup = BeautifulSoup(render_note_markdown(text, "n.yml", 1), "html.parser")
    # One plain paragraph, no attributes anywhere: the markup is only text.
    assert [(tag.name, tag.attrs) for tag in soup.find_all(True)] == [("p", {})]
    assert soup.get_text() == text


def test_https_links_in_notes_are_kept():
    assert '<a href="https://example.org/a">here</a>' in render_note_markdown(
        "See [here](https://example.org/a).", "n.yml", 1
    )


# -- Who cites what -------------------------------------------------------------------


def test_unused_sources_are_the_ones_nothing_cites(tmp_path):
    claims = load_claims(
        write(
            tmp_path,
            "c.yml",
            """
        - quote: "a fresh set of sanctions"
          sources: [treasury-jy1938]
    """,
        ),
        READING,
        SOURCES,
    )
    notes = load_notes(write(tmp_path, "n.yml", NOTE), READING, SOURCES)
    used = cited_ids(claims, notes)
    assert used == {"treasury-jy1938", "unscr-2270"}
    unused = unused_sources(SOURCES, used)
    assert len(unused) == len(SOURCES) - 2
    assert [s.id for s in unused] == [s for s in SOURCES if s not in used]  # file order
