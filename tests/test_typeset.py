"""Quotations inside the article's sentences are marked so the stylesheet can
set them apart; the words themselves never change."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from readkit.authoring import esc
from readkit.seed import load_reading
from readkit.typeset import mark_quotations, quotation_spans

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")


def test_the_articles_three_quotations_are_found_whole():
    found = {p.number: [p.text[s:e] for s, e in quotation_spans(p.text)] for p in READING.paragraphs}
    quoted = {n: q for n, q in found.items() if q}
    assert sorted(quoted) == [3, 4, 9]
    # Apostrophes inside a quotation (DPRK’s, Korea’s) do not end it.
    assert quoted[3][0].startswith("‘that facilitate") and quoted[3][0].endswith("(WMD) programs’")
    assert quoted[4][0].startswith("‘“direct or indirect") and quoted[4][0].endswith("related activities’")
    assert quoted[9] == ["‘an unprecedented number of arms transfers and other trade activities’"]


def test_an_apostrophe_alone_is_no_quotation():
    assert quotation_spans("North Korea’s satellites and Russia’s help") == []
    assert quotation_spans("the ‘plan’s’ end") == [(4, 12)]  # possessive inside, closed at the end


@given(st.text(alphabet=st.sampled_from(list("ab ’‘“”s.<&")), max_size=60))
def test_marking_keeps_every_character_and_wraps_whole_quotations(text):
    out = mark_quotations(esc(text))
    assert re.sub(r"</?span[^>]*>", "", out) == esc(text)
    for start, end in quotation_spans(text):
        assert text[start] == "‘" and text[end - 1] == "’"
    assert out.count('<span class="ar-quote">') == len(quotation_spans(text)) == out.count("</span>")
