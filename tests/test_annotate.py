"""The annotation pass sets forbidden containers aside instead of parsing
them: same page, less work. These tests hold the fast path to the full walk."""

from __future__ import annotations

import html

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from readkit.annotate import PageState, annotate, set_aside
from test_glossary_terms import glossary_st, make_glossary, marked, provider, text_st

CONTAINERS = ["div", "section", "ul", "ol", "details", "aside", "p", "span", "em"]
CLASSES = [
    "",
    ' class="quiz"',
    ' class="ar-sources no-annotate"',
    ' class="plain"',
    ' aria-hidden="true"',
    ' data-class="no-annotate"',
]


@st.composite
def pages(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 5)) if depth < 3 else 0
        if choice == 0:
            parts.append(html.escape(draw(text_st), quote=False))
        elif choice == 1:
            # What an earlier run (or another widget) left: a term with its key.
            eid = draw(st.sampled_from(["e1", "e2", "e3"]))
            parts.append(f'<a class="gl-term" data-ar-key="term:{eid}" data-term="{eid}">{eid}</a>')
        else:
            tag = draw(st.sampled_from(CONTAINERS))
            parts.append(f"<{tag}{draw(st.sampled_from(CLASSES))}>{draw(pages(depth + 1))}</{tag}>")
    return "".join(parts)


def both(page: str, forms: dict, mark: str) -> tuple[str, str]:
    g = make_glossary(forms)
    outs = []
    for walk_all in (False, True):
        p, state = provider(g, mark), PageState()
        outs.append(p.finish(annotate(page, [p], state, walk_all=walk_all), state))
    return outs[0], outs[1]


def normal(markup: str) -> str:
    return BeautifulSoup(markup, "html.parser").decode()


@settings(max_examples=300, deadline=None)
@given(page=pages(), forms=glossary_st, mark=st.sampled_from(["first", "every"]))
def test_setting_containers_aside_changes_nothing(page, forms, mark):
    fast, full = both(page, forms, mark)
    assert normal(fast) == normal(full)


def test_a_key_in_a_container_counts_only_after_it():
    g = {"e1": ["orbit"]}
    page = '<p>orbit</p><div class="no-annotate"><a class="gl-term" data-ar-key="term:e1">orbit</a></div><p>orbit</p>'
    fast, full = both(page, g, "first")
    # The term is marked before the container, not after it (first use only).
    soup = BeautifulSoup(fast, "html.parser")
    assert [a.parent.name for a in soup.select("a.gl-term")] == ["p", "div"]
    assert normal(fast) == normal(full)


def test_containers_are_set_aside_whole_and_the_rest_is_kept():
    page = (
        '<p>a</p><section class="quiz"><div class="x"><div>q</div></div></section>'
        '<ol class="ar-sources no-annotate"><li>s</li></ol><div class="plain">b</div>'
    )
    short, blocks = set_aside(page)
    assert list(blocks.values()) == [
        '<section class="quiz"><div class="x"><div>q</div></div></section>',
        '<ol class="ar-sources no-annotate"><li>s</li></ol>',
    ]
    assert short.startswith("<p>a</p><!--") and short.endswith('<div class="plain">b</div>')
    assert "q" not in short.replace("quiz", "")


def test_containers_with_raw_text_or_no_end_are_parsed():
    for page in (
        '<div class="quiz"><script>var s = "</div>";</script></div>',
        '<div class="quiz"><!-- </div> --></div>',
        '<div class="quiz"><p>never closed',
    ):
        short, blocks = set_aside(page)
        assert blocks == {} and short == page


def test_a_placeholder_inside_raw_text_is_put_back():
    g = {"e1": ["orbit"]}
    page = "<script>var t = '<div class=\"quiz\">x</div>';</script><p>orbit</p>"
    fast, full = both(page, g, "first")
    assert '<div class="quiz">x</div>' in fast and "ar-aside-" not in fast
    assert marked(fast) == marked(full) == [("e1", "orbit")]
